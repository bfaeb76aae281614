"""The client's copy of a session: what the messages that arrived say of it."""

from typing import Any

import numpy as np

from ..protocol import SessionConfig
from .curves import Curves
from .errors import ServerError
from .frames import Frame


class Mirror:
    """Updated by each message as it arrives (on the reader's thread); read by the user."""

    def __init__(self, hello: Frame | dict[str, Any]) -> None:
        if isinstance(hello, Frame):
            raise ServerError(f"the server sent a binary {hello.kind} before its hello: "
                              "is it Mindscope?")
        if hello.get("type") == "error":
            raise ServerError(hello["message"], hello.get("field"))
        if hello.get("type") != "hello":
            raise ServerError(f"the server did not greet this client (it sent a "
                              f"{hello.get('type')!r} message first): is it Mindscope?")
        self.role: str = hello["role"]  # "control", or "view" (watch only)
        self.id: str | None = hello["session_id"]  # the control id; None when watching
        self.view_id: str = hello["view_id"]
        self.config: dict[str, Any] = {}
        self.playing = False
        self.revision = 0
        self.data: dict[str, np.ndarray] = {}
        self.errors: list[dict[str, Any]] = []
        self.history = Curves()
        self.new_runs: list[str] = []  # why each new run since joining started (its notice)
        self.answers: dict[str, Frame] = {}
        self.latest: Frame | None = None

    @property
    def lab(self) -> str:
        lab: str = self.config["lab"]["lab"]
        return lab

    @property
    def settings(self) -> SessionConfig:
        """The session's config, typed (the pydantic model the server validates with)."""
        return SessionConfig.model_validate(self.config)

    def apply(self, message: Frame | dict[str, Any]) -> Frame | dict[str, Any]:
        """Take in a message; what it is as an event: a JSON message, a frame, or the
        header of another binary message (data, history, an answer)."""
        if isinstance(message, dict):
            if message["type"] == "state":
                self.config, self.playing = message["config"], message["playing"]
                self.revision = message["revision"]
            elif message["type"] == "error":
                self.errors.append(message)
            return message
        if message.kind == "frame":
            self.history.add(message.header)
            self.latest = message
            return message
        if message.kind == "data":
            self.data = message.arrays
        elif message.kind == "history":
            self.history.replace(message.arrays)
            if message.header.get("new_run"):
                self.new_runs.append(message.header["new_run"])
        else:  # an answer to a question (any lab's: the protocol's LabAnswer and more)
            self.answers[message.kind] = message
        return message.header
