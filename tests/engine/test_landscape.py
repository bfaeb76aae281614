"""The loss landscape against NumPy: grid values, filter normalisation, PCA, projection."""

import jax.numpy as jnp
import numpy as np
import pytest

from mindscope.engine import Regime, hyper
from mindscope.engine.landscape import (
    TRAJECTORY_LENGTH,
    LandscapeError,
    Trajectory,
    filter_normalized,
    flatten,
    grid_axis,
    landscape,
    pca_directions,
    project,
    unflatten,
)
from mindscope.engine.programs import PROGRAMS
from mindscope.engine.training import MIN_ROWS, Dataset, pack
from mindscope.labs.points.network import DenseNet

MODEL = DenseNet(("x1", "x2"), (4, 3), ("tanh", "tanh"))
TRAINER = PROGRAMS.trainer(MODEL, "binary", "mse", "sgd", 16, Regime(), MIN_ROWS)
N_TRAIN = 30  # of _data()'s 40 points; the rest are test points, which the slice leaves out


def _numpy_loss(weights: list[np.ndarray], biases: list[np.ndarray], x: np.ndarray,
                y: np.ndarray) -> float:
    """Half squared error of a tanh net with a tanh output, written out by hand."""
    a = x
    for w, b in zip(weights, biases, strict=True):
        a = np.tanh(a @ w + b)
    return float(np.mean(0.5 * np.sum((a - y) ** 2, axis=1)))


