"""Problems, their output activations and losses.

The network's last layer yields logits; each head says how logits become the
shown output and which loss compares them with targets. Targets are +1/-1 for
binary problems, class indices for multi-class ones and values for regression.
"""

from collections.abc import Callable
from dataclasses import dataclass

import jax
import jax.numpy as jnp
import optax

PerExampleLoss = Callable[[jax.Array, jax.Array], jax.Array]


@dataclass(frozen=True)
class Head:
    output_activation: Callable[[jax.Array], jax.Array]
    loss: PerExampleLoss  # (logits (N, K), targets (N, 1)) -> (N,)
    display_activation: str  # the name shown in formulas


def _half_squared(logits: jax.Array, y: jax.Array) -> jax.Array:
    return 0.5 * jnp.sum((logits - y) ** 2, axis=-1)


def _tanh_squared(logits: jax.Array, y: jax.Array) -> jax.Array:
    # Half squared error of a tanh output, as TensorFlow Playground trains it.
    return _half_squared(jnp.tanh(logits), y)


def _log_loss(logits: jax.Array, y: jax.Array) -> jax.Array:
    return optax.sigmoid_binary_cross_entropy(logits[:, 0], (y[:, 0] + 1) / 2)


def _cross_entropy(logits: jax.Array, y: jax.Array) -> jax.Array:
    return optax.softmax_cross_entropy_with_integer_labels(logits, y[:, 0].astype(jnp.int32))


def _huber(logits: jax.Array, y: jax.Array) -> jax.Array:
    return jnp.sum(optax.huber_loss(logits, y, delta=1.0), axis=-1)


HEADS: dict[tuple[str, str], Head] = {
    ("binary", "mse"): Head(jnp.tanh, _tanh_squared, "tanh"),
    ("binary", "log"): Head(jax.nn.sigmoid, _log_loss, "sigmoid"),
    ("multiclass", "cross_entropy"): Head(jax.nn.softmax, _cross_entropy, "softmax"),
    ("regression", "mse"): Head(lambda z: z, _half_squared, "linear"),
    ("regression", "huber"): Head(lambda z: z, _huber, "linear"),
}  # keyed by vocabulary.LOSSES_BY_PROBLEM's pairs


def score(problem: str, loss: str, logits: jax.Array) -> jax.Array:
    """One number per point for the output map: [-1, 1] for binary, the value for regression,
    the winning probability for multi-class (whose class comes from argmax)."""
    out = HEADS[(problem, loss)].output_activation(logits)
    if problem == "binary":
        return out[:, 0] if loss == "mse" else 2 * out[:, 0] - 1
    if problem == "multiclass":
        return jnp.max(out, axis=-1)
    return out[:, 0]


def accuracy(problem: str, loss: str, logits: jax.Array, y: jax.Array) -> jax.Array:
    """Share of points classified right; NaN for regression."""
    if problem == "binary":
        return jnp.mean(jnp.where(score(problem, loss, logits) >= 0, 1.0, -1.0) == y[:, 0])
    if problem == "multiclass":
        return jnp.mean(jnp.argmax(logits, axis=-1) == y[:, 0].astype(jnp.int32))
    return jnp.float32(jnp.nan)
