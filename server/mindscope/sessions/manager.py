"""Creates, finds, limits and expires sessions."""

import asyncio
import secrets
import time

from ..protocol import SessionConfig
from ..settings import Settings
from .session import Session


class SessionLimitError(Exception):
    pass


class SessionManager:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.sessions: dict[str, Session] = {}

    def create(self, config: SessionConfig | None = None) -> Session:
        if len(self.sessions) >= self.settings.max_sessions:
            raise SessionLimitError(
                f"the server holds its maximum of {self.settings.max_sessions} sessions; "
                "try again when one expires"
            )
        session_id = secrets.token_urlsafe(16)  # 128 bits: unguessable
        session = Session(session_id, config or SessionConfig(), self.settings)
        self.sessions[session_id] = session
        session.start()
        return session

    def get(self, session_id: str) -> Session | None:
        return self.sessions.get(session_id)

    async def expire_idle(self) -> None:
        """Drop sessions nobody has watched for session_idle_seconds."""
        now = time.monotonic()
        idle = [
            s for s in self.sessions.values()
            if not s.connections and now - s.last_active > self.settings.session_idle_seconds
        ]
        for session in idle:
            del self.sessions[session.id]
            await session.stop()

    async def run_janitor(self, interval: float = 10.0) -> None:
        while True:
            await asyncio.sleep(interval)
            await self.expire_idle()

    async def close_all(self) -> None:
        sessions, self.sessions = list(self.sessions.values()), {}
        await asyncio.gather(*(s.stop() for s in sessions))
