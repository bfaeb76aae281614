"""Subscribe is a connection's own business: over real WebSockets, it moves no revision
that the others see, and a stream of them does not hold up training."""

import json
import time
from collections.abc import Iterator

import pytest

from mindscope.bench.server import running_server
from mindscope.client import connect

FRAME_RATE = 1  # a tick of 1 s: subscribes 20 a second keep waking the loop within each tick


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with running_server(["--frame-rate", str(FRAME_RATE)]) as server:
        yield server.url


def test_a_viewers_subscribe_leaves_the_revision_alone(url: str) -> None:
    with connect(url) as owner, connect(url, view_id=owner.view_id) as viewer:
        owner.pause()
        revision = owner.revision
        reply = viewer.subscribe(output_resolution=20, neuron_resolution=0, parameters=False)
        assert (reply["type"], reply["revision"]) == ("state", revision)
        assert set(viewer.next_frame().arrays) == {"output"}  # the frames it asked for
        # The owner's next change is the only one since: one revision on, not two.
        assert owner.step(1)["revision"] == revision + 1


def test_training_goes_on_while_another_connection_keeps_subscribing(url: str) -> None:
    with connect(url) as owner, connect(url, view_id=owner.view_id) as viewer:
        owner.step(1)
        before = owner.next_frame().step
        owner.play()
        deadline, sent = time.monotonic() + 2.0, 0
        while time.monotonic() < deadline:
            viewer.send_raw(json.dumps({"type": "subscribe", "output_resolution": 20 + sent % 2,
                                        "id": 1000 + sent}))
            sent += 1
            time.sleep(0.05)  # about 20 a second
        owner.pause()
        after = owner.next_frame().step  # a frame that reflects the pause: every step so far
        assert sent >= 30
        # Over 2 s, at least 1 s of training at the session's speed (starved, it got ~0.4).
        assert after - before >= owner.config["steps_per_second"], (before, after)
