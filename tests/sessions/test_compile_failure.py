"""A change whose program fails to compile, for a reason another try would meet again, is
refused with the reason once the compile thread has tried: the session does not wait for
it forever, and the run trains on with what it had."""

import dataclasses
import time
from typing import Any

import pytest

from mindscope.engine import compiler
from mindscope.labs.attention.network import Transformer
from mindscope.labs.attention.run import AttentionRun
from mindscope.protocol import SessionConfig
from mindscope.sessions.frame import Detail
from mindscope.sessions.manager import new_config
from mindscope.sessions.model_run import CompileError, HostData
from mindscope.sessions.requests import lab_changes, merge


@dataclasses.dataclass(frozen=True)
class ViewlessTransformer(Transformer):
    """A Transformer whose frames cannot be computed: its snapshot fails to trace."""

    def views(self, *args: Any) -> Any:
        raise ValueError("this network shows nothing")


class RunWithAFlaw(AttentionRun):
    """The attention lab's run, whose networks of 4 heads fail to compile."""

    def model_of(self, config: SessionConfig, host: HostData) -> Transformer:
        model = super().model_of(config, host)
        if model.heads != 4:
            return model
        return ViewlessTransformer(**dataclasses.asdict(model))


def test_a_change_that_cannot_compile_is_refused_with_the_reason() -> None:
    start = new_config("attention")
    run = RunWithAFlaw(start)
    run.advance(5, Detail())
    four = merge(start, lab_changes(start, heads=4), lambda c: "multiclass")
    assert run.reconfigure(four) is False  # compiling beside the session
    deadline = time.monotonic() + 120
    while compiler.queued() and time.monotonic() < deadline:
        time.sleep(0.05)
    with pytest.raises(CompileError, match="this network shows nothing"):
        run.reconfigure(four)
    assert run.config == start
    assert run.advance(5, Detail()).header["step"] == 10  # it trains on as before
