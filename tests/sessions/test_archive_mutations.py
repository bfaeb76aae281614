"""Altered and damaged session files: each is refused with a reason, or loads into a run
that trains; never anything else (an error a user would meet as a 500 or a stopped session)."""

from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mindscope import codec
from mindscope.labs.points.data import user_points
from mindscope.labs.points.run import TrainingRun
from mindscope.protocol import SessionConfig
from mindscope.sessions.archive import ArchiveError, dump, load, restore, restore_history
from mindscope.sessions.frame import Detail
from mindscope.sessions.history import History

_history = History()
for _step in range(5):
    _history.add({"step": _step, "train_loss": 0.5, "test_loss": 0.6, "train_accuracy": 0.7,
                  "test_accuracy": None})
_run = TrainingRun(SessionConfig.of(optimizer="adam", dataset="custom"),
                   user_points([[0, 0, 1], [1, 1, -1], [2, -2, 1], [-3, 1, -1]]))
VALID = dump(_run, _run.user, _history)
HEADER, ARRAYS = codec.decode(VALID)
FIELDS = sorted(k for k in HEADER if k != "arrays")
DTYPES = [np.float32, np.int32, np.uint8]  # what a message can carry

junk = st.one_of(
    st.none(), st.booleans(), st.integers(-2**70, 2**70), st.text(max_size=8),
    st.floats(allow_nan=True, allow_infinity=True), st.lists(st.integers(-3, 3), max_size=4),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
)


def _encode(header: dict[str, Any], arrays: dict[str, np.ndarray]) -> bytes:
    return codec.encode({k: v for k, v in header.items() if k != "arrays"}, arrays)


@st.composite
def altered(draw: st.DrawFn) -> bytes:
    header, arrays = dict(HEADER), dict(ARRAYS)
    kind = draw(st.sampled_from(["field", "drop_field", "dtype", "shape", "value", "drop",
                                 "truncate"]))
    if kind == "truncate":
        return VALID[: draw(st.integers(0, len(VALID) - 1))]
    if kind in ("field", "drop_field"):
        name = draw(st.sampled_from(FIELDS))
        if kind == "drop_field":
            del header[name]
        else:
            header[name] = draw(junk)
        return _encode(header, arrays)
    name = draw(st.sampled_from(sorted(arrays)))
    array = arrays[name]
    if kind == "drop":
        del arrays[name]
    elif kind == "dtype":
        with np.errstate(invalid="ignore"):  # NaN (a curve's missing accuracy) as an int
            arrays[name] = array.astype(draw(st.sampled_from(DTYPES)))
    elif kind == "shape":
        flat = array.reshape(-1)
        cut = draw(st.integers(0, flat.size + 2))
        arrays[name] = np.resize(flat, cut) if draw(st.booleans()) else flat[:, None]
    else:
        values = ([np.nan, np.inf, -1e30, 3e38, 0.0, -7.0] if array.dtype == np.float32
                  else [0, -7, int(np.iinfo(array.dtype).max), int(np.iinfo(array.dtype).min)])
        value = draw(st.sampled_from(values))
        changed = array.copy()
        changed.reshape(-1)[draw(st.integers(0, max(array.size - 1, 0)))] = value
        arrays[name] = changed
    return _encode(header, arrays)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(altered())
def test_every_altered_file_is_refused_with_a_reason_or_trains(data: bytes) -> None:
    try:
        archive = load(data)
        run = TrainingRun(archive.config, archive.data)
        restore(run, archive)
    except ArchiveError as exc:
        assert str(exc)  # a reason the user reads
        return
    history = History()
    restore_history(history, archive.history)
    frame = run.advance(3, Detail(8, 4, True))
    assert frame.diverged or frame.header["step"] == archive.step + 3


def test_the_files_that_once_broke_are_refused() -> None:
    """Found by an adversarial run (issue 13): 500s, or a session that stopped on first use."""
    history = {k: v for k, v in ARRAYS.items() if k.startswith("history.")}
    cases = [
        (b"", "not a Mindscope session file"),
        (b"\x01\x02\x03", "not a Mindscope session file"),
        (_encode({**HEADER, "step": 2**40}, ARRAYS), "step"),
        (_encode({**HEADER, "step": -5}, ARRAYS), "step"),
        (_encode({**HEADER, "step": 1.5}, ARRAYS), "step"),
        (_encode(HEADER, {**ARRAYS, "key": np.zeros(3, np.int32)}), "key"),
        (_encode(HEADER, {**ARRAYS, "history.step": history["history.step"][:-1]}), "history"),
        (_encode(HEADER, {**ARRAYS, "params.0.w": ARRAYS["params.0.w"].astype(np.int32)}),
         "float32"),
    ]
    for data, reason in cases:
        try:
            archive = load(data)
            restore(TrainingRun(archive.config, archive.data), archive)
        except ArchiveError as exc:
            assert reason in str(exc), (reason, str(exc))
        else:
            raise AssertionError(f"accepted a file that should be refused for its {reason}")
