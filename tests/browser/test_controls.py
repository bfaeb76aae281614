"""Each group of controls changes what the page draws, live, while training runs."""

import re

from pagetools import (
    counter,
    links,
    open_lab,
    pixels,
    plot,
    screenshot,
    slide_to,
    step,
    wait_for_step_above,
    wait_until_changed,
)
from playwright.sync_api import Page, expect


def test_data_controls_change_the_points(page: Page, server_url: str) -> None:
    open_lab(page, server_url)
    before = pixels(plot(page))
    page.get_by_role("radio", name="Spiral", exact=True).click()
    spiral = page.get_by_role("radio", name="Spiral", exact=True)
    expect(spiral).to_have_attribute("aria-checked", "true")
    wait_until_changed(page, plot(page), before)

    seed = page.get_by_label("Data seed").input_value()
    page.get_by_role("button", name="Regenerate").click()
    expect(page.get_by_label("Data seed")).not_to_have_value(seed)

    slide_to(page, "Training data", "80 %")
    expect(page.locator("#point-count")).to_have_text(re.compile(r"400 training, 100 test"))
    before = pixels(plot(page))
    slide_to(page, "Noise", "30 %")
    wait_until_changed(page, plot(page), before)


def test_features_become_inputs_of_the_network(page: Page, server_url: str) -> None:
    open_lab(page, server_url)
    inputs = page.locator('.node[data-column="0"]')
    expect(inputs).to_have_count(2)
    page.get_by_role("checkbox", name="sin(x₁)").check()
    expect(inputs).to_have_count(3)
    expect(page.get_by_role("img", name="sin(x₁)")).to_be_visible()
    page.get_by_role("checkbox", name="x₂", exact=True).uncheck()
    expect(inputs).to_have_count(2)


def test_network_controls_reshape_the_diagram(page: Page, server_url: str) -> None:
    open_lab(page, server_url)
    page.get_by_role("button", name="Add hidden layer").click()
    expect(page.get_by_text("3 hidden layers")).to_be_visible()
    page.get_by_role("button", name="Add neuron to layer 1").click()
    expect(page.locator('.node[data-column="1"]')).to_have_count(5, timeout=30_000)
    expect(page.locator('.node[data-column="3"]')).to_have_count(2)

    first = page.locator('.node[data-column="1"] canvas').first
    before = pixels(first)
    page.get_by_label("Activation of layer 1").select_option("relu")
    wait_until_changed(page, first, before, timeout=30)
    page.get_by_label("Activation", exact=True).select_option("sigmoid")
    expect(page.get_by_label("Activation of layer 3")).to_have_value("sigmoid")
    page.get_by_label("Dropout of layer 2").select_option("0.3")
    expect(page.get_by_label("Dropout of layer 2")).to_have_value("0.3")


def test_weights_and_biases_can_be_edited_by_hand(page: Page, server_url: str) -> None:
    open_lab(page, server_url, "hidden=2")
    # A new session starts from the preset, then takes the address's network.
    expect(page.locator('.node[data-column="2"]')).to_have_count(1, timeout=30_000)
    page.get_by_role("button", name="Pause").click()
    page.locator('.node[data-column="1"]').first.hover()
    expect(page.get_by_role("tooltip")).to_contain_text("h₁,₁ = tanh(")
    page.get_by_role("button", name="Bias of h₁,₁").click()
    editor = page.get_by_role("textbox", name="Bias of h₁,₁")
    editor.fill("4.5")
    editor.press("Enter")
    page.locator('.node[data-column="1"]').first.hover()
    expect(page.get_by_role("tooltip")).to_contain_text("+ 4.5)")

    # A link: click halfway between x₁ and h₁,₁, where their curve passes.
    a = page.locator('.node[data-column="0"]').first.bounding_box()
    b = page.locator('.node[data-column="1"]').first.bounding_box()
    assert a is not None and b is not None
    x, y = (a["x"] + a["width"] + b["x"]) / 2, (a["y"] + b["y"] + b["height"]) / 2
    page.mouse.move(x, y)
    expect(page.get_by_role("tooltip")).to_contain_text("Weight x₁ → h₁,₁")
    page.mouse.click(x, y)
    editor = page.get_by_role("textbox", name="Weight from x₁ to h₁,₁")
    editor.fill("-3")
    editor.press("Enter")
    page.locator('.node[data-column="1"]').first.hover()
    expect(page.get_by_role("tooltip")).to_contain_text("tanh(−3·x₁")  # noqa: RUF001
    page.get_by_role("button", name="Bias of h₁,₁").click()
    page.keyboard.press("Escape")
    expect(page.get_by_role("textbox", name="Bias of h₁,₁")).to_be_hidden()


