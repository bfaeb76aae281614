"""Creates, finds, limits and expires sessions."""

import asyncio
import contextlib
import dataclasses
import json
import logging
import time
from collections import Counter
from collections.abc import Iterator
from typing import TypeGuard

from ..labs.registry import lab_for
from ..memory import resident_bytes
from ..protocol import LAB_CONFIG_OF, Error, SessionConfig
from ..schema import whole_number
from ..settings import Settings, number
from .archive import Archive, ArchiveError, check, load
from .capabilities import Role, new_id, well_formed
from .checkpoints import Checkpoints
from .connection import RateLimit
from .requests import merge
from .session import Session
from .store import DamagedRow, Row, Store, StoreError
from .turns import Turns

CLOSE_BAD_REQUEST = 4400
CLOSE_NO_SESSION = 4404
CLOSE_TOO_MANY = 4429
CLOSE_RESTARTING = 1012  # the WebSocket code for "service restart": come back soon
CLOSE_TRY_LATER = 1013
log = logging.getLogger(__name__)
# The same words for an expired id and a guessed one: a refusal tells nothing.
NO_SUCH_SESSION = "no such session (it may have expired); open a new one"


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
        self._creators: dict[str, str] = {}  # session id -> the client address that made it
        self._connections: Counter[str] = Counter()  # open connections per client address
        self.checkpoints = Checkpoints(Store(settings.db_path), settings.checkpoint_seconds)
        self._reviving: dict[str, asyncio.Future[None]] = {}  # by the id a client named
        self._started = time.monotonic()
        self.turns = Turns.for_settings(settings)  # every session's, on the worker threads

    def create(self, config: SessionConfig | None = None, archive: Archive | None = None,
               address: str | None = None, *, checkpoint: Row | None = None) -> Session:
        """A new session, or one imported from an archive, made by a client at `address`;
        or, with the `checkpoint` row the archive came from, one brought back as it was."""
        if len(self.sessions) >= self.settings.max_sessions:
            raise SessionLimitError(
                f"the server holds its maximum of {self.settings.max_sessions} sessions; "
                "try again when one expires"
            )
        rss, memory = resident_bytes(), self.settings.max_memory_mb
        if rss is not None and rss >= memory * 2**20:
            raise SessionLimitError(
                f"the server is using {rss / 2**20:.0f} MB of memory, its maximum for taking "
                f"new sessions is {number(memory)} MB (--max-memory-mb); try again when some "
                "expire")
        limit = self.settings.max_sessions_per_ip
        if address is not None and self.sessions_of(address) >= limit:
            raise SessionLimitError(
                f"your address already holds its maximum of {limit} sessions; close some "
                "(a session without clients expires) and try again")
        # A file (imported, or a checkpoint from a server with other caps) may ask more speed
        # than this server allows: every way in is capped here, as `set` is by refuse().
        config = self._capped(config or SessionConfig())
        if archive is not None:
            archive = dataclasses.replace(archive, config=self._capped(archive.config))
        session_id = checkpoint.session_id if checkpoint else new_id()
        session = Session(session_id, config, self.settings, archive,
                          view_id=checkpoint.view_id if checkpoint else None,
                          playing=bool(checkpoint and checkpoint.playing),
                          on_data=lambda: self.checkpoints.urge(session_id),
                          turns=self.turns)
        self.sessions[session_id] = session
        if address is not None:
            self._creators[session_id] = address
        self._step_budgets[session_id] = RateLimit(self.settings.max_steps_per_second)
        session.start()
        return session

    def _capped(self, config: SessionConfig) -> SessionConfig:
        cap = self.settings.max_steps_per_second
        if config.steps_per_second <= cap:
            return config
        return config.model_copy(update={"steps_per_second": cap})

    def get(self, session_id: str) -> Session | None:
        return self.sessions.get(session_id)

    async def revive(self, session_id: str | None, view_id: str | None) -> None:
        """Bring back from its last checkpoint the session one of these ids names, when it
        is stored but not live (after a restart), for the join that follows to find."""
        key = session_id or view_id
        if (key is None or (session_id and view_id) or not well_formed(key)
                or (self.get(session_id) if session_id else self.watched(key))):
            return
        if (pending := self._reviving.get(key)) is None:  # one restore for many clients
            pending = self._reviving[key] = asyncio.ensure_future(
                self._revive(session_id, view_id))
            pending.add_done_callback(lambda _: self._reviving.pop(key, None))
        await asyncio.shield(pending)

    async def _revive(self, session_id: str | None, view_id: str | None) -> None:
        try:
            row = await self.checkpoints.load(session_id, view_id)
            if row is None or row.session_id in self.sessions:
                return
            saved = await asyncio.to_thread(_restorable, row.archive)
        except (DamagedRow, ArchiveError) as exc:
            key = session_id or view_id or ""  # revive() passes one of them
            log.warning("session %s cannot be restored: %s", key[:8], exc)
            raise SessionRefused(f"this session's checkpoint cannot be restored ({exc}); "
                                 "open a new one", CLOSE_NO_SESSION) from None
        except StoreError as exc:
            log.warning("session store: %s", exc)
            raise SessionRefused("the server cannot read its sessions right now; try again "
                                 "in a moment", CLOSE_TRY_LATER) from None
        if row.session_id not in self.sessions:
            self.create(archive=saved, checkpoint=row)

    def watched(self, view_id: str) -> Session | None:
        """The session whose view id this is."""
        if not well_formed(view_id):
            return None
        return next((s for s in self.sessions.values() if s.view_id == view_id), None)

    def sessions_of(self, address: str) -> int:
        return sum(1 for sid, made_by in self._creators.items()
                   if made_by == address and sid in self.sessions)

    def join(self, session_id: str | None, view_id: str | None, address: str,
             lab: str | None = None) -> tuple[Session, Role]:
        """The session a new connection from `address` should attach to, and its role: a
        new session (of `lab`, or the default one), the one `session_id` controls, or the
        one `view_id` watches."""
        if session_id is not None and view_id is not None:
            raise SessionRefused("name a session or a view, not both", CLOSE_BAD_REQUEST)
        limit = self.settings.max_connections_per_ip
        if self._connections[address] >= limit:
            raise SessionLimitError(f"your address already has its maximum of {limit} "
                                    "connections; close some (other tabs?) and try again")
        role: Role = "view" if view_id is not None else "control"
        if view_id is not None:
            session = self.watched(view_id)
        elif session_id is not None:
            session = self.get(session_id) if well_formed(session_id) else None
        else:
            return self.create(new_config(lab), address=address), role
        if session is None:
            raise SessionRefused(NO_SUCH_SESSION, CLOSE_NO_SESSION)
        limit = self.settings.max_connections_per_session
        # View links may not fill a session: one place is always kept for its controller.
        if role == "view" and len(session.viewers) >= limit - 1:
            raise SessionRefused(
                f"this session already has its maximum of {limit - 1} view-link "
                f"connections (one of its {limit} is kept for the controller); "
                "try again when a viewer leaves", CLOSE_TOO_MANY)
        if len(session.connections) >= limit:
            raise SessionRefused(
                f"this session already has its maximum of {limit} connections; "
                "close one of them first", CLOSE_TOO_MANY)
        return session, role

    @contextlib.contextmanager
    def connected(self, address: str) -> Iterator[None]:
        """Count a connection from `address` while it lasts (see join's limit)."""
        self._connections[address] += 1
        try:
            yield
        finally:
            self._connections[address] -= 1
            if not self._connections[address]:
                del self._connections[address]

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
        given = whole_number(message.get("id"))  # 7.0 is 7, as the session reads it
        request_id = int(given) if _is_number(given, int) else None
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
        elif kind in ("step", "step_epoch"):
            return self._over_budget(session, message, request_id)
        if problem is None:
            return None
        field, cap = problem
        return Error(message=f"{field}: at most {number(cap)} on this server", field=field,
                     reply_to=request_id).model_dump_json()

    def _over_budget(self, session: Session, message: dict[str, object],
                     request_id: int | None) -> str | None:
        """An error for a step request past the session's budget of steps a second, which
        counts each step in steps of the default network (a step of the largest network at
        a batch of 5,000 counts some 5,000: see cost.py), else None (taking from the budget)."""
        budget = self._step_budgets.get(session.id)
        steps = whole_number(message.get("steps", 1))  # 5.0 is 5, as the schema says
        if budget is None or not _is_number(steps, int) or not 0 < steps <= 2**53:
            return None  # no session budget, or invalid (10**400 is no float): the session's
        epoch = message["type"] == "step_epoch"
        asked = steps * (session.epoch_steps if epoch else 1)
        if budget.take(asked * session.step_cost):
            return None
        cap, cost = self.settings.max_steps_per_second, session.step_cost
        field = "type" if epoch else "steps"
        epochs = f" (an epoch here takes {session.epoch_steps})" if epoch else ""
        return Error(message=f"{field}: at most {number(cap)} steps a second may be requested "
                             f"on this server, each step of this network at its batch size "
                             f"counting as {number(round(cost, 1))} of the default network: "
                             f"at most {number(max(cap // cost, 1))} of its steps a second"
                             f"{epochs}", field=field, reply_to=request_id).model_dump_json()

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
            self._creators.pop(session.id, None)
            await session.stop()
        if idle:
            await self.checkpoints.forget([s.id for s in idle])
        # A stored session nobody came back for expires the same way, counting from this
        # server's start at the earliest (its clients could not come back before).
        idle_seconds = self.settings.session_idle_seconds
        if time.monotonic() - self._started > idle_seconds:
            await self.checkpoints.drop_older(time.time() - idle_seconds, keep=set(self.sessions))

    async def run_janitor(self) -> None:
        # Look often enough that a session outlives its idle time by at most a quarter of it.
        interval = min(10.0, self.settings.session_idle_seconds / 4)
        while True:
            await asyncio.sleep(interval)
            try:
                await self.expire_idle()
            except Exception:  # a bug: say so, and keep expiring sessions
                log.exception("an expiry pass failed")

    async def run_checkpoints(self) -> None:
        await self.checkpoints.run(self.sessions)

    async def close_clients(self, code: int, reason: str) -> None:
        """Close every client's connection with this code and reason, and return once the
        close frames are out (before the server drops the sockets)."""
        closing = [conn for session in self.sessions.values() for conn in session.connections]
        for conn in closing:
            conn.close(code, reason)
        await asyncio.gather(*(conn.finish() for conn in closing))

    async def close_all(self) -> None:
        """Checkpoint what changed since the last pass, then stop every session."""
        await self.checkpoints.save(self.sessions)
        self.checkpoints.close()
        sessions, self.sessions = list(self.sessions.values()), {}
        self._step_budgets.clear()
        self._creators.clear()
        await asyncio.gather(*(s.stop() for s in sessions))


