"""A server restarted under an open page: the page says why, reconnects by itself and
carries on with the same session, from its checkpoint."""

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from pagetools import open_lab, step, wait_for_step_above
from playwright.sync_api import Page, WebSocketRoute, expect

from mindscope.bench.server import free_port, running_server


def session_of(page: Page) -> str:
    return parse_qs(urlsplit(page.url).query)["session"][0]


def test_the_page_resumes_its_session_after_a_restart(page: Page, tmp_path: Path) -> None:
    # The same port and database, as when a teacher's laptop restarts the server.
    port, flags = free_port(), ["--db", str(tmp_path / "sessions.db"), "--checkpoint-seconds",
                                "0.2"]
    with running_server(flags, port=port) as server:
        open_lab(page, server.url)
        wait_for_step_above(page, 300)
        session = session_of(page)
        server.process.terminate()
        expect(page.locator("#connection-status")).to_contain_text("server restarting",
                                                                   timeout=20_000)
        server.process.wait(timeout=20)
        stopped_at = step(page)

    with running_server(flags, port=port):
        expect(page.locator("#connection-status")).to_have_text("Connected", timeout=60_000)
        assert session_of(page) == session  # not a new session: that would start at step 0
        wait_for_step_above(page, stopped_at)


def test_a_reconnect_keeps_the_users_changes_over_the_address(page: Page,
                                                              server_url: str) -> None:
    # The address sets up a new session; the user then changes it. A dropped connection
    # rejoins the same session, which keeps the user's change: the address's settings are
    # for a session new to the page, not for every reconnect.
    sockets: list[WebSocketRoute] = []

    def through(ws: WebSocketRoute) -> None:
        ws.connect_to_server()
        sockets.append(ws)

    page.route_web_socket(re.compile(r"/ws"), through)
    open_lab(page, server_url, "optimizer=adam")
    optimizer = page.get_by_label("Optimizer")
    expect(optimizer).to_have_value("adam")
    optimizer.select_option("sgd")
    page.wait_for_function("() => new URLSearchParams(location.search).get('optimizer') !== 'adam'")
    session = session_of(page)
    sockets[0].close(code=1012, reason="server restarting")
    expect(page.locator("#connection-status")).to_have_text("Connected", timeout=20_000)
    assert len(sockets) == 2
    drawn = page.evaluate("() => window.__mindscopeStats.framesDrawn")
    page.wait_for_function(f"() => window.__mindscopeStats.framesDrawn > {drawn + 20}")
    assert session_of(page) == session
    expect(optimizer).to_have_value("sgd")
