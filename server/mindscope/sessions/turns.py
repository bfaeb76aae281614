"""Whose work runs next on the worker threads.

With many sessions playing, the worker threads are always busy and each session's
next frame waits its turn behind the others. A session with a change to apply
(a slider moved, a point drawn, a question asked) goes ahead of those that came
up to `head_start` seconds before it, so that what a user does shows within a
frame or two however many train; and since that lead is bounded, sessions that
flood the server with changes cannot keep the others from their turns.
"""

import asyncio
import heapq
import itertools
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from ..settings import Settings


class Turns:
    def __init__(self, slots: int, head_start: float = 0.05,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._free = slots  # the worker threads no session holds
        self.head_start, self._clock = head_start, clock
        # (when it counts as having come, order, future): first come, first served.
        self._waiting: list[tuple[float, int, asyncio.Future[None]]] = []
        self._order = itertools.count()

    @classmethod
    def for_settings(cls, settings: Settings) -> "Turns":
        """Twice the worker threads' slots: each has its next work queued when it finishes,
        rather than idling while the event loop hands its turn on. A change goes ahead of
        the training that came up to a frame and a half before it."""
        return cls(2 * settings.worker_threads, head_start=1.5 / settings.frame_rate)

    @asynccontextmanager
    async def turn(self, urgent: bool) -> AsyncIterator[None]:
        """Hold one worker thread's slot; an urgent turn counts as having come earlier."""
        if self._free and not self._waiting:
            self._free -= 1
        else:
            given: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            came = self._clock() - (self.head_start if urgent else 0.0)
            entry = (came, next(self._order), given)
            heapq.heappush(self._waiting, entry)
            try:
                await given
            except asyncio.CancelledError:
                if given.cancelled():  # never handed a slot: leave the queue if still in it
                    if entry in self._waiting:
                        self._waiting.remove(entry)
                        heapq.heapify(self._waiting)
                else:  # the slot came just as the waiter was cancelled: pass it on
                    self._release()
                raise
        try:
            yield
        finally:
            self._release()

    def _release(self) -> None:
        while self._waiting:
            given = heapq.heappop(self._waiting)[2]
            if not given.done():  # else cancelled, and about to leave the queue itself
                given.set_result(None)
                return
        self._free += 1
