"""Images benchmark: how fast the images lab trains its default CNN, against the same
model and batch trained one jitted step per Python call (measured in the same run); what
one frame costs to compute and to send; and how long a client waits, from play, for 95 %
test accuracy on the digits (a real server and WebSocket).

    mindscope bench images [--json] [--repeats 5] [--goal 0.95]
"""

import argparse
import json
import statistics
import time
from collections.abc import Callable

from .live import seconds_until

TARGETS = {
    "examples_per_s": ">= 50,000 and >= baseline_examples_per_s",
    "snapshot_ms": "<= 10",
    "frame_bytes": "<= 65,536",
    "seconds_to_95_test_accuracy": "<= 10",
}
STEPS = 500  # per timed repetition


def _median(call: Callable[[], float], repeats: int) -> float:
    return statistics.median(call() for _ in range(repeats))


def engine_figures(repeats: int) -> dict[str, float]:
    import jax
    import numpy as np

    from .. import codec
    from ..labs.images.run import ImagesRun
    from ..protocol import FrameHeader
    from ..sessions.frame import Detail
    from ..sessions.manager import new_config
    from ..sessions.training import train

    run = ImagesRun(new_config("images"))
    run.advance(STEPS, Detail())  # compiled, and past the first steps
    batch = run.batch_size

    def lab_path() -> float:  # the lab's own training path: fused chunks
        run.state, seconds = train(run.trainer, run.state, run.data, run.hyper, STEPS)
        return STEPS * batch / seconds

    def one_call_per_step() -> float:
        state = run.state
        started = time.perf_counter()
        for _ in range(STEPS):
            state, _ = run.trainer.train_chunk(state, run.data, run.hyper, np.int32(1))
        jax.block_until_ready(state.step)
        return STEPS * batch / (time.perf_counter() - started)

    one_call_per_step()  # compiled for one step
    examples = _median(lab_path, repeats)
    baseline = _median(one_call_per_step, repeats)

    def snapshot() -> float:
        started = time.perf_counter()
        run.frame(Detail())
        return (time.perf_counter() - started) * 1e3

    snapshot_ms = _median(snapshot, repeats)
    frame = run.frame(Detail())
    header = FrameHeader(**frame.header, updates_per_s=0.0, revision=0, playing=True)
    frame_bytes = len(codec.encode(header.model_dump(exclude={"arrays"}), frame.arrays))
    return {"examples_per_s": round(examples), "baseline_examples_per_s": round(baseline),
            "snapshot_ms": round(snapshot_ms, 2), "frame_bytes": frame_bytes, "batch": batch}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--repeats", type=int, default=5, choices=range(1, 51), metavar="N",
                        help="timed repetitions per figure (1-50, default 5)")
    parser.add_argument("--goal", type=float, default=0.95, metavar="ACCURACY",
                        help="the test accuracy to wait for from play (default 0.95)")
    parser.add_argument("--timeout", type=float, default=120.0, metavar="SECONDS",
                        help="how long to wait for it at most (default 120)")


def main(args: argparse.Namespace) -> int:
    if not 0.0 < args.goal <= 1.0:
        raise SystemExit("--goal must be an accuracy above 0 and at most 1")
    results: dict[str, object] = dict(engine_figures(args.repeats))
    results["seconds_to_95_test_accuracy"] = seconds_until(
        "images", {}, lambda frame: (frame.header["test_accuracy"] or 0.0) >= args.goal,
        args.timeout)
    results["targets"] = TARGETS
    if args.json:
        print(json.dumps(results))
        return 0
    print(f"Default digits CNN, batch {results['batch']}: {results['examples_per_s']:,} "
          f"examples/s on the lab's path, {results['baseline_examples_per_s']:,} one jitted "
          "step per call")
    print(f"A frame: {results['snapshot_ms']} ms to compute, {results['frame_bytes']:,} bytes")
    print(f"From play to {args.goal:.0%} test accuracy: "
          f"{results['seconds_to_95_test_accuracy']} s")
    return 0
