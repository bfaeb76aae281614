"""The images lab in a real Chromium against the real server: ?lab=images opens a CNN
learning the digits, whose filters, feature maps, probe, confusion matrix and mistakes
change as it trains, and whose network changes while it trains. Clicking a feature map's
cell opens the step-through of its convolution: the window, kernel and products with the
engine's numbers, whose shown sum plus bias is the shown pre-activation."""

import re

from image_zips import good_set, zipped
from pagetools import (
    counter,
    open_lab,
    pixels,
    screenshot,
    slide_to,
    wait_for_step_above,
    wait_until_changed,
)
from playwright.sync_api import Page, expect

MINUS = "\u2212"  # as the page writes a minus sign
UNUSED = "\u2013"  # the name of a class an uploaded set does not use


def test_a_cnn_learns_the_digits_and_shows_its_filters_maps_and_mistakes(
        page: Page, server_url: str) -> None:
    open_lab(page, server_url, "lab=images&steps_per_second=300")
    filters = page.locator("#filters canvas.filter:not(.grad)")
    expect(filters).to_have_count(8 + 16, timeout=30_000)
    expect(page.locator("#feature-maps canvas.map")).to_have_count(8 + 16)
    first_filter = pixels(filters.first)
    first_map = pixels(page.locator("#feature-maps canvas.map").first)
    wait_for_step_above(page, 600, timeout=60_000)
    page.wait_for_function(
        "() => parseFloat(document.getElementById('test-accuracy').textContent) > 90",
        timeout=60_000)
    wait_until_changed(page, filters.first, first_filter)
    wait_until_changed(page, page.locator("#feature-maps canvas.map").first, first_map)
    # The confusion matrix counts every test image once; the mistakes are listed.
    total = page.locator("#confusion td").evaluate_all(
        "cells => cells.reduce((n, c) => n + Number(c.textContent || 0), 0)")
    caption = page.locator(".mistake-count").inner_text()
    assert f"of {total} test images misclassified" in caption
    assert float(counter(page, "test-accuracy").rstrip(" %")) > 90
    expect(page.locator(".probe-caption")).to_contain_text("seen as a")
    screenshot(page, "images.png")
    step_through_a_convolution(page)

    # A third layer and average pooling while it trains: the filters follow.
    page.get_by_role("button", name="Add a layer (Filters)").click()
    expect(filters).to_have_count(8 + 16 + 16, timeout=60_000)
    page.get_by_label("Pooling", exact=True).select_option("avg")
    expect(page.get_by_label("Filters, layer 3")).to_have_value("16")
    wait_for_step_above(page, int(counter(page, "step")) + 100)
    # The next probe image is shown and explained.
    before = page.locator(".probe-caption").inner_text()
    page.get_by_role("button", name="Next test image").click()
    expect(page.locator(".probe-caption")).not_to_have_text(before)
    assert "lab=images" in page.url and "filters=8,16,16" in page.url

    # A digit drawn on the pad becomes the probe, read by the network as it trains.
    pad = page.get_by_role("img", name="Drawing pad: press and drag to draw a digit")
    box = pad.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 0.1 * box["height"])
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 0.9 * box["height"], steps=12)
    page.mouse.up()
    page.get_by_role("button", name="Use drawing").click()
    # (Applied once the pooling's program, which may still compile, is ready.)
    expect(page.locator(".probe-caption")).to_contain_text("Your drawing, seen as a",
                                                           timeout=60_000)
    page.get_by_role("button", name="Probe the test images again").click()
    expect(page.locator(".probe-caption")).to_contain_text("Test image 2 of")


def numbers(text: str) -> list[float]:
    """The numbers in a text the page wrote, a minus sign read as -."""
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?",
                                         text.replace(MINUS, "-"))]


def step_through_a_convolution(page: Page) -> None:
    """Click row 2, column 3 of the first feature map (4 x 4 after max pooling): the panel
    explains filter 1 at output position (3, 5) with the engine's numbers; a filter the
    layer lacks is refused in the panel; the button opens it from the keyboard."""
    first_map = page.locator("#feature-maps canvas.map").first
    box = first_map.bounding_box()
    assert box is not None
    first_map.click(position={"x": 2.5 * (box["width"] - 2) / 4 + 1,
                              "y": 1.5 * (box["height"] - 2) / 4 + 1})
    panel = page.locator("#conv-step")
    expect(panel).to_be_visible()
    expect(panel.get_by_role("heading", name="One convolution, step by step")).to_be_visible()
    expect(page.locator("#conv-status")).to_contain_text(
        "Layer 1, filter 1, output row 3, column 5 (before pooling)", timeout=30_000)
    expect(page.locator("#conv-status")).to_contain_text("pooled into the feature map's row 2, "
                                                         "column 3")
    # A 3 x 3 window of the probe, the kernel and their nine products.
    for grid in ("window", "kernel", "products"):
        expect(page.locator(f'#conv-channels [data-grid="{grid}"] td')).to_have_count(9)
    expect(page.locator('#conv-arithmetic [data-equation="pool"]')).to_contain_text("max(")
    # Read at one moment (answers keep coming while it trains): the shown products add up
    # to the shown sum, and sum + bias is the shown pre-activation, within their rounding.
    shown = page.locator("#conv-body").evaluate("""body => ({
        products: [...body.querySelectorAll('[data-grid="products"] td')].map(td => td.textContent),
        sum: body.querySelector('[data-equation="sum"]').textContent,
        pre: body.querySelector('[data-equation="pre"]').textContent,
        activation: body.querySelector('[data-equation="activation"]').textContent})""")
    products = [numbers(text)[0] for text in shown["products"]]
    total = numbers(shown["sum"].split(" = ")[-1])[0]
    assert abs(sum(products) - total) <= 2e-3 * max(1.0, sum(map(abs, products))), shown
    assert shown["pre"].startswith("pre-activation = sum + bias = ")
    s, bias, pre = numbers(shown["pre"].split(" = ", 2)[2])
    assert s == total
    assert abs(s + bias - pre) <= 2e-3 * max(1.0, abs(pre)), shown
    pre_again, activation = numbers(shown["activation"].split(" = ", 1)[1])
    assert pre_again == pre and activation == max(pre, 0.0), shown  # relu
    screenshot(page, "images-step.png", panel)
    # Filter 20 of an 8-filter layer: the server's reason in the panel, nothing lost.
    filter_input = panel.get_by_label("Filter", exact=True)
    filter_input.fill("20")
    filter_input.press("Enter")
    expect(page.locator("#conv-error")).to_contain_text("filter: 19 is out of range")
    expect(page.locator(".notice").filter(has_text="out of range")).to_have_count(0)
    expect(filter_input).to_have_value("20")
    filter_input.fill("2")
    filter_input.press("Enter")
    expect(page.locator("#conv-error")).to_be_hidden()
    expect(page.locator("#conv-status")).to_contain_text("Layer 1, filter 2")
    panel.get_by_role("button", name="Close").click()
    expect(panel).to_be_hidden()
    toggle = page.get_by_role("button", name="Step through a convolution")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(panel).to_be_visible()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    toggle.click()
    expect(panel).to_be_hidden()


