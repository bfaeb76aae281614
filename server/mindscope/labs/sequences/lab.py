"""The sequences lab as a session sees it: its runs, its data message and its question (a
step of a cell, explained). Everything the user changes is a setting (the text too), so
the lab keeps nothing beside its config."""

from typing import Any, cast

import numpy as np

from ...protocol import SessionConfig
from ...sessions.lab import Accepted, Run, answer
from ...sessions.training import data_message
from .data import TASKS
from .protocol import PRESET, ExplainStep
from .run import SequencesRun, check_step_question, network_of, sequences_config


class SequencesLab:
    name = "sequences"

    def preset(self) -> dict[str, Any]:
        return dict(PRESET)

    def problem(self, config: SessionConfig, data: None) -> str:
        return TASKS[sequences_config(config).task].problem

    def learns(self, config: SessionConfig, data: None) -> str:
        return f"the {sequences_config(config).task} task"

    def classes(self, config: SessionConfig, data: None) -> int:
        return TASKS[sequences_config(config).task].outputs

    def run(self, config: SessionConfig, data: None) -> SequencesRun:
        return SequencesRun(config)

    def check_changes(self, changes: dict[str, Any], data: None) -> None:
        pass  # every valid setting applies

    def accept(self, message: Any, config: SessionConfig, data: None) -> Accepted:
        if not isinstance(message, ExplainStep):
            raise TypeError(f"not a request of the sequences lab: {message!r}")
        check_step_question(message, network_of(config), sequences_config(config).length)
        return Accepted(job=answer(message.id, "the step", lambda run: cast(
            SequencesRun, run).explain_step(message)), answers=True, question=True)

    def data_message(self, run: Run) -> bytes:
        """The sequences, each flattened (step after step, each step's inputs), and their
        targets (one per step, or one at the end)."""
        return data_message(run.data_version, *cast(SequencesRun, run).host_data)

    def data_arrays(self, data: None) -> dict[str, np.ndarray]:
        return {}

    def data_from(self, config: SessionConfig, arrays: dict[str, np.ndarray]) -> None:
        return None
