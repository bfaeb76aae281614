"""`mindscope bench attention` measures what it says, briefly (the full run, with a server,
reversal and grokking, is `mindscope bench attention --grokking 600`; its figures are in the
README)."""

import argparse

import pytest

from mindscope.bench import attention


def test_the_engine_figures_measure_the_benchmark_transformer() -> None:
    figures = attention.engine_figures(repeats=1)
    assert figures["steps_per_s"] > 0 and figures["baseline_steps_per_s"] > 0
    assert 0 < figures["snapshot_ms"] < 10_000
    assert 5_000 < figures["frame_bytes"] <= 65_536  # a whole frame, within its budget


@pytest.mark.parametrize(("flag", "value", "message"), [
    ("timeout", 0.0, "--timeout must be above 0"), ("grokking", -1.0, "--grokking must be")])
def test_flags_out_of_range_are_refused(flag: str, value: float, message: str) -> None:
    args = argparse.Namespace(**{"timeout": 60.0, "grokking": 0.0, "repeats": 1, "json": True,
                                 flag: value})
    with pytest.raises(SystemExit, match=message):
        attention.main(args)
