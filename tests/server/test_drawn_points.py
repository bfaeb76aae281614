"""Drawn points add to the data or replace it, and can be undone and cleared (real
server, real WebSocket); what cannot be taken back is refused with a clear error."""

import pytest

from mindscope.client import ServerError, connect


def _count(session) -> int:
    """The points of the data once a frame shows the last change."""
    session.next_frame(min_revision=session.revision)
    return len(session.data["x_train"]) + len(session.data["x_test"])


@pytest.fixture
def session(server_url: str):
    with connect(server_url) as s:
        s.pause()
        s.next_frame(min_revision=s.revision)
        yield s


def test_points_drawn_on_a_dataset_are_undone_one_by_one(session) -> None:
    assert len(session.data["x_train"]) + len(session.data["x_test"]) == 500
    session.request({"type": "add_points", "points": [[1, 1, 1]]})
    reply = session.request({"type": "add_points", "points": [[-1, 2, -1]]})
    assert reply["config"]["lab"]["dataset"] == "custom" and _count(session) == 502
    session.request({"type": "undo_point"})
    assert _count(session) == 501
    session.request({"type": "clear_points"})
    assert _count(session) == 500  # the circle's points, kept as the user's
    with pytest.raises(ServerError, match="no drawn point to take back"):
        session.request({"type": "undo_point"})
    assert session.new_runs == []  # edits of the data: the run went on


def test_a_drawing_of_its_own_replaces_the_data_and_clearing_it_goes_back(session) -> None:
    reply = session.request({"type": "add_points", "points": [[1, 1, 1]], "replace": True})
    assert reply["config"]["lab"]["dataset"] == "custom"
    assert _count(session) == 2  # one point, which trains and tests alone
    assert session.data["x_train"].tolist() == session.data["x_test"].tolist() == [[1, 1]]
    session.step(20)
    assert session.next_frame(min_revision=session.revision).header["train_loss"] is not None
    session.request({"type": "add_points", "points": [[-1, -1, -1]], "replace": True})
    session.request({"type": "add_points", "points": [[2, -1, 1]], "replace": True})
    assert _count(session) == 3  # later points of the drawing add to it
    session.request({"type": "undo_point"})
    assert _count(session) == 2
    reply = session.request({"type": "clear_points"})
    assert reply["config"]["lab"]["dataset"] == "circle" and _count(session) == 500
    assert [why.split(".")[0] for why in session.new_runs] == [
        "New run: the data changed to your points",
        "New run: the data changed to the Circle dataset"]


def test_undo_with_nothing_drawn_is_refused(session) -> None:
    with pytest.raises(ServerError, match="no drawn point to take back"):
        session.request({"type": "clear_points"})
    with pytest.raises(ServerError, match="replace"):
        session.request({"type": "add_points", "points": [[1, 1, 1]], "replace": "yes please"})
