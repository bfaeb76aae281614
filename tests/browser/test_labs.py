"""The address picks the lab (?lab=NAME): the 2D lab without one, so every older link still
opens what it did; a name that is no lab is said so, with the labs there are."""

from urllib.parse import parse_qs, urlsplit

from pagetools import open_lab, wait_for_step_above
from playwright.sync_api import Browser, Page, expect


def _query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_no_lab_and_lab_points_both_open_the_2d_lab_training(page: Page, browser: Browser,
                                                            server_url: str) -> None:
    for query in ("", "lab=points&dataset=xor"):
        tab = browser.new_page() if query else page
        open_lab(tab, server_url, query)
        expect(tab.get_by_role("radiogroup", name="Dataset")).to_be_visible()
        expect(tab.locator("#output-plot")).to_be_visible()
        expect(tab.locator('.node[data-column="1"]').first).to_be_visible()
        wait_for_step_above(tab, 100)
        # The address keeps the lab as it was given: named when it was, absent when not.
        assert _query(tab).get("lab") == (["points"] if query else None)
        if query:
            xor = tab.get_by_role("radio", name="Exclusive or")
            expect(xor).to_have_attribute("aria-checked", "true")
            # The view link and the comparison's link carry it too.
            tab.get_by_role("button", name="Share view link").click()
            assert "?lab=points&view=" in tab.locator(".share-link").input_value()
            tab.get_by_role("button", name="Compare…").click()
            href = tab.get_by_role("link", name="Open the comparison").get_attribute("href")
            assert href is not None and href.startswith("compare.html?lab=points&")
            tab.close()


def test_an_unknown_lab_is_named_with_the_labs_there_are(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/?lab=nope&dataset=xor")
    message = page.get_by_role("alert").filter(has_text='There is no lab "nope"')
    expect(message).to_be_visible()
    expect(message).to_contain_text("the labs are points")
    expect(page.locator("#connection-status")).to_have_text("Not connected")
    # Nothing of a lab is shown, and nothing trains.
    expect(page.get_by_role("radiogroup", name="Dataset")).to_have_count(0)
    expect(page.get_by_role("button", name="Play")).to_have_count(0)
    expect(page.locator("#output-plot")).to_have_count(0)

    page.goto(f"{server_url}/compare.html?lab=nope&vary=optimizer&values=sgd|adam")
    expect(page.get_by_role("alert").filter(has_text='There is no lab "nope"')).to_be_visible()
    expect(page.locator("#compare-status")).to_have_text("Nothing to compare.")
