"""Raw garbage over a real WebSocket: each kind is answered or refused as designed, the
server stays up, and a session beside it keeps streaming."""

import json
import time
from collections.abc import Iterator

import pytest
from websockets.exceptions import ConnectionClosed
from wsutil import Watcher, health, is_error, next_text

from mindscope.bench.server import ServerProcess, running_server
from mindscope.client import Session, connect


@pytest.fixture(scope="module")
def watcher(server_url: str) -> Iterator[Watcher]:
    with Watcher(server_url) as w:
        yield w
    assert w.error is None


def _closed_with(session: Session, message: str | bytes) -> int:
    """Send `message`, then read until the server closes the connection; its close code."""
    with pytest.raises(ConnectionClosed) as closed:
        session.send_raw(message, as_text=True)  # the close may come while still sending
        while True:
            session.next_message(timeout=10)
    assert closed.value.rcvd is not None
    return closed.value.rcvd.code


@pytest.mark.parametrize(
    ("garbage", "answer"),
    [
        (b"\x00\xff binary", "binary messages are not accepted: send JSON text"),
        ("not json", "Invalid JSON"),
        ("", "Invalid JSON"),
        ("[1, 2]", "Input should be"),
        ("null", "Input should be"),
        ('"play"', "Input should be"),
        ('{"type": "play", "type": 7}', "Input tag"),
        ("[" * 30_000, "message nested too deeply"),
        ('{"type": "set", "changes": ' * 2000, "message nested too deeply"),
        ("x" * 1_100_000, "message too large: at most 1048576 bytes"),
        ("é" * 600_000, "message too large: at most 1048576 bytes"),  # 1.2 MB as UTF-8
        ("\u0000\u2028\U0001f600", "Invalid JSON"),
    ],
)
def test_garbage_gets_an_error_and_the_connection_stays_usable(
        server_url: str, watcher: Watcher, garbage: str | bytes, answer: str) -> None:
    with connect(server_url) as session:
        session.send_raw(garbage)
        assert next_text(session, is_error(answer))
        assert session.pause()["playing"] is False
    assert watcher.frames_within(1.0) >= 3


def test_invalid_utf8_closes_with_1007_and_one_line_in_the_log(
    server: ServerProcess, watcher: Watcher,
) -> None:
    for _ in range(3):  # a client reconnecting to send more fills no log with tracebacks
        with connect(server.url) as session:
            assert _closed_with(session, b'{"type": "play", "x": "\xc3\x28"}') == 1007
    assert watcher.frames_within(1.0) >= 3
    log = server.log_tail(100_000)
    assert log.count("Invalid UTF-8 sequence received from client.") >= 3
    assert "UnicodeDecodeError" not in log


def test_a_message_over_the_hard_cap_closes_with_1009() -> None:
    # A cap of 1 MiB and twice that sent: a message many megabytes over the cap may still
    # be in flight when the server closes, and the client then sees a reset, not the code.
    with running_server(["--max-message-bytes", "65536", "--hard-max-message-bytes",
                         str(1 << 20)]) as server, Watcher(server.url) as watcher:
        with connect(server.url) as session:
            assert _closed_with(session, json.dumps({"type": "play", "pad": "x" * (2 << 20)})
                                ) == 1009
        assert watcher.frames_within(1.0) >= 3


def test_a_flood_is_throttled_and_the_connection_survives(server_url: str,
                                                         watcher: Watcher) -> None:
    with connect(server_url) as session:
        for i in range(2000):
            session.send_raw(json.dumps({"type": "pause", "id": 10_000 + i}))
        assert next_text(session, is_error("too many messages: at most 100 per second"))
        time.sleep(1.0)
        assert session.play()["playing"] is True
    assert watcher.frames_within(1.0) >= 3
    assert health(server_url)["status"] == "ok"
