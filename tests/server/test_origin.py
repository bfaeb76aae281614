"""Cross-site WebSocket hijacking (ASVS 4.4.2): a handshake from another site's page is
refused; the server's own origin, an allowed one, and clients that send none get in."""

import json
from collections.abc import Iterator

import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect as ws_connect

from mindscope.bench.server import ServerProcess, running_server

ALLOWED = "https://school.example:8443"


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    server: ServerProcess
    with running_server(["--allow-origin", ALLOWED, "--allow-origin", "http://lab.example"],
                        env={"MINDSCOPE_ALLOW_ORIGINS": "https://ignored.example"}) as server:
        yield server.url


def _hello(url: str, origin: str | None) -> dict:
    with ws_connect(url.replace("http", "ws", 1) + "/ws", origin=origin) as ws:
        return json.loads(ws.recv(timeout=30))


@pytest.mark.parametrize("origin", [None, "own", ALLOWED, "HTTP://LAB.EXAMPLE/"])
def test_own_allowed_and_absent_origins_open_a_session(url: str, origin: str | None) -> None:
    hello = _hello(url, url if origin == "own" else origin)
    assert hello["type"] == "hello" and hello["role"] == "control"


@pytest.mark.parametrize("origin", [
    "https://evil.example", "null", "http://127.0.0.1:1", "https://school.example",
    "https://ignored.example",  # the flag wins over the environment variable
])
def test_other_origins_are_refused_before_the_handshake(url: str, origin: str) -> None:
    with pytest.raises(InvalidStatus) as refused:
        _hello(url, origin)
    response = refused.value.response
    assert response.status_code == 403
    assert b"cross-origin WebSocket refused" in response.body
    assert b"--allow-origin" in response.body
