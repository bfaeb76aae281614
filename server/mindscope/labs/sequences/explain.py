"""One step of one cell with the engine's numbers, and backpropagation through time for one
weight: each step's share of the loss's gradient by it, on the probe sequence."""

from functools import lru_cache
from typing import Any, NamedTuple

import jax
import jax.numpy as jnp

from ...engine.losses import FixedHead
from .network import Params, SequenceNet, WeightTaps, cell_step


class StepExplanation(NamedTuple):
    cell_input: jax.Array  # (I,) the layer's input at the step
    previous_hidden: jax.Array  # (H,)
    previous_cell: jax.Array  # (H,)
    sums: jax.Array  # (parts, H) each part's weighted sum, before its activation
    values: jax.Array  # (parts, H) and after
    new_cell: jax.Array  # (H,)
    new_hidden: jax.Array  # (H,)
    loss: jax.Array  # the probe sequence's loss
    by_step: jax.Array  # (T,) each step's share of d loss / d weight[row, column]


def explain_step(model: SequenceNet, head: FixedHead, params: Params, x: jax.Array,
                 y: jax.Array, layer: int, weight: str, time: jax.Array, row: jax.Array,
                 column: jax.Array) -> StepExplanation:
    """For the probe x (1, T, I) with targets y: layer `layer`'s cell at step `time`, and
    each step's share of the gradient of the probe's loss by weight[row, column] of that
    layer's `weight` ("w": input weights, "u": recurrent weights)."""
    _, acts = model.unroll(params, x)
    inputs = model.encode(x) if layer == 0 else acts[f"hidden{layer}"]
    hidden = acts[f"hidden{layer + 1}"][0]
    cells = acts[f"cell{layer + 1}"][0] if model.cell == "lstm" else hidden
    before = jnp.maximum(time - 1, 0)
    h = jnp.where(time > 0, hidden[before], 0.0)[None]
    c = jnp.where(time > 0, cells[before], 0.0)[None]
    x_t = inputs[0, time][None]
    weights = params["cells"][layer]
    out = cell_step(model.cell, weights["u"], x_t @ weights["w"] + weights["b"], h, c)

    def loss(taps: jax.Array) -> jax.Array:
        logits, _ = model.unroll(params, x, weight_taps=WeightTaps(layer, weight, taps))
        return jnp.mean(head.losses(logits, y))

    zeros = jnp.zeros((x.shape[1], *weights[weight].shape))
    probe_loss, by_step = jax.value_and_grad(loss)(zeros)
    return StepExplanation(
        x_t[0], h[0], c[0], jnp.stack(out.sums)[:, 0], jnp.stack(out.values)[:, 0],
        out.cell[0], out.hidden[0], probe_loss, by_step[:, row, column])


@lru_cache(maxsize=16)
def explain_jit(model: SequenceNet, problem: str, loss: str, layer: int, weight: str,
                ) -> Any:
    """explain_step for one model, head, layer and weight, jitted (the step, row and column
    are traced: any of them, one compile)."""
    head = FixedHead(problem, loss)
    return jax.jit(lambda params, x, y, time, row, column: explain_step(
        model, head, params, x, y, layer, weight, time, row, column))