def _layers(vector: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
    weights, biases, at = [], [], 0
    for n_in, n_out in zip(MODEL.layer_sizes[:-1], MODEL.layer_sizes[1:], strict=True):
        biases.append(vector[at:at + n_out])  # a layer's leaves in key order: b, then w
        at += n_out
        weights.append(vector[at:at + n_in * n_out].reshape(n_in, n_out))
        at += n_in * n_out
    return weights, biases


def _data(n: int = 40) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(3)
    x = rng.uniform(-5, 5, (n, 2))
    return x, np.where(np.hypot(x[:, 0], x[:, 1]) < 3, 1.0, -1.0)[:, None]


def _packed(x: np.ndarray, y: np.ndarray) -> Dataset:
    return pack(x[:N_TRAIN], y[:N_TRAIN], x[N_TRAIN:], y[N_TRAIN:])


def test_grid_values_equal_the_loss_computed_with_numpy_at_that_point() -> None:
    params = MODEL.init(7)
    x, y = _data()
    trajectory = Trajectory()
    got = landscape(TRAINER, params, 0, trajectory, _packed(x, y), hyper(), "random",
                    resolution=9, span=1.5, seed=4)
    center = flatten(params)
    d1, d2 = filter_normalized(params, 4), filter_normalized(params, 5)
    axis = grid_axis(9, 1.5)
    for row, col in [(0, 0), (4, 4), (2, 7), (8, 1)]:
        alpha, beta = axis[col], axis[::-1][row]  # row 0 is the top: b = +span
        expected = _numpy_loss(*_layers(center + alpha * d1 + beta * d2), x[:N_TRAIN],
                               y[:N_TRAIN])
        assert got.loss[row, col] == pytest.approx(expected, rel=2e-5)
    assert got.loss.shape == (9, 9)
    np.testing.assert_allclose(got.path, [[0.0, 0.0]], atol=1e-6)  # only the current point


def test_random_directions_are_filter_normalised_with_zero_biases() -> None:
    params = MODEL.init(2)
    direction = unflatten(filter_normalized(params, 11), params)
    for layer, d in zip(params, direction, strict=True):
        np.testing.assert_allclose(np.linalg.norm(np.asarray(d["w"]), axis=0),
                                   np.linalg.norm(np.asarray(layer["w"]), axis=0), rtol=1e-5)
        assert not np.any(np.asarray(d["b"]))
    assert not np.allclose(filter_normalized(params, 11), filter_normalized(params, 12))


def test_directions_normalise_each_filter_of_any_pytree() -> None:
    """A convolution's kernel (h, w, c_in, c_out) has c_out filters; a scale has none."""
    rng = np.random.default_rng(1)
    params = {"conv": {"kernel": jnp.asarray(rng.standard_normal((3, 3, 2, 4))),
                       "scale": jnp.ones(4)}, "dense": [jnp.asarray(rng.standard_normal((5, 2)))]}
    direction = unflatten(filter_normalized(params, 3), params)
    kernel, d = np.asarray(params["conv"]["kernel"]), np.asarray(direction["conv"]["kernel"])
    np.testing.assert_allclose(np.linalg.norm(d.reshape(-1, 4), axis=0),
                               np.linalg.norm(kernel.reshape(-1, 4), axis=0), rtol=1e-5)
    np.testing.assert_allclose(np.linalg.norm(np.asarray(direction["dense"][0]), axis=0),
                               np.linalg.norm(np.asarray(params["dense"][0]), axis=0), rtol=1e-5)
    assert not np.any(np.asarray(direction["conv"]["scale"]))
    np.testing.assert_array_equal(flatten(unflatten(flatten(params), params)),
                                  flatten(params).astype(np.float32))


def test_pca_directions_are_orthonormal_and_a_point_in_the_plane_projects_exactly() -> None:
    rng = np.random.default_rng(0)
    center = rng.standard_normal(30)
    trajectory = center + rng.standard_normal((12, 30)) * np.linspace(3, 0.1, 30)
    directions = pca_directions(trajectory, center)
    np.testing.assert_allclose(directions @ directions.T, np.eye(2), atol=1e-10)
    # The top direction captures more of the spread than the second, and both more than
    # any other orthogonal direction (the definition of the principal plane).
    offsets = trajectory - center
    spread = np.linalg.norm(offsets @ directions.T, axis=0)
    assert spread[0] >= spread[1] > 0
    point = center + 0.7 * directions[0] - 2.5 * directions[1]
    np.testing.assert_allclose(project(point[None], center, directions[0], directions[1]),
                               [[0.7, -2.5]], atol=1e-10)
    # Least squares in a non-orthogonal basis is exact for points of the plane too.
    d1, d2 = rng.standard_normal(30), rng.standard_normal(30)
    np.testing.assert_allclose(project((center + 1.5 * d1 + 0.25 * d2)[None], center, d1, d2),
                               [[1.5, 0.25]], atol=1e-10)


def test_pca_of_a_straight_path_is_refused() -> None:
    center = np.zeros(5)
    line = np.outer(np.arange(1.0, 5.0), np.ones(5))
    with pytest.raises(LandscapeError, match="spans a plane"):
        pca_directions(line, center)


def test_pca_slice_fits_the_path_and_ends_at_the_current_point() -> None:
    x, y = _data()
    data, trainer = _packed(x, y), TRAINER
    state = trainer.init_state(1)
    trajectory = Trajectory()
    for _ in range(8):
        trajectory.record(int(state.step), state.params)
        state, _ = trainer.train_chunk(state, data, hyper(0.3), jnp.int32(20))
    got = landscape(trainer, state.params, int(state.step), trajectory, data, hyper(0.3),
                    "pca", resolution=7, span=1.0)
    assert list(got.path_steps) == [0, 20, 40, 60, 80, 100, 120, 140, 160]
    np.testing.assert_allclose(got.path[-1], [0.0, 0.0], atol=1e-6)
    assert np.max(np.abs(got.path)) == pytest.approx(0.8, rel=1e-6)  # 1 / PCA_MARGIN
    centre_loss = _numpy_loss(*_layers(flatten(state.params)), x[:N_TRAIN], y[:N_TRAIN])
    assert got.loss[3, 3] == pytest.approx(centre_loss, rel=2e-5)


def test_trajectory_stays_bounded_and_restarts_on_reset_or_new_shape() -> None:
    trajectory = Trajectory()
    params = MODEL.init(0)
    for step in range(0, 1000, 3):
        trajectory.record(step, params)
    assert len(trajectory.points) <= TRAJECTORY_LENGTH
    assert trajectory.steps[0] == 0 and trajectory.steps[-1] > 900
    trajectory.record(5, params)  # the step went back: a reset
    assert trajectory.steps == [5]
    trajectory.record(6, DenseNet(("x1", "x2"), (2,), ("tanh",)).init(0))
    assert trajectory.steps == [6]
