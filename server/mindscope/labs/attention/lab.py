"""The attention lab as a session sees it: its runs, its data message and its question (one
attention computation, explained). Everything the user changes is a setting, so the lab
keeps nothing beside its config."""

from typing import Any, cast

import numpy as np

from ...protocol import SessionConfig
from ...sessions.lab import Accepted, Run, answer
from ...sessions.training import data_message
from .data import layout
from .protocol import PRESET, ExplainAttention
from .run import AttentionRun, attention_config, check_attention_question, network_of


class AttentionLab:
    name = "attention"

    def preset(self) -> dict[str, Any]:
        return dict(PRESET)

    def problem(self, config: SessionConfig, data: None) -> str:
        return "multiclass"

    def learns(self, config: SessionConfig, data: None) -> str:
        return f"the {attention_config(config).task} task"

    def classes(self, config: SessionConfig, data: None) -> int:
        return layout(attention_config(config)).classes

    def run(self, config: SessionConfig, data: None) -> AttentionRun:
        return AttentionRun(config)

    def check_changes(self, changes: dict[str, Any], data: None) -> None:
        pass  # every valid setting applies

    def accept(self, message: Any, config: SessionConfig, data: None) -> Accepted:
        if not isinstance(message, ExplainAttention):
            raise TypeError(f"not a request of the attention lab: {message!r}")
        check_attention_question(message, network_of(config))
        return Accepted(job=answer(message.id, "the attention step", lambda run: cast(
            AttentionRun, run).explain_attention(message)), answers=True, question=True)

    def data_message(self, run: Run) -> bytes:
        """The examples' input tokens and their answers, one row each."""
        return data_message(run.data_version, *cast(AttentionRun, run).host_data)

    def data_arrays(self, data: None) -> dict[str, np.ndarray]:
        return {}

    def data_from(self, config: SessionConfig, arrays: dict[str, np.ndarray]) -> None:
        return None
