"""Early stopping over a real WebSocket: few noisy points, a big network, and a session that
stops at the lowest test loss it saw and goes back to those weights."""

import re

import numpy as np
import pytest

from mindscope.client import connect

# 50 noisy training points and three layers of 16: the test loss turns up soon.
OVERFIT = {"dataset": "circle", "noise": 0.5, "train_share": 0.1, "hidden": [16, 16, 16],
           "activations": ["relu"], "optimizer": "adam", "learning_rate": 0.01,
           "early_stopping": True, "patience": 100}


def _stopped(session) -> dict | None:
    return next((e for e in session.errors if e.get("code") == "early_stopped"), None)


def test_stops_after_patience_and_restores_the_best_weights(server_url: str) -> None:
    with connect(server_url) as session:
        session.next_frame()
        session.pause()
        session.set(**OVERFIT)
        frame = session.next_frame()
        seen: list[tuple[int, float, np.ndarray]] = [(frame.step, frame.test_loss,
                                                      frame.arrays["weights"].copy())]
        while _stopped(session) is None:
            assert frame.step < 20_000, "the test loss never stopped improving"
            session.step(20)
            frame = session.next_frame()
            if _stopped(session) is None:
                seen.append((frame.step, frame.test_loss, frame.arrays["weights"].copy()))
        best_step, best_loss, best_weights = min(seen, key=lambda s: s[1])
        # The stop came once `patience` steps had passed without a new lowest test loss.
        assert frame.step - best_step >= 100 and seen[-1][0] - best_step < 100
        # The frame after the stop shows the best weights and their test loss.
        assert frame.test_loss == pytest.approx(best_loss, rel=1e-6)
        np.testing.assert_array_equal(frame.arrays["weights"], best_weights)
        message = _stopped(session)["message"]
        assert f"weights of step {best_step} restored" in message
        assert float(re.search(r"test loss, ([0-9.e-]+)", message)[1]) == pytest.approx(
            best_loss, rel=1e-3)
        assert best_loss < seen[-1][1]  # the test loss had indeed gone up since


def test_a_playing_session_pauses_when_it_stops(server_url: str) -> None:
    with connect(server_url) as session:
        session.next_frame()
        session.set(**OVERFIT, steps_per_second=4000)
        session.play()
        while _stopped(session) is None:
            session.next_message(timeout=120)
        frame = session.next_frame()
        assert not session.playing and not frame.header["playing"]
