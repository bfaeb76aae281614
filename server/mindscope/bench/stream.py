"""Stream benchmark: frame rate, frame size, training speed and control latency, measured
on a real server subprocess with real WebSocket clients on loopback.

Two runs: one client alone, then N sessions at once (one client each). Every
session trains flat out (steps_per_second at its maximum) while a prober sends a
learning-rate change every PROBE_INTERVAL seconds and times it until the first frame
whose revision reflects it.
"""

import argparse
import asyncio
import contextlib
import json
import os
import statistics
import time
from dataclasses import dataclass, field
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from ..settings import PROTOCOL_MAX_STEPS_PER_SECOND
from .server import running_server

PROBE_INTERVAL = 0.2
FLAT_OUT = {"steps_per_second": PROTOCOL_MAX_STEPS_PER_SECOND}
SETUP_TIMEOUT = 120.0  # a first compile on a cold cache can take a while
TARGETS = {  # name: (bound, "min" or "max")
    "fps_per_client": (30.0, "min"),
    "bytes_per_frame": (64 * 1024, "max"),
    "updates_per_s_streaming": (50_000.0, "min"),
    "control_latency_ms_p95": (50.0, "max"),
    "fps_per_client_many": (30.0, "min"),
    "control_latency_ms_p95_many": (150.0, "max"),
}


@dataclass
class ClientStats:
    frames: int = 0
    bytes: int = 0
    seconds: float = 0.0  # how long it measured
    first: tuple[float, int] | None = None  # (time, step) of the first frame measured
    last: tuple[float, int] | None = None  # and of the latest
    latencies: list[float] = field(default_factory=list)  # seconds
    errors: list[str] = field(default_factory=list)  # unasked error messages, lost connections

    @property
    def fps(self) -> float:
        return self.frames / self.seconds if self.seconds else 0.0

    def updates_per_s(self) -> float:
        if self.first is None or self.last is None:
            return 0.0
        (t0, s0), (t1, s1) = self.first, self.last
        return (s1 - s0) / max(t1 - t0, 1e-9)


def frame_header(message: bytes) -> dict[str, Any]:
    """Only the JSON header of a binary message: the arrays are not needed here."""
    length = int.from_bytes(message[:4], "little")
    header: dict[str, Any] = json.loads(message[4 : 4 + length])
    return header


class Client:
    """One WebSocket client driving one session: reads everything, probes latency."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self.stats = ClientStats()
        self.measuring = False
        self._ids = iter(range(1, 1 << 30))
        self._replies: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._waiting: list[tuple[int, asyncio.Future[float]]] = []  # (revision, frame time)

    async def request(self, message: dict[str, Any]) -> dict[str, Any]:
        request_id = next(self._ids)
        reply: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._replies[request_id] = reply
        await self.ws.send(json.dumps({**message, "id": request_id}))
        result = await reply
        if result["type"] == "error":
            raise RuntimeError(f"the server refused {message}: {result['message']}")
        return result

    def first_frame_at(self, revision: int) -> asyncio.Future[float]:
        """When the first frame reflecting `revision` arrives (perf_counter seconds)."""
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self._waiting.append((revision, future))
        return future

    async def read(self) -> None:
        """Read until the connection ends; then fail whatever still waits on it."""
        with contextlib.suppress(ConnectionClosed):
            async for message in self.ws:
                self._receive(message, time.perf_counter())
        lost = ConnectionError(f"the server closed the connection ({self.ws.close_code} "
                               f"{self.ws.close_reason})")
        waiting: list[asyncio.Future[Any]] = [*self._replies.values(),
                                              *(f for _, f in self._waiting)]
        for future in waiting:
            if not future.done():
                future.set_exception(lost)

    def _receive(self, message: str | bytes, now: float) -> None:
        if isinstance(message, str):
            reply = json.loads(message)
            future = self._replies.pop(reply.get("reply_to"), None)
            if future is not None and not future.done():
                future.set_result(reply)
            else:
                self.notice(reply)
            return
        header = frame_header(message)
        if header.get("kind") == "frame":
            self._frame(header, len(message), now)

    def notice(self, message: dict[str, Any]) -> None:
        """A message that answers none of this client's requests: an error is one unasked."""
        if message.get("type") == "error":
            self.stats.errors.append(message["message"])

    def _frame(self, header: dict[str, Any], size: int, now: float) -> None:
        if self.measuring:
            self.stats.frames += 1
            self.stats.bytes += size
            self.stats.first = self.stats.first or (now, header["step"])
            self.stats.last = (now, header["step"])
        still = []
        for revision, future in self._waiting:
            if header["revision"] >= revision:
                if not future.done():
                    future.set_result(now)
            else:
                still.append((revision, future))
        self._waiting = still

    async def probe(self, until: float, interval: float = PROBE_INTERVAL) -> None:
        """Change the learning rate every `interval` s; time each change to its first frame."""
        rates = (0.03, 0.031)
        n = 0
        while time.perf_counter() < until:
            sent = time.perf_counter()
            reply = await self.request({"type": "set", "changes": {"learning_rate": rates[n % 2]}})
            arrived = await self.first_frame_at(reply["revision"])
            if self.measuring:
                self.stats.latencies.append(arrived - sent)
            n += 1
            await asyncio.sleep(max(0.0, interval - (time.perf_counter() - sent)))


