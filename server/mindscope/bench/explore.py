"""Explore benchmark: sessions that change random realistic settings every 2 s while playing.

Opens N sessions on a real server, one real WebSocket client each, all playing at the
default speed. Every CHANGE_INTERVAL seconds, each on its own phase, a session sends one
change a user clicking through the page could make (dataset, noise, train share,
regenerate, batch size, learning rate, layers and neurons, activations, features,
optimizer, regularization, dropout, clipping, schedule, drawn points), drawn by a seeded
RNG within the protocol's own bounds, and presses play again when training diverged.
Each change is timed from its acceptance (the `state` reply) to the first frame whose
revision reflects it; the server's memory and memory maps are sampled every second and
its XLA compilations counted (/healthz), so that a run shows whether exploring keeps
frames prompt and memory level (`make explore`: 3 sessions for 10 minutes).
"""

import argparse
import asyncio
import contextlib
import json
import math
import os
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from websockets.asyncio.client import ClientConnection

from ..labs.points.data import DATASETS
from ..labs.points.protocol import AddPoints, PointsConfig
from ..protocol import SessionConfig, client_message, nested
from .load import RssSampler, check, server_args
from .server import ServerProcess, running_server
from .stream import SETUP_TIMEOUT, Client, open_socket, percentile

WARMUP_TIMEOUT = 600.0  # a cold compilation cache on a busy 2-core machine

CHANGE_INTERVAL = 2.0  # per session, each on its own phase
SAMPLE_INTERVAL = 1.0
DRAIN_SECONDS = 10.0  # after the last change, how long frames may take before they are lost
EXPECTED = ("diverged", "early_stopped")  # error codes that report on training, no refusal
TARGETS = {  # the issue's, for 3 sessions for 600 s on a 2-core machine
    "latency_ms_p95": (1000.0, "max"),
    "latency_ms_max": (3000.0, "max"),
    "rss_mb_growth": (600.0, "max"),  # rss_mb_max - rss_mb_start
    "maps_growth_second_half": (0.02, "max"),  # maps_end / maps_mid - 1
    "lost": (0, "max"),
    "errors": (0, "max"),
    "alive": (True, "min"),
}

# What the page offers, within the protocol's bounds (read from its JSON Schema).
_CONFIG: dict[str, Any] = SessionConfig.model_json_schema()["properties"]
_LAB: dict[str, Any] = PointsConfig.model_json_schema()["properties"]
_POINT: dict[str, Any] = (
    AddPoints.model_json_schema()["properties"]["points"]["items"]["prefixItems"][0])


def _bounds(name: str, items: bool = False) -> tuple[float, float]:
    prop = (_LAB if name in _LAB else _CONFIG)[name]
    prop = prop["items"] if items else prop
    return prop["minimum"], prop["maximum"]


def _grid(low: float, high: float, step: float) -> list[float]:
    """low, low + step, ... high: a slider's positions."""
    return [round(low + i * step, 6) for i in range(round((high - low) / step) + 1)]


def _ladder(low: float, high: float, finest: float = 0.0) -> list[float]:
    """The page's 1-3-10 steps from `finest` (or `low`) to `high`, with 0 where allowed."""
    start = max(low, finest)
    values = [0.0] if low == 0 else []
    for exponent in range(math.floor(math.log10(start)), math.floor(math.log10(high)) + 1):
        values += [v for m in (1, 3) if start <= (v := float(f"{m}e{exponent}")) <= high]
    return values


DATASET_NAMES = [name for name in _LAB["dataset"]["enum"] if name in DATASETS]  # no custom
FEATURE_NAMES: list[str] = _LAB["features"]["items"]["enum"]
ACTIVATION_NAMES: list[str] = _LAB["activations"]["items"]["enum"]
MAX_LAYERS: int = _LAB["hidden"]["maxItems"]
MIN_NEURONS, MAX_NEURONS = _bounds("hidden", items=True)
NEW_LAYER: int = _LAB["hidden"]["default"][0]  # a first layer's width, as the page adds it
NOISES = _grid(*_bounds("noise"), 0.05)
TRAIN_SHARES = _grid(*_bounds("train_share"), 0.1)
DROPOUTS = _grid(*_bounds("dropout", items=True), 0.1)
BATCH_SIZES = [n for n in (1, 5, 10, 20, 30, 50, 100, 500)
               if _bounds("batch_size")[0] <= n <= _bounds("batch_size")[1]]
