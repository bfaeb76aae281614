"""Weight initialisation schemes; biases start at 0.1 as in TensorFlow Playground (0 for zeros)."""

from collections.abc import Callable

import jax
import jax.numpy as jnp

Initializer = Callable[[jax.Array, int, int], jax.Array]


def _uniform(key: jax.Array, n_in: int, n_out: int) -> jax.Array:
    return jax.random.uniform(key, (n_in, n_out), jnp.float32, -0.5, 0.5)


def _xavier(key: jax.Array, n_in: int, n_out: int) -> jax.Array:
    limit = jnp.sqrt(6.0 / (n_in + n_out))
    return jax.random.uniform(key, (n_in, n_out), jnp.float32, -limit, limit)


def _he(key: jax.Array, n_in: int, n_out: int) -> jax.Array:
    return jax.random.normal(key, (n_in, n_out), jnp.float32) * jnp.sqrt(2.0 / n_in)


def _zeros(key: jax.Array, n_in: int, n_out: int) -> jax.Array:
    return jnp.zeros((n_in, n_out), jnp.float32)


INITIALIZERS: dict[str, Initializer] = {
    "uniform": _uniform,
    "xavier": _xavier,
    "he": _he,
    "zeros": _zeros,
}


def initial_bias(scheme: str, n_out: int) -> jax.Array:
    return jnp.full((n_out,), 0.0 if scheme == "zeros" else 0.1, jnp.float32)
