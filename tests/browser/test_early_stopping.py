"""Early stopping in Chromium: switched on in the regularization panel, it pauses an
overfitting network at its lowest test loss and says so."""

from pagetools import open_lab, wait_for_step_above
from playwright.sync_api import Page, expect

OVERFIT = ("dataset=circle&noise=0.5&train_share=0.1&hidden=16,16,16&activations=relu"
           "&optimizer=adam&learning_rate=0.01&steps_per_second=3000")


def test_early_stopping_toggles_and_shows_its_notice(page: Page, server_url: str) -> None:
    open_lab(page, server_url, OVERFIT)
    # The address's settings are sent at load: their echo must not cross the click below.
    wait_for_step_above(page, 100)
    patience = page.get_by_label("Patience (steps)")
    box = page.get_by_label("Early stopping")
    expect(box).not_to_be_checked()
    box.check()
    expect(patience).to_be_visible()
    expect(patience).to_have_value("1000")
    patience.fill("200")
    patience.press("Enter")
    page.wait_for_function("location.search.includes('early_stopping=1')"
                           " && location.search.includes('patience=200')")
    notice = page.locator("#notices .notice").filter(has_text="Early stopping")
    expect(notice).to_contain_text("has not improved for 200 steps", timeout=120_000)
    expect(notice).to_contain_text("restored")
    expect(page.get_by_role("button", name="Play")).to_be_visible()  # paused

    box.uncheck()
    expect(patience).to_be_hidden()
    page.wait_for_function("!location.search.includes('early_stopping')")
