"""A change of the data or of the problem starts a new run, which every client of the
session sees: step 0, fresh weights from the same seed, new curves, and the history
message naming why (real server, real WebSockets)."""

import numpy as np
import pytest

from mindscope.client import connect


@pytest.fixture
def pair(server_url: str):
    """A controlling client and a watcher of the same session, both paused at a trained
    step with curves."""
    with connect(server_url) as control:
        control.pause()
        control.reset()
        initial = control.next_frame(min_revision=control.revision).arrays["weights"].copy()
        control.step(300)
        control.next_frame()
        with connect(server_url, view_id=control.view_id) as watcher:
            watcher.next_frame()
            yield control, watcher, initial


def _wait_for_run(session, count: int) -> str:
    while len(session.new_runs) < count:
        session.next_message(timeout=30)
    return session.new_runs[-1]


def test_a_new_dataset_starts_a_new_run_that_every_client_sees(pair) -> None:
    control, watcher, initial = pair
    assert control.latest.step >= 300 and len(control.history["step"]) > 1
    control.set(dataset="spiral")
    frame = control.next_frame(min_revision=control.revision)
    assert frame.step == 0
    # The same seed's initial weights, as Reset gives (the network did not change).
    np.testing.assert_array_equal(frame.arrays["weights"], initial)
    why = _wait_for_run(control, 1)
    assert why.startswith("New run: the data changed to the Spiral dataset"), why
    assert len(control.history["step"]) <= 1
    assert _wait_for_run(watcher, 1) == why
    assert watcher.latest.step < 300


def test_settings_that_keep_the_data_keep_the_run(pair) -> None:
    control, _, _ = pair
    before = control.latest.step
    control.set(noise=0.2, learning_rate=0.1)
    control.request({"type": "regenerate"})
    frame = control.next_frame(min_revision=control.revision)
    assert frame.step == before and control.new_runs == []


def test_a_change_of_problem_by_the_users_points_starts_a_new_run(pair) -> None:
    control, _, _ = pair
    control.request({"type": "set_points",
                     "points": [[1, 1, 1], [-1, -1, -1], [2, 2, 1], [-2, -2, -1]]})
    assert _wait_for_run(control, 1).startswith("New run: the data changed to your points")
    control.step(50)
    assert control.next_frame(min_revision=control.revision).step == 50
    # A drawn point with a value label turns the set into a regression: a new run.
    control.request({"type": "add_points", "points": [[0.5, 0.5, 0.3]]})
    assert _wait_for_run(control, 2).startswith("New run: the problem changed to regression")
    assert control.next_frame(min_revision=control.revision).step == 0


def test_points_drawn_on_a_dataset_edit_it_and_keep_the_run(pair) -> None:
    control, _, _ = pair
    before = control.latest.step
    reply = control.request({"type": "add_points", "points": [[1, 1, 1]]})
    assert reply["config"]["lab"]["dataset"] == "custom"
    assert control.next_frame(min_revision=control.revision).step == before
    assert control.new_runs == []
