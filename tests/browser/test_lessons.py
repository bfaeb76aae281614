"""Guided lessons in real Chromium: each opens from the menu or the address, applies its
preset to the live session, shows its text and waits, paused at a watchable speed, with
what it talks about in view, until "Start training"; Next/Previous and the clicker's keys
step through them, also in presentation mode."""

from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

from pagetools import open_lab, screenshot, wait_for_step_above
from playwright.sync_api import Locator, Page, expect

ORDER = ["neuron", "non-linearity", "depth", "learning-rate", "backprop",
         "vanishing-gradients", "overfitting", "optimizers"]
TITLES = {"neuron": "A neuron", "learning-rate": "The learning rate",
          "backprop": "Backpropagation", "overfitting": "Overfitting and regularization"}


def _dataset(page: Page, name: str) -> None:
    expect(page.get_by_role("radio", name=name, exact=True)).to_have_attribute("aria-checked",
                                                                       "true")


def _control(page: Page, label: str) -> Locator:
    return page.get_by_label(label, exact=True)


def _activation(page: Page, value: str) -> None:
    expect(_control(page, "Activation")).to_have_value(value, timeout=30_000)


def _hidden_layers(page: Page, count: int) -> None:
    expect(page.locator(".layer-head[data-layer]")).to_have_count(count, timeout=30_000)


def _optimizer(page: Page, value: str) -> None:
    expect(_control(page, "Optimizer")).to_have_value(value)


# A few of each lesson's settings, as the page shows them once the preset is applied.
CHECKS: dict[str, Callable[[Page], None]] = {
    "neuron": lambda page: (_dataset(page, "Two Gaussians"), _hidden_layers(page, 0)),
    "non-linearity": lambda page: (_dataset(page, "Exclusive or"), _activation(page, "linear")),
    "depth": lambda page: (_dataset(page, "Spiral"), _optimizer(page, "adam")),
    "learning-rate": lambda page: (
        _dataset(page, "Circle"),
        expect(_control(page, "Learning rate")).to_have_attribute("aria-valuetext", "3")),
    "backprop": lambda page: (expect(page.locator(".step-panel")).to_be_visible(),
                              expect(page.get_by_role("button", name="Play")).to_be_visible()),
    "vanishing-gradients": lambda page: (_hidden_layers(page, 6), _activation(page, "sigmoid")),
    "overfitting": lambda page: (expect(_control(page, "Show test data")).to_be_checked(),
                                 expect(_control(page, "Noise")).to_have_value("0.5"),
                                 _optimizer(page, "adam")),
    "optimizers": lambda page: (_dataset(page, "Spiral"), _hidden_layers(page, 2),
                                _optimizer(page, "sgd")),
}


FOCUS = {"vanishing-gradients": "inside", "overfitting": "curves", "neuron": "network"}


def _expect_lesson(page: Page, lesson: str, opened: bool = True) -> None:
    """The page shows `lesson`; `opened`: just opened (paused, what it names in view)."""
    number = ORDER.index(lesson) + 1
    panel = page.get_by_role("region", name="Lesson", exact=True)
    expect(panel.locator(".lesson-count")).to_have_text(f"Lesson {number} of {len(ORDER)}")
    if lesson in TITLES:
        expect(panel.get_by_role("heading", level=2)).to_have_text(TITLES[lesson])
    expect(panel.locator(".lesson-columns li").first).to_be_visible()
    CHECKS[lesson](page)
    query = parse_qs(urlsplit(page.url).query)
    assert query["lesson"] == [lesson]
    if not opened:
        return
    # It waits for the learner: paused, at step 0, slow enough to watch each step.
    expect(page.locator("#playback").get_by_role("button", name="Play")).to_be_visible()
    expect(page.locator("#step")).to_have_text("0")
    if lesson in FOCUS:  # what it talks about is on screen
        expect(page.locator(f'[data-section="{FOCUS[lesson]}"]').first).to_be_in_viewport()


def _start(page: Page) -> None:
    page.get_by_role("region", name="Lesson", exact=True).get_by_role(
        "button", name="Start training").click()
    expect(page.locator("#playback").get_by_role("button", name="Pause")).to_be_visible()


def test_every_lesson_opens_applies_its_preset_and_shows_its_text(page: Page,
                                                                  server_url: str) -> None:
    open_lab(page, server_url)
    expect(page.locator("#lesson")).to_be_hidden()
    page.get_by_role("button", name="Lessons").click()
    expect(page.get_by_role("button", name="Lessons")).to_have_attribute("aria-expanded", "true")
    page.get_by_role("button", name="1. A neuron").click()
    expect(page.locator(".lesson-menu")).to_be_hidden()
    _expect_lesson(page, "neuron")
    expect(page.get_by_role("button", name="← Previous lesson")).to_be_disabled()
    for lesson in ORDER[1:]:
        page.get_by_role("button", name="Next lesson →").click()
        _expect_lesson(page, lesson)
    expect(page.get_by_role("button", name="Next lesson →")).to_be_disabled()
    # The overfitting lesson's curves show the gap: test loss above training loss.
    page.get_by_role("button", name="← Previous lesson").click()
    _expect_lesson(page, "overfitting")
    # Outside presentation mode Page Up scrolls the page: it changes the lesson (and resets
    # the training) only from inside the lesson panel.
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("PageUp")  # scrolls the page, away from the curves
    _expect_lesson(page, "overfitting", opened=False)
    _start(page)
    page.wait_for_function(
        "Number(document.getElementById('step').textContent) > 3000", timeout=60_000)
    train, test = (float(page.locator(f"#{n}").inner_text()) for n in ("train-loss", "test-loss"))
    assert test > train
    page.get_by_role("button", name="Close", exact=True).click()
    expect(page.locator("#lesson")).to_be_hidden()
    assert "lesson" not in parse_qs(urlsplit(page.url).query)


def test_a_lesson_opens_from_the_address_in_presentation_mode(page: Page,
                                                              server_url: str) -> None:
    page.set_viewport_size({"width": 1920, "height": 1080})  # a projector
    open_lab(page, server_url, "lesson=learning-rate&present=1")
    _expect_lesson(page, "learning-rate")
    assert page.evaluate("document.body.classList.contains('present')")
    _start(page)
    wait_for_step_above(page, 60)  # the curves have something to show
    # At the lesson's speed (30 steps a second), not the thousand of a fresh session.
    assert parse_qs(urlsplit(page.url).query)["steps_per_second"] == ["30"]
    screenshot(page, "lesson.png")
    # A presentation clicker sends Page Down and Page Up.
    page.keyboard.press("PageDown")
    _expect_lesson(page, "backprop")
    page.keyboard.press("PageUp")
    _expect_lesson(page, "learning-rate")


def test_an_unknown_lesson_is_named(page: Page, server_url: str) -> None:
    open_lab(page, server_url, "lesson=calculus")
    expect(page.get_by_role("alert").filter(has_text='no lesson "calculus"')).to_contain_text(
        "learning-rate")
    expect(page.locator("#lesson")).to_be_hidden()
