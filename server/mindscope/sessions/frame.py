"""A frame: what one tick of a session shows, as host data, at a level of detail."""

from dataclasses import dataclass, field
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Detail:
    """How much a frame shows (the union of what the connected clients subscribed to)."""

    output_resolution: int = 100
    neuron_resolution: int = 50
    parameters: bool = True
    deflate: bool = False  # frames deflated where that pays (codec.deflate)


@dataclass
class FrameData:
    """One frame's header values and arrays, as host data."""

    header: dict[str, Any]  # FrameHeader's values
    arrays: dict[str, np.ndarray] = field(default_factory=dict)
    ranges: dict[str, tuple[float, float]] = field(default_factory=dict)
    finite: bool = True
    diverged: bool = False  # this advance went non-finite and was rolled back
    early_stopped: tuple[int, float] | None = None  # (step, test loss) of weights restored
    stuck: str | None = None  # why a classification run is stuck in saturation (divergence.py)
    encoded: dict[Detail, bytes] = field(default_factory=dict)  # the frame's messages so far
    playing: bool = False  # what `encoded` says of the session