def test_fashion_mnist_is_offered_and_shows_28_by_28_garments(
        page: Page, server_url: str) -> None:
    """Where Debian's dataset-fashion-mnist is installed (`make test` installs it), the
    data set's choice offers it: the probe becomes a 28 x 28 garment named by its class,
    and the drawing pad (8 x 8 digits) goes away."""
    open_lab(page, server_url, "lab=images&steps_per_second=100")
    choice = page.get_by_label("Data set")
    expect(choice.locator('option[value="fashion"]')).to_be_enabled(timeout=10_000)
    expect(page.locator("#fashion-note")).to_be_hidden()
    choice.select_option("fashion")
    probe = page.get_by_role("img", name="The probe image")
    expect(probe).to_have_attribute("width", "28", timeout=60_000)
    expect(page.locator("#images-data-title")).to_have_text("Fashion-MNIST")
    expect(page.locator(".probability .digit").nth(9)).to_have_text("Ankle boot")
    garments = "T-shirt/top|Trouser|Pullover|Dress|Coat|Sandal|Shirt|Sneaker|Bag|Ankle boot"
    expect(page.locator(".probe-caption")).to_have_text(
        re.compile(f"Test image 1 of 500: a ({garments}), seen as a ({garments})"))
    expect(page.locator(".draw-pad")).to_be_hidden()
    expect(page.locator("#feature-maps canvas.map").first).to_have_attribute("width", "14")


def test_the_users_own_images_are_uploaded_as_a_zip_and_trained_on(
        page: Page, server_url: str) -> None:
    """A zip of class folders chosen in the data panel becomes the data set: 28 x 28 probes
    named by the folders; a bad zip's every problem is listed and training goes on. Random
    turns are one of the data's settings."""
    open_lab(page, server_url, "lab=images&steps_per_second=200")
    slide_to(page, "Random turns", "\u00b110\u00b0")  # off, 10 or 20 degrees
    page.wait_for_url(re.compile("rotate=10"))
    page.get_by_label("Upload images (zip)").set_input_files(
        {"name": "shapes.zip", "mimeType": "application/zip", "buffer": good_set(per_class=20)})
    expect(page.locator("#upload-status")).to_have_text(
        "Taken: across (20), down (20), ring (20).", timeout=30_000)
    expect(page.locator("#images-dataset")).to_have_value(re.compile("^upload:"))
    expect(page.locator("#images-data-title")).to_have_text("Your images")
    probe = page.get_by_role("img", name="The probe image")
    expect(probe).to_have_attribute("width", "28", timeout=120_000)
    expect(page.locator(".probe-caption")).to_have_text(
        re.compile("Test image 1 of 30: a (across|down|ring), seen as a"))
    expect(page.locator(".probability .digit").nth(3)).to_have_text(UNUSED)  # no folder
    expect(page.locator(".draw-pad")).to_be_hidden()
    wait_for_step_above(page, int(counter(page, "step")) + 100, timeout=60_000)

    bad = zipped({"ring/a.png": b"not a png", "notes.txt": b"hello"})
    page.get_by_label("Upload images (zip)").set_input_files(
        {"name": "bad.zip", "mimeType": "application/zip", "buffer": bad})
    expect(page.locator("#upload-status")).to_have_text(
        "bad.zip was not taken: 3 problems, nothing of it used.")
    expect(page.locator("#upload-problems li")).to_have_text([
        "ring/a.png: not an image (PNG or JPEG)",
        "notes.txt: not in a class folder: each image goes in the folder named after its "
        "class",
        "1 class folder: the network tells 2 to 10 classes apart"])
    expect(page.locator("#images-dataset")).to_have_value(re.compile("^upload:"))
    wait_for_step_above(page, int(counter(page, "step")) + 100, timeout=60_000)
