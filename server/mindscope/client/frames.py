"""Binary messages as the client sees them: a header and NumPy arrays, for every lab."""

import json
import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import codec


@dataclass
class Frame:
    """A frame (or another binary message: data, history, an answer to a question): its
    header as the protocol's schema describes it, and its arrays by name."""

    header: dict[str, Any]
    arrays: dict[str, np.ndarray]

    @property
    def kind(self) -> str:
        kind: str = self.header["kind"]
        return kind

    @property
    def step(self) -> int:
        step: int = self.header["step"]
        return step

    @property
    def revision(self) -> int:
        """The session's revision this frame reflects (see State.revision)."""
        revision: int = self.header["revision"]
        return revision

    @property
    def train_loss(self) -> float:
        """NaN where the header says null (a loss that is not a finite number)."""
        return _number(self.header["train_loss"])

    @property
    def test_loss(self) -> float:
        return _number(self.header["test_loss"])

    @property
    def train_accuracy(self) -> float:
        """NaN for regression."""
        return _number(self.header["train_accuracy"])

    @property
    def test_accuracy(self) -> float:
        return _number(self.header["test_accuracy"])

    def array(self, name: str) -> np.ndarray:
        """An array by name, quantized maps (uint8 with a low and high) as float32."""
        if name not in self.arrays:
            raise KeyError(f"this {self.kind} carries no array {name!r}; it carries "
                           f"{', '.join(sorted(self.arrays)) or 'none'}")
        spec = next(a for a in self.header["arrays"] if a["name"] == name)
        if spec.get("low") is None or spec.get("high") is None:
            return self.arrays[name]
        return codec.dequantize(self.arrays[name], spec["low"], spec["high"])

    @property
    def output(self) -> np.ndarray:
        """The 2D lab's output over the input grid, as float32."""
        return self.array("output")


def _number(value: float | None) -> float:
    return math.nan if value is None else value


def decode(raw: str | bytes) -> Frame | dict[str, Any]:
    """A JSON message as a dict, a binary one as a Frame."""
    if isinstance(raw, str):
        message: dict[str, Any] = json.loads(raw)
        return message
    header, arrays = codec.decode(codec.inflate(raw))
    return Frame(header, arrays)