LEARNING_RATES = _ladder(*_bounds("learning_rate"))
REGULARIZATION_RATES = _ladder(*_bounds("regularization_rate"), finest=1e-3)
CLIPS = _ladder(*_bounds("grad_clip"), finest=0.1)

State = dict[str, Any]  # the session's latest `state` message
Change = Callable[[random.Random, State], dict[str, Any] | None]  # None: not possible now


def _set(**changes: Any) -> dict[str, Any]:
    """A `set` message; the lab's own settings go in its part."""
    return {"type": "set", "changes": nested(changes, "points")}


def _current(state: State) -> dict[str, Any]:
    """The session's settings, the lab's among the rest (their names do not overlap)."""
    config: dict[str, Any] = state["config"]
    lab: dict[str, Any] = config["lab"]
    return config | lab


def _pick(name: str, values: list[Any]) -> Change:
    """A change of `name` to another of `values`."""
    return lambda rng, state: _set(**{name: rng.choice(
        [v for v in values if v != _current(state)[name]] or values)})


def _replaced(values: list[Any], index: int, value: Any) -> list[Any]:
    return [value if i == index else v for i, v in enumerate(values)]


def _add_layer(rng: random.Random, state: State) -> dict[str, Any] | None:
    hidden = _current(state)["hidden"]  # the page repeats the last layer's width
    return _set(hidden=[*hidden, hidden[-1] if hidden else NEW_LAYER]) if len(
        hidden) < MAX_LAYERS else None


def _remove_layer(rng: random.Random, state: State) -> dict[str, Any] | None:
    hidden = _current(state)["hidden"]
    return _set(hidden=hidden[:-1]) if hidden else None


def _neurons(delta: int) -> Change:
    def change(rng: random.Random, state: State) -> dict[str, Any] | None:
        hidden = _current(state)["hidden"]
        layers = [i for i, n in enumerate(hidden) if MIN_NEURONS <= n + delta <= MAX_NEURONS]
        if not layers:
            return None
        layer = rng.choice(layers)
        return _set(hidden=_replaced(hidden, layer, hidden[layer] + delta))
    return change


def _activation(rng: random.Random, state: State) -> dict[str, Any] | None:
    activation, config = rng.choice(ACTIVATION_NAMES), _current(state)
    if config["hidden"] and rng.random() < 0.5:  # one layer's, else every layer's
        layer = rng.randrange(len(config["hidden"]))
        return _set(activations=_replaced(config["activations"], layer, activation))
    return _set(activations=[activation])


def _feature(rng: random.Random, state: State) -> dict[str, Any] | None:
    """Tick or untick one input, leaving at least one."""
    features, name = _current(state)["features"], rng.choice(FEATURE_NAMES)
    if name not in features:
        return _set(features=[f for f in FEATURE_NAMES if f in features or f == name])
    return _set(features=[f for f in features if f != name]) if len(features) > 1 else None


def _dropout(rng: random.Random, state: State) -> dict[str, Any] | None:
    config = _current(state)
    if not config["hidden"]:
        return None
    layer = rng.randrange(len(config["hidden"]))
    return _set(dropout=_replaced(config["dropout"], layer, rng.choice(DROPOUTS)))


def _points(rng: random.Random, state: State) -> dict[str, Any] | None:
    """A few points drawn on the plot, labelled as the problem wants."""
    low, high = _POINT["minimum"], _POINT["maximum"]

    def label() -> float:
        if state["problem"] == "binary":
            return rng.choice((-1.0, 1.0))
        if state["problem"] == "multiclass":
            return float(rng.randrange(state["classes"]))
        return round(rng.uniform(-1.0, 1.0), 3)

    return {"type": "add_points", "points": [
        [round(rng.uniform(low, high), 2), round(rng.uniform(low, high), 2), label()]
        for _ in range(rng.randint(1, 5))]}


