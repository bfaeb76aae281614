"""The user's own labelled images in the images lab: zips built here (Pillow writes the
PNG and JPEG files) are read into grayscale 28 x 28 images by class folder; every bad
file is refused with its name and reason, the set whole; an accepted set trains over a
real WebSocket, and a refused one leaves the session training."""

import httpx
import numpy as np
import pytest
from image_zips import SHAPES, encoded, good_set, picture, zipped
from lab_sessions import until
from PIL import Image

from mindscope.client import ServerError, connect
from mindscope.labs.images import uploads
from mindscope.labs.images.uploads import UploadedSet, UploadRefused, UploadStore, read_upload


def test_a_zip_of_class_folders_becomes_28_by_28_grayscale_images() -> None:
    white = encoded(Image.new("RGB", (50, 30), "white"), "PNG")
    black = encoded(Image.new("L", (7, 7), 0), "JPEG")
    got = read_upload(zipped({"shapes/": b"", "shapes/light/": b"",
                              "shapes/light/a.png": white, "shapes/dark/b.jpg": black,
                              "__MACOSX/shapes/._a.png": b"x", "shapes/.DS_Store": b"x"}))
    assert got.classes == ("dark", "light")  # sorted: the class index is the position
    assert got.images.shape == (2, 28, 28, 1) and got.images.dtype == np.float32
    assert got.labels.tolist() == [0, 1]  # class by class
    np.testing.assert_allclose(got.images[0], 0.0, atol=0.01)
    np.testing.assert_allclose(got.images[1], 1.0)  # white, stretched to a square
    assert got.ignored == ("__MACOSX/shapes/._a.png", "shapes/.DS_Store")  # named, not used
    many = read_upload(good_set(per_class=4))
    assert many.classes == tuple(sorted(SHAPES)) and len(many.images) == 12
    assert 0.0 <= many.images.min() < 0.3 and many.images.max() > 0.9


def refused(body: bytes) -> dict[str, str]:
    with pytest.raises(UploadRefused) as caught:
        read_upload(body)
    return {p.file: p.reason for p in caught.value.problems}


