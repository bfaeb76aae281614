"""The sequences lab's network against independent oracles: its gradient (every cell, per
step and at the end, stacked, with L2) against finite differences; its states, gates and
outputs against the cells written out in NumPy; truncated backpropagation through time;
the gradient through time; and text sampling."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from finite_differences import numeric_gradient

from mindscope.engine import Regime, Trainer, hyper
from mindscope.engine.losses import FixedHead
from mindscope.labs.sequences.explain import explain_jit
from mindscope.labs.sequences.network import SequenceNet


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def numpy_unroll(cell: str, cells, x: np.ndarray, nudge=None):
    """Hidden states, cell states and gates of each layer, (N, T, H) each, by the formulas
    in labs/sequences/network.py's docstring, step by step in float64. `nudge` (layer,
    weight, step, row, column, eps) adds eps to one weight at one step only."""
    out = []
    seq = np.asarray(x, np.float64)
    for index, layer in enumerate(cells):
        size = np.shape(layer["u"])[0]
        h = c = np.zeros((seq.shape[0], size))
        hs, cs, gates = [], [], []
        for t in range(seq.shape[1]):
            w, u, b = (np.array(layer[k], np.float64) for k in ("w", "u", "b"))
            if nudge is not None and nudge[0] == index and nudge[2] == t:
                (w if nudge[1] == "w" else u)[nudge[3], nudge[4]] += nudge[5]
            xt = seq[:, t]
            if cell == "rnn":
                h = np.tanh(xt @ w + h @ u + b)
                step_gates = []
            elif cell == "lstm":
                z = xt @ w + h @ u + b
                i, f, g, o = (z[:, k * size:(k + 1) * size] for k in range(4))
                i, f, o = _sigmoid(i), _sigmoid(f), _sigmoid(o)
                c = f * c + i * np.tanh(g)
                h = o * np.tanh(c)
                step_gates = [i, f, o]
            else:
                zr = _sigmoid(xt @ w[:, :2 * size] + h @ u[:, :2 * size] + b[:2 * size])
                z, r = zr[:, :size], zr[:, size:]
                n = np.tanh(xt @ w[:, 2 * size:] + (r * h) @ u[:, 2 * size:] + b[2 * size:])
                h = (1 - z) * h + z * n
                step_gates = [z, r]
            hs.append(h)
            cs.append(c)
            gates.append(step_gates)
        out.append((np.stack(hs, 1), np.stack(cs, 1),
                    [np.stack([g[k] for g in gates], 1) for k in range(len(gates[0]))]))
        seq = np.stack(hs, 1)
    return out


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
def test_states_gates_and_outputs_match_numpy(cell: str) -> None:
    model = SequenceNet(cell, layers=2, hidden=3, inputs=2, outputs=2, per_step=True)
    params = model.init(4, "xavier")
    x = np.random.default_rng(1).normal(0, 1, (5, 6, 2)).astype(np.float32)
    logits, acts = model.unroll(params, jnp.asarray(x))
    reference = numpy_unroll(cell, params["cells"], x)
    for index, (hidden, state, gates) in enumerate(reference, start=1):
        np.testing.assert_allclose(acts[f"hidden{index}"], hidden, rtol=1e-5, atol=1e-6)
        if cell == "lstm":
            np.testing.assert_allclose(acts[f"cell{index}"], state, rtol=1e-5, atol=1e-6)
        if gates:
            np.testing.assert_allclose(acts[f"gates{index}"], np.stack(gates, 1), rtol=1e-5,
                                       atol=1e-6)
    head = params["head"]
    np.testing.assert_allclose(logits, reference[-1][0] @ np.asarray(head["w"]) + head["b"],
                               rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize(("cell", "per_step", "symbols"), [
    ("rnn", True, 0), ("lstm", False, 0), ("gru", True, 0), ("lstm", True, 4), ("gru", False, 3),
])
def test_the_gradient_of_every_cell_matches_finite_differences(cell: str, per_step: bool,
                                                               symbols: int) -> None:
    with jax.enable_x64(True):
        classes = 3
        model = SequenceNet(cell, layers=2, hidden=2, inputs=1 if symbols else 2,
                            outputs=classes, symbols=symbols, per_step=per_step)
        trainer = Trainer(model, "multiclass", "cross_entropy", "sgd", batch_bucket=4,
                          regime=Regime(l2=True))
        params = jax.tree.map(lambda a: a.astype(jnp.float64), model.init(2, "xavier"))
        rng = np.random.default_rng(0)
        x = (rng.integers(0, symbols, (4, 5, 1)) if symbols
             else rng.normal(0, 1, (4, 5, 2))).astype(float)
        y = rng.integers(0, classes, (4, 5, 1) if per_step else (4, 1)).astype(float)
        weights = jnp.asarray([1.0, 0.0, 1.0, 1.0])  # a sequence left out
        h = hyper(l2=0.01)

        @jax.jit
        def loss(p):
            return trainer.objective(p, jnp.asarray(x), jnp.asarray(y), weights, h)

        analytic = jax.grad(loss)(params)
        numeric = numeric_gradient(loss, params)
        for a, n in zip(jax.tree.leaves(analytic), jax.tree.leaves(numeric), strict=True):
            np.testing.assert_allclose(a, n, rtol=1e-5, atol=1e-8)


def test_truncated_backpropagation_stops_the_gradient_at_the_window() -> None:
    """With bptt = 3, the loss on the last step learns nothing from inputs before the last
    window's start; through the whole sequence it does."""
    x = jnp.asarray(np.random.default_rng(2).normal(0, 1, (2, 9, 1)), jnp.float32)

    def input_gradient(bptt: int) -> np.ndarray:
        model = SequenceNet("rnn", hidden=4, inputs=1, outputs=1, per_step=False, bptt=bptt)
        params = model.init(0, "xavier")
        grad = jax.grad(lambda x: jnp.sum(model.unroll(params, x)[0]))(x)
        return np.abs(np.asarray(grad)).sum(axis=(0, 2))

    full, truncated = input_gradient(0), input_gradient(3)
    assert np.all(full > 0)
    assert np.all(truncated[:6] == 0)  # windows start at steps 0, 3, 6: the last is 6-8
    np.testing.assert_allclose(truncated[6:], full[6:], rtol=1e-6)


