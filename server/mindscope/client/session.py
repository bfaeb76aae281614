"""A session over a WebSocket, read by a thread of its own: a notebook that leaves it
unread for minutes stays connected (the thread answers the server's keepalive and keeps
only the newest frame), and its curves keep growing."""

import itertools
import json
import secrets
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

from websockets.sync.client import ClientConnection
from websockets.sync.client import connect as ws_connect

from ..protocol import SessionConfig
from .addresses import base_url, socket_url
from .changes import set_message
from .errors import AnswerMissing, ServerError
from .files import upload_session
from .frames import Frame, decode
from .links import Links
from .mailbox import Event, Mailbox

GREETING_SECONDS = 30.0


class Session(Links):
    """One connection to a session. Messages are read as they come by a thread; the
    attributes (config, settings, playing, revision, data, history, latest, errors) say
    what has arrived, and next_message / next_frame / request read them in order."""

    def __init__(self, ws: ClientConnection, url: str) -> None:
        super().__init__(decode(ws.recv(timeout=GREETING_SECONDS)))
        self._ws, self.server = ws, base_url(url)
        # Ids of its own: another connection's change comes back to every client with
        # that connection's id as reply_to, which must not pass for an answer here.
        self._ids = itertools.count(secrets.randbelow(2**52) + 1)
        self._arrived = threading.Condition()
        self._mailbox = Mailbox()
        self._ended: Exception | None = None
        self._reader = threading.Thread(target=self._read, daemon=True,
                                        name=f"mindscope-client-{self.view_id[:8]}")
        self._reader.start()
        with self._arrived:  # a state message follows the hello
            if not self._arrived.wait_for(lambda: self.config or self._ended,
                                          GREETING_SECONDS):
                raise TimeoutError("the server sent no state after its hello")
        if not self.config:
            raise self._closed()

    def _closed(self) -> Exception:
        """What ended the connection (a ConnectionClosed, with the server's close code)."""
        return self._ended or ConnectionError("the connection to the server has ended")

    # -- the reader's thread ----------------------------------------------------

    def _read(self) -> None:
        while True:
            try:
                event = self.apply(decode(self._ws.recv()))
            except Exception as ended:  # closed (ConnectionClosed), or not Mindscope's
                with self._arrived:
                    self._ended = ended
                    self._arrived.notify_all()
                self._ws.close()
                return
            with self._arrived:
                self._mailbox.put(event)
                self._arrived.notify_all()

    # -- reading, in order ------------------------------------------------------

    def next_message(self, timeout: float = 30.0) -> Event:
        """The next message not read yet: a JSON message as a dict, a frame, or another
        binary message's header. Of frames that came in a row unread, only the newest is
        kept. Raises TimeoutError, or the ConnectionClosed that ended the connection."""
        with self._arrived:
            if not self._arrived.wait_for(lambda: self._mailbox or self._ended, timeout):
                raise TimeoutError(f"no message from the server within {timeout:g} s")
            event = self._mailbox.take()
        if event is None:  # nothing left to read, and nothing will come
            raise self._closed()
        return event

    @property
    def unread(self) -> int:
        """How many messages wait to be read (unread frames in a row count as one)."""
        with self._arrived:
            return len(self._mailbox)

    def next_frame(self, timeout: float = 30.0, *, min_revision: int | None = None) -> Frame:
        """The next frame that reflects every change answered so far (or at least
        `min_revision`), skipping other messages."""
        wanted = self.revision if min_revision is None else min_revision
        deadline = time.monotonic() + timeout
        while True:
            message = self.next_message(max(0.0, deadline - time.monotonic()))
            if isinstance(message, Frame) and message.revision >= wanted:
                return message

    def frames(self, timeout: float = 30.0) -> Iterator[Frame]:
        """Each frame as it comes; a loop slower than the session sees the newest one."""
        while True:
            yield self.next_frame(timeout)

    def newest_frame(self, timeout: float = 30.0) -> Frame:
        """The newest frame received, without reading anything (waits for the first).
        Raises what ended the connection once it has ended (`latest` still holds the last
        frame that came)."""
        with self._arrived:
            if not self._arrived.wait_for(lambda: self.latest or self._ended, timeout):
                raise TimeoutError(f"no frame from the server within {timeout:g} s")
        if self.latest is None or self._ended is not None:
            raise self._closed()
        return self.latest

    @property
    def connected(self) -> bool:
        """Whether the connection is open (the server has not closed it, nor this client)."""
        return self._ended is None

    def request(self, message: dict[str, Any], timeout: float = 30.0) -> dict[str, Any]:
        """Send a control message and read up to its reply; raise ServerError if refused."""
        request_id = next(self._ids)
        self._ws.send(json.dumps({**message, "id": request_id}))
        deadline = time.monotonic() + timeout
        while True:
            reply = self.next_message(max(0.0, deadline - time.monotonic()))
            if isinstance(reply, dict) and reply.get("reply_to") == request_id:
                if reply.get("type") == "error":
                    raise ServerError(reply["message"], reply.get("field"),
                                      code=reply.get("code"))
                return reply

    def send_raw(self, text: str | bytes, *, as_text: bool = False) -> None:
        """Send anything, valid or not (for tests of the server's validation); bytes go as
        a binary message unless `as_text`."""
        self._ws.send(text, text=as_text or None)

    # -- control ----------------------------------------------------------------

    def play(self) -> dict[str, Any]:
        return self.request({"type": "play"})

    def pause(self) -> dict[str, Any]:
        return self.request({"type": "pause"})

    def step(self, steps: int = 1) -> dict[str, Any]:
        return self.request({"type": "step", "steps": steps})

    def reset(self) -> dict[str, Any]:
        return self.request({"type": "reset"})

    def set(self, config: SessionConfig | None = None, **settings: Any) -> dict[str, Any]:
        """Change settings by name, the lab's own among the rest (set(hidden=[8, 8],
        learning_rate=0.1)), or to a typed config: set(session.settings.model_copy(
        update={"learning_rate": 0.1})). The server validates; ServerError names the field."""
        return self.request(set_message(self.config, config, settings))

    def subscribe(self, **detail: Any) -> dict[str, Any]:
        """Choose what this connection's frames carry: output_resolution,
        neuron_resolution, parameters, and compression ("auto" deflates them where the
        server is on another machine; they are inflated as they arrive); see the
        protocol's Subscribe message."""
        return self.request({"type": "subscribe", **detail})

    def ask(self, question: dict[str, Any], answer: str) -> Frame:
        """A question answered by a binary message of kind `answer`."""
        reply = self.request(question)
        found = self.answers.get(answer)
        if found is None or found.header.get("reply_to") != reply.get("reply_to"):
            raise AnswerMissing(f"the server accepted {question['type']!r} but sent no "
                                f"{answer} with its reply")
        return found

    def explain(self, x1: float, x2: float, label: float) -> Frame:
        """The 2D lab: one example through the network and back (see the protocol)."""
        return self.ask({"type": "explain", "x1": x1, "x2": x2, "label": label},
                        "explanation")

    def explain_step(self, **question: Any) -> Frame:
        """The sequences lab: one step of one cell of the probe, and backpropagation
        through time for one weight: layer, time, weight ("w" or "u"), row, column."""
        return self.ask({"type": "explain_step", **question}, "step_explanation")

    def explain_conv(self, **question: Any) -> Frame:
        """The images lab: one convolution on the probe with the engine's numbers: layer,
        filter, row, column (the output position before pooling)."""
        return self.ask({"type": "explain_conv", **question}, "conv_explanation")

    def landscape(self, **options: Any) -> Frame:
        """A loss landscape slice: directions, resolution, span, seed (see the protocol)."""
        return self.ask({"type": "landscape", **options}, "landscape")

    # -- lifetime ---------------------------------------------------------------

    def close(self) -> None:
        self._ws.close()
        self._reader.join(timeout=5)

    def __enter__(self) -> "Session":
        return self

    def __exit__(self, *_: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()


def connect(url: str = "http://127.0.0.1:8000", session_id: str | None = None,
            *, view_id: str | None = None, lab: str | None = None, **options: Any) -> Session:
    """Open a new session on the server (of `lab`, by default the 2D lab), rejoin
    `session_id`, or watch `view_id` (a view link: frames arrive, changes are refused);
    `options` go to websockets' connect (e.g. open_timeout, close_timeout). Sends no
    Origin header, as scripts do.

    Raises ServerError when the server refuses (no such session, or a limit reached)."""
    options = {"max_size": 2**24, **options}
    ws = ws_connect(socket_url(url, session_id=session_id, view_id=view_id, lab=lab),
                    legacy=True, **options)
    try:
        return Session(ws, url)
    except BaseException:
        ws.close()
        raise


def import_session(url: str, session_file: bytes | str | Path, **options: Any) -> Session:
    """A new session (paused) from a session file, connected."""
    return connect(url, upload_session(url, session_file), **options)
