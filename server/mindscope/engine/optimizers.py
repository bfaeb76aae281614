"""Optimizers (optax) and learning-rate schedules, with every hyperparameter traced.

optax.inject_hyperparams keeps each optimizer's hyperparameters in its state as
arrays, and the train step writes the current values there before each update,
so changing any of them (or the schedule) never recompiles.
"""

from collections.abc import Callable
from functools import partial
from typing import NamedTuple

import jax
import jax.numpy as jnp
import optax

from ..vocabulary import OPTIMIZER_NAMES, OPTIMIZER_SETTINGS

_FACTORIES = {
    "sgd": optax.sgd,
    "momentum": optax.sgd,
    "nesterov": partial(optax.sgd, nesterov=True),
    "adam": optax.adam,
    "adamw": optax.adamw,
    "rmsprop": optax.rmsprop,
    "adagrad": optax.adagrad,
}

# Each setting's name in optax (and Hyper), with a value used only to build the state's
# structure: the train step overwrites it.
_OPTAX_ARGS = {"learning_rate": ("learning_rate", 0.01), "momentum": ("momentum", 0.9),
               "beta1": ("b1", 0.9), "beta2": ("b2", 0.999),
               "weight_decay": ("weight_decay", 1e-4), "rms_decay": ("decay", 0.9)}


ANY = "any"  # every optimizer in one program, the one in use picked by a traced index


class AnyState(NamedTuple):
    choice: jax.Array  # int32 index into OPTIMIZER_NAMES
    states: tuple[optax.OptState, ...]  # one per optimizer


def make_optimizer(name: str) -> optax.GradientTransformation:
    if name == ANY:
        return _any_optimizer()
    values = dict(_OPTAX_ARGS[k] for k in ("learning_rate", *OPTIMIZER_SETTINGS[name]))
    return optax.inject_hyperparams(_FACTORIES[name])(**values)


def _any_optimizer() -> optax.GradientTransformation:
    """Each optimizer's own state side by side, and a `lax.switch` that updates with the
    chosen one: switching optimizers then costs no compile."""
    each = [make_optimizer(name) for name in OPTIMIZER_NAMES]

    def init(params: optax.Params) -> AnyState:
        return AnyState(jnp.int32(0), tuple(o.init(params) for o in each))

    def update(grads: optax.Updates, state: AnyState, params: optax.Params | None = None,
               ) -> tuple[optax.Updates, AnyState]:
        def branch(i: int) -> Callable[[], tuple[optax.Updates, tuple[optax.OptState, ...]]]:
            def run() -> tuple[optax.Updates, tuple[optax.OptState, ...]]:
                updates, mine = each[i].update(grads, state.states[i], params)
                return updates, (*state.states[:i], mine, *state.states[i + 1:])
            return run

        updates, states = jax.lax.switch(state.choice, [branch(i) for i in range(len(each))])
        return updates, state._replace(states=states)

    return optax.GradientTransformation(init, update)


def set_hyperparams(opt_state: optax.OptState, values: dict[str, jax.Array]) -> optax.OptState:
    """Write the traced values of the optimizer's own hyperparameters into its state
    (those we do not expose, such as Adam's eps, keep their defaults); for the `ANY`
    optimizer, into each one's, and `values["optimizer"]` picks the one in use."""
    if isinstance(opt_state, AnyState):
        return AnyState(jnp.asarray(values["optimizer"], jnp.int32),
                        tuple(set_hyperparams(s, values) for s in opt_state.states))
    updated = {k: jnp.asarray(values.get(k, v), jnp.float32)
               for k, v in opt_state.hyperparams.items()}
    return opt_state._replace(hyperparams=updated)


def schedule_factor(kind: jax.Array, step: jax.Array, period: jax.Array, gamma: jax.Array,
                    warmup: jax.Array) -> jax.Array:
    """The learning rate's multiplier at `step`; `kind` indexes vocabulary.SCHEDULES
    (traced)."""
    t = step.astype(jnp.float32)
    factor: jax.Array = jax.lax.switch(kind, [
        lambda: jnp.float32(1.0),
        lambda: gamma ** jnp.floor(t / period),
        lambda: 0.5 * (1 + jnp.cos(jnp.pi * jnp.minimum(t, period) / period)),
    ])
    return factor * jnp.where(warmup > 0, jnp.minimum(1.0, (t + 1) / jnp.maximum(warmup, 1)), 1.0)
