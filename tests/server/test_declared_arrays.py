"""Real binary messages carry only the arrays the schema declares (`x-arrays`), with the
declared dtypes and shapes, and every array it does not mark optional."""

import itertools
from typing import Any

import numpy as np
import pytest

from mindscope.client import Frame, connect
from mindscope.protocol import BINARY_HEADERS, json_schema

DECLARED: dict[str, list[dict[str, Any]]] = {
    header.model_fields["kind"].default: json_schema()["$defs"][header.__name__]["x-arrays"]
    for header in BINARY_HEADERS
}
# Frame arrays that no client reads, still sent by labs/points/run.py until it drops them;
# this set goes with them.
def _network_dims(layer_sizes: list[int]) -> dict[str, int]:
    return {
        "W": sum(a * b for a, b in itertools.pairwise(layer_sizes)),
        "B": sum(layer_sizes[1:]),
        "L": len(layer_sizes) - 1,
        "nodes": sum(layer_sizes[:-1]),
        "features": layer_sizes[0],
        "neurons": sum(layer_sizes[1:]),
    }


def _check(kind: str, arrays: dict[str, np.ndarray], dims: dict[str, int]) -> None:
    """Each array as declared; a named dim has one size throughout the message (or the
    size given in `dims`)."""
    declared = {entry["name"]: entry for entry in DECLARED[kind]}
    undeclared = set(arrays) - set(declared)
    assert not undeclared, f"{kind} carries undeclared arrays {sorted(undeclared)}"
    required = {name for name, entry in declared.items() if not entry["optional"]}
    assert required <= set(arrays), f"{kind} lacks {sorted(required - set(arrays))}"
    dims = dict(dims)
    for name in set(arrays) & set(declared):
        entry, values = declared[name], arrays[name]
        assert values.dtype == np.dtype(entry["dtype"]), name
        assert values.ndim == len(entry["shape"]), name
        for dim, size in zip(entry["shape"], values.shape, strict=True):
            expected = dim if isinstance(dim, int) else dims.setdefault(dim, size)
            assert size == expected, f"{kind} {name}: {dim} is {size}, expected {expected}"


def _check_frame(frame: Frame) -> None:
    """A frame at the default subscription: 100 x 100 output, 50 x 50 neuron maps."""
    _check("frame", frame.arrays, {"R": 100, "Rn": 50,
                                   **_network_dims(frame.header["layer_sizes"])})


@pytest.fixture(scope="module")
def session(server_url: str):
    with connect(server_url) as s:
        s.pause()
        yield s


def test_data_and_history_are_as_declared(session) -> None:
    session.step(20)
    session.next_frame()
    session.reset()  # sends the history (now empty) again
    session.step(5)
    frame = session.next_frame()
    assert session.data and frame.step == 5
    _check("data", session.data, {})
    _check("history", session.history, {})


def test_frames_carry_only_declared_arrays(session) -> None:
    session.step(1)
    frame = session.next_frame()  # binary problem: no classes
    _check_frame(frame)
    session.set(dataset="spiral3", hidden=[3], features=["x1", "x2", "sin_x1"])
    frame = session.next_frame(timeout=120)  # its program may wait behind the start's compiles
    assert "classes" in frame.arrays
    _check_frame(frame)
    session.subscribe(output_resolution=20, neuron_resolution=0, parameters=False)
    session.step(1)
    frame = session.next_frame()
    assert set(frame.arrays) == {"output", "classes"}
    _check("frame", frame.arrays, {"R": 20})
    session.subscribe(output_resolution=100, neuron_resolution=50, parameters=True)


def test_explanations_and_landscapes_are_as_declared(session) -> None:
    for _ in range(3):
        session.step(10)
        session.next_frame()
    explained = session.explain(0.5, -1.0, 1.0)
    _check("explanation", explained.arrays, _network_dims(explained.header["layer_sizes"]))
    got = session.landscape(directions="random", resolution=7, span=0.5)
    _check("landscape", got.arrays, {"R": 7})


def test_declared_columns_match_the_shape() -> None:
    for entry in itertools.chain.from_iterable(DECLARED.values()):
        if "columns" in entry:
            assert entry["shape"][-1] == len(entry["columns"]), entry["name"]
