"""A frame's header is standard JSON whatever the numbers do: a loss that overflows float32
is null (JSON has no Infinity or NaN), and the session file and client read it as such."""

import json
import math

import jax
import jax.numpy as jnp
import numpy as np

from mindscope import codec
from mindscope.client import Frame
from mindscope.labs.points.run import TrainingRun
from mindscope.protocol import FrameHeader, SessionConfig
from mindscope.sessions.frame import Detail


def _strict(text: bytes) -> dict[str, object]:
    def refuse(token: str) -> None:
        raise AssertionError(f"{token} is not JSON")

    parsed: dict[str, object] = json.loads(text, parse_constant=refuse)
    return parsed


def test_a_loss_past_float32_is_null_in_the_header() -> None:
    run = TrainingRun(SessionConfig.of(dataset="plane", loss="mse"))
    # Finite weights whose outputs square past float32's range.
    run.restore_params(jax.tree.map(lambda p: jnp.full_like(p, 1e19), run.exact_params()))
    frame = run.frame(Detail(10, 0, False))
    assert frame.header["train_loss"] is None and frame.header["test_loss"] is None
    header = FrameHeader(**frame.header, updates_per_s=0.0, revision=0, playing=False)
    message = codec.encode(header.model_dump(exclude={"arrays"}), frame.arrays, frame.ranges)
    length = int.from_bytes(message[:4], "little")
    assert _strict(message[4:4 + length])["train_loss"] is None
    decoded = Frame(*codec.decode(message))
    assert np.isnan(decoded.train_loss) and np.isnan(decoded.test_loss)


def test_a_finite_loss_is_a_number() -> None:
    frame = TrainingRun(SessionConfig.of(dataset="plane", loss="mse")).frame(Detail(10, 0, False))
    for name in ("train_loss", "test_loss"):
        loss = frame.header[name]
        assert isinstance(loss, float) and math.isfinite(loss) and loss > 0, (name, loss)
