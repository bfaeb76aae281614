"""The sequences lab in a real Chromium against the real server: ?lab=sequences opens an
LSTM learning the echo task, whose unrolled probe, hidden states, gates and gradient
through time are drawn as it trains; the cell switches to a plain RNN (the gates go) and
back (they return) from the page; and the text task learns a text typed into the page
and writes a sample of it, while a text the server refuses stays in the box, with the
server's reason. Clicking the hidden-state heatmap opens the step-through: that step of
the cell with the engine's numbers (h = o·tanh(c) holds for the numbers shown), the
bars of backpropagation through time for one weight, a refused pick shown in the panel,
and the parts of a plain RNN once the cell is switched."""

import math
import re

from pagetools import counter, open_lab, pixels, screenshot, wait_for_step_above, wait_until_changed
from playwright.sync_api import Page, expect

MINUS, SIGMA = "\u2212", "\u03c3"  # as the page writes them

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

    step_through_a_step(page)

    # A plain RNN from the page's own control: no gates, no cell state; then an LSTM again.
    page.get_by_label("Cell", exact=True).select_option("rnn")
    expect(page.locator('#states [data-map^="gate-"]')).to_have_count(0, timeout=COMPILE)
    expect(page.locator('#states [data-map="cell"]')).to_have_count(0)
    expect(page.locator('#states [data-map="hidden"]')).to_have_count(1)
    expect(page.locator("#fresh-cell")).to_contain_text("A new Plain RNN starts from fresh")
    assert "cell=rnn" in page.url
    # The open step-through follows: one part, the candidate, which is h itself.
    headers = page.locator("#step-table thead th")
    expect(headers).to_have_text(["unit", "h₋", "h: sum → tanh", "h"], timeout=COMPILE)
    expect(page.locator("#step-equations [data-equation]")).to_have_count(1)
    expect(page.locator('[data-equation="h"]')).to_contain_text("h = tanh(x·W + h₋·U + b) = tanh(")
    page.get_by_label("Cell", exact=True).select_option("lstm")
    expect(page.locator('#states [data-map^="gate-"]')).to_have_count(3, timeout=COMPILE)
    expect(headers).to_have_count(9, timeout=COMPILE)  # unit, h₋, c₋, i, f, g, o, c, h
    page.locator("#step-through").get_by_role("button", name="Close").click()
    expect(page.locator("#step-through")).to_be_hidden()

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
    # The notices so far (the refused text, the new runs the new data started) go away.
    dismiss = page.get_by_role("button", name="Dismiss")
    while dismiss.count() > 0:
        dismiss.first.click()
    expect(page.locator(".notice")).to_have_count(0)
    page.set_viewport_size({"width": 1280, "height": 1080})  # down to the LSTM's gates
    screenshot(page, "sequences.png")


def shown_numbers(text: str) -> list[float]:
    """The numbers an equation puts in (after its symbolic form), a minus sign read as -."""
    numeric = " = ".join(text.split(" = ")[2:]).replace(MINUS, "-")
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", numeric)]


def step_through_a_step(page: Page) -> None:
    """Click step 11, unit 4 of the LSTM's hidden-state map: the panel explains that step
    with the engine's numbers and shows where the gradient of u[4 → candidate of 4]
    comes from; a unit the network lacks is refused in the panel, nothing lost."""
    hidden_map = page.locator('#states [data-map="hidden"] canvas')
    box = hidden_map.bounding_box()
    assert box is not None
    steps, units = hidden_map.evaluate("c => [c.width, c.height]")
    hidden_map.click(position={"x": (10 + 0.5) * (box["width"] - 2) / steps + 1,
                               "y": (3 + 0.5) * (box["height"] - 2) / units + 1})
    panel = page.locator("#step-through")
    expect(panel).to_be_visible()
    expect(page.locator("#step-status")).to_contain_text(f"Layer 1, step 11 of {steps}")
    # A row per unit, the picked one marked; an LSTM's four parts, sum → activation each.
    expect(page.locator("#step-table tbody tr")).to_have_count(units)
    expect(page.locator('#step-table tr.picked')).to_have_attribute("data-unit", "4")
    expect(page.locator("#step-table thead th").nth(3)).to_have_text(f"i: sum → {SIGMA}")
    expect(page.locator("#step-input")).to_contain_text("one-hot: input")
    # Unit 4's new hidden state is its output gate times tanh of its new cell state, in
    # the numbers shown (four significant digits each).
    h_line = page.locator('[data-equation="h"]')
    expect(h_line).to_contain_text("h = o·tanh(c) = ")
    o, c, h = shown_numbers(h_line.inner_text())
    assert abs(o * math.tanh(c) - h) <= 2e-3 * max(1.0, abs(h)), (o, c, h)
    # And the cell state is f·c₋ + i·g, in the numbers shown.
    f, c_before, i, g, c_again = shown_numbers(page.locator('[data-equation="c"]').inner_text())
    assert c_again == c
    assert abs(f * c_before + i * g - c) <= 2e-3 * max(1.0, abs(c)), (f, c_before, i, g, c)
    # Backpropagation through time for the weight the click picked: bars over the steps.
    expect(page.locator("#bptt-chart canvas").first).to_be_visible()
    expect(page.locator("#bptt-caption")).to_contain_text(
        "∂L/∂u[h₋ of unit 4 → candidate of unit 4] = ")
    expect(page.locator("#bptt-caption")).to_contain_text("of its size comes from")
    expect(page.locator("#step-weight")).to_contain_text(f"column {2 * units + 3} of u")
    screenshot(page, "sequences-step.png", panel)
    # Unit 99 of a 16-unit layer: the server's reason in the panel; the pick stays typed.
    unit = panel.get_by_label("Unit", exact=True)
    unit.fill("99")
    unit.press("Enter")
    expect(page.locator("#step-error")).to_contain_text("out of range")
    expect(page.locator(".notice").filter(has_text="out of range")).to_have_count(0)  # said here
    expect(unit).to_have_value("99")
    expect(page.locator('[data-equation="h"]')).to_be_visible()  # the last answer stays
    unit.fill("4")
    unit.press("Enter")
    expect(page.locator("#step-error")).to_be_hidden()
