"""Backprop, step by step, in real Chromium: pick a training point, walk every stage with
the arrow keys, and check each number the page shows against NumPy's own forward and
backward pass from the weights the server reports to a second client."""

from collections.abc import Callable
from itertools import pairwise
from typing import Any
from urllib.parse import parse_qs, urlsplit

import numpy as np
from pagetools import open_lab, plot, screenshot, step
from playwright.sync_api import Page, expect

from mindscope.client import connect

SETUP = "dataset=xor&hidden=3,2&activations=tanh,relu&loss=log&learning_rate=0.1&noise=0.2"
SIZES = [2, 3, 2, 1]
MINUS = "\u2212"  # the page writes a true minus sign
ACTIVATIONS: list[tuple[Callable[[np.ndarray], np.ndarray], Callable[[np.ndarray], np.ndarray]]] = [
    (np.tanh, lambda z: 1 - np.tanh(z) ** 2),
    (lambda z: np.maximum(z, 0), lambda z: (z > 0).astype(np.float64)),
]


def _layers(flat: np.ndarray, sizes: list[int], weights: bool) -> list[np.ndarray]:
    """The frame's flat parameters, one (n_in, n_out) matrix (or bias vector) per layer."""
    out, at = [], 0
    for n_in, n_out in pairwise(sizes):
        count = n_in * n_out if weights else n_out
        chunk = flat[at:at + count].astype(np.float64)
        out.append(chunk.reshape(n_in, n_out) if weights else chunk)
        at += count
    return out


def _oracle(w: list[np.ndarray], b: list[np.ndarray], x: np.ndarray, label: float,
            rate: float) -> dict[str, Any]:
    """Forward and backward for one example: tanh, ReLU, a sigmoid output with log loss."""
    a, z = [x.astype(np.float64)], []
    for layer in range(3):
        z.append(a[-1] @ w[layer] + b[layer])
        a.append(ACTIVATIONS[layer][0](z[-1]) if layer < 2 else 1 / (1 + np.exp(-z[-1])))
    t = (label + 1) / 2
    p = a[-1][0]
    loss = -(t * np.log(p) + (1 - t) * np.log(1 - p))
    deltas = [np.array([p - t])]
    for layer in (1, 0):
        deltas.insert(0, ACTIVATIONS[layer][1](z[layer]) * (w[layer + 1] @ deltas[0]))
    grads = [np.outer(a[layer], deltas[layer]) for layer in range(3)]
    return {"a": a, "z": z, "loss": loss, "deltas": deltas, "grads": grads, "rate": rate}


def _expected(o: dict[str, Any], w: list[np.ndarray], b: list[np.ndarray],
              number: dict[str, Any]) -> float:
    q, c, j = number["q"], int(number["column"]), int(number["index"])
    i = int(number["source"]) if number["source"] is not None else None
    rate = o["rate"]
    values: dict[str, Callable[[], float]] = {
        "a": lambda: o["a"][c][j],
        "z": lambda: o["z"][c - 1][j],
        "loss": lambda: o["loss"],
        "delta": lambda: o["deltas"][c - 1][j],
        "grad": lambda: o["grads"][c - 1][i, j],
        "bgrad": lambda: o["deltas"][c - 1][j],
        "old-w": lambda: w[c - 1][i, j],
        "step-w": lambda: -rate * o["grads"][c - 1][i, j],
        "new-w": lambda: w[c - 1][i, j] - rate * o["grads"][c - 1][i, j],
        "old-b": lambda: b[c - 1][j],
        "step-b": lambda: -rate * o["deltas"][c - 1][j],
        "new-b": lambda: b[c - 1][j] - rate * o["deltas"][c - 1][j],
    }
    return float(values[q]())


def _shown(page: Page) -> list[dict[str, Any]]:
    """Every number of the current stage as the page displays it."""
    return page.locator(".step-body .num").evaluate_all(
        """nums => nums.map(n => ({q: n.dataset.q, column: n.dataset.column, index: n.dataset.index,
                   source: n.dataset.source ?? null, text: n.textContent}))""")


def _hover_link(page: Page, source: tuple[int, int], target: tuple[int, int]) -> None:
    """Put the pointer on the middle of the diagram's link between two nodes."""
    boxes = []
    for column, index in (source, target):
        box = page.locator(f'.node[data-column="{column}"][data-index="{index}"]').bounding_box()
        assert box is not None
        boxes.append(box)
    (a, b) = boxes
    x = (a["x"] + a["width"] + b["x"]) / 2
    y = (a["y"] + b["y"] + (a["height"] + b["height"]) / 2) / 2
    page.mouse.move(x, y)


def _pick(page: Page, point: np.ndarray) -> None:
    """Click the output plot where an input-plane point is drawn."""
    box = plot(page).bounding_box()
    assert box is not None
    plot(page).click(position={"x": float((point[0] + 6) / 12 * box["width"]),
                               "y": float((6 - point[1]) / 12 * box["height"])})


def _isolated_point(x: np.ndarray) -> int:
    """The training point farthest from its neighbours, so a click cannot miss it."""
    gaps = np.linalg.norm(x[:, None] - x[None], axis=-1) + np.eye(len(x)) * 1e9
    inside = np.all(np.abs(x) < 5.5, axis=1)
    return int(np.argmax(np.where(inside, gaps.min(axis=1), -1)))


