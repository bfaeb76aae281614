"""The SQLite session store on a real file: rows, faults, a killed writer, old formats."""

import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import numpy as np
import pytest

from mindscope import codec
from mindscope.labs.points.data import user_points
from mindscope.labs.points.run import TrainingRun
from mindscope.protocol import SessionConfig
from mindscope.sessions import archive
from mindscope.sessions.archive import FORMAT, ArchiveError, dump, load
from mindscope.sessions.frame import Detail
from mindscope.sessions.history import History
from mindscope.sessions.store import DamagedRow, Row, Store, StoreError


def row(session_id: str, data: bytes = b"archive", updated: float = 1000.0) -> Row:
    return Row(session_id, f"view-{session_id}", FORMAT, data, True, updated)


def test_rows_are_saved_overwritten_found_by_either_id_and_deleted(tmp_path: Path) -> None:
    store = Store(tmp_path / "made" / "on demand" / "sessions.db")
    store.save([row("a"), row("b")])
    store.save([row("a", b"newer", 2000.0)])
    assert store.load("a") == row("a", b"newer", 2000.0)
    assert store.load_view("view-b") == row("b")
    assert store.load("nobody") is None and store.load_view("nobody") is None
    store.delete(["a"])
    assert store.load("a") is None and store.load("b") == row("b")
    with closing(sqlite3.connect(store.path)) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    # Control ids are capabilities: the file and the folder made for it are the user's alone.
    assert store.path.stat().st_mode & 0o777 == 0o600
    assert store.path.parent.stat().st_mode & 0o777 == 0o700


def test_old_rows_go_except_those_kept(tmp_path: Path) -> None:
    store = Store(tmp_path / "sessions.db")
    store.save([row("old", updated=10.0), row("kept", updated=10.0), row("new", updated=99.0)])
    assert store.delete_older(50.0, keep={"kept"}) == ["old"]
    assert [store.load(i) is not None for i in ("old", "kept", "new")] == [False, True, True]


def test_a_row_the_store_did_not_write_is_reported_as_damaged(tmp_path: Path) -> None:
    store = Store(tmp_path / "sessions.db")
    store.save([row("a")])
    with closing(sqlite3.connect(store.path)) as db, db:
        db.execute("UPDATE sessions SET archive = 'text, not bytes' WHERE id = 'a'")
    with pytest.raises(DamagedRow, match="the row of session a is damaged"):
        store.load("a")


def test_a_file_that_is_not_a_database_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "sessions.db"
    path.write_bytes(b"this is no SQLite file" * 100)
    with pytest.raises(StoreError, match="file is not a database"):
        Store(path).load("a")


def test_an_unwritable_place_fails_and_works_again_once_fixed(tmp_path: Path) -> None:
    # A plain file where the database's folder should be stops root too (chmod would not).
    folder = tmp_path / "data"
    folder.write_text("not a folder")
    store = Store(folder / "sessions.db")
    with pytest.raises(StoreError, match=str(folder)) as failed:
        store.save([row("a")])
    assert str(tmp_path) not in failed.value.reason  # what clients are told names no path
    folder.unlink()
    store.save([row("a")])  # the same store object: nothing to reset
    assert store.load("a") == row("a")


FULL_DISK = """
import resource, sys
from pathlib import Path
from mindscope.sessions.store import Row, Store, StoreError
store = Store(Path(sys.argv[1]))
store.save([Row("a", "v", 1, b"small", True, 1.0)])
soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, hard))  # no file may grow past 64 KiB
try:
    store.save([Row("a", "v", 1, bytes(1_000_000), True, 2.0)])
except StoreError as exc:
    print("failed:", exc.reason)
print("kept:", store.load("a").updated)
resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))  # room again
store.save([Row("a", "v", 1, bytes(1_000_000), True, 3.0)])
print("saved:", store.load("a").updated)
"""


def test_a_full_disk_fails_the_write_keeps_the_last_row_and_heals(tmp_path: Path) -> None:
    # A file-size limit makes the kernel refuse the write as a full disk would (EFBIG; Python
    # ignores SIGXFSZ), for root too; in a process of its own so pytest's files are spared.
    result = subprocess.run([sys.executable, "-c", FULL_DISK, str(tmp_path / "s.db")],
                            capture_output=True, text=True, timeout=60, check=True)
    failed, *rest = result.stdout.splitlines()
    assert failed.startswith("failed: ")  # SQLite says "disk I/O error" or "disk is full"
    assert rest == ["kept: 1.0", "saved: 3.0"]


WRITER = """
import sys
from pathlib import Path
from mindscope.sessions.store import Row, Store
store = Store(Path(sys.argv[1]))
for n in range(1, 10**6):
    store.save([Row("s", "v", 1, n.to_bytes(8, "little") * 4096, True, float(n))])
    print(n, flush=True)
"""


def test_a_writer_killed_mid_write_leaves_its_last_commit_intact(tmp_path: Path) -> None:
    path = tmp_path / "sessions.db"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE,
                              text=True)
    assert writer.stdout is not None
    committed = [int(writer.stdout.readline()) for _ in range(40)][-1]
    writer.kill()  # SIGKILL: no cleanup at all, most likely in the middle of a write
    writer.wait()
    writer.stdout.close()
    found = Store(path).load("s")
    assert found is not None and found.updated >= committed
    assert found.archive == int(found.updated).to_bytes(8, "little") * 4096  # whole, not torn


def _format_0(data: bytes) -> bytes:
    """A hand-made file of an imagined format 0, whose curves were named `curve.*`."""
    header, arrays = codec.decode(data)
    arrays = {k.replace("history.", "curve.", 1): v for k, v in arrays.items()}
    return codec.encode({**header, "format": 0}, arrays)


def _from_format_0(header: dict, arrays: dict) -> tuple[dict, dict]:
    return header, {k.replace("curve.", "history.", 1): v for k, v in arrays.items()}


def test_an_older_format_row_migrates_forward_or_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    user = user_points([[0, 0, 1], [1, 1, -1], [2, -2, 1], [-3, 1, -1]])
    run = TrainingRun(SessionConfig.of(dataset="custom"), user)
    run.advance(20, Detail())
    history = History()
    history.add({"step": 20, "train_loss": 0.5, "test_loss": 0.6, "train_accuracy": 0.7,
                 "test_accuracy": 0.8})
    store = Store(tmp_path / "sessions.db")
    store.save([Row("old", "v", 0, _format_0(dump(run, run.user, history)), False, 1.0)])
    old = store.load("old")
    assert old is not None and old.format == 0

    with pytest.raises(ArchiveError, match="format 0 is too old to be read"):
        load(old.archive)
    monkeypatch.setitem(archive.MIGRATIONS, 0, _from_format_0)
    migrated = load(old.archive)
    assert migrated.step == 20 and migrated.history["test_accuracy"].tolist() == [
        np.float32(0.8)]
    np.testing.assert_array_equal(migrated.data.xy, user.xy)  # saved with points
