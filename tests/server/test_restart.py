"""Nothing lost: real servers killed, stopped and restarted on the same database, and a
database that cannot be written for a while."""

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import httpx
import numpy as np
import pytest
from websockets.exceptions import ConnectionClosed
from wsutil import is_error, next_text, wait_until

from mindscope.bench.server import ServerProcess, running_server
from mindscope.client import ServerError, Session, connect
from mindscope.sessions.archive import load
from mindscope.sessions.store import Row, Store

POINTS = [[0.5, 0.5, 1], [-1.0, 2.0, -1], [2.5, -2.0, 1], [-3.0, -1.5, -1], [1.5, 3.0, 1]]


@contextmanager
def serving(db: Path, *flags: str) -> Iterator[ServerProcess]:
    with running_server(["--db", str(db), "--checkpoint-seconds", "0.2", *flags]) as server:
        yield server


def stored(db: Path, session_id: str) -> Row | None:
    return Store(db).load(session_id)


def stored_step(db: Path, session_id: str) -> int:
    row = stored(db, session_id)
    return -1 if row is None else load(row.archive).step


def drawn_session(url: str) -> Session:
    """A session training on points the user drew, with a setting of its own."""
    session = connect(url)
    session.request({"type": "set_points", "points": POINTS})
    session.set(learning_rate=0.3)
    session.next_frame()
    return session


def assert_resumed(session: Session, session_id: str, at_least: int) -> None:
    assert session.id == session_id and session.playing
    assert session.config["learning_rate"] == 0.3 and session.config["lab"]["dataset"] == "custom"
    frame = session.next_frame()
    assert frame.step >= at_least
    points = np.concatenate([
        np.column_stack([session.data[f"x_{part}"], session.data[f"y_{part}"]])
        for part in ("train", "test")])
    np.testing.assert_array_equal(np.sort(points, axis=0),
                                  np.sort(np.asarray(POINTS, np.float32), axis=0))
    steps = session.history["step"]  # read before the newest frame: never past it
    assert len(steps) > 0 and session.latest is not None and steps[-1] <= session.latest.step


def test_kill_9_during_training_resumes_from_the_last_checkpoint(tmp_path: Path) -> None:
    db = tmp_path / "sessions.db"
    with serving(db) as server:
        session = drawn_session(server.url)
        # The points are saved once the run has them (a pass may save the session before).
        wait_until(lambda: (row := stored(db, session.id)) is not None
                   and load(row.archive).data is not None, 30, "the drawn points' checkpoint")
        first = stored_step(db, session.id)
        wait_until(lambda: stored_step(db, session.id) > first, 30, "a later checkpoint")
        server.process.kill()
        server.process.wait()
        session.close()
    checkpointed = stored_step(db, session.id)
    assert checkpointed > 0

    with serving(db) as server:
        # The view link outlives the restart too, and may be the first to come back.
        with connect(server.url, view_id=session.view_id) as watcher:
            assert (watcher.role, watcher.id, watcher.view_id) == ("view", None, session.view_id)
            assert watcher.next_frame().step >= checkpointed
        with connect(server.url, session_id=session.id) as again:
            assert_resumed(again, session.id, checkpointed)


def test_drawn_and_uploaded_points_are_saved_at_once_not_at_the_next_pass(
        tmp_path: Path) -> None:
    db = tmp_path / "sessions.db"
    with serving(db, "--checkpoint-seconds", "3600") as server:  # a later flag wins
        session = connect(server.url)
        session.request({"type": "set_points", "points": POINTS})

        def saved_points() -> list[list[float]]:
            row = stored(db, session.id)
            user = row and load(row.archive).data
            return [] if user is None else np.column_stack([user.xy, user.labels]).tolist()

        wait_until(lambda: saved_points() == POINTS, 30, "the drawn points' checkpoint")
        csv = "x1,x2,label\n1,1,1\n-1,-1,-1\n2,0,1\n"
        session.request({"type": "upload_csv", "csv": csv})
        uploaded = [[1.0, 1.0, 1.0], [-1.0, -1.0, -1.0], [2.0, 0.0, 1.0]]
        wait_until(lambda: saved_points() == uploaded, 30, "the uploaded points' checkpoint")
        server.process.kill()
        server.process.wait()
        session.close()

    with serving(db) as server, connect(server.url, session_id=session.id) as again:
        again.next_frame()
        points = np.concatenate([np.column_stack([again.data[f"x_{part}"],
                                                  again.data[f"y_{part}"]])
                                 for part in ("train", "test")])
        assert sorted(points.tolist()) == sorted(uploaded)


def test_sigterm_closes_clients_with_1012_and_a_restart_resumes(tmp_path: Path) -> None:
    db = tmp_path / "sessions.db"
    with serving(db) as server:
        session = drawn_session(server.url)
        last = session.next_frame().step
        server.process.terminate()
        with pytest.raises(ConnectionClosed) as closed:
            while True:
                if hasattr(message := session.next_message(timeout=20), "step"):
                    last = message.step
        assert closed.value.rcvd is not None
        assert (closed.value.rcvd.code, closed.value.rcvd.reason) == (1012, "server restarting")
        server.process.wait(timeout=20)  # uvicorn re-raises SIGTERM once it has shut down
        assert "Application shutdown complete" in server.log_tail()
    assert stored_step(db, session.id) >= last  # saved after the last frame the client saw

    with serving(db) as server, connect(server.url, session_id=session.id) as again:
        assert_resumed(again, session.id, last)


