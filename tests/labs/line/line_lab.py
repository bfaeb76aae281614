"""A lab that lives only in the tests: fit a line to noisy points of y = 2x - 1.

It follows docs/labs.md and touches nothing of the core: its parameters are a dict
(not the 2D lab's list of layers), its one parameter group is the slope, and a frame
shows the fitted line at the probe points.
"""

from dataclasses import dataclass
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from mindscope.engine import Dataset, Forward, Group
from mindscope.engine.training import pack

SLOPE, INTERCEPT = 2.0, -1.0


def line_data(n: int = 64, noise: float = 0.1, seed: int = 0) -> Dataset:
    """n points of y = SLOPE x + INTERCEPT + noise on x in [-1, 1], three quarters to
    train on."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1, 1, (n, 1))
    y = SLOPE * x + INTERCEPT + noise * rng.standard_normal((n, 1))
    cut = 3 * n // 4
    return pack(x[:cut], y[:cut], x[cut:], y[cut:])


@dataclass(frozen=True)
class Line:
    """y = x · slope + intercept."""

    def init(self, seed: int, scheme: str = "uniform") -> dict[str, jax.Array]:
        del scheme  # one initializer: small random numbers of the seed
        slope, intercept = np.random.default_rng(seed).uniform(-0.1, 0.1, 2)
        return {"slope": jnp.full((1, 1), slope, jnp.float32),
                "intercept": jnp.full(1, intercept, jnp.float32)}

    def apply(self, params: dict[str, jax.Array], x: jax.Array,
              dropout: jax.Array | None = None, key: jax.Array | None = None,
              arch: Any = None) -> tuple[jax.Array, dict[str, jax.Array]]:
        return x @ params["slope"] + params["intercept"], {}

    def groups(self, params: dict[str, jax.Array], acts: dict[str, jax.Array] | None = None,
               arch: Any = None) -> list[Group]:
        return [Group(params["slope"], None if acts is None else acts["output"])]

    def views(self, forward: Forward, head: Any, params: dict[str, jax.Array], h: Any,
              probes: jax.Array) -> dict[str, jax.Array]:
        """"fit": the line at the probe points (N, 1)."""
        logits, _ = forward(params, probes, h)
        return {"fit": logits[:, 0]}
