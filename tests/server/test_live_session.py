"""A real server and a real WebSocket client (mindscope.client) exercising a live session."""

import json

import httpx
import pytest
from websockets.exceptions import ConnectionClosed

from mindscope.client import ServerError, connect


def _settle(session) -> int:
    """Read frames until the paused session stops sending; return the last step seen."""
    last = None
    while True:
        try:
            last = session.next_frame(timeout=1.0).step
        except TimeoutError:
            return last if last is not None else -1


def test_healthz_names_version_and_backend(server_url: str) -> None:
    body = httpx.get(f"{server_url}/healthz").json()
    assert body["status"] == "ok" and body["backend"] == "cpu"
    assert body["version"]


def test_protocol_schema_is_served(server_url: str) -> None:
    schema = httpx.get(f"{server_url}/api/protocol").json()
    assert schema["title"] == "MindscopeProtocol"
    assert {"SetConfig", "FrameHeader", "Error"} <= set(schema["$defs"])


def test_frames_arrive_and_loss_falls(server_url: str) -> None:
    with connect(server_url) as session:
        first = session.next_frame()
        assert first.output.shape == (100, 100)
        assert session.data["x_train"].shape == (250, 2)
        frame = first
        while frame.step < 3000:
            frame = session.next_frame()
        assert frame.train_loss < 0.5 * first.train_loss
        assert frame.test_loss < 0.5 * first.test_loss


def test_pause_stops_the_step_counter_and_step_advances_it(server_url: str) -> None:
    with connect(server_url) as session:
        session.next_frame()
        assert session.pause()["playing"] is False
        paused_at = _settle(session)
        session.step(7)
        assert session.next_frame().step == paused_at + 7
        with pytest.raises(TimeoutError):
            session.next_frame(timeout=1.0)


def test_learning_rate_change_is_acknowledged_and_applied(server_url: str) -> None:
    with connect(server_url) as session:
        session.next_frame()
        session.pause()
        _settle(session)

        def loss_change_over(steps: int, learning_rate: float) -> float:
            reply = session.set(learning_rate=learning_rate)
            assert reply["config"]["learning_rate"] == learning_rate
            before = session.next_frame(min_revision=reply["revision"])
            session.step(steps)
            return abs(session.next_frame().train_loss - before.train_loss)

        assert loss_change_over(300, 1e-5) < 1e-3
        assert loss_change_over(300, 0.3) > 1e-2


def test_malformed_messages_get_errors_and_the_connection_stays_usable(server_url: str) -> None:
    with connect(server_url) as session:
        session.next_frame()
        bad = {
            "not json": "field",
            json.dumps({"type": "fly"}): "tag",
            json.dumps({"type": "set", "changes": {"learning_rate": "fast"}}): "learning_rate",
            json.dumps({"type": "set", "changes": {"lab": {"lab": "points", "hidden": [10**6]}}}):
                "lab.hidden",
            json.dumps({"type": "step", "steps": 0}): "steps",
        }
        for text in bad:
            session.send_raw(text)
            while not isinstance(reply := session.next_message(), dict) or reply.get(
                "type"
            ) != "error":
                pass
            assert reply["message"]
        with pytest.raises(ServerError) as refused:
            session.set(batch_size=0)
        assert refused.value.field == "changes.batch_size"
        assert "1 to 10000" in str(refused.value)
        assert session.pause()["playing"] is False


def test_reconnect_resumes_the_same_session(server_url: str) -> None:
    with connect(server_url) as session:
        session_id = session.id
        session.set(learning_rate=0.1)
        while session.next_frame().step < 500:
            pass
    with connect(server_url, session_id) as again:
        assert again.id == session_id
        assert again.config["learning_rate"] == 0.1
        assert again.next_frame().step >= 500


def test_unknown_session_is_refused_clearly(server_url: str) -> None:
    with pytest.raises((ServerError, ConnectionClosed)) as refused:
        connect(server_url, "no-such-session")
    assert "no such session" in str(refused.value)


def test_architecture_edits_keep_learned_weights_and_show_at_once(server_url: str) -> None:
    with connect(server_url) as session:
        session.next_frame()
        session.pause()
        session.request({"type": "set_weight", "layer": 1, "source": 3, "target": 1,
                         "value": 2.5})
        session.set(hidden=[4, 3], activations=["relu", "tanh"])
        frame = session.next_frame()
        assert frame.header["layer_sizes"] == [2, 4, 3, 1]
        weights = frame.arrays["weights"]
        second_layer = weights[2 * 4 : 2 * 4 + 4 * 3].reshape(4, 3)
        assert second_layer[3, 1] == 2.5  # kept; column 2 is the new neuron
        assert frame.arrays["neurons"].shape[0] == 2 + 4 + 3
        session.step(20)
        assert session.next_frame().step >= 20
