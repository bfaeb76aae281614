"""When training goes non-finite, the error names the real cause (issue 13 §3): large
regression targets, which the protocol allows, rather than a learning rate blamed by
default (tests/sessions/test_divergence.py has the message's other cases)."""

import numpy as np
from wsutil import next_text

from mindscope.client import connect


def test_divergence_from_large_regression_targets_names_the_targets(server_url: str) -> None:
    rng = np.random.default_rng(0)
    xy = rng.uniform(-5, 5, (200, 2))
    targets = np.clip(200_000 * np.sin(xy[:, 0]), -100_000, 100_000)  # within ±1e6: allowed
    points = np.column_stack([xy, targets])
    with connect(server_url) as session:
        session.pause()
        session.request({"type": "set_points", "points": points.tolist()})
        # Linear units: no unit dies, so the steps grow until the numbers overflow.
        session.set(hidden=[8, 8], activations=["linear", "linear"], learning_rate=0.03)
        session.step(200)
        diverged = next_text(session, lambda m: m.get("code") == "diverged", timeout=60)
        assert "the regression targets reach 100000" in diverged["message"], diverged
        assert "within ±10" in diverged["message"]
        assert "learning rate (0.03)" in diverged["message"]
        # Scaled down, the same points train at the same learning rate.
        points[:, 2] /= 100_000
        session.request({"type": "set_points", "points": points.tolist()})
        session.step(200)
        frame = session.next_frame(min_revision=session.revision)
        assert frame.header["train_loss"] is not None
        assert [e["code"] for e in session.errors] == ["diverged"]



def test_a_classifier_saturated_by_a_huge_learning_rate_stops_with_its_way_out(
        server_url: str) -> None:
    """Learning rate 10 on the circle stays finite but saturates every unit: the session
    pauses and says so; a tenth of the rate from fresh weights learns."""
    with connect(server_url) as session:
        session.pause()
        session.set(learning_rate=10)
        session.reset()
        session.step(2000)
        stuck = next_text(session, lambda m: m.get("code") == "stuck", timeout=60)
        assert "Training is stuck" in stuck["message"] and "learning rate (10)" in stuck["message"]
        assert not session.playing
        session.set(learning_rate=1)
        session.reset()
        session.step(1500)
        frame = session.next_frame(min_revision=session.revision)
        while frame.step < 1500:
            frame = session.next_frame()
        assert frame.header["train_accuracy"] > 0.8
        assert [e["code"] for e in session.errors] == ["stuck"]
