"""Clear runs in real Chromium against the real server: choosing another dataset starts a
new run (step 0, new curves), the page says so, and the last run's losses stay greyed in
the loss chart for comparison; a second page on the same session sees the new run too."""

from pagetools import open_lab, wait_for_step_above
from playwright.sync_api import Page, expect


def test_a_new_dataset_starts_a_new_run_with_the_old_curve_greyed(page: Page,
                                                                 server_url: str) -> None:
    open_lab(page, server_url)
    wait_for_step_above(page, 1500)
    chart = page.locator("#loss-chart")
    expect(chart.get_by_role("row", name="Last run: training loss")).to_have_count(0)
    page.get_by_role("button", name="Pause").first.click()
    page.get_by_role("radio", name="Spiral", exact=True).click()
    notice = page.get_by_role("alert").filter(has_text="New run")
    expect(notice).to_contain_text("the data changed to the Spiral dataset")
    expect(page.locator("#step")).to_have_text("0")
    expect(chart.get_by_role("row", name="Last run: training loss")).to_have_count(1)
    expect(chart.get_by_role("row", name="Last run: test loss")).to_have_count(1)


def test_a_second_page_of_the_session_sees_the_new_run(page: Page, server_url: str) -> None:
    open_lab(page, server_url)
    wait_for_step_above(page, 500)
    other = page.context.new_page()
    open_lab(other, server_url, page.url.split("?", 1)[1])
    page.get_by_role("radio", name="Two Gaussians", exact=True).click()
    expect(other.get_by_role("alert").filter(has_text="New run")).to_contain_text(
        "Two Gaussians", timeout=30_000)
    expect(other.locator("#loss-chart").get_by_role(
        "row", name="Last run: training loss")).to_have_count(1)
    other.close()
