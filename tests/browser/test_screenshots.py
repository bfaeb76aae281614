"""The pictures in docs/images: the first screen on a laptop and on a projector, a hard
problem solved, and a multi-class one."""

from pagetools import counter, open_lab, screenshot, wait_for_step_above
from playwright.sync_api import Browser, Page, expect


def test_the_first_screen_on_a_laptop_and_a_projector(browser: Browser, server_url: str) -> None:
    for width, height, query, name in ((1440, 900, "", "first-screen.png"),
                                       (1920, 1080, "present=1", "presentation.png")):
        page = browser.new_page(viewport={"width": width, "height": height})
        open_lab(page, server_url, query)
        wait_for_step_above(page, 1500)
        expect(page.locator('[data-legend="output"]')).to_be_visible()
        screenshot(page, name)
        page.close()


def test_spiral_solved_by_a_deeper_network(page: Page, server_url: str) -> None:
    open_lab(page, server_url, "dataset=spiral&features=x1,x2,sin_x1,sin_x2&hidden=8,8"
                               "&optimizer=adam&learning_rate=0.01&steps_per_second=3000")
    expect(page.locator('.node[data-column="1"]')).to_have_count(8, timeout=30_000)
    wait_for_step_above(page, 2500, timeout=60_000)
    page.wait_for_function("parseFloat(document.getElementById('test-accuracy').textContent) > 90",
                           timeout=60_000)
    screenshot(page, "spiral.png")


def test_multiclass_regions_have_their_own_colours(page: Page, server_url: str) -> None:
    open_lab(page, server_url, "dataset=blobs4&hidden=6&activations=relu&optimizer=adam"
                               "&learning_rate=0.01&show_test=1")
    expect(page.get_by_label("Loss", exact=True)).to_have_value("cross_entropy")
    expect(page.locator('.node[data-column="2"]')).to_have_count(4, timeout=30_000)
    wait_for_step_above(page, 1500)
    assert float(counter(page, "test-accuracy").rstrip(" %")) > 80
    screenshot(page, "multiclass.png")
