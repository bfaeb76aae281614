"""A server restarted under an open page: the page says why, reconnects by itself and
carries on with the same session, from its checkpoint."""

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from pagetools import open_lab, step, wait_for_step_above
from playwright.sync_api import Page, expect

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
