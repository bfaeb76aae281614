"""HTTP routes beside the WebSocket: dataset previews and session files."""

import asyncio
from typing import Annotated

import numpy as np
from fastapi import APIRouter, HTTPException, Path, Request
from fastapi.responses import Response
from pydantic import BaseModel

from .labs.points.data import DATASETS, make_planar_data
from .request_body import read_body
from .sessions.archive import ArchiveError, check, load
from .sessions.manager import (
    CLOSE_TOO_MANY,
    CLOSE_TRY_LATER,
    SessionLimitError,
    SessionManager,
    SessionRefused,
)
from .sessions.session import SessionStopped

router = APIRouter(prefix="/api")
PREVIEW_POINTS = 120
MAX_IMPORT_BYTES = 16 * 1024 * 1024
SessionId = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]


class DatasetPreview(BaseModel):
    name: str
    label: str
    problem: str
    classes: int
    points: list[tuple[float, float, float]]  # (x1, x2, label): a sample to draw a thumbnail


class Imported(BaseModel):
    session_id: str


def _manager(request: Request) -> SessionManager:
    manager: SessionManager = request.app.state.sessions  # set by create_app
    return manager


@router.get("/datasets")
def datasets() -> list[DatasetPreview]:
    """Every built-in dataset with a sample of its points, for thumbnails."""
    previews = []
    for name, info in DATASETS.items():
        data = make_planar_data(name, seed=0, train_share=0.9)
        step = max(1, len(data.x_train) // PREVIEW_POINTS)
        sample = np.column_stack([data.x_train, data.y_train])[::step][:PREVIEW_POINTS]
        previews.append(DatasetPreview(name=name, label=info.label, problem=info.problem,
                                       classes=info.classes,
                                       points=np.round(sample.astype(np.float64), 3).tolist()))
    return previews


@router.get("/sessions/{session_id}/export", response_class=Response)
async def export_session(session_id: SessionId, request: Request) -> Response:
    """The session as a file: configuration, weights, optimizer state, points, history.
    Only the control id exports: a view id is not a session id here, so it gets 404."""
    return Response(
        await session_file(session_id, request), media_type="application/octet-stream",
        headers={"Content-Disposition":
                 f'attachment; filename="mindscope-{session_id[:8]}.mindscope"'},
    )


async def session_file(session_id: str, request: Request) -> bytes:
    """The session of this control id as a file (see sessions/archive.py); HTTP errors for
    an unknown id (404), a full server (429, 503) or a session that stopped (500)."""
    manager = _manager(request)
    try:
        await manager.revive(session_id, None)  # after a restart: from its checkpoint
    except SessionRefused as refused:
        status = {CLOSE_TRY_LATER: 503, CLOSE_TOO_MANY: 429}.get(refused.code, 404)
        raise HTTPException(status, str(refused)) from None
    session = manager.get(session_id)
    if session is None:
        raise HTTPException(404, "no such session (it may have expired)")
    try:
        return await session.export()
    except SessionStopped as exc:
        raise HTTPException(500, str(exc)) from None


@router.post("/sessions/import", status_code=201)
async def import_session(request: Request) -> Imported:
    """A new session from an exported file (the request body); it starts paused."""
    body = await read_body(request, MAX_IMPORT_BYTES,
                           f"a session file is at most {MAX_IMPORT_BYTES} bytes")
    try:
        archive = load(body)
        await asyncio.to_thread(check, archive)
    except ArchiveError as exc:
        raise HTTPException(422, str(exc)) from None
    address = request.client.host if request.client else "unknown"
    try:
        session = _manager(request).create(archive=archive, address=address)
    except SessionLimitError as exc:
        raise HTTPException(429, str(exc)) from None
    return Imported(session_id=session.id)
