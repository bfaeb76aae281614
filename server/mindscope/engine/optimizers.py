"""Optimizers (optax) and learning-rate schedules, with every hyperparameter traced.

optax.inject_hyperparams keeps each optimizer's hyperparameters in its state as
arrays, and the train step writes the current values there before each update,
so changing any of them (or the schedule) never recompiles.
"""

from functools import partial

import jax
import jax.numpy as jnp
import optax

from ..vocabulary import OPTIMIZER_SETTINGS

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


def make_optimizer(name: str) -> optax.GradientTransformation:
    values = dict(_OPTAX_ARGS[k] for k in ("learning_rate", *OPTIMIZER_SETTINGS[name]))
    return optax.inject_hyperparams(_FACTORIES[name])(**values)


def set_hyperparams(opt_state: optax.OptState, values: dict[str, jax.Array]) -> optax.OptState:
    """Write the traced values of the optimizer's own hyperparameters into its state
    (those we do not expose, such as Adam's eps, keep their defaults)."""
    updated = {k: jnp.asarray(values.get(k, v), jnp.float32)
               for k, v in opt_state.hyperparams.items()}
    return opt_state._replace(hyperparams=updated)


def schedule_factor(kind: jax.Array, step: jax.Array, period: jax.Array, gamma: jax.Array,
                    warmup: jax.Array) -> jax.Array:
    """The learning rate's multiplier at `step`; `kind` indexes vocabulary.SCHEDULES
    (traced)."""
    t = step.astype(jnp.float32)
    factor = jax.lax.switch(kind, [
        lambda: jnp.float32(1.0),
        lambda: gamma ** jnp.floor(t / period),
        lambda: 0.5 * (1 + jnp.cos(jnp.pi * jnp.minimum(t, period) / period)),
    ])
    return factor * jnp.where(warmup > 0, jnp.minimum(1.0, (t + 1) / jnp.maximum(warmup, 1)), 1.0)
