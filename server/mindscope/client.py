"""A Python client for a running Mindscope server: drive a session, read frames as NumPy.

    from mindscope.client import connect
    with connect("http://127.0.0.1:8000") as session:
        session.set(learning_rate=0.1)
        frame = session.next_frame()
        print(frame.step, frame.train_loss, frame.output.shape)
"""

import itertools
import json
import math
import secrets
import time
from dataclasses import dataclass
from types import TracebackType
from typing import Any
from urllib.parse import urlencode, urlsplit

import numpy as np
from websockets.sync.client import ClientConnection
from websockets.sync.client import connect as ws_connect

from . import codec
from .protocol import nested


class ServerError(Exception):
    """The server refused a message; `field` names what was wrong."""

    def __init__(self, message: str, field: str | None) -> None:
        super().__init__(message)
        self.field = field


@dataclass
class Frame:
    header: dict[str, Any]
    arrays: dict[str, np.ndarray]

    @property
    def step(self) -> int:
        step: int = self.header["step"]
        return step

    @property
    def train_loss(self) -> float:
        """NaN where the header says null (a loss that is not a finite number)."""
        return _number(self.header["train_loss"])

    @property
    def test_loss(self) -> float:
        return _number(self.header["test_loss"])

    @property
    def output(self) -> np.ndarray:
        """The network's output over the input grid, as float32."""
        spec = next(a for a in self.header["arrays"] if a["name"] == "output")
        return codec.dequantize(self.arrays["output"], spec["low"], spec["high"])


def _number(value: float | None) -> float:
    return math.nan if value is None else value


def _ws_url(base: str, session_id: str | None, view_id: str | None = None,
            lab: str | None = None) -> str:
    parts = urlsplit(base if "//" in base else f"http://{base}")
    scheme = "wss" if parts.scheme in {"https", "wss"} else "ws"
    capability = ({"session": session_id} if session_id else {"view": view_id} if view_id
                  else {"lab": lab} if lab else {})
    query = f"?{urlencode(capability)}" if capability else ""
    return f"{scheme}://{parts.netloc}/ws{query}"


