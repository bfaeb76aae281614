"""A session's curves as a client accumulates them: those the server sent on joining (or
after a reset), then one row for each step a frame showed."""

import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..exports.curves import COLUMNS, curves_csv

if TYPE_CHECKING:
    import pandas


class Curves(Mapping[str, np.ndarray]):
    """Read as a mapping of the protocol's history columns (step, train_loss, test_loss,
    train_accuracy, test_accuracy) to float32 arrays, as CSV, or as a pandas DataFrame.
    NaN marks what a step has not (accuracy in regression, a loss that overflowed)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rows: list[tuple[float, ...]] = []

    def replace(self, arrays: Mapping[str, np.ndarray]) -> None:
        """The server's curves (on joining, after a reset): what came before goes."""
        rows = list(zip(*(np.asarray(arrays[c], dtype=np.float64).tolist() for c in COLUMNS),
                        strict=True))
        with self._lock:
            self._rows = rows

    def add(self, header: Mapping[str, Any]) -> None:
        """A frame's step, unless the last row is of that step already."""
        row = tuple(np.nan if header[c] is None else float(header[c]) for c in COLUMNS)
        with self._lock:
            if not self._rows or self._rows[-1][0] != row[0]:
                self._rows.append(row)

    def arrays(self) -> dict[str, np.ndarray]:
        with self._lock:
            table = np.array(self._rows, dtype=np.float64).reshape(-1, len(COLUMNS))
        return {name: table[:, i].astype(np.float32) for i, name in enumerate(COLUMNS)}

    def __getitem__(self, column: str) -> np.ndarray:
        if column not in COLUMNS:
            raise KeyError(f"no curve {column!r}; the curves are {', '.join(COLUMNS)}")
        return self.arrays()[column]

    def __iter__(self) -> Iterator[str]:
        return iter(COLUMNS)

    def __len__(self) -> int:
        return len(COLUMNS)

    @property
    def points(self) -> int:
        """How many rows (steps) the curves hold."""
        with self._lock:
            return len(self._rows)

    def to_csv(self, path: str | Path | None = None) -> str:
        """The curves as CSV (see mindscope.exports.curves); written to `path` if given."""
        text = curves_csv(self.arrays())
        if path is not None:
            Path(path).write_text(text, encoding="utf-8")
        return text

    def to_pandas(self) -> "pandas.DataFrame":
        """A DataFrame with a column each, the step as integers (needs pandas)."""
        try:
            import pandas
        except ImportError:
            raise ImportError("to_pandas needs pandas: pip install pandas (or use to_csv "
                              "or arrays())") from None
        frame = pandas.DataFrame(self.arrays())
        frame["step"] = frame["step"].astype("int64")
        return frame
