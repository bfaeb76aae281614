"""What the browser tests do to and read from the page, in the user's terms."""

import time
from pathlib import Path

from playwright.sync_api import Locator, Page

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "images"


def open_lab(page: Page, server_url: str, query: str = "") -> None:
    """Open the page (a new session unless `query` names one) and wait for a frame."""
    page.goto(f"{server_url}/{'?' + query if query else ''}")
    # Functions, not expressions, here: Playwright evals expressions, which the app's CSP
    # forbids in a page that does not bypass it (see conftest.py).
    page.wait_for_function("() => window.__mindscopeStats?.framesDrawn > 0")


def counter(page: Page, name: str) -> str:
    """The text of a read-out: step, epoch, updates, rate-now, train-loss, ..."""
    return page.locator(f"#{name}").inner_text()


def step(page: Page) -> int:
    return int(counter(page, "step"))


def wait_for_step_above(page: Page, value: int, timeout: float = 30_000) -> None:
    page.wait_for_function(f"() => Number(document.getElementById('step').textContent) > {value}",
                           timeout=timeout)


def pixels(locator: Locator) -> str:
    """A canvas's current image, to compare before and after."""
    return locator.evaluate("canvas => canvas.toDataURL()")


def plot(page: Page) -> Locator:
    return page.locator("#output-plot")


def links(page: Page) -> Locator:
    return page.locator(".links")


def wait_until_changed(page: Page, locator: Locator, before: str, timeout: float = 20.0) -> None:
    """Wait until the canvas shows something other than `before` (the locator is resolved
    afresh each time, as a view may replace its canvas)."""
    deadline = time.monotonic() + timeout
    while pixels(locator) == before:
        if time.monotonic() > deadline:
            raise AssertionError(f"{locator} did not change in {timeout} s")
        page.wait_for_timeout(100)


def slide_to(page: Page, label: str, text: str) -> None:
    """Move a slider (found by its label) until its read-out shows `text`."""
    slider = page.get_by_label(label, exact=True)
    readout = page.locator(f"output[for='{slider.get_attribute('id')}']")
    low, high = float(slider.get_attribute("min") or 0), float(slider.get_attribute("max") or 0)
    step = float(slider.get_attribute("step") or 1)
    for i in range(round((high - low) / step) + 1):
        slider.fill(f"{low + i * step:g}")
        if readout.inner_text() == text:
            return
    raise AssertionError(f"{label} never showed {text}")


def screenshot(page: Page, name: str, part: Locator | None = None) -> None:
    """Save the page (or only `part` of it) as docs/images/`name`."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (part or page).screenshot(path=SCREENSHOTS / name)
