"""Shared fixtures: a real Mindscope server in a subprocess, on a free port; the JAX cache."""

import os
from collections.abc import Iterator

import pytest

from mindscope.bench.server import ServerProcess, running_server
from mindscope.engine import enable_compilation_cache
from mindscope.settings import Settings, env_name


def pytest_configure() -> None:
    """In-process tests share the servers' persistent compilation cache: the same programs
    compile in many tests, and a cache hit costs a tenth of a compile. The servers tests
    start (dozens, each for seconds) skip warming every data bucket's bridge at start, which
    would take the cores from what they test; tests/server/test_stats.py checks it."""
    if (folder := Settings().compilation_cache_dir) is not None:
        enable_compilation_cache(folder)
    os.environ.setdefault(env_name("warm_bridges"), "0")


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
