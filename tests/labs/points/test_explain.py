"""The step-through numbers equal an independent calculation by hand (NumPy)."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from mindscope.engine import Trainer, hyper
from mindscope.labs.points.explain import explain_jit
from mindscope.labs.points.network import DenseNet


def _by_hand(weights, biases, x, y, lr):
    """Forward, loss, deltas and SGD updates of a tanh net with a tanh output and half
    squared error, for one example, written out with the chain rule."""
    a, pre, post = x, [], []
    for w, b in zip(weights, biases, strict=True):
        z = a @ w + b
        a = np.tanh(z)
        pre.append(z)
        post.append(a)
    loss = 0.5 * np.sum((a - y) ** 2)
    deltas = [None] * len(weights)
    deltas[-1] = (a - y) * (1 - a**2)  # dL/da * da/dz at the output
    for i in range(len(weights) - 2, -1, -1):
        deltas[i] = (deltas[i + 1] @ weights[i + 1].T) * (1 - post[i] ** 2)
    inputs = [x, *post[:-1]]
    grads_w = [np.outer(inp, d) for inp, d in zip(inputs, deltas, strict=True)]
    return pre, post, loss, deltas, grads_w, [-lr * g for g in grads_w]


def test_forward_backward_and_update_match_the_chain_rule_by_hand() -> None:
    model = DenseNet(("x1", "x2"), (3, 2), ("tanh", "tanh"))
    trainer = Trainer(model, "binary", "mse", "sgd", 16)
    state = trainer.init_state(5)
    point, target, lr = jnp.array([1.5, -2.0]), jnp.array([1.0]), 0.1
    got = explain_jit(trainer)(state.params, state.opt_state, state.step, point, target,
                               hyper(lr))
    weights = [np.asarray(p["w"], np.float64) for p in state.params]
    biases = [np.asarray(p["b"], np.float64) for p in state.params]
    pre, post, loss, deltas, grads_w, updates_w = _by_hand(
        weights, biases, np.array([1.5, -2.0]), np.array([1.0]), lr)

    np.testing.assert_allclose(got.inputs, [1.5, -2.0])
    assert float(got.loss) == pytest.approx(loss, rel=1e-5)
    for mine, theirs in [(got.pre, pre), (got.post, post), (got.deltas, deltas)]:
        for a, b in zip(mine, theirs, strict=True):
            np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-7)
    for g, u, gw, uw, d in zip(got.grads, got.updates, grads_w, updates_w, deltas,
                               strict=True):
        np.testing.assert_allclose(g["w"], gw, rtol=1e-5, atol=1e-7)
        np.testing.assert_allclose(u["w"], uw, rtol=1e-5, atol=1e-8)
        np.testing.assert_allclose(u["b"], -lr * d, rtol=1e-5, atol=1e-8)


def test_update_is_the_optimizers_own_step() -> None:
    trainer = Trainer(DenseNet(), "binary", "log", "adam", 16)
    state = trainer.init_state(1)
    point, target = jnp.array([0.5, 0.5]), jnp.array([-1.0])
    got = explain_jit(trainer)(state.params, state.opt_state, state.step, point, target,
                               hyper(0.01))
    # Adam's first step moves every weight with a nonzero gradient by about the rate.
    moved = np.abs(np.concatenate([np.ravel(u["w"]) for u in got.updates]))
    grads = np.abs(np.concatenate([np.ravel(g["w"]) for g in got.grads]))
    np.testing.assert_allclose(moved[grads > 1e-6], 0.01, rtol=1e-2)
    assert jax.tree.structure(got.updates) == jax.tree.structure(state.params)