def test_damaged_and_unknown_format_checkpoints_are_refused_and_skipped(
        tmp_path: Path) -> None:
    db = tmp_path / "sessions.db"
    with serving(db) as server:
        sessions = [drawn_session(server.url) for _ in range(3)]
        ids = [s.id for s in sessions]
        for session in sessions:
            session.close()
        wait_until(lambda: all(stored_step(db, i) >= 0 for i in ids), 30, "three checkpoints")
    damaged, newer, intact = ids
    data = stored(db, newer).archive  # type: ignore[union-attr]  # stored: waited for above
    with closing(sqlite3.connect(db)) as raw, raw:
        raw.execute("UPDATE sessions SET archive = ? WHERE id = ?", (b"\x00garbage", damaged))
        raw.execute("UPDATE sessions SET archive = ? WHERE id = ?",
                    (data.replace(b'"format": 3', b'"format": 7', 1), newer))

    with serving(db) as server:
        for session_id, reason in ((damaged, "not a Mindscope session file"),
                                   (newer, "format 7 is not supported")):
            with pytest.raises(ServerError, match=f"checkpoint cannot be restored.*{reason}"):
                connect(server.url, session_id=session_id)
        # An export may be the first to ask for a stored session, and is refused alike.
        export = f"{server.url}/api/sessions/{{}}/export"
        refused = httpx.get(export.format(damaged), timeout=60)
        assert refused.status_code == 404 and "cannot be restored" in refused.json()["detail"]
        exported = httpx.get(export.format(intact), timeout=60)
        assert exported.status_code == 200 and load(exported.content).data is not None
        with connect(server.url, session_id=intact) as again:
            assert_resumed(again, intact, 0)
        assert server.health()["sessions"] == 1
        log = server.log_tail()
        assert f"session {damaged[:8]} cannot be restored" in log
        assert f"session {newer[:8]} cannot be restored" in log


def test_an_unwritable_database_warns_once_keeps_training_and_recovers(
        tmp_path: Path) -> None:
    # The tests may run as root, whom chmod does not stop, so the fault is a real one that
    # stops anyone: the database's folder is moved away and a plain file put in its place.
    folder = tmp_path / "data"
    db = folder / "sessions.db"
    with serving(db) as server, drawn_session(server.url) as session:
        wait_until(lambda: stored(db, session.id), 30, "the first checkpoint")
        blocker = tmp_path / "blocker"
        blocker.write_text("not a folder")
        folder.rename(tmp_path / "away")
        while True:
            try:
                blocker.rename(folder)
                break
            except IsADirectoryError:  # a checkpoint made the folder anew meanwhile
                shutil.rmtree(folder)
        warning = next_text(session, is_error("checkpoints are failing"), timeout=30)
        assert "training goes on" in warning["message"]
        assert str(tmp_path) not in warning["message"]  # the log has the path, clients not
        before = session.next_frame().step
        assert session.next_frame(min_revision=0).step > before  # still training

        folder.unlink()
        (tmp_path / "away").rename(folder)
        saved = stored_step(db, session.id)
        wait_until(lambda: stored_step(db, session.id) > saved, 30, "checkpoints to resume")
        for _ in range(5):  # read on past the recovery: the warning came once
            session.next_frame(min_revision=0)
        assert sum("checkpoints are failing" in e["message"] for e in session.errors) == 1
        assert "checkpoints work again" in server.log_tail()


def test_expired_sessions_leave_the_database_too(tmp_path: Path) -> None:
    db = tmp_path / "sessions.db"
    with serving(db) as server:  # sessions here outlive their clients by 600 s
        left = drawn_session(server.url)
        wait_until(lambda: stored(db, left.id), 30, "a checkpoint")
        server.process.kill()
        server.process.wait()
        left.close()

    with serving(db, "--session-idle-seconds", "1") as server:
        with drawn_session(server.url) as live:
            wait_until(lambda: stored(db, live.id), 30, "a checkpoint")
        # Nobody came back for the first within a second of the restart, nor for the
        # second within a second of its last client leaving: both rows go.
        wait_until(lambda: stored(db, live.id) is None, 30, "the expired session's row to go")
        wait_until(lambda: stored(db, left.id) is None, 30, "the unclaimed row to go")
        assert server.health()["sessions"] == 0


def test_exporting_a_stored_session_on_a_full_server_is_429(tmp_path: Path) -> None:
    db = tmp_path / "sessions.db"
    with serving(db) as server, connect(server.url) as session:
        session_id = session.id
        wait_until(lambda: stored_step(db, session_id) >= 0, 20, "a checkpoint")
    with serving(db, "--max-sessions", "1") as server, connect(server.url):  # the only place
        response = httpx.get(f"{server.url}/api/sessions/{session_id}/export", timeout=30)
        assert response.status_code == 429
        assert "maximum of 1 sessions" in response.json()["detail"]
