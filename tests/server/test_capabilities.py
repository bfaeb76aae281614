"""Two capabilities per session, over real WebSockets: the control id changes it, the view
id only watches, and a forged or expired id gets a refusal that tells nothing."""

import json
import secrets

import httpx
import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect as ws_connect
from wsutil import is_error, next_text

from mindscope.client import Frame, ServerError, connect

# Every request that changes a session, as a view link might try it.
CHANGES = [
    {"type": "play"}, {"type": "pause"}, {"type": "step", "steps": 5}, {"type": "step_epoch"},
    {"type": "reset"}, {"type": "regenerate"}, {"type": "set", "changes": {"learning_rate": 3}},
    {"type": "set_weight", "layer": 0, "source": 0, "target": 0, "value": 2.5},
    {"type": "set_bias", "layer": 0, "neuron": 0, "value": 1.5},
    {"type": "set_points", "points": [[0, 0, 1], [1, 1, -1]]},
    {"type": "add_points", "points": [[0, 0, 1]]},
    {"type": "upload_csv", "csv": "1,1,1\n2,2,-1\n"},
]


def _refusal(url: str, query: str) -> tuple[dict, int]:
    with ws_connect(url.replace("http", "ws", 1) + "/ws" + query) as ws:
        error = json.loads(ws.recv(timeout=10))
        with pytest.raises(ConnectionClosed) as closed:
            ws.recv(timeout=10)
    assert closed.value.rcvd is not None
    return error, closed.value.rcvd.code


def test_hello_gives_a_controller_both_ids_and_a_viewer_only_the_view_id(
        server_url: str) -> None:
    with connect(server_url) as owner:
        assert owner.role == "control"
        assert owner.id is not None and owner.view_id != owner.id
        assert len(owner.view_id) >= 22  # token_urlsafe(16): 128 random bits
        with connect(server_url, view_id=owner.view_id) as viewer:
            assert (viewer.role, viewer.id, viewer.view_id) == ("view", None, owner.view_id)
            assert viewer.config == owner.config


def test_a_view_link_watches_every_frame_but_changes_nothing(server_url: str) -> None:
    with connect(server_url) as owner, connect(server_url, view_id=owner.view_id) as viewer:
        owner.pause()
        frame = viewer.next_frame()
        assert isinstance(frame, Frame) and frame.output.shape == (100, 100)
        assert viewer.data  # the points arrived too
        revision = owner.revision
        for request in CHANGES:
            with pytest.raises(ServerError, match="this is a view-only link") as refused:
                viewer.request(request)
            assert refused.value.field == "type"
            assert request["type"] in str(refused.value)
        # Nothing the viewer sent reached the session: same revision, same settings.
        owner.step(1)
        assert owner.revision == revision + 1
        assert owner.config["learning_rate"] == 0.03 and owner.config["lab"]["dataset"] == "circle"
        assert owner.playing is False
        # Watching may still choose its own frames and ask the network about one example.
        viewer.subscribe(output_resolution=20, neuron_resolution=0, parameters=False)
        watched = viewer.next_frame()
        assert "neurons" not in watched.arrays and "weights" not in watched.arrays
        assert viewer.explain(0.5, -0.5, 1).header["kind"] == "explanation"


def test_a_view_link_cannot_slip_a_change_past_the_check(server_url: str) -> None:
    with connect(server_url) as owner, connect(server_url, view_id=owner.view_id) as viewer:
        owner.pause()
        # The last "type" wins in JSON parsers: both the check and the session read "play".
        viewer.send_raw('{"type": "subscribe", "type": "play", "id": 41}')
        assert next_text(viewer, lambda m: m.get("reply_to") == 41)["type"] == "error"
        viewer.send_raw('{"type": "step", "steps": 100000, "bogus": 1, "id": 42}')
        assert "bogus" in next_text(viewer, lambda m: m.get("reply_to") == 42)["message"]
        owner.step(1)  # the step budget the viewer tried to drain is still there
        assert owner.pause()["playing"] is False


def test_a_viewer_cannot_export_with_its_view_id(server_url: str) -> None:
    with connect(server_url) as owner:
        owner.next_frame()
        refused = httpx.get(f"{server_url}/api/sessions/{owner.view_id}/export", timeout=30)
        assert refused.status_code == 404
        exported = httpx.get(f"{server_url}/api/sessions/{owner.id}/export", timeout=30)
        assert exported.status_code == 200 and exported.content
        assert owner.id.encode() not in exported.content  # the file grants no control
        assert owner.view_id.encode() not in exported.content


@pytest.mark.parametrize("query", [
    f"?session={secrets.token_urlsafe(16)}", f"?view={secrets.token_urlsafe(16)}",
    "?session=../../etc", "?view=" + "A" * 500, "?session=%00",
])
def test_forged_ids_get_one_refusal_that_tells_nothing(server_url: str, query: str) -> None:
    error, code = _refusal(server_url, query)
    assert code == 4404
    assert error == {"type": "error", "message": "no such session (it may have expired); "
                     "open a new one", "field": "session", "code": None, "reply_to": None}


def test_a_control_id_is_not_a_view_id_and_both_at_once_is_refused(server_url: str) -> None:
    with connect(server_url) as owner:
        assert _refusal(server_url, f"?view={owner.id}")[1] == 4404
        assert _refusal(server_url, f"?session={owner.view_id}")[1] == 4404
        error, code = _refusal(server_url, f"?session={owner.id}&view={owner.view_id}")
        assert code == 4400 and "not both" in error["message"]


def test_a_view_link_refused_changes_are_answered_to_the_viewer_only(server_url: str) -> None:
    with connect(server_url) as owner, connect(server_url, view_id=owner.view_id) as viewer:
        viewer.send_raw(json.dumps({"type": "reset", "id": 7}))
        assert next_text(viewer, is_error("view-only"))["reply_to"] == 7
        owner.pause()  # the owner's next answer is its own: no view-only error came first
        assert not [e for e in owner.errors if "view-only" in e["message"]]


def test_a_new_session_is_of_the_lab_the_address_names(server_url: str) -> None:
    with connect(server_url, lab="points") as session:
        assert session.config["lab"]["lab"] == "points"
        session.next_frame()
    error, code = _refusal(server_url, "?lab=planes")
    assert error["message"] == ("lab: there is no lab 'planes'; the labs are points, images, "
                                "sequences, attention")
    assert code == 4400
    with connect(server_url) as session, pytest.raises(ServerError) as refused:
        session.request({"type": "set", "changes": {"lab": {"lab": "planes"}}})
    assert "allowed labs: points, images, sequences, attention" in str(refused.value)
