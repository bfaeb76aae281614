"""Per-address limits (CWE-770), set low by their flags: a client that opens too many
sessions or connections is refused with a reason, and gets in again once it lets go."""

import json
from collections.abc import Iterator

import httpx
import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect as ws_connect
from wsutil import health, wait_until

from mindscope.bench.server import running_server
from mindscope.client import connect


@pytest.fixture(scope="module")
def sessions_capped() -> Iterator[str]:
    with running_server(["--max-sessions-per-ip", "2"]) as server:
        yield server.url


@pytest.fixture(scope="module")
def connections_capped() -> Iterator[str]:
    with running_server(["--max-connections-per-ip", "3"]) as server:
        yield server.url


def _refusal(url: str, query: str = "") -> tuple[str, int]:
    with ws_connect(url.replace("http", "ws", 1) + "/ws" + query) as ws:
        error = json.loads(ws.recv(timeout=30))
        with pytest.raises(ConnectionClosed) as closed:
            ws.recv(timeout=10)
    assert error["type"] == "error" and error["field"] == "session"
    assert closed.value.rcvd is not None
    return error["message"], closed.value.rcvd.code


def test_sessions_per_address(sessions_capped: str) -> None:
    url = sessions_capped
    with connect(url) as first, connect(url) as second:
        message, code = _refusal(url)
        assert code == 4429 and "maximum of 2 sessions" in message
        exported = httpx.get(f"{url}/api/sessions/{first.id}/export", timeout=30).content
        imported = httpx.post(f"{url}/api/sessions/import", content=exported, timeout=60)
        assert imported.status_code == 429  # importing makes a session too
        assert "maximum of 2 sessions" in imported.json()["detail"]
        with connect(url, first.id) as again:  # rejoining makes none
            assert again.id == first.id
    # Sessions outlive their clients (until they expire), so the address still holds two.
    assert _refusal(url)[1] == 4429
    with connect(url, second.id), connect(url, view_id=second.view_id):
        pass


def test_connections_per_address(connections_capped: str) -> None:
    url = connections_capped
    with connect(url) as owner, connect(url, view_id=owner.view_id):
        with connect(url, view_id=owner.view_id) as third:
            for query in ("", f"?view={owner.view_id}", f"?session={owner.id}"):
                message, code = _refusal(url, query)
                assert code == 4429 and "maximum of 3 connections" in message
            third.close()
            wait_until(lambda: health(url)["connections"] == 2, 10, "the third to leave")
        with connect(url, view_id=owner.view_id) as fourth:  # its leaving made room
            assert fourth.role == "view"
