"""The dataset picker shows what the server's GET /api/datasets describes (labels and
sample points, from the generators that train), and works by name until it answers."""

from pagetools import open_lab
from playwright.sync_api import Page, Route, expect

PIXEL = "(canvas, [x, y]) => [...canvas.getContext('2d').getImageData(x, y, 1, 1).data]"


def test_thumbnails_and_labels_come_from_the_server(page: Page, server_url: str) -> None:
    previews = page.request.get(f"{server_url}/api/datasets").json()
    assert [p["name"] for p in previews][:2] == ["circle", "xor"]
    previews[0] |= {"label": "Ring", "points": [[0.0, 0.0, 1.0]]}  # one blue point, centred

    def answer(route: Route) -> None:
        route.fulfill(json=previews)

    page.route("**/api/datasets", answer)
    open_lab(page, server_url)
    ring = page.get_by_role("radio", name="Ring")
    expect(ring).to_have_attribute("aria-checked", "true")  # the default dataset, circle
    thumbnail = ring.locator("canvas")
    assert thumbnail.evaluate(PIXEL, [32, 32]) == [0x08, 0x77, 0xBD, 255]
    assert thumbnail.evaluate(PIXEL, [8, 8]) == [0xF7, 0xF7, 0xF7, 255]  # nothing else
    gauss = page.get_by_role("radio", name="Two Gaussians")  # as the server labels it
    expect(gauss).to_have_attribute("title", "Two Gaussians (binary)")


def test_without_an_answer_the_picker_offers_the_names(page: Page, server_url: str) -> None:
    page.route("**/api/datasets", lambda route: route.abort())
    open_lab(page, server_url)
    names = page.get_by_role("radiogroup", name="Dataset").get_by_role("radio")
    expect(names.first).to_have_accessible_name("circle")
    blank = {c.evaluate("canvas => canvas.toDataURL()") for c in names.locator("canvas").all()}
    assert len(blank) == 1  # every thumbnail is still empty
    page.get_by_role("radio", name="spiral", exact=True).click()
    expect(page.get_by_role("radio", name="spiral", exact=True)).to_have_attribute(
        "aria-checked", "true")
