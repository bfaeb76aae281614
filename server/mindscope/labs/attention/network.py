"""The attention lab's network: a small Transformer over tokens. Each block is multi-head
self-attention and an MLP, each with a residual connection and layer norm (before the
sublayer, "pre", or after the residual sum, "post"); the answers are read, through an
unembedding, at the input's last positions.

One head of one block, for inputs X (S, D) to the attention (normed first when "pre"):
    Q, K, V = X W_q, X W_k, X W_v   (the head's d = D / heads columns of each)
    weights = softmax(Q Kᵀ / √d, keys the mask hides left out)
    head output = weights V;   the heads' outputs side by side, times W_o, join the stream.
"""

from dataclasses import dataclass
from typing import Any, NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

from ...engine.initializers import INITIALIZERS
from ...engine.model import Forward, Group

Params = dict[str, Any]  # {"embed", "positions"?, "blocks": [...], "final", "unembed"}
HIDDEN = -1e9  # a hidden key's score: softmax gives it no weight, and no NaN


class ScoreTaps(NamedTuple):
    """Zeros (N, S, S) added to one head's scores before the mask: the loss's gradient by
    them is its gradient by each score."""

    layer: int
    head: int | jax.Array
    taps: jax.Array


def sinusoidal(positions: int, width: int) -> np.ndarray:
    """Vaswani et al.'s fixed position vectors: sines and cosines of falling frequency."""
    pos = np.arange(positions)[:, None]
    rates = 1.0 / 10000 ** (np.arange(0, width, 2) / width)
    waves = np.zeros((positions, width), np.float32)
    waves[:, 0::2] = np.sin(pos * rates)
    waves[:, 1::2] = np.cos(pos * rates[: width // 2])
    return waves


def layer_norm(x: jax.Array, norm: dict[str, jax.Array]) -> jax.Array:
    mean = jnp.mean(x, axis=-1, keepdims=True)
    var = jnp.var(x, axis=-1, keepdims=True)
    return (x - mean) / jnp.sqrt(var + 1e-5) * norm["gain"] + norm["bias"]


def principal_plane(m: jax.Array) -> jax.Array:
    """The rows of `m` projected on their two principal components (R, 2), each axis
    pointed so that its largest entry is positive (an SVD's sign is arbitrary, and the
    picture must not flip from frame to frame)."""
    centered = m - jnp.mean(m, axis=0)
    _, _, vt = jnp.linalg.svd(centered, full_matrices=False)
    axes = vt[:2]
    signs = jnp.sign(axes[jnp.arange(axes.shape[0]), jnp.argmax(jnp.abs(axes), axis=1)])
    return centered @ (axes * jnp.where(signs == 0, 1.0, signs)[:, None]).T


@dataclass(frozen=True)
class Transformer:
    """Frozen so it keys the compiled programs. Inputs are (N, positions) token indices;
    the logits (N, answers, classes) are read at the last `answers` positions."""

    tokens: int = 11
    classes: int = 10
    positions: int = 8
    answers: int = 8
    layers: int = 1
    heads: int = 2
    width: int = 32
    mlp: int = 64
    learned_positions: bool = True
    causal: bool = False
    pre_norm: bool = True

    @property
    def head_width(self) -> int:
        return self.width // self.heads

    @property
    def layer_sizes(self) -> list[int]:
        return [self.tokens, *[self.width] * self.layers, self.classes]

    def init(self, seed: int, scheme: str = "uniform") -> Params:
        rng = np.random.default_rng(seed)
        d, m = self.width, self.mlp

        def matrix(n_in: int, n_out: int) -> jax.Array:
            return jnp.asarray(INITIALIZERS[scheme](rng, n_in, n_out), jnp.float32)

        def norm() -> dict[str, jax.Array]:
            return {"gain": jnp.ones(d), "bias": jnp.zeros(d)}

        blocks = [{"norm1": norm(), "wq": matrix(d, d), "wk": matrix(d, d), "wv": matrix(d, d),
                   "wo": matrix(d, d), "norm2": norm(), "w1": matrix(d, m), "b1": jnp.zeros(m),
                   "w2": matrix(m, d), "b2": jnp.zeros(d)} for _ in range(self.layers)]
        params: Params = {"embed": matrix(self.tokens, d), "blocks": blocks, "final": norm(),
                          "unembed": {"w": matrix(d, self.classes),
                                      "b": jnp.zeros(self.classes)}}
        if self.learned_positions:
            params["positions"] = matrix(self.positions, d)
        return params

    def position_vectors(self, params: Params) -> jax.Array:
        if self.learned_positions:
            learned: jax.Array = params["positions"]
            return learned
        return jnp.asarray(sinusoidal(self.positions, self.width))

    def attend(self, block: dict[str, jax.Array], x: jax.Array, index: int,
               taps: ScoreTaps | None) -> tuple[jax.Array, dict[str, jax.Array]]:
        """Multi-head self-attention of x (N, S, D): its output and what it shows."""
        n, s, _ = x.shape

        def split(w: jax.Array) -> jax.Array:  # (N, heads, S, d)
            return (x @ w).reshape(n, s, self.heads, self.head_width).transpose(0, 2, 1, 3)

        q, k, v = split(block["wq"]), split(block["wk"]), split(block["wv"])
        scores = q @ jnp.swapaxes(k, -1, -2) / np.sqrt(self.head_width)
        if taps is not None and taps.layer == index:
            scores = scores.at[:, taps.head].add(taps.taps)
        if self.causal:
            scores = jnp.where(jnp.tril(jnp.ones((s, s), bool)), scores, HIDDEN)
        weights = jax.nn.softmax(scores, axis=-1)
        mixed = (weights @ v).transpose(0, 2, 1, 3).reshape(n, s, self.width)
        return mixed @ block["wo"], {"input": x, "q": q, "k": k, "v": v, "weights": weights}

    def apply(self, params: Params, x: jax.Array, dropout: jax.Array | None = None,
              key: jax.Array | None = None, arch: Any = None, taps: ScoreTaps | None = None,
              ) -> tuple[jax.Array, dict[str, jax.Array]]:
        """x: (N, S) token indices (as floats). Intermediates: "stream0" (the embedded
        tokens), and per block l from 1 "stream{l}" (the residual stream after it),
        "attention{l}" (N, heads, S, S) and "q{l}", "k{l}", "v{l}" (N, heads, S, d) and
        "attention_input{l}" (N, S, D). With a key (training), each sublayer's output is
        dropped at rate dropout[0]."""
        tokens = x.astype(jnp.int32)
        h = params["embed"][tokens] + self.position_vectors(params)[: x.shape[1]]
        acts = {"stream0": h}

        def drop(y: jax.Array, salt: int) -> jax.Array:
            if key is None or dropout is None:
                return y
            keep = 1.0 - dropout[0]
            mask = jax.random.bernoulli(jax.random.fold_in(key, salt), keep, y.shape)
            return jnp.where(mask, y / keep, 0.0)

        for index, block in enumerate(params["blocks"]):
            inner = layer_norm(h, block["norm1"]) if self.pre_norm else h
            attended, shown = self.attend(block, inner, index, taps)
            h = h + drop(attended, 2 * index)
            if not self.pre_norm:
                h = layer_norm(h, block["norm1"])
            if self.mlp:
                inner = layer_norm(h, block["norm2"]) if self.pre_norm else h
                hidden = jax.nn.relu(inner @ block["w1"] + block["b1"])
                h = h + drop(hidden @ block["w2"] + block["b2"], 2 * index + 1)
                if not self.pre_norm:
                    h = layer_norm(h, block["norm2"])
            acts[f"stream{index + 1}"] = h
            acts |= {f"attention_input{index + 1}": shown["input"],
                     f"attention{index + 1}": shown["weights"],
                     **{f"{name}{index + 1}": shown[name] for name in ("q", "k", "v")}}
        if self.pre_norm:
            h = layer_norm(h, params["final"])
        answers = h[:, h.shape[1] - self.answers:]
        return answers @ params["unembed"]["w"] + params["unembed"]["b"], acts

    def groups(self, params: Params, acts: dict[str, jax.Array] | None = None,
               arch: Any = None) -> list[Group]:
        """The embeddings, a group per block (its attention's and MLP's weights side by
        side) and the unembedding; their activations at the last position."""

        def last(name: str) -> jax.Array | None:
            return None if acts is None else acts[name][:, -1]

        blocks = [Group(jnp.concatenate([b["wq"], b["wk"], b["wv"], b["wo"], b["w1"],
                                         b["w2"].T], axis=1), last(f"stream{i + 1}"))
                  for i, b in enumerate(params["blocks"])]
        return [Group(params["embed"], last("stream0")), *blocks,
                Group(params["unembed"]["w"], last("output"))]

    def views(self, forward: Forward, head: Any, params: Params, h: Any, probes: Any,
              ) -> dict[str, jax.Array]:
        """The probe's attention maps and answers, the test accuracy per answer position,
        and the embeddings in their principal planes (`probes`: "probe" (1, S), "test" (n,
        S) and "test_y" (n, P, 1))."""
        logits, acts = self.apply(params, probes["probe"])
        test_logits, _ = self.apply(params, probes["test"])
        right = jnp.argmax(test_logits, -1) == probes["test_y"][..., 0].astype(jnp.int32)
        return {
            "attention_maps": jnp.stack([acts[f"attention{i + 1}"][0]
                                         for i in range(self.layers)]),
            "token_outputs": head.output(logits[0]),
            "answer_scores": jnp.mean(right, axis=0),
            "token_map": principal_plane(params["embed"]),
            "position_map": principal_plane(self.position_vectors(params)),
        }
