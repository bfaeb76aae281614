"""The 2D lab's dense network: features of (x1, x2), then fully connected layers."""

import itertools
from dataclasses import dataclass
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from ...engine.activations import ACTIVATIONS
from ...engine.initializers import INITIALIZERS, initial_bias
from ...engine.layers import affine
from ...engine.model import Forward, Group
from .features import feature_matrix
from .views import plane_views

Layers = list[dict[str, jax.Array]]  # per layer {"w": (n_in, n_out), "b": (n_out,)}
HostLayers = list[dict[str, np.ndarray]]  # the same on the host (edits, files)


def layer_groups(params: Layers, acts: dict[str, jax.Array] | None) -> list[Group]:
    """A group per layer: its weights (not its bias, as TensorFlow Playground regularizes)
    and its output ("hidden1" …, then the head's "output")."""
    names = [f"hidden{i + 1}" for i in range(len(params) - 1)] + ["output"]
    return [Group(layer["w"], None if acts is None else acts[name])
            for layer, name in zip(params, names, strict=True)]


@dataclass(frozen=True)
class DenseNet:
    """Frozen so it keys jit caches.

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

    def init(self, seed: int, scheme: str = "uniform") -> Layers:
        """Initial parameters, the same for the same seed."""
        rng = np.random.default_rng(seed)
        return [
            {"w": jnp.asarray(INITIALIZERS[scheme](rng, n_in, n_out), jnp.float32),
             "b": jnp.asarray(initial_bias(scheme, n_out), jnp.float32)}
            for n_in, n_out in itertools.pairwise(self.layer_sizes)
        ]

    def apply(
        self, params: Layers, x: jax.Array, dropout: jax.Array | None = None,
        key: jax.Array | None = None, arch: Any = None,
    ) -> tuple[jax.Array, dict[str, jax.Array]]:
        """x: (N, 2) points. With a key, hidden layer i drops units at rate dropout[i].
        `arch` is unused: this network's structure is its own."""
        h = feature_matrix(self.features, x)
        activations = {"features": h}
        for i, (layer, name) in enumerate(zip(params[:-1], self.activations, strict=True)):
            h = ACTIVATIONS[name](affine(h, layer["w"], layer["b"]))
            activations[f"hidden{i + 1}"] = h
            if key is not None and dropout is not None:
                keep = 1.0 - dropout[i]
                mask = jax.random.bernoulli(jax.random.fold_in(key, i), keep, h.shape)
                h = jnp.where(mask, h / keep, 0.0)
        return affine(h, params[-1]["w"], params[-1]["b"]), activations

    def groups(self, params: Layers, acts: dict[str, jax.Array] | None = None,
               arch: Any = None) -> list[Group]:
        return layer_groups(params, acts)

    def views(self, forward: Forward, head: Any, params: Layers, h: Any, probes: Any,
              ) -> dict[str, jax.Array]:
        return plane_views(forward, head, params, h, probes)
