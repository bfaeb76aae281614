"""The 2D datasets of TensorFlow Playground, with the same geometry.

Labels are +1 / -1. Coordinates lie in about [-6, 6]². For circle and XOR the
noise moves the point used for the label, not the point drawn, as the
reference does.
"""

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

Generator = Callable[[np.random.Generator, int, float], tuple[np.ndarray, np.ndarray]]


def _circle(rng: np.random.Generator, n: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    radius = 5.0
    half = n // 2
    r = np.concatenate(
        [rng.uniform(0, radius * 0.5, half), rng.uniform(radius * 0.7, radius, n - half)]
    )
    angle = rng.uniform(0, 2 * np.pi, n)
    xy = np.stack([r * np.sin(angle), r * np.cos(angle)], axis=1)
    noisy = xy + rng.uniform(-radius, radius, (n, 2)) * noise
    labels = np.where(np.hypot(noisy[:, 0], noisy[:, 1]) < radius * 0.5, 1.0, -1.0)
    return xy, labels


def _xor(rng: np.random.Generator, n: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    xy = rng.uniform(-5, 5, (n, 2))
    xy += np.where(xy > 0, 0.3, -0.3)
    noisy = xy + rng.uniform(-5, 5, (n, 2)) * noise
    labels = np.where(noisy[:, 0] * noisy[:, 1] >= 0, 1.0, -1.0)
    return xy, labels


def _gauss(rng: np.random.Generator, n: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    variance = 0.5 + (4.0 - 0.5) * (noise / 0.5)
    half = n // 2
    centres = np.concatenate([np.tile([2.0, 2.0], (half, 1)), np.tile([-2.0, -2.0], (n - half, 1))])
    xy = centres + rng.normal(0, np.sqrt(variance), (n, 2))
    labels = np.concatenate([np.ones(half), -np.ones(n - half)])
    return xy, labels


def _spiral(rng: np.random.Generator, n: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    half = n // 2
    parts, labels = [], []
    for delta_t, label, count in ((0.0, 1.0, half), (np.pi, -1.0, n - half)):
        i = np.arange(count)
        r = i / count * 5
        t = 1.75 * i / count * 2 * np.pi + delta_t
        xy = np.stack([r * np.sin(t), r * np.cos(t)], axis=1)
        parts.append(xy + rng.uniform(-1, 1, (count, 2)) * noise)
        labels.append(np.full(count, label))
    return np.concatenate(parts), np.concatenate(labels)


def _spiral3(rng: np.random.Generator, n: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    """Three interleaved arms, one class each."""
    arm = rng.integers(0, 3, n)
    r = rng.uniform(0.3, 5.0, n)
    t = 1.25 * r / 5 * 2 * np.pi + arm * 2 * np.pi / 3
    xy = np.stack([r * np.sin(t), r * np.cos(t)], axis=1)
    return xy + rng.uniform(-1, 1, (n, 2)) * noise * 2, arm.astype(float)


def _blobs4(rng: np.random.Generator, n: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    """Four Gaussian blobs in the four quadrants, one class each."""
    cls = rng.integers(0, 4, n)
    centres = np.array([[2.5, 2.5], [-2.5, 2.5], [-2.5, -2.5], [2.5, -2.5]])
    std = np.sqrt(0.5 + (4.0 - 0.5) * (noise / 0.5))
    return centres[cls] + rng.normal(0, std, (n, 2)), cls.astype(float)


def _moons3(rng: np.random.Generator, n: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    """Three interlocking half-moons, one class each."""
    cls = rng.integers(0, 3, n)
    angle = rng.uniform(0, np.pi, n)
    flip = np.where(cls == 1, -1.0, 1.0)
    centres = np.array([[-2.0, -0.5], [0.0, 0.8], [2.0, -0.5]])
    xy = centres[cls] + 2.2 * np.stack([np.cos(angle), flip * np.sin(angle)], axis=1)
    return xy + rng.normal(0, 0.1 + 2.0 * noise, (n, 2)), cls.astype(float)


def _plane(rng: np.random.Generator, n: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    xy = rng.uniform(-6, 6, (n, 2))
    noisy = xy + rng.uniform(-6, 6, (n, 2)) * noise
    return xy, (noisy[:, 0] + noisy[:, 1]) / 10  # label in about [-1, 1]


_BUMPS = np.array([[-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1],
                   [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1]], dtype=float)


def _bumps(rng: np.random.Generator, n: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    """Six Gaussian bumps of alternating sign; each point takes the strongest one."""
    xy = rng.uniform(-6, 6, (n, 2))
    noisy = xy + rng.uniform(-6, 6, (n, 2)) * noise
    dist = np.hypot(noisy[:, None, 0] - _BUMPS[:, 0], noisy[:, None, 1] - _BUMPS[:, 1])
    values = _BUMPS[:, 2] * np.clip(1 - dist / 2, 0, 1)
    strongest = np.argmax(np.abs(values), axis=1)
    return xy, values[np.arange(n), strongest]


class DatasetInfo(NamedTuple):
    label: str
    problem: str  # "binary" (labels +1/-1), "multiclass" (class indices) or "regression"
    classes: int  # 2 for binary, the class count for multi-class, 0 for regression
    points: int
    generate: Generator


DATASETS: dict[str, DatasetInfo] = {  # keyed by vocabulary.DATASET_NAMES
    "circle": DatasetInfo("Circle", "binary", 2, 500, _circle),
    "xor": DatasetInfo("Exclusive or", "binary", 2, 500, _xor),
    "gauss": DatasetInfo("Two Gaussians", "binary", 2, 500, _gauss),
    "spiral": DatasetInfo("Spiral", "binary", 2, 500, _spiral),
    "spiral3": DatasetInfo("Three-arm spiral", "multiclass", 3, 600, _spiral3),
    "blobs4": DatasetInfo("Four blobs", "multiclass", 4, 600, _blobs4),
    "moons3": DatasetInfo("Three moons", "multiclass", 3, 600, _moons3),
    "plane": DatasetInfo("Plane", "regression", 0, 1200, _plane),
    "bumps": DatasetInfo("Six bumps", "regression", 0, 1200, _bumps),
}


class PlanarData(NamedTuple):
    x_train: np.ndarray  # (n_train, 2) float32
    y_train: np.ndarray  # (n_train, 1) float32: +1/-1, class index or value
    x_test: np.ndarray
    y_test: np.ndarray


def split(xy: np.ndarray, labels: np.ndarray, train_share: float,
          rng: np.random.Generator) -> PlanarData:
    """Shuffle points and split them into train and test sets (each at least one point; a
    single point, the first one drawn of a set, is both)."""
    n = len(xy)
    order = rng.permutation(n)
    xy = xy[order].astype(np.float32)
    labels = labels[order].astype(np.float32)[:, None]
    if n == 1:
        return PlanarData(xy, labels, xy, labels)
    n_train = min(max(1, round(n * train_share)), n - 1)
    return PlanarData(xy[:n_train], labels[:n_train], xy[n_train:], labels[n_train:])


def make_planar_data(
    name: str, *, noise: float = 0.0, train_share: float = 0.5, seed: int = 0,
    n: int | None = None,
) -> PlanarData:
    """Generate a named set (its default size unless n is given), shuffled and split."""
    info = DATASETS[name]
    rng = np.random.default_rng(seed)
    xy, labels = info.generate(rng, n or info.points, noise)
    return split(xy, labels, train_share, rng)
