"""Every control changes what the next frames show (real server, real WebSocket)."""

import json

import numpy as np
import pytest

from mindscope.client import Frame, ServerError, connect
from mindscope.vocabulary import PLANE_EXTENT


@pytest.fixture
def session(server_url: str):
    with connect(server_url) as s:
        s.next_frame()
        s.pause()
        s.next_frame()
        yield s


def test_step_epoch_trains_one_pass_over_the_training_set(session) -> None:
    session.step(1)
    before = session.next_frame().step
    session.request({"type": "step_epoch"})
    assert session.next_frame().step == before + 250 // 10


def test_reset_restores_the_initial_weights(session) -> None:
    session.reset()
    initial = session.next_frame().arrays["weights"].copy()
    session.step(200)
    assert not np.array_equal(session.next_frame().arrays["weights"], initial)
    session.reset()
    frame = session.next_frame()
    assert frame.step == 0
    np.testing.assert_array_equal(frame.arrays["weights"], initial)
    assert len(session.history["step"]) <= 1


def test_regenerate_draws_new_points(session) -> None:
    before = session.data["x_train"].copy()
    reply = session.request({"type": "regenerate"})
    frame = session.next_frame()
    assert frame.header["data_version"] > 1
    assert reply["config"]["lab"]["data_seed"] != 0
    assert not np.array_equal(session.data["x_train"], before)


def test_features_layers_and_activations_reshape_the_network(session) -> None:
    session.set(features=["x1", "x2", "x1_x2"], hidden=[5], activations=["relu"])
    frame = session.next_frame()
    assert frame.header["layer_sizes"] == [3, 5, 1]
    assert frame.arrays["neurons"].shape[0] == 3 + 5
    assert frame.arrays["weights"].shape == (3 * 5 + 5 * 1,)


def test_dataset_switch_changes_problem_loss_and_output(session) -> None:
    reply = session.set(dataset="blobs4")
    assert (reply["problem"], reply["classes"], reply["config"]["loss"]) == (
        "multiclass", 4, "cross_entropy")
    frame = session.next_frame()
    assert frame.header["layer_sizes"][-1] == 4 and "classes" in frame.arrays
    reply = session.set(dataset="bumps")
    frame = session.next_frame()
    assert reply["problem"] == "regression" and frame.header["train_accuracy"] is None
    with pytest.raises(ServerError, match="does not suit this regression problem"):
        session.set(loss="cross_entropy")


@pytest.mark.parametrize("changes", [
    {"optimizer": "adam", "learning_rate": 0.01},
    {"regularization": "l2", "regularization_rate": 0.3},
    {"regularization": "l1", "regularization_rate": 0.1},
    {"dropout": [0.5, 0.0]},
    {"grad_clip": 0.001},
    {"schedule": "step", "schedule_steps": 1, "schedule_gamma": 0.5},
    {"batch_size": 1},
])
def test_training_settings_change_the_next_steps(session, changes: dict) -> None:
    session.reset()
    start = session.next_frame()
    session.step(30)
    plain = session.next_frame().arrays["weights"].copy()
    session.reset()
    session.set(**changes)
    session.next_frame()
    session.step(30)
    changed = session.next_frame()
    assert changed.arrays["weights"].shape == start.arrays["weights"].shape
    assert not np.allclose(changed.arrays["weights"], plain)


def test_schedule_shows_the_current_rate(session) -> None:
    session.set(schedule="step", schedule_steps=10, schedule_gamma=0.5, learning_rate=0.1)
    session.reset()
    session.step(25)
    assert session.next_frame().header["learning_rate"] == pytest.approx(0.025)


def test_zeros_initialisation_shows_the_symmetry_problem(session) -> None:
    session.set(init="zeros")
    frame = session.next_frame()
    assert not frame.arrays["weights"].any()


def test_hand_set_bias_shows_in_the_next_frame(session) -> None:
    session.request({"type": "set_bias", "layer": 0, "neuron": 3, "value": -1.5})
    assert session.next_frame().arrays["biases"][3] == -1.5
    with pytest.raises(ServerError, match="neuron must be 0 to 3"):
        session.request({"type": "set_bias", "layer": 0, "neuron": 4, "value": 1})


