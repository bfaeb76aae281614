"""The user's own points, drawn in the browser or uploaded as CSV `x1,x2,label`.

Every bad row is reported by its line number; nothing is silently dropped.
Labels decide the problem: -1/1 or 0/1 make a binary set, whole numbers 0-7 a
multi-class set, any other numbers a regression set.
"""

import csv
import io
import math
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from ...vocabulary import MAX_LABEL, MAX_USER_POINTS, PLANE_EXTENT

MAX_CLASSES = 8
MAX_REPORTED = 20


class UserDataError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        shown = problems[:MAX_REPORTED]
        more = len(problems) - len(shown)
        super().__init__("; ".join(shown) + (f"; and {more} more" if more else ""))
        self.problems = problems


class UserPoints(NamedTuple):
    xy: np.ndarray  # (n, 2)
    labels: np.ndarray  # (n,): +1/-1, class index or value, by problem
    problem: str
    classes: int
    drawn: int = 0  # the last `drawn` points were drawn on the plot: undo and clear take them
    origin: str | None = None  # the built-in set the drawing began on, to go back to


def _number(text: object) -> float | None:
    try:
        value = float(text)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def user_points(rows: Sequence[Sequence[object]], lines: Sequence[int] | None = None,
                minimum: int = 2) -> UserPoints:
    """Validate rows of (x1, x2, label); `lines` numbers them in messages (default 1, 2, …).
    A set needs `minimum` points: 2 (one to train on, one to test) unless it is drawn, where
    the first point of a set of one's own trains and tests alone."""
    if len(rows) > MAX_USER_POINTS:
        raise UserDataError([f"too many points: {len(rows)}, at most {MAX_USER_POINTS}"])
    problems, parsed = [], []
    for line, row in zip(lines or range(1, len(rows) + 1), rows, strict=True):
        if len(row) != 3:
            problems.append(f"line {line}: expected 3 values (x1, x2, label), got {len(row)}")
            continue
        x1, x2, label = (_number(v) for v in row)
        for name, value in (("x1", x1), ("x2", x2)):
            if value is None:
                problems.append(f"line {line}: {name} is not a finite number")
            elif abs(value) > PLANE_EXTENT:
                problems.append(f"line {line}: {name} = {value:g} lies outside "
                                f"{-PLANE_EXTENT:g} to {PLANE_EXTENT:g}")
        if label is None:
            problems.append(f"line {line}: label is not a finite number")
        elif abs(label) > MAX_LABEL:
            problems.append(f"line {line}: label = {label:g} lies outside {-MAX_LABEL:g} to "
                            f"{MAX_LABEL:g}")
        parsed.append((x1, x2, label))
    if problems:
        raise UserDataError(problems)
    if len(parsed) < minimum:
        raise UserDataError(["at least 2 points are needed (one to train on, one to test)"])
    xy = np.array([p[:2] for p in parsed], dtype=np.float64)
    labels = np.array([p[2] for p in parsed], dtype=np.float64)
    return UserPoints(xy, *_interpret(labels))


def _interpret(labels: np.ndarray) -> tuple[np.ndarray, str, int]:
    """The labels as the engine expects them, the problem they pose, and the class count."""
    whole = np.all(labels == np.round(labels))
    values = set(np.unique(labels).tolist())
    if whole and values <= {-1.0, 1.0}:
        return labels, "binary", 2
    if whole and values <= {0.0, 1.0}:
        return labels * 2 - 1, "binary", 2
    if whole and values <= set(map(float, range(MAX_CLASSES))):
        return labels, "multiclass", int(max(values)) + 1
    return labels, "regression", 0


def parse_csv(text: str) -> UserPoints:
    """Rows `x1,x2,label`; a first row of names (x1,x2,label) is allowed."""
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as e:
        raise UserDataError([f"not a CSV file: {e}"]) from None
    first_line = 1
    if rows and [c.strip().lower() for c in rows[0]] == ["x1", "x2", "label"]:
        rows, first_line = rows[1:], 2
    numbered = [(i, r) for i, r in enumerate(rows, start=first_line) if any(c.strip() for c in r)]
    if not numbered:
        raise UserDataError(["the file holds no points"])
    return user_points([r for _, r in numbered], [i for i, _ in numbered])