@dataclass(frozen=True)
class Plan:
    """What each session does: the settings it starts with, how long it runs before it is
    measured, how often it probes."""

    changes: dict[str, Any] = field(default_factory=lambda: dict(FLAT_OUT))
    settle: float = 1.0
    probe_interval: float = PROBE_INTERVAL


def open_socket(url: str) -> connect:
    """A new session's WebSocket on the server at `url` (http://host:port), as a browser
    opens it; used as `async with`."""
    return connect(f"{url.replace('http', 'ws', 1)}/ws", max_size=2**26, compression=None)


async def _session(url: str, ready: asyncio.Barrier, seconds: float, plan: Plan,
                   started: asyncio.Event) -> ClientStats:
    async with open_socket(url) as ws:
        client = Client(ws)
        reader = asyncio.create_task(client.read())
        revision = 0
        if plan.changes:
            revision = (await client.request({"type": "set", "changes": plan.changes}))["revision"]
        await client.first_frame_at(revision)
        await asyncio.sleep(plan.settle)  # let the session settle at its speed
        await ready.wait()
        started.set()
        start = time.perf_counter()
        client.measuring = True
        try:
            await client.probe(start + seconds, plan.probe_interval)
        except (ConnectionError, RuntimeError) as exc:  # a refusal or a lost connection
            client.stats.errors.append(str(exc))
        client.measuring = False
        client.stats.seconds = time.perf_counter() - start
        reader.cancel()
        return client.stats


async def measure(url: str, sessions: int, seconds: float, plan: Plan = Plan(),
                  started: asyncio.Event | None = None) -> list[ClientStats]:
    """`sessions` concurrent sessions, one client each, measured over the same window
    (which begins when `started` is set)."""
    ready = asyncio.Barrier(sessions)
    started = started or asyncio.Event()
    async with asyncio.timeout(SETUP_TIMEOUT + plan.settle + seconds * 2):
        return await asyncio.gather(*(_session(url, ready, seconds, plan, started)
                                      for _ in range(sessions)))


