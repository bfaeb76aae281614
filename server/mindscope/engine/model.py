"""Models: an init and an apply that returns the output and every activation by name.

The train chunk and snapshot only use this interface (`Model`), so other model
kinds (CNN, RNN, attention) plug in beside the dense network.
"""

import itertools
from dataclasses import dataclass
from typing import Any, Protocol

import jax
import jax.numpy as jnp
import numpy as np

from .activations import ACTIVATIONS
from .features import feature_matrix
from .initializers import INITIALIZERS, initial_bias

Params = list[dict[str, jax.Array]]


class Model(Protocol):
    """`arch` carries structure as data for models that take it (see padded.py)."""

    def init(self, seed: int, scheme: str) -> Params: ...

    def apply(
        self, params: Params, x: jax.Array, dropout: jax.Array | None = None,
        key: jax.Array | None = None, arch: Any = None,
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

    def init(self, seed: int, scheme: str = "uniform") -> Params:
        """Initial parameters, the same for the same seed."""
        rng = np.random.default_rng(seed)
        return [
            {"w": jnp.asarray(INITIALIZERS[scheme](rng, n_in, n_out), jnp.float32),
             "b": jnp.asarray(initial_bias(scheme, n_out), jnp.float32)}
            for n_in, n_out in itertools.pairwise(self.layer_sizes)
        ]

    def apply(
        self, params: Params, x: jax.Array, dropout: jax.Array | None = None,
        key: jax.Array | None = None, arch: Any = None,
    ) -> tuple[jax.Array, dict[str, jax.Array]]:
        """x: (N, 2) points. With a key, hidden layer i drops units at rate dropout[i].
        `arch` is unused: this network's structure is its own."""
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
