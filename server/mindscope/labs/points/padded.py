"""One network shape for every architecture: masks instead of recompiling.

An architecture edit would cost a recompile of the train chunk and snapshot
(0.3 s with JAX's persistent cache, seconds without). The padded network is
8 hidden layers of 16 units over all 7 features, compiled once; which features,
layers and units take part, and each layer's activation, travel as traced
masks (`Arch`). Unused layers pass their input through unchanged, unused units
output 0 (so their weights get zero gradients and stay 0), so the padded
network computes exactly what the real one does. It trains small networks
about 3x slower, so it only bridges the moments while the exact network
compiles in the background.
"""

import itertools
from dataclasses import dataclass
from typing import Any, NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

from ...engine.activations import ACTIVATIONS
from ...engine.layers import affine
from ...engine.model import Forward, Group
from ...vocabulary import MAX_LAYERS, MAX_NEURONS
from .features import FEATURES, feature_matrix
from .network import DenseNet, Layers, layer_groups
from .views import plane_views

WIDTH = MAX_NEURONS  # every padded layer, the feature layer included
DEPTH = MAX_LAYERS
ALL_FEATURES = tuple(FEATURES)
_ACTIVATION_FNS = tuple(ACTIVATIONS.values())


class Arch(NamedTuple):
    """Which parts of the padded network take part, as traced arrays."""

    features: jax.Array  # (WIDTH,) 1 for each feature in use
    active: jax.Array  # (DEPTH,) 1 for each hidden layer in use
    units: jax.Array  # (DEPTH, WIDTH) 1 for each unit in use
    activation: jax.Array  # (DEPTH,) int index into ACTIVATIONS
    outputs: jax.Array  # (outputs,) 1 for each output in use


def arch_of(model: DenseNet, outputs: int | None = None) -> Arch:
    """The masks of `model` in a padded network of `outputs` outputs (the model's own
    count by default)."""
    features = np.zeros(WIDTH, np.float32)
    features[[ALL_FEATURES.index(f) for f in model.features]] = 1
    active = np.zeros(DEPTH, np.float32)
    active[: len(model.hidden)] = 1
    units = np.zeros((DEPTH, WIDTH), np.float32)
    for i, n in enumerate(model.hidden):
        units[i, :n] = 1
    names = list(ACTIVATIONS)
    activation = np.zeros(DEPTH, np.int32)
    activation[: len(model.hidden)] = [names.index(a) for a in model.activations]
    in_use = np.zeros(outputs or model.n_outputs, np.float32)
    in_use[: model.n_outputs] = 1
    return Arch(*(jnp.asarray(a) for a in (features, active, units, activation, in_use)))


