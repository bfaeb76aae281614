"""A Python client for a running Mindscope server: drive a session of any lab from a
script or a notebook, read its frames as NumPy and its curves as CSV or pandas.

    from mindscope.client import connect
    with connect("http://127.0.0.1:8000", lab="points") as session:
        session.set(learning_rate=0.1)
        session.play()
        frame = session.next_frame()
        print(frame.step, frame.train_loss, frame.output.shape)
        session.history.to_csv("curves.csv")

A thread reads each connection, so a notebook may leave it unread for as long as it
likes; `mindscope.client.aio` is the same for asyncio. Imports no JAX.
"""

from .aio import AsyncSession, connect_async, import_session_async
from .errors import AnswerMissing, ConnectionClosed, ServerError
from .frames import Frame
from .session import Session, connect, import_session

__all__ = ["AnswerMissing", "AsyncSession", "ConnectionClosed", "Frame", "ServerError",
           "Session", "connect", "connect_async", "import_session",
           "import_session_async"]
