"""The server's memory is a limit too (CWE-770): past --max-memory-mb new sessions are
refused with the figure and the flag, while the sessions it holds go on."""

from test_address_limits import _refusal

from mindscope.bench.server import running_server
from mindscope.client import connect
from mindscope.settings import Settings

LIMIT_MB = 64  # the least allowed: JAX alone takes more, so the server is past it at once


def test_new_sessions_are_refused_past_the_memory_limit() -> None:
    assert Settings().max_memory_mb == 4096
    with running_server(["--max-memory-mb", str(LIMIT_MB)]) as server:
        message, code = _refusal(server.url)
        assert code == 4429
        assert f"its maximum for taking new sessions is {LIMIT_MB} MB (--max-memory-mb)" in message
        used = int(message.split("using ")[1].split(" MB")[0])
        assert LIMIT_MB < used <= server.rss_bytes() / 2**20 + 1
        assert server.health()["sessions"] == 0


def _first_session_mb() -> tuple[float, float]:
    """A server's memory at start, and once its first session has trained."""
    with running_server() as probe:
        start = probe.rss_bytes() / 2**20
        with connect(probe.url) as session:
            session.step(5)
            session.next_frame(60)
        return start, probe.rss_bytes() / 2**20


def test_sessions_held_go_on_when_the_limit_is_reached() -> None:
    # Room for the first session only: the limit half way between a server's memory at
    # start and once the first session's network is compiled and training.
    start, trained = _first_session_mb()
    assert trained - start > 10
    limit = str(int((start + trained) / 2))
    with running_server(["--max-memory-mb", limit]) as server, connect(server.url) as first:
        first.pause()
        first.step(5)
        assert first.next_frame(60).header["step"] >= 5
        message, code = _refusal(server.url)
        assert code == 4429 and "--max-memory-mb" in message
        first.step(5)  # the session held goes on
        assert first.next_frame(60).header["step"] >= 10
