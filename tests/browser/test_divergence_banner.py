"""Every divergence gets the notice and ways out that recover (real Chromium, real
server): a learning rate of 10 on a classification set saturates every unit without a
non-finite number, and the page says so; its way out (a tenth of the rate, fresh weights)
then learns."""

from pagetools import counter, open_lab
from playwright.sync_api import Page, expect

LOWER = "Lower learning rate ×0.1 and reset"  # noqa: RUF001


def test_a_saturated_classifier_gets_the_banner_and_its_way_out_learns(page: Page,
                                                                       server_url: str) -> None:
    open_lab(page, server_url, "dataset=circle&learning_rate=10")
    banner = page.get_by_role("alert").filter(has_text="Training is stuck")
    expect(banner).to_be_visible(timeout=60_000)
    expect(banner).to_contain_text("learning rate (10)")
    expect(page.locator("#playback").get_by_role("button", name="Play")).to_be_visible()
    assert float(counter(page, "train-accuracy").split()[0]) < 70
    banner.get_by_role("button", name=LOWER).click()
    expect(banner).to_be_hidden()
    expect(page.get_by_label("Learning rate", exact=True)).to_have_attribute("aria-valuetext", "1")
    # Fresh weights, training again, and this time it learns.
    expect(page.locator("#playback").get_by_role("button", name="Pause")).to_be_visible()
    page.wait_for_function(
        "() => parseFloat(document.getElementById('train-accuracy').textContent) > 85",
        timeout=60_000)
    expect(page.get_by_role("alert").filter(has_text="Training is stuck")).to_have_count(0)

