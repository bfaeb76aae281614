"""Control requests: what they ask of the loop, and the checks they must pass first."""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..engine.landscape import Slice
from ..protocol import Landscape, SessionConfig
from ..schema import whole_number
from ..vocabulary import LOSSES_BY_PROBLEM
from .connection import Connection
from .lab import Job


class RequestError(ValueError):
    """A well-formed request that cannot be carried out; `field` names the culprit."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def check_in_range(question: Any, limits: dict[str, int]) -> None:
    """Refuse (RequestError) a question whose field is at or past its limit: the network's
    layers, units, steps… it names one of."""
    for name, limit in limits.items():
        if (value := getattr(question, name)) >= limit:
            raise RequestError(f"{name}: {value} is out of range (this network's are 0 to "
                               f"{limit - 1})", name)


@dataclass
class Pending:
    """What control messages asked for since the loop last looked."""

    steps: int = 0
    epochs: int = 0
    reset: bool = False
    new_run: str | None = None  # why the reset starts a new run (a change of data or problem)
    # The lab's requests' work on the run: (asker, the id to answer or None, job).
    jobs: list[tuple[Connection, int | None, Job]] = field(default_factory=list)
    landscapes: list[tuple[Connection, Landscape]] = field(default_factory=list)
    replies: list[tuple[Connection, str | bytes]] = field(default_factory=list)  # by _work
    # Landscapes taken by _work, to compute beside the loop: (asker, question, job).
    slices: list[tuple[Connection, Landscape, Callable[[], Slice]]] = field(
        default_factory=list)
    # Subscribe ids to answer (with the state) just before the frame that reflects them.
    subscribed: list[tuple[Connection, int | None]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.steps or self.epochs or self.reset or self.jobs or self.landscapes
                    or self.subscribed)

    def then(self, later: "Pending") -> "Pending":
        """This request's asks, then `later`'s: for asks put back to wait for a program."""
        return Pending(self.steps + later.steps, self.epochs + later.epochs,
                       self.reset or later.reset, later.new_run or self.new_run,
                       self.jobs + later.jobs,
                       self.landscapes + later.landscapes,
                       subscribed=self.subscribed + later.subscribed)


def request_id(text: str) -> int | None:
    """The id of a message that failed validation, if one can be read, to echo back."""
    try:
        value = json.loads(text).get("id")
    except (ValueError, AttributeError, RecursionError):  # deep nesting is not valid JSON
        return None
    value = whole_number(value)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def merge(config: SessionConfig, changes: dict[str, Any],
          problem_of: Callable[[SessionConfig], str]) -> SessionConfig:
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
    allowed = LOSSES_BY_PROBLEM[problem_of(merged)]
    if merged.loss in allowed:
        return merged
    if "loss" in changes:
        raise RequestError(f"changes.loss: {merged.loss!r} does not suit this "
                           f"{problem_of(merged)} problem (allowed: {', '.join(allowed)})",
                           "changes.loss")
    return merged.model_copy(update={"loss": allowed[0]})


def lab_changes(config: SessionConfig, **fields: Any) -> dict[str, Any]:
    """Changes of some of the lab's own settings, for `merge`."""
    return {"lab": {"lab": config.lab.lab, **fields}}
