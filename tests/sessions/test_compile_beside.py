"""Nothing a user changes waits for XLA in the foreground: changes of size reuse compiled
programs, and a change whose program must compile waits beside the session, which keeps
sending frames meanwhile and applies it, with everything asked after it, once it is ready."""

import asyncio
import json
import threading
import time

from loops import run

from mindscope import codec
from mindscope.engine import compiler
from mindscope.engine.programs import PROGRAMS
from mindscope.engine.training import ANY, EVERY_PART, Trainer
from mindscope.labs.points import run as run_module
from mindscope.labs.points.padded import PaddedNet
from mindscope.labs.points.run import TrainingRun, bridge_for, problem_of, warm_bridges
from mindscope.labs.points.user import MAX_CLASSES
from mindscope.protocol import SessionConfig, nested
from mindscope.sessions.connection import Connection
from mindscope.sessions.frame import Detail
from mindscope.sessions.requests import merge
from mindscope.sessions.session import Session
from mindscope.settings import Settings

SIZE_CHANGES = [  # each keeps the data bucket (500 points) and the batch bucket (16)
    {"batch_size": 12}, {"train_share": 0.8}, {"noise": 0.3}, {"data_seed": 5},
    {"dataset": "xor"}, {"batch_size": 16, "train_share": 0.2},
]


def test_changes_of_size_reuse_every_compiled_program() -> None:
    run_ = TrainingRun(SessionConfig.of(batch_size=10))
    run_.advance(20, Detail())
    trainer = run_.trainer
    compiled = trainer.executables()
    for change in SIZE_CHANGES:
        config = merge(run_.config, nested(change, "points"), lambda c: problem_of(c, None))
        assert run_.reconfigure(config), change  # applied at once
        frame = run_.advance(20, Detail())
        assert run_.trainer is trainer, change
        assert frame.header["step"] > 0
    assert trainer.executables() == compiled
    assert len(run_.host_data.x_train) == 100  # the last split: 20 % of xor's 500 points


def test_a_structural_change_runs_on_the_bridge_without_compiling() -> None:
    run_ = TrainingRun(SessionConfig.of())
    run_.advance(5, Detail())
    warm_bridges()  # as the server does when it starts
    while compiler.queued():
        time.sleep(0.05)
    compiled = PROGRAMS.stats().executables
    for change in ({"hidden": [5, 3, 2]}, {"optimizer": "adam"}, {"grad_clip": 1.0},
                   {"dataset": "spiral3"}, {"batch_size": 100}, {"activations": ["relu"]}):
        config = merge(run_.config, nested(change, "points"), lambda c: problem_of(c, None))
        assert run_.reconfigure(config), change
        frame = run_.advance(10, Detail())
        assert run_.trainer is bridge_for(run_.exact), change
        assert frame.finite
        assert frame.header["layer_sizes"][-1] == (3 if change.get("dataset") else
                                                   frame.header["layer_sizes"][-1])
    assert PROGRAMS.stats().executables == compiled


def _frames(conn: Connection) -> list[dict]:
    return [codec.decode(m)[0] for m in [*conn._outbox, conn._frame] if isinstance(m, bytes)
            and codec.decode(m)[0].get("kind") == "frame"]


def test_a_change_waits_beside_the_session_and_loses_nothing(monkeypatch) -> None:
    gate = threading.Event()  # holds every compile back, as a busy machine would
    real = compiler._compile
    monkeypatch.setattr(compiler, "_compile", lambda *args: (gate.wait(60), real(*args)))
    # A bridge of its own, which no other test of this process can have compiled.
    bridges: dict[int, Trainer] = {}
    monkeypatch.setattr(run_module, "bridge_for", lambda exact: bridges.setdefault(
        exact.rows, Trainer(PaddedNet(MAX_CLASSES), ANY, ANY, ANY, run_module.BRIDGE_BUCKET,
                            EVERY_PART, exact.rows)))

    async def main() -> tuple[list[int], dict, list[str]]:
        session = Session("c" * 22, SessionConfig.of(hidden=[3]), Settings())
        conn = Connection(websocket=None)  # never pumped: what it is sent stays in its outbox
        session.start()
        session.attach(conn)
        while session.mark.frames < 3:  # its first network compiled in the foreground
            await asyncio.sleep(0.01)
        deeper = {"lab": {"lab": "points", "hidden": [7, 3, 5]}}
        session.handle(json.dumps({"type": "set", "changes": deeper, "id": 1}), conn)
        session.handle(json.dumps({"type": "set", "changes": {"learning_rate": 1e-5},
                                   "id": 2}), conn)
        session.handle(json.dumps({"type": "set_bias", "layer": 0, "neuron": 1, "value": 2.5,
                                   "id": 3}), conn)
        waiting_from = session.mark.frames
        await asyncio.sleep(1.0)
        revisions = [f["revision"] for f in _frames(conn)]
        frames_meanwhile = session.mark.frames - waiting_from
        gate.set()
        for _ in range(6000):
            if session._applied is not None and session._applied[2] == session.revision:
                break
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.2)
        config, applied = session.config, session._applied
        errors = [json.loads(m)["message"] for m in conn._outbox
                  if isinstance(m, str) and json.loads(m)["type"] == "error"]
        biases = session._latest.arrays["biases"] if session._latest else None
        await session.stop()
        assert frames_meanwhile >= 5, frames_meanwhile  # about 30 while playing
        assert applied is not None and applied[0] == config
        return revisions, {"hidden": config.lab.hidden, "learning_rate": config.learning_rate,
                           "bias": float(biases[1])}, errors

    revisions, final, errors = run(main())
    assert max(revisions) == 0  # frames kept coming from the settings before the change
    assert final == {"hidden": [7, 3, 5], "learning_rate": 1e-5, "bias": final["bias"]}
    assert errors == []
    assert abs(final["bias"] - 2.5) < 0.01  # the edit came after the change, not undone
