"""Jitted training: a fused chunk of optimizer steps and a snapshot for the visualizer.

Hyperparameters that users change live (the learning rate) travel as traced
values inside the optimizer state, so changing them never recompiles. The
number of steps in a chunk is traced too (a while loop), so the speed control
never recompiles either.
"""

from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import NamedTuple

import jax
import jax.numpy as jnp
import optax

from .losses import LOSSES
from .model import DenseNet, Params

MAX_CHUNK = 2048


class TrainState(NamedTuple):
    params: Params
    opt_state: optax.OptState
    step: jax.Array
    key: jax.Array


class Dataset(NamedTuple):
    x_train: jax.Array
    y_train: jax.Array
    x_test: jax.Array
    y_test: jax.Array


class Snapshot(NamedTuple):
    train_loss: jax.Array
    test_loss: jax.Array
    output_grid: jax.Array  # network output over the grid, shape (R, R)
    finite: jax.Array  # False once loss or parameters stop being finite


@dataclass(frozen=True)
class Trainer:
    """Compiled train and snapshot functions for one model, loss and batch size."""

    model: DenseNet
    loss: str = "mse"
    batch_size: int = 10

    @cached_property
    def optimizer(self) -> optax.GradientTransformation:
        return optax.inject_hyperparams(optax.sgd)(learning_rate=0.03)

    def init_state(self, key: jax.Array, learning_rate: float) -> TrainState:
        init_key, train_key = jax.random.split(key)
        params = self.model.init(init_key)
        opt_state = self.optimizer.init(params)
        state = TrainState(params, opt_state, jnp.int32(0), train_key)
        return with_learning_rate(state, learning_rate)

    def batch_loss(self, params: Params, x: jax.Array, y: jax.Array) -> jax.Array:
        pred, _ = self.model.apply(params, x)
        return LOSSES[self.loss](pred, y)

    @cached_property
    def train_chunk(self):
        """(state, x, y, num_steps) -> (state, per-step losses padded with NaN to MAX_CHUNK)."""

        def run(state: TrainState, x: jax.Array, y: jax.Array, num_steps: jax.Array):
            key, sample_key = jax.random.split(state.key)
            # One RNG call for every batch of the chunk is faster than one per step.
            batches = jax.random.randint(
                sample_key, (MAX_CHUNK, self.batch_size), 0, x.shape[0]
            )
            grad_fn = jax.value_and_grad(self.batch_loss)

            def step(i, carry):
                params, opt_state, losses = carry
                idx = batches[i]
                loss, grads = grad_fn(params, x[idx], y[idx])
                updates, opt_state = self.optimizer.update(grads, opt_state, params)
                return optax.apply_updates(params, updates), opt_state, losses.at[i].set(loss)

            losses = jnp.full((MAX_CHUNK,), jnp.nan)
            n = jnp.minimum(num_steps, MAX_CHUNK)
            params, opt_state, losses = jax.lax.fori_loop(
                0, n, step, (state.params, state.opt_state, losses)
            )
            return TrainState(params, opt_state, state.step + n, key), losses

        return jax.jit(run)

    @cached_property
    def snapshot(self):
        """(params, data, grid) -> Snapshot."""

        def run(params: Params, data: Dataset, grid: jax.Array) -> Snapshot:
            train_loss = self.batch_loss(params, data.x_train, data.y_train)
            test_loss = self.batch_loss(params, data.x_test, data.y_test)
            out, _ = self.model.apply(params, grid.reshape(-1, grid.shape[-1]))
            finite = jnp.isfinite(train_loss) & all_finite(params)
            return Snapshot(train_loss, test_loss, out[:, 0].reshape(grid.shape[:2]), finite)

        return jax.jit(run)


@lru_cache(maxsize=64)
def trainer_for(model: DenseNet, loss: str, batch_size: int) -> Trainer:
    """Share compiled functions between sessions with the same architecture."""
    return Trainer(model, loss, batch_size)


def with_learning_rate(state: TrainState, learning_rate: float) -> TrainState:
    hyper = {**state.opt_state.hyperparams, "learning_rate": jnp.float32(learning_rate)}
    return state._replace(opt_state=state.opt_state._replace(hyperparams=hyper))


def all_finite(tree: Params) -> jax.Array:
    leaves = jax.tree_util.tree_leaves(tree)
    return jnp.all(jnp.stack([jnp.all(jnp.isfinite(leaf)) for leaf in leaves]))


def input_grid(resolution: int, extent: float = 6.0) -> jax.Array:
    """Points of the input plane, shape (R, R, 2); row 0 is the top (largest x2)."""
    axis = jnp.linspace(-extent, extent, resolution)
    x1, x2 = jnp.meshgrid(axis, axis[::-1])
    return jnp.stack([x1, x2], axis=-1)
