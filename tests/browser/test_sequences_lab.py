"""The sequences lab in a real Chromium against the real server: ?lab=sequences opens an
LSTM learning the echo task, whose unrolled probe, hidden states, gates and gradient
through time are drawn as it trains; the cell switches to a plain RNN (the gates go) and
back (they return) from the page; and the text task learns a text typed into the page
and writes a sample of it, while a text the server refuses stays in the box, with the
server's reason."""

import re

from pagetools import counter, open_lab, pixels, screenshot, wait_for_step_above, wait_until_changed
from playwright.sync_api import Page, expect

COMPILE = 180_000  # ms: a new network compiles in 20-60 s on a 2-core machine


def test_recurrent_networks_learn_sequences_and_show_their_states_gates_and_gradients(
        page: Page, server_url: str) -> None:
    open_lab(page, server_url, "lab=sequences")
    expect(page.locator("#task-goal")).to_have_text(
        "Output the symbol seen `delay` steps ago (class 0 until there is one).")
    # The probe unrolled over its 20 steps: inputs, targets and the network's answers.
    strip = page.locator("#unrolled-strip")
    twenty_symbols = re.compile(r"^input: ([ABC] ){19}[ABC]; target: ")
    expect(strip).to_have_attribute("aria-label", twenty_symbols, timeout=COMPILE)
    expect(page.locator("#unrolled-caption")).to_contain_text("of 20 steps right")
    # An LSTM's hidden state, cell state and three gates, for its one layer.
    maps = page.locator("#states .state-map")
    expect(maps).to_have_count(5)
    for kind in ("hidden", "cell", "gate-input", "gate-forget", "gate-output"):
        expect(page.locator(f'#states [data-map="{kind}"] canvas.heatmap')).to_have_count(1)
    hidden_map = page.locator('#states [data-map="hidden"] canvas')
    assert hidden_map.evaluate("c => [c.width, c.height]") == [20, 16]  # time x units
    before = pixels(hidden_map)
    start = int(counter(page, "step"))
    wait_for_step_above(page, start + 200, timeout=60_000)
    wait_until_changed(page, hidden_map, before)  # drawn anew as it learns
    expect(page.locator("#gradient-through-time canvas").first).to_be_visible()
    expect(page.locator("#gradient-through-time + .chart-caption")).to_contain_text("at step 20")

    # A plain RNN from the page's own control: no gates, no cell state; then an LSTM again.
    page.get_by_label("Cell", exact=True).select_option("rnn")
    expect(page.locator('#states [data-map^="gate-"]')).to_have_count(0, timeout=COMPILE)
    expect(page.locator('#states [data-map="cell"]')).to_have_count(0)
    expect(page.locator('#states [data-map="hidden"]')).to_have_count(1)
    assert "cell=rnn" in page.url
    page.get_by_label("Cell", exact=True).select_option("lstm")
    expect(page.locator('#states [data-map^="gate-"]')).to_have_count(3, timeout=COMPILE)

    # The text task learns the default text (a poem) and writes a sample of it.
    page.get_by_label("Task", exact=True).select_option("text")
    expect(page.locator("#task-goal")).to_contain_text("Predict the next character")
    sample = page.locator("#text-sample")
    expect(sample).not_to_be_empty(timeout=COMPILE)
    # A text too short for the sequences is refused with the server's reason, and stays
    # in the box to be mended.
    box = page.get_by_label("Text to learn")
    box.fill("abc")
    page.get_by_role("button", name="Use this text").click()
    expect(page.locator(".notice").filter(has_text="the text has 3 characters")).to_be_visible()
    expect(box).to_have_value("abc")
    expect(box).to_have_attribute("aria-invalid", "true")
    # A text of one's own: the probe and the sample are made of its characters.
    text = "the cat sat on the mat. the rat sat on the cat. " * 4
    box.fill(text)
    page.get_by_role("button", name="Use this text").click()
    expect(page.locator(".text-facts")).to_contain_text("in use")
    allowed = set(text.replace(" ", "␣"))
    page.wait_for_function(
        """allowed => {
            const label = document.getElementById('unrolled-strip').getAttribute('aria-label');
            const inputs = label.split(';')[0].replace('input: ', '').split(' ');
            return inputs.length === 20 && inputs.every(c => allowed.includes(c));
        }""", arg="".join(allowed), timeout=COMPILE)
    wait_for_step_above(page, int(counter(page, "step")) + 1000, timeout=120_000)
    written = sample.inner_text()
    assert len(written) == 120
    assert set(written) <= set(text) | {"\ufffd"}
    page.get_by_role("button", name="Dismiss").click()
    page.set_viewport_size({"width": 1280, "height": 1080})  # down to the LSTM's gates
    screenshot(page, "sequences.png")
