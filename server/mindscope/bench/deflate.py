"""Permessage-deflate measured: how much each lab's frames would shrink, at what CPU cost.

Frames exactly as a real server sends them (a raw WebSocket, the default subscription,
playing), compressed as permessage-deflate compresses messages (raw deflate, 32 KiB
window, a sync flush per message), with a fresh window per message (no context takeover)
and with one window across messages (takeover), at zlib levels 1 and 6: the ratio, and the
CPU milliseconds per frame, which the server would pay per connection (a window is a
connection's), about 30 times a second. Serves to decide whether and where to turn it on.
"""

import argparse
import json
import time
import zlib
from typing import Any

from websockets.sync.client import connect

from .. import codec
from ..protocol import LABS
from .server import running_server

LEVELS = (1, 6)
WINDOW_BITS = -15  # raw deflate with a 32 KiB window, as permessage-deflate


def wire_frames(url: str, lab: str, count: int, timeout: float = 120.0) -> list[bytes]:
    """`count` frames of a new, playing session of `lab`, as the server sent them."""
    frames: list[bytes] = []
    with connect(f"ws{url.removeprefix('http')}/ws?lab={lab}", max_size=2**24,
                 compression=None) as ws:
        while len(frames) < count:
            message = ws.recv(timeout=timeout)
            if isinstance(message, bytes) and codec.decode(message)[0]["kind"] == "frame":
                frames.append(message)
        ws.send(json.dumps({"type": "pause"}))  # leave nothing training
    return frames


def deflate_figures(frames: list[bytes], level: int, takeover: bool) -> dict[str, float]:
    """The mean frame's bytes, the ratio it shrinks by, and CPU ms to compress one."""
    compressed = 0
    window = zlib.compressobj(level, zlib.DEFLATED, WINDOW_BITS)
    start = time.process_time()
    for frame in frames:
        if not takeover:
            window = zlib.compressobj(level, zlib.DEFLATED, WINDOW_BITS)
        compressed += len(window.compress(frame) + window.flush(zlib.Z_SYNC_FLUSH))
    cpu = time.process_time() - start
    total = sum(map(len, frames))
    return {"bytes_per_frame": total / len(frames), "ratio": total / compressed,
            "cpu_ms_per_frame": 1000 * cpu / len(frames)}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--labs", nargs="+", choices=LABS, default=list(LABS),
                        help="the labs whose frames to measure (default: every lab)")
    parser.add_argument("--frames", type=int, default=60,
                        help="frames measured per lab (default 60, 5 to 10000)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def main(args: argparse.Namespace) -> int:
    if not 5 <= args.frames <= 10_000:
        raise SystemExit("--frames must be 5 to 10000")
    results: dict[str, Any] = {}
    with running_server() as server:
        for lab in args.labs:
            frames = wire_frames(server.url, lab, args.frames)
            results[lab] = {f"level_{level}{'_takeover' if takeover else ''}":
                            deflate_figures(frames, level, takeover)
                            for level in LEVELS for takeover in (False, True)}
    if args.json:
        print(json.dumps(results))
        return 0
    for lab, runs in results.items():
        for run, figures in runs.items():
            print(f"{lab:10s} {run:16s} frame {figures['bytes_per_frame'] / 1024:7.1f} KiB, "
                  f"{figures['ratio']:.2f}x smaller, {figures['cpu_ms_per_frame']:.2f} ms CPU")
    return 0
