"""Sequences benchmark: how fast the sequences lab trains an LSTM (hidden 32, sequences of
50 steps, batch 32) in its fused chunks, against the same model and batch trained one
jitted step per Python call (measured in the same run); what one frame costs to compute
and to send; and, on a real server over a WebSocket, how long an LSTM with the lab's
default settings takes to solve the adding problem of length 50 (test mean squared error
below 0.01), and where a plain RNN stands after training as long as the target allows.

    mindscope bench sequences [--json] [--repeats 5] [--timeout 60]
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
    "seconds_to_solve_adding": "<= 60",
    "rnn_best_mse": "well above 0.01 (the plain RNN fails at the same length)",
}
STEPS = 200  # per timed repetition
SOLVED = 0.01  # the adding problem's test mean squared error, solved
ADDING = {"task": "adding", "length": 50}


def engine_figures(repeats: int) -> dict[str, float]:
    from ..labs.sequences.run import SequencesRun
    from ..sessions.manager import new_config
    from ..sessions.requests import lab_changes, merge

    start = new_config("sequences")
    config = merge(start, lab_changes(start, **ADDING, hidden=32) | {"batch_size": 32},
                   lambda c: "regression")
    figures = run_figures(SequencesRun(config), STEPS, repeats)
    return figures | {"steps_per_s": round(figures["steps_per_s"], 1),
                      "baseline_steps_per_s": round(figures["baseline_steps_per_s"], 1)}


def _mean_squared_error(frame: Any) -> float:
    """The test loss is half the squared error, averaged: twice it is the MSE."""
    loss = frame.header["test_loss"]
    return float("inf") if loss is None else 2 * loss


def adding_figures(timeout: float) -> dict[str, float | None]:
    """Seconds for the default LSTM to solve the adding problem (None: not in `timeout`),
    and the best test MSE a plain RNN reaches in `timeout`."""
    solved = seconds_until("sequences", ADDING,
                           lambda frame: _mean_squared_error(frame) < SOLVED, timeout)
    best = [float("inf")]

    def record(frame: Any) -> None:
        best[0] = min(best[0], _mean_squared_error(frame))

    seconds_until("sequences", ADDING | {"cell": "rnn"}, lambda frame: False, timeout,
                  seen=record)
    return {"seconds_to_solve_adding": solved, "rnn_best_mse": round(best[0], 4),
            "seconds_each": timeout}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_lab_arguments(parser, 60.0, "each cell to solve the adding problem")


def main(args: argparse.Namespace) -> int:
    check_timeout(args.timeout)
    results: dict[str, object] = dict(engine_figures(args.repeats))
    results |= adding_figures(args.timeout)
    results["targets"] = TARGETS
    if args.json:
        print(json.dumps(results))
        return 0
    print(f"LSTM, hidden 32, 50 steps, batch 32: {results['steps_per_s']:,} steps/s fused, "
          f"{results['baseline_steps_per_s']:,} one jitted step per call")
    print(f"A frame: {results['snapshot_ms']} ms to compute, {results['frame_bytes']:,} bytes")
    print(f"Adding problem, length 50: LSTM solved it in {results['seconds_to_solve_adding']} "
          f"s; a plain RNN's best test MSE in {args.timeout:g} s: {results['rnn_best_mse']}")
    return 0
