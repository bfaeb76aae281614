"""Creates, finds, limits and expires sessions."""

import asyncio
import json
import secrets
import time

from ..protocol import Error, SessionConfig
from ..settings import Settings, number
from .archive import Archive
from .connection import RateLimit
from .session import Session

CLOSE_NO_SESSION = 4404
CLOSE_TOO_MANY = 4429


class SessionRefused(Exception):
    """A connection that cannot join a session: the reason, and the close code to send."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


class SessionLimitError(SessionRefused):
    def __init__(self, message: str) -> None:
        super().__init__(message, CLOSE_TOO_MANY)


class SessionManager:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.sessions: dict[str, Session] = {}
        # Step requests add to a session's playing speed, so they get a budget of their own.
        self._step_budgets: dict[str, RateLimit] = {}

    def create(self, config: SessionConfig | None = None, archive: Archive | None = None,
               ) -> Session:
        """A new session, or one imported from an archive."""
        if len(self.sessions) >= self.settings.max_sessions:
            raise SessionLimitError(
                f"the server holds its maximum of {self.settings.max_sessions} sessions; "
                "try again when one expires"
            )
        session_id = secrets.token_urlsafe(16)  # 128 bits: unguessable
        session = Session(session_id, config or SessionConfig(), self.settings, archive)
        self.sessions[session_id] = session
        self._step_budgets[session_id] = RateLimit(self.settings.max_steps_per_second)
        session.start()
        return session

    def get(self, session_id: str) -> Session | None:
        return self.sessions.get(session_id)

    def join(self, session_id: str | None) -> Session:
        """The session a new connection should attach to: a new one, or `session_id`."""
        if session_id is None:
            return self.create()
        session = self.get(session_id)
        if session is None:
            raise SessionRefused("no such session (it may have expired); open a new one",
                                 CLOSE_NO_SESSION)
        limit = self.settings.max_connections_per_session
        if len(session.connections) >= limit:
            raise SessionRefused(
                f"this session already has its maximum of {limit} connections; "
                "close one of them first", CLOSE_TOO_MANY)
        return session

    @property
    def connection_count(self) -> int:
        return sum(len(s.connections) for s in self.sessions.values())

    def refuse(self, session: Session, text: str) -> str | None:
        """An error for a message asking more than this server allows, else None.

        Only the server's own caps (which may be lower than the protocol's) are
        checked here; everything else is the session's to validate, so a
        malformed message passes through to it.
        """
        try:
            message = json.loads(text)
        except ValueError:
            return None
        except RecursionError:  # within the size limit, "[[[[…" is still legal JSON
            return Error(message="message nested too deeply").model_dump_json()
        if not isinstance(message, dict):
            return None
        kind = message.get("type")
        request_id = message.get("id") if _is_number(message.get("id"), int) else None
        s = self.settings
        problem: tuple[str, float] | None = None  # the field, and the cap it exceeds
        if kind == "set" and isinstance(changes := message.get("changes"), dict):
            problem = _over("changes.steps_per_second", changes.get("steps_per_second"),
                            s.max_steps_per_second)
        elif kind == "subscribe":
            problem = (_over("output_resolution", message.get("output_resolution"),
                             s.max_output_resolution)
                       or _over("neuron_resolution", message.get("neuron_resolution"),
                                s.max_neuron_resolution))
        elif kind == "step" and _is_number(steps := message.get("steps"), int) and steps > 0:
            budget = self._step_budgets.get(session.id)
            if budget is not None and not budget.take(steps):
                return Error(message=f"steps: at most {number(s.max_steps_per_second)} steps "
                             "a second may be requested on this server", field="steps",
                             reply_to=request_id).model_dump_json()
        if problem is None:
            return None
        field, cap = problem
        return Error(message=f"{field}: at most {number(cap)} on this server", field=field,
                     reply_to=request_id).model_dump_json()

    async def expire_idle(self) -> None:
        """Drop sessions nobody has watched for session_idle_seconds."""
        now = time.monotonic()
        idle = [
            s for s in self.sessions.values()
            if not s.connections and now - s.last_active > self.settings.session_idle_seconds
        ]
        for session in idle:
            del self.sessions[session.id]
            self._step_budgets.pop(session.id, None)
            await session.stop()

    async def run_janitor(self) -> None:
        # Look often enough that a session outlives its idle time by at most a quarter of it.
        interval = min(10.0, self.settings.session_idle_seconds / 4)
        while True:
            await asyncio.sleep(interval)
            await self.expire_idle()

    async def close_all(self) -> None:
        sessions, self.sessions = list(self.sessions.values()), {}
        self._step_budgets.clear()
        await asyncio.gather(*(s.stop() for s in sessions))


def _is_number(value: object, kind: type = float) -> bool:
    """A JSON number (of `kind`: int, or float meaning any number), never a boolean."""
    allowed = (int,) if kind is int else (int, float)
    return isinstance(value, allowed) and not isinstance(value, bool)


def _over(field: str, value: object, cap: float) -> tuple[str, float] | None:
    """(field, cap) when `value` is a number above `cap`."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return (field, cap) if value > cap else None
