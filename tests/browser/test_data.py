"""The user's own data (drawn or uploaded), and what the page says when things go wrong."""

import re

from pagetools import open_lab, plot, screenshot
from playwright.sync_api import Page, expect


def _count(page: Page) -> int:
    return int(page.locator("#point-count").inner_text().split()[0])


def test_drawing_points_adds_them_to_the_data(page: Page, server_url: str) -> None:
    open_lab(page, server_url)
    before = _count(page)
    page.get_by_label("Draw points").check()
    page.get_by_label("Point class").select_option(label="Orange (−1)")  # noqa: RUF001
    box = plot(page).bounding_box()
    assert box is not None
    for i in range(3):
        page.mouse.click(box["x"] + box["width"] * (0.2 + 0.1 * i), box["y"] + box["height"] * 0.5)
        expect(page.locator("#point-count")).to_have_text(re.compile(f"^{before + i + 1} points"))
    expect(page.get_by_role("radio", name="Your points")).to_have_attribute("aria-checked", "true")


def test_a_csv_with_a_bad_row_names_it(page: Page, server_url: str) -> None:
    open_lab(page, server_url)
    csv = "x1,x2,label\n1,2,1\n3,oops,-1\n"
    page.get_by_label("Upload CSV").set_input_files(
        files=[{"name": "points.csv", "mimeType": "text/csv", "buffer": csv.encode()}])
    expect(page.get_by_role("alert").filter(has_text="csv")).to_contain_text("line 3")
    rows = (f"{x / 4},{-x / 4},{1 if x > 0 else -1}" for x in range(-8, 9))
    good = "x1,x2,label\n" + "\n".join(rows)
    page.get_by_label("Upload CSV").set_input_files(
        files=[{"name": "points.csv", "mimeType": "text/csv", "buffer": good.encode()}])
    expect(page.locator("#point-count")).to_have_text(re.compile("^17 points"))


def test_divergence_is_explained_with_ways_out(page: Page, server_url: str) -> None:
    open_lab(page, server_url, "dataset=plane&activations=relu&learning_rate=10")
    banner = page.get_by_role("alert").filter(has_text="Loss became infinite")
    expect(banner).to_be_visible(timeout=30_000)
    expect(page.get_by_role("button", name="Play")).to_be_visible()
    screenshot(page, "divergence.png")
    page.get_by_role("button", name="Lower learning rate ×0.1").click()  # noqa: RUF001
    expect(banner).to_be_hidden()
    expect(page.get_by_label("Learning rate")).to_have_attribute("aria-valuetext", "1")


def _click_plot(page: Page, *spots: tuple[float, float]) -> None:
    box = plot(page).bounding_box()
    assert box is not None
    for fx, fy in spots:
        page.mouse.click(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)


def test_drawn_points_replace_the_data_undo_and_clear(page: Page, server_url: str) -> None:
    """Each set of another size may compile a program of its own: seconds on a busy machine."""
    page.set_default_timeout(30_000)
    expect.set_options(timeout=30_000)
    open_lab(page, server_url)
    page.get_by_label("Draw points").check()
    page.get_by_label("Replace the data").check()
    _click_plot(page, (0.3, 0.3))
    # A set of its own: a new run, one point that trains and tests alone.
    expect(page.get_by_role("alert").filter(has_text="New run")).to_contain_text("your points")
    expect(page.locator("#point-count")).to_have_text("1 point: it trains and tests alone")
    page.get_by_label("Point class").select_option(label="Orange (−1)")  # noqa: RUF001
    _click_plot(page, (0.7, 0.7), (0.7, 0.3))
    expect(page.locator("#point-count")).to_have_text(re.compile("^3 points"))
    page.get_by_role("button", name="Undo last point").click()
    expect(page.locator("#point-count")).to_have_text(re.compile("^2 points: 1 training, 1 test"))
    page.get_by_role("button", name="Clear drawn points").click()
    expect(page.get_by_role("radio", name="Circle")).to_have_attribute("aria-checked", "true")
    expect(page.locator("#point-count")).to_have_text(re.compile("^500 points"))
    # Added to the data, a drawn point is undone the same way.
    page.get_by_label("Replace the data").uncheck()
    _click_plot(page, (0.2, 0.8))
    expect(page.locator("#point-count")).to_have_text(re.compile("^501 points"))
    page.get_by_role("button", name="Undo last point").click()
    expect(page.locator("#point-count")).to_have_text(re.compile("^500 points"))
    page.get_by_role("button", name="Undo last point").click()
    expect(page.get_by_role("alert").filter(has_text="no drawn point")).to_be_visible()
    expect.set_options(timeout=5_000)  # Playwright's default, for the tests after this one
