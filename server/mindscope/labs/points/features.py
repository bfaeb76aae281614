"""Input features computed from a point (x1, x2), as TensorFlow Playground offers them;
keyed by vocabulary.FEATURE_NAMES in their order."""

from collections.abc import Callable

import jax
import jax.numpy as jnp

Feature = Callable[[jax.Array, jax.Array], jax.Array]

FEATURES: dict[str, Feature] = {
    "x1": lambda x1, x2: x1,
    "x2": lambda x1, x2: x2,
    "x1_sq": lambda x1, x2: x1 * x1,
    "x2_sq": lambda x1, x2: x2 * x2,
    "x1_x2": lambda x1, x2: x1 * x2,
    "sin_x1": lambda x1, x2: jnp.sin(x1),
    "sin_x2": lambda x1, x2: jnp.sin(x2),
}


def feature_matrix(names: tuple[str, ...], points: jax.Array) -> jax.Array:
    """(N, 2) points -> (N, len(names)) features."""
    x1, x2 = points[:, 0], points[:, 1]
    return jnp.stack([FEATURES[name](x1, x2) for name in names], axis=1)