def test_step_through_numbers_match_numpy(page: Page, server_url: str) -> None:
    open_lab(page, server_url, SETUP)
    page.wait_for_function("Number(document.getElementById('step').textContent) > 100")
    page.get_by_role("button", name="Step through backprop").click()
    expect(page.get_by_role("button", name="Play")).to_be_visible()
    session_id = parse_qs(urlsplit(page.url).query)["session"][0]

    with connect(server_url, session_id) as other:
        frame = other.next_frame()
        x_train, y_train = other.data["x_train"], other.data["y_train"][:, 0]
    assert frame.header["layer_sizes"] == SIZES
    k = _isolated_point(x_train)
    _pick(page, x_train[k])
    expect(page.locator(".step-title")).to_have_text("Forward · the inputs")
    hint = page.locator(".step-hint")
    expect(hint).to_contain_text(f"at step {frame.step}.")

    w = _layers(frame.arrays["weights"], SIZES, True)
    b = _layers(frame.arrays["biases"], SIZES, False)
    oracle = _oracle(w, b, x_train[k], float(y_train[k]), 0.1)
    at_step = step(page)
    titles, kinds = [], set()
    for stage in range(11):
        expect(page.locator(".step-count")).to_have_text(f"{stage + 1} / 11")
        titles.append(page.locator(".step-title").inner_text())
        shown = _shown(page)
        assert shown, f"stage {titles[-1]} shows no numbers"
        for number in shown:
            kinds.add(number["q"])
            value = float(number["text"].replace(MINUS, "-"))
            want = _expected(oracle, w, b, number)
            assert np.isclose(value, want, rtol=2e-3, atol=2e-5), (titles[-1], number, want)
        if titles[-1] == "Backward · output":
            _hover_link(page, (2, 1), (3, 0))  # the chain rule follows the hovered link
            expect(page.locator(".chain-rule")).to_contain_text("link h₂,₂ → ŷ:")
            expect(page.locator(".link-row.selected")).to_contain_text("h₂,₂→ŷ")
            page.mouse.move(0, 0)
        if titles[-1] == "Backward · hidden layer 2":
            expect(page.locator('.node[data-column="2"] .step-label').first).to_contain_text("δ=")
            screenshot(page, "step-through.png", page.locator("main.lab"))
        page.keyboard.press("ArrowRight")

    assert titles[0] == "Forward · the inputs" and titles[4] == "The loss"
    assert titles[5] == "Backward · output" and titles[-1] == "Update · weights into the output"
    assert kinds == {"a", "z", "loss", "delta", "grad", "bgrad", "old-w", "step-w", "new-w",
                     "old-b", "step-b", "new-b"}
    # The arrows moved stages, not training; ← goes back.
    assert step(page) == at_step
    page.keyboard.press("ArrowLeft")
    expect(page.locator(".step-count")).to_have_text("10 / 11")
    # The stage's layer is highlighted on the diagram; the update stage labels no node.
    expect(page.locator(".node.step-current")).to_have_count(2)
    expect(page.locator('.node.step-current[data-column="2"]')).to_have_count(2)
    expect(page.locator('.node[data-column="3"] .step-label')).to_have_count(0)


def test_the_mode_decides_what_a_click_does_and_exit_resumes(page: Page, server_url: str) -> None:
    open_lab(page, server_url, "dataset=gauss")
    page.get_by_label("Draw points").check()
    page.get_by_role("button", name="Step through backprop").click()
    expect(page.get_by_role("button", name="Play")).to_be_visible()
    counts = page.locator("#point-count").inner_text()
    plot(page).click(position={"x": 3, "y": 3})  # a corner with no point: nothing is added
    expect(page.locator(".step-hint")).to_contain_text("No training point there")
    assert page.locator("#point-count").inner_text() == counts
    page.keyboard.press("Escape")
    expect(page.locator(".step-panel")).to_be_hidden()
    expect(page.get_by_role("button", name="Pause")).to_be_visible()  # training again
    expect(page.locator(".step-label")).to_have_count(0)


def test_other_optimizers_show_their_own_update(page: Page, server_url: str) -> None:
    open_lab(page, server_url, "dataset=gauss&hidden=2&optimizer=adam&learning_rate=0.01")
    page.get_by_role("button", name="Step through backprop").click()
    expect(page.get_by_role("button", name="Play")).to_be_visible()
    with connect(server_url, parse_qs(urlsplit(page.url).query)["session"][0]) as other:
        other.next_frame()
        x_train = other.data["x_train"]
    k = _isolated_point(x_train)
    _pick(page, x_train[k])
    expect(page.locator(".step-count")).to_have_text("1 / 8")
    for _ in range(7):
        page.keyboard.press("ArrowRight")
    expect(page.locator(".step-title")).to_have_text("Update · weights into the output")
    expect(page.locator(".step-formula").first).to_contain_text("Adam optimizer's update")
    shown = {(n["q"], n["index"], n["source"]): float(n["text"].replace(MINUS, "-"))
             for n in _shown(page)}
    for (q, index, source), old in shown.items():
        if q.startswith("old-"):  # new = old + the optimizer's update, as optax applies it
            kind = q.removeprefix("old-")
            new = shown[(f"new-{kind}", index, source)]
            update = shown[(f"step-{kind}", index, source)]
            assert np.isclose(new, old + update, rtol=2e-3, atol=2e-5)
