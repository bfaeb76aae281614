"""What a frame of the 2D lab shows of its network: the output over the input plane and
every neuron's map, computed inside the snapshot's jit."""

from typing import Any, NamedTuple

import jax
import jax.numpy as jnp

from ...engine.model import Forward
from ...engine.training import quantize
from ...vocabulary import PLANE_EXTENT


class Probes(NamedTuple):
    output_grid: jax.Array  # (Ro, Ro, 2) points of the plane for the output map
    neuron_grid: jax.Array  # (Rn, Rn, 2) for the neurons' maps


def input_grid(resolution: int, extent: float = PLANE_EXTENT) -> jax.Array:
    """Points of the input plane, shape (R, R, 2); row 0 is the top (largest x2)."""
    axis = jnp.linspace(-extent, extent, resolution)
    x1, x2 = jnp.meshgrid(axis, axis[::-1])
    return jnp.stack([x1, x2], axis=-1)


def plane_views(forward: Forward, head: Any, params: list[Any], h: Any, probes: Probes,
                ) -> dict[str, jax.Array]:
    """"output": the score quantized over "output_range" (uint8 (Ro, Ro)); "classes": the
    winning class (multi-class, else zeros); "neurons": every feature and hidden neuron's
    output over its own symmetric range (uint8 (nodes, Rn, Rn))."""
    ro = probes.output_grid.shape[0]
    logits, _ = forward(params, probes.output_grid.reshape(-1, 2), h)
    values = head.score(logits)
    output_range = head.output_range(values)
    rn = probes.neuron_grid.shape[0]
    _, acts = forward(params, probes.neuron_grid.reshape(-1, 2), h)
    nodes = jnp.concatenate(
        [acts["features"]] + [acts[f"hidden{i + 1}"] for i in range(len(params) - 1)], axis=1,
    ).T  # (nodes, Rn*Rn)
    extent = jnp.maximum(jnp.max(jnp.abs(nodes), axis=1), 1e-6)
    return {
        "output": quantize(values, output_range[0], output_range[1]).reshape(ro, ro),
        "output_range": output_range,
        "classes": head.classes(logits).astype(jnp.uint8).reshape(ro, ro),
        "neurons": quantize(nodes, -extent[:, None], extent[:, None]).reshape(-1, rn, rn),
    }
