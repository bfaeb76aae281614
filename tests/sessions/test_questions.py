"""A question (explain, landscape) that fails is answered to its asker alone: the session
keeps its settings and goes on, rather than pausing for everyone as a failed change does."""

import json

import numpy as np

from mindscope.labs.points.protocol import Explain
from mindscope.protocol import Landscape, SessionConfig
from mindscope.sessions.frame import Detail, FrameData
from mindscope.sessions.requests import Pending
from mindscope.sessions.session import Session
from mindscope.settings import Settings

FRAME = FrameData(header={})


class BrokenRun:
    """A run whose questions fail; everything else works."""

    config = SessionConfig()
    data_version = 0
    steps_per_epoch = 10
    batch_size = 10
    train_seconds = 0.0

    def exact_params(self) -> dict[str, np.ndarray]:
        return {"w": np.zeros(25)}

    def reconfigure(self, config, user) -> bool:
        return True

    def explain(self, question):
        raise RuntimeError("explain broke")

    def landscape(self, directions, resolution, span, seed):
        raise RuntimeError("landscape broke")

    def frame(self, detail):
        return FRAME


def test_a_failing_question_gets_an_error_for_its_asker_only(caplog) -> None:
    session = Session("s" * 22, SessionConfig.of(learning_rate=0.3), Settings())
    asker, other = object(), object()
    explain = session.lab.accept(Explain(type="explain", x1=0, x2=0, label=1, id=5),
                                 session.config, None)
    assert explain.job is not None and explain.answers and explain.question
    pending = Pending(jobs=[(asker, 5, explain.job)],
                      landscapes=[(other, Landscape(type="landscape", id=6))])
    wanted = (session.config, None, 0)
    frame = session._work(BrokenRun(), wanted, pending, 0, 0.01, Detail(), set())  # raises nothing
    assert frame is FRAME
    replies = {id(conn): json.loads(reply) for conn, reply in pending.replies}
    assert replies[id(asker)]["reply_to"] == 5 and "explain broke" in replies[id(asker)]["message"]
    assert replies[id(other)]["reply_to"] == 6
    assert "landscape broke" in replies[id(other)]["message"]
    assert all(reply["type"] == "error" for reply in replies.values())
    assert session.playing and session.config.learning_rate == 0.3
    assert "failed to answer a question: the example" in caplog.text
    assert "failed to compute a landscape" in caplog.text
