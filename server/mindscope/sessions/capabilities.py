"""Who may do what: a session's control id changes it; its view id only watches.

Both ids are capabilities: 128 random bits each, so knowing one is the only way in, and
the view id tells nothing of the control id.
"""

import re
import secrets
from typing import Literal

from pydantic import ValidationError

from ..protocol import VIEW_REQUESTS, Error, client_message, error_from_validation
from .requests import request_id

Role = Literal["control", "view"]
VIEW_ONLY = ("this is a view-only link: it can watch this session but not change it "
             "('{kind}' needs the session's control link)")
ID_FORMAT = re.compile(r"[A-Za-z0-9_-]{1,64}")


def new_id() -> str:
    return secrets.token_urlsafe(16)  # 128 bits: unguessable


def well_formed(session_id: str) -> bool:
    return ID_FORMAT.fullmatch(session_id) is not None


def view_refusal(text: str) -> str | None:
    """The answer to a message a view connection may not send, else None.

    The message is validated exactly as the session will validate it, so whatever the
    JSON says (a repeated "type" key, say), only a valid subscribe, explain or landscape
    passes.
    """
    try:
        message = client_message.validate_json(text)
    except ValidationError as exc:
        return error_from_validation(exc, request_id(text)).model_dump_json()
    if isinstance(message, VIEW_REQUESTS):
        return None
    return Error(message=VIEW_ONLY.format(kind=message.type), field="type",
                 reply_to=message.id).model_dump_json()
