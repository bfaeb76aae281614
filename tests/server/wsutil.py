"""Helpers for tests that talk to a real server over real WebSockets."""

import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

import httpx
from websockets.exceptions import ConnectionClosed

from mindscope.client import Frame, Session, connect

T = TypeVar("T")


def health(url: str) -> dict[str, Any]:
    return httpx.get(f"{url}/healthz", timeout=10).json()


def wait_until(check: Callable[[], T], timeout: float, what: str, interval: float = 0.1) -> T:
    """Poll `check` until it returns something true; fail naming `what` after `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := check():
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")


def next_text(session: Session, match: Callable[[dict[str, Any]], bool],
              timeout: float = 10.0) -> dict[str, Any]:
    """The next JSON message that `match`es, skipping frames and other messages."""
    deadline = time.monotonic() + timeout
    while True:
        message = session.next_message(timeout=max(0.0, deadline - time.monotonic()))
        if isinstance(message, dict) and "type" in message and match(message):
            return message


def is_error(text: str) -> Callable[[dict[str, Any]], bool]:
    return lambda m: m["type"] == "error" and text in m["message"]


class Watcher:
    """A client in a session of its own, counting the frames it receives on a thread:
    the witness that other sessions are unaffected by what a test does."""

    def __init__(self, url: str) -> None:
        self.session = connect(url)
        self.session.next_frame()  # training has begun
        self.frames = 0
        self.error: BaseException | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                try:
                    if isinstance(self.session.next_message(timeout=0.5), Frame):
                        self.frames += 1
                except TimeoutError:
                    continue
        except (ConnectionClosed, OSError) as exc:
            self.error = exc

    def frames_within(self, seconds: float) -> int:
        """How many frames arrive in the next `seconds`."""
        before = self.frames
        time.sleep(seconds)
        return self.frames - before

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.session.close()

    def __enter__(self) -> "Watcher":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
