"""Recordings of the view in real Chromium against the real server: a PNG of the plot and
the curves, a WebM of training made by the browser's own MediaRecorder, and the curves as
CSV from the server's export route; each arrives as a download."""

import csv
import io
import struct
from pathlib import Path

from pagetools import open_lab, wait_for_step_above
from playwright.sync_api import Download, Page, expect

GAP = 16  # recording.ts: pixels around and between the composed canvases


def _button(page: Page, name: str):
    button = page.locator("#session-files").get_by_role("button", name=name, exact=True)
    button.scroll_into_view_if_needed()
    return button


def _saved(download: Download, tmp_path: Path) -> bytes:
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    return path.read_bytes()


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", data[:16]
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_picture_video_and_curves_download(page: Page, server_url: str, tmp_path: Path) -> None:
    open_lab(page, server_url)
    wait_for_step_above(page, 200)
    sizes = page.evaluate("""() => [document.getElementById('output-plot'),
        document.querySelector('#loss-chart canvas')].map(c => [c.width, c.height])""")

    with page.expect_download() as got:
        _button(page, "Picture (PNG)").click()
    assert got.value.suggested_filename.endswith(".png")
    width, height = _png_size(_saved(got.value, tmp_path))
    # The output plot and the loss chart side by side, at their own pixel sizes.
    assert width == sum(w for w, _ in sizes) + 3 * GAP
    assert height == max(h for _, h in sizes) + 2 * GAP

    _button(page, "Record video").click()
    expect(_button(page, "Stop recording")).to_be_visible()
    page.wait_for_timeout(1500)  # training goes on meanwhile
    with page.expect_download() as got:
        _button(page, "Stop recording").click()
    video = _saved(got.value, tmp_path)
    assert got.value.suggested_filename.endswith(".webm")
    assert len(video) > 1000 and video[:4] == bytes([0x1A, 0x45, 0xDF, 0xA3])  # EBML
    expect(_button(page, "Record video")).to_be_visible()

    with page.expect_download() as got:
        _button(page, "Curves (CSV)").click()
    rows = list(csv.reader(io.StringIO(_saved(got.value, tmp_path).decode())))
    assert rows[0] == ["step", "train_loss", "test_loss", "train_accuracy", "test_accuracy"]
    assert len(rows) > 3 and int(rows[-1][0]) > 0
