"""The built frontend, served compressed and cached: the build writes a brotli and a gzip
copy beside each text file (frontend/precompress.ts), sent to browsers that accept them;
assets/ names carry a hash of their content, so browsers keep them for a year, while the
pages (index.html, compare.html) are checked again on every load."""

import mimetypes
import os
from pathlib import Path

from starlette.datastructures import Headers
from starlette.responses import FileResponse, Response
from starlette.staticfiles import NotModifiedResponse, StaticFiles
from starlette.types import Scope

ENCODINGS = (("br", ".br"), ("gzip", ".gz"))  # the better first
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"  # may be stored, but asked again (an ETag answers 304 when unchanged)
HASHED_FOLDER = "assets"


def accepted_encodings(header: str) -> set[str]:
    """The encodings an Accept-Encoding header accepts ("gzip, br;q=0.5": both; q=0: not)."""
    accepted = set()
    for item in header.split(","):
        name, *parameters = (part.strip() for part in item.split(";"))
        if name and _quality(parameters) > 0:
            accepted.add(name.lower())
    return accepted


def _quality(parameters: list[str]) -> float:
    for parameter in parameters:
        key, _, value = parameter.partition("=")
        if key.strip().lower() == "q":
            try:
                return float(value)
            except ValueError:
                return 0.0  # a malformed weight accepts nothing
    return 1.0


class CompressedStaticFiles(StaticFiles):
    def file_response(self, full_path: str | os.PathLike[str], stat_result: os.stat_result,
                      scope: Scope, status_code: int = 200) -> Response:
        path = Path(full_path)
        request = Headers(scope=scope)
        response = self._compressed(path, request, status_code) or FileResponse(
            path, status_code=status_code, stat_result=stat_result)
        response.headers["Vary"] = "Accept-Encoding"
        response.headers["Cache-Control"] = (
            IMMUTABLE if path.parent.name == HASHED_FOLDER else REVALIDATE)
        if self.is_not_modified(response.headers, request):
            return NotModifiedResponse(response.headers)
        return response

    @staticmethod
    def _compressed(path: Path, request: Headers, status_code: int) -> Response | None:
        accepted = accepted_encodings(request.get("accept-encoding", ""))
        for encoding, suffix in ENCODINGS:
            copy = path.with_name(path.name + suffix)
            if encoding not in accepted or not copy.is_file():
                continue
            media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            # Its stat now: the ETag and Last-Modified are set before the 304 check.
            return FileResponse(copy, status_code=status_code, media_type=media_type,
                                stat_result=copy.stat(), headers={"Content-Encoding": encoding})
        return None
