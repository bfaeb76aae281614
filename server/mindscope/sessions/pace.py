"""How fast a session actually trains, measured over wall-clock time, and how much of the
machine it may take."""

import os
import time
from collections import deque
from collections.abc import Callable


class Pace:
    """Updates per second over the last couple of seconds of wall-clock time."""

    WINDOW = 2.0

    def __init__(self) -> None:
        self._events: deque[tuple[float, int]] = deque()

    def add(self, steps: int) -> None:
        now = time.monotonic()
        self._events.append((now, steps))
        while self._events and now - self._events[0][0] > self.WINDOW:
            self._events.popleft()

    def rate(self) -> float:
        if len(self._events) < 2:
            return 0.0
        span = max(time.monotonic() - self._events[0][0], 1e-3)
        return sum(steps for _, steps in list(self._events)[1:]) / span


class Share:
    """The sessions that trained in the last second, so that each trains with its fair part
    of the machine's cores: with many at once, training yields and frames keep coming."""

    WINDOW = 1.0

    def __init__(self, cores: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.cores, self._clock = cores, clock
        self._seen: dict[str, float] = {}  # session id: when it last trained
        self._pruned = -float("inf")

    def fraction(self, key: str) -> float:
        """Note that session `key` trains now; its part of a tick's training time (≤ 1)."""
        now = self._clock()
        self._seen[key] = now
        # Pruned a few times a window, not on each of hundreds of calls a second.
        if len(self._seen) > self.cores and now - self._pruned >= self.WINDOW / 4:
            self._seen = {k: t for k, t in self._seen.items() if now - t <= self.WINDOW}
            self._pruned = now
        return min(1.0, self.cores / len(self._seen))


def usable_cores() -> int:
    """The cores this process may run on (its affinity, where the system tells; macOS and
    Windows do not, so there every core counts)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


TRAINING = Share(usable_cores())  # every session of this server process
