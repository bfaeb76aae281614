"""Live sessions: training runs, the connections watching them, and their manager."""

from .connection import Connection
from .manager import SessionLimitError, SessionManager
from .session import Session

__all__ = ["Connection", "Session", "SessionLimitError", "SessionManager"]
