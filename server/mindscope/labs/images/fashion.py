"""Fashion-MNIST (70,000 clothing images of 28 x 28 pixels, 10 classes) as Debian's
`dataset-fashion-mnist` package installs it: four gzipped IDX files, read with NumPy
and checked. The directory is MINDSCOPE_FASHION_MNIST_DIR where that is set."""

import gzip
import os
from functools import lru_cache
from pathlib import Path

import numpy as np

from .protocol import FASHION_HOW, FASHION_SIDE

DEFAULT_DIR = "/usr/share/datasets/fashion-mnist"
FILES = {"train": ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", 60_000),
         "test": ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", 10_000)}
IMAGES_MAGIC, LABELS_MAGIC = 0x803, 0x801  # unsigned bytes, 3 and 1 dimensions


class FashionMissing(FileNotFoundError):
    """The package's files are not there."""


def fashion_dir() -> Path:
    return Path(os.environ.get("MINDSCOPE_FASHION_MNIST_DIR", DEFAULT_DIR))


def fashion_available() -> bool:
    """Whether every file of the data set is there (read, and checked, when used)."""
    folder = fashion_dir()
    return all((folder / name).is_file() for images, labels, _ in FILES.values()
               for name in (images, labels))


def read_idx(path: Path, magic: int, shape: tuple[int, ...]) -> np.ndarray:
    """An IDX file of unsigned bytes whose dimensions must be `shape`."""
    try:
        raw = gzip.decompress(path.read_bytes())
    except FileNotFoundError:
        raise FashionMissing(f"{path} is missing: {FASHION_HOW}") from None
    except (OSError, EOFError) as error:
        raise ValueError(f"{path} is not a readable gzip file: {error}") from None
    dims = len(shape)
    header = 4 + 4 * dims
    if len(raw) < header:
        raise ValueError(f"{path} is too short for an IDX header ({len(raw)} bytes)")
    found = int.from_bytes(raw[:4], "big")
    if found != magic:
        raise ValueError(f"{path} starts with {found:#x}, not the IDX magic number "
                         f"{magic:#x} (unsigned bytes, {dims} dimensions)")
    got = tuple(int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(dims))
    if got != shape:
        raise ValueError(f"{path} holds an array of shape {got}, not {shape}")
    if len(raw) != header + int(np.prod(shape)):
        raise ValueError(f"{path} has {len(raw) - header} bytes of data, not "
                         f"{int(np.prod(shape))}")
    return np.frombuffer(raw, np.uint8, offset=header).reshape(shape)


@lru_cache(maxsize=1)
def fashion(folder: Path) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """{"train", "test"}: uint8 images (N, 28, 28) and labels (N,) in 0-9, as shipped."""
    side = FASHION_SIDE
    sets = {}
    for part, (images_name, labels_name, count) in FILES.items():
        images = read_idx(folder / images_name, IMAGES_MAGIC, (count, side, side))
        labels = read_idx(folder / labels_name, LABELS_MAGIC, (count,))
        if labels.max() > 9:
            raise ValueError(f"{folder / labels_name} has a label {labels.max()}: classes "
                             "are 0 to 9")
        sets[part] = images, labels
    return sets
