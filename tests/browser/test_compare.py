"""Side-by-side comparison in Chromium: variants that share data and initial weights,
trained in lockstep, their curves on one chart and their decision boundaries side by side."""

from pagetools import open_lab, pixels, screenshot
from playwright.sync_api import Page, expect

STATE = "window.__mindscopeCompare"
# Pixels near a colour on the chart's canvas (a curve drawn in that colour).
NEAR = ("([r, g, b]) => { const c = document.querySelector('#compare-chart canvas');"
        " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
        " for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - r) + Math.abs(d[i + 1] - g)"
        " + Math.abs(d[i + 2] - b) < 40) n++; return n; }")


def test_compare_optimizers_in_lockstep_from_the_same_start(page: Page, server_url: str) -> None:
    open_lab(page, server_url, "dataset=xor&hidden=6,4&learning_rate=0.1")
    variable = page.get_by_label("Setting to compare")
    for _ in range(5):  # the form may be built again as the session's first state arrives
        page.get_by_role("button", name="Compare…").click()
        page.wait_for_timeout(500)
        if variable.is_visible():
            break
    variable.select_option("optimizer")
    page.locator("[data-control='compare-values']").fill("sgd|adam")
    page.get_by_label("Steps a round").last.select_option("5")
    link = page.get_by_role("link", name="Open the comparison")
    href = link.get_attribute("href")
    assert href is not None and "vary=optimizer&values=sgd|adam&round=5" in href
    assert "dataset=xor" in href and "hidden=6,4" in href and "learning_rate=0.1" in href

    page.goto(f"{server_url}/{href}")  # the address alone reproduces the comparison
    page.wait_for_function(f"{STATE} && {STATE}.lockstep.rounds.length >= 20", timeout=60_000)
    assert page.evaluate(f"{STATE}.origin") == {"data": True, "weights": True}
    rounds = page.evaluate(f"{STATE}.lockstep.rounds")
    for i, steps in enumerate(rounds):
        assert steps == [5 * (i + 1)] * 2, (i, steps)  # equal step counters after each round

    variants = page.locator(".variant")
    expect(variants).to_have_count(2)
    expect(variants.first).to_contain_text("Optimizer = sgd")
    expect(variants.last).to_contain_text("Optimizer = adam")
    # Both curves are drawn, each in its variant's colour, and both boundaries differ.
    assert page.evaluate(f"{STATE}.chartPoints") >= 20
    blue, vermillion = [0x00, 0x72, 0xB2], [0xD5, 0x5E, 0x00]
    page.wait_for_function(f"({NEAR})({blue}) > 30 && ({NEAR})({vermillion}) > 30")
    plots = page.locator(".variant canvas")
    assert pixels(plots.first) != pixels(plots.last)
    expect(page.locator("#compare-status")).to_contain_text("same initial weights ✓")

    page.get_by_role("button", name="Pause").click()
    expect(page.get_by_role("button", name="Play")).to_be_visible()
    screenshot(page, "compare.png")


def test_an_invalid_comparison_address_is_named(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/compare.html?vary=optimizer&values=sgd")
    expect(page.locator("#notices")).to_contain_text("values: give 2 to 4")
