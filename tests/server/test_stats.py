"""The server counts its XLA compilations (stats.py) and /healthz reports them."""

import httpx
import jax
import numpy as np

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
