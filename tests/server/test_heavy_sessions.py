"""Sessions asking the most work of the server, within its limits, leave the others their
frames: a tick trains at most a frame's share of work, counted as network size times
batch, and the step budget counts the same (issue 13 §2)."""

import json
import re
from collections.abc import Iterator

import numpy as np
import pytest
from wsutil import Watcher, next_text

from mindscope.client import Session, connect


def _heaviest(url: str) -> Session:
    """A paused session of the largest network at the largest batch, its network built."""
    session = connect(url)
    rng = np.random.default_rng(0)
    points = np.column_stack([rng.uniform(-5, 5, (10_000, 2)), rng.choice([-1, 1], 10_000)])
    session.request({"type": "set_points", "points": points.tolist()})
    session.set(hidden=[16] * 8, activations=["tanh"] * 8, batch_size=10_000)
    session.pause()
    session.next_frame(timeout=300, min_revision=session.revision)
    return session


@pytest.fixture(scope="module")
def heavy(server_url: str) -> Iterator[list[Session]]:
    sessions = [_heaviest(server_url) for _ in range(2)]
    yield sessions
    for session in sessions:
        session.close()


def test_two_sessions_training_the_heaviest_network_flat_out_leave_a_third_its_frames(
        server_url: str, heavy: list[Session]) -> None:
    with Watcher(server_url) as watcher:
        for session in heavy:
            session.set(steps_per_second=1_000_000)
            session.play()
        # Each heavy step takes tens of milliseconds here: a tick's share used to be
        # counted in steps of the default network, a thousand of them, for seconds on end.
        frames = watcher.frames_within(4)
        for session in heavy:
            session.pause()
    assert frames >= 4 * 5, f"the third session got {frames} frames in 4 s"


def test_the_step_budget_counts_each_step_by_its_work(heavy: list[Session]) -> None:
    session = heavy[0]
    # 100,000 steps of this network: about an hour of this machine's cores.
    for steps, request_id in ((100_000, 5), (100_000.0, 5.0)):  # 5.0 is the integer 5
        session.send_raw(json.dumps({"type": "step", "steps": steps, "id": request_id}))
        refused = next_text(session, lambda m: m.get("reply_to") == 5)
        assert refused["type"] == "error" and refused["field"] == "steps"
        assert "at most 1000000 steps a second" in refused["message"]
        counted = re.search(r"counting as ([\d.]+) of the default network", refused["message"])
        assert counted and float(counted[1]) > 2_000, refused["message"]
    # A count past any number the budget could weigh is refused as invalid, not a crash.
    session.send_raw('{"type": "step", "steps": 1' + "0" * 400 + ', "id": 6}')
    refused = next_text(session, lambda m: m.get("reply_to") == 6)
    assert refused["type"] == "error" and refused["field"] == "steps"
    # Fewer are trained, in slices, and the pause ends them at the next one.
    session.pause()
    start = session.next_frame(min_revision=session.revision).header["step"]
    assert session.step(10)["type"] == "state"
    session.pause()
    stopped = session.next_frame(min_revision=session.revision).header["step"]
    assert start <= stopped <= start + 10
