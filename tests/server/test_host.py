"""DNS rebinding: a page on evil.example made to resolve to 127.0.0.1 is same-origin with a
local server as the browser sees it (the Origin check passes); only its Host header gives
it away. A loopback server answers to loopback names alone, pages and WebSockets alike;
--allowed-host names others; a server bound to a network answers to any name."""

import http.client
import json
import socket
import subprocess
import sys
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect as ws_connect

from mindscope.bench.server import running_server
from mindscope.settings import LOOPBACK_HOSTS, Settings, SettingsError, hosts_for


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    with running_server() as server:
        yield urlsplit(server.url).port


@pytest.fixture(scope="module")
def named_port() -> Iterator[int]:
    with running_server(["--allowed-host", "*.school.example", "--allowed-host", "[::1]"]) as s:
        yield urlsplit(s.url).port


def _get(port: int, host: str) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", "/api/protocol", headers={"Host": host})
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def _hello(port: int, host: str) -> dict:
    """A WebSocket to this server by the name `host`, as a rebinding page would open it: its
    own origin, its own Host, the server's address."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    with ws_connect(f"ws://{host}:{port}/ws", sock=sock, origin=f"http://{host}:{port}") as ws:
        return json.loads(ws.recv(timeout=30))


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "LOCALHOST", "[::1]"])
def test_a_loopback_server_answers_to_its_loopback_names(port: int, host: str) -> None:
    assert _get(port, f"{host}:{port}")[0] == 200
    assert _hello(port, host)["type"] == "hello"


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.evil.example", "localhost.evil"])
def test_a_rebinding_name_gets_neither_pages_nor_sessions(port: int, host: str) -> None:
    status, body = _get(port, f"{host}:{port}")
    assert status == 400
    assert f"host '{host}:{port}' is not served here" in body and "--allowed-host" in body
    with pytest.raises(InvalidStatus) as refused:
        _hello(port, host)
    assert refused.value.response.status_code == 400
    assert b"DNS rebinding" in refused.value.response.body


def test_health_probes_come_by_any_name(named_port: int) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", named_port, timeout=30)
    connection.request("GET", "/healthz", headers={"Host": "10.0.0.7"})
    assert connection.getresponse().status == 200
    connection.close()


def test_a_request_without_a_host_is_refused(port: int) -> None:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(b"GET / HTTP/1.0\r\n\r\n")
        answer = b""
        while chunk := sock.recv(4096):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 400") and b"host '(none)'" in answer


def test_a_request_with_two_hosts_is_refused(port: int) -> None:
    """Its own name first, a foreign one second: a proxy may read the other one."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(b"GET /api/protocol HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     b"Host: evil.example\r\nConnection: close\r\n\r\n")
        answer = b""
        while chunk := sock.recv(4096):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 400") and b"several Host headers" in answer


@pytest.mark.parametrize(("host", "status"), [
    ("lab.school.example", 200), ("a.b.school.example", 200), ("[::1]", 200),
    ("school.example", 400), ("127.0.0.1", 400),  # named hosts replace the loopback default
])
def test_allowed_hosts_name_the_server(named_port: int, host: str, status: int) -> None:
    assert _get(named_port, f"{host}:{named_port}")[0] == status


def test_defaults_follow_the_address_bound() -> None:
    assert Settings().allowed_hosts == LOOPBACK_HOSTS
    assert hosts_for("127.0.0.1") == hosts_for("localhost") == hosts_for("::1") == LOOPBACK_HOSTS
    assert hosts_for("127.0.0.2") == (*LOOPBACK_HOSTS, "127.0.0.2")  # the address bound
    assert hosts_for("0.0.0.0") == hosts_for("::") == hosts_for("192.168.1.20") == ("*",)
    env = {"MINDSCOPE_ALLOWED_HOSTS": "Lab.School.Example., [fe80::1]"}
    assert Settings.from_env(env).allowed_hosts == ("lab.school.example", "fe80::1")


@pytest.mark.parametrize("bad", ["lab.example:8000", "http://lab.example", "a b", "*lab"])
def test_bad_host_names_are_refused_with_what_is_allowed(bad: str) -> None:
    with pytest.raises(SettingsError, match=r"--allowed-host \(MINDSCOPE_ALLOWED_HOSTS\) must be"):
        Settings(allowed_hosts=(bad,))
    result = subprocess.run([sys.executable, "-m", "mindscope", "serve", "--port", "1",
                             "--allowed-host", bad], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "host names without a port" in result.stderr
