"""The loss landscape panel in Chromium: the contour map and the optimizer's path are drawn,
and they follow training as it moves."""

from pagetools import open_lab, screenshot
from playwright.sync_api import Page, expect

CANVAS = "document.querySelector('.landscape-canvas')"
# Distinct colours on the canvas: a blank or flat canvas has one or two.
COLOURS = ("(() => { const c = " + CANVAS + "; const d = c.getContext('2d')"
           ".getImageData(0, 0, c.width, c.height).data; const seen = new Set();"
           " for (let i = 0; i < d.length; i += 4)"
           " seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);"
           " return seen.size; })()")


def _data(page: Page) -> dict:
    return page.evaluate(f"({{...{CANVAS}.dataset}})")


def test_contours_and_path_render_and_follow_training(page: Page, server_url: str) -> None:
    open_lab(page, server_url, "dataset=xor&steps_per_second=300")
    panel = page.locator("#landscape")
    panel.locator("summary").click()
    panel.scroll_into_view_if_needed()
    page.wait_for_function(f"Number({CANVAS}.dataset.pathPoints) >= 3", timeout=30_000)
    first = _data(page)
    assert first["directions"] == "random"
    assert float(first["low"]) < float(first["high"])
    assert page.evaluate(COLOURS) > 100  # shades, contour lines and the path
    expect(panel.get_by_role("status")).to_contain_text("along two random filter-normalised")

    # Live: a later slice is computed at a later step, around weights that moved.
    page.wait_for_function(f"Number({CANVAS}.dataset.step) > {int(first['step']) + 300}",
                           timeout=30_000)
    later = _data(page)
    assert int(later["pathPoints"]) > int(first["pathPoints"])
    assert (later["low"], later["high"]) != (first["low"], first["high"])

    # The principal directions of the path: the plane the optimizer actually moved in.
    panel.get_by_label("Directions").select_option("pca")
    page.wait_for_function(f"{CANVAS}.dataset.directions === 'pca'", timeout=30_000)
    expect(panel.get_by_role("status")).to_contain_text("principal directions")
    assert int(_data(page)["pathPoints"]) >= 3
    assert page.evaluate(COLOURS) > 100
    screenshot(page, "landscape.png", panel)


def test_pca_before_any_training_says_why_it_cannot_draw(page: Page, server_url: str) -> None:
    open_lab(page, server_url)
    page.keyboard.press("Space")  # pause
    page.get_by_role("button", name="Reset").click()
    panel = page.locator("#landscape")
    panel.locator("summary").click()
    panel.get_by_label("Directions").select_option("pca")
    expect(panel.get_by_role("status")).to_contain_text("spans a plane", timeout=30_000)
    expect(page.locator("#notices .notice")).to_have_count(0)  # said in the panel, not a notice
