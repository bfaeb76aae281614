"""The engine's gradients against two independent oracles: finite differences and NumPy."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from mindscope.engine import ACTIVATIONS, HEADS, Regime, Trainer, hyper
from mindscope.labs.points.features import FEATURES
from mindscope.labs.points.network import DenseNet


def _flat_grad_check(trainer: Trainer, params, x, y, weights, h, eps: float = 1e-6) -> None:
    def loss(p):
        return trainer.objective(p, x, y, weights, h)

    grads = jax.grad(loss)(params)
    for layer, layer_grads in zip(params, grads, strict=True):
        for name in ("w", "b"):
            value = np.asarray(layer[name])
            analytic = np.asarray(layer_grads[name])
            numeric = np.zeros_like(value)
            for index in np.ndindex(value.shape):
                for sign in (1, -1):
                    bumped = value.copy()
                    bumped[index] += sign * eps
                    layer[name] = jnp.asarray(bumped)
                    numeric[index] += sign * float(loss(params)) / (2 * eps)
                layer[name] = jnp.asarray(value)
            np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-8)


def _targets(problem: str, rng: np.random.Generator, n: int) -> np.ndarray:
    if problem == "binary":
        return rng.choice([-1.0, 1.0], (n, 1))
    if problem == "multiclass":
        return rng.integers(0, 3, (n, 1)).astype(float)
    return rng.uniform(-2, 2, (n, 1))


def _check(activations: tuple[str, ...], features: tuple[str, ...], problem: str, loss: str,
           l1: float = 0.0, l2: float = 0.0) -> None:
    with jax.enable_x64(True):
        model = DenseNet(features, (3,) * len(activations), activations,
                         n_outputs=3 if problem == "multiclass" else 1)
        trainer = Trainer(model, problem, loss, "sgd", batch_bucket=4,
                          regime=Regime(l1=l1 > 0, l2=l2 > 0))
        params = jax.tree.map(lambda a: a.astype(jnp.float64), model.init(1))
        rng = np.random.default_rng(0)
        x = jnp.asarray(rng.uniform(-3, 3, (7, 2)))
        y = jnp.asarray(_targets(problem, rng, 7))
        weights = jnp.asarray([1.0, 1.0, 0.0, 1.0, 1.0, 1.0, 0.0])  # two rows left out
        _flat_grad_check(trainer, params, x, y, weights, hyper(l1=l1, l2=l2))


@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
def test_gradients_match_finite_differences_for_every_activation(activation: str) -> None:
    _check((activation, activation), ("x1", "x2"), "binary", "mse")


@pytest.mark.parametrize(("problem", "loss"), sorted(HEADS))
def test_gradients_match_finite_differences_for_every_loss(problem: str, loss: str) -> None:
    _check(("tanh",), ("x1", "x2"), problem, loss)


def test_gradients_match_finite_differences_for_every_feature_and_regularizer() -> None:
    _check(("gelu", "softplus"), tuple(FEATURES), "binary", "log", l1=0.01, l2=0.03)


def _numpy_backprop(weights, biases, x, y):
    """Forward and backward pass of a tanh MLP with half-MSE loss, written out by hand."""
    activations = [x]
    for w, b in zip(weights, biases, strict=True):
        activations.append(np.tanh(activations[-1] @ w + b))
    out = activations[-1]
    loss = 0.5 * np.mean(np.sum((out - y) ** 2, axis=1))
    delta = (out - y) / len(x) * (1 - out**2)  # dL/dz of the output layer
    grads_w, grads_b = [], []
    for layer in range(len(weights) - 1, -1, -1):
        grads_w.insert(0, activations[layer].T @ delta)
        grads_b.insert(0, delta.sum(axis=0))
        if layer:
            delta = (delta @ weights[layer].T) * (1 - activations[layer] ** 2)
    return loss, grads_w, grads_b


def test_engine_agrees_with_an_independent_numpy_reference() -> None:
    model = DenseNet(("x1", "x2"), (4, 2), ("tanh", "tanh"))
    trainer = Trainer(model, "binary", "mse", "sgd", batch_bucket=16)
    params = model.init(7)
    rng = np.random.default_rng(3)
    x = rng.uniform(-6, 6, (25, 2)).astype(np.float32)
    y = rng.choice([-1.0, 1.0], (25, 1)).astype(np.float32)
    weights = [np.asarray(p["w"], np.float64) for p in params]
    biases = [np.asarray(p["b"], np.float64) for p in params]
    ref_loss, ref_w, ref_b = _numpy_backprop(weights, biases, x.astype(np.float64), y)

    # The 25 examples alone, then among 7 padding rows of weight 0 (which must not count).
    padding_x = rng.uniform(-6, 6, (7, 2)).astype(np.float32)
    padding_y = rng.choice([-1.0, 1.0], (7, 1)).astype(np.float32)
    for xs, ys, w in [(x, y, np.ones(25)),
                      (np.concatenate([padding_x[:3], x, padding_x[3:]]),
                       np.concatenate([padding_y[:3], y, padding_y[3:]]),
                       np.concatenate([np.zeros(3), np.ones(25), np.zeros(4)]))]:
        loss, grads = jax.value_and_grad(trainer.data_loss)(
            params, jnp.asarray(xs), jnp.asarray(ys), jnp.asarray(w, jnp.float32), hyper())
        assert float(loss) == pytest.approx(ref_loss, abs=1e-5)
        for g, rw, rb in zip(grads, ref_w, ref_b, strict=True):
            np.testing.assert_allclose(np.asarray(g["w"]), rw, atol=1e-5)
            np.testing.assert_allclose(np.asarray(g["b"]), rb, atol=1e-5)
