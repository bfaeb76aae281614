"""Inside the network: every layer's gradient norm over time, its dead units, and live
histograms of its weights, gradients and activations."""

import re

from pagetools import open_lab, pixels, screenshot, wait_for_step_above, wait_until_changed
from playwright.sync_api import Page, expect

SIX_SIGMOID_LAYERS = "hidden=8,8,8,8,8,8&activations=sigmoid"
# The gradient norms as the table shows them, first layer to output.
NORMS = ("[...document.querySelectorAll('[data-stat=\"grad-norm\"]')]"
         ".map(c => Number(c.textContent))")


def test_deep_sigmoid_gradients_vanish_and_relu_lets_them_through(page: Page, server_url: str
                                                                   ) -> None:
    open_lab(page, server_url, SIX_SIGMOID_LAYERS)
    inside = page.get_by_role("group", name="Inside the network")
    inside.scroll_into_view_if_needed()  # it draws only while on screen
    rows = inside.locator(".layer-table tbody tr")
    expect(rows).to_have_count(7)  # six hidden layers, then the output layer
    expect(rows.first).to_contain_text("Layer 1")
    expect(rows.first).to_contain_text("Sigmoid")
    expect(rows.last).to_contain_text("Output")
    expect(inside.locator(".u-legend")).to_contain_text("Layer 6")
    wait_for_step_above(page, 1000)

    norms = page.evaluate(NORMS)
    assert len(norms) == 7 and all(n > 0 for n in norms)
    # Each sigmoid multiplies the error signal by at most 1/4 on its way back.
    assert norms[0] < norms[-1] / 100, norms
    assert norms[0] < norms[5] / 30, norms
    dead = inside.locator('[data-stat="dead"]').all_inner_texts()
    assert all(re.fullmatch(r"\d+ of 8", d) for d in dead[:-1]) and dead[-1] == "\N{EN DASH}", dead
    histogram = inside.locator('[data-histogram="gradients"] canvas').last
    wait_until_changed(page, histogram, pixels(histogram))  # live
    screenshot(page, "gradient-flow.png", inside)

    page.get_by_label("Activation", exact=True).select_option("relu")
    inside.scroll_into_view_if_needed()
    expect(rows.first).to_contain_text("ReLU")
    # ReLU passes the error signal back undiminished where active: the norms draw level.
    page.wait_for_function(f"(() => {{ const n = {NORMS}; return n[0] > n[6] / 20; }})()",
                           timeout=30_000)
