"""The messages a client has not read yet, in order, holding at most one frame in a row:
a newer frame replaces an unread one, so a client that stops reading keeps the newest
frame and every other message (bounded), never a queue of frames."""

from collections import deque
from typing import Any

from .frames import Frame

Event = Frame | dict[str, Any]


class Mailbox:
    def __init__(self, limit: int = 4096) -> None:
        self._events: deque[Event] = deque()
        self.limit = limit
        self.dropped = 0  # messages dropped, oldest first, past the limit (frames not counted)

    def put(self, event: Event) -> None:
        if isinstance(event, Frame) and self._events and isinstance(self._events[-1], Frame):
            self._events[-1] = event
            return
        self._events.append(event)
        if len(self._events) > self.limit:
            self._events.popleft()
            self.dropped += 1

    def take(self) -> Event | None:
        return self._events.popleft() if self._events else None

    def __len__(self) -> int:
        return len(self._events)
