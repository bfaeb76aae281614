"""A client that reads one message a second costs the server no memory and the other
clients no frames: its connection holds one pending frame, never a queue."""

import threading
import time
from collections.abc import Iterator

import pytest
from wsutil import Watcher

from mindscope.bench.server import ServerProcess, running_server
from mindscope.client import connect

MIB = 2**20


class SlowReader:
    """A client in its own session, asking for the biggest frames and reading one a second."""

    def __init__(self, url: str) -> None:
        # Once it stops reading, its close handshake waits behind unread frames: keep it short.
        self.session = connect(url, close_timeout=1)
        self.session.subscribe(output_resolution=200, neuron_resolution=100)  # ~125 KB frames
        self.session.next_frame()
        self.received = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(1.0):
            self.session.next_message(timeout=30)
            self.received += 1

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=35)
        self.session.close()


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
