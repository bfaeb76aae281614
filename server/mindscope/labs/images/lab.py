"""The images lab as a session sees it: its runs and its data message. It keeps nothing
beside its config (uploads and drawn digits will be its own data)."""

from typing import Any, cast

import numpy as np

from ... import codec
from ...protocol import DataHeader, SessionConfig
from ...sessions.lab import Accepted, Run
from .protocol import PRESET
from .run import ImagesRun


class ImagesLab:
    name = "images"

    def preset(self) -> dict[str, Any]:
        return dict(PRESET)

    def problem(self, config: SessionConfig, data: None) -> str:
        return "multiclass"

    def classes(self, config: SessionConfig, data: None) -> int:
        return 10

    def run(self, config: SessionConfig, data: None) -> ImagesRun:
        return ImagesRun(config)

    def check_changes(self, changes: dict[str, Any], data: None) -> None:
        pass  # every valid setting applies

    def accept(self, message: Any, config: SessionConfig, data: None) -> Accepted:
        raise TypeError(f"the images lab has no requests of its own: {message!r}")

    def data_message(self, run: Run) -> bytes:
        """The images, each flattened (side x side pixels in [0, 1], row by row)."""
        data = cast(ImagesRun, run).host_data
        flat = {name: np.ascontiguousarray(x.reshape(len(x), -1))
                for name, x in (("x_train", data.x_train), ("x_test", data.x_test))}
        return codec.encode(
            DataHeader(data_version=run.data_version).model_dump(exclude={"arrays"}),
            {**flat, "y_train": data.y_train, "y_test": data.y_test},
        )

    def data_arrays(self, data: None) -> dict[str, np.ndarray]:
        return {}

    def data_from(self, config: SessionConfig, arrays: dict[str, np.ndarray]) -> None:
        return None
