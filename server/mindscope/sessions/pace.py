"""How fast a session actually trains, measured over wall-clock time."""

import time
from collections import deque


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
