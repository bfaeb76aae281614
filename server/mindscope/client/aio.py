"""The client for asyncio code: the same session, its waits awaited. The connection is
read by the session's own thread (see session.py), so a coroutine that waits for a frame
holds a worker thread, never the event loop."""

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from ..protocol import SessionConfig
from .curves import Curves
from .frames import Frame
from .mailbox import Event
from .session import Session, connect, import_session


class AsyncSession:
    """Await its requests and reads; its attributes read what has arrived, as Session's."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # What has arrived (never waits).
    @property
    def config(self) -> dict[str, Any]:
        return self.session.config

    @property
    def settings(self) -> SessionConfig:
        return self.session.settings

    @property
    def playing(self) -> bool:
        return self.session.playing

    @property
    def latest(self) -> Frame | None:
        return self.session.latest

    @property
    def history(self) -> Curves:
        return self.session.history

    @property
    def url(self) -> str:
        return self.session.url

    @property
    def view_url(self) -> str:
        return self.session.view_url

    # Reading and asking (awaited).
    async def next_message(self, timeout: float = 30.0) -> Event:
        return await asyncio.to_thread(self.session.next_message, timeout)

    async def next_frame(self, timeout: float = 30.0, *,
                         min_revision: int | None = None) -> Frame:
        return await asyncio.to_thread(self.session.next_frame, timeout,
                                       min_revision=min_revision)

    async def frames(self, timeout: float = 30.0) -> AsyncIterator[Frame]:
        while True:
            yield await self.next_frame(timeout)

    async def request(self, message: dict[str, Any], timeout: float = 30.0) -> dict[str, Any]:
        return await asyncio.to_thread(self.session.request, message, timeout)

    async def play(self) -> dict[str, Any]:
        return await asyncio.to_thread(self.session.play)

    async def pause(self) -> dict[str, Any]:
        return await asyncio.to_thread(self.session.pause)

    async def step(self, steps: int = 1) -> dict[str, Any]:
        return await asyncio.to_thread(self.session.step, steps)

    async def reset(self) -> dict[str, Any]:
        return await asyncio.to_thread(self.session.reset)

    async def set(self, config: SessionConfig | None = None, **settings: Any) -> dict[str, Any]:
        return await asyncio.to_thread(self.session.set, config, **settings)

    async def ask(self, question: dict[str, Any], answer: str) -> Frame:
        return await asyncio.to_thread(self.session.ask, question, answer)

    async def export(self, path: str | Path | None = None) -> bytes:
        return await asyncio.to_thread(self.session.export, path)

    async def export_weights(self, path: str | Path | None = None) -> bytes:
        return await asyncio.to_thread(self.session.export_weights, path)

    async def export_curves(self, path: str | Path | None = None) -> str:
        return await asyncio.to_thread(self.session.export_curves, path)

    async def close(self) -> None:
        await asyncio.to_thread(self.session.close)

    async def __aenter__(self) -> "AsyncSession":
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.close()


async def connect_async(url: str = "http://127.0.0.1:8000", session_id: str | None = None,
                        **options: Any) -> AsyncSession:
    """As connect(): a new session (lab=...), a rejoined one, or a watched one (view_id=...)."""
    return AsyncSession(await asyncio.to_thread(connect, url, session_id, **options))


async def import_session_async(url: str, session_file: bytes | str | Path,
                               **options: Any) -> AsyncSession:
    return AsyncSession(await asyncio.to_thread(import_session, url, session_file, **options))
