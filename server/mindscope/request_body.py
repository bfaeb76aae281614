"""A request's body read in chunks, refused (413) as soon as it passes a limit: a client
cannot make the server hold more than the limit by sending more."""

from fastapi import HTTPException, Request


async def read_body(request: Request, most: int, too_large: str) -> bytes:
    """The body, at most `most` bytes; past it, 413 with `too_large` as the detail."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > most:
            raise HTTPException(413, too_large)
    return bytes(body)
