"""The attention lab's Transformer against independent oracles: its logits and attention
maps against the blocks written out in NumPy, its gradient (pre and post norm, causal or
not, learned or sinusoidal positions, with L2) against finite differences, the
step-through against NumPy and finite differences, the embeddings' principal plane, and
the tasks' examples."""

import itertools

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from finite_differences import numeric_gradient

from mindscope.engine import Regime, Trainer, hyper
from mindscope.labs.attention.data import generate, layout
from mindscope.labs.attention.explain import explain_jit
from mindscope.labs.attention.network import Transformer, principal_plane, sinusoidal
from mindscope.labs.attention.protocol import AttentionConfig


def _norm(x, norm):
    mean, var = x.mean(-1, keepdims=True), x.var(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + 1e-5) * np.asarray(norm["gain"]) + np.asarray(norm["bias"])


def _softmax(z):
    e = np.exp(z - z.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


def numpy_transformer(model: Transformer, params, tokens: np.ndarray, nudge=None):
    """Logits (N, P, K), and per block the attention weights (N, heads, S, S) and its
    attention's input (N, S, D), by the formulas in labs/attention/network.py's docstring,
    in float64. `nudge` (layer, row, column, eps) adds eps to one entry of that block's W_q."""
    p = jax.tree.map(lambda a: np.asarray(a, np.float64), params)
    s = tokens.shape[1]
    d = model.head_width
    positions = p["positions"] if model.learned_positions else sinusoidal(s, model.width)
    h = p["embed"][tokens.astype(int)] + positions[:s]
    weights_of, inputs_of = [], []
    for index, block in enumerate(p["blocks"]):
        x = _norm(h, block["norm1"]) if model.pre_norm else h
        wq = block["wq"].copy()
        if nudge is not None and nudge[0] == index:
            wq[nudge[1], nudge[2]] += nudge[3]
        heads, maps = [], []
        for a in range(model.heads):
            cols = slice(a * d, (a + 1) * d)
            q, k, v = x @ wq[:, cols], x @ block["wk"][:, cols], x @ block["wv"][:, cols]
            scores = q @ k.transpose(0, 2, 1) / np.sqrt(d)
            if model.causal:
                scores = np.where(np.tril(np.ones((s, s), bool)), scores, -np.inf)
            w = _softmax(scores)
            maps.append(w)
            heads.append(w @ v)
        weights_of.append(np.stack(maps, 1))
        inputs_of.append(x)
        h = h + np.concatenate(heads, -1) @ block["wo"]
        if not model.pre_norm:
            h = _norm(h, block["norm1"])
        if model.mlp:
            x = _norm(h, block["norm2"]) if model.pre_norm else h
            h = h + np.maximum(x @ block["w1"] + block["b1"], 0) @ block["w2"] + block["b2"]
            if not model.pre_norm:
                h = _norm(h, block["norm2"])
    if model.pre_norm:
        h = _norm(h, p["final"])
    logits = h[:, s - model.answers:] @ p["unembed"]["w"] + p["unembed"]["b"]
    return logits, weights_of, inputs_of


def _cross_entropy(logits, y):
    logp = logits - np.log(np.exp(logits).sum(-1, keepdims=True))
    return float(-np.mean(np.take_along_axis(logp, y.astype(int), -1)))


VARIANTS = [  # pre_norm, causal, learned positions, mlp
    (True, False, True, 3), (False, True, True, 3), (True, True, False, 0),
    (False, False, False, 2),
]


@pytest.mark.parametrize(("pre", "causal", "learned", "mlp"), VARIANTS)
def test_logits_and_attention_maps_match_numpy(pre: bool, causal: bool, learned: bool,
                                               mlp: int) -> None:
    model = Transformer(tokens=5, classes=4, positions=6, answers=3, layers=2, heads=2,
                        width=8, mlp=mlp, learned_positions=learned, causal=causal,
                        pre_norm=pre)
    params = model.init(1, "xavier")
    tokens = np.random.default_rng(0).integers(0, 5, (3, 6))
    logits, acts = model.apply(params, jnp.asarray(tokens, jnp.float32))
    expected, maps, _ = numpy_transformer(model, params, tokens)
    np.testing.assert_allclose(logits, expected, rtol=1e-4, atol=1e-5)
    for index, weights in enumerate(maps):
        np.testing.assert_allclose(acts[f"attention{index + 1}"], weights, atol=1e-6)
        if causal:  # nothing reads a later position
            assert np.all(np.triu(np.asarray(acts[f"attention{index + 1}"]), 1) == 0)


@pytest.mark.parametrize(("pre", "causal", "learned", "mlp"), VARIANTS)
def test_the_gradient_matches_finite_differences(pre: bool, causal: bool, learned: bool,
                                                 mlp: int) -> None:
    """Every parameter (embeddings, positions, W_q, W_k, W_v, W_o, layer norms, the MLP, the
    unembedding), with L2 on the groups' weights and an example left out."""
    with jax.enable_x64(True):
        model = Transformer(tokens=4, classes=3, positions=4, answers=2, layers=2, heads=2,
                            width=4, mlp=mlp, learned_positions=learned, causal=causal,
                            pre_norm=pre)
        trainer = Trainer(model, "multiclass", "cross_entropy", "sgd", batch_bucket=4,
                          regime=Regime(l2=True))
        params = jax.tree.map(lambda a: a.astype(jnp.float64), model.init(2, "xavier"))
        rng = np.random.default_rng(1)
        x = jnp.asarray(rng.integers(0, 4, (4, 4)), jnp.float64)
        y = jnp.asarray(rng.integers(0, 3, (4, 2, 1)), jnp.float64)
        weights = jnp.asarray([1.0, 1.0, 0.0, 1.0])
        h = hyper(l2=0.01)

        @jax.jit
        def loss(p):
            return trainer.objective(p, x, y, weights, h)

        analytic = jax.grad(loss)(params)
        numeric = numeric_gradient(loss, params)
        for (path, a), n in zip(jax.tree_util.tree_flatten_with_path(analytic)[0],
                                jax.tree.leaves(numeric), strict=True):
            np.testing.assert_allclose(a, n, rtol=1e-5, atol=1e-8,
                                       err_msg=jax.tree_util.keystr(path))


@pytest.mark.parametrize(("causal", "layer", "head", "query"), [
    (False, 0, 1, 2), (True, 1, 0, 3), (True, 0, 1, 0)])
def test_one_attention_step_matches_numpy_and_its_shares_add_up(
        causal: bool, layer: int, head: int, query: int) -> None:
    """The step-through's query, keys, values, scores, mask, softmax and mixed values are
    NumPy's; the gradient by one W_q weight is its finite difference; and every query's
    keys' shares of it add up to it."""
    model = Transformer(tokens=6, classes=5, positions=5, answers=3, layers=2, heads=2,
                        width=8, mlp=4, causal=causal)
    params = model.init(3, "xavier")
    rng = np.random.default_rng(2)
    x, y = rng.integers(0, 6, (1, 5)), rng.integers(0, 5, (1, 3, 1))
    row, column, d = 3, 2, model.head_width
    explain = explain_jit(model, "multiclass", "cross_entropy", layer)

    def ask(q: int):
        return explain(params, jnp.asarray(x, jnp.float32), jnp.asarray(y, jnp.float32),
                       jnp.int32(head), jnp.int32(q), jnp.int32(row), jnp.int32(column))

    got = ask(query)
    logits, maps, inputs = numpy_transformer(model, params, x)
    a = inputs[layer][0]
    cols = slice(head * d, (head + 1) * d)
    block = jax.tree.map(lambda v: np.asarray(v, np.float64), params["blocks"][layer])
    q, k, v = a[query] @ block["wq"][:, cols], a @ block["wk"][:, cols], a @ block["wv"][:, cols]
    np.testing.assert_allclose(got.query_vector, q, rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(got.keys, k, rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(got.values, v, rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(got.scores, k @ q / np.sqrt(d), rtol=1e-4, atol=1e-6)
    allowed = np.arange(5) <= query if causal else np.ones(5, bool)
    np.testing.assert_array_equal(got.allowed, allowed.astype(np.float32))
    np.testing.assert_allclose(got.weights, maps[layer][0, head, query], atol=1e-6)
    np.testing.assert_allclose(got.mixed, maps[layer][0, head, query] @ v, rtol=1e-4,
                               atol=1e-6)
    assert float(got.input_value) == pytest.approx(a[query, row], rel=1e-4, abs=1e-6)
    assert float(got.loss) == pytest.approx(_cross_entropy(logits, y), rel=1e-4)

    def nudged_loss(eps: float) -> float:
        nudge = (layer, row, head * d + column, eps)
        return _cross_entropy(numpy_transformer(model, params, x, nudge)[0], y)

    numeric = (nudged_loss(1e-4) - nudged_loss(-1e-4)) / 2e-4
    assert float(got.gradient) == pytest.approx(numeric, rel=2e-3, abs=1e-7)
    shares = sum(float(np.sum(ask(q).weight_shares)) for q in range(5))
    assert shares == pytest.approx(float(got.gradient), rel=1e-4, abs=1e-7)
    assert np.all(np.asarray(got.weight_shares)[~allowed] == 0)  # a hidden key adds nothing


def test_the_principal_plane_is_numpys_with_steady_signs() -> None:
    m = np.random.default_rng(5).normal(0, 1, (9, 6))
    got = np.asarray(principal_plane(jnp.asarray(m, jnp.float32)))
    centered = m - m.mean(0)
    _, _, vt = np.linalg.svd(centered, full_matrices=False)
    np.testing.assert_allclose(np.abs(got), np.abs(centered @ vt[:2].T), rtol=1e-4, atol=1e-5)
    flipped = np.asarray(principal_plane(jnp.asarray(-m, jnp.float32)))
    np.testing.assert_allclose(flipped, -got, rtol=1e-4, atol=1e-5)  # the axes follow the data
    assert np.all(np.abs(got).max(0) > 0)


@pytest.mark.parametrize("causal", [False, True])
def test_every_task_asks_what_its_goal_says(causal: bool) -> None:
    for task in ("reverse", "sort", "shift"):
        c = AttentionConfig(task=task, vocabulary=7, length=5, shift=2, causal=causal)
        data, shape = generate(c), layout(c)
        x, y = data.x_train.astype(int), data.y_train[..., 0].astype(int)
        assert x.shape[1] == shape.positions == (10 if causal else 5)
        sequence = x[:, :5]
        expected = {"reverse": sequence[:, ::-1], "sort": np.sort(sequence, 1),
                    "shift": np.roll(sequence, 2, 1)}[task]
        np.testing.assert_array_equal(y, expected)
        if causal:  # the separator, then the answer so far (teacher forcing)
            assert np.all(x[:, 5] == 7)
            np.testing.assert_array_equal(x[:, 6:], expected[:, :-1])
        assert len(data.x_test) == 2000 - len(data.x_train) == 400

    c = AttentionConfig(task="induction", vocabulary=7, length=9)
    data, shape = generate(c), layout(c)
    x, y = data.x_test.astype(int), data.y_test[..., 0].astype(int)
    assert shape.causal and x.shape[1] == shape.positions == 7 and y.shape[1] == 3
    np.testing.assert_array_equal(x[:, 4:], x[:, :3])  # the half repeats
    np.testing.assert_array_equal(y, x[:, 1:4])  # the next token of each repeat position

    c = AttentionConfig(task="modular", modulus=11, train_share=0.3, causal=causal)
    data = generate(c)
    x = np.concatenate([data.x_train, data.x_test]).astype(int)
    y = np.concatenate([data.y_train, data.y_test])[:, 0, 0].astype(int)
    assert len(x) == 121 and len(data.x_train) == 36
    assert len({(a, b) for a, b, _ in x}) == 121 and np.all(x[:, 2] == 11)
    np.testing.assert_array_equal(y, (x[:, 0] + x[:, 1]) % 11)


def test_settings_that_do_not_fit_are_refused_naming_why() -> None:
    from pydantic import ValidationError
    for settings, message in [({"width": 30, "heads": 4}, "not a multiple of heads 4"),
                              ({"task": "shift", "shift": 8, "length": 8}, "below the length"),
                              ({"task": "induction", "length": 3}, "length ≥ 4")]:
        with pytest.raises(ValidationError, match=message):
            AttentionConfig(**settings)
    for task, causal in itertools.product(("reverse", "modular", "induction"), (False, True)):
        AttentionConfig(task=task, causal=causal)  # every default fits