CHANGES: dict[str, Change] = {
    "dataset": _pick("dataset", DATASET_NAMES),
    "noise": _pick("noise", NOISES),
    "train_share": _pick("train_share", TRAIN_SHARES),
    "regenerate": lambda rng, state: {"type": "regenerate"},
    "batch_size": _pick("batch_size", BATCH_SIZES),
    "learning_rate": _pick("learning_rate", LEARNING_RATES),
    "add_layer": _add_layer,
    "remove_layer": _remove_layer,
    "add_neuron": _neurons(1),
    "remove_neuron": _neurons(-1),
    "activation": _activation,
    "feature": _feature,
    "optimizer": _pick("optimizer", _CONFIG["optimizer"]["enum"]),
    "regularization": _pick("regularization", _CONFIG["regularization"]["enum"]),
    "regularization_rate": _pick("regularization_rate", REGULARIZATION_RATES),
    "dropout": _dropout,
    "grad_clip": _pick("grad_clip", CLIPS),
    "schedule": _pick("schedule", _CONFIG["schedule"]["enum"]),
    "add_points": _points,
}


def draw(rng: random.Random, state: State) -> tuple[str, dict[str, Any]]:
    """One change that applies now, checked as the server will check it: a bench that sent
    invalid messages would time refusals."""
    while True:
        kind = rng.choice(list(CHANGES))
        if (message := CHANGES[kind](rng, state)) is not None:
            break
    client_message.validate_json(json.dumps(message))
    if message["type"] == "set":  # rules across fields, e.g. features that do not repeat
        changes = message["changes"]
        lab = state["config"]["lab"] | changes.get("lab", {})
        SessionConfig.model_validate_json(json.dumps(state["config"] | changes | {"lab": lab}))
    return kind, message


@dataclass
class Timed:
    """One accepted change and the frame that reflects it."""

    kind: str
    accepted: float  # perf_counter seconds
    frame: asyncio.Future[float]  # when its frame arrived

    @property
    def lost(self) -> bool:
        return not self.frame.done() or self.frame.exception() is not None

    def latency(self, end: float) -> float:
        """Until its frame, or until `end` if that never came."""
        return (end if self.lost else self.frame.result()) - self.accepted


class Explorer(Client):
    """One session's client: keeps its state, sends changes, times each to its frame."""

    def __init__(self, ws: ClientConnection, rng: random.Random) -> None:
        super().__init__(ws)
        self.rng = rng
        self.state: State = {}
        self.timed: list[Timed] = []
        self.stopped: Counter[str] = Counter()  # training that paused itself, by error code

    def notice(self, message: dict[str, Any]) -> None:
        if message.get("type") == "state":
            self.state = message
        elif message.get("type") == "error" and message.get("code") in EXPECTED:
            self.stopped[message["code"]] += 1
        else:
            super().notice(message)

    async def explore(self, start: float, phase: float, seconds: float) -> None:
        """A change every CHANGE_INTERVAL s from start + phase until start + seconds."""
        at = start + phase
        try:
            while at < start + seconds:
                await asyncio.sleep(max(0.0, at - time.perf_counter()))
                await self._send(*draw(self.rng, self.state))
                if not self.state["playing"]:  # diverged: press play again, as a user would
                    await self._send("play", {"type": "play"})
                at += CHANGE_INTERVAL
        except ConnectionError as exc:
            self.stats.errors.append(str(exc))

    async def _send(self, kind: str, message: dict[str, Any]) -> None:
        try:
            reply = await self.request(message)
        except RuntimeError as exc:  # refused: a valid message should not be
            self.stats.errors.append(str(exc))
            return
        self.timed.append(Timed(kind, time.perf_counter(), self.first_frame_at(reply["revision"])))
        if reply["revision"] > self.state["revision"]:  # else a later state came first
            self.state = reply


