"""/docs: the HTTP API as a page the server renders from its own OpenAPI schema, with no
script and nothing from another site (FastAPI's Swagger UI loads from a CDN and shows
nothing offline). The schemas themselves: /openapi.json, and /api/protocol for the
WebSocket's messages."""

from html import escape
from typing import Any

LINKS = (("/openapi.json", "OpenAPI schema of the HTTP API (JSON)"),
         ("/api/protocol", "JSON Schema of every WebSocket message (the protocol)"),
         ("/healthz", "health"))
METHODS = ("get", "post", "put", "patch", "delete")


def api_page(openapi: dict[str, Any]) -> str:
    info = openapi.get("info", {})
    title = escape(f"{info.get('title', 'API')} {info.get('version', '')}".strip())
    links = "".join(f'<li><a href="{href}">{escape(href)}</a>: {escape(what)}</li>'
                    for href, what in LINKS)
    routes = "".join(_route(path, method, operation)
                     for path, item in openapi.get("paths", {}).items()
                     for method, operation in item.items() if method in METHODS)
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f"<title>{title}: HTTP API</title></head><body><h1>{title}: HTTP API</h1>"
            f"<p>Sessions are driven over the WebSocket <code>/ws</code>; see the protocol's "
            f"schema below. These are the HTTP routes beside it.</p><ul>{links}</ul>"
            f"{routes}</body></html>")


def _route(path: str, method: str, operation: dict[str, Any]) -> str:
    parameters = "".join(
        f"<li><code>{escape(p['name'])}</code> ({escape(p.get('in', ''))}"
        f"{', required' if p.get('required') else ''})</li>"
        for p in operation.get("parameters", []))
    responses = ", ".join(escape(code) for code in operation.get("responses", {}))
    description = escape(operation.get("description", "")).replace("\n\n", "<br><br>")
    return (f"<section><h2><code>{method.upper()} {escape(path)}</code></h2>"
            f"<p><b>{escape(operation.get('summary', ''))}</b></p><p>{description}</p>"
            f"{f'<p>Parameters:</p><ul>{parameters}</ul>' if parameters else ''}"
            f"<p>Answers: {responses}</p></section>")
