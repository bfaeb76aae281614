"""mindscope.client against the real server: what a script or a notebook relies on."""

import csv
import io
import subprocess
import sys
import time
import urllib.request

import numpy as np
import pytest
from loops import run as run_on_its_own_loop

from mindscope.client import (
    AsyncSession,
    Frame,
    ServerError,
    connect,
    connect_async,
    import_session,
)
from mindscope.exports.curves import COLUMNS
from mindscope.protocol import SessionConfig


def test_explain_answers_with_arrays_and_frames_still_follow(server_url: str) -> None:
    with connect(server_url) as session:
        session.pause()  # a new session plays: left playing, it would train for minutes
        session.next_frame()
        explained = session.explain(1.0, -2.0, 1.0)
        assert explained.header["kind"] == "explanation"
        np.testing.assert_allclose(explained.arrays["inputs"], [1.0, -2.0])
        session.send_raw('{"type": "explain", "x1": 0, "x2": 0, "label": 1}')  # no id
        frame = session.next_frame()  # skips the explanation: it is not a frame
        assert frame.header["kind"] == "frame" and frame.output.ndim == 2


def test_the_client_imports_without_jax_well_under_a_second() -> None:
    """Timed inside a fresh interpreter in CPU seconds, which the machine's other work does
    not stretch (about 0.3 s; importing JAX alone takes several)."""
    code = ("import sys, time; start = time.process_time(); import mindscope.client; "
            "print(time.process_time() - start, 'jax' in sys.modules, 'optax' in sys.modules)")
    seconds, jax, optax = subprocess.run([sys.executable, "-c", code], capture_output=True,
                                         text=True, check=True).stdout.split()
    assert (jax, optax) == ("False", "False")
    assert float(seconds) < 1.0, f"import mindscope.client took {float(seconds):.2f} CPU s"


def test_an_unread_session_keeps_only_its_newest_frame_and_every_step(
        server_url: str) -> None:
    """The reader's thread takes everything while nobody reads: a newer frame replaces an
    unread one, and the curves grow by every frame's step. (60 s unread, past the server's
    keepalive, is in tests/test_notebook.py.)"""
    with connect(server_url) as session:
        session.play()
        first = session.next_frame()
        time.sleep(4.0)  # a notebook's user, reading something else
        assert session.unread <= 2  # the newest frame, and perhaps a message
        latest = session.latest
        assert latest is not None and latest.step > first.step
        steps = session.history["step"]
        assert session.history.points >= 20  # about 30 frames a second
        assert np.all(np.diff(steps) > 0) and steps[-1] <= session.latest.step
        assert session.next_frame().step >= latest.step  # the newest, not an old one
        session.pause()


def test_history_is_the_servers_curves_then_every_frames_step_as_csv_and_pandas(
        server_url: str) -> None:
    with connect(server_url) as session:
        session.pause()
        session.step(40)
        session.next_frame()
    with connect(server_url, session.id) as again:  # joins with the server's curves so far
        deadline = time.monotonic() + 10  # the curves follow the hello, on the reader thread
        while again.history.points < 1 and time.monotonic() < deadline:
            time.sleep(0.02)
        joined = again.history.points
        assert joined >= 1 and again.history["step"][-1] == 40
        again.step(10)
        again.next_frame()
        steps = again.history["step"]
        assert steps[-1] == 50 and again.history.points == joined + 1
        rows = list(csv.DictReader(io.StringIO(again.history.to_csv())))
        assert tuple(rows[0]) == COLUMNS and len(rows) == again.history.points
        assert [int(row["step"]) for row in rows] == steps.astype(int).tolist()
        np.testing.assert_array_equal([np.float32(row["train_loss"]) for row in rows],
                                      again.history["train_loss"])
        table = again.history.to_pandas()
        assert list(table.columns) == list(COLUMNS) and table["step"].dtype == np.int64
        assert table["step"].iloc[-1] == 50
        again.reset()
        again.next_frame()
        assert again.history.points <= 1  # a reset clears the curves, as the server's


