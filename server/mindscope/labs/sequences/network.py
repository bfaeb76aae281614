"""The sequences lab's recurrent network: stacked RNN, LSTM or GRU layers unrolled over
time, and a dense head read at every step or at the last one.

The cells, with ⊙ the elementwise product:
- rnn:  h = tanh(x W + h₋ U + b)
- lstm: i, f, g, o = sigmoid, sigmoid, tanh, sigmoid of (x W + h₋ U + b) in four parts;
        c = f ⊙ c₋ + i ⊙ g;  h = o ⊙ tanh(c)
- gru:  z, r = sigmoid of (x W + h₋ U + b) in its first two parts;
        n = tanh(x W_n + (r ⊙ h₋) U_n + b_n);  h = (1 - z) ⊙ h₋ + z ⊙ n
"""

from dataclasses import dataclass
from typing import Any, NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

from ...engine.initializers import INITIALIZERS, initial_bias
from ...engine.layers import affine
from ...engine.model import Forward, Group
from .protocol import PARTS, SAMPLE_LENGTH

Params = dict[str, Any]  # {"cells": [{"w", "u", "b"}…], "head": {"w", "b"}}
State = list[tuple[jax.Array, jax.Array]]  # each layer's (hidden, cell) state
Shown = tuple[jax.Array, jax.Array, tuple[jax.Array, ...]]  # a step's hidden, cell, gates


class WeightTaps(NamedTuple):
    """Zeros added to one layer's input (w) or recurrent (u) weights at each step: (T, *the
    weight's shape). The loss's gradient by them is each step's share of its gradient by
    the weight (backpropagation through time, step by step)."""

    layer: int
    weight: str  # "w" or "u"
    taps: jax.Array


class Step(NamedTuple):
    """What one cell computes at one step, for one layer: (N, H) each."""

    hidden: jax.Array
    cell: jax.Array  # the LSTM's cell state (the hidden state again for other cells)
    gates: tuple[jax.Array, ...]  # GATES[cell]'s values, in order
    sums: tuple[jax.Array, ...]  # each of PARTS[cell]'s weighted sums, before its activation
    values: tuple[jax.Array, ...]  # and after


def cell_step(kind: str, u: jax.Array, xw: jax.Array, h: jax.Array, c: jax.Array) -> Step:
    """One step of one cell: its input already weighted, xw = x W + b (N, parts x H), the
    recurrent weights u, the previous hidden state h and cell state c. (The inputs of every
    step are weighted at once, before the loop: one large product instead of T small ones.)
    """
    size = h.shape[-1]
    if kind == "gru":
        zr = jax.nn.sigmoid(xw[:, :2 * size] + h @ u[:, :2 * size])
        z, r = zr[:, :size], zr[:, size:]
        n_sum = xw[:, 2 * size:] + (r * h) @ u[:, 2 * size:]
        n = jnp.tanh(n_sum)
        new = (1.0 - z) * h + z * n
        zr_sum = xw[:, :2 * size] + h @ u[:, :2 * size]
        return Step(new, new, (z, r), (zr_sum[:, :size], zr_sum[:, size:], n_sum), (z, r, n))
    z = xw + h @ u
    if kind == "rnn":
        new = jnp.tanh(z)
        return Step(new, new, (), (z,), (new,))
    sums = tuple(z[:, k * size:(k + 1) * size] for k in range(4))
    i, f, g, o = (jax.nn.sigmoid(sums[0]), jax.nn.sigmoid(sums[1]), jnp.tanh(sums[2]),
                  jax.nn.sigmoid(sums[3]))
    c = f * c + i * g
    return Step(o * jnp.tanh(c), c, (i, f, o), sums, (i, f, g, o))


