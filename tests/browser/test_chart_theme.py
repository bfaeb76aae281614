"""The charts follow the page's theme (real Chromium): under a dark system theme the loss
chart's axis values are drawn light on the dark page, under a light one dark, so that
either reads."""

import pytest
from pagetools import open_lab, wait_for_step_above
from playwright.sync_api import Page

# The brightest opaque pixel (0-255 luminance) in the loss chart's y-axis strip, where
# uPlot draws the axis values and label in the axis colour.
AXIS_LUMINANCE = """() => {
  const canvas = document.querySelector('#loss-chart canvas');
  const strip = Math.round(40 * devicePixelRatio);
  const pixels = canvas.getContext('2d').getImageData(0, 0, strip, canvas.height).data;
  let brightest = 0, darkest = 255;
  for (let i = 0; i < pixels.length; i += 4) {
    if (pixels[i + 3] < 200) continue;
    const y = 0.2126 * pixels[i] + 0.7152 * pixels[i + 1] + 0.0722 * pixels[i + 2];
    brightest = Math.max(brightest, y); darkest = Math.min(darkest, y);
  }
  return [brightest, darkest];
}"""


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_axis_values_contrast_with_the_page(page: Page, server_url: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    open_lab(page, server_url)
    wait_for_step_above(page, 50)
    brightest, darkest = page.evaluate(AXIS_LUMINANCE)
    if scheme == "dark":
        assert brightest > 150, brightest  # light text (--muted) on the dark page
    else:
        assert darkest < 120, darkest  # dark text on white
        assert brightest < 200, brightest


def test_a_paused_page_follows_a_change_of_theme(page: Page, server_url: str) -> None:
    page.emulate_media(color_scheme="light")
    open_lab(page, server_url)
    wait_for_step_above(page, 50)
    page.locator("#playback").get_by_role("button", name="Pause").click()
    page.locator("#playback").get_by_role("button", name="Play").wait_for()
    page.emulate_media(color_scheme="dark")  # no frame comes to redraw with
    page.wait_for_function(f"() => ({AXIS_LUMINANCE})()[0] > 150")