@dataclass(frozen=True)
class PaddedNet:
    """The Model interface over the padded shape; `apply` needs the Arch."""

    n_outputs: int = 1

    @property
    def layer_sizes(self) -> tuple[int, ...]:
        return (WIDTH,) * (DEPTH + 1) + (self.n_outputs,)

    def init(self, seed: int = 0, scheme: str = "uniform") -> Layers:
        del seed, scheme  # padded parameters always come from an exact network (pad)
        sizes = self.layer_sizes
        return [{"w": jnp.zeros((a, b), jnp.float32), "b": jnp.zeros(b, jnp.float32)}
                for a, b in itertools.pairwise(sizes)]

    def apply(
        self, params: Layers, x: jax.Array, dropout: jax.Array | None = None,
        key: jax.Array | None = None, arch: Arch | None = None,
    ) -> tuple[jax.Array, dict[str, jax.Array]]:
        if arch is None:
            raise ValueError("the padded network needs its Arch")
        features = feature_matrix(ALL_FEATURES, x)
        h = jnp.pad(features, ((0, 0), (0, WIDTH - features.shape[1]))) * arch.features
        activations = {"features": h}
        for i, layer in enumerate(params[:-1]):
            z = affine(h, layer["w"], layer["b"])
            out = jax.lax.switch(arch.activation[i], _ACTIVATION_FNS, z) * arch.units[i]
            if key is not None and dropout is not None:
                keep = 1.0 - dropout[i]
                mask = jax.random.bernoulli(jax.random.fold_in(key, i), keep, out.shape)
                out = jnp.where(mask, out / keep, 0.0)
            h = jnp.where(arch.active[i] > 0, out, h)
            activations[f"hidden{i + 1}"] = h
        return affine(h, params[-1]["w"], params[-1]["b"]), activations

    def groups(self, params: Layers, acts: dict[str, jax.Array] | None = None,
               arch: Arch | None = None) -> list[Group]:
        if arch is None:
            raise ValueError("the padded network needs its Arch")
        return [group._replace(weight_mask=weights, unit_mask=units) for group, (weights, units)
                in zip(layer_groups(params, acts), self.stat_masks(arch), strict=True)]

    def views(self, forward: Forward, head: Any, params: Layers, h: Any, probes: Any,
              ) -> dict[str, jax.Array]:
        return plane_views(forward, head, params, h, probes)

    def stat_masks(self, arch: Arch) -> list[tuple[jax.Array, jax.Array]]:
        """Per layer, 1 for the weights and units that belong to the exact network, so
        statistics over the padded one leave the padding out."""
        in_use = jnp.sum(arch.active)
        last = arch.units[jnp.maximum(in_use.astype(jnp.int32) - 1, 0)]
        inputs = [arch.features, *arch.units[:-1], jnp.where(in_use > 0, last, arch.features)]
        outputs = [*arch.units, arch.outputs]
        return [(i[:, None] * o[None, :], o) for i, o in zip(inputs, outputs, strict=True)]


def _input_rows(model: DenseNet, layer: int) -> list[int]:
    """Padded rows holding the inputs of exact layer `layer` (the output layer included)."""
    if layer == 0:
        return [ALL_FEATURES.index(f) for f in model.features]
    return list(range(model.hidden[layer - 1]))


def _padded_layer(model: DenseNet, layer: int) -> int:
    """Exact layer -> padded layer: hidden layers map 1:1, the output layer to the last."""
    return DEPTH if layer == len(model.hidden) else layer


def pad(params: Layers, model: DenseNet, outputs: int | None = None) -> Layers:
    """Exact parameters placed in the padded shape (of `outputs` outputs, by default the
    model's own count); everything else 0."""
    padded = [{k: np.zeros(v.shape, np.float32) for k, v in layer.items()}
              for layer in PaddedNet(outputs or model.n_outputs).init()]
    for i, layer in enumerate(params):
        target = padded[_padded_layer(model, i)]
        rows = _input_rows(model, i)
        width = np.asarray(layer["b"]).shape[0]
        target["w"][rows, :width] = np.asarray(layer["w"])
        target["b"][:width] = np.asarray(layer["b"])
    return [{k: jnp.asarray(v) for k, v in layer.items()} for layer in padded]


def unpad(padded: Layers, model: DenseNet) -> list[dict[str, np.ndarray]]:
    """The exact network's parameters (or gradients) read back from the padded shape."""
    host = jax.device_get(padded)
    result = []
    for i, width in enumerate(model.layer_sizes[1:]):
        source = host[_padded_layer(model, i)]
        result.append({"w": np.asarray(source["w"])[_input_rows(model, i), :width],
                       "b": np.asarray(source["b"])[:width]})
    return result


def exact_nodes(model: DenseNet) -> np.ndarray:
    """Indices of the exact network's nodes (features, then hidden units) among the
    padded snapshot's nodes (WIDTH feature columns, then WIDTH per hidden layer)."""
    nodes = [ALL_FEATURES.index(f) for f in model.features]
    for i, n in enumerate(model.hidden):
        nodes += [WIDTH * (i + 1) + j for j in range(n)]
    return np.array(nodes)


def exact_layers(model: DenseNet) -> np.ndarray:
    """Rows of the padded per-layer statistics that belong to the exact layers."""
    return np.array([*range(len(model.hidden)), DEPTH])
