"""One browser (or script) connected to a session: a bounded outbox and its writer task.

Control replies and data messages must all arrive, in order; frames only matter
while they are new, so a client holds at most one pending frame and a slow
reader simply gets fewer of them. A client too far behind to take even those (its
outbox full, or one message stuck longer than the send timeout) is closed with
CLOSE_TOO_SLOW, so its session and tasks are freed rather than waiting on it.
"""

import asyncio
import contextlib
import ipaddress
import time
from collections import deque
from collections.abc import Callable

from fastapi import WebSocket, WebSocketDisconnect

MAX_OUTBOX = 256  # control replies are tiny; a client this far behind is gone
CLOSE_TOO_SLOW = 4408
CLOSE_TIMEOUT = 2.0  # seconds to wait for a close frame to go out before giving up on it


class RateLimit:
    """A token bucket: `rate` events per second on average, in bursts of at most `burst`."""

    def __init__(self, rate: float, burst: float | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.rate, self.burst, self._clock = rate, burst if burst is not None else rate, clock
        self._tokens, self._at = self.burst, clock()

    def take(self, amount: float = 1.0) -> bool:
        """Spend `amount` if the bucket holds it; otherwise spend nothing and say no."""
        now = self._clock()
        self._tokens = min(self.burst, self._tokens + (now - self._at) * self.rate)
        self._at = now
        if amount > self._tokens:
            return False
        self._tokens -= amount
        return True


class Connection:
    def __init__(self, websocket: WebSocket, send_timeout: float = 30.0) -> None:
        self.websocket = websocket
        self.send_timeout = send_timeout
        self._outbox: deque[str | bytes] = deque()
        self._frame: bytes | None = None
        self._wake = asyncio.Event()
        self.closed = False
        self.close_code = 1000
        self.close_reason = ""

    @property
    def local(self) -> bool:
        """Whether the client runs on the server's own machine (its address is loopback)."""
        peer = self.websocket.client
        try:
            address = ipaddress.ip_address(peer.host) if peer is not None else None
        except ValueError:  # not an IP address (a test client's made-up name)
            return False
        # A server listening on "::" sees a local IPv4 client as ::ffff:127.0.0.1.
        mapped = getattr(address, "ipv4_mapped", None)
        return address is not None and (mapped or address).is_loopback

    def deflates(self, compression: str) -> bool:
        """Whether this connection's frames go deflated (protocol.Subscribe.compression)."""
        return compression == "deflate" or (compression == "auto" and not self.local)

    def send(self, message: str | bytes) -> None:
        """Queue a message that must be delivered (replies, errors, data)."""
        if self.closed:
            return
        if len(self._outbox) >= MAX_OUTBOX:
            self.close(CLOSE_TOO_SLOW, f"client too slow: {MAX_OUTBOX} messages unread")
            return
        self._outbox.append(message)
        self._wake.set()

    def offer_frame(self, frame: bytes) -> None:
        """Replace any frame not yet sent: the newest frame wins."""
        if not self.closed:
            self._frame = frame
            self._wake.set()

    def close(self, code: int, reason: str) -> None:
        """Stop sending and ask the pump to close the socket with this code."""
        if not self.closed:
            self.closed, self.close_code, self.close_reason = True, code, reason
            self._outbox.clear()
            self._frame = None
        self._wake.set()

    async def pump(self) -> None:
        """Send until closed or the socket fails; the connection's one writer task."""
        try:
            while not self.closed:
                await self._wake.wait()
                self._wake.clear()
                while not self.closed and (message := self._next()) is not None:
                    async with asyncio.timeout(self.send_timeout):
                        await self._send(message)
        except TimeoutError:
            self.close(CLOSE_TOO_SLOW, f"client too slow: a message waited over "
                       f"{self.send_timeout:g} s to be sent")
        except (WebSocketDisconnect, OSError, RuntimeError):
            self.closed = True  # the socket is gone (or closing): nothing left to send to

    async def finish(self) -> None:
        """Close the socket with the recorded code, unless it is gone or will not take it."""
        with contextlib.suppress(Exception):
            async with asyncio.timeout(CLOSE_TIMEOUT):
                await self.websocket.close(self.close_code, self.close_reason[:120])

    def _next(self) -> str | bytes | None:
        if self._outbox:
            return self._outbox.popleft()
        frame, self._frame = self._frame, None
        return frame

    async def _send(self, message: str | bytes) -> None:
        if isinstance(message, str):
            await self.websocket.send_text(message)
        else:
            await self.websocket.send_bytes(message)