def test_the_gradient_through_time_is_the_loss_gradient_by_each_hidden_state() -> None:
    """Against finite differences: nudging the state h_t of one layer by eps changes the
    test loss by eps times the gradient; its norm over sequences and units is shown."""
    with jax.enable_x64(True):
        model = SequenceNet("lstm", layers=2, hidden=2, inputs=1, outputs=1, per_step=True)
        params = jax.tree.map(lambda a: a.astype(jnp.float64), model.init(1, "xavier"))
        rng = np.random.default_rng(3)
        x, y = jnp.asarray(rng.normal(0, 1, (3, 4, 1))), jnp.asarray(rng.normal(0, 1, (3, 4, 1)))
        head = FixedHead("regression", "mse")
        shown = model._gradient_through_time(head, params, {"some_test": x, "some_test_y": y})

        def loss(taps):
            return jnp.mean(head.losses(model.unroll(params, x, taps)[0], y))

        numeric = numeric_gradient(jax.jit(loss), jnp.zeros((2, 4, 3, 2)))
        np.testing.assert_allclose(shown, np.sqrt(np.sum(numeric ** 2, axis=(2, 3))),
                                   rtol=1e-6)
        assert shown.shape == (2, 4)


def test_a_cold_sample_continues_with_the_likeliest_characters() -> None:
    """At a temperature near 0, sampling picks the argmax: the same as greedy decoding in
    NumPy, one character at a time from the prompt's state."""
    model = SequenceNet("gru", hidden=5, inputs=1, outputs=6, symbols=6, per_step=True)
    params = model.init(7, "xavier")
    prompt = jnp.asarray([[1.0], [4.0], [2.0]])
    sample = np.asarray(model.sample(params, prompt, jax.random.key(0), jnp.float32(1e-4),
                                     jnp.int32(6)))
    chars = [1, 4, 2]
    for _ in range(10):
        x = np.eye(6)[np.array(chars)][None]
        hidden = numpy_unroll("gru", params["cells"], x)[-1][0][0, -1]
        logits = hidden @ np.asarray(params["head"]["w"]) + np.asarray(params["head"]["b"])
        chars.append(int(np.argmax(logits)))
    assert sample[:10].tolist() == chars[3:]
    hot = model.sample(params, prompt, jax.random.key(0), jnp.float32(2.0), jnp.int32(3))
    assert hot.shape == sample.shape and np.all((hot >= 0) & (hot < 3))  # the text's only


