"""A session's curves (loss and accuracy over steps), kept for clients that join later."""

from collections.abc import Mapping
from typing import Any

import numpy as np

COLUMNS = ("step", "train_loss", "test_loss", "train_accuracy", "test_accuracy")


class History:
    """One row per frame, thinned evenly: when full, every other row goes and from then
    on only every other frame is kept, so the whole run stays in view at a bounded size."""

    def __init__(self, max_points: int = 2000) -> None:
        self.max_points = max_points
        self.clear()

    def clear(self) -> None:
        self._rows: list[tuple[float, ...]] = []
        self._stride = 1
        self._seen = 0

    def add(self, header: Mapping[str, Any]) -> None:
        self._seen += 1
        if (self._seen - 1) % self._stride:
            return
        self._rows.append(tuple(
            np.nan if header[c] is None else float(header[c]) for c in COLUMNS
        ))
        if len(self._rows) >= self.max_points:
            self._rows = self._rows[::2]
            self._stride *= 2

    def __len__(self) -> int:
        return len(self._rows)

    def arrays(self) -> dict[str, np.ndarray]:
        table = np.array(self._rows, dtype=np.float32).reshape(-1, len(COLUMNS))
        return {name: np.ascontiguousarray(table[:, i]) for i, name in enumerate(COLUMNS)}
