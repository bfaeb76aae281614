"""A shared view link in real Chromium: the watcher sees the live session with every
control locked and a view-only notice, never learns the control id, and cannot change
anything; the built app runs under its Content-Security-Policy without a violation."""

from urllib.parse import parse_qs, urlsplit

from pagetools import open_lab, step, wait_for_step_above
from playwright.sync_api import Browser, Page, expect

# Every violation the page sees, as the browser reports it (before any script of the app).
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__violations.push(e.violatedDirective + " " + e.blockedURI));
"""


def _share_link(page: Page) -> str:
    page.get_by_role("button", name="Share view link").click()
    field = page.get_by_label("View link")
    expect(field).to_be_visible()
    return field.input_value()


def test_a_view_link_watches_live_and_cannot_change_anything(
        page: Page, browser: Browser, server_url: str) -> None:
    open_lab(page, server_url)
    control_id = parse_qs(urlsplit(page.url).query)["session"][0]
    link = _share_link(page)
    view_id = parse_qs(urlsplit(link).query)["view"][0]
    assert link.startswith(server_url) and control_id not in link and view_id != control_id

    watcher = browser.new_page()  # its own context, under the app's CSP
    watcher.goto(link)
    watcher.wait_for_function("() => window.__mindscopeStats?.framesDrawn > 0")
    expect(watcher.locator("#view-only-notice")).to_contain_text("View only")
    expect(watcher.locator("#connection-status")).to_have_text("Connected")
    # Frames keep arriving while the owner trains.
    wait_for_step_above(watcher, step(watcher) + 50)
    # Every control that changes the session is locked; the share button is not offered.
    for control in (watcher.get_by_role("button", name="Pause"),
                    watcher.get_by_label("Learning rate", exact=True),
                    watcher.get_by_label("Optimizer", exact=True),
                    watcher.get_by_label("Noise", exact=True),
                    watcher.get_by_role("button", name="Reset")):
        expect(control).to_be_disabled()
    expect(watcher.get_by_role("button", name="Share view link")).to_be_hidden()
    watcher.keyboard.press("Space")  # the pause shortcut sends nothing from a view link
    expect(watcher.get_by_role("alert")).to_have_count(0)  # not even a refused request
    # The owner's changes reach the watcher; the watcher never learns the control id.
    page.get_by_label("Optimizer", exact=True).select_option("adam")
    expect(watcher.get_by_label("Optimizer", exact=True)).to_have_value("adam")
    expect(page.get_by_role("button", name="Pause")).to_be_visible()  # still playing
    assert "view=" in watcher.url and "session=" not in watcher.url
    assert control_id not in watcher.content() and control_id not in watcher.url
    watcher.close()


def test_a_view_link_to_a_gone_session_says_so_and_stops(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/?view=no-such-view-id-0123456789")
    expect(page.locator("#connection-status")).to_contain_text("Not connected")
    expect(page.get_by_role("alert")).to_contain_text("no such session")
    page.wait_for_timeout(1500)  # longer than the first retry would wait: none comes
    expect(page.locator("#connection-status")).to_contain_text("Not connected")


def test_the_built_app_runs_under_its_content_security_policy(
        browser: Browser, server_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})  # CSP enforced
    page = context.new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    response = page.goto(server_url)
    assert response is not None
    assert "default-src 'self'" in response.headers["content-security-policy"]
    # A function, not an expression: Playwright would eval an expression, which the CSP
    # refuses (as it should).
    page.wait_for_function("() => Number(document.getElementById('step').textContent) > 100",
                           timeout=30_000)
    page.locator(".inside").scroll_into_view_if_needed()  # the Inside panel's swatches
    page.locator("#network").hover()
    page.get_by_role("button", name="Share view link").click()
    page.wait_for_timeout(500)
    assert page.evaluate("() => window.__violations") == []
    assert not [m for m in console if "Content Security Policy" in m]
    context.close()
