"""Frames deflated end to end: a page on another machine than the server (here: the
server on this machine's network address, not loopback) gets its frames deflated, and
the page inflates them, draws them and keeps training live."""

import socket
from collections.abc import Iterator

import pytest
from pagetools import open_lab, pixels, plot, step, wait_for_step_above
from playwright.sync_api import Page, WebSocket

from mindscope.bench.server import running_server
from mindscope.codec import DEFLATED


def network_address() -> str:
    """This machine's address on its default route (a UDP socket's connect sends nothing)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("203.0.113.1", 9))  # TEST-NET-3: any routed address will do
        except OSError:
            pytest.fail("this machine has no network route to serve a page on besides "
                        "loopback")
        address = str(probe.getsockname()[0])
    assert not address.startswith("127."), address
    return address


@pytest.fixture(scope="module")
def remote_url() -> Iterator[str]:
    host = network_address()
    with running_server(["--host", "0.0.0.0", "--allowed-host", "127.0.0.1",
                         "--allowed-host", host]) as server:
        yield server.url.replace("127.0.0.1", host)


def test_a_page_elsewhere_gets_deflated_frames_and_draws_them(page: Page,
                                                              remote_url: str) -> None:
    first_words: list[int] = []

    def watch(ws: WebSocket) -> None:
        ws.on("framereceived", lambda payload: first_words.append(
            int.from_bytes(payload[:4], "little")) if isinstance(payload, bytes) else None)

    page.on("websocket", watch)
    open_lab(page, remote_url)
    wait_for_step_above(page, 0)
    first_step, first_map = step(page), pixels(plot(page))
    wait_for_step_above(page, first_step + 200)
    assert pixels(plot(page)) != first_map
    assert DEFLATED in first_words, "no frame came deflated"
    # After the subscription's answer, every frame comes deflated (a frame of the 2D lab
    # shrinks well over a tenth).
    after = first_words[first_words.index(DEFLATED):]
    assert len(after) >= 10 and all(word == DEFLATED for word in after[-10:]), after[-10:]
