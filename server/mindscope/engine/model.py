"""Models: an init and an apply that returns the output and every activation by name.

The train chunk and snapshot only use this interface (`Model`), so other model
kinds (CNN, RNN, attention) plug in beside the dense network.
"""

from dataclasses import dataclass
from typing import Protocol

import jax
import jax.numpy as jnp

from .activations import ACTIVATIONS
from .features import feature_matrix
from .initializers import INITIALIZERS, initial_bias

Params = list[dict[str, jax.Array]]


class Model(Protocol):
    def init(self, key: jax.Array, scheme: str) -> Params: ...

    def apply(
        self, params: Params, x: jax.Array, dropout: jax.Array | None = None,
        key: jax.Array | None = None,
    ) -> tuple[jax.Array, dict[str, jax.Array]]: ...


@dataclass(frozen=True)
class DenseNet:
    """Features of (x1, x2), then fully connected layers; frozen so it keys jit caches.

    apply() returns the logits of the last layer and a dict of every hidden
    layer's output: "features", "hidden1" … "hiddenN". The output activation
    belongs to the loss (see losses.HEADS), which needs the logits.
    """

    features: tuple[str, ...] = ("x1", "x2")
    hidden: tuple[int, ...] = (4, 2)
    activations: tuple[str, ...] = ("tanh", "tanh")
    n_outputs: int = 1

    def __post_init__(self) -> None:
        if len(self.activations) != len(self.hidden):
            raise ValueError("one activation per hidden layer")

    @property
    def layer_sizes(self) -> tuple[int, ...]:
        return (len(self.features), *self.hidden, self.n_outputs)

    def init(self, key: jax.Array, scheme: str = "uniform") -> Params:
        sizes = self.layer_sizes
        keys = jax.random.split(key, len(sizes) - 1)
        return [
            {"w": INITIALIZERS[scheme](k, n_in, n_out), "b": initial_bias(scheme, n_out)}
            for k, n_in, n_out in zip(keys, sizes[:-1], sizes[1:], strict=True)
        ]

    def apply(
        self, params: Params, x: jax.Array, dropout: jax.Array | None = None,
        key: jax.Array | None = None,
    ) -> tuple[jax.Array, dict[str, jax.Array]]:
        """x: (N, 2) points. With a key, hidden layer i drops units at rate dropout[i]."""
        h = feature_matrix(self.features, x)
        activations = {"features": h}
        for i, (layer, name) in enumerate(zip(params[:-1], self.activations, strict=True)):
            h = ACTIVATIONS[name](h @ layer["w"] + layer["b"])
            activations[f"hidden{i + 1}"] = h
            if key is not None and dropout is not None:
                keep = 1.0 - dropout[i]
                mask = jax.random.bernoulli(jax.random.fold_in(key, i), keep, h.shape)
                h = jnp.where(mask, h / keep, 0.0)
        return h @ params[-1]["w"] + params[-1]["b"], activations
