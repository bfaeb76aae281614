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


CLASSIFICATION_SETS: dict[str, Generator] = {
    "circle": _circle,
    "xor": _xor,
    "gauss": _gauss,
    "spiral": _spiral,
}


class PlanarData(NamedTuple):
    x_train: np.ndarray  # (n_train, 2) float32
    y_train: np.ndarray  # (n_train, 1) float32
    x_test: np.ndarray
    y_test: np.ndarray


def make_planar_data(
    name: str, *, n: int = 500, noise: float = 0.0, train_share: float = 0.5, seed: int = 0
) -> PlanarData:
    """Generate a named set, shuffle it and split it into train and test points."""
    rng = np.random.default_rng(seed)
    xy, labels = CLASSIFICATION_SETS[name](rng, n, noise)
    order = rng.permutation(n)
    xy = xy[order].astype(np.float32)
    labels = labels[order].astype(np.float32)[:, None]
    n_train = max(1, round(n * train_share))
    return PlanarData(xy[:n_train], labels[:n_train], xy[n_train:], labels[n_train:])