def test_every_bad_file_is_named_with_its_reason_and_nothing_is_taken() -> None:
    rng = np.random.default_rng(1)
    png = encoded(picture("ring", rng), "PNG")
    problems = refused(zipped({
        "ring/good.png": png, "ring/notes.txt": b"not an image at all",
        "ring/anim.gif": encoded(picture("ring", rng), "GIF"),
        "ring/cut.png": png[:len(png) // 2], "loose.png": png,
        "down/deeper/x.png": png, "down/deeper/": b"", "empty/": b"", "across/a.png": png}))
    assert problems == {
        "ring/notes.txt": "not an image (PNG or JPEG)",
        "ring/anim.gif": "a GIF image: only PNG and JPEG are taken",
        "ring/cut.png": problems["ring/cut.png"],
        "loose.png": "not in a class folder: each image goes in the folder named after its "
                     "class",
        "down/deeper/x.png": "in a folder inside a class folder: put it directly in its "
                             "class's folder",
        "down/deeper/": "a folder inside a class folder: put the images directly in their "
                        "class's folder",
        "down/": "a class folder with no images",
        "empty/": "a class folder with no images",
    }
    assert problems["ring/cut.png"].startswith("an unreadable image: ")
    assert refused(b"PK\x03\x04 but not a zip") == {"": "not a zip file"}
    assert refused(zipped({})) == {"": "the zip is empty: it needs one folder of images per "
                                       "class"}
    assert refused(zipped({"one/a.png": png})) == {
        "": "1 class folder: the network tells 2 to 10 classes apart"}
    eleven = {f"c{i}/a.png": png for i in range(11)}
    assert refused(zipped(eleven)) == {
        "": "11 class folders: the network tells 2 to 10 classes apart"}


def test_sizes_are_bounded_before_anything_is_decoded(monkeypatch: pytest.MonkeyPatch,
                                                      ) -> None:
    png = encoded(Image.new("L", (20, 20), 9), "PNG")
    # A zip bomb: 9 MB of zeros deflate to 9 kB; refused by its size, before reading it.
    bomb = zipped({"a/x.png": png, "b/bomb.png": bytes(9 * 2**20)})
    assert len(bomb) < 100_000
    assert refused(bomb) == {"b/bomb.png": "9,437,184 bytes unzipped, at most 8,388,608"}
    opened: list[object] = []
    real_open = uploads.Image.open

    def counted_open(file: object) -> Image.Image:
        opened.append(file)
        return real_open(file)

    for limit, value, files, problems in (
            ("MAX_PIXELS", 399, {"a/x.png": png, "b/y.png": png},
             {"a/x.png": "20 x 20 pixels, at most 399 in all",
              "b/y.png": "20 x 20 pixels, at most 399 in all"}),
            ("MAX_IMAGES", 3, {f"{c}/{i}.png": png for c in "ab" for i in range(2)},
             {"": "4 images, at most 3"}),
            ("MAX_TOTAL_PIXELS", 1_000, {f"{c}/{i}.png": png for c in "ab" for i in range(2)},
             {"b/0.png": "20 x 20 pixels: past the set's 1,000 pixels in all (make the "
                         "images smaller)",
              "b/1.png": "20 x 20 pixels: past the set's 1,000 pixels in all (make the "
                         "images smaller)"}),
            ("MAX_UNZIPPED_BYTES", 1_000, {"a/x.png": png, "b/y": bytes(1_000)},
             {"": f"its files unzip to {1_000 + len(png):,} bytes, at most 1,000"})):
        opened.clear()
        with monkeypatch.context() as patched:
            patched.setattr(uploads, limit, value)
            patched.setattr(uploads.Image, "open", counted_open)
            assert refused(zipped(files)) == problems
        # Too many images are refused before one is decoded; too many pixels in all, before
        # the first image past the budget is.
        assert len(opened) == {"MAX_IMAGES": 0, "MAX_UNZIPPED_BYTES": 0}.get(limit, len(files))
    monkeypatch.setattr(uploads, "MAX_ZIP_BYTES", 100)
    assert refused(bytes(101)) == {"": "the zip is 101 bytes, at most 100"}


def test_a_leading_slash_is_no_folder_and_mac_files_are_left_out() -> None:
    png = encoded(Image.new("L", (20, 20), 9), "PNG")
    taken = read_upload(zipped({"/a/x.png": png, "/b/y.png": png, "a/._x.png": b"\0\5",
                                "__MACOSX/b/._y.png": b"\0"}))
    assert taken.classes == ("a", "b") and len(taken.labels) == 2
    assert set(taken.ignored) == {"a/._x.png", "__MACOSX/b/._y.png"}


def test_the_store_keeps_the_last_sets_only() -> None:
    store = UploadStore(capacity=2)
    one = UploadedSet(np.zeros((2, 28, 28, 1)), np.array([0, 1]), ("a", "b"), ())
    names = [store.add(one) for _ in range(3)]
    assert len(set(names)) == 3 and all(n.startswith("upload:") for n in names)
    assert store.get(names[0]) is None  # the oldest went
    assert store.get(names[1]) is one and store.get(names[2]) is one


def test_an_uploaded_set_trains_and_a_bad_one_leaves_the_session_training(
        server_url: str) -> None:
    api = f"{server_url}/api/labs/images/uploads"
    answer = httpx.post(api, content=good_set(top="mine/"), timeout=60,
                        headers={"Content-Type": "application/zip"})
    assert answer.status_code == 201, answer.text
    upload = answer.json()
    assert upload["classes"] == sorted(SHAPES) and upload["counts"] == [30, 30, 30]
    assert upload["side"] == 28 and upload["ignored"] == []
    assert httpx.get(f"{api}/{upload['dataset']}").json()["classes"] == sorted(SHAPES)
    assert httpx.get(f"{api}/upload:000000000000").status_code == 404
    with connect(server_url, lab="images") as session:
        reply = session.set(dataset=upload["dataset"], train_share=0.5)
        assert reply["config"]["lab"]["dataset"] == upload["dataset"]
        # Its network (28 x 28 images) compiles beside the session: a while on 2 cores.
        assert session.next_frame(timeout=180).arrays["probe"].shape == (28, 28)
        trained = until(session, lambda f: f.header["test_accuracy"] >= 0.9, steps=50)
        assert trained.arrays["confusion"].sum() == 45  # half of the 90 images test
        assert session.data["x_test"].shape == (45, 28 * 28)

        bad = zipped({"a/x.txt": b"text", "b/y.png": b"\x89PNG broken"})
        refusal = httpx.post(api, content=bad, headers={"Content-Type": "application/zip"})
        assert refusal.status_code == 422
        assert refusal.json()["detail"]["problems"] == [
            {"file": "a/x.txt", "reason": "not an image (PNG or JPEG)"},
            {"file": "b/y.png", "reason": "not an image (PNG or JPEG)"}]
        gone = "upload:0123456789ab: the server keeps only the last 8 uploaded sets"
        with pytest.raises(ServerError, match=gone) as unknown:
            session.set(dataset="upload:0123456789ab")
        assert unknown.value.field == "changes.lab.dataset"
        with pytest.raises(ServerError, match=r"lab\.dataset"):
            session.set(dataset="upload:../etc")
        steps = trained.step
        after = until(session, lambda f: f.step > steps + 50, steps=25)
        assert session.config["lab"]["dataset"] == upload["dataset"]
        assert after.header["test_accuracy"] >= 0.8


def test_a_session_file_of_a_set_no_longer_kept_is_refused_with_why() -> None:
    from mindscope.labs.images.lab import ImagesLab
    from mindscope.protocol import SessionConfig

    config = SessionConfig.model_validate(
        {"lab": {"lab": "images", "dataset": "upload:0123456789ab"}})
    with pytest.raises(ValueError, match=r"upload the zip again \(a session file does "
                                         r"not carry them\)"):
        ImagesLab().data_from(config, {})
    kept = uploads.UPLOADS.add(read_upload(good_set(per_class=2)))
    config = SessionConfig.model_validate({"lab": {"lab": "images", "dataset": kept}})
    assert ImagesLab().data_from(config, {}) is None  # no drawing: the set itself is kept


def test_a_run_keeps_its_uploaded_set_when_the_store_drops_it() -> None:
    from mindscope.labs.images.run import ImagesRun
    from mindscope.sessions.manager import new_config
    from mindscope.sessions.requests import lab_changes, merge

    name = uploads.UPLOADS.add(read_upload(good_set(per_class=4)))
    start = new_config("images")
    config = merge(start, lab_changes(start, dataset=name), lambda c: "multiclass")
    run = ImagesRun(config)
    before = len(run.host_data.x_train)
    for _ in range(uploads.STORED_UPLOADS):  # others' uploads push it out of the store
        uploads.UPLOADS.add(read_upload(good_set(per_class=2)))
    assert uploads.UPLOADS.get(name) is None
    # A new split and seed of the set it trains on still come: the run kept the set.
    resplit = merge(config, lab_changes(config, train_share=0.75, data_seed=3),
                    lambda c: "multiclass")
    data = run.make_data(resplit)
    assert len(data.x_train) + len(data.x_test) == before + len(run.host_data.x_test)
    assert len(data.x_train) > before
