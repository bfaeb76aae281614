"""The engine benchmark's figures time real work: each is a positive, finite time."""

import math

from mindscope.bench.engine import landscape_ms, snapshot_ms


def test_the_snapshot_and_landscape_figures_time_the_work() -> None:
    figures = [snapshot_ms([4], 20, 1), landscape_ms([4], "random", 1),
               landscape_ms([4], "pca", 1)]
    # A slice of 25 x 25 losses over the training set cannot take under 50 µs.
    assert all(math.isfinite(ms) and ms > 0.05 for ms in figures), figures
