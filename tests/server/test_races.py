"""Messages sent back to back, before a frame shows the first: an accepted one is applied,
one that cannot be is refused to its sender alone, and nobody's accepted change is undone."""

import json
from typing import Any

import numpy as np

from mindscope.client import Frame, Session, connect


def _send(session: Session, message: dict[str, Any], request_id: int) -> None:
    session.send_raw(json.dumps({**message, "id": request_id}))


def _replies(session: Session, ids: set[int]) -> dict[int, dict[str, Any]]:
    got: dict[int, dict[str, Any]] = {}
    while not ids <= got.keys():
        message = session.next_message()
        if isinstance(message, dict) and message.get("reply_to") in ids:
            got[message["reply_to"]] = message
    return got


def _settled(session: Session) -> Frame:
    """The first frame of the latest revision, with every message before it read."""
    return session.next_frame(min_revision=session.revision)


def test_edits_racing_changes_of_the_network(server_url: str) -> None:
    with connect(server_url) as alice, connect(server_url, alice.id) as bob:
        alice.set(hidden=[8])
        _settled(alice)
        # The change is accepted first, so the neuron no longer exists: refused, to Alice.
        _send(alice, {"type": "set", "changes": {"lab": {"lab": "points", "hidden": [2]}}}, 101)
        _send(alice, {"type": "set_bias", "layer": 0, "neuron": 7, "value": 1.0}, 102)
        replies = _replies(alice, {101, 102})
        assert replies[101]["type"] == "state"
        assert replies[102]["type"] == "error"
        assert "neuron must be 0 to 1" in replies[102]["message"]
        assert _settled(alice).header["layer_sizes"] == [2, 2, 1]

        # The edit is accepted first, then a change removes its unit: both stand.
        alice.set(hidden=[8])
        _settled(alice)
        _send(bob, {"type": "set_bias", "layer": 0, "neuron": 7, "value": 1.0}, 201)
        _send(alice, {"type": "set", "changes": {"lab": {"lab": "points", "hidden": [2]}}}, 202)
        assert _replies(bob, {201})[201]["type"] == "state"
        assert _replies(alice, {202})[202]["type"] == "state"
        for session in (alice, bob):
            frame = _settled(session)
            assert frame.header["layer_sizes"] == [2, 2, 1]
            assert session.config["lab"]["hidden"] == [2]
        # Nothing was rolled back, so nobody heard of a failure but Alice of her own edit.
        assert [e["reply_to"] for e in alice.errors] == [102] and bob.errors == []


def _points(session: Session) -> np.ndarray:
    """Every point of the session's data (train and test), with its label, in one order."""
    data = session.data
    rows = np.concatenate([np.column_stack([data["x_train"], data["y_train"]]),
                           np.column_stack([data["x_test"], data["y_test"]])])
    return rows[np.lexsort(rows.T)]


def test_points_added_right_behind_a_change_of_the_dataset_join_the_new_one(
        server_url: str) -> None:
    with connect(server_url) as alice, connect(server_url, alice.id) as bob:
        alice.pause()
        alice.set(dataset="xor")
        _settled(alice)
        xor = _points(alice)
        alice.set(dataset="circle")
        _settled(alice)
        # Bob adds a point to what Alice's change, accepted first, made the data: xor's.
        _send(alice, {"type": "set", "changes": {"lab": {"lab": "points", "dataset": "xor"}}},
              301)
        _send(bob, {"type": "add_points", "points": [[0.5, 0.5, 1]]}, 302)
        assert _replies(alice, {301})[301]["type"] == "state"
        assert _replies(bob, {302})[302]["type"] == "state"
        _settled(bob)
        expected = np.concatenate([xor, [[0.5, 0.5, 1.0]]])
        np.testing.assert_allclose(_points(bob), expected[np.lexsort(expected.T)], atol=1e-6)
        assert alice.errors == [] and bob.errors == []
