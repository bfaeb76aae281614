"""What the labs' benchmarks measure of a lab's run: its training path (fused chunks)
against the same step called once per Python call, in the same run, and what a frame
costs to compute and to send; and the flags they share."""

import argparse
import statistics
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used: `mindscope --help` must not load JAX
    from ..sessions.model_run import ModelRun


def add_lab_arguments(parser: argparse.ArgumentParser, timeout: float, waits_for: str,
                      ) -> None:
    """--json, --repeats and --timeout (how long a real session trains for `waits_for` at
    most, `timeout` seconds by default)."""
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--repeats", type=int, default=5, choices=range(1, 51), metavar="N",
                        help="timed repetitions per figure (1-50, default 5)")
    parser.add_argument("--timeout", type=float, default=timeout, metavar="SECONDS",
                        help=f"how long to wait for {waits_for} at most (default {timeout:g})")


def check_timeout(seconds: float) -> None:
    if not 0.0 < seconds <= 3600.0:
        raise SystemExit("--timeout must be above 0 and at most 3600 seconds")


def median(call: Callable[[], float], repeats: int) -> float:
    return statistics.median(call() for _ in range(repeats))


def run_figures(run: "ModelRun", steps: int, repeats: int) -> dict[str, float]:
    """steps_per_s (the lab's path), baseline_steps_per_s (one jitted step per call),
    snapshot_ms (a frame computed, on the host) and frame_bytes (the frame as sent)."""
    import jax
    import numpy as np

    from .. import codec
    from ..protocol import FrameHeader
    from ..sessions.frame import Detail
    from ..sessions.training import train

    run.advance(steps, Detail())  # compiled, and past the first steps

    def lab_path() -> float:
        run.state, seconds = train(run.trainer, run.state, run.data, run.hyper, steps)
        return steps / seconds

    def one_call_per_step() -> float:
        state = run.state
        started = time.perf_counter()
        for _ in range(steps):
            state, _ = run.trainer.train_chunk(state, run.data, run.hyper, np.int32(1))
        jax.block_until_ready(state.step)
        return steps / (time.perf_counter() - started)

    one_call_per_step()  # compiled for one step
    fused, baseline = median(lab_path, repeats), median(one_call_per_step, repeats)

    def snapshot() -> float:
        started = time.perf_counter()
        run.frame(Detail())
        return (time.perf_counter() - started) * 1e3

    snapshot_ms = median(snapshot, repeats)
    frame = run.frame(Detail())
    header = FrameHeader(**frame.header, updates_per_s=0.0, revision=0, playing=True)
    frame_bytes = len(codec.encode(header.model_dump(exclude={"arrays"}), frame.arrays))
    return {"steps_per_s": fused, "baseline_steps_per_s": baseline,
            "snapshot_ms": round(snapshot_ms, 2), "frame_bytes": frame_bytes}
