"""What the client raises: the server's refusals, and a connection that ended."""

from websockets.exceptions import ConnectionClosed

__all__ = ["AnswerMissing", "ConnectionClosed", "ServerError"]


class ServerError(Exception):
    """The server refused a message or a request: `field` names what was wrong (None when
    it names nothing), `code` says why training stopped ("diverged", "early_stopped"), and
    `status` is the HTTP status of a refused file request (None over the WebSocket)."""

    def __init__(self, message: str, field: str | None = None, *, code: str | None = None,
                 status: int | None = None) -> None:
        super().__init__(message)
        self.field, self.code, self.status = field, code, status


class AnswerMissing(Exception):
    """The server accepted a question but its answer did not come with the reply."""
