"""The landscape request over a real WebSocket: the slice, its path, its refusals."""

import numpy as np
import pytest

from mindscope.client import ServerError, connect


@pytest.fixture
def session(server_url: str):
    with connect(server_url) as s:
        s.next_frame()
        s.pause()
        s.reset()
        s.next_frame()
        yield s


def _train(session, rounds: int, steps: int = 40):
    frame = None
    for _ in range(rounds):
        session.step(steps)
        frame = session.next_frame()
    return frame


def test_random_slice_is_centred_on_the_current_weights_with_the_path(session) -> None:
    frame = _train(session, 6)
    got = session.landscape(directions="random", resolution=9, span=0.5, seed=3)
    assert got.header["step"] == frame.step == 240
    assert got.header["directions"] == "random" and got.header["span"] == 0.5
    loss = got.arrays["loss"]
    assert loss.shape == (9, 9) and loss.dtype == np.float32
    assert loss[4, 4] == pytest.approx(frame.train_loss, rel=1e-5)  # the grid's centre is θ
    assert got.header["low"] == pytest.approx(float(loss.min()))
    assert got.header["high"] == pytest.approx(float(loss.max()))
    assert list(got.arrays["path_steps"]) == [0, 40, 80, 120, 160, 200, 240]
    np.testing.assert_allclose(got.arrays["path"][-1], [0.0, 0.0], atol=1e-6)
    # The same seed gives the same directions: a request a moment later draws the same slice.
    again = session.landscape(directions="random", resolution=9, span=0.5, seed=3)
    np.testing.assert_array_equal(again.arrays["loss"], loss)


def test_pca_slice_spans_the_path_and_grows_with_training(session) -> None:
    _train(session, 5)
    first = session.landscape(directions="pca", resolution=11)
    path = first.arrays["path"]
    assert path.shape == (6, 2)
    assert np.max(np.abs(path)) == pytest.approx(0.8, rel=1e-5)  # fits the slice, margin kept
    _train(session, 3)
    later = session.landscape(directions="pca", resolution=11)
    assert len(later.arrays["path"]) == 9
    assert not np.array_equal(later.arrays["loss"], first.arrays["loss"])


def test_pca_without_a_path_and_bad_requests_are_refused_by_name(session) -> None:
    with pytest.raises(ServerError, match="spans a plane") as refused:
        session.landscape(directions="pca")
    assert refused.value.field == "directions"
    for options, field in [({"resolution": 4}, "resolution"), ({"resolution": 42}, "resolution"),
                           ({"directions": "hessian"}, "directions"), ({"span": 0}, "span"),
                           ({"span": float("nan")}, "span")]:
        with pytest.raises(ServerError) as refused:
            session.landscape(**options)
        assert refused.value.field == field
    # The session carries on.
    session.step(5)
    assert session.next_frame().step == 5
