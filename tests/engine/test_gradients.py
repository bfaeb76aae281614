"""The engine's gradients against two independent oracles: finite differences and NumPy."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from mindscope.engine import ACTIVATIONS, DenseNet, Trainer


def _flat_grad_check(trainer: Trainer, params, x, y, eps: float = 1e-6) -> None:
    grads = jax.grad(trainer.batch_loss)(params, x, y)
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
                    numeric[index] += sign * float(trainer.batch_loss(params, x, y)) / (2 * eps)
                layer[name] = jnp.asarray(value)
            np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-8)


@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
def test_gradients_match_central_finite_differences(activation: str) -> None:
    with jax.enable_x64(True):
        model = DenseNet(n_inputs=2, hidden=(3, 2), activation=activation)
        trainer = Trainer(model, "mse", batch_size=4)
        params = jax.tree.map(lambda a: a.astype(jnp.float64), model.init(jax.random.key(1)))
        rng = np.random.default_rng(0)
        x = jnp.asarray(rng.uniform(-3, 3, (7, 2)))
        y = jnp.asarray(rng.choice([-1.0, 1.0], (7, 1)))
        _flat_grad_check(trainer, params, x, y)


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
    model = DenseNet(n_inputs=2, hidden=(4, 2), activation="tanh")
    trainer = Trainer(model, "mse", batch_size=10)
    params = model.init(jax.random.key(7))
    rng = np.random.default_rng(3)
    x = rng.uniform(-6, 6, (25, 2)).astype(np.float32)
    y = rng.choice([-1.0, 1.0], (25, 1)).astype(np.float32)

    loss, grads = jax.value_and_grad(trainer.batch_loss)(params, jnp.asarray(x), jnp.asarray(y))
    weights = [np.asarray(p["w"], np.float64) for p in params]
    biases = [np.asarray(p["b"], np.float64) for p in params]
    ref_loss, ref_w, ref_b = _numpy_backprop(weights, biases, x.astype(np.float64), y)

    assert float(loss) == pytest.approx(ref_loss, abs=1e-5)
    for g, rw, rb in zip(grads, ref_w, ref_b, strict=True):
        np.testing.assert_allclose(np.asarray(g["w"]), rw, atol=1e-5)
        np.testing.assert_allclose(np.asarray(g["b"]), rb, atol=1e-5)
