"""The images lab over a real WebSocket: a session of `?lab=images` trains a CNN on the
digits, its frames carry the declared arrays, its network changes while it trains, and one
convolution is explained on request."""

import numpy as np
import pytest
from lab_sessions import DECLARED, stepped, until

from mindscope.client import ServerError, connect


def test_a_cnn_learns_the_digits_live_and_shows_what_it_sees(server_url: str) -> None:
    with connect(server_url, lab="images") as session:
        config = session.config
        assert config["lab"]["lab"] == "images" and config["loss"] == "cross_entropy"
        assert config["optimizer"] == "adam"  # the lab's preset of the shared settings
        assert session.pause()["problem"] == "multiclass"
        first = session.next_frame()
        for name, values in first.arrays.items():  # every array as the schema declares it
            if name in DECLARED:
                assert values.dtype == np.dtype(DECLARED[name]["dtype"]), name
        shapes = first.arrays["kernel_shapes"]
        assert shapes.tolist() == [[3, 3, 1, 8], [3, 3, 8, 16]]
        assert first.arrays["kernels"].size == int(np.prod(shapes, axis=1).sum())
        assert first.arrays["map_shapes"].tolist() == [[4, 4, 8], [2, 2, 16]]
        assert first.arrays["feature_maps"].size == 4 * 4 * 8 + 2 * 2 * 16
        n_test = len(session.data["y_test"])
        assert session.data["x_test"].shape == (n_test, 64)
        assert first.arrays["confusion"].sum() == n_test == len(first.arrays["predictions"])
        assert first.arrays["probabilities"].sum() == pytest.approx(1.0, abs=1e-5)

        trained = until(session, lambda f: f.header["test_accuracy"] >= 0.9)
        confusion = trained.arrays["confusion"]
        truth = session.data["y_test"][:, 0].astype(int)
        assert np.trace(confusion) == np.sum(trained.arrays["predictions"] == truth)
        assert not np.array_equal(trained.arrays["kernels"], first.arrays["kernels"])

        # A wider first layer compiles beside the session; what it learned carries over
        # where shapes allow (the bias of the first eight filters).
        reply = session.set(filters=[12, 16], pooling="avg")
        assert reply["config"]["lab"]["filters"] == [12, 16]
        wider = until(session, lambda f: f.arrays["kernel_shapes"][0, 3] == 12, steps=1)
        assert wider.arrays["map_shapes"].tolist() == [[4, 4, 12], [2, 2, 16]]
        assert wider.header["layer_sizes"] == [1, 12, 16, 10]
        # Augmentation too compiles beside it, and training goes on with it.
        assert session.set(shift=1)["config"]["lab"]["shift"] == 1
        assert session.set(rotate=10)["config"]["lab"]["rotate"] == 10
        with pytest.raises(ServerError, match=r"lab\.rotate: Input should be 0, 10 or 20") as bad:
            session.set(rotate=15)
        assert bad.value.field == "changes.lab.rotate"
        steps = wider.step
        assert until(session, lambda f: f.step > steps + 50, steps=25).header["train_loss"]

        shrinks = "lab: the 8 x 8 image shrinks to nothing by convolution layer 4"
        with pytest.raises(ServerError, match=shrinks):
            session.set(filters=[8, 8, 8, 8])
        with pytest.raises(ServerError, match="hidden"):
            session.set(hidden=[3])  # a setting of the 2D lab
        with pytest.raises(ServerError, match="this session is of the lab 'images'"):
            session.request({"type": "set", "changes": {"lab": {"lab": "points"}}})
        with pytest.raises(ServerError, match="explain"):
            session.request({"type": "explain", "x1": 0, "x2": 0, "label": 1})


