"""Shared fixtures: a real Mindscope server in a subprocess, on a free port."""

from collections.abc import Iterator

import pytest

from mindscope.bench.server import ServerProcess, running_server


@pytest.fixture(scope="session")
def server() -> Iterator[ServerProcess]:
    """The shared server, with default settings."""
    with running_server() as process:
        yield process


@pytest.fixture(scope="session")
def server_url(server: ServerProcess) -> str:
    return server.url
