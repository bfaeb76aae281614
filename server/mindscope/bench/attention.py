"""Attention benchmark: how fast the attention lab trains a Transformer (2 blocks of 4
heads, width 64, reversing sequences of 16 tokens, batch 64) in its fused chunks, against
the same model and batch trained one jitted step per Python call (measured in the same
run); what one frame costs to compute and to send; on a real server over a WebSocket, how
long the lab's default network takes to reverse sequences of 8 tokens at 99 % test
accuracy; and with --grokking, how long the README's grokking preset (mod-97 addition)
takes until its test accuracy jumps.

    mindscope bench attention [--json] [--repeats 5] [--timeout 60] [--grokking SECONDS]
"""

import argparse
import json
from typing import Any

from .live import seconds_until
from .run_figures import add_lab_arguments, check_timeout, run_figures

TARGETS = {
    "steps_per_s": ">= 2 x baseline_steps_per_s",
    "snapshot_ms": "<= 10",
    "frame_bytes": "<= 65,536",
    "seconds_to_99_reverse": "<= 60",
    "seconds_to_grok": "<= 600 (with --grokking)",
}
STEPS = 200  # per timed repetition
BENCH_NETWORK = {"task": "reverse", "length": 16, "layers": 2, "heads": 4, "width": 64,
                 "mlp": 128}
LEARNED = 0.99  # test accuracy: reversal learned
GROKKED = 0.95  # test accuracy on the sums it never trained on: grokked


def engine_figures(repeats: int) -> dict[str, float]:
    from ..labs.attention.run import AttentionRun
    from ..sessions.manager import new_config
    from ..sessions.requests import lab_changes, merge

    start = new_config("attention")
    config = merge(start, lab_changes(start, **BENCH_NETWORK) | {"batch_size": 64},
                   lambda c: "multiclass")
    figures = run_figures(AttentionRun(config), STEPS, repeats)
    return figures | {"steps_per_s": round(figures["steps_per_s"], 1),
                      "baseline_steps_per_s": round(figures["baseline_steps_per_s"], 1)}


def _accuracy(frame: Any) -> float:
    accuracy = frame.header["test_accuracy"]
    return 0.0 if accuracy is None else float(accuracy)


def learning_figures(timeout: float, grokking: float) -> dict[str, float | None]:
    """Seconds for the default network to reverse at 99 % test accuracy (None: not within
    `timeout`); with `grokking` > 0, seconds for the grokking preset to pass 95 % test
    accuracy (None: not within `grokking`), and its best test accuracy meanwhile."""
    from ..labs.attention.protocol import GROKKING

    figures: dict[str, float | None] = {"seconds_to_99_reverse": seconds_until(
        "attention", {}, lambda frame: _accuracy(frame) >= LEARNED, timeout)}
    if grokking > 0:
        best = [0.0]

        def record(frame: Any) -> None:
            best[0] = max(best[0], _accuracy(frame))

        figures["seconds_to_grok"] = seconds_until(
            "attention", dict(GROKKING), lambda frame: _accuracy(frame) >= GROKKED, grokking,
            seen=record)
        figures["grokking_best_test_accuracy"] = round(best[0], 4)
    return figures


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_lab_arguments(parser, 60.0, "the default network to learn reversal")
    parser.add_argument("--grokking", type=float, default=0.0, metavar="SECONDS",
                        help="also train the grokking preset for at most this long (0, the "
                        "default: not at all; the target is 600)")


def main(args: argparse.Namespace) -> int:
    check_timeout(args.timeout)
    if not 0.0 <= args.grokking <= 7200.0:
        raise SystemExit("--grokking must be 0 (off) to 7200 seconds")
    results: dict[str, object] = dict(engine_figures(args.repeats))
    results |= learning_figures(args.timeout, args.grokking)
    results["targets"] = TARGETS
    if args.json:
        print(json.dumps(results))
        return 0
    print(f"Transformer, 2 blocks x 4 heads, width 64, 16 tokens, batch 64: "
          f"{results['steps_per_s']:,} steps/s fused, {results['baseline_steps_per_s']:,} "
          "one jitted step per call")
    print(f"A frame: {results['snapshot_ms']} ms to compute, {results['frame_bytes']:,} bytes")
    print(f"Reversal of 8 tokens at 99 % test accuracy: {results['seconds_to_99_reverse']} s")
    if args.grokking > 0:
        print(f"Grokking (mod-97 addition) past 95 % test accuracy: "
              f"{results['seconds_to_grok']} s; best test accuracy "
              f"{results['grokking_best_test_accuracy']}")
    return 0