def test_a_drawn_digit_becomes_the_probe_and_travels_with_the_session(
        server_url: str) -> None:
    import httpx

    from mindscope.sessions.archive import load

    with connect(server_url, lab="images") as session:
        session.pause()  # the same weights in every frame below
        first = stepped(session, 300)
        assert first.arrays["probe_label"].tolist() == [int(session.data["y_test"][0, 0])]
        digit = session.data["x_test"][0].tolist()  # a real digit, drawn back
        session.request({"type": "draw_probe", "pixels": digit})
        drawn = session.next_frame()
        assert drawn.arrays["probe_label"].tolist() == [-1]
        np.testing.assert_allclose(drawn.arrays["probe"].ravel(), digit, rtol=1e-6)
        np.testing.assert_allclose(drawn.arrays["probabilities"],
                                   first.arrays["probabilities"], rtol=1e-4, atol=1e-6)
        for bad, field in (([0.5] * 63, "pixels"), ([1.5] + [0.0] * 63, "pixels.0")):
            with pytest.raises(ServerError) as refused:
                session.request({"type": "draw_probe", "pixels": bad})
            assert refused.value.field == field
        exported = httpx.get(f"{server_url}/api/sessions/{session.id}/export", timeout=30)
        archive = load(exported.content)
        np.testing.assert_allclose(archive.data.ravel(), digit, rtol=1e-6)
        session.request({"type": "draw_probe", "pixels": None})
        assert session.next_frame().arrays["probe_label"].tolist() == [
            int(session.data["y_test"][0, 0])]
    with connect(server_url) as points, pytest.raises(ServerError) as refused:
        points.request({"type": "draw_probe", "pixels": None})
    assert str(refused.value) == ("type: 'draw_probe' is a request of the lab 'images'; this "
                                  "session is of the lab 'points'")


def test_one_convolution_is_explained_on_request(server_url: str) -> None:
    with connect(server_url, lab="images") as session:
        session.pause()  # the same weights in the frame and the answer
        frame = stepped(session, 50)
        answer = session.explain_conv(layer=0, filter=2, row=4, column=7)
        header, arrays = answer.header, answer.arrays
        assert header["kind"] == "conv_explanation" and header["step"] == frame.step
        assert (header["layer"], header["filter"], header["row"], header["column"]) == \
            (0, 2, 4, 7)
        assert arrays["window"].shape == arrays["kernel"].shape == (3, 3, 1)
        # The probe's pixels under the window, the column past the edge padded with zeros.
        probe = frame.arrays["probe"]
        np.testing.assert_allclose(arrays["window"][:, :2, 0], probe[3:6, 6:8], rtol=1e-6)
        assert np.all(arrays["window"][:, 2] == 0)
        kernels = frame.arrays["kernels"][:3 * 3 * 8].reshape(3, 3, 1, 8)
        np.testing.assert_allclose(arrays["kernel"], kernels[:, :, :, 2], rtol=1e-6)
        np.testing.assert_allclose(arrays["products"], arrays["window"] * arrays["kernel"],
                                   rtol=1e-5, atol=1e-7)
        assert header["sum"] == pytest.approx(float(arrays["products"].sum()), abs=1e-5)
        assert header["pre_activation"] == pytest.approx(header["sum"] + header["bias"],
                                                         abs=1e-5)
        assert header["activation"] == pytest.approx(max(header["pre_activation"], 0.0),
                                                     abs=1e-6)
        # Max pooling: the value the frame's feature map shows at (2, 3).
        assert arrays["pool_window"].shape == (2, 2)
        assert header["pooled"] == pytest.approx(float(arrays["pool_window"].max()))
        assert (header["pool_row"], header["pool_column"]) == (2, 3)
        maps = frame.arrays["feature_maps"][:4 * 4 * 8].reshape(4, 4, 8)
        assert header["pooled"] == pytest.approx(float(maps[2, 3, 2]), rel=1e-5, abs=1e-6)
        # The second layer reads the first's pooled maps: 8 channels.
        second = session.explain_conv(layer=1, filter=15, row=3, column=0)
        assert second.arrays["window"].shape == (3, 3, 8)

        # Beyond this network: refused with the field and its range named.
        for question, field, allowed in (
                ({"layer": 2}, "layer", "0 to 1"), ({"filter": 8}, "filter", "0 to 7"),
                ({"layer": 1, "row": 4}, "row", "0 to 3"),
                ({"layer": 1, "column": 4}, "column", "0 to 3"),
                ({"filter": 32}, "filter", "less than or equal to 31")):  # beyond any
            with pytest.raises(ServerError, match=allowed) as refused:
                session.explain_conv(**{"layer": 0, "filter": 0, "row": 0, "column": 0,
                                        **question})
            assert refused.value.field == field
        assert session.config["lab"]["filters"] == [8, 16]  # nothing changed
