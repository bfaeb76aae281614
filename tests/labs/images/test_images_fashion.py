"""Fashion-MNIST in the images lab: read from Debian's dataset-fashion-mnist package (the
real files; `make test` installs it), checked file by file, refused with how to get it
where it is absent, and trained over a real WebSocket with frames of 28 x 28 images."""

import gzip
from pathlib import Path

import httpx
import numpy as np
import pytest
from lab_sessions import until

from mindscope import codec
from mindscope.bench.server import running_server
from mindscope.client import ServerError, connect
from mindscope.labs.images.data import fashion_subset
from mindscope.labs.images.fashion import DEFAULT_DIR, FashionMissing, fashion, read_idx
from mindscope.labs.images.protocol import FASHION_HOW, FASHION_TEST, FASHION_TRAIN

installed = pytest.mark.skipif(
    not Path(DEFAULT_DIR).is_dir(),
    reason=f"Debian's dataset-fashion-mnist is not installed (no {DEFAULT_DIR}): "
           "sudo apt-get install dataset-fashion-mnist")
GET = "sudo apt-get install dataset-fashion-mnist"


@installed
def test_the_installed_package_reads_as_70000_labelled_images() -> None:
    sets = fashion(Path(DEFAULT_DIR))
    (x_train, y_train), (x_test, y_test) = sets["train"], sets["test"]
    assert x_train.shape == (60_000, 28, 28) and x_test.shape == (10_000, 28, 28)
    assert x_train.dtype == np.uint8 and x_train.max() == 255
    # Fashion-MNIST is balanced: 6,000 training and 1,000 test images of each class.
    assert np.bincount(y_train).tolist() == [6_000] * 10
    assert np.bincount(y_test).tolist() == [1_000] * 10
    assert y_test[0] == 9  # its first test image is an ankle boot
    subset, again = fashion_subset(3), fashion_subset(3)
    assert subset.x_train.shape == (FASHION_TRAIN, 28, 28, 1)
    assert subset.x_test.shape == (FASHION_TEST, 28, 28, 1)
    assert subset.x_train.min() >= 0.0 and subset.x_train.max() <= 1.0
    np.testing.assert_array_equal(subset.y_test, again.y_test)  # drawn by the seed
    assert not np.array_equal(subset.y_test, fashion_subset(4).y_test)


def idx(path: Path, magic: int, dims: tuple[int, ...], data: bytes) -> Path:
    header = magic.to_bytes(4, "big") + b"".join(d.to_bytes(4, "big") for d in dims)
    path.write_bytes(gzip.compress(header + data))
    return path


def test_a_bad_file_is_named_with_what_is_wrong(tmp_path: Path) -> None:
    good = idx(tmp_path / "good.gz", 0x801, (3,), bytes([1, 2, 3]))
    assert read_idx(good, 0x801, (3,)).tolist() == [1, 2, 3]
    for path, magic, dims, data, wrong in (
            (tmp_path / "magic.gz", 0x803, (3,), b"abc", "not the IDX magic number 0x801"),
            (tmp_path / "shape.gz", 0x801, (4,), b"abcd", r"shape \(4,\), not \(3,\)"),
            (tmp_path / "short.gz", 0x801, (3,), b"ab", "2 bytes of data, not 3")):
        idx(path, magic, dims, data)
        with pytest.raises(ValueError, match=f"{path}.*{wrong}"):
            read_idx(path, 0x801, (3,))
    (tmp_path / "plain").write_bytes(b"not gzip")
    with pytest.raises(ValueError, match="plain is not a readable gzip file"):
        read_idx(tmp_path / "plain", 0x801, (3,))
    with pytest.raises(FashionMissing, match=f"absent.gz is missing.*{GET}"):
        read_idx(tmp_path / "absent.gz", 0x801, (3,))


def test_choosing_fashion_where_it_is_absent_says_how_to_get_it(tmp_path: Path) -> None:
    """A real server whose Fashion-MNIST directory is empty: the page is told, a session's
    switch to it is refused with how to get it (nothing changed), and so is a session file
    that trains on it."""
    with running_server(env={"MINDSCOPE_FASHION_MNIST_DIR": str(tmp_path)}) as server:
        answer = httpx.get(f"{server.url}/api/labs/images/datasets", timeout=10).json()
        assert answer["fashion"] is False and answer["fashion_how"] == FASHION_HOW
        with connect(server.url, lab="images") as session:
            with pytest.raises(ServerError, match=GET) as refused:
                session.set(dataset="fashion")
            assert refused.value.field == "changes.lab.dataset"
            assert session.config["lab"]["dataset"] == "digits"
            assert session.next_frame().arrays["probe"].shape == (8, 8)
            # A session file of Fashion-MNIST is refused on import, with the same line.
            exported = httpx.get(f"{server.url}/api/sessions/{session.id}/export",
                                 timeout=30).content
        header, arrays = codec.decode(exported)
        header["config"]["lab"]["dataset"] = "fashion"
        imported = httpx.post(f"{server.url}/api/sessions/import", timeout=30,
                              content=codec.encode(header, arrays))
        assert imported.status_code == 422 and GET in imported.json()["detail"]


@installed
def test_a_cnn_learns_fashion_over_a_websocket(server_url: str) -> None:
    answer = httpx.get(f"{server_url}/api/labs/images/datasets", timeout=10).json()
    assert answer["fashion"] is True and GET in answer["fashion_how"]
    with connect(server_url, lab="images") as session:
        session.pause()
        assert session.set(dataset="fashion")["config"]["lab"]["dataset"] == "fashion"
        frame = until(session, lambda f: f.arrays["probe"].shape == (28, 28), steps=1)
        assert session.data["x_train"].shape == (FASHION_TRAIN, 28 * 28)
        assert session.data["x_test"].shape == (FASHION_TEST, 28 * 28)
        assert frame.arrays["saliency"].shape == (28, 28)
        assert frame.arrays["map_shapes"].tolist() == [[14, 14, 8], [7, 7, 16]]
        assert frame.arrays["feature_maps"].size == 14 * 14 * 8 + 7 * 7 * 16
        assert frame.header["layer_sizes"] == [1, 8, 16, 10]
        assert len(frame.arrays["predictions"]) == frame.arrays["confusion"].sum() == \
            FASHION_TEST
        probe = session.data["x_test"][0].reshape(28, 28)
        np.testing.assert_allclose(frame.arrays["probe"], probe, rtol=1e-6)
        trained = until(session, lambda f: f.header["test_accuracy"] >= 0.6, steps=100,
                        limit=10)
        assert trained.header["train_loss"] < frame.header["train_loss"]

        with pytest.raises(ServerError, match="the 28 x 28 image shrinks to nothing by "
                           "convolution layer 2"):
            session.set(kernel=5, stride=2, padding="valid")
        with pytest.raises(ServerError, match="switch the data to the digits") as refused:
            session.request({"type": "draw_probe", "pixels": [0.0] * 64})
        assert refused.value.field == "pixels"
        session.set(dataset="digits")
        back = until(session, lambda f: f.arrays["probe"].shape == (8, 8), steps=1)
        assert back.arrays["map_shapes"].tolist() == [[4, 4, 8], [2, 2, 16]]