class Session:
    def __init__(self, ws: ClientConnection) -> None:
        self._ws = ws
        # Ids of its own: another connection's change comes back to every client with
        # that connection's id as reply_to, which must not pass for an answer here.
        self._ids = itertools.count(secrets.randbelow(2**52) + 1)
        self.errors: list[dict[str, Any]] = []
        self.data: dict[str, np.ndarray] = {}
        hello = json.loads(ws.recv(timeout=30))
        if hello["type"] == "error":
            raise ServerError(hello["message"], hello.get("field"))
        self.role: str = hello["role"]  # "control", or "view" (watch only)
        self.id: str | None = hello["session_id"]  # the control id; None when watching
        self.view_id: str = hello["view_id"]
        self.config: dict[str, Any] = {}
        self.playing = False
        self.revision = 0
        self.history: dict[str, np.ndarray] = {}
        self.explanation: Frame | None = None
        self.step_explanation: Frame | None = None
        self.conv_explanation: Frame | None = None
        self.landscape_slice: Frame | None = None
        while not self.config:  # a state message follows the hello
            self._receive(timeout=30)

    # -- receiving -----------------------------------------------------------

    def _receive(self, timeout: float) -> Frame | dict[str, Any]:
        """The next message; state and data messages also update this object."""
        raw = self._ws.recv(timeout=timeout)
        if isinstance(raw, str):
            message: dict[str, Any] = json.loads(raw)
            if message["type"] == "state":
                self.config, self.playing = message["config"], message["playing"]
                self.revision = message["revision"]
            elif message["type"] == "error":
                self.errors.append(message)
            return message
        header, arrays = codec.decode(raw)
        if header["kind"] == "frame":
            return Frame(header, arrays)
        if header["kind"] == "data":
            self.data = arrays
        elif header["kind"] == "history":
            self.history = arrays
        elif header["kind"] == "explanation":  # the answer to explain(), by reply_to
            self.explanation = Frame(header, arrays)
        elif header["kind"] == "step_explanation":  # the answer to explain_step()
            self.step_explanation = Frame(header, arrays)
        elif header["kind"] == "conv_explanation":  # the answer to explain_conv()
            self.conv_explanation = Frame(header, arrays)
        elif header["kind"] == "landscape":  # the answer to landscape(), by reply_to
            self.landscape_slice = Frame(header, arrays)
        return header

    def next_frame(self, timeout: float = 30.0, *, min_revision: int | None = None) -> Frame:
        """The next frame that reflects every control message answered so far (or at
        least `min_revision`)."""
        if min_revision is None:
            min_revision = self.revision
        deadline = time.monotonic() + timeout
        while True:
            message = self._receive(max(0.0, deadline - time.monotonic()))
            if isinstance(message, Frame) and message.header["revision"] >= (
                min_revision
            ):
                return message

    def request(self, message: dict[str, Any], timeout: float = 30.0) -> dict[str, Any]:
        """Send a control message and wait for its reply; raise ServerError if refused."""
        request_id = next(self._ids)
        self._ws.send(json.dumps({**message, "id": request_id}))
        deadline = time.monotonic() + timeout
        while True:
            reply = self._receive(max(0.0, deadline - time.monotonic()))
            if isinstance(reply, dict) and reply.get("reply_to") == request_id:
                if reply.get("type") == "error":
                    raise ServerError(reply["message"], reply.get("field"))
                return reply

    def send_raw(self, text: str | bytes) -> None:
        """Send anything, valid or not (for tests of the server's validation)."""
        self._ws.send(text)

    def next_message(self, timeout: float = 30.0) -> Frame | dict[str, Any]:
        return self._receive(timeout)

    # -- control -------------------------------------------------------------

    def play(self) -> dict[str, Any]:
        return self.request({"type": "play"})

    def pause(self) -> dict[str, Any]:
        return self.request({"type": "pause"})

    def step(self, steps: int = 1) -> dict[str, Any]:
        return self.request({"type": "step", "steps": steps})

    def reset(self) -> dict[str, Any]:
        return self.request({"type": "reset"})

    def set(self, **changes: Any) -> dict[str, Any]:
        """Change settings by name, the lab's own among the rest: set(hidden=[8, 8],
        learning_rate=0.1) sends the hidden layers in the config's lab part."""
        return self.request({"type": "set", "changes": nested(changes, self.config["lab"]["lab"])})

    def explain(self, x1: float, x2: float, label: float) -> Frame:
        """One example through the network and back: header and arrays (see the protocol)."""
        self.request({"type": "explain", "x1": x1, "x2": x2, "label": label})
        assert self.explanation is not None
        return self.explanation

    def explain_step(self, **question: Any) -> Frame:
        """The sequences lab: one step of one cell of the probe, and backpropagation through
        time for one weight: layer, time, weight ("w" or "u"), row, column (see the
        protocol)."""
        self.request({"type": "explain_step", **question})
        assert self.step_explanation is not None
        return self.step_explanation

    def explain_conv(self, **question: Any) -> Frame:
        """The images lab: one convolution on the probe with the engine's numbers: layer,
        filter, row, column (the output position before pooling; see the protocol)."""
        self.request({"type": "explain_conv", **question})
        assert self.conv_explanation is not None
        return self.conv_explanation

    def landscape(self, **options: Any) -> Frame:
        """A loss landscape slice: directions, resolution, span, seed (see the protocol)."""
        self.request({"type": "landscape", **options})
        assert self.landscape_slice is not None
        return self.landscape_slice

    def subscribe(self, **detail: Any) -> dict[str, Any]:
        """Choose what this connection's frames carry: output_resolution,
        neuron_resolution, parameters (see the protocol's Subscribe message)."""
        return self.request({"type": "subscribe", **detail})

    # -- lifetime ------------------------------------------------------------

    def close(self) -> None:
        self._ws.close()

    def __enter__(self) -> "Session":
        return self

    def __exit__(self, *_: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()


def connect(base_url: str = "http://127.0.0.1:8000", session_id: str | None = None,
            *, view_id: str | None = None, lab: str | None = None, **options: Any) -> Session:
    """Open a new session on the server (of `lab`, by default the 2D lab), rejoin
    `session_id`, or watch `view_id` (a view link: frames arrive, changes are refused);
    `options` go to websockets' connect (e.g. close_timeout, max_queue). Sends no Origin
    header, as scripts do.

    Raises ServerError when the server refuses (no such session, or a limit reached).
    """
    options = {"max_size": 2**24, **options}
    ws = ws_connect(_ws_url(base_url, session_id, view_id, lab), legacy=True, **options)
    try:
        return Session(ws)
    except BaseException:
        ws.close()
        raise
