"""The server's files over HTTP: session files (export, import), weights as safetensors,
curves as CSV."""

import json
import urllib.error
import urllib.request
from pathlib import Path

from .addresses import base_url
from .errors import ServerError

TIMEOUT = 60.0
KINDS = {"session": "export", "weights": "weights.safetensors", "curves": "curves.csv"}


def download(url: str, session_id: str, kind: str) -> bytes:
    """A session's file of `kind` (session, weights or curves) by its control id."""
    if kind not in KINDS:
        raise ValueError(f"no file kind {kind!r}; the kinds are {', '.join(KINDS)}")
    return _call(urllib.request.Request(
        f"{base_url(url)}/api/sessions/{session_id}/{KINDS[kind]}"))


def upload_session(url: str, session_file: bytes | str | Path) -> str:
    """A new session (paused) from a session file's bytes or path; its control id."""
    body = session_file if isinstance(session_file, bytes) else Path(session_file).read_bytes()
    answer = _call(urllib.request.Request(
        f"{base_url(url)}/api/sessions/import", data=body, method="POST",
        headers={"Content-Type": "application/octet-stream"}))
    session_id: str = json.loads(answer)["session_id"]
    return session_id


def _call(request: urllib.request.Request) -> bytes:
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            body: bytes = response.read()
            return body
    except urllib.error.HTTPError as refused:
        raise ServerError(_detail(refused), status=refused.code) from None


def _detail(refused: urllib.error.HTTPError) -> str:
    """FastAPI's {"detail": ...}, or the body as text (the Host check answers plain text)."""
    text = refused.read().decode("utf-8", "replace")
    try:
        detail = json.loads(text)["detail"]
    except (ValueError, KeyError, TypeError):
        return text or f"HTTP {refused.code}"
    return detail if isinstance(detail, str) else json.dumps(detail)