def test_optimizer_controls_show_what_applies(page: Page, server_url: str) -> None:
    open_lab(page, server_url)
    expect(page.get_by_label("Momentum")).to_be_hidden()
    page.get_by_label("Optimizer").select_option("momentum")
    momentum = page.get_by_label("Momentum")
    expect(momentum).to_be_visible()
    # A number out of range is refused with a message naming the range, tied to the field.
    momentum.fill("5")
    momentum.press("Enter")
    expect(momentum).to_have_attribute("aria-invalid", "true")
    low, high = momentum.get_attribute("min"), momentum.get_attribute("max")
    expect(momentum).to_have_accessible_description(
        f"\u201c5\u201d is not allowed: Momentum takes {low} to {high}.")
    momentum.fill("0.5")
    momentum.press("Enter")
    expect(momentum).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator(".setting-error:visible")).to_have_count(0)
    page.get_by_label("Optimizer").select_option("adam")
    expect(page.get_by_label("β₁")).to_be_visible()
    expect(page.get_by_label("Momentum")).to_be_hidden()
    expect(page.get_by_label("Loss", exact=True)).to_have_value("mse")
    assert page.get_by_label("Loss", exact=True).locator("option").all_inner_texts() == [
        "Mean squared error", "Log loss"]
    slide_to(page, "Learning rate", "0.3")
    expect(page.locator("#rate-now")).to_have_text("0.3")


def test_schedule_lowers_the_learning_rate(page: Page, server_url: str) -> None:
    open_lab(page, server_url)
    expect(page.get_by_label("Decay factor")).to_be_hidden()
    page.get_by_label("Schedule").select_option("step")
    page.get_by_label("Decay every (steps)").fill("100")
    page.get_by_label("Decay every (steps)").press("Enter")
    expect(page.get_by_label("Decay factor")).to_be_visible()
    page.get_by_role("button", name="Reset").click()
    expect(page.locator("#rate-now")).not_to_have_text("0.03", timeout=20_000)


def test_regularization_and_clipping_change_the_weights(page: Page, server_url: str) -> None:
    open_lab(page, server_url)
    wait_for_step_above(page, 500)
    expect(page.get_by_label("Regularization rate")).to_be_hidden()
    page.get_by_label("Regularization", exact=True).select_option("l1")
    slide_to(page, "Regularization rate", "1")
    slide_to(page, "Gradient clipping", "1")
    before = pixels(links(page))
    wait_until_changed(page, links(page), before)
    expect(page.get_by_label("Regularization rate")).to_be_visible()


def test_run_controls_set_speed_and_seed(page: Page, server_url: str) -> None:
    open_lab(page, server_url)
    slide_to(page, "Speed", "10/s")
    page.wait_for_timeout(1500)  # the measured pace settles
    assert float(counter(page, "updates").replace(",", "")) < 30
    start = step(page)
    page.wait_for_timeout(2000)
    assert step(page) - start < 60
    page.get_by_role("button", name="Pause").click()
    before = pixels(links(page))
    page.get_by_label("Seed", exact=True).fill("7")
    page.get_by_label("Seed", exact=True).press("Enter")
    wait_until_changed(page, links(page), before)
    page.get_by_label("Initialization").select_option("zeros")
    expect(page.get_by_label("Initialization")).to_have_value("zeros")


def test_view_toggles_change_the_pictures(page: Page, server_url: str) -> None:
    open_lab(page, server_url)
    wait_for_step_above(page, 1500)
    page.get_by_role("button", name="Pause").click()
    page.wait_for_timeout(300)
    chart = page.locator(".loss-chart canvas")
    for label, canvas in [("Show test data", plot(page)), ("Discretize output", plot(page)),
                          ("Show gradients", links(page)), ("Log scale", chart)]:
        before = pixels(canvas)
        page.get_by_label(label).check()
        wait_until_changed(page, canvas, before)
    assert "gradients=1" in page.url
    page.get_by_label("Discretize output").uncheck()
    page.locator('.node[data-column="1"]').nth(1).hover()
    expect(page.get_by_role("tooltip")).to_contain_text("∂L/∂b")
    screenshot(page, "gradients.png")
    assert step(page) > 0
