"""The core trains, shows, slices and stores a lab it has never heard of (line_lab.py),
checked against NumPy: the seam docs/labs.md describes."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from line_lab import INTERCEPT, SLOPE, Line, line_data

from mindscope.engine import Regime, hyper
from mindscope.engine.landscape import Trajectory, filter_normalized, grid_axis, landscape
from mindscope.engine.programs import PROGRAMS
from mindscope.engine.training import MIN_ROWS
from mindscope.sessions.archive import leaf_paths

DATA = line_data()
PROBES = jnp.linspace(-1, 1, 5)[:, None]


def _rows() -> tuple[np.ndarray, np.ndarray]:
    n = int(DATA.n_train)
    return np.asarray(DATA.x, np.float64)[:n, 0], np.asarray(DATA.y, np.float64)[:n, 0]


def _numpy_loss(slope: float, intercept: float) -> float:
    x, y = _rows()
    return float(np.mean(0.5 * (slope * x + intercept - y) ** 2))


def test_snapshot_losses_gradient_views_and_statistics_match_numpy() -> None:
    trainer = PROGRAMS.trainer(Line(), "regression", "mse", "sgd", 16, Regime(l2=True),
                               MIN_ROWS)
    state = trainer.init_state(3)
    s, b = float(state.params["slope"][0, 0]), float(state.params["intercept"][0])
    snap = trainer.snapshot(state, DATA, hyper(0.1, l2=0.5), PROBES)
    x, y = _rows()
    error = s * x + b - y
    assert float(snap.train_loss) == pytest.approx(_numpy_loss(s, b), rel=1e-5)
    # L2 acts on the group's weights (the slope), not on the intercept.
    grad_slope = np.mean(error * x) + 0.5 * s
    assert float(snap.grads["slope"][0, 0]) == pytest.approx(grad_slope, rel=1e-4)
    assert float(snap.grads["intercept"][0]) == pytest.approx(np.mean(error), rel=1e-4)
    np.testing.assert_allclose(snap.views["fit"], s * np.asarray(PROBES)[:, 0] + b, rtol=1e-5)
    assert snap.stats.grad_norm.shape == (1,)
    assert float(snap.stats.grad_norm[0]) == pytest.approx(abs(grad_slope), rel=1e-4)
    assert float(snap.stats.weight_mean[0]) == pytest.approx(s, rel=1e-5)


def test_the_fused_chunk_finds_the_least_squares_line() -> None:
    trainer = PROGRAMS.trainer(Line(), "regression", "mse", "adam", 64, Regime(), MIN_ROWS)
    state, _ = trainer.train_chunk(trainer.init_state(0), DATA, hyper(0.05, batch_size=48),
                                   np.int32(2000))
    x, y = _rows()
    slope, intercept = np.polyfit(x, y, 1)  # the oracle: least squares on the same rows
    assert float(state.params["slope"][0, 0]) == pytest.approx(slope, abs=0.02)
    assert float(state.params["intercept"][0]) == pytest.approx(intercept, abs=0.02)
    assert slope == pytest.approx(SLOPE, abs=0.1) and intercept == pytest.approx(INTERCEPT,
                                                                                abs=0.1)


def test_the_loss_landscape_slices_a_pytree_of_the_labs_own_shape() -> None:
    trainer = PROGRAMS.trainer(Line(), "regression", "mse", "sgd", 16, Regime(), MIN_ROWS)
    params = Line().init(5)
    got = landscape(trainer, params, 0, Trajectory(), DATA, hyper(), "random", resolution=5,
                    span=2.0, seed=1)
    # Leaves in key order: intercept (no axes to normalise: zero), then the slope, a 1x1
    # "filter" scaled to the norm of the slope.
    d1, d2 = filter_normalized(params, 1), filter_normalized(params, 2)
    slope = abs(float(params["slope"][0, 0]))
    assert d1[0] == d2[0] == 0 and abs(d1[1]) == pytest.approx(slope, rel=1e-6)
    axis = grid_axis(5, 2.0)
    s, b = float(params["slope"][0, 0]), float(params["intercept"][0])
    for row, col in [(0, 0), (2, 2), (4, 1)]:
        alpha, beta = axis[col], axis[::-1][row]
        expected = _numpy_loss(s + alpha * d1[1] + beta * d2[1], b)
        assert got.loss[row, col] == pytest.approx(expected, rel=1e-5)


def test_a_session_file_names_each_leaf_by_its_path() -> None:
    params = Line().init(0)
    named = leaf_paths(jax.device_get(params))
    assert sorted(named) == ["intercept", "slope"]
    assert named["slope"].shape == (1, 1)