def new_config(lab: str | None) -> SessionConfig:
    """A new session's config: the defaults of `lab` (the 2D lab's when None) with the
    lab's preset of the shared settings, and a loss that suits its problem."""
    if lab is not None and lab not in LAB_CONFIG_OF:
        raise SessionRefused(f"lab: there is no lab {lab[:40]!r}; the labs are "
                             f"{', '.join(LAB_CONFIG_OF)}", CLOSE_BAD_REQUEST)
    config = SessionConfig() if lab is None else SessionConfig.model_validate(
        {"lab": {"lab": lab}})
    made = lab_for(config)
    return merge(config, made.preset(), lambda c: made.problem(c, None))


def _restorable(data: bytes) -> Archive:
    """The archive in a checkpoint, checked to load into a run (blocks: call on a thread)."""
    saved = load(data)
    check(saved)
    return saved


def _is_number(value: object, kind: type = float) -> TypeGuard[int | float]:
    """A JSON number (of `kind`: int, or float meaning any number), never a boolean."""
    allowed = (int,) if kind is int else (int, float)
    return isinstance(value, allowed) and not isinstance(value, bool)


def _over(field: str, value: object, cap: float) -> tuple[str, float] | None:
    """(field, cap) when `value` is a number above `cap`."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return (field, cap) if value > cap else None
