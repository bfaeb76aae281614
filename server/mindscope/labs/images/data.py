"""The images lab's data: scikit-learn's handwritten digits (they ship inside its wheel:
nothing is downloaded), split into training and test images by a seed; or a subset of
Fashion-MNIST where Debian's package is installed (fashion.py reads it); or the user's own
images (uploads.py)."""

from functools import lru_cache
from typing import NamedTuple

import numpy as np

from .fashion import fashion, fashion_dir
from .protocol import FASHION_TEST, FASHION_TRAIN
from .uploads import GONE, UPLOADS, UploadedSet


class UploadGone(ValueError):
    """The uploaded set a config names is no longer kept."""


class ImageData(NamedTuple):
    """Images (N, side, side, 1) with pixels in [0, 1]; labels (N, 1), the class index."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray


@lru_cache(maxsize=1)
def digits() -> tuple[np.ndarray, np.ndarray]:
    """All 1,797 digits as float32 images in [0, 1], and their labels."""
    from sklearn.datasets import load_digits  # read from the installed package

    loaded = load_digits()
    images = (loaded.images / 16.0).astype(np.float32)[..., None]
    return images, loaded.target.astype(np.float32)[:, None]


def split_digits(train_share: float, seed: int) -> ImageData:
    """A random split of the digits: `train_share` of them to train on, the rest to test."""
    return split(*digits(), train_share, seed)


def split(images: np.ndarray, labels: np.ndarray, train_share: float,
          seed: int) -> ImageData:
    """A random split: `train_share` of the images to train on (at least one), the rest
    (at least one) to test."""
    order = np.random.default_rng(seed).permutation(len(images))
    cut = min(max(round(train_share * len(images)), 1), len(images) - 1)
    train, test = order[:cut], order[cut:]
    return ImageData(images[train], labels[train], images[test], labels[test])


def uploaded_set(name: str) -> UploadedSet:
    """The user's uploaded set of this name (UploadGone where no longer kept)."""
    uploaded = UPLOADS.get(name)
    if uploaded is None:
        raise UploadGone(f"{name}: {GONE}")
    return uploaded


def split_upload(uploaded: UploadedSet, train_share: float, seed: int) -> ImageData:
    return split(uploaded.images, uploaded.labels.astype(np.float32)[:, None], train_share,
                 seed)


def fashion_subset(seed: int) -> ImageData:
    """FASHION_TRAIN of Fashion-MNIST's training images and FASHION_TEST of its test
    images, drawn by the seed (FashionMissing where the package is not installed)."""
    sets = fashion(fashion_dir())
    rng = np.random.default_rng(seed)

    def draw(part: str, count: int) -> tuple[np.ndarray, np.ndarray]:
        images, labels = sets[part]
        chosen = np.sort(rng.choice(len(images), count, replace=False))
        return ((images[chosen] / np.float32(255.0)).astype(np.float32)[..., None],
                labels[chosen].astype(np.float32)[:, None])

    return ImageData(*draw("train", FASHION_TRAIN), *draw("test", FASHION_TEST))


def image_data(dataset: str, train_share: float, seed: int) -> ImageData:
    """The images of a built-in data set (uploads: split_upload)."""
    if dataset == "fashion":
        return fashion_subset(seed)
    return split_digits(train_share, seed)
