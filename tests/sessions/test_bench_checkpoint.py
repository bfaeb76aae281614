"""`mindscope bench checkpoint` runs on a real database file and reports its figures."""

import json

import pytest

from mindscope.cli import main


def test_the_checkpoint_benchmark_prints_its_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "checkpoint", "--sessions", "2", "--repeats", "3", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["sessions"] == 2
    assert figures["archive_bytes"] > 1000  # weights, optimizer state and the curve
    assert 0 < figures["pass_share_of_interval"] < 1
    assert figures["restore_ms"] > 0
