"""OnHost: the jitted result, whole, as NumPy arrays, whatever its structure and dtypes."""

import jax
import jax.numpy as jnp
import numpy as np

from mindscope.engine.transfer import OnHost


def _mixed(x: jax.Array, n: jax.Array) -> dict[str, object]:
    return {
        "scalar": jnp.sum(x),
        "matrix": x * 2.0,
        "quantized": (x * 10).astype(jnp.uint8),
        "layers": [{"w": x[:2], "b": jnp.arange(3, dtype=jnp.int32) + n}, {"w": x.T}],
        "finite": jnp.all(jnp.isfinite(x)),
        "empty": jnp.zeros((0, 4)),
    }


def test_on_host_matches_the_jitted_function_leaf_for_leaf() -> None:
    fetch = OnHost(_mixed)
    for shape in ((3, 4), (5, 2), (3, 4)):  # a new shape gets its own layout; an old one reuses
        x = jnp.asarray(np.random.default_rng(0).uniform(0, 20, shape), jnp.float32)
        got, want = fetch(x, np.int32(7)), jax.device_get(jax.jit(_mixed)(x, np.int32(7)))
        assert jax.tree.structure(got) == jax.tree.structure(want)
        for a, b in zip(jax.tree.leaves(got), jax.tree.leaves(want), strict=True):
            assert isinstance(a, np.ndarray) and a.dtype == b.dtype and a.shape == b.shape
            np.testing.assert_array_equal(a, b)
