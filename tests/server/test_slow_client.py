"""A client that reads one message a second costs the server no memory and the other
clients no frames: its connection holds one pending frame, never a queue."""

import json
import threading
import time
from collections.abc import Iterator

import pytest
from websockets.sync.client import connect as ws_connect
from wsutil import Watcher

from mindscope import codec
from mindscope.bench.server import ServerProcess, running_server

MIB = 2**20


class SlowReader:
    """A raw WebSocket in its own session, asking for the biggest frames and reading one
    message a second (mindscope.client would read them all on its own thread)."""

    def __init__(self, url: str) -> None:
        # max_queue=1: the library stops reading the socket while a message waits unread.
        # Once it stops reading, its close handshake waits behind unread frames: keep it short.
        self.ws = ws_connect(url.replace("http", "ws", 1) + "/ws", max_size=2**24,
                             max_queue=1, close_timeout=1)
        self.ws.send(json.dumps({"type": "subscribe", "output_resolution": 200,
                                 "neuron_resolution": 100}))  # ~125 KB frames
        while _kind(self.ws.recv(timeout=60)) != "frame":
            pass
        self.received = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(1.0):
            self.ws.recv(timeout=30)
            self.received += 1

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=35)
        self.ws.close()


def _kind(message: str | bytes) -> str | None:
    """A binary message's kind (frame, data, history...); None for a JSON one."""
    return codec.decode(message)[0]["kind"] if isinstance(message, bytes) else None


@pytest.fixture(scope="module")
def server() -> Iterator[ServerProcess]:
    """A server of its own: other tests' sessions (and their compiles) would blur its RSS."""
    with running_server() as process:
        yield process


def test_a_slow_reader_neither_grows_memory_nor_slows_another_client(
        server: ServerProcess) -> None:
    with Watcher(server.url) as fast:  # reads on its own thread: never falls behind
        alone = fast.frames_within(3.0) / 3.0
        slow = SlowReader(server.url)
        try:
            time.sleep(1.0)
            server.wait_compiled()  # the padded network each new session warms
            baseline, peak, frames = server.rss_bytes(), 0, fast.frames
            read_before = slow.received
            start = time.monotonic()
            while time.monotonic() - start < 10.0:
                time.sleep(0.25)
                peak = max(peak, server.rss_bytes())
            beside_slow = (fast.frames - frames) / (time.monotonic() - start)
        finally:
            slow.close()
    growth = peak - baseline
    print(f"fps alone {alone:.1f}, beside a slow reader {beside_slow:.1f}; "
          f"RSS {baseline / MIB:.0f} MiB, grew at most {growth / MIB:.1f} MiB")
    assert beside_slow >= 0.5 * alone
    assert growth < 16 * MIB
    assert 5 <= slow.received - read_before <= 12  # it did read, at its own pace
