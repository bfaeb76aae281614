"""Frames deflated per connection, over a real WebSocket: a connection that asks for
'deflate' gets its frames as a zlib stream behind the DEFLATED word, smaller and decoding
to the same frame; 'auto' from the server's own machine and 'none' get them as they are."""

import json
import struct
import zlib
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest
from starlette.datastructures import Address
from websockets.sync.client import ClientConnection
from websockets.sync.client import connect as ws_connect

from mindscope import codec
from mindscope.bench.server import running_server
from mindscope.client.addresses import socket_url
from mindscope.sessions import archive
from mindscope.sessions.archive import ArchiveError
from mindscope.sessions.connection import Connection


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with running_server([]) as server:
        yield server.url


def length_word(message: bytes) -> int:
    return int(struct.unpack_from("<I", message)[0])


def frame_after_subscribing(ws: ClientConnection, compression: str) -> bytes:
    """The first frame made after the subscription's answer (with what it asked for)."""
    ws.send(json.dumps({"type": "subscribe", "compression": compression, "id": 7}))
    answered = False
    while True:
        message = ws.recv(timeout=30)
        if isinstance(message, str):
            answered = answered or json.loads(message).get("reply_to") == 7
        elif answered and codec.decode(codec.inflate(message))[0]["kind"] == "frame":
            return message


def test_a_connection_that_asks_for_deflate_gets_smaller_frames_that_decode_the_same(
        url: str) -> None:
    with ws_connect(socket_url(url), max_size=None, compression=None) as ws:
        ws.send(json.dumps({"type": "pause"}))  # one frame, encoded both ways
        plain = frame_after_subscribing(ws, "none")
        deflated = frame_after_subscribing(ws, "deflate")
    assert length_word(plain) != codec.DEFLATED
    assert length_word(deflated) == codec.DEFLATED
    assert len(deflated) < 0.9 * len(plain), (len(deflated), len(plain))
    inflated = zlib.decompress(deflated[4:])
    header, arrays = codec.decode(inflated)
    again, arrays_again = codec.decode(codec.inflate(deflated))
    assert header == again and header["kind"] == "frame"
    assert arrays.keys() == arrays_again.keys() and "output" in arrays


def test_auto_leaves_a_connection_from_this_machine_as_it_is(url: str) -> None:
    with ws_connect(socket_url(url), max_size=None, compression=None) as ws:
        assert length_word(frame_after_subscribing(ws, "auto")) != codec.DEFLATED


def test_a_subscription_naming_another_compression_is_refused_with_the_choices(
        url: str) -> None:
    with ws_connect(socket_url(url), max_size=None, compression=None) as ws:
        ws.send(json.dumps({"type": "subscribe", "compression": "gzip", "id": 3}))
        while isinstance(reply := ws.recv(timeout=30), bytes) or json.loads(
                reply).get("reply_to") != 3:
            pass
    error: dict[str, Any] = json.loads(reply)
    assert error["type"] == "error"
    assert "compression" in error["message"] and "'deflate'" in error["message"]


@pytest.mark.parametrize(("host", "compression", "deflates"), [
    ("203.0.113.9", "auto", True), ("127.0.0.1", "auto", False), ("::1", "auto", False),
    ("::ffff:127.0.0.1", "auto", False), ("::ffff:203.0.113.9", "auto", True),
    ("127.0.0.1", "deflate", True), ("203.0.113.9", "none", False),
    ("testclient", "auto", True),
])
def test_auto_deflates_for_clients_elsewhere(host: str, compression: str,
                                             deflates: bool) -> None:
    socket: Any = SimpleNamespace(client=Address(host, 50000))
    assert Connection(socket).deflates(compression) is deflates


def test_a_message_that_deflating_hardly_shrinks_goes_as_it_is() -> None:
    noise = np.random.default_rng(0).integers(0, 256, 4096, dtype=np.uint8)
    message = codec.encode({"kind": "frame"}, {"noise": noise})
    assert codec.deflate(message) == message
    assert codec.inflate(message) == message


def test_a_deflated_message_that_does_not_inflate_or_inflates_too_far_is_refused() -> None:
    marker = struct.pack("<I", codec.DEFLATED)
    with pytest.raises(ValueError, match="does not inflate"):
        codec.inflate(marker + b"garbage")
    zeros = marker + zlib.compress(bytes(10_000))
    assert codec.inflate(zeros) == bytes(10_000)
    with pytest.raises(ValueError, match="inflates past 1,000 bytes"):
        codec.inflate(zeros, most=1000)
    with pytest.raises(ValueError, match="inflate it first"):
        codec.decode(zeros)  # what reads session files never inflates


def test_a_session_file_that_starts_like_a_deflated_message_is_refused_not_inflated() -> None:
    bomb = struct.pack("<I", codec.DEFLATED) + zlib.compress(bytes(50 * 2**20), 9)
    with pytest.raises(ArchiveError, match="not a Mindscope session file"):
        archive.load(bomb)
