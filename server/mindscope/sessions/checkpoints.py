"""Checkpointing: sessions that changed are saved to the store every few seconds, and
at once when their points change, so a restart loses at most the last few seconds of
training and never what the user drew or uploaded.

The archive is written on a training worker (it reads the session's run), the row on
the store's own thread, so a slow or failing disk never stalls training. While the
database cannot be written the server trains on, warns in its log and tells the
connected clients once; the next pass that succeeds ends the warning.
"""

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Collection, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from . import archive
from .session import Mark, Session
from .store import Row, Store, StoreError

log = logging.getLogger(__name__)
T = TypeVar("T")
FAILING = ("checkpoints are failing ({reason}): training goes on, but a server restart "
           "now would lose the changes since {since}")


class Checkpoints:
    def __init__(self, store: Store, interval: float) -> None:
        self.store = store
        self.interval = interval
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="mindscope-store")
        self._saved: dict[str, Mark] = {}  # each session's mark at its last checkpoint
        self._urgent: set[str] = set()
        self._wake = asyncio.Event()
        self._due = time.monotonic() + interval
        self._failing = False
        self._last_success = time.time()

    def urge(self, session_id: str) -> None:
        """Save this session as soon as possible (its points changed)."""
        self._urgent.add(session_id)
        self._wake.set()

    async def run(self, sessions: Mapping[str, Session]) -> None:
        """Save forever: every `interval` seconds what changed, and urgent sessions at once.
        `sessions` is the manager's live mapping."""
        while True:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(max(0.0, self._due - time.monotonic())):
                    await self._wake.wait()
            self._wake.clear()
            urgent, self._urgent = self._urgent, set()
            full = time.monotonic() >= self._due
            if full:
                self._due = time.monotonic() + self.interval
            try:
                await self.save(sessions, only=None if full else urgent)
            except Exception:  # a bug: say so, and keep checkpointing
                log.exception("a checkpoint pass failed")

    async def save(self, sessions: Mapping[str, Session], only: Collection[str] | None = None,
                   ) -> None:
        """Checkpoint every session (or those named in `only`) that changed since its last
        checkpoint. Rows of sessions that left `sessions` meanwhile are not written."""
        rows: list[tuple[Row, Mark]] = []
        for session in list(sessions.values()):
            if (only is not None and session.id not in only) or (
                    self._saved.get(session.id) == session.mark):
                continue
            try:
                taken = await session.checkpoint()
            except Exception:  # a bug in one session must not stop the others' checkpoints
                log.exception("session %s could not be checkpointed", session.id[:8])
                continue
            if taken is not None:
                data, mark = taken
                rows.append((Row(session.id, session.view_id, archive.FORMAT, data,
                                 mark.playing, time.time()), mark))
        rows = [(row, mark) for row, mark in rows if row.session_id in sessions]
        if not rows:
            return
        try:
            await self._on_thread(self.store.save, [row for row, _ in rows])
        except StoreError as exc:
            self._failed(exc, sessions)
            # Their marks stay put, so the next pass (urgent or not) tries them all again.
            self._urgent.update(row.session_id for row, _ in rows)
            return
        self._succeeded()
        for row, mark in rows:
            self._saved[row.session_id] = mark

    async def load(self, session_id: str | None, view_id: str | None) -> Row | None:
        """The row of the session with this control id, or else this view id."""
        if session_id is not None:
            return await self._on_thread(self.store.load, session_id)
        return None if view_id is None else await self._on_thread(self.store.load_view, view_id)

    async def forget(self, session_ids: Collection[str]) -> None:
        """Drop expired sessions' rows."""
        for session_id in session_ids:
            self._saved.pop(session_id, None)
            self._urgent.discard(session_id)
        await self._quietly(self.store.delete, session_ids)

    async def drop_older(self, before: float, keep: Collection[str]) -> None:
        """Drop rows saved before `before` (Unix time) that no live session owns."""
        if dropped := await self._quietly(self.store.delete_older, before, keep):
            log.info("dropped %d expired session checkpoints", len(dropped))

    def close(self) -> None:
        self._thread.shutdown(wait=True)

    async def _on_thread(self, call: Callable[..., T], *args: object) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._thread, call, *args)

    async def _quietly(self, call: Callable[..., T], *args: object) -> T | None:
        """Housekeeping that may fail with the disk: a log line, never an error to anyone."""
        try:
            return await self._on_thread(call, *args)
        except StoreError as exc:
            if not self._failing:  # else the failing checkpoints said so already
                log.warning("session store: %s", exc)
            return None

    def _failed(self, exc: StoreError, sessions: Mapping[str, Session]) -> None:
        if self._failing:
            return  # said so already
        self._failing = True
        since = time.strftime("%H:%M:%S", time.localtime(self._last_success))
        log.warning(FAILING.format(reason=exc, since=since))
        for session in sessions.values():
            session.warn(FAILING.format(reason=exc.reason, since=since))

    def _succeeded(self) -> None:
        if self._failing:
            log.warning("checkpoints work again")
            self._failing = False
        self._last_success = time.time()
