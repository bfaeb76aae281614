"""Security headers on every HTTP response of the real server: the page, the API, files."""

from collections.abc import Iterator

import httpx
import pytest

from mindscope.bench.server import running_server
from mindscope.client import connect


def _policy(response: httpx.Response) -> dict[str, str]:
    """The Content-Security-Policy as {directive: sources}."""
    pairs = (d.strip().split(" ", 1) for d in response.headers["content-security-policy"]
             .split(";"))
    return {name: value for name, value in pairs}


@pytest.mark.parametrize("path", ["/", "/index.html", "/healthz", "/api/protocol",
                                  "/api/datasets", "/api/sessions/nosuch/export", "/nowhere"])
def test_every_response_carries_the_security_headers(server_url: str, path: str) -> None:
    response = httpx.get(server_url + path, timeout=30)
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"  # URLs hold capabilities
    policy = _policy(response)
    host = server_url.removeprefix("http://")
    assert policy["default-src"] == "'self'" and policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"  # no inline styles: uPlot and the views use CSSOM
    assert policy["img-src"] == "'self' data: blob:"
    assert policy["connect-src"] == f"'self' ws://{host} wss://{host}"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "*"  # embedding a lab in a course page is a use


def test_the_api_docs_may_load_swagger_ui_and_nothing_else(server_url: str) -> None:
    policy = _policy(httpx.get(server_url + "/docs", timeout=30))
    assert policy["script-src"] == "'self' 'unsafe-inline' https://cdn.jsdelivr.net"
    assert policy["connect-src"].startswith("'self'")
    assert policy["object-src"] == "'none'"


def test_session_files_are_never_cached(server_url: str) -> None:
    with connect(server_url) as session:
        session.next_frame()
        exported = httpx.get(f"{server_url}/api/sessions/{session.id}/export", timeout=30)
    assert exported.status_code == 200
    assert exported.headers["cache-control"] == "no-store"
    imported = httpx.post(f"{server_url}/api/sessions/import", content=exported.content,
                          timeout=60)
    assert imported.status_code == 201 and imported.headers["cache-control"] == "no-store"


@pytest.fixture(scope="module")
def any_host() -> Iterator[str]:
    with running_server(["--allowed-host", "*"]) as server:  # as one bound to a network
        yield server.url


def test_a_forged_host_does_not_reach_the_policy(server_url: str, any_host: str) -> None:
    forged = {"host": "x; script-src *"}
    assert httpx.get(server_url + "/", headers=forged, timeout=30).status_code == 400
    response = httpx.get(any_host + "/", headers=forged, timeout=30)  # a server taking any
    assert _policy(response)["connect-src"] == "'self'"
    assert _policy(response)["script-src"] == "'self'"


@pytest.fixture(scope="module")
def framed() -> Iterator[str]:
    with running_server(["--frame-ancestors", "'self' https://course.example"]) as server:
        yield server.url


def test_who_may_frame_the_page_is_a_setting(framed: str) -> None:
    response = httpx.get(framed + "/", timeout=30)
    assert _policy(response)["frame-ancestors"] == "'self' https://course.example"
