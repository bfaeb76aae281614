"""The janitor outlives a failed pass: one exception does not end expiry for good."""

import asyncio
import logging

import pytest
from loops import run

from mindscope.sessions.manager import SessionManager
from mindscope.settings import Settings


def test_the_janitor_keeps_going_after_a_failed_pass(tmp_path, caplog) -> None:
    manager = SessionManager(Settings(db_path=tmp_path / "sessions.db",
                                      session_idle_seconds=0.1))
    passes = 0

    async def expire_idle() -> None:
        nonlocal passes
        passes += 1
        if passes == 1:
            raise RuntimeError("a bug in one pass")

    manager.expire_idle = expire_idle  # type: ignore[method-assign]  # a failing pass, on purpose

    async def main() -> None:
        janitor = asyncio.create_task(manager.run_janitor())
        deadline = asyncio.get_running_loop().time() + 10  # a pass every 0.025 s, when not busy
        while passes < 3 and asyncio.get_running_loop().time() < deadline:
            await asyncio.sleep(0.025)
        janitor.cancel()
        with pytest.raises(asyncio.CancelledError):
            await janitor

    with caplog.at_level(logging.ERROR):
        run(main())
    manager.checkpoints.close()
    assert passes >= 3
    assert "an expiry pass failed" in caplog.text
