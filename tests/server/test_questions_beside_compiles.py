"""Questions never wait behind another session's compile (issue 13 §5): while one session's
new network compiles beside it, another session's explain, landscape and subscribe are
answered at once, and the compiling session keeps sending frames of its network before."""

import time

import httpx

from mindscope.client import connect

QUICK = 5.0  # seconds: an answer that waited for a compile (10-60 s here) would take longer


def _compiling(server_url: str) -> bool:
    return httpx.get(f"{server_url}/healthz", timeout=10).json()["compiles_queued"] > 0


def test_other_sessions_questions_are_answered_while_a_network_compiles(
        server_url: str) -> None:
    with connect(server_url, lab="images") as builder, connect(server_url) as asker:
        builder.next_frame(120)
        asker.next_frame(120)
        asker.pause()
        asker.step(20)
        asker.next_frame()
        # A network of shapes no session had: its programs compile on a compile thread.
        builder.set(filters=[7, 11], kernel=5, pooling="avg", dense=[19])
        deadline = time.monotonic() + 30
        while not _compiling(server_url):
            assert time.monotonic() < deadline, "the new network never started compiling"
            time.sleep(0.05)
        asked = []
        for ask in (lambda: asker.explain(0.5, -0.5, 1),
                    lambda: asker.landscape(directions="random", resolution=7, span=0.5),
                    # Fewer parameters, the same maps: nothing of the asker's own to compile.
                    lambda: asker.subscribe(output_resolution=100, neuron_resolution=50,
                                            parameters=False)):
            started = time.monotonic()
            ask()
            asked.append(time.monotonic() - started)
        assert _compiling(server_url), "the compile ended before the questions: no test"
        assert max(asked) < QUICK, asked
        old = builder.next_frame(30)  # the builder's frames keep coming meanwhile
        assert old.step >= 0
