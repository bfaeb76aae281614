"""`mindscope bench images` measures what it says, briefly (the full run with a server is
`mindscope bench images`; its figures are in the README)."""

import argparse

import pytest

from mindscope.bench import images


def test_the_engine_figures_measure_the_default_network() -> None:
    figures = images.engine_figures(repeats=1)
    assert figures["batch"] == 32
    assert figures["examples_per_s"] > 0 and figures["baseline_examples_per_s"] > 0
    assert 0 < figures["snapshot_ms"] < 10_000
    assert 1_000 < figures["frame_bytes"] <= 65_536  # a whole frame, within its budget


def test_a_goal_that_is_no_accuracy_is_refused() -> None:
    args = argparse.Namespace(goal=1.5, repeats=1, timeout=1.0, json=True)
    with pytest.raises(SystemExit, match="--goal must be an accuracy"):
        images.main(args)
