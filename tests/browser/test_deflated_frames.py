"""Frames deflated end to end: a page on another machine than the server (here: the
server on this machine's network address, not loopback) gets its frames deflated, and
the page inflates them, draws them and keeps training live."""

import socket
from collections.abc import Iterator

import pytest
from pagetools import open_lab, pixels, plot, step, wait_for_step_above
from playwright.sync_api import Page

from mindscope import codec
from mindscope.bench.server import running_server


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
    frames: list[bool] = []  # each frame the page got: whether it came deflated

    def record(payload: str | bytes) -> None:
        if isinstance(payload, bytes) and codec.decode(codec.inflate(payload))[0]["kind"] \
                == "frame":
            frames.append(int.from_bytes(payload[:4], "little") == codec.DEFLATED)

    page.on("websocket", lambda ws: ws.on("framereceived", record))
    open_lab(page, remote_url)
    wait_for_step_above(page, 0)
    first_step, first_map = step(page), pixels(plot(page))
    wait_for_step_above(page, first_step + 500)
    assert pixels(plot(page)) != first_map
    assert True in frames, f"no frame came deflated: {frames}"
    # After the subscription's answer, every frame comes deflated (a frame of the 2D lab
    # shrinks well over a tenth).
    after = frames[frames.index(True):]
    assert len(after) >= 5 and all(after), frames
