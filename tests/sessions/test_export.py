"""Export waits for the first network, but not for one that will never come."""

import asyncio

import pytest
from loops import run

from mindscope.labs.points.lab import PointsLab
from mindscope.protocol import SessionConfig
from mindscope.sessions import session as session_module
from mindscope.sessions.session import Session
from mindscope.settings import Settings


def test_export_gives_up_when_the_network_can_never_be_built(monkeypatch) -> None:
    def broken(*args):
        raise RuntimeError("cannot build")

    monkeypatch.setattr(PointsLab, "run", broken)

    async def main() -> None:
        session = Session("s" * 22, SessionConfig.of(), Settings())
        session.start()
        with pytest.raises(session_module.SessionStopped, match="nothing to export"):
            await asyncio.wait_for(session.export(), timeout=10)  # not forever
        await session.stop()

    run(main())
