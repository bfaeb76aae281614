"""One browser (or script) connected to a session: an outbox that never grows without bound.

Control replies and data messages must all arrive, in order; frames only matter
while they are new, so a client holds at most one pending frame and a slow
reader simply gets fewer of them.
"""

import asyncio
from collections import deque

from fastapi import WebSocket

MAX_OUTBOX = 256  # control replies are tiny; a client this far behind is gone


class Connection:
    def __init__(self, websocket: WebSocket) -> None:
        self.websocket = websocket
        self._outbox: deque[str | bytes] = deque()
        self._frame: bytes | None = None
        self._wake = asyncio.Event()
        self.closed = False

    def send(self, message: str | bytes) -> None:
        """Queue a message that must be delivered (replies, errors, data)."""
        if len(self._outbox) >= MAX_OUTBOX:
            self.closed = True
        self._outbox.append(message)
        self._wake.set()

    def offer_frame(self, frame: bytes) -> None:
        """Replace any frame not yet sent: the newest frame wins."""
        self._frame = frame
        self._wake.set()

    async def pump(self) -> None:
        """Send until the socket fails; runs as the connection's one writer task."""
        while not self.closed:
            await self._wake.wait()
            self._wake.clear()
            while self._outbox:
                await self._send(self._outbox.popleft())
            if self._frame is not None:
                frame, self._frame = self._frame, None
                await self._send(frame)

    async def _send(self, message: str | bytes) -> None:
        if isinstance(message, str):
            await self.websocket.send_text(message)
        else:
            await self.websocket.send_bytes(message)
