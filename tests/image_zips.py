"""Zips of labelled images for the images lab's upload tests, built in memory: Pillow
writes the PNG and JPEG files."""

import io
import zipfile

import numpy as np
from PIL import Image

SHAPES = ("across", "down", "ring")


def picture(shape: str, rng: np.random.Generator, side: int = 40) -> Image.Image:
    """A noisy white-on-black bar across, bar down or ring, somewhere near the centre."""
    pixels = rng.uniform(0, 60, (side, side))
    at = side // 2 + rng.integers(-4, 5)
    rows, cols = np.mgrid[:side, :side]
    mark = {"across": abs(rows - at) < 4, "down": abs(cols - at) < 4,
            "ring": abs(np.hypot(rows - side / 2, cols - side / 2) - side / 4) < 3}[shape]
    pixels[mark] = 255
    return Image.fromarray(pixels.astype(np.uint8))


def encoded(image: Image.Image, kind: str) -> bytes:
    out = io.BytesIO()
    image.save(out, kind)
    return out.getvalue()


def zipped(files: dict[str, bytes]) -> bytes:
    """A zip of these paths and contents; a path ending in / is a folder."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def good_set(per_class: int = 30, top: str = "") -> bytes:
    """Three classes of shapes, PNG and JPEG, RGB and grayscale, in `top` if given."""
    rng = np.random.default_rng(0)
    files = {}
    for shape in SHAPES:
        for i in range(per_class):
            image = picture(shape, rng)
            kind = "PNG" if i % 2 else "JPEG"
            files[f"{top}{shape}/{i}.{kind.lower()}"] = encoded(
                image.convert("RGB") if i % 3 else image, kind)
    return zipped(files)
