"""Weight initialisation schemes; biases start at 0.1 as in TensorFlow Playground (0 for zeros).

Drawn with NumPy on the host: a JAX random call compiles a small program for every
new shape, and an architecture edit must not wait for that.
"""

from collections.abc import Callable

import numpy as np

Initializer = Callable[[np.random.Generator, int, int], np.ndarray]


def _uniform(rng: np.random.Generator, n_in: int, n_out: int) -> np.ndarray:
    return rng.uniform(-0.5, 0.5, (n_in, n_out))


def _xavier(rng: np.random.Generator, n_in: int, n_out: int) -> np.ndarray:
    limit = np.sqrt(6.0 / (n_in + n_out))
    return rng.uniform(-limit, limit, (n_in, n_out))


def _he(rng: np.random.Generator, n_in: int, n_out: int) -> np.ndarray:
    return rng.normal(0.0, np.sqrt(2.0 / n_in), (n_in, n_out))


def _zeros(rng: np.random.Generator, n_in: int, n_out: int) -> np.ndarray:
    return np.zeros((n_in, n_out))


INITIALIZERS: dict[str, Initializer] = {  # keyed by vocabulary.INITIALIZER_NAMES
    "uniform": _uniform,
    "xavier": _xavier,
    "he": _he,
    "zeros": _zeros,
}


def initial_bias(scheme: str, n_out: int) -> np.ndarray:
    return np.full((n_out,), 0.0 if scheme == "zeros" else 0.1)
