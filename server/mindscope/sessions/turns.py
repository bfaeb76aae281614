"""Whose work runs next on the worker threads.

With many sessions playing, the worker threads are always busy and each session's
next frame waits its turn behind the others. A session with a change to apply
(a slider moved, a point drawn, a question asked) goes ahead of those that only
train, so that what a user does shows within a frame or two however many train.
"""

import asyncio
import heapq
import itertools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class Turns:
    def __init__(self, slots: int) -> None:
        self._free = slots  # the worker threads no session holds
        self._waiting: list[tuple[int, int, asyncio.Future[None]]] = []  # (urgency, order, ...)
        self._order = itertools.count()  # first come, first served within an urgency

    @asynccontextmanager
    async def turn(self, urgent: bool) -> AsyncIterator[None]:
        """Hold one worker thread's slot; urgent turns go before the others."""
        if self._free and not self._waiting:
            self._free -= 1
        else:
            given: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            entry = (0 if urgent else 1, next(self._order), given)
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
