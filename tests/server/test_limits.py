"""Every limit of `mindscope serve`, set low by its flag, met by a real client."""

import json
import socket
import time
from collections.abc import Iterator

import httpx
import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect as ws_connect
from wsutil import Watcher, health, is_error, next_text, wait_until

from mindscope.bench.server import ServerProcess, running_server
from mindscope.client import ServerError, connect

IDLE = 2.0  # seconds a session without clients is kept
FLAGS = [
    "--max-sessions", "6", "--max-connections-per-session", "2",
    "--max-messages-per-second", "20", "--max-message-bytes", "1024",
    "--hard-max-message-bytes", "65536", "--max-steps-per-second", "5000",
    "--max-output-resolution", "150", "--max-neuron-resolution", "60",
    "--session-idle-seconds", str(IDLE), "--send-timeout-seconds", "1",
]


@pytest.fixture(scope="module")
def limited() -> Iterator[ServerProcess]:
    with running_server(FLAGS) as server:
        yield server


@pytest.fixture
def url(limited: ServerProcess) -> str:
    return limited.url


def _ws(url: str, session_id: str | None = None, **options: object):
    query = f"?session={session_id}" if session_id else ""
    return ws_connect(url.replace("http", "ws", 1) + "/ws" + query, max_size=2**24, **options)


def _refusal(url: str, session_id: str | None = None) -> tuple[dict, int]:
    """The error and the close code of a connection the server turns away."""
    with _ws(url, session_id) as ws:
        error = json.loads(ws.recv(timeout=10))
        with pytest.raises(ConnectionClosed) as closed:
            ws.recv(timeout=10)
    assert closed.value.rcvd is not None
    return error, closed.value.rcvd.code


def test_a_session_takes_at_most_its_connections(url: str) -> None:
    with connect(url) as first, connect(url, first.id):
        error, code = _refusal(url, first.id)
        assert error["type"] == "error" and error["field"] == "session"
        assert "maximum of 2 connections" in error["message"]
        assert code == 4429
    with connect(url) as first:
        with connect(url, first.id):
            pass
        wait_until(lambda: health(url)["connections"] == 1, 10, "the second to leave")
        with connect(url, first.id) as third:  # its leaving made room again
            assert third.id == first.id


def test_view_links_leave_one_place_for_the_controller(url: str) -> None:
    with connect(url) as owner:
        session_id, view_id = owner.id, owner.view_id
        with connect(url, view_id=view_id):  # the one viewer of 2 places
            owner.close()
            wait_until(lambda: health(url)["connections"] == 1, 10, "the owner to leave")
            # A second view link is turned away, though a place is free.
            query = f"?view={view_id}"
            with ws_connect(url.replace("http", "ws", 1) + "/ws" + query) as ws:
                error = json.loads(ws.recv(timeout=10))
                with pytest.raises(ConnectionClosed) as closed:
                    ws.recv(timeout=10)
            assert closed.value.rcvd is not None and closed.value.rcvd.code == 4429
            assert "maximum of 1 view-link connections" in error["message"]
            assert "kept for the controller" in error["message"]
            with connect(url, session_id) as again:  # the controller still gets in
                assert again.role == "control"


def test_an_imported_session_gets_this_servers_speed_cap(url: str, server_url: str) -> None:
    # A file made where the cap is 1e6 steps a second; this server allows 5000.
    with connect(server_url) as fast:
        fast.set(steps_per_second=1e6)
        exported = httpx.get(f"{server_url}/api/sessions/{fast.id}/export", timeout=30)
    assert exported.status_code == 200
    imported = httpx.post(f"{url}/api/sessions/import", content=exported.content, timeout=30)
    assert imported.status_code == 201
    with connect(url, imported.json()["session_id"]) as copy:
        assert copy.config["steps_per_second"] == 5000


def test_oversized_message_gets_an_error_and_a_huge_one_closes(url: str) -> None:
    with Watcher(url) as watcher, connect(url) as session:
        session.send_raw(json.dumps({"type": "pause", "pad": "x" * 2000}))
        assert next_text(session, is_error("message too large: at most 1024 bytes"))
        assert session.pause()["playing"] is False  # still usable
        session.send_raw("x" * 70_000)  # over the hard cap: refused unread
        with pytest.raises(ConnectionClosed) as closed:
            while True:
                session.next_message(timeout=10)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 1009
        assert watcher.frames_within(2.0) >= 5


