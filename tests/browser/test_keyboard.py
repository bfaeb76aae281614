"""The 2D lab with the keyboard alone, in real Chromium: no mouse, no clicks, only keys.
Edit a weight and a bias, draw a point, pick the step-through's point, open and close the
shortcut list, and run a lesson; Space stays play/pause after a button was pressed."""

import json
import re

from pagetools import open_lab, step, wait_for_step_above
from playwright.sync_api import Page, expect


def _focused(page: Page, selector: str) -> bool:
    query = f"() => document.activeElement?.matches({json.dumps(selector)}) ?? false"
    return bool(page.evaluate(query))


def _tab_to(page: Page, selector: str, backwards: bool = False, limit: int = 300) -> None:
    """Press Tab (or Shift+Tab) until the focused element matches `selector`."""
    for _ in range(limit):
        if _focused(page, selector):
            return
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
    raise AssertionError(f"Tab never reached {selector}")


def _point_count(page: Page) -> int:
    match = re.match(r"(\d+) points", page.locator("#point-count").inner_text())
    assert match is not None
    return int(match.group(1))


def test_the_2d_lab_with_the_keyboard_alone(page: Page, server_url: str) -> None:
    open_lab(page, server_url, "dataset=xor&hidden=2")
    # A new session starts from the preset, then takes the address's network.
    expect(page.locator('.node[data-column="2"]')).to_have_count(1, timeout=30_000)
    play, pause = page.get_by_role("button", name="Play"), page.get_by_role("button", name="Pause")
    page.keyboard.press("Space")
    expect(play).to_be_visible()
    tip = page.get_by_role("tooltip")

    # A weight: the links are one tab stop; the first is x₁ → h₁,₁, Enter edits it.
    _tab_to(page, "canvas.links")
    expect(tip).to_contain_text("Weight x₁ → h₁,₁")
    page.keyboard.press("ArrowDown")
    expect(tip).to_contain_text("Weight x₂ → h₁,₁")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    expect(page.get_by_role("textbox", name="Weight from x₁ to h₁,₁")).to_be_focused()
    page.keyboard.type("-3")
    page.keyboard.press("Enter")
    expect(page.locator("canvas.links")).to_be_focused()  # the focus comes back
    expect(tip).to_contain_text("Weight x₁ → h₁,₁ = -3 ")

    # A bias: its mark shows the neuron's formula on focus; Enter edits it.
    _tab_to(page, '.bias[aria-label="Bias of h₁,₁"]')
    expect(tip).to_contain_text("h₁,₁ = tanh(−3·x₁")  # noqa: RUF001
    page.keyboard.press("Enter")
    page.keyboard.type("4.5")
    page.keyboard.press("Enter")
    expect(tip).to_contain_text("+ 4.5)")
    # Space on the bias button plays and pauses; it does not press the button again.
    page.keyboard.press("Space")
    expect(pause).to_be_visible()
    page.keyboard.press("Space")
    expect(play).to_be_visible()
    expect(page.get_by_role("textbox", name="Bias of h₁,₁")).to_be_hidden()

    # Drawing: Space ticks "Draw points"; the plot becomes a tab stop with a cursor.
    before = _point_count(page)
    _tab_to(page, "#data-tools input[id^=draw]", backwards=True)
    page.keyboard.press("Space")
    expect(page.get_by_label("Draw points")).to_be_checked()
    _tab_to(page, "#output-plot")
    expect(page.locator(".plot-cursor")).to_be_visible()
    for key in ("ArrowRight", "ArrowUp", "Shift+ArrowUp"):
        page.keyboard.press(key)
    page.keyboard.press("Enter")
    expect(page.locator("#point-count")).to_contain_text(f"{before + 1} points")
    _tab_to(page, "#data-tools input[id^=draw]", backwards=True)
    page.keyboard.press("Space")
    expect(page.get_by_label("Draw points")).not_to_be_checked()

    # The step-through: Enter on the plot picks the training point nearest the cursor.
    _tab_to(page, "button.step-toggle")
    page.keyboard.press("Enter")
    expect(page.locator(".step-panel")).to_be_visible()
    _tab_to(page, "#output-plot", backwards=True)
    page.keyboard.press("Enter")
    expect(page.locator(".step-count")).to_contain_text("1 / ")
    _tab_to(page, ".step-nav button:nth-child(2)")  # Next →
    page.keyboard.press("Enter")
    expect(page.locator(".step-count")).to_contain_text("2 / ")
    page.keyboard.press("Escape")
    expect(page.locator(".step-panel")).to_be_hidden()
    assert _point_count(page) == before + 1  # picking added nothing

    # "?" lists every shortcut; Escape closes it and the focus returns.
    _tab_to(page, "button.step-toggle", backwards=True)
    page.keyboard.press("?")
    dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Play or pause training")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert _focused(page, "button.step-toggle")

    # A lesson: open the menu, choose the first, and play it.
    _tab_to(page, "button.lessons-button")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # the menu put the focus on its first lesson
    expect(page.locator("#lesson")).to_be_visible()
    expect(page.locator("#lesson")).to_contain_text("Lesson 1 of")
    expect(play).to_be_visible()  # a lesson opens paused, waiting to be read
    page.keyboard.press("Space")
    expect(pause).to_be_visible()
    wait_for_step_above(page, step(page) + 20)
