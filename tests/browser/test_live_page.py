"""The live page in a real Chromium against the real server."""

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Page, expect

from mindscope.client import connect

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "images"


def _step(page: Page) -> int:
    return int(page.locator("#step").inner_text().replace(",", ""))


def _wait_for_step_above(page: Page, step: int) -> None:
    page.wait_for_function(f"Number(document.getElementById('step').textContent) > {step}")


def _heatmap(page: Page) -> str:
    return page.locator("#output-heatmap").evaluate("canvas => canvas.toDataURL()")


def test_page_trains_live_and_pauses(page: Page, server_url: str) -> None:
    page.goto(server_url)
    expect(page).to_have_title("Mindscope")
    _wait_for_step_above(page, 0)
    first_step, first_map = _step(page), _heatmap(page)
    _wait_for_step_above(page, first_step + 500)
    assert _heatmap(page) != first_map

    page.get_by_role("button", name="Pause").click()
    expect(page.get_by_role("button", name="Play")).to_be_visible()
    page.wait_for_timeout(500)  # let a chunk already in flight land
    paused_at = _step(page)
    page.wait_for_timeout(1000)
    assert _step(page) == paused_at

    page.get_by_role("button", name="Play").click()
    _wait_for_step_above(page, paused_at)


def test_learning_rate_control_reaches_the_session(page: Page, server_url: str) -> None:
    page.goto(server_url)
    _wait_for_step_above(page, 0)
    page.get_by_label("Learning rate").select_option("0.3")
    page.wait_for_function("new URLSearchParams(location.search).has('session')")
    session_id = parse_qs(urlsplit(page.url).query)["session"][0]
    # A second, independent client joins the same session and sees the change.
    with connect(server_url, session_id) as watcher:
        assert watcher.config["learning_rate"] == 0.3
    expect(page.get_by_label("Learning rate")).to_have_value("0.3")


def test_screenshot_for_the_readme(page: Page, server_url: str) -> None:
    page.goto(server_url)
    _wait_for_step_above(page, 4000)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "mindscope.png")
