"""Session files over HTTP: export, import, the same predictions bit for bit; dataset previews."""

import httpx
import numpy as np

from mindscope.client import connect


def test_export_then_import_gives_the_same_predictions(server_url: str) -> None:
    with connect(server_url) as original:
        # No change of program structure (architecture, optimizer, regime): the padded
        # network that bridges one sums in another order, and only the exact network's
        # numbers are promised to the bit (tests/sessions/test_archive.py imports Adam).
        original.set(dataset="xor", noise=0.1, learning_rate=0.01)
        while original.next_frame().step < 300:
            pass
        original.pause()
        before = original.next_frame()
        response = httpx.get(f"{server_url}/api/sessions/{original.id}/export")
        assert response.status_code == 200
        assert "attachment" in response.headers["content-disposition"]

    imported = httpx.post(f"{server_url}/api/sessions/import", content=response.content)
    assert imported.status_code == 201
    with connect(server_url, imported.json()["session_id"]) as copy:
        assert copy.config["lab"]["dataset"] == "xor" and copy.playing is False
        frame = copy.next_frame()
        assert frame.step == before.step
        for name in ("output", "neurons", "weights", "biases", "weight_grads"):
            np.testing.assert_array_equal(frame.arrays[name], before.arrays[name], err_msg=name)
        assert len(copy.history["step"]) > 0


def test_bad_files_and_unknown_sessions_are_refused_clearly(server_url: str) -> None:
    response = httpx.post(f"{server_url}/api/sessions/import", content=b"not a session")
    assert response.status_code == 422
    assert "not a Mindscope session file" in response.json()["detail"]
    assert httpx.get(f"{server_url}/api/sessions/nope/export").status_code == 404
    assert httpx.get(f"{server_url}/api/sessions/..%2F..%2Fetc/export").status_code in (404, 422)


def test_dataset_previews_cover_every_dataset(server_url: str) -> None:
    previews = httpx.get(f"{server_url}/api/datasets").json()
    names = {p["name"] for p in previews}
    assert {"circle", "xor", "gauss", "spiral", "spiral3", "plane", "bumps"} <= names
    spiral = next(p for p in previews if p["name"] == "spiral")
    assert spiral["label"] == "Spiral" and spiral["problem"] == "binary"
    assert 50 <= len(spiral["points"]) <= 120