def percentile(values: list[float], q: int) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def summarize(one: ClientStats, many: list[ClientStats], seconds: float) -> dict[str, Any]:
    n = len(many)
    latencies = [x for s in many for x in s.latencies]
    fps_many = [s.fps for s in many]
    return {
        "seconds": seconds,
        "sessions": n,
        "cpus": os.cpu_count(),
        "fps_per_client": one.fps,
        "bytes_per_frame": one.bytes / max(one.frames, 1),
        "updates_per_s_streaming": one.updates_per_s(),
        "control_latency_ms_p50": 1e3 * percentile(one.latencies, 50),
        "control_latency_ms_p95": 1e3 * percentile(one.latencies, 95),
        "control_probes": len(one.latencies),
        f"fps_per_client_{n}_sessions": statistics.fmean(fps_many),
        f"fps_per_client_min_{n}_sessions": min(fps_many),
        f"updates_per_s_per_session_{n}_sessions": statistics.fmean(
            s.updates_per_s() for s in many),
        f"control_latency_ms_p50_{n}_sessions": 1e3 * percentile(latencies, 50),
        f"control_latency_ms_p95_{n}_sessions": 1e3 * percentile(latencies, 95),
        "errors": sum(len(s.errors) for s in [one, *many]),
    }


def table(result: dict[str, Any]) -> str:
    n = result["sessions"]
    rows = [
        ("frames per second per client", "fps_per_client", f"fps_per_client_{n}_sessions",
         "≥ 30 (both)", "{:.1f}"),
        ("bytes per frame", "bytes_per_frame", None, "≤ 65536", "{:,.0f}"),
        ("training updates per second", "updates_per_s_streaming",
         f"updates_per_s_per_session_{n}_sessions", "≥ 50,000 (1 client)", "{:,.0f}"),
        ("control → frame latency p50 (ms)", "control_latency_ms_p50",
         f"control_latency_ms_p50_{n}_sessions", "", "{:.1f}"),
        ("control → frame latency p95 (ms)", "control_latency_ms_p95",
         f"control_latency_ms_p95_{n}_sessions", f"≤ 50 (1), ≤ 150 ({n})", "{:.1f}"),
    ]
    header = f"{'':34} {'1 client':>12} {f'{n} sessions':>13}   target"
    lines = [header, "-" * len(header)]
    for label, one, many, target, fmt in rows:
        right = fmt.format(result[many]) if many else ""
        lines.append(f"{label:34} {fmt.format(result[one]):>12} {right:>13}   {target}")
    lines.append("")
    lines.append("targets: " + ", ".join(
        f"{name} {'met' if ok else 'MISSED'}" for name, ok in check(result).items()))
    return "\n".join(lines)


def check(result: dict[str, Any]) -> dict[str, bool]:
    """Each target, met or not."""
    n = result["sessions"]
    names = {"fps_per_client_many": f"fps_per_client_{n}_sessions",
             "control_latency_ms_p95_many": f"control_latency_ms_p95_{n}_sessions"}
    met = {}
    for target, (bound, kind) in TARGETS.items():
        value = result[names.get(target, target)]
        met[names.get(target, target)] = value >= bound if kind == "min" else value <= bound
    return met


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seconds", type=float, default=10.0,
                        help="measuring time of each run (default 10)")
    parser.add_argument("--sessions", type=int, default=20,
                        help="concurrent sessions in the second run (default 20)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--url", default=None,
                        help="measure this running server instead of starting one")


def main(args: argparse.Namespace) -> int:
    if args.seconds <= 0 or args.sessions < 1:
        raise SystemExit("mindscope bench stream: --seconds must be > 0, --sessions ≥ 1")
    if args.url:
        result = _run(args.url, args)
    else:
        with running_server(["--max-sessions", str(max(200, args.sessions + 1))]) as server:
            result = _run(server.url, args)
            result["server_rss_mb"] = server.rss_bytes() / 2**20
    print(json.dumps(result) if args.json else table(result), flush=True)
    return 0


def _run(url: str, args: argparse.Namespace) -> dict[str, Any]:
    (one,) = asyncio.run(measure(url, 1, args.seconds))
    many = asyncio.run(measure(url, args.sessions, args.seconds))
    return summarize(one, many, args.seconds)
