"""The address holds the setup: a copied link reproduces it, bad values are named, parts
can be hidden for embedding, and presentation mode enlarges everything."""

import re
from urllib.parse import parse_qs, urlencode, urlsplit

from pagetools import open_lab, step, wait_for_step_above
from playwright.sync_api import Browser, Page, expect

SETUP = "dataset=xor&hidden=3&activations=relu&optimizer=adam&learning_rate=0.01&show_test=1"


def _session(url: str) -> str:
    return parse_qs(urlsplit(url).query)["session"][0]


def _expect_setup(page: Page) -> None:
    xor = page.get_by_role("radio", name="Exclusive or")
    expect(xor).to_have_attribute("aria-checked", "true")
    expect(page.locator('.node[data-column="1"]')).to_have_count(3, timeout=30_000)
    expect(page.get_by_label("Activation", exact=True)).to_have_value("relu")
    expect(page.get_by_label("Optimizer")).to_have_value("adam")
    expect(page.get_by_label("Learning rate")).to_have_attribute("aria-valuetext", "0.01")
    expect(page.get_by_label("Show test data")).to_be_checked()


def test_a_copied_link_reproduces_the_setup(page: Page, browser: Browser, server_url: str) -> None:
    open_lab(page, server_url, SETUP)
    _expect_setup(page)
    page.get_by_label("Discretize output").check()
    wait_for_step_above(page, 200)
    link = page.url
    assert "discretize=1" in link and "session=" in link

    # Without the session, the link starts a new session with the same settings.
    query = {k: v[0] for k, v in parse_qs(urlsplit(link).query).items() if k != "session"}
    fresh = browser.new_page()
    open_lab(fresh, server_url, urlencode(query))
    _expect_setup(fresh)
    expect(fresh.get_by_label("Discretize output")).to_be_checked()
    assert _session(fresh.url) != _session(link)

    # With it, the new page joins the same run, which goes on from where it is.
    joined = browser.new_page()
    at = step(page)
    joined.goto(link)
    joined.wait_for_function("() => window.__mindscopeStats.framesDrawn > 0")  # CSP: no eval
    _expect_setup(joined)
    assert step(joined) >= at
    fresh.close()
    joined.close()


def test_invalid_values_are_named_and_replaced_by_defaults(page: Page, server_url: str) -> None:
    open_lab(page, server_url, "learning_rate=fast&hidden=4,99&optimizer=adam")
    notice = page.get_by_role("alert").filter(has_text="invalid settings")
    expect(notice).to_contain_text("learning_rate=fast")
    expect(notice).to_contain_text("hidden=4,99")
    expect(page.get_by_label("Learning rate")).to_have_attribute("aria-valuetext", "0.03")
    expect(page.get_by_label("Optimizer")).to_have_value("adam")


def test_hidden_controls_are_absent(page: Page, server_url: str) -> None:
    open_lab(page, server_url, "hide=dataset,optimizer&noise_hide=true")
    expect(page.get_by_role("radiogroup", name="Dataset")).to_have_count(0)
    expect(page.get_by_label("Noise")).to_have_count(0)
    expect(page.get_by_label("Optimizer")).to_have_count(0)
    expect(page.get_by_label("Learning rate")).to_be_visible()
    hidden = parse_qs(urlsplit(page.url).query)["hide"][0].split(",")
    # Kept in the address, so a copied link hides them too.
    assert sorted(hidden) == ["dataset", "noise", "optimizer"]


def test_presentation_mode_enlarges_everything(browser: Browser, server_url: str) -> None:
    sizes = {}
    for mode in ("", "present=1"):
        page = browser.new_page(viewport={"width": 1920, "height": 1080})
        open_lab(page, server_url, mode)
        play = page.get_by_role("button", name=re.compile("Play|Pause"))
        sizes[mode] = (play.evaluate("b => parseFloat(getComputedStyle(b).fontSize)"),
                       page.locator("#output-plot").bounding_box()["width"])  # type: ignore[index]  # visible
        page.close()
    assert sizes["present=1"][0] >= 1.3 * sizes[""][0]
    assert sizes["present=1"][1] > sizes[""][1]
