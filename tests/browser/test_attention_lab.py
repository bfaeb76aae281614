"""The attention lab in a real Chromium against the real server: ?lab=attention opens a
Transformer learning to reverse sequences; its attention map turns into the anti-diagonal
while the probe's answers turn right; a head is added and weight decay changed from the
page while it trains; a width the heads cannot share is refused with the server's reason,
nothing lost; and a click on a row of a map steps through that query's attention with the
engine's numbers (the weights add up to 1; a causal mask hides the later keys)."""

import json
import re

from pagetools import counter, open_lab, screenshot, wait_for_step_above
from playwright.sync_api import Page, expect

COMPILE = 180_000  # ms: a new network compiles in 20-60 s on a 2-core machine
# For each row (query) of a map's canvas, the column (key) drawn darkest: read most.
DARKEST_KEYS = """canvas => {
    const ctx = canvas.getContext('2d');
    const { width, height } = canvas;
    const data = ctx.getImageData(0, 0, width, height).data;
    const keys = [];
    for (let q = 0; q < height; q++) {
        let best = 0, darkest = 1e9;
        for (let k = 0; k < width; k++) {
            const at = (q * width + k) * 4, shade = data[at] + data[at + 1] + data[at + 2];
            if (shade < darkest) { darkest = shade; best = k; }
        }
        keys.push(best);
    }
    return keys;
}"""


def test_a_transformer_learns_to_reverse_and_its_attention_shows_how(
        page: Page, server_url: str) -> None:
    page.set_viewport_size({"width": 1440, "height": 1000})
    open_lab(page, server_url, "lab=attention")
    expect(page.locator("#task-goal")).to_have_text("Say the sequence backwards.")
    maps = page.locator("#attention-maps canvas.attention-map")
    expect(maps).to_have_count(2)  # one block of two heads
    assert maps.first.evaluate("c => [c.width, c.height]") == [8, 8]  # keys x queries
    # Learned: all 8 answers of the probe right, and a head reads key 7 - q for query q.
    expect(page.locator("#probe-caption")).to_have_text("8 of 8 answers right", timeout=COMPILE)
    anti_diagonal = json.dumps(list(range(7, -1, -1))).replace(" ", "")
    page.wait_for_function(
        f"""() => [...document.querySelectorAll('#attention-maps canvas.attention-map')]
            .some(c => JSON.stringify(({DARKEST_KEYS})(c)) === '{anti_diagonal}')""",
        timeout=60_000)
    expect(page.locator("#answer-scores .answer-label").first).to_have_text("100", timeout=60_000)
    screenshot(page, "attention.png")

    # Four heads from the page's own control, while it trains: four maps; weight decay too.
    heads = page.get_by_label("Heads", exact=True)
    heads.fill("4")
    heads.press("Enter")
    expect(maps).to_have_count(4, timeout=COMPILE)
    assert "heads=4" in page.url
    decay = page.get_by_label("Weight decay", exact=True)
    decay.fill("0.1")
    decay.press("Enter")
    page.wait_for_function("() => location.search.includes('weight_decay=0.1')")
    start = int(counter(page, "step"))
    wait_for_step_above(page, start + 100, timeout=60_000)
    # A width the four heads cannot share equally: the server's reason, nothing lost.
    width = page.get_by_label("Width", exact=True)
    width.fill("30")
    width.press("Enter")
    expect(page.locator(".notice").filter(has_text="not a multiple of heads 4")).to_be_visible()
    expect(maps).to_have_count(4)
    assert "width=30" not in page.url

    step_through_an_attention(page)


def step_through_an_attention(page: Page) -> None:
    """Click the row of query 3 on block 1's first head: the panel shows that query's
    scores, mask, softmax weights (adding up to 1) and shares of a W_q weight's gradient."""
    first = page.locator("#attention-maps canvas.attention-map").first
    box = first.bounding_box()
    assert box is not None
    first.click(position={"x": box["width"] / 2, "y": (2 + 0.5) * box["height"] / 8})
    panel = page.locator("#attention-step")
    expect(panel).to_be_visible()
    expect(page.locator("#attention-step-status")).to_contain_text(
        "Block 1, head 1, query at position 3", timeout=30_000)
    rows = page.locator("#attention-table tbody tr")
    expect(rows).to_have_count(8)
    weights = [float(rows.nth(j).locator("td").nth(2).inner_text().replace("\u2212", "-"))
               for j in range(8)]
    assert abs(sum(weights) - 1) < 5e-3, weights
    expect(page.locator("#attention-weight")).to_contain_text("∂L/∂w = ")
    screenshot(page, "attention-step.png", panel)
    # The causal mask (a decoder reading x | the answer so far): later keys are hidden.
    page.get_by_label("Causal mask", exact=True).check()
    expect(rows).to_have_count(16, timeout=COMPILE)
    expect(page.locator("#attention-table tbody tr.masked")).to_have_count(13, timeout=30_000)
    expect(page.locator("#attention-table tbody tr.masked td").nth(1)).to_have_text("hidden")
    assert re.search(r"causal=(1|true)", page.url)
