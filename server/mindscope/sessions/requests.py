"""Control requests: what they ask of the loop, and the checks they must pass first."""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..engine.landscape import Slice
from ..labs.points.protocol import Explain
from ..labs.points.run import problem_of
from ..labs.points.user import UserPoints
from ..protocol import Landscape, SessionConfig
from ..schema import whole_number
from ..vocabulary import LOSSES_BY_PROBLEM
from .connection import Connection


class RequestError(ValueError):
    """A well-formed request that cannot be carried out; `field` names the culprit."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass
class Pending:
    """What control messages asked for since the loop last looked."""

    steps: int = 0
    epochs: int = 0
    reset: bool = False
    edits: list[tuple[int, str, tuple[int, ...], float]] = field(default_factory=list)
    explains: list[tuple[Connection, Explain]] = field(default_factory=list)
    landscapes: list[tuple[Connection, Landscape]] = field(default_factory=list)
    replies: list[tuple[Connection, str | bytes]] = field(default_factory=list)  # by _work
    # Landscapes taken by _work, to compute beside the loop: (asker, question, job).
    slices: list[tuple[Connection, Landscape, Callable[[], Slice]]] = field(
        default_factory=list)
    # Subscribe ids to answer (with the state) just before the frame that reflects them.
    subscribed: list[tuple[Connection, int | None]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.steps or self.epochs or self.reset or self.edits or self.explains
                    or self.landscapes or self.subscribed)

    def then(self, later: "Pending") -> "Pending":
        """This request's asks, then `later`'s: for asks put back to wait for a program."""
        return Pending(self.steps + later.steps, self.epochs + later.epochs,
                       self.reset or later.reset, self.edits + later.edits,
                       self.explains + later.explains, self.landscapes + later.landscapes,
                       subscribed=self.subscribed + later.subscribed)


def request_id(text: str) -> int | None:
    """The id of a message that failed validation, if one can be read, to echo back."""
    try:
        value = json.loads(text).get("id")
    except (ValueError, AttributeError, RecursionError):  # deep nesting is not valid JSON
        return None
    value = whole_number(value)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def merge(config: SessionConfig, changes: dict[str, Any], user: UserPoints | None,
          ) -> SessionConfig:
    """The config with changes applied; a loss that does not suit a new problem falls back
    to the problem's default unless the change names the loss itself."""
    current = config.model_dump()
    lab = changes.get("lab", {})
    if lab and lab["lab"] != config.lab.lab:
        raise RequestError(f"changes.lab.lab: this session is of the lab {config.lab.lab!r}, "
                           f"and a session keeps its lab (open ?lab={lab['lab']} for a new one)",
                           "changes.lab.lab")
    merged = SessionConfig.model_validate({**current, **changes,
                                           "lab": {**current["lab"], **lab}})
    allowed = LOSSES_BY_PROBLEM[problem_of(merged, user)]
    if merged.loss in allowed:
        return merged
    if "loss" in changes:
        raise RequestError(f"changes.loss: {merged.loss!r} does not suit this "
                           f"{problem_of(merged, user)} problem (allowed: {', '.join(allowed)})",
                           "changes.loss")
    return merged.model_copy(update={"loss": allowed[0]})


def lab_changes(config: SessionConfig, **fields: Any) -> dict[str, Any]:
    """Changes of some of the lab's own settings, for `merge`."""
    return {"lab": {"lab": config.lab.lab, **fields}}


def check_label(problem: str, classes: int, label: float) -> None:
    if problem == "binary" and label not in (-1.0, 1.0):
        raise RequestError("label must be -1 or 1 for a binary problem", "label")
    if problem == "multiclass" and not (label.is_integer() and 0 <= label < classes):
        raise RequestError(f"label must be a class, 0 to {classes - 1}", "label")


def check_parameter(sizes: list[int], layer: int, source: int | None, target: int) -> None:
    """A weight (source -> target) or, with no source, a bias (target) of the network whose
    layer sizes are `sizes`."""
    if layer >= len(sizes) - 1:
        raise RequestError(f"layer must be 0 to {len(sizes) - 2}", "layer")
    if source is not None and source >= sizes[layer]:
        raise RequestError(f"source must be 0 to {sizes[layer] - 1} in layer {layer}",
                           "source")
    if target >= sizes[layer + 1]:
        name = "target" if source is not None else "neuron"
        raise RequestError(f"{name} must be 0 to {sizes[layer + 1] - 1} in layer {layer}", name)
