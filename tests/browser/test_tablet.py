"""On a tablet the page fits the width and its parts do not overlap. Landscape (1024 x 768)
keeps data, network (the curves under it) and output side by side, all on the first screen;
portrait (768 x 1024) puts data beside the network and its curves and, below them, the
output plot."""

import pytest
from pagetools import open_lab, screenshot, wait_for_step_above
from playwright.sync_api import Browser, FloatRect, Page, expect


def _box(page: Page, selector: str) -> FloatRect:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not shown"
    return box


def _right(box: FloatRect) -> float:
    return box["x"] + box["width"]


def _bottom(box: FloatRect) -> float:
    return box["y"] + box["height"]


def _apart(a: FloatRect, b: FloatRect) -> bool:
    return (_right(a) <= b["x"] or _right(b) <= a["x"]
            or _bottom(a) <= b["y"] or _bottom(b) <= a["y"])


# Portrait is the narrower, so it gets the widest diagram: eight columns of nodes.
@pytest.mark.parametrize(("width", "height", "query"),
                         [(1024, 768, ""), (768, 1024, "hidden=8,8,8,8,8,8")])
def test_the_lab_fits_a_tablet(browser: Browser, server_url: str, width: int, height: int,
                               query: str) -> None:
    page = browser.new_page(viewport={"width": width, "height": height}, has_touch=True)
    open_lab(page, server_url, query)
    if query:
        expect(page.locator('.node[data-column="6"]')).to_have_count(8, timeout=30_000)
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scroll
    data, column = _box(page, ".data-column"), _box(page, ".network-column")
    network, plot = _box(page, "#network"), _box(page, "#output-plot")
    curves = _box(page, "#loss-chart")
    inside, settings = _box(page, ".inside"), _box(page, ".settings")
    parts = [data, network, plot, curves, inside, settings]
    assert all(_apart(a, b) for i, a in enumerate(parts) for b in parts[i + 1:])
    assert column["x"] > _right(data) and abs(column["y"] - data["y"]) < 5
    assert plot["width"] >= 240 and curves["width"] >= 240
    assert curves["y"] > _bottom(network) and abs(curves["x"] - network["x"]) < 5  # under it
    # The diagram, its layer heads included, stays in its column.
    right = page.evaluate("Math.max(...[...document.querySelectorAll('.network-body *')]"
                          ".map(e => e.getBoundingClientRect().right))")
    assert right <= _right(column) + 1
    if width > height:
        assert plot["x"] > _right(column) and _bottom(plot) <= height  # in view, beside
        assert _bottom(curves) <= height
        wait_for_step_above(page, 2000)
        screenshot(page, "tablet.png")
    else:
        assert plot["y"] > _bottom(curves)
    page.close()
