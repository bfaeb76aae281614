"""Export and import: the same predictions bit for bit, the same training afterwards."""

import json
from pathlib import Path

import jax
import numpy as np
import pytest

from mindscope.labs.points.run import TrainingRun
from mindscope.protocol import SessionConfig
from mindscope.sessions.archive import ArchiveError, dump, load, restore
from mindscope.sessions.frame import Detail
from mindscope.sessions.history import History

CONFIG = SessionConfig.of(dataset="spiral3", hidden=[6, 5], activations=["relu", "tanh"],
                       features=["x1", "x2", "sin_x1"], optimizer="adam", learning_rate=0.01)


def _imported(data: bytes) -> TrainingRun:
    archive = load(data)
    run = TrainingRun(archive.config, archive.data)
    restore(run, archive)
    return run


def test_round_trip_gives_identical_predictions_and_identical_training() -> None:
    run = TrainingRun(CONFIG)
    run.advance(300, Detail())
    history = History()
    history.add({"step": 300, "train_loss": 0.5, "test_loss": 0.6, "train_accuracy": 0.7,
                 "test_accuracy": None})
    data = dump(run, run.user, history)
    copy = _imported(data)

    detail = Detail(40, 20, True)
    original, restored = run.frame(detail), copy.frame(detail)
    for name, array in original.arrays.items():
        np.testing.assert_array_equal(array, restored.arrays[name], err_msg=name)
    assert original.header == restored.header

    # The optimizer state and the training key came along: training continues identically.
    a, b = run.advance(200, detail), copy.advance(200, detail)
    np.testing.assert_array_equal(a.arrays["weights"], b.arrays["weights"])
    assert load(data).history["test_accuracy"][0] != load(data).history["test_accuracy"][0]


def test_user_points_travel_with_the_session() -> None:
    from mindscope.labs.points.data import user_points

    user = user_points([[0, 0, 1], [1, 1, -1], [2, -2, 1], [-3, 1, -1]])
    run = TrainingRun(SessionConfig.of(dataset="custom"), user)
    copy = _imported(dump(run, run.user, History()))
    np.testing.assert_array_equal(copy.user.xy, user.xy)
    np.testing.assert_array_equal(copy.host_data.x_train, run.host_data.x_train)


@pytest.mark.parametrize(
    ("corrupt", "message"),
    [
        (lambda d: b"garbage", "not a Mindscope session file"),
        (lambda d: d[: len(d) // 2], "not a Mindscope session file"),
        (lambda d: d.replace(b'"format": 3', b'"format": 9'), "format 9 is not supported"),
        (lambda d: d.replace(b'"lab": "points"', b'"lab": "planes"'),
         "lab 'planes', which this version does not have"),
        (lambda d: d.replace(b'"learning_rate": 0.01', b'"learning_rate": 99.0'),
         "config is invalid: learning_rate"),
        (lambda d: d.replace(b'"hidden": [6, 5]', b'"hidden": [6, 6]'),
         "weights do not fit"),
    ],
)
def test_damaged_files_are_refused_with_the_reason(corrupt, message: str) -> None:
    data = corrupt(dump(TrainingRun(CONFIG), None, History()))
    with pytest.raises(ArchiveError, match=message):
        _imported(data)


def test_export_while_bridging_an_edit_on_the_padded_network() -> None:
    from mindscope.engine import compiler

    run = TrainingRun(SessionConfig.of())
    run.advance(5, Detail())
    compiler.wait(run._padded())
    run.reconfigure(SessionConfig.of(hidden=[7, 2]))
    copy = _imported(dump(run, run.user, History()))
    for a, b in zip(jax.tree.leaves(run.exact_params()), jax.tree.leaves(copy.exact_params()),
                    strict=True):
        np.testing.assert_array_equal(a, b)


def test_a_file_exported_before_the_core_renovation_trains_on_as_it_did() -> None:
    """tests/fixtures/session_v1.mindscope was exported by the code of commit 9967c41;
    session_v1_next.json holds where that code's run got in 100 more steps."""
    fixtures = Path(__file__).parents[1] / "fixtures"
    expected = json.loads((fixtures / "session_v1_next.json").read_text())
    run = _imported((fixtures / "session_v1.mindscope").read_bytes())
    frame = run.advance(100, Detail())
    weights = frame.arrays["weights"].astype(np.float64)
    assert frame.header["step"] == expected["step"]
    assert frame.header["train_loss"] == pytest.approx(expected["train_loss"], rel=1e-5)
    assert np.sum(weights) == pytest.approx(expected["weights_sum"], rel=1e-5)
    assert np.sum(np.abs(weights)) == pytest.approx(expected["weights_abs_sum"], rel=1e-5)