def test_settings_are_typed_and_a_refusal_names_the_field(server_url: str) -> None:
    with connect(server_url) as session:
        session.pause()
        settings = session.settings
        assert isinstance(settings, SessionConfig) and settings.lab.lab == "points"
        wider = settings.model_copy(update={"learning_rate": 0.1, "lab": settings.lab.model_copy(
            update={"hidden": [6, 3]})})
        reply = session.set(wider)
        assert reply["config"]["learning_rate"] == 0.1
        assert session.settings.lab.hidden == [6, 3]
        with pytest.raises(ServerError) as refused:
            session.set(batch_size=0)
        assert refused.value.field is not None and "batch_size" in refused.value.field
        with pytest.raises(ValueError, match="not both"):
            session.set(wider, learning_rate=0.2)
        with pytest.raises(ValueError, match="of the points lab"):
            session.set(SessionConfig.of("images"))


def test_url_and_view_url_open_the_page_and_watch(server_url: str) -> None:
    with connect(server_url, lab="images") as session:
        session.pause()
        assert session.url == f"{server_url}/?lab=images&session={session.id}"
        assert session.view_url == f"{server_url}/?lab=images&view={session.view_id}"
        assert f'src="{session.view_url}"' in session._repr_html_()
        with urllib.request.urlopen(session.view_url, timeout=10) as page:
            assert page.status == 200 and b"<html" in page.read().lower()
        with connect(server_url, view_id=session.view_id) as viewer:
            assert viewer.id is None and viewer.url == viewer.view_url
            assert viewer.next_frame(60).kind == "frame"
            with pytest.raises(ServerError, match="control id"):
                viewer.export()


def test_a_session_file_exports_and_imports_with_its_weights(server_url: str, tmp_path) -> None:
    with connect(server_url) as session:
        session.pause()
        session.step(30)
        weights = session.next_frame().arrays["weights"]
        path = tmp_path / "session.mindscope"
        assert session.export(path) == path.read_bytes()
    with import_session(server_url, path) as copy:
        assert copy.id != session.id and not copy.playing
        np.testing.assert_array_equal(copy.next_frame().arrays["weights"], weights)


def test_frames_iterate_and_refusals_are_exceptions(server_url: str) -> None:
    with connect(server_url) as session:
        session.play()
        frames = session.frames(timeout=30)
        steps = [next(frames).step for _ in range(3)]
        assert steps == sorted(steps) and len(set(steps)) >= 2
        with pytest.raises(ServerError) as refused:
            session.request({"type": "step", "steps": 0})
        assert refused.value.field == "steps"
        session.pause()
    with pytest.raises(ServerError) as unknown:
        connect(server_url, "no-such-session")
    assert unknown.value.field == "session"
    with pytest.raises(ValueError, match="not a Mindscope server's address"):
        connect("ftp://127.0.0.1:1")


@pytest.mark.parametrize("lab", ["points", "images", "sequences"])
def test_every_lab_streams_its_frames_to_the_client(server_url: str, lab: str) -> None:
    with connect(server_url, lab=lab) as session:
        session.pause()
        assert session.lab == lab and session.settings.lab.lab == lab
        frame = session.next_frame(timeout=120)
        assert isinstance(frame, Frame) and frame.kind == "frame"
        for name in frame.arrays:  # quantized maps come back as float32
            assert frame.array(name).shape == frame.arrays[name].shape
        with pytest.raises(KeyError, match="carries no array 'nothing'"):
            frame.array("nothing")
        assert session.history.points >= 1 and session.data


def test_the_async_client_drives_a_session(server_url: str) -> None:
    async def run() -> tuple[list[int], int, str]:
        async with await connect_async(server_url, lab="points") as session:
            assert isinstance(session, AsyncSession)
            await session.set(learning_rate=0.1)
            await session.play()
            steps = []
            async for frame in session.frames():
                steps.append(frame.step)
                if len(steps) == 3:
                    break
            await session.pause()
            return steps, session.history.points, session.settings.model_dump()["lab"]["lab"]

    steps, points, lab = run_on_its_own_loop(run())
    assert steps == sorted(steps) and points >= 1 and lab == "points"
