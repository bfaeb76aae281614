"""A landscape is computed beside the session's loop: its first slice compiles for most of
a second, and the session's frames must not stop meanwhile. One at a time per client."""

import asyncio
import json
import threading

from loops import run

from mindscope import codec
from mindscope.labs.points.run import TrainingRun
from mindscope.protocol import SessionConfig
from mindscope.sessions.connection import Connection
from mindscope.sessions.session import Session
from mindscope.settings import Settings


def _replies(conn: Connection, request_id: int) -> list[dict]:
    """Every message answering `request_id` in the connection's unsent outbox."""
    found = []
    for message in conn._outbox:
        header = codec.decode(message)[0] if isinstance(message, bytes) else json.loads(message)
        if header.get("reply_to") == request_id:
            found.append(header)
    return found


def test_frames_go_on_while_a_landscape_is_computed(monkeypatch) -> None:
    gate = threading.Event()  # holds the real slice back, as a long first compile would
    real = TrainingRun.landscape

    def held(self: TrainingRun, *args: object):
        job = real(self, *args)
        return lambda: (gate.wait(30), job())[1]

    monkeypatch.setattr(TrainingRun, "landscape", held)

    async def main() -> tuple[int, dict, dict]:
        session = Session("s" * 22, SessionConfig.of(), Settings())
        conn = Connection(websocket=None)  # never pumped: what it is sent stays in its outbox
        session.start()
        session.attach(conn)
        while session.mark.frames < 3:  # compiled and training
            await asyncio.sleep(0.01)
        session.handle(json.dumps({"type": "landscape", "resolution": 7, "id": 9}), conn)
        session.handle(json.dumps({"type": "landscape", "resolution": 7, "id": 10}), conn)
        before = session.mark.frames
        await asyncio.sleep(0.5)
        frames_meanwhile = session.mark.frames - before
        assert _replies(conn, 9) == []  # still being computed
        gate.set()
        for _ in range(1000):
            if _replies(conn, 9):
                break
            await asyncio.sleep(0.01)
        await session.stop()
        return frames_meanwhile, _replies(conn, 9)[0], _replies(conn, 10)[0]

    frames_meanwhile, answer, refusal = run(main())
    assert frames_meanwhile >= 3  # about 15 at 30 frames/s; none if the slice held the loop
    assert answer["kind"] == "landscape" and answer["step"] > 0
    assert [a["shape"] for a in answer["arrays"] if a["name"] == "loss"] == [[7, 7]]
    assert refusal["type"] == "error" and "already being computed" in refusal["message"]


def test_a_landscape_that_fails_leaves_the_client_free_to_ask_again(monkeypatch) -> None:
    real, calls = TrainingRun.landscape, []

    def fails_once(self: TrainingRun, *args: object):
        calls.append(args)
        if len(calls) == 1:
            raise RuntimeError("no slice this time")
        return real(self, *args)

    monkeypatch.setattr(TrainingRun, "landscape", fails_once)

    async def main() -> tuple[dict, dict]:
        session = Session("s" * 22, SessionConfig.of(), Settings())
        conn = Connection(websocket=None)
        session.start()
        session.attach(conn)
        answers = []
        for request_id in (1, 2):
            session.handle(json.dumps({"type": "landscape", "resolution": 5,
                                       "id": request_id}), conn)
            for _ in range(3000):
                if got := _replies(conn, request_id):
                    answers.append(got[0])
                    break
                await asyncio.sleep(0.01)
        await session.stop()
        return answers[0], answers[1]

    failed, answered = run(main())
    assert failed["type"] == "error" and "no slice this time" in failed["message"]
    assert answered["kind"] == "landscape"  # not "already being computed"