def test_user_points_drawn_uploaded_and_refused(session) -> None:
    reply = session.request({"type": "set_points",
                             "points": [[1, 1, 1], [-1, -1, -1], [2, 2, 1], [-2, -2, -1]]})
    assert reply["config"]["lab"]["dataset"] == "custom"
    session.next_frame()
    assert len(session.data["x_train"]) + len(session.data["x_test"]) == 4
    session.request({"type": "add_points", "points": [[3, 3, 1], [-3, -3, -1]]})
    session.next_frame()
    assert len(session.data["x_train"]) + len(session.data["x_test"]) == 6
    with pytest.raises(ServerError, match=r"points\.0\.2.*less than or equal to 1000000"):
        session.request({"type": "set_points", "points": [[0, 0, 1e300], [1, 1, 0], [2, 2, 1]]})
    with pytest.raises(ServerError, match="line 3: x2 is not a finite number"):
        session.request({"type": "upload_csv", "csv": "x1,x2,label\n1,1,0\n2,oops,1\n"})
    reply = session.request({"type": "upload_csv", "csv": "1,1,0\n2,2,1\n0,1,2\n-1,0,1\n"})
    assert (reply["problem"], reply["classes"]) == ("multiclass", 3)


def test_points_added_to_a_noisy_set_keep_its_points_that_lie_past_the_edge(session) -> None:
    session.set(dataset="gauss", noise=0.5)
    session.next_frame()
    shown = np.concatenate([session.data["x_train"], session.data["x_test"]])
    assert np.abs(shown).max() > PLANE_EXTENT  # the noise carried some past the edge
    reply = session.request({"type": "add_points", "points": [[1, 1, 1]]})
    assert reply["config"]["lab"]["dataset"] == "custom"
    session.next_frame()
    points = np.concatenate([session.data["x_train"], session.data["x_test"]])
    assert len(points) == len(shown) + 1 and np.abs(points).max() == PLANE_EXTENT


def test_a_long_step_request_trains_in_slices_that_a_pause_stops(session) -> None:
    """100,000 steps of the largest network would hold the workers for many seconds: a
    tick trains its share, a frame shows each slice, and a pause ends the request."""
    session.set(hidden=[16] * 8, activations=["tanh"] * 8)
    start = session.next_frame().header["step"]
    session.step(100_000)
    first = session.next_frame(timeout=10).header["step"]
    assert start < first < start + 100_000
    later = session.next_frame(timeout=10).header["step"]
    assert first < later < start + 100_000  # the request goes on, slice by slice
    session.pause()
    stopped = session.next_frame().header["step"]
    assert stopped < start + 100_000
    _still(session, stopped)
    # A pause right behind the request: a slice at most (if a tick took the request
    # between the two), then nothing.
    session.send_raw(json.dumps({"type": "step", "steps": 100_000, "id": 901}))
    session.send_raw(json.dumps({"type": "pause", "id": 902}))
    while not (isinstance(reply := session.next_message(), dict)
               and reply.get("reply_to") == 902):
        pass
    after = session.next_frame().header["step"]
    assert after - stopped < 10_000
    _still(session, after)


def _still(session, step: int) -> None:
    """Nothing trains: for a second, no frame, or frames of the same `step`."""
    with pytest.raises(TimeoutError):
        while True:
            message = session.next_message(timeout=1.0)
            assert not isinstance(message, Frame) or message.header["step"] == step


def test_subscribe_drops_what_a_client_does_not_draw(session) -> None:
    session.request({"type": "subscribe", "output_resolution": 30, "neuron_resolution": 0,
                     "parameters": False})
    session.step(1)
    frame = session.next_frame()
    assert set(frame.arrays) == {"output"}


def test_explain_steps_one_example_through_the_network(session) -> None:
    session.send_raw('{"type": "explain", "x1": 1.0, "x2": -2.0, "label": 1, "id": 77}')
    while True:
        header = session.next_message(timeout=30)
        if isinstance(header, dict) and header.get("kind") == "explanation":
            arrays = session.answers["explanation"].arrays
            break
    assert header["reply_to"] == 77 and header["layer_sizes"] == [2, 4, 2, 1]
    np.testing.assert_allclose(arrays["inputs"], [1.0, -2.0])
    assert arrays["pre"].shape == arrays["deltas"].shape == (4 + 2 + 1,)
    np.testing.assert_allclose(arrays["weight_updates"], -0.03 * arrays["weight_grads"],
                               rtol=1e-5, atol=1e-9)
    with pytest.raises(ServerError, match="label must be -1 or 1"):
        session.request({"type": "explain", "x1": 0, "x2": 0, "label": 3})