@dataclass(frozen=True)
class SequenceNet:
    """Frozen so it keys the compiled programs. Sequences are (N, T, inputs): values, or
    where `symbols` > 0 the index of a symbol (inputs 1), which the network one-hot
    encodes."""

    cell: str = "lstm"
    layers: int = 1
    hidden: int = 16
    inputs: int = 1
    outputs: int = 1
    symbols: int = 0
    per_step: bool = True  # a target at every step, else one at the end
    bptt: int = 0  # gradients flow back at most this many steps; 0: all the way

    @property
    def input_width(self) -> int:
        return self.symbols or self.inputs

    @property
    def layer_sizes(self) -> list[int]:
        return [self.input_width, *[self.hidden] * self.layers, self.outputs]

    def init(self, seed: int, scheme: str = "uniform") -> Params:
        rng = np.random.default_rng(seed)
        parts, size = len(PARTS[self.cell]), self.hidden

        def matrix(n_in: int) -> jax.Array:
            blocks = [INITIALIZERS[scheme](rng, n_in, size) for _ in range(parts)]
            return jnp.asarray(np.concatenate(blocks, axis=1), jnp.float32)

        cells = []
        for n_in in [self.input_width, *[size] * (self.layers - 1)]:
            b = np.tile(initial_bias(scheme, size), parts)
            if self.cell == "lstm":  # remember by default: a forget gate open at the start
                b[size:2 * size] = 1.0
            cells.append({"w": matrix(n_in), "u": matrix(size),
                          "b": jnp.asarray(b, jnp.float32)})
        head = {"w": jnp.asarray(INITIALIZERS[scheme](rng, size, self.outputs), jnp.float32),
                "b": jnp.asarray(initial_bias(scheme, self.outputs), jnp.float32)}
        return {"cells": cells, "head": head}

    def encode(self, x: jax.Array) -> jax.Array:
        """The network's input: symbols' indices one-hot encoded, values as they are."""
        return jax.nn.one_hot(x[..., 0].astype(jnp.int32), self.symbols) if self.symbols else x

    def unroll(self, params: Params, x: jax.Array, taps: jax.Array | None = None,
               weight_taps: WeightTaps | None = None,
               ) -> tuple[jax.Array, dict[str, jax.Array]]:
        """Logits ((N, T, K) per step, else (N, K)) and, per layer l, "hidden{l}" (N, T, H),
        "cell{l}" and "gates{l}" (N, G, T, H). `taps` (L, T, N, H), added to each hidden
        state, are zeros whose gradient is the loss's gradient by each hidden state;
        `weight_taps`, added to one layer's w or u at each step, zeros whose gradient is
        each step's share of the loss's gradient by that weight."""
        seq = jnp.swapaxes(self.encode(x), 0, 1)  # time first, as scan reads it
        steps = jnp.arange(seq.shape[0])
        acts = {}
        for index, layer in enumerate(params["cells"]):
            tap = None if taps is None else taps[index]
            mine = weight_taps if weight_taps is not None and weight_taps.layer == index \
                else None
            seq, acts_of_layer = self._layer(layer, seq, steps, tap, mine)
            for name, value in acts_of_layer.items():
                acts[f"{name}{index + 1}"] = value
        if self.per_step:
            states = jnp.swapaxes(seq, 0, 1)
            logits = affine(states.reshape(-1, self.hidden), params["head"]["w"],
                            params["head"]["b"]).reshape(*states.shape[:2], self.outputs)
        else:
            logits = affine(seq[-1], params["head"]["w"], params["head"]["b"])
        return logits, acts

    def _layer(self, layer: dict[str, jax.Array], seq: jax.Array, steps: jax.Array,
               tap: jax.Array | None, weight_taps: WeightTaps | None,
               ) -> tuple[jax.Array, dict[str, jax.Array]]:
        """One layer over the sequence (T, N, I): its hidden states (T, N, H) and what it
        shows."""
        zeros = jnp.zeros((seq.shape[1], self.hidden), seq.dtype)
        weighted = seq @ layer["w"] + layer["b"]
        nudges = None if weight_taps is None else weight_taps.taps

        def step(carry: tuple[jax.Array, jax.Array], inputs: Any,
                 ) -> tuple[tuple[jax.Array, jax.Array], Shown]:
            h, c = carry
            xw, x, t, added, nudge = inputs
            if self.bptt:  # truncated: no gradient into the steps before this window
                cut = t % self.bptt == 0
                h = jnp.where(cut, jax.lax.stop_gradient(h), h)
                c = jnp.where(cut, jax.lax.stop_gradient(c), c)
            u = layer["u"]
            if weight_taps is not None:
                if weight_taps.weight == "u":
                    u = u + nudge
                else:
                    xw = xw + x @ nudge
            out = cell_step(self.cell, u, xw, h, c)
            hidden = out.hidden if added is None else out.hidden + added
            return (hidden, out.cell), (hidden, out.cell, out.gates)

        _, (hidden, cell, gates) = jax.lax.scan(step, (zeros, zeros),
                                                (weighted, seq, steps, tap, nudges))
        shown = {"hidden": jnp.swapaxes(hidden, 0, 1)}
        if self.cell == "lstm":
            shown["cell"] = jnp.swapaxes(cell, 0, 1)
        if gates:
            shown["gates"] = jnp.stack([jnp.swapaxes(g, 0, 1) for g in gates], axis=1)
        return hidden, shown

    def apply(self, params: Params, x: jax.Array, dropout: jax.Array | None = None,
              key: jax.Array | None = None, arch: Any = None,
              ) -> tuple[jax.Array, dict[str, jax.Array]]:
        """x: (N, T, inputs). No dropout: the lab has none."""
        return self.unroll(params, x)

    def groups(self, params: Params, acts: dict[str, jax.Array] | None = None,
               arch: Any = None) -> list[Group]:
        """A group per layer: its input and recurrent weights together, and its units'
        states at the sequence's last step (what it carries to the end; the states at
        every step would make the frames' histograms cost more than the rest of a frame);
        then the head, at the last step too."""

        def units(name: str) -> jax.Array | None:
            if acts is None:
                return None
            a = acts[name]
            return a[:, -1] if a.ndim == 3 else a

        cells = [Group(jnp.concatenate([layer["w"], layer["u"]]), units(f"hidden{i + 1}"))
                 for i, layer in enumerate(params["cells"])]
        return [*cells, Group(params["head"]["w"], units("output"))]

    def views(self, forward: Forward, head: Any, params: Params, h: Any, probes: Any,
              ) -> dict[str, jax.Array]:
        """The probe unrolled (states, gates, outputs), the gradient through time and the
        score per position on the test sequences, and for text a sample (`probes`: "probe"
        (1, T, I), "test" (n, T, I) and "test_y", a few of them as "some_test" and
        "some_test_y", and for text "temperature", "key" and "characters")."""
        probe_logits, acts = self.unroll(params, probes["probe"])
        layers = range(1, self.layers + 1)
        shown = {
            "hidden_states": jnp.stack([acts[f"hidden{i}"][0] for i in layers]),
            "sequence_outputs": head.output(probe_logits.reshape(-1, self.outputs)),
            "gradient_through_time": self._gradient_through_time(head, params, probes),
            "position_scores": self._position_scores(head, params, probes),
        }
        if "gates1" in acts:
            shown["gate_values"] = jnp.stack([acts[f"gates{i}"][0] for i in layers])
        if self.cell == "lstm":
            shown["cell_states"] = jnp.stack([acts[f"cell{i}"][0] for i in layers])
        if "temperature" in probes:
            shown["text_sample"] = self.sample(params, probes["probe"][0], probes["key"],
                                               probes["temperature"], probes["characters"])
        return shown

    def _gradient_through_time(self, head: Any, params: Params, probes: Any) -> jax.Array:
        """(L, T): the norm of the test loss's gradient by each layer's state at each step."""
        x, y = probes["some_test"], probes["some_test_y"]
        taps = jnp.zeros((self.layers, x.shape[1], x.shape[0], self.hidden))

        def loss(taps: jax.Array) -> jax.Array:
            return jnp.mean(head.losses(self.unroll(params, x, taps)[0], y))

        return jnp.sqrt(jnp.sum(jax.grad(loss)(taps) ** 2, axis=(2, 3)))

    def _position_scores(self, head: Any, params: Params, probes: Any) -> jax.Array:
        """(P,): accuracy (classes) or mean squared error (values) at each step."""
        logits, _ = self.unroll(params, probes["test"])
        y = probes["test_y"]
        if not self.per_step:
            logits, y = logits[:, None], y[:, None]
        if self.outputs > 1:
            return jnp.mean(jnp.argmax(logits, -1) == y[..., 0].astype(jnp.int32), axis=0)
        return jnp.mean((head.output(logits)[..., 0] - y[..., 0]) ** 2, axis=0)

    def sample(self, params: Params, prompt: jax.Array, key: jax.Array,
               temperature: jax.Array, characters: jax.Array) -> jax.Array:
        """SAMPLE_LENGTH characters drawn one by one at `temperature` after the prompt
        (T, 1) of character indices: (SAMPLE_LENGTH,) indices, each below `characters` (the
        text's; the classes past them, which no target names, are never drawn)."""
        unused = jnp.arange(self.outputs) >= characters
        chars = prompt[:, 0].astype(jnp.int32)
        zeros = jnp.zeros((1, self.hidden))

        def read(carry: State, char: jax.Array) -> tuple[State, None]:
            return self._cells_step(params, char[None], carry)[1], None

        state, _ = jax.lax.scan(read, [(zeros, zeros)] * self.layers, chars[:-1])

        def write(carry: tuple[State, jax.Array], k: jax.Array,
                  ) -> tuple[tuple[State, jax.Array], jax.Array]:
            state, char = carry
            logits, state = self._cells_step(params, char, state)
            char = jax.random.categorical(k, jnp.where(unused, -jnp.inf, logits / temperature),
                                          axis=-1)
            return (state, char), char[0]

        _, written = jax.lax.scan(write, (state, chars[-1:]),
                                  jax.random.split(key, SAMPLE_LENGTH))
        return written.astype(jnp.int32)

    def _cells_step(self, params: Params, chars: jax.Array, state: State,
                    ) -> tuple[jax.Array, State]:
        """Characters (1,) through every layer for one step: logits and the new state."""
        x, new = jax.nn.one_hot(chars, self.symbols), []
        for layer, (h, c) in zip(params["cells"], state, strict=True):
            out = cell_step(self.cell, layer["u"], x @ layer["w"] + layer["b"], h, c)
            new.append((out.hidden, out.cell))
            x = out.hidden
        return affine(x, params["head"]["w"], params["head"]["b"]), new
