"""`mindscope bench deflate`'s measure, on the shared server's real frames: what it
compresses is what the server sent, and deflate gives it back whole."""

import zlib

from mindscope import codec
from mindscope.bench.deflate import WINDOW_BITS, deflate_figures, wire_frames


def test_frames_from_the_wire_shrink_and_come_back_whole(server_url: str) -> None:
    frames = wire_frames(server_url, "points", 5)
    assert len(frames) == 5
    assert all(codec.decode(frame)[0]["kind"] == "frame" for frame in frames)
    fresh = deflate_figures(frames, 1, takeover=False)
    kept = deflate_figures(frames, 6, takeover=True)
    assert fresh["bytes_per_frame"] == sum(map(len, frames)) / 5
    assert 1.5 < fresh["ratio"] <= kept["ratio"]  # the 2D lab's maps compress well
    assert fresh["cpu_ms_per_frame"] > 0
    window = zlib.compressobj(1, zlib.DEFLATED, WINDOW_BITS)
    back = zlib.decompressobj(WINDOW_BITS)
    for frame in frames:
        assert back.decompress(window.compress(frame) + window.flush(zlib.Z_SYNC_FLUSH)) == frame
