"""Problems, their output activations and losses.

The network's last layer yields logits; each head says how logits become the
shown output and which loss compares them with targets. Targets are +1/-1 for
binary problems, class indices for multi-class ones and values for regression.
Logits (N, K) come with targets (N, 1); a model with an output at every step of a
sequence gives logits (N, T, K) and targets (N, T, 1), and a loss per example and step.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

import jax
import jax.numpy as jnp
import optax

PerExampleLoss = Callable[[jax.Array, jax.Array], jax.Array]


@dataclass(frozen=True)
class Head:
    output_activation: Callable[[jax.Array], jax.Array]
    loss: PerExampleLoss  # (logits (N, K), targets (N, 1)) -> (N,); (N, T, …) -> (N, T)
    display_activation: str  # the name shown in formulas


def _half_squared(logits: jax.Array, y: jax.Array) -> jax.Array:
    return 0.5 * jnp.sum((logits - y) ** 2, axis=-1)


def _tanh_squared(logits: jax.Array, y: jax.Array) -> jax.Array:
    # Half squared error of a tanh output, as TensorFlow Playground trains it.
    return _half_squared(jnp.tanh(logits), y)


def _log_loss(logits: jax.Array, y: jax.Array) -> jax.Array:
    return cast(jax.Array, optax.sigmoid_binary_cross_entropy(  # optax: untyped
        logits[..., 0], (y[..., 0] + 1) / 2))


def _cross_entropy(logits: jax.Array, y: jax.Array) -> jax.Array:
    return cast(jax.Array, optax.softmax_cross_entropy_with_integer_labels(  # optax: untyped
        logits, y[..., 0].astype(jnp.int32)))


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
        return out[..., 0] if loss == "mse" else 2 * out[..., 0] - 1
    if problem == "multiclass":
        return jnp.max(out, axis=-1)
    return out[..., 0]


def weighted_mean(values: jax.Array, weights: jax.Array) -> jax.Array:
    """The mean of the values of weight 1 (weight 0: padding, left out): weights (N,),
    values (N,) or (N, T) (one per step of a sequence, each step counting alike)."""
    per_example = values.size // max(weights.size, 1)
    weights = weights.reshape(weights.shape + (1,) * (values.ndim - weights.ndim))
    return jnp.sum(values * weights) / jnp.maximum(jnp.sum(weights) * per_example, 1.0)


def accuracy(problem: str, loss: str, logits: jax.Array, y: jax.Array,
             weights: jax.Array) -> jax.Array:
    """Share of the points of weight 1 classified right; NaN for regression."""
    if problem == "binary":
        right = jnp.where(score(problem, loss, logits) >= 0, 1.0, -1.0) == y[..., 0]
    elif problem == "multiclass":
        right = jnp.argmax(logits, axis=-1) == y[..., 0].astype(jnp.int32)
    else:
        return cast(jax.Array, jnp.float32(jnp.nan))  # jnp.float32(...) is typed Any
    return weighted_mean(right.astype(jnp.float32), weights)


HEAD_KEYS = tuple(HEADS)  # a head's index, as AnyHead's traced value selects it


@dataclass(frozen=True)
class FixedHead:
    """What a trainer of one problem and loss reads from its logits."""

    problem: str
    loss: str

    def losses(self, logits: jax.Array, y: jax.Array) -> jax.Array:
        return HEADS[(self.problem, self.loss)].loss(logits, y)

    def output(self, logits: jax.Array) -> jax.Array:
        return HEADS[(self.problem, self.loss)].output_activation(logits)

    def score(self, logits: jax.Array) -> jax.Array:
        return score(self.problem, self.loss, logits)

    def output_range(self, values: jax.Array) -> jax.Array:
        """The range the output map is quantized over: the values' own for regression."""
        if self.problem == "regression":
            return jnp.stack([jnp.min(values), jnp.max(values)])
        return jnp.array([-1.0 if self.problem == "binary" else 0.0, 1.0])

    def classes(self, logits: jax.Array) -> jax.Array:
        """The winning class of each point (multi-class), else zeros."""
        if self.problem == "multiclass":
            return jnp.argmax(logits, axis=-1).astype(jnp.int32)
        return jnp.zeros(logits.shape[0], jnp.int32)

    def accuracy(self, logits: jax.Array, y: jax.Array, weights: jax.Array) -> jax.Array:
        return accuracy(self.problem, self.loss, logits, y, weights)


@dataclass(frozen=True)
class AnyHead:
    """Every head in one program: `index` (traced) picks one of HEAD_KEYS, and `outputs`
    marks the logits in use (the classes of a multi-class problem; one logit otherwise)."""

    index: jax.Array
    outputs: jax.Array  # (K,) 1 for each logit in use

    def _each(self, read: Callable[[FixedHead, jax.Array], jax.Array],
              logits: jax.Array) -> jax.Array:
        def branch(head: FixedHead) -> Callable[[], jax.Array]:
            if head.problem == "multiclass":  # unused classes get no probability
                return lambda: read(head, jnp.where(self.outputs > 0, logits, -1e9))
            return lambda: read(head, logits[:, :1])

        return cast(jax.Array, jax.lax.switch(  # lax.switch is typed to return Any
            self.index, [branch(FixedHead(*key)) for key in HEAD_KEYS]))

    def losses(self, logits: jax.Array, y: jax.Array) -> jax.Array:
        return self._each(lambda head, z: head.losses(z, y), logits)

    def output(self, logits: jax.Array) -> jax.Array:
        """The head's output, padded with zeros to all K logits."""
        width = logits.shape[1]
        return self._each(lambda head, z: jnp.pad(head.output(z),
                                                   ((0, 0), (0, width - z.shape[1]))), logits)

    def score(self, logits: jax.Array) -> jax.Array:
        return self._each(FixedHead.score, logits)

    def output_range(self, values: jax.Array) -> jax.Array:
        return cast(jax.Array, jax.lax.switch(self.index, [  # lax.switch: typed Any
            (lambda head=FixedHead(*key): head.output_range(values)) for key in HEAD_KEYS]))

    def classes(self, logits: jax.Array) -> jax.Array:
        return self._each(FixedHead.classes, logits)

    def accuracy(self, logits: jax.Array, y: jax.Array, weights: jax.Array) -> jax.Array:
        return self._each(lambda head, z: head.accuracy(z, y, weights).astype(jnp.float32),
                          logits)
