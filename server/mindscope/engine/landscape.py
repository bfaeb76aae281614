"""The loss landscape: a 2D slice of the training loss around the current weights.

L(θ + a d1 + b d2) over an R x R grid of (a, b) in [-span, span]², computed in one
jitted call (a vmap over each row, `lax.map` over the rows so memory stays one row's
worth). Two kinds of directions:

- "random": filter-normalised as in Li et al. 2018, "Visualizing the Loss Landscape of
  Neural Nets": a Gaussian direction whose every filter (the weights feeding one output
  unit: the last axis of a parameter of two or more axes, a column of a dense layer's
  (n_in, n_out) matrix, one kernel of a convolution's (…, c_in, c_out)) is rescaled to
  the norm of the same filter of θ. Directions of parameters of fewer axes (biases,
  norms' scales) are zero, as the paper's code does by default (`ignore='biasbn'`).
- "pca": the top two principal directions of the recent trajectory (the snapshots of
  θ_t minus the current θ), orthonormal, then scaled so the path fits in the slice.

θ is any pytree of arrays (Model's Params), flattened in its leaves' order.

The optimizer's path is drawn by projecting each recorded θ_t - θ onto the plane
(least-squares coordinates in units of d1, d2).
"""

from collections.abc import Callable
from typing import Any, Literal, NamedTuple, cast

import jax
import jax.numpy as jnp
import numpy as np

from ..vocabulary import LANDSCAPE_DIRECTIONS
from .model import Params
from .training import Dataset, Hyper, Trainer, pack

Directions = Literal[LANDSCAPE_DIRECTIONS]  # type: ignore[valid-type]
TRAJECTORY_LENGTH = 100
LANDSCAPE_MIN_ROWS = 64  # the smallest bucket of a slice's training rows
PCA_MARGIN = 1.25  # the path's farthest point lies at 1 / PCA_MARGIN of the span


class LandscapeError(ValueError):
    """A slice that cannot be drawn yet (e.g. PCA of a path too short)."""


class Slice(NamedTuple):
    loss: np.ndarray  # (R, R) float32: row 0 is b = +span, column 0 is a = -span
    path: np.ndarray  # (n, 2) float32: (a, b) of each recorded θ_t, oldest first
    path_steps: np.ndarray  # (n,) int32: the step of each path point


def flatten(params: Params) -> np.ndarray:
    """Every parameter as one float64 vector, leaf by leaf (each row-major)."""
    return np.concatenate([np.ravel(np.asarray(leaf, np.float64))
                           for leaf in jax.tree.leaves(params)])


def unflatten(vector: np.ndarray, like: Params) -> Params:
    """The inverse of flatten, shaped like `like`, as float32 JAX arrays."""
    leaves, treedef = jax.tree.flatten(like)
    out, at = [], 0
    for leaf in leaves:
        shape = np.shape(leaf)
        size = int(np.prod(shape))
        out.append(jnp.asarray(vector[at:at + size].reshape(shape), jnp.float32))
        at += size
    return jax.tree.unflatten(treedef, out)


def filter_normalized(params: Params, seed: int) -> np.ndarray:
    """A random direction (flat) with each filter (last axis) scaled to the norm of that
    filter in `params`; parameters of fewer than two axes zero."""
    rng = np.random.default_rng(seed)
    direction = []
    for leaf in jax.tree.leaves(params):
        w = np.asarray(leaf, np.float64)
        if w.ndim < 2:
            direction.append(np.zeros(w.size))
            continue
        filters = w.reshape(-1, w.shape[-1])
        d = rng.standard_normal(filters.shape)
        d *= np.linalg.norm(filters, axis=0) / np.maximum(np.linalg.norm(d, axis=0), 1e-12)
        direction.append(d.ravel())
    return np.concatenate(direction)


def pca_directions(trajectory: np.ndarray, center: np.ndarray) -> np.ndarray:
    """The top two principal directions (2, P), orthonormal, of trajectory (n, P) - center."""
    offsets = trajectory - center
    _, singular, vt = np.linalg.svd(offsets, full_matrices=False)
    if len(singular) < 2 or singular[1] <= 1e-9 * max(singular[0], 1e-30):
        raise LandscapeError("the PCA directions need a path that spans a plane: train some "
                             "steps first (or use random directions)")
    return vt[:2]


def project(points: np.ndarray, center: np.ndarray, d1: np.ndarray, d2: np.ndarray,
            ) -> np.ndarray:
    """Least-squares (a, b) of each point - center in the basis d1, d2: (n, 2)."""
    basis = np.stack([d1, d2], axis=1)  # (P, 2)
    coords, *_ = np.linalg.lstsq(basis, (points - center).T, rcond=None)
    return cast(np.ndarray, coords.T)  # lstsq's solution is typed Any


