"""Checkpoint benchmark: what saving and restoring sessions costs, on a real database file.

A pass of the checkpointer writes an archive of every session that changed (on a training
worker) and their rows in one transaction (on the store's thread). The baseline is the
time between passes: the figure that matters is the share of it a pass takes.

    mindscope bench checkpoint [--sessions 50] [--json]
"""

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def _median_ms(call: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1e3


def measure(sessions: int, repeats: int, interval: float) -> dict[str, float | int]:
    from ..labs.points.run import TrainingRun
    from ..protocol import SessionConfig
    from ..sessions.archive import FORMAT, dump, load, restore
    from ..sessions.frame import Detail
    from ..sessions.history import History
    from ..sessions.store import Row, Store

    run = TrainingRun(SessionConfig())
    run.advance(1000, Detail())
    history, header = History(), run.frame(Detail()).header
    for _ in range(history.max_points - 1):  # a full curve, as after a long lesson
        history.add(header)
    data = dump(run, None, history)
    dump_ms = _median_ms(lambda: dump(run, None, history), repeats)
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "sessions.db")
        rows = [Row(f"s{i}", f"v{i}", FORMAT, data, True, time.time()) for i in range(sessions)]
        save_ms = _median_ms(lambda: store.save(rows), repeats)

        def restored() -> None:
            found = store.load("s0")
            assert found is not None
            saved = load(found.archive)
            restore(TrainingRun(saved.config, saved.data), saved)

        restore_ms = _median_ms(restored, repeats)
    pass_ms = sessions * dump_ms + save_ms
    return {"sessions": sessions, "archive_bytes": len(data), "dump_ms": round(dump_ms, 2),
            "save_all_ms": round(save_ms, 1), "restore_ms": round(restore_ms, 1),
            "pass_ms": round(pass_ms, 1), "interval_s": interval,
            "pass_share_of_interval": round(pass_ms / (interval * 1e3), 4)}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sessions", type=int, default=50, choices=range(1, 1001),
                        metavar="N", help="sessions changed in one pass (1-1000, default 50)")
    parser.add_argument("--repeats", type=int, default=7, choices=range(3, 51), metavar="N",
                        help="timed repetitions per figure (3-50, default 7)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def main(args: argparse.Namespace) -> int:
    from ..settings import Settings

    results = measure(args.sessions, args.repeats, Settings().checkpoint_seconds)
    if args.json:
        print(json.dumps(results))
        return 0
    print(f"One session (the default network, a full curve): {results['archive_bytes']} "
          f"bytes; archive {results['dump_ms']} ms; restore {results['restore_ms']} ms")
    print(f"A pass over {args.sessions} changed sessions: {results['pass_ms']} ms of work "
          f"(rows written in {results['save_all_ms']} ms), "
          f"{results['pass_share_of_interval']:.1%} of the {results['interval_s']:g} s "
          "between passes")
    return 0
