"""The images lab as a session sees it: its runs, its data message, the digit the user
drew (kept beside the config, in the session and its files) and its question (one
convolution, explained)."""

from typing import Any, cast

import numpy as np

from ...protocol import SessionConfig
from ...sessions.lab import Accepted, Run, answer
from ...sessions.requests import RequestError
from ...sessions.training import data_message
from .fashion import fashion_available
from .protocol import (
    CLASSES,
    FASHION_HOW,
    IMAGE_SIZE,
    PRESET,
    UPLOAD_PREFIX,
    DrawProbe,
    ExplainConv,
)
from .run import ImagesRun, check_conv_question, images_config, network_of
from .uploads import GONE, UPLOADS

DATASET_TITLES = {"digits": "the Digits images", "fashion": "the Fashion-MNIST images"}


class ImagesLab:
    name = "images"

    def preset(self) -> dict[str, Any]:
        return dict(PRESET)

    def problem(self, config: SessionConfig, data: np.ndarray | None) -> str:
        return "multiclass"

    def learns(self, config: SessionConfig, data: np.ndarray | None) -> str:
        dataset = images_config(config).dataset
        return DATASET_TITLES.get(dataset, f"your images ({dataset})")

    def classes(self, config: SessionConfig, data: np.ndarray | None) -> int:
        return CLASSES

    def run(self, config: SessionConfig, data: np.ndarray | None) -> ImagesRun:
        return ImagesRun(config, data)

    def check_changes(self, changes: dict[str, Any], data: np.ndarray | None) -> None:
        dataset = changes.get("lab", {}).get("dataset")
        if dataset == "fashion" and not fashion_available():
            raise RequestError(f"changes.lab.dataset: {FASHION_HOW}", "changes.lab.dataset")
        if dataset is not None and dataset.startswith(UPLOAD_PREFIX) and \
                UPLOADS.get(dataset) is None:
            raise RequestError(f"changes.lab.dataset: {dataset}: {GONE}", "changes.lab.dataset")

    def accept(self, message: Any, config: SessionConfig, data: np.ndarray | None,
               ) -> Accepted:
        if isinstance(message, ExplainConv):
            check_conv_question(message, network_of(config))
            return Accepted(job=answer(message.id, "the convolution", lambda run: cast(
                ImagesRun, run).explain_conv(message)), answers=True, question=True)
        if not isinstance(message, DrawProbe):
            raise TypeError(f"not a request of the images lab: {message!r}")
        if message.pixels is not None and images_config(config).dataset != "digits":
            raise RequestError("the pad draws 8 x 8 digits: switch the data to the digits "
                               "to draw one", "pixels")
        return Accepted(data=None if message.pixels is None else drawing(message.pixels))

    def data_message(self, run: Run) -> bytes:
        """The images, each flattened (side x side pixels in [0, 1], row by row)."""
        return data_message(run.data_version, *cast(ImagesRun, run).host_data)

    def data_arrays(self, data: np.ndarray | None) -> dict[str, np.ndarray]:
        return {} if data is None else {"drawn.probe": data}

    def data_from(self, config: SessionConfig, arrays: dict[str, np.ndarray],
                  ) -> np.ndarray | None:
        dataset = images_config(config).dataset
        if dataset == "fashion" and not fashion_available():
            raise ValueError(f"the session trains on Fashion-MNIST: {FASHION_HOW}")
        if dataset.startswith(UPLOAD_PREFIX) and UPLOADS.get(dataset) is None:
            raise ValueError(f"the session trains on uploaded images, {dataset}: {GONE} "
                             "(a session file does not carry them)")
        if "drawn.probe" not in arrays:
            return None
        pixels = arrays["drawn.probe"]
        if pixels.shape != (IMAGE_SIZE, IMAGE_SIZE, 1) or not (
                np.all(pixels >= 0) and np.all(pixels <= 1)):
            raise ValueError(f"the file's drawn probe must be {IMAGE_SIZE} x {IMAGE_SIZE} "
                             "pixels in [0, 1]")
        return pixels.astype(np.float32)


def drawing(pixels: list[float]) -> np.ndarray:
    """A drawn digit as an image of the data's shape."""
    return np.asarray(pixels, np.float32).reshape(IMAGE_SIZE, IMAGE_SIZE, 1)
