"""HTTP routes for files other tools read: a session's weights as safetensors (its config
as metadata) and its curves as CSV. Like the session file, only the control id exports."""

import asyncio

from fastapi import APIRouter, Request
from fastapi.responses import Response

from . import __version__
from .exports.curves import curves_csv
from .exports.weights import safetensors_bytes
from .routes import SessionId, session_file
from .sessions.archive import Archive, load

router = APIRouter(prefix="/api")


@router.get("/sessions/{session_id}/weights.safetensors", response_class=Response)
async def export_weights(session_id: SessionId, request: Request) -> Response:
    """Every parameter by its path ("0.w", "1.b", ...), with string metadata: the format,
    Mindscope's version, the lab, the step and the whole config as JSON."""
    archive = await _archive(session_id, request)
    metadata = {"format": "mindscope-weights", "mindscope_version": __version__,
                "lab": archive.config.lab.lab, "step": str(archive.step),
                "config": archive.config.model_dump_json()}
    body = await asyncio.to_thread(safetensors_bytes, archive.params, metadata)
    return Response(body, media_type="application/octet-stream",
                    headers=_attachment(session_id, "safetensors"))


@router.get("/sessions/{session_id}/curves.csv", response_class=Response)
async def export_curves(session_id: SessionId, request: Request) -> Response:
    """The session's curves: step, train and test loss, train and test accuracy (empty for
    regression, or a loss that is not a finite number); thinned evenly past 2,000 rows."""
    archive = await _archive(session_id, request)
    return Response(curves_csv(archive.history), media_type="text/csv; charset=utf-8",
                    headers=_attachment(session_id, "csv"))


async def _archive(session_id: str, request: Request) -> Archive:
    return await asyncio.to_thread(load, await session_file(session_id, request))


def _attachment(session_id: str, extension: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="mindscope-{session_id[:8]}.'
                                   f'{extension}"'}
