"""What a session asks of its lab, and of the lab's training run.

The session knows a lab only through these: it builds the lab's run, hands it the lab's
own requests (declared in labs/<lab>/protocol.py), and stores what the lab keeps beside
its config (the 2D lab: the user's points) with the session. labs/registry.py names
every lab; docs/labs.md tells how to add one.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import optax

from .. import codec
from ..engine.landscape import Slice
from ..engine.training import TrainState
from ..protocol import Directions, Error, SessionConfig
from ..schema import BinaryHeader
from .frame import Detail, FrameData

log = logging.getLogger(__name__)

Params = Any  # a pytree of arrays


class Examples(Protocol):
    """A run's examples on the host (the runs' NamedTuples of x_train, y_train, …)."""

    @property
    def y_train(self) -> np.ndarray: ...


class Run(Protocol):
    """A lab's training run: its data, model and trainer for a config, on the worker
    thread only (the session's run lock held)."""

    config: SessionConfig
    data_version: int  # moves on whenever the data changes
    train_seconds: float  # how long the last advance trained
    state: TrainState

    @property
    def steps_per_epoch(self) -> int: ...
    @property
    def batch_size(self) -> int:
        """The examples one step takes (the config's, or all there are when fewer)."""
    @property
    def host_data(self) -> Examples: ...
    def reconfigure(self, config: SessionConfig, data: Any) -> bool:
        """Move to a new config and lab data, keeping what was learned where it fits; False
        (nothing changed) while a program it needs compiles beside the session."""
    def reset(self) -> None: ...
    def advance(self, steps: int, detail: Detail) -> FrameData: ...
    def frame(self, detail: Detail) -> FrameData: ...
    def landscape(self, directions: Directions, resolution: int, span: float,
                  seed: int) -> Callable[[], Slice]: ...
    def exact_params(self) -> Params: ...
    def restore_params(self, params: Params) -> None: ...
    def exact_state(self) -> tuple[Params, Params, optax.OptState]: ...
    def template(self) -> tuple[Params, optax.OptState]:
        """Parameters and optimizer state of the run's shapes, for a file to fill."""
    def restore_state(self, params: Params, last_grads: Params, opt_state: optax.OptState,
                      step: int, key: Any) -> None: ...


# An accepted request's work on the run, done before the next frame with every earlier
# change applied; it returns the asker's answer, or None when there is none.
Job = Callable[[Run], str | bytes | None]
KEEP = object()  # Accepted.data: the lab's data stays as it is


def answer(reply_to: int | None, what: str,
           make: Callable[[Any], tuple[BinaryHeader, dict[str, np.ndarray]]]) -> Job:
    """A question's job: its binary answer, made on the run. A question that fails is
    answered to its asker alone ("`what` could not be answered"): the session, its
    settings and the other clients carry on."""
    def job(run: Run) -> str | bytes:
        try:
            header, arrays = make(run)
            return codec.encode(header.model_dump(exclude={"arrays"}), arrays)
        except Exception as exc:
            log.exception("failed to answer a question: %s", what)
            return Error(message=f"{what} could not be answered ({exc})",
                         reply_to=reply_to).model_dump_json()
    return job


@dataclass(frozen=True)
class Accepted:
    """What one of the lab's requests does, once the lab has checked it."""

    changes: dict[str, Any] | None = None  # config changes, as a `set` makes them
    data: Any = KEEP  # the lab's new data (the 2D lab: the user's points)
    job: Job | None = None
    answers: bool = False  # the job answers its asker (who must hear, even of a failure)
    question: bool = False  # it changes nothing shared: no new revision, no state
    # Of a request with new `data`: whether they replace the old (a new run starts) or
    # edit them (drawn points, a drawn probe: the run goes on unless the problem changes).
    replaces_data: bool = False


class Lab(Protocol):
    """A lab as one session sees it (one instance per session)."""

    name: str

    def preset(self) -> dict[str, Any]:
        """The shared settings a new session of the lab starts with."""

    def problem(self, config: SessionConfig, data: Any) -> str: ...
    def learns(self, config: SessionConfig, data: Any) -> str:
        """What a run of `config` learns, in words ("the Spiral dataset"): when it changes,
        a new run starts."""
    def classes(self, config: SessionConfig, data: Any) -> int: ...
    def run(self, config: SessionConfig, data: Any) -> Run:
        """A new run (on a worker thread: it may take a while)."""
    def accept(self, message: Any, config: SessionConfig, data: Any) -> Accepted:
        """Check one of the lab's requests; raise RequestError to refuse it."""
    def check_changes(self, changes: dict[str, Any], data: Any) -> None:
        """Refuse (RequestError) a `set` that the lab's data cannot take."""
    def data_message(self, run: Run) -> bytes:
        """The binary `data` message of the run's data (on the worker thread)."""
    def data_arrays(self, data: Any) -> dict[str, np.ndarray]:
        """The lab's data as named arrays, for a session file."""
    def data_from(self, config: SessionConfig, arrays: dict[str, np.ndarray]) -> Any:
        """The lab's data from a session file's arrays; ValueError names what is wrong."""