def test_a_flood_is_answered_once_a_second_and_dropped_not_fatal(url: str) -> None:
    with connect(url) as session:
        sent_at = time.monotonic()
        for i in range(200):
            session.send_raw(json.dumps({"type": "pause", "id": 1000 + i}))
        answered, floods = set(), 0
        try:
            while True:
                message = session.next_message(timeout=1.0)
                if isinstance(message, dict) and (message.get("reply_to") or 0) >= 1000:
                    answered.add(message["reply_to"])
                elif isinstance(message, dict) and message.get("type") == "error":
                    assert message["message"] == (
                        "too many messages: at most 20 per second; the excess is dropped")
                    floods += 1
        except TimeoutError:
            pass
        elapsed = time.monotonic() - sent_at
        assert 20 <= len(answered) <= 20 + 20 * elapsed + 1  # the burst, then the refill
        assert 1 <= floods <= elapsed + 1
        time.sleep(1.0)
        assert session.play()["playing"] is True


def test_training_speed_and_step_requests_are_capped(url: str) -> None:
    with connect(url) as session:
        with pytest.raises(ServerError) as refused:
            session.set(steps_per_second=10_000)
        assert refused.value.field == "changes.steps_per_second"
        assert "at most 5000 on this server" in str(refused.value)
        assert session.set(steps_per_second=5000)["config"]["steps_per_second"] == 5000
        session.pause()
        with pytest.raises(ServerError, match="steps: at most 5000 steps a second"):
            session.step(6000)
        session.step(3000)
        with pytest.raises(ServerError) as again:  # 2000 left in this second's budget
            session.step(3000)
        assert again.value.field == "steps"


def test_map_resolutions_are_capped(url: str) -> None:
    with connect(url) as session:
        with pytest.raises(ServerError, match="output_resolution: at most 150 on this server"):
            session.subscribe(output_resolution=200)
        with pytest.raises(ServerError, match="neuron_resolution: at most 60 on this server"):
            session.subscribe(neuron_resolution=100)
        session.subscribe(output_resolution=40, neuron_resolution=20)
        assert session.next_frame().output.shape == (40, 40)


def test_idle_session_expires_and_a_reconnect_within_the_window_keeps_it(url: str) -> None:
    with connect(url) as session:
        session_id = session.id
        session.set(learning_rate=0.2)
    time.sleep(IDLE / 2)
    with connect(url, session_id) as again:
        assert again.config["learning_rate"] == 0.2
    time.sleep(IDLE * 1.25 + 1.0)  # the janitor looks every IDLE / 4
    with pytest.raises(ServerError, match="no such session"):
        connect(url, session_id)
    error, code = _refusal(url, session_id)
    assert code == 4404 and error["field"] == "session"


def test_the_server_holds_at_most_its_sessions(url: str) -> None:
    wait_until(lambda: health(url)["sessions"] == 0, 10 * IDLE, "earlier sessions to expire")
    sessions = [connect(url) for _ in range(6)]
    try:
        error, code = _refusal(url)
        assert "maximum of 6 sessions" in error["message"] and code == 4429
    finally:
        for session in sessions:
            session.close()


def test_a_client_that_stops_reading_is_disconnected_and_its_session_freed(url: str) -> None:
    wait_until(lambda: health(url)["sessions"] == 0, 10 * IDLE, "earlier sessions to expire")
    with Watcher(url) as watcher:
        before = wait_until(lambda: health(url)["connections"], 10, "the watcher to attach")
        sock = socket.create_connection(("127.0.0.1", int(url.rsplit(":", 1)[1])))
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        # max_queue=1: the client library stops reading the socket once a message waits.
        with _ws(url, sock=sock, max_queue=1, close_timeout=0.5) as stalled:
            stalled.send(json.dumps({"type": "subscribe", "output_resolution": 150,
                                     "neuron_resolution": 60}))  # big frames fill buffers fast
            wait_until(lambda: health(url)["connections"] == before + 1, 10, "it to attach")
            wait_until(lambda: health(url)["connections"] == before, 30,
                       "the stalled client to be disconnected")
            wait_until(lambda: health(url)["sessions"] == 1, 10 * IDLE,
                       "its session to expire")
            assert watcher.frames_within(2.0) >= 5
