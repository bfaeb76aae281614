"""The images lab in a real Chromium against the real server: ?lab=images opens a CNN
learning the digits, whose filters, feature maps, probe, confusion matrix and mistakes
change as it trains, and whose network changes while it trains."""

from pagetools import counter, open_lab, pixels, screenshot, wait_for_step_above, wait_until_changed
from playwright.sync_api import Page, expect


def test_a_cnn_learns_the_digits_and_shows_its_filters_maps_and_mistakes(
        page: Page, server_url: str) -> None:
    open_lab(page, server_url, "lab=images&steps_per_second=300")
    filters = page.locator("#filters canvas.filter:not(.grad)")
    expect(filters).to_have_count(8 + 16, timeout=30_000)
    expect(page.locator("#feature-maps canvas.map")).to_have_count(8 + 16)
    first_filter = pixels(filters.first)
    first_map = pixels(page.locator("#feature-maps canvas.map").first)
    wait_for_step_above(page, 600, timeout=60_000)
    page.wait_for_function(
        "() => parseFloat(document.getElementById('test-accuracy').textContent) > 90",
        timeout=60_000)
    wait_until_changed(page, filters.first, first_filter)
    wait_until_changed(page, page.locator("#feature-maps canvas.map").first, first_map)
    # The confusion matrix counts every test image once; the mistakes are listed.
    total = page.locator("#confusion td").evaluate_all(
        "cells => cells.reduce((n, c) => n + Number(c.textContent || 0), 0)")
    caption = page.locator(".mistake-count").inner_text()
    assert f"of {total} test images misclassified" in caption
    assert float(counter(page, "test-accuracy").rstrip(" %")) > 90
    expect(page.locator(".probe-caption")).to_contain_text("seen as a")
    screenshot(page, "images.png")

    # A third layer and average pooling while it trains: the filters follow.
    page.get_by_role("button", name="Add a layer (Filters)").click()
    expect(filters).to_have_count(8 + 16 + 16, timeout=60_000)
    page.get_by_label("Pooling", exact=True).select_option("avg")
    expect(page.get_by_label("Filters, layer 3")).to_have_value("16")
    wait_for_step_above(page, int(counter(page, "step")) + 100)
    # The next probe image is shown and explained.
    before = page.locator(".probe-caption").inner_text()
    page.get_by_role("button", name="Next test image").click()
    expect(page.locator(".probe-caption")).not_to_have_text(before)
    assert "lab=images" in page.url and "filters=8,16,16" in page.url

    # A digit drawn on the pad becomes the probe, read by the network as it trains.
    pad = page.get_by_role("img", name="Drawing pad: press and drag to draw a digit")
    box = pad.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 0.1 * box["height"])
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 0.9 * box["height"], steps=12)
    page.mouse.up()
    page.get_by_role("button", name="Use drawing").click()
    # (Applied once the pooling's program, which may still compile, is ready.)
    expect(page.locator(".probe-caption")).to_contain_text("Your drawing, seen as a",
                                                           timeout=60_000)
    page.get_by_role("button", name="Probe the test images again").click()
    expect(page.locator(".probe-caption")).to_contain_text("Test image 2 of")
