"""axe-core, run in real Chromium on every page of every lab, in the light and the dark
theme: no violation of impact "serious" or "critical" anywhere (colour contrast, controls
inside images, unnamed controls, ...)."""

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from pagetools import open_lab, plot
from playwright.sync_api import Page, expect

from mindscope.client import connect

AXE = Path(__file__).resolve().parents[2] / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
# Each lab's address and its first lesson.
LABS = {"points": ("", "neuron"), "images": ("lab=images", "filters"),
        "sequences": ("lab=sequences", "memory"), "attention": ("lab=attention", "attention")}


def _violations(page: Page) -> list[str]:
    """axe-core's serious and critical findings on the page as it is, one line each."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: `cd frontend && npm ci` installs it")
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await axe.run(document)).violations.map(v => ({id: v.id,"
                          " impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}))")
    return [f"{v['id']} ({v['impact']}): {', '.join(v['nodes'][:8])}"
            for v in found if v["impact"] in BLOCKING]


def _check(page: Page, where: str) -> None:
    problems = _violations(page)
    assert not problems, f"{where}:\n" + "\n".join(problems)


def _join(base: str, query: str) -> str:
    return "&".join(part for part in (base, query) if part)


@pytest.fixture(params=["light", "dark"])
def scheme(request: pytest.FixtureRequest, page: Page) -> str:
    page.emulate_media(color_scheme=request.param)
    return str(request.param)


@pytest.mark.parametrize("lab", list(LABS))
def test_every_page_of_a_lab_passes_axe(page: Page, server_url: str, scheme: str, lab: str) -> None:
    query, lesson = LABS[lab]
    for extra in ("", f"lesson={lesson}", "present=1"):
        open_lab(page, server_url, _join(query, extra))
        _check(page, f"{lab} {extra or 'page'} ({scheme})")
    # The watcher's page of this session.
    page.get_by_role("button", name="Share view link").click()
    link = page.get_by_label("View link").input_value()
    page.goto(link)
    page.wait_for_function("() => window.__mindscopeStats?.framesDrawn > 0")
    expect(page.locator("#view-only-notice")).to_be_visible()
    _check(page, f"{lab} view link ({scheme})")


def test_the_other_pages_pass_axe(page: Page, server_url: str, scheme: str) -> None:
    """The step-through open, the shortcut list, the comparison and an unknown lab."""
    open_lab(page, server_url, "dataset=xor&hidden=3,2")
    page.get_by_role("button", name="Step through backprop").click()
    expect(page.get_by_role("button", name="Play")).to_be_visible()
    session_id = parse_qs(urlsplit(page.url).query)["session"][0]
    with connect(server_url, session_id) as other:
        other.next_frame()
        x1, x2 = other.data["x_train"][0]
    box = plot(page).bounding_box()
    assert box is not None
    plot(page).click(position={"x": float((x1 + 6) / 12 * box["width"]),
                               "y": float((6 - x2) / 12 * box["height"])})
    expect(page.locator(".step-count")).to_have_text("1 / 11")
    _check(page, f"step-through ({scheme})")
    page.keyboard.press("?")
    expect(page.get_by_role("dialog", name="Keyboard shortcuts")).to_be_visible()
    _check(page, f"shortcut list ({scheme})")

    page.goto(f"{server_url}/compare.html?vary=optimizer&values=sgd|adam&round=5&dataset=xor")
    page.wait_for_function("() => window.__mindscopeCompare?.lockstep.rounds.length >= 3",
                           timeout=60_000)
    _check(page, f"compare ({scheme})")

    page.goto(f"{server_url}/?lab=nope")
    expect(page.locator(".no-lab")).to_be_visible()
    _check(page, f"unknown lab ({scheme})")
