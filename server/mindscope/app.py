"""The FastAPI app: health, protocol schema, the session WebSocket, and the built frontend."""

import asyncio
import contextlib
import logging
import socket
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import jax
import uvicorn
from fastapi import FastAPI, WebSocket
from fastapi.responses import HTMLResponse, PlainTextResponse

from . import __version__, export_routes, routes
from .api_docs import api_page
from .engine import compiler, enable_compilation_cache
from .engine.programs import PROGRAMS
from .labs.points.run import warm_bridges
from .labs.registry import LAB_ROUTERS
from .protocol import Error, json_schema
from .security import SecurityHeaders, TrustedHosts, origin_refusal
from .sessions.capabilities import Role, view_refusal
from .sessions.connection import Connection, RateLimit
from .sessions.manager import CLOSE_RESTARTING, SessionManager, SessionRefused
from .sessions.requests import request_id
from .sessions.session import Session
from .settings import Settings
from .static_files import CompressedStaticFiles
from .stats import COMPILES

logger = logging.getLogger("mindscope")
RESTARTING = "server restarting"
INTERNAL_ERROR = "the server failed on this message and ignored it (a bug: please report it)"
NOT_BUILT = """<!doctype html><title>Mindscope</title>
<h1>Mindscope's frontend is not built</h1>
<p>Run <code>make run</code> (or <code>cd frontend && npm ci && npm run build</code>).</p>"""


def jax_backend() -> str:
    backend = jax.default_backend()
    return "gpu" if backend in {"gpu", "cuda", "rocm"} else backend


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    manager = SessionManager(settings)
    COMPILES.listen()

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if settings.compilation_cache_dir is not None:
            enable_compilation_cache(settings.compilation_cache_dir)
        PROGRAMS.budget_mb = settings.compile_cache_mb
        if settings.warm_bridges:
            warm_bridges()
        # Sessions train on asyncio's default executor (asyncio.to_thread). Python's default
        # of cores + 4 threads loses frames to GIL contention once many sessions are busy.
        asyncio.get_running_loop().set_default_executor(ThreadPoolExecutor(
            settings.worker_threads, thread_name_prefix="mindscope-worker"))
        janitor = asyncio.create_task(manager.run_janitor())
        checkpoints = asyncio.create_task(manager.run_checkpoints())
        yield
        janitor.cancel()
        checkpoints.cancel()
        await asyncio.gather(janitor, checkpoints, return_exceptions=True)
        await manager.close_all()  # the last checkpoint of every session that changed

    # /docs is a page of the server's own (api_docs.py): FastAPI's loads from a CDN.
    app = FastAPI(title="Mindscope", version=__version__, lifespan=lifespan, docs_url=None,
                  redoc_url=None)
    app.state.sessions = manager
    app.add_middleware(SecurityHeaders, settings=settings)
    app.add_middleware(TrustedHosts, settings=settings)  # added last: runs first
    app.include_router(routes.router)
    app.include_router(export_routes.router)
    for router in LAB_ROUTERS:
        app.include_router(router)

    @app.get("/healthz")
    def healthz() -> dict[str, object]:
        return {"status": "ok", "version": __version__, "backend": jax_backend(),
                "sessions": len(manager.sessions), "connections": manager.connection_count,
                "compiles": COMPILES.count, "compile_seconds": round(COMPILES.seconds, 3),
                "programs": PROGRAMS.stats()._asdict(), "compiles_queued": compiler.queued()}

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs() -> str:
        return api_page(app.openapi())

    @app.get("/api/protocol")
    def protocol() -> dict[str, Any]:
        return json_schema()

    @app.websocket("/ws")
    async def session_socket(websocket: WebSocket, session: str | None = None,
                             view: str | None = None, lab: str | None = None) -> None:
        """`?session=<control id>` controls a session, `?view=<view id>` watches one,
        neither opens a new one (of the lab `?lab=<lab>` names, by default the 2D lab)."""
        if (refusal := origin_refusal(websocket.headers, websocket.url.scheme,
                                      settings)) is not None:
            await websocket.send_denial_response(PlainTextResponse(refusal, status_code=403))
            return
        await websocket.accept()
        address = websocket.client.host if websocket.client else "unknown"
        try:
            await manager.revive(session, view)  # after a restart: from its checkpoint
            found, role = manager.join(session, view, address, lab)
        except SessionRefused as refused:
            await _refuse(websocket, refused)
            return
        with manager.connected(address):
            conn = Connection(websocket, settings.send_timeout_seconds)
            found.attach(conn, role)
            # Reading and writing run side by side; when either ends (the client left, or
            # stopped reading) the other is cancelled, so nothing waits on a dead client.
            tasks = {asyncio.create_task(conn.pump()), asyncio.create_task(
                _receive(websocket, conn, found, role, manager, settings))}
            try:
                await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
            finally:
                found.detach(conn)
                for task in tasks:
                    task.cancel()
                for result in await asyncio.gather(*tasks, return_exceptions=True):
                    if isinstance(result, Exception):  # a bug: say so, the connection is lost
                        logger.error("connection to session %s failed", found.id[:8],
                                     exc_info=result)
                await conn.finish()

    if (settings.static_dir / "index.html").exists():
        app.mount("/", CompressedStaticFiles(directory=settings.static_dir, html=True),
                  name="frontend")
    else:

        @app.get("/", response_class=HTMLResponse)
        def not_built() -> str:
            return NOT_BUILT

    return app


