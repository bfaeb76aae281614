"""A session's curves (step, losses, accuracies) as CSV: one row per point, a missing or
non-finite value as an empty cell, the step as a whole number."""

import csv
import io
import math
from collections.abc import Mapping

import numpy as np

# The columns of the protocol's history message, in its order.
COLUMNS = ("step", "train_loss", "test_loss", "train_accuracy", "test_accuracy")


def curves_csv(curves: Mapping[str, np.ndarray]) -> str:
    """The curves as CSV text with a header row; every column of COLUMNS must be there,
    all of one length."""
    missing = [name for name in COLUMNS if name not in curves]
    if missing:
        raise ValueError(f"the curves lack the columns {', '.join(missing)}")
    lengths = {len(curves[name]) for name in COLUMNS}
    if len(lengths) > 1:
        raise ValueError(f"the curves' columns differ in length: {sorted(lengths)}")
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(COLUMNS)
    columns = [np.asarray(curves[name], dtype=np.float64) for name in COLUMNS]
    for row in zip(*columns, strict=True):
        writer.writerow([_cell(value, whole=(i == 0)) for i, value in enumerate(row)])
    return text.getvalue()


def _cell(value: float, *, whole: bool) -> str:
    if not math.isfinite(value):
        return ""
    return str(int(value)) if whole else f"{value:.9g}"  # 9 digits: float32 exactly
