"""Shared fixtures: a real Mindscope server in a subprocess, on a free port."""

from collections.abc import Iterator

import pytest

from mindscope.bench.server import ServerProcess, running_server


@pytest.fixture(scope="session")
def server() -> Iterator[ServerProcess]:
    """The shared server, with default settings but one: every test's client comes from
    127.0.0.1, so the address may hold as many sessions as the server (the per-address
    limits have tests of their own, in tests/server/test_address_limits.py)."""
    with running_server(["--max-sessions-per-ip", "200"]) as process:
        yield process


@pytest.fixture(scope="session")
def server_url(server: ServerProcess) -> str:
    return server.url