async def _refuse(websocket: WebSocket, refused: SessionRefused) -> None:
    reason = str(refused)
    with contextlib.suppress(Exception):
        await websocket.send_text(Error(message=reason, field="session").model_dump_json())
        await websocket.close(code=refused.code, reason=reason[:120])


async def _receive(websocket: WebSocket, conn: Connection, session: Session, role: Role,
                   manager: SessionManager, settings: Settings) -> None:
    """Feed control messages to the session until the client leaves, within the limits and
    the role: a view connection may only ask what does not change the session."""
    inbound = RateLimit(settings.max_messages_per_second)
    flood_notices = RateLimit(1.0)  # one "too many messages" error a second, not one per message
    while not conn.closed:
        message = await websocket.receive()
        if message["type"] == "websocket.disconnect":
            return
        text = message.get("text")
        if not inbound.take():
            if flood_notices.take():
                conn.send(_error(f"too many messages: at most {settings.max_messages_per_second}"
                                 " per second; the excess is dropped"))
        elif text is None:
            conn.send(_error("binary messages are not accepted: send JSON text"))
        elif _utf8_length(text) > settings.max_message_bytes:
            conn.send(_error(f"message too large: at most {settings.max_message_bytes} bytes"))
        else:
            _handle(session, text, conn, role, manager)


def _handle(session: Session, text: str, conn: Connection, role: Role,
            manager: SessionManager) -> None:
    """Check a message against the role and the server's caps, then let the session handle
    it; a bug in either costs that message, not the connection."""
    try:
        if (refusal := (role == "view" and view_refusal(text))
                or manager.refuse(session, text)) is not None:
            conn.send(refusal)
        else:
            session.handle(text, conn)
    except Exception:
        logger.exception("session %s failed on a message", session.id[:8])
        conn.send(Error(message=INTERNAL_ERROR, reply_to=request_id(text)).model_dump_json())


def _error(message: str) -> str:
    return Error(message=message, field=None).model_dump_json()


def _utf8_length(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))


def serve(host: str = "127.0.0.1", port: int = 8000, settings: Settings | None = None) -> None:
    settings = settings or Settings()
    print(f"Mindscope {__version__} on http://{host}:{port}; sessions are checkpointed to "
          f"{settings.db_path}", flush=True)
    app = create_app(settings)
    config = uvicorn.Config(
        app, host=host, port=port, ws_per_message_deflate=False,
        ws_max_size=settings.hard_max_message_bytes, log_level="info",
    )
    logging.getLogger("uvicorn.error").addFilter(_brief_client_errors)  # after Config's setup
    _Server(config, app.state.sessions).run()


def _brief_client_errors(record: logging.LogRecord) -> bool:
    """Uvicorn logs a client's text frame that is not UTF-8 with a full traceback (then
    closes the connection, 1007): one line per connection is enough, and a client that
    reconnects to send more cannot fill the log with tracebacks."""
    if record.exc_info and isinstance(record.exc_info[1], UnicodeDecodeError):
        record.exc_info, record.exc_text = None, None
    return True


class _Server(uvicorn.Server):
    """Uvicorn, saying why when it stops (SIGTERM, SIGINT): it stops accepting, closes
    every client with "server restarting" (uvicorn alone closes them with no reason), then
    shuts down as usual, the app's lifespan saving every session."""

    def __init__(self, config: uvicorn.Config, sessions: SessionManager) -> None:
        super().__init__(config)
        self.sessions = sessions

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        for server in self.servers:
            server.close()
        await self.sessions.close_clients(CLOSE_RESTARTING, RESTARTING)
        await super().shutdown(sockets)
