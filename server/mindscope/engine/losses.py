"""Loss functions by name, each mean over a batch of predictions and targets."""

from collections.abc import Callable

import jax
import jax.numpy as jnp

Loss = Callable[[jax.Array, jax.Array], jax.Array]


def mse(pred: jax.Array, target: jax.Array) -> jax.Array:
    # Half squared error, as TensorFlow Playground reports it.
    return 0.5 * jnp.mean(jnp.sum((pred - target) ** 2, axis=-1))


LOSSES: dict[str, Loss] = {"mse": mse}
