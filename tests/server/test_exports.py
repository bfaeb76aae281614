"""Files other tools read, from a real server: weights as safetensors (read back with the
safetensors library), curves as CSV (read back with Python's csv), each matching the
session file's own arrays."""

import csv
import io
import json
import urllib.error
import urllib.request

import numpy as np
import pytest
from safetensors import safe_open
from safetensors.numpy import load as load_safetensors

from mindscope.client import ServerError, connect
from mindscope.exports.curves import COLUMNS, curves_csv
from mindscope.exports.weights import safetensors_bytes
from mindscope.protocol import SessionConfig
from mindscope.sessions.archive import load


@pytest.mark.parametrize("lab", ["points", "images", "sequences"])
def test_weights_are_safetensors_with_the_config_as_metadata(
        server_url: str, lab: str, tmp_path) -> None:
    with connect(server_url, lab=lab) as session:
        session.pause()
        session.step(5)
        session.next_frame(timeout=120)
        path = tmp_path / "weights.safetensors"
        session.export_weights(path)
        archive = load(session.export())
        settings = session.settings
    tensors = load_safetensors(path.read_bytes())
    assert set(tensors) == set(archive.params) and tensors
    for name, array in archive.params.items():
        np.testing.assert_array_equal(tensors[name], array)
        assert tensors[name].dtype == array.dtype
    with safe_open(path, framework="numpy") as opened:
        metadata = opened.metadata()
    assert metadata["format"] == "mindscope-weights" and metadata["lab"] == lab
    assert int(metadata["step"]) == archive.step == 5
    assert SessionConfig.model_validate_json(metadata["config"]) == settings


def test_curves_are_csv_of_the_sessions_history(server_url: str) -> None:
    with connect(server_url) as session:
        session.pause()
        for _ in range(3):
            session.step(7)
            session.next_frame()
        text = session.export_curves()
        history = load(session.export()).history
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == COLUMNS and len(rows) == len(history["step"]) >= 3
    assert [int(row["step"]) for row in rows][-3:] == [7, 14, 21]
    for column in COLUMNS[1:]:
        cells = [row[column] for row in rows]
        values = np.array([float(cell) if cell else np.nan for cell in cells], np.float32)
        np.testing.assert_array_equal(values, history[column])


def test_only_the_control_id_exports(server_url: str) -> None:
    with connect(server_url) as session:
        session.pause()
        for kind in ("weights.safetensors", "curves.csv"):
            url = f"{server_url}/api/sessions/{session.view_id}/{kind}"
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(url, timeout=10)
            assert refused.value.code == 404
            assert "no such session" in json.loads(refused.value.read())["detail"]


def test_a_refused_download_raises_with_the_status(server_url: str) -> None:
    from mindscope.client.files import download

    with pytest.raises(ServerError) as refused:
        download(server_url, "nobody", "weights")
    assert refused.value.status == 404 and "no such session" in str(refused.value)
    with pytest.raises(ValueError, match="the kinds are session, weights, curves"):
        download(server_url, "nobody", "pickle")


def test_safetensors_of_every_dtype_read_back() -> None:
    tensors = {"f64": np.linspace(0, 1, 6).reshape(2, 3), "i32": np.arange(5, dtype=np.int32),
               "u8": np.array([[1, 2], [3, 4]], np.uint8), "flag": np.array([True, False]),
               "big": np.arange(3, dtype=">f4"), "scalar": np.float32(2.5)}
    read = load_safetensors(safetensors_bytes(tensors, {"note": "é"}))
    for name, array in tensors.items():
        np.testing.assert_array_equal(read[name], array)
        assert read[name].shape == np.shape(array)
    with pytest.raises(TypeError, match="strings"):
        safetensors_bytes(tensors, {"step": 3})  # type: ignore[dict-item]
    with pytest.raises(TypeError, match="no dtype for complex64"):
        safetensors_bytes({"z": np.zeros(2, np.complex64)}, {})


def test_curves_csv_leaves_what_is_not_a_number_empty() -> None:
    curves = {c: np.array([1.0, np.nan], np.float32) for c in COLUMNS}
    assert curves_csv(curves).splitlines()[1:] == ["1,1,1,1,1", ",,,,"]
    with pytest.raises(ValueError, match="lack the columns test_accuracy"):
        curves_csv({c: curves[c] for c in COLUMNS[:-1]})
    with pytest.raises(ValueError, match="differ in length"):
        curves_csv(curves | {"step": np.zeros(3)})