class Sampler(RssSampler):
    """The server's resident memory (MB) and memory maps, about once a second."""

    def __init__(self, server: ServerProcess) -> None:
        super().__init__(server, SAMPLE_INTERVAL)
        self.maps: list[int] = []

    def sample(self) -> float:
        maps = self.server.map_count()
        mb = super().sample()  # appended together or not at all (the server may be gone)
        self.maps.append(maps)
        return mb


async def _health(server: ServerProcess) -> dict[str, Any] | None:
    """/healthz's answer, or None when the server gives none."""
    try:
        return await asyncio.to_thread(server.health)
    except (OSError, ValueError):
        return None


async def run(server: ServerProcess, sessions: int, seconds: float, seed: int,
              drain: float = DRAIN_SECONDS) -> dict[str, Any]:
    async with contextlib.AsyncExitStack() as stack:
        clients = [Explorer(await stack.enter_async_context(open_socket(server.url)),
                            random.Random(f"{seed}:{i}")) for i in range(sessions)]
        readers = [asyncio.create_task(c.read()) for c in clients]
        async with asyncio.timeout(SETUP_TIMEOUT):  # every network built, frames coming
            await asyncio.gather(*(c.first_frame_at(0) for c in clients))
        # The compiles a server starts with (the bridges, the first networks) end before a
        # classroom's first click; what is measured is exploring, not starting.
        warming = time.perf_counter()
        await asyncio.to_thread(server.wait_compiled, WARMUP_TIMEOUT)
        warmup = time.perf_counter() - warming
        before, load_start = await _health(server), os.getloadavg()[0]
        sampler = Sampler(server)
        sampling = asyncio.create_task(sampler.run())
        start = time.perf_counter()
        for client in clients:
            client.measuring = True
        async with asyncio.timeout(2 * seconds + SETUP_TIMEOUT):  # a server that hangs
            await asyncio.gather(*(c.explore(start, CHANGE_INTERVAL * i / sessions, seconds)
                                   for i, c in enumerate(clients)))
        waiting = [t.frame for c in clients for t in c.timed if not t.frame.done()]
        if waiting:
            await asyncio.wait(waiting, timeout=drain)
        end = time.perf_counter()
        for client in clients:
            client.stats.seconds = end - start
        for task in [sampling, *readers]:
            task.cancel()
        await asyncio.gather(sampling, *readers, return_exceptions=True)
    with contextlib.suppress(RuntimeError):  # the last sample, unless the server is gone
        sampler.sample()
    after = await _health(server)
    alive = after is not None and server.process.poll() is None
    compiles = (after["compiles"] - before["compiles"], round(
        after["compile_seconds"] - before["compile_seconds"], 1)) if before and after else None
    return {**summarize(clients, sampler, end, compiles, alive,
                        (load_start, os.getloadavg()[0]), seconds, seed),
            "warmup_seconds": round(warmup, 1)}


def summarize(clients: list[Explorer], sampler: Sampler, end: float,
              compiles: tuple[int, float] | None, alive: bool, load: tuple[float, float],
              seconds: float, seed: int) -> dict[str, Any]:
    timed = [t for c in clients for t in c.timed]
    latencies = sorted((1e3 * t.latency(end), t.kind) for t in timed)
    rss = [mb for _, mb in sampler.samples]
    mid = next((i for i, (t, _) in enumerate(sampler.samples) if t >= seconds / 2),
               len(rss) - 1)
    errors = [e for c in clients for e in c.stats.errors]
    return {
        "sessions": len(clients),
        "seconds": seconds,
        "seed": seed,
        "cpus": os.cpu_count(),
        "load_start": load[0],
        "load_end": load[1],
        "changes": len(timed),
        "changes_by_kind": dict(sorted(Counter(t.kind for t in timed).items())),
        "lost": sum(t.lost for t in timed),
        "latency_ms_p50": percentile([ms for ms, _ in latencies], 50),
        "latency_ms_p95": percentile([ms for ms, _ in latencies], 95),
        "latency_ms_max": latencies[-1][0] if latencies else float("nan"),
        "slowest": [[kind, round(ms)] for ms, kind in latencies[:-6:-1]],
        **{code: sum(c.stopped[code] for c in clients) for code in EXPECTED},
        "fps_per_client_min": min(c.stats.fps for c in clients),
        "rss_mb_start": rss[0],
        "rss_mb_mid": rss[mid],
        "rss_mb_max": max(rss),
        "rss_mb_end": rss[-1],
        "rss_mb_growth": max(rss) - rss[0],
        "maps_start": sampler.maps[0],
        "maps_mid": sampler.maps[mid],
        "maps_max": max(sampler.maps),
        "maps_end": sampler.maps[-1],
        "maps_growth_second_half": sampler.maps[-1] / sampler.maps[mid] - 1,
        "samples": [[t, round(mb, 1), maps] for (t, mb), maps in zip(
            sampler.samples, sampler.maps, strict=True)],
        "compiles": compiles[0] if compiles else None,
        "compile_seconds": compiles[1] if compiles else None,
        "alive": alive,
        "errors": len(errors),
        "error_messages": sorted(set(errors))[:10],
    }