def grid_axis(resolution: int, span: float) -> np.ndarray:
    return np.linspace(-span, span, resolution)


def _surface(trainer: Trainer[Any]) -> Callable[..., jax.Array]:
    """(params, d1, d2, alphas (R,), betas (R,), data, hyper) -> loss (R, R), jitted per
    trainer."""

    def at(params: Params, d1: Params, d2: Params, a: jax.Array, b: jax.Array,
           data: Dataset, h: Hyper) -> jax.Array:
        moved = jax.tree.map(lambda p, u, v: p + a * u + b * v, params, d1, d2)
        return trainer.data_loss(moved, data.x, data.y, data.train_weights, h)

    def run(params: Params, d1: Params, d2: Params, alphas: jax.Array, betas: jax.Array,
            data: Dataset, h: Hyper) -> jax.Array:
        row = jax.vmap(at, in_axes=(None, None, None, 0, None, None, None))
        return cast(jax.Array, jax.lax.map(  # lax.map is typed to return Any
            lambda b: row(params, d1, d2, alphas, b, data, h), betas))

    jitted: Callable[..., jax.Array] = trainer.program("surface", lambda: jax.jit(run))
    return jitted


def surface(trainer: Trainer[Any], params: Params, d1: np.ndarray, d2: np.ndarray,
            resolution: int, span: float, data: Dataset, h: Hyper) -> np.ndarray:
    """The training loss on the grid (R, R); row 0 is the top (b = +span)."""
    axis = grid_axis(resolution, span)
    loss = _surface(trainer)(params, unflatten(d1, params), unflatten(d2, params),
                             jnp.asarray(axis, jnp.float32),
                             jnp.asarray(axis[::-1], jnp.float32), data, h)
    return np.asarray(jax.device_get(loss), np.float32)


def training_rows(x_train: np.ndarray, y_train: np.ndarray) -> Dataset:
    """The data a slice needs: its loss is the training loss, so the training rows alone,
    in the smallest bucket that holds them (its R² evaluations need not pay for the test
    rows and the padding of the frames' larger bucket; one surface program per bucket)."""
    return pack(x_train, y_train, x_train[:0], y_train[:0], smallest=LANDSCAPE_MIN_ROWS)


class Trajectory:
    """The recent path of θ: at most TRAJECTORY_LENGTH snapshots. When full, every other
    one is dropped and the spacing doubles, so it always covers the whole run since the
    last reset or architecture change, ever more coarsely."""

    def __init__(self) -> None:
        self.steps: list[int] = []
        self.points: list[np.ndarray] = []
        self._spacing = 1

    def clear(self) -> None:
        self.steps, self.points, self._spacing = [], [], 1

    def copy(self) -> "Trajectory":
        """The path as it is now, for a slice computed while training goes on."""
        other = Trajectory()
        other.steps, other.points, other._spacing = list(self.steps), list(self.points), \
            self._spacing
        return other

    def record(self, step: int, params: Params) -> None:
        flat = flatten(params)
        if self.points and (step < self.steps[-1] or flat.shape != self.points[-1].shape):
            self.clear()  # a reset, or a new architecture: a new path
        if self.steps and step - self.steps[-1] < self._spacing:
            return
        self.steps.append(step)
        self.points.append(flat)
        if len(self.points) > TRAJECTORY_LENGTH:
            self.steps, self.points = self.steps[::2], self.points[::2]
            self._spacing *= 2


def landscape(trainer: Trainer[Any], params: Params, step: int, trajectory: Trajectory,
              data: Dataset, h: Hyper, directions: Directions, resolution: int,
              span: float, seed: int = 0) -> Slice:
    """The slice around `params` (at `step`) with the trajectory projected onto it: the
    training loss over `data`'s training rows (`training_rows` packs just those)."""
    center = flatten(params)
    same = [p.shape == center.shape for p in trajectory.points]
    steps = [s for s, ok in zip(trajectory.steps, same, strict=True) if ok and s <= step]
    points = [p for p, s, ok in zip(trajectory.points, trajectory.steps, same, strict=True)
              if ok and s <= step]
    if not points or steps[-1] != step:
        steps, points = [*steps, step], [*points, center]
    path_points = np.stack(points)
    if directions == "pca":
        d1, d2 = pca_directions(path_points, center)
        extent = np.max(np.abs(project(path_points, center, d1, d2)))
        scale = max(extent * PCA_MARGIN, 1e-6) / span  # the path fills the slice
        d1, d2 = d1 * scale, d2 * scale
    else:
        d1, d2 = filter_normalized(params, seed), filter_normalized(params, seed + 1)
    loss = surface(trainer, params, d1, d2, resolution, span, data, h)
    path = project(path_points, center, d1, d2).astype(np.float32)
    return Slice(loss, path, np.asarray(steps, np.int32))