@pytest.mark.parametrize(("cell", "layer", "weight"), [
    ("lstm", 1, "u"), ("gru", 0, "w"), ("rnn", 1, "w"), ("lstm", 0, "w"),
])
def test_a_step_explained_matches_numpy_and_its_gradient_adds_up_through_time(
        cell: str, layer: int, weight: str) -> None:
    """The step-through's numbers are the NumPy cell's at that step; each step's share of
    the gradient by one weight is the finite difference of nudging that weight at that
    step alone, and the shares add up to the weight's gradient."""
    model = SequenceNet(cell, layers=2, hidden=3, inputs=2, outputs=1, per_step=True)
    params = model.init(5, "xavier")
    rng = np.random.default_rng(4)
    x, y = rng.normal(0, 1, (1, 6, 2)), rng.normal(0, 1, (1, 6, 1))
    parts = {"rnn": 1, "lstm": 4, "gru": 3}[cell]
    time, row, column = 3, 1, (parts - 1) * 3 + 1  # the last part's second unit
    got = explain_jit(model, "regression", "mse", layer, weight)(
        params, jnp.asarray(x, jnp.float32), jnp.asarray(y, jnp.float32), jnp.int32(time),
        jnp.int32(row), jnp.int32(column))

    states = numpy_unroll(cell, params["cells"], x)
    hidden, cells, _ = states[layer]
    inputs = x if layer == 0 else states[layer - 1][0]
    np.testing.assert_allclose(got.cell_input, inputs[0, time], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(got.previous_hidden, hidden[0, time - 1], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(got.new_hidden, hidden[0, time], rtol=1e-5, atol=1e-6)
    state = cells if cell == "lstm" else hidden  # other cells carry h alone
    np.testing.assert_allclose(got.new_cell, state[0, time], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(got.previous_cell, state[0, time - 1], rtol=1e-5, atol=1e-6)
    w, u, b = (np.asarray(params["cells"][layer][k], np.float64) for k in ("w", "u", "b"))
    size = 3
    assert got.sums.shape == got.values.shape == (parts, size)
    if cell != "gru":  # every part: x W + h U + b
        sums = inputs[0, time] @ w + hidden[0, time - 1] @ u + b
        np.testing.assert_allclose(got.sums.ravel(), sums, rtol=1e-5, atol=1e-6)
    else:  # the candidate reads the reset hidden state
        reset = got.values[1]
        candidate = (inputs[0, time] @ w[:, 2 * size:] + (reset * hidden[0, time - 1])
                     @ u[:, 2 * size:] + b[2 * size:])
        np.testing.assert_allclose(got.sums[2], candidate, rtol=1e-5, atol=1e-6)
    activations = [np.tanh if name in ("candidate",) else _sigmoid
                   for name in {"rnn": ["candidate"], "lstm": ["i", "f", "candidate", "o"],
                                "gru": ["z", "r", "candidate"]}[cell]]
    for k in range(parts):
        np.testing.assert_allclose(got.values[k], activations[k](got.sums[k]), rtol=1e-5)

    def numpy_loss(nudge=None) -> float:
        top = numpy_unroll(cell, params["cells"], x, nudge)[-1][0]
        head = params["head"]
        out = top @ np.asarray(head["w"], np.float64) + np.asarray(head["b"], np.float64)
        return float(np.mean(0.5 * (out - y) ** 2))

    eps = 1e-5
    shares = [(numpy_loss((layer, weight, t, row, column, eps))
               - numpy_loss((layer, weight, t, row, column, -eps))) / (2 * eps)
              for t in range(6)]
    np.testing.assert_allclose(got.by_step, shares, rtol=2e-3, atol=1e-6)
    assert float(got.loss) == pytest.approx(numpy_loss(), rel=1e-5)
    total = jax.grad(lambda p: jnp.mean(FixedHead("regression", "mse").losses(
        model.unroll(p, jnp.asarray(x, jnp.float32))[0], jnp.asarray(y, jnp.float32))))(params)
    assert float(np.sum(got.by_step)) == pytest.approx(
        float(total["cells"][layer][weight][row, column]), rel=1e-4, abs=1e-7)