def table(result: dict[str, Any], met: dict[str, bool]) -> str:
    kinds = ", ".join(f"{kind} {n}" for kind, n in result["changes_by_kind"].items())
    lines = [
        f"{result['sessions']} sessions for {result['seconds']:g} s, a change every "
        f"{CHANGE_INTERVAL:g} s each (seed {result['seed']}; {result['cpus']} CPUs, load "
        f"average {result['load_start']:.2f} at the start, {result['load_end']:.2f} at the end)",
        f"changes                        {result['changes']} accepted, {result['lost']} lost; "
        f"training diverged {result['diverged']} times",
        f"  {kinds}",
        f"change → frame latency (ms)    p50 {result['latency_ms_p50']:.0f}, "
        f"p95 {result['latency_ms_p95']:.0f}, max {result['latency_ms_max']:.0f}   "
        "(target: p95 ≤ 1000, max ≤ 3000)",
        "  slowest: " + ", ".join(f"{kind} {ms}" for kind, ms in result["slowest"]),
        f"frames per second per client   min {result['fps_per_client_min']:.1f}",
        f"server memory (MB)             start {result['rss_mb_start']:.0f}, mid "
        f"{result['rss_mb_mid']:.0f}, max {result['rss_mb_max']:.0f}, end "
        f"{result['rss_mb_end']:.0f}   (target: max ≤ start + 600)",
        f"memory maps                    start {result['maps_start']}, mid "
        f"{result['maps_mid']}, max {result['maps_max']}, end {result['maps_end']}   "
        "(target: flat in the second half, ≤ 2 % growth)",
        f"XLA compilations               {result['compiles']} "
        f"({result['compile_seconds']} s compiling)",
        f"server                         {'alive' if result['alive'] else 'DEAD'}, "
        f"{result['errors']} errors",
        *(f"  {message}" for message in result["error_messages"]),
        "",
        "targets: " + ", ".join(f"{name} {'met' if ok else 'MISSED'}"
                                for name, ok in met.items()),
    ]
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sessions", type=int, default=3,
                        help="concurrent sessions, one client each (default 3)")
    parser.add_argument("--seconds", type=float, default=60.0,
                        help="how long the sessions explore once all are open (default 60)")
    parser.add_argument("--seed", type=int, default=0,
                        help="draws the changes, so that runs are comparable (default 0)")
    parser.add_argument("--drain", type=float, default=DRAIN_SECONDS,
                        help="seconds the last changes' frames may take after the run before "
                             f"they count as lost (default {DRAIN_SECONDS:g})")
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def main(args: argparse.Namespace) -> int:
    if args.seconds <= 0 or args.sessions < 1 or args.drain < 0:
        raise SystemExit("mindscope bench explore: --seconds must be > 0, --sessions ≥ 1, "
                         "--drain ≥ 0")
    with running_server(server_args(args.sessions)) as server:
        result = asyncio.run(run(server, args.sessions, args.seconds, args.seed, args.drain))
    met = check(result, TARGETS)
    print(json.dumps({**result, "targets": met}) if args.json else table(result, met),
          flush=True)
    return 0
