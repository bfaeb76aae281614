"""The FastAPI app: health, protocol schema, the session WebSocket, and the built frontend."""

import asyncio
import contextlib
from collections.abc import AsyncIterator

import jax
import uvicorn
from fastapi import FastAPI, WebSocket, WebSocketDisconnect
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from . import __version__
from .engine import enable_compilation_cache
from .protocol import Error, json_schema
from .sessions import Connection, SessionLimitError, SessionManager
from .settings import Settings

NOT_BUILT = """<!doctype html><title>Mindscope</title>
<h1>Mindscope's frontend is not built</h1>
<p>Run <code>make run</code> (or <code>cd frontend && npm ci && npm run build</code>).</p>"""


def jax_backend() -> str:
    backend = jax.default_backend()
    return "gpu" if backend in {"gpu", "cuda", "rocm"} else backend


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    manager = SessionManager(settings)

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if settings.compilation_cache_dir is not None:
            enable_compilation_cache(settings.compilation_cache_dir)
        janitor = asyncio.create_task(manager.run_janitor())
        yield
        janitor.cancel()
        await manager.close_all()

    app = FastAPI(title="Mindscope", version=__version__, lifespan=lifespan)
    app.state.sessions = manager

    @app.get("/healthz")
    def healthz() -> dict[str, str | int]:
        return {"status": "ok", "version": __version__, "backend": jax_backend(),
                "sessions": len(manager.sessions)}

    @app.get("/api/protocol")
    def protocol() -> dict:
        return json_schema()

    @app.websocket("/ws")
    async def session_socket(websocket: WebSocket, session: str | None = None) -> None:
        await websocket.accept()
        conn = Connection(websocket)
        try:
            found = manager.get(session) if session else manager.create()
        except SessionLimitError as exc:
            found, reason = None, str(exc)
        else:
            reason = "no such session (it may have expired); open a new one"
        if found is None:
            await websocket.send_text(Error(message=reason, field="session").model_dump_json())
            await websocket.close(code=4404 if session else 4429, reason=reason[:120])
            return
        found.attach(conn)
        pump = asyncio.create_task(conn.pump())
        try:
            await _receive(websocket, conn, found, settings, pump)
        finally:
            found.detach(conn)
            pump.cancel()

    if (settings.static_dir / "index.html").exists():
        app.mount("/", StaticFiles(directory=settings.static_dir, html=True), name="frontend")
    else:

        @app.get("/", response_class=HTMLResponse)
        def not_built() -> str:
            return NOT_BUILT

    return app


async def _receive(websocket: WebSocket, conn: Connection, session, settings: Settings,
                   pump: asyncio.Task[None]) -> None:
    """Feed control messages to the session until the client leaves or stops reading."""
    while not pump.done() and not conn.closed:
        try:
            message = await websocket.receive()
        except WebSocketDisconnect:
            return
        if message["type"] == "websocket.disconnect":
            return
        text = message.get("text")
        if text is None:
            conn.send(Error(message="binary messages are not accepted: send JSON text",
                            field=None).model_dump_json())
        elif len(text) > settings.max_message_bytes:
            conn.send(Error(message=f"message too large: at most {settings.max_message_bytes} "
                            "bytes", field=None).model_dump_json())
        else:
            session.handle(text, conn)


def serve(host: str = "127.0.0.1", port: int = 8000, settings: Settings | None = None) -> None:
    print(f"Mindscope {__version__} on http://{host}:{port}", flush=True)
    uvicorn.run(
        create_app(settings), host=host, port=port, ws_per_message_deflate=False,
        ws_max_size=1024 * 1024, log_level="info",
    )
