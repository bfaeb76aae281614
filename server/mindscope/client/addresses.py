"""Where a session lives: the server's base address, its WebSocket, its pages."""

from urllib.parse import urlencode, urlsplit


def base_url(url: str) -> str:
    """The server's http(s)://host:port from any of its addresses ("127.0.0.1:8000",
    "http://host:8000/", "ws://host:8000/ws")."""
    parts = urlsplit(url if "//" in url else f"http://{url}")
    if parts.scheme not in {"http", "https", "ws", "wss"} or not parts.netloc:
        raise ValueError(f"not a Mindscope server's address: {url!r} (give e.g. "
                         "http://127.0.0.1:8000)")
    scheme = "https" if parts.scheme in {"https", "wss"} else "http"
    return f"{scheme}://{parts.netloc}"


def socket_url(url: str, *, session_id: str | None = None, view_id: str | None = None,
               lab: str | None = None) -> str:
    """The WebSocket that opens a new session (of `lab`), rejoins `session_id` or watches
    `view_id`."""
    if session_id and view_id:
        raise ValueError("name a session_id or a view_id, not both")
    base = base_url(url)
    capability = ({"session": session_id} if session_id else {"view": view_id} if view_id
                  else {"lab": lab} if lab else {})
    query = f"?{urlencode(capability)}" if capability else ""
    return f"ws{base.removeprefix('http')}/ws{query}"


def page_url(url: str, lab: str, **capability: str) -> str:
    """The page that shows a session: page_url(url, "images", view=view_id)."""
    query = urlencode(({"lab": lab} if lab != "points" else {}) | capability)
    return f"{base_url(url)}/?{query}"
