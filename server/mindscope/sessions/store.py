"""Session checkpoints in an embedded SQLite database: one row per session.

Every call blocks on the disk, so the server makes them on a thread of their own,
never on the event loop or a training worker. Each call opens the file afresh: a
database that could not be written (disk full, read-only, its folder gone) works
again as soon as the fault is fixed, with nothing to reset. The journal is a
write-ahead log, so a process killed mid-write leaves the last committed rows intact.
"""

import os
import sqlite3
from collections.abc import Collection, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

SCHEMA = """CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,       -- the control id
    view_id TEXT NOT NULL,     -- the watch-only id, so view links outlive a restart too
    format INTEGER NOT NULL,   -- the archive's format version (archive.FORMAT)
    archive BLOB NOT NULL,     -- the session as a file (archive.dump)
    playing INTEGER NOT NULL,  -- whether it was training: it resumes so
    updated REAL NOT NULL      -- Unix time of this checkpoint
);
CREATE INDEX IF NOT EXISTS sessions_by_view ON sessions (view_id)"""
BUSY_SECONDS = 5.0  # how long a write waits for another writer before it fails


class StoreError(Exception):
    """The database could not be read or written; the message says why and where, `reason`
    only why (for clients, who need not learn the server's paths)."""

    def __init__(self, message: str, reason: str = "") -> None:
        super().__init__(message)
        self.reason = reason or message


class DamagedRow(StoreError):
    """A row that is there but not one this store wrote."""


@dataclass(frozen=True)
class Row:
    session_id: str
    view_id: str
    format: int
    archive: bytes
    playing: bool
    updated: float


class Store:
    def __init__(self, path: Path) -> None:
        self.path = path

    @contextmanager
    def _open(self, write: bool = False) -> Iterator[sqlite3.Connection]:
        """A connection inside one transaction, committed on success; errors as StoreError.
        A writing one takes the write lock first, waiting for another writer if need be
        (upgrading a read to a write could fail at once instead)."""
        try:
            # The rows hold control ids, which are capabilities: only this user may read them.
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not self.path.exists():  # SQLite gives its -wal and -shm files the same mode
                os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
            with closing(sqlite3.connect(self.path, timeout=BUSY_SECONDS,
                                         isolation_level=None)) as db:
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")  # durable across a crashed process
                db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
                try:
                    for statement in SCHEMA.split(";"):
                        db.execute(statement)
                    yield db
                except BaseException:
                    if db.in_transaction:  # SQLite may have rolled back already (disk full)
                        db.execute("ROLLBACK")
                    raise
                db.execute("COMMIT")
        except (sqlite3.Error, OSError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise StoreError(f"{self.path}: {exc}", reason) from exc

    def save(self, rows: Sequence[Row]) -> None:
        """Write (or overwrite) these rows, all or none."""
        with self._open(write=True) as db:
            db.executemany(
                "INSERT INTO sessions (id, view_id, format, archive, playing, updated) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                " view_id = excluded.view_id, format = excluded.format,"
                " archive = excluded.archive, playing = excluded.playing,"
                " updated = excluded.updated",
                [(r.session_id, r.view_id, r.format, r.archive, int(r.playing), r.updated)
                 for r in rows],
            )

    def load(self, session_id: str) -> Row | None:
        """The session's row, None if there is none; StoreError if it is damaged."""
        return self._find("id", session_id)

    def load_view(self, view_id: str) -> Row | None:
        """The row of the session this view id watches, as load."""
        return self._find("view_id", view_id)

    def _find(self, column: str, value: str) -> Row | None:
        with self._open() as db:
            found = db.execute("SELECT id, view_id, format, archive, playing, updated FROM "
                               f"sessions WHERE {column} = ?", (value,)).fetchone()
        if found is None:
            return None
        session_id, view_id, fmt, data, playing, updated = found
        if not (isinstance(session_id, str) and isinstance(view_id, str) and type(fmt) is int
                and isinstance(data, bytes) and playing in (0, 1)
                and isinstance(updated, float)):
            raise DamagedRow(f"the row of session {str(session_id)[:8]} is damaged")
        return Row(session_id, view_id, fmt, data, bool(playing), updated)

    def delete(self, session_ids: Collection[str]) -> None:
        with self._open(write=True) as db:
            db.executemany("DELETE FROM sessions WHERE id = ?", [(i,) for i in session_ids])

    def delete_older(self, before: float, keep: Collection[str]) -> list[str]:
        """Delete the rows last saved before `before` (Unix time), except `keep`'s; their ids."""
        with self._open(write=True) as db:
            stale = [i for (i,) in db.execute("SELECT id FROM sessions WHERE updated < ?",
                                              (before,)) if i not in keep]
            db.executemany("DELETE FROM sessions WHERE id = ?", [(i,) for i in stale])
        return stale
