"""The live page in a real Chromium against the real server: training, pausing, rejoining."""

from urllib.parse import parse_qs, urlsplit

from pagetools import open_lab, pixels, plot, screenshot, step, wait_for_step_above
from playwright.sync_api import Page, expect


def test_page_trains_live_and_pauses(page: Page, server_url: str) -> None:
    open_lab(page, server_url)
    expect(page).to_have_title("Mindscope")
    wait_for_step_above(page, 0)
    first_step, first_map = step(page), pixels(plot(page))
    wait_for_step_above(page, first_step + 500)
    assert pixels(plot(page)) != first_map
    expect(page.locator("#updates")).not_to_have_text("0")

    page.get_by_role("button", name="Pause").click()
    expect(page.get_by_role("button", name="Play")).to_be_visible()
    page.wait_for_timeout(500)  # let a chunk already in flight land
    paused_at = step(page)
    page.wait_for_timeout(1000)
    assert step(page) == paused_at

    page.get_by_role("button", name="Step", exact=True).click()
    wait_for_step_above(page, paused_at)
    page.evaluate("document.activeElement.blur()")  # on a focused button, space presses it
    page.keyboard.press("Space")  # the shortcut plays again
    wait_for_step_above(page, paused_at + 100)


def test_reload_rejoins_the_session(page: Page, server_url: str) -> None:
    open_lab(page, server_url)
    wait_for_step_above(page, 300)
    session = parse_qs(urlsplit(page.url).query)["session"][0]
    before = step(page)
    page.reload()
    page.wait_for_function("window.__mindscopeStats.framesDrawn > 0")
    assert parse_qs(urlsplit(page.url).query)["session"][0] == session
    assert step(page) >= before  # the same run goes on; a new session would start at 0


def test_screenshot_for_the_readme(page: Page, server_url: str) -> None:
    open_lab(page, server_url)
    wait_for_step_above(page, 3000)
    screenshot(page, "mindscope.png")
