"""A real Mindscope server in a subprocess on a free loopback port, for benchmarks and tests."""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..memory import memory_maps, resident_bytes


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]  # (host, port) for an IPv4 socket
        return port


@dataclass
class ServerProcess:
    process: subprocess.Popen[bytes]
    url: str
    log: IO[bytes]

    def health(self, timeout: float = 5.0) -> dict[str, Any]:
        with urllib.request.urlopen(f"{self.url}/healthz", timeout=timeout) as response:
            health: dict[str, Any] = json.load(response)
            return health

    def wait_compiled(self, timeout: float = 300.0) -> None:
        """Until the server's compile threads are idle (the bridges it warms, the first
        networks): a measure of memory or pace taken meanwhile would count them."""
        deadline = time.monotonic() + timeout
        while self.health()["compiles_queued"]:
            if time.monotonic() > deadline:
                raise TimeoutError(f"the server still compiles after {timeout:.0f} s")
            time.sleep(0.1)

    def rss_bytes(self) -> int:
        """The server's resident memory, from /proc (Linux)."""
        rss = resident_bytes(self.process.pid)
        if rss is None:
            raise RuntimeError("the server's resident memory is read from /proc: Linux only")
        return rss

    def map_count(self) -> int:
        """How many memory maps the server holds, from /proc (Linux)."""
        maps = memory_maps(self.process.pid)
        if maps is None:
            raise RuntimeError("the server's memory maps are read from /proc: Linux only")
        return maps

    def log_tail(self, limit: int = 4000) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-limit:]


@contextmanager
def running_server(args: Sequence[str] = (), env: Mapping[str, str] | None = None,
                   start_timeout: float = 90.0, port: int | None = None,
                   command: Sequence[str] = (sys.executable, "-m", "mindscope"),
                   ) -> Iterator[ServerProcess]:
    """`mindscope serve` with `args`, answering /healthz; stopped (and reaped) on exit.
    `command` runs mindscope (another installation's `mindscope` script, say).

    Each server checkpoints to a database of its own in a temporary folder, removed on
    exit, unless `args` name one with --db (to restart a server on the same sessions).
    `port` is a free one unless given (a restart on the same port, as browsers expect)."""
    port = port or free_port()
    with tempfile.TemporaryFile() as log, tempfile.TemporaryDirectory() as folder:
        db = ["--db", str(Path(folder) / "sessions.db")]  # a later --db in `args` wins
        process = subprocess.Popen(
            [*command, "serve", "--port", str(port), *db, *args],
            env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
            stdout=log, stderr=subprocess.STDOUT,
        )
        server = ServerProcess(process, f"http://127.0.0.1:{port}", log)
        try:
            _wait_healthy(server, start_timeout)
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_healthy(server: ServerProcess, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"server exited with {server.process.returncode}:\n"
                               f"{server.log_tail()}")
        try:
            server.health(timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server did not answer /healthz within {timeout:g} s:\n"
                       f"{server.log_tail()}")
