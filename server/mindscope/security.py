"""What keeps other sites out: the Host check, the WebSocket's Origin check and the HTTP
security headers."""

import re
from collections.abc import Mapping

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .settings import Settings

HOST = re.compile(r"[A-Za-z0-9.-]+(:[0-9]{1,5})?|\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?")
# FastAPI's /docs and /redoc pages load Swagger UI and ReDoc from a CDN with inline scripts.
DOCS_PATHS = ("/docs", "/redoc")
DOCS_SOURCES = "https://cdn.jsdelivr.net"


def host_refusal(host: str | None, allowed: tuple[str, ...]) -> str | None:
    """Why a request naming this Host is refused, or None when the server answers to it.

    A DNS-rebinding page (evil.example made to resolve to 127.0.0.1) is same-origin with
    the server as far as the browser knows, Origin check included; only its Host gives
    it away.
    """
    if "*" in allowed:
        return None
    name = _host_name(host or "")
    if name in allowed or any(p.startswith("*.") and name.endswith(p[1:]) for p in allowed):
        return None
    return (f"host {(host or '(none)')[:100]!r} is not served here: this server answers to "
            f"{', '.join(allowed)} (a guard against DNS rebinding; name others with "
            "--allowed-host)")


def _host_name(host: str) -> str:
    """The name in a Host header: no port, no IPv6 brackets, lower case."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0].rstrip(".") if host.count(":") == 1 else host.rstrip(".")


class TrustedHosts:
    """Refuses every request and WebSocket whose Host the server does not answer to, but
    /healthz, which tells nothing of anyone's sessions and which probes ask by any name."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app, self.allowed = app, settings.allowed_hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in {"http", "websocket"} and scope["path"] != "/healthz" and (
                refusal := self._refusal(Headers(scope=scope))) is not None:
            # Starlette turns this into a WebSocket denial response where it must.
            await PlainTextResponse(refusal, status_code=400)(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _refusal(self, headers: Headers) -> str | None:
        hosts = headers.getlist("host")
        if len(hosts) > 1:  # which one a proxy and this server would each read is anyone's guess
            return "a request names one host: this one has several Host headers (RFC 9112)"
        return host_refusal(hosts[0] if hosts else None, self.allowed)


def origin_refusal(headers: Mapping[str, str], scheme: str, settings: Settings) -> str | None:
    """Why a WebSocket handshake from another site is refused, or None when it may go on.

    A browser always sends Origin, so a page elsewhere cannot borrow a user's session
    (cross-site WebSocket hijacking); scripts and the Python client send none and pass.
    """
    origin = headers.get("origin")
    if origin is None:
        return None
    normal = origin.lower().rstrip("/")
    own = f"{'https' if scheme in {'wss', 'https'} else 'http'}://{headers.get('host', '')}"
    if normal == own.lower() or normal in settings.allow_origins:
        return None
    return (f"cross-origin WebSocket refused: pages on {origin[:100]} may not open Mindscope "
            f"sessions (the server's own origin is {own[:100]}; allow another with "
            "--allow-origin)")


def content_security_policy(path: str, host: str | None, settings: Settings) -> str:
    """The page may load only what the server serves, talk only to its own socket, and be
    framed by whom the settings allow."""
    sockets = f" ws://{host} wss://{host}" if host and HOST.fullmatch(host) else ""
    docs = path.startswith(DOCS_PATHS)
    scripts = f"'self' 'unsafe-inline' {DOCS_SOURCES}" if docs else "'self'"
    styles = f"'self' {DOCS_SOURCES}" if docs else "'self'"
    return (f"default-src 'self'; script-src {scripts}; style-src {styles}; "
            f"img-src 'self' data: blob:{' https:' if docs else ''}; "
            f"connect-src 'self'{sockets}; object-src 'none'; base-uri 'self'; "
            f"form-action 'self'; frame-ancestors {settings.frame_ancestors}")


class SecurityHeaders:
    """Adds the security headers to every HTTP response (WebSockets pass untouched).

    Referrer-Policy matters here: a page's address may hold a session's capability.
    Session routes (files with weights and points) are never cached.
    """

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app, self.settings = app, settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        policy = content_security_policy(path, Headers(scope=scope).get("host"), self.settings)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", policy.encode("latin-1")),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                ]
                if path.startswith("/api/sessions"):
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
