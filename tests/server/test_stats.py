"""The server counts its XLA compilations (stats.py) and /healthz reports them."""

import httpx
import jax
import numpy as np

from mindscope.bench.server import running_server
from mindscope.engine.training import MIN_ROWS, size_bucket
from mindscope.labs.points.data import DATASETS
from mindscope.settings import env_name
from mindscope.stats import COMPILES


def test_each_compilation_is_counted_once_however_often_counting_began() -> None:
    COMPILES.listen()
    COMPILES.listen()  # a second app in the same process must not count twice
    count, seconds = COMPILES.count, COMPILES.seconds
    jax.jit(lambda x: x * 3.0 + 1.0)(np.float32(2.0))
    assert COMPILES.count == count + 1
    assert COMPILES.seconds > seconds


def test_healthz_reports_the_compilations_so_far(server_url: str) -> None:
    body = httpx.get(f"{server_url}/healthz").json()
    assert isinstance(body["compiles"], int) and body["compiles"] >= 0
    assert body["compile_seconds"] >= 0


def test_a_server_warms_every_built_in_data_buckets_bridge_when_it_starts() -> None:
    """Before any session: the padded network of each built-in dataset's data bucket, so
    that a visitor's first change never waits for a compile."""
    with running_server(env={env_name("warm_bridges"): "1"}) as server:
        server.wait_compiled()
        programs = server.health()["programs"]
    buckets = {size_bucket(info.points, MIN_ROWS) for info in DATASETS.values()}
    assert programs["trainers"] >= len(buckets)
    assert programs["executables"] == 2 * len(buckets)  # a train chunk and a snapshot each
    assert programs["estimated_mb"] <= programs["budget_mb"]
