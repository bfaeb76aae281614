"""One attention computation with the engine's numbers, and backpropagation to one weight
of W_q: each key's share of the loss's gradient by it, through one query."""

from functools import lru_cache
from typing import Any, NamedTuple

import jax
import jax.numpy as jnp

from ...engine.losses import FixedHead
from .network import Params, ScoreTaps, Transformer


class AttentionExplanation(NamedTuple):
    query_vector: jax.Array  # (d,)
    keys: jax.Array  # (S, d)
    values: jax.Array  # (S, d)
    scores: jax.Array  # (S,) q·k/√d, before the mask
    allowed: jax.Array  # (S,) 1 where the mask lets the query see the key
    weights: jax.Array  # (S,) the softmax of the allowed scores
    mixed: jax.Array  # (d,) Σ weights · values
    score_gradients: jax.Array  # (S,) ∂ loss / ∂ score
    weight_shares: jax.Array  # (S,) each key's share of ∂ loss / ∂ W_q[row, column]
    input_value: jax.Array  # the query position's attention input at `row`
    loss: jax.Array
    gradient: jax.Array  # ∂ loss / ∂ W_q[row, head's column], through every query


def explain_attention(model: Transformer, fixed: FixedHead, params: Params, x: jax.Array,
                      y: jax.Array, layer: int, head: jax.Array, query: jax.Array,
                      row: jax.Array, column: jax.Array) -> AttentionExplanation:
    """For the probe x (1, S) with answers y (1, P, 1): head `head` of block `layer` at
    position `query`, and the gradient of the probe's loss by W_q[row, column] of that
    head (column counted within the head's d columns)."""
    _, acts = model.apply(params, x)
    d = model.head_width
    q = acts[f"q{layer + 1}"][0, head, query]
    keys, values = acts[f"k{layer + 1}"][0, head], acts[f"v{layer + 1}"][0, head]
    weights = acts[f"attention{layer + 1}"][0, head, query]
    positions = jnp.arange(model.positions)
    allowed = (positions <= query) if model.causal else jnp.ones(model.positions, bool)

    def loss_by_scores(taps: jax.Array) -> jax.Array:
        logits, _ = model.apply(params, x, taps=ScoreTaps(layer, head, taps))
        return jnp.mean(fixed.losses(logits, y))

    probe_loss, by_score = jax.value_and_grad(loss_by_scores)(
        jnp.zeros((1, model.positions, model.positions)))
    score_gradients = by_score[0, query]
    input_value = acts[f"attention_input{layer + 1}"][0, query, row]

    def loss_by_params(p: Params) -> jax.Array:
        return jnp.mean(fixed.losses(model.apply(p, x)[0], y))

    wq_gradient = jax.grad(loss_by_params)(params)["blocks"][layer]["wq"]
    return AttentionExplanation(
        q, keys, values, keys @ q / jnp.sqrt(d), allowed.astype(jnp.float32), weights,
        weights @ values, score_gradients,
        input_value * keys[:, column] / jnp.sqrt(d) * score_gradients, input_value,
        probe_loss, wq_gradient[row, head * d + column])


@lru_cache(maxsize=16)
def explain_jit(model: Transformer, problem: str, loss: str, layer: int) -> Any:
    """explain_attention for one model, head and block, jitted (the head, query, row and
    column are traced: any of them, one compile)."""
    fixed = FixedHead(problem, loss)
    return jax.jit(lambda params, x, y, head, query, row, column: explain_attention(
        model, fixed, params, x, y, layer, head, query, row, column))
