"""mindscope.client against the real server: the binary answers it must tell apart."""

import numpy as np

from mindscope.client import connect


def test_explain_answers_with_arrays_and_frames_still_follow(server_url: str) -> None:
    with connect(server_url) as session:
        session.next_frame()
        explained = session.explain(1.0, -2.0, 1.0)
        assert explained.header["kind"] == "explanation"
        np.testing.assert_allclose(explained.arrays["inputs"], [1.0, -2.0])
        session.send_raw('{"type": "explain", "x1": 0, "x2": 0, "label": 1}')  # no id
        frame = session.next_frame()  # skips the explanation: it is not a frame
        assert frame.header["kind"] == "frame" and frame.output.ndim == 2
