"""`mindscope bench sequences` measures what it says, briefly (the full run, with a server
and the adding problem, is `mindscope bench sequences`; its figures are in the README)."""

import argparse

import pytest

from mindscope.bench import sequences


def test_the_engine_figures_measure_the_benchmark_lstm() -> None:
    figures = sequences.engine_figures(repeats=1)
    assert figures["steps_per_s"] > 0 and figures["baseline_steps_per_s"] > 0
    assert 0 < figures["snapshot_ms"] < 10_000
    assert 10_000 < figures["frame_bytes"] <= 65_536  # a whole frame, within its budget


def test_a_timeout_out_of_range_is_refused() -> None:
    args = argparse.Namespace(timeout=0.0, repeats=1, json=True)
    with pytest.raises(SystemExit, match="--timeout must be above 0"):
        sequences.main(args)
