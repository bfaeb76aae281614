"""Independent NumPy references (float64) for the engine tests: a dense network on the raw
inputs (features x1, x2), every head's loss and accuracy, and backprop by hand for a tanh
network with a tanh output and half squared error. Nothing here calls JAX."""

import numpy as np

ACTIVATIONS = {"tanh": np.tanh, "relu": lambda z: np.maximum(z, 0.0)}


def host(params) -> list[dict[str, np.ndarray]]:
    return [{k: np.asarray(v, np.float64) for k, v in layer.items()} for layer in params]


def forward(params, x: np.ndarray, activations: tuple[str, ...]) -> np.ndarray:
    """The logits of a dense network whose features are the inputs (x1, x2)."""
    a = np.asarray(x, np.float64)
    layers = host(params)
    for layer, name in zip(layers[:-1], activations, strict=True):
        a = ACTIVATIONS[name](a @ layer["w"] + layer["b"])
    return a @ layers[-1]["w"] + layers[-1]["b"]


def head_losses(problem: str, loss: str, logits: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The per-example loss of each head, written out."""
    z, t = logits[:, 0], np.asarray(y, np.float64)[:, 0]
    if (problem, loss) == ("binary", "mse"):
        return 0.5 * (np.tanh(z) - t) ** 2
    if (problem, loss) == ("binary", "log"):
        label = (t + 1) / 2  # log(1 + e^z) - label * z: the sigmoid's cross-entropy
        return np.logaddexp(0.0, z) - label * z
    if (problem, loss) == ("multiclass", "cross_entropy"):
        top = logits.max(axis=1)
        log_total = top + np.log(np.exp(logits - top[:, None]).sum(axis=1))
        return log_total - logits[np.arange(len(t)), t.astype(int)]
    if (problem, loss) == ("regression", "mse"):
        return 0.5 * (z - t) ** 2
    if (problem, loss) == ("regression", "huber"):
        d = np.abs(z - t)
        return np.where(d <= 1.0, 0.5 * d**2, d - 0.5)
    raise KeyError((problem, loss))


def accuracy(problem: str, logits: np.ndarray, y: np.ndarray) -> float:
    """Share classified right: the sign of the logit (tanh and sigmoid - 1/2 keep it) for
    binary, the largest logit for multi-class; NaN for regression."""
    t = np.asarray(y)[:, 0]
    if problem == "binary":
        return float(np.mean(np.where(logits[:, 0] >= 0, 1.0, -1.0) == t))
    if problem == "multiclass":
        return float(np.mean(np.argmax(logits, axis=1) == t.astype(int)))
    return float("nan")


def tanh_mse_backprop(params, x: np.ndarray, y: np.ndarray,
                      ) -> tuple[float, list[dict[str, np.ndarray]]]:
    """Mean half squared error of a tanh network with a tanh output, and its gradient, by
    the chain rule."""
    layers = host(params)
    activations = [np.asarray(x, np.float64)]
    for layer in layers:
        activations.append(np.tanh(activations[-1] @ layer["w"] + layer["b"]))
    out, y = activations[-1], np.asarray(y, np.float64)
    loss = 0.5 * np.mean(np.sum((out - y) ** 2, axis=1))
    delta = (out - y) / len(x) * (1 - out**2)  # dL/dz of the output layer
    grads: list[dict[str, np.ndarray]] = [{} for _ in layers]
    for i in range(len(layers) - 1, -1, -1):
        grads[i] = {"w": activations[i].T @ delta, "b": delta.sum(axis=0)}
        if i:
            delta = (delta @ layers[i]["w"].T) * (1 - activations[i] ** 2)
    return float(loss), grads
