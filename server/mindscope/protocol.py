"""Every message between browser and server, as pydantic models: the one source of truth.

Control messages travel as JSON text; frames travel as binary (see codec.py), and
their headers are described here too. `GET /api/protocol` serves this module's
JSON Schema, from which the frontend's TypeScript types are generated.
"""

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, create_model

from .data import CLASSIFICATION_SETS
from .engine import ACTIVATIONS

PROTOCOL_VERSION = 1

DatasetName = Literal[tuple(CLASSIFICATION_SETS)]  # type: ignore[valid-type]
ActivationName = Literal[tuple(ACTIVATIONS)]  # type: ignore[valid-type]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SessionConfig(Strict):
    """Everything a session trains with; every field may change while it trains."""

    dataset: DatasetName = "circle"
    noise: float = Field(0.0, ge=0.0, le=0.5, allow_inf_nan=False)
    train_share: float = Field(0.5, ge=0.1, le=0.9, allow_inf_nan=False)
    seed: int = Field(0, ge=0, le=2**31 - 1)
    hidden: list[Annotated[int, Field(ge=1, le=16)]] = Field([4, 2], max_length=8)
    activation: ActivationName = "tanh"
    learning_rate: float = Field(0.03, ge=1e-5, le=10.0, allow_inf_nan=False)
    batch_size: int = Field(10, ge=1, le=500)
    steps_per_second: float = Field(
        1000.0, ge=1.0, le=1e6, allow_inf_nan=False, description="Training speed."
    )


def _optional_fields(model: type[BaseModel]) -> dict[str, Any]:
    """The fields of `model`, each optional and defaulting to None, constraints kept."""
    return {
        name: (
            (Annotated[field.annotation, *field.metadata] if field.metadata else field.annotation)
            | None,
            None,
        )
        for name, field in model.model_fields.items()
    }


ConfigChanges = create_model(
    "ConfigChanges",
    __base__=Strict,
    __doc__="Some fields of SessionConfig; the rest stay as they are.",
    **_optional_fields(SessionConfig),
)


class Request(Strict):
    id: int | None = Field(None, ge=0, le=2**53, description="Echoed as reply_to.")


class Play(Request):
    type: Literal["play"]


class Pause(Request):
    type: Literal["pause"]


class Step(Request):
    type: Literal["step"]
    steps: int = Field(1, ge=1, le=100_000)


class Reset(Request):
    """Back to the initial weights of the current seed."""

    type: Literal["reset"]


class SetConfig(Request):
    type: Literal["set"]
    changes: ConfigChanges  # type: ignore[valid-type]


ClientMessage = Annotated[Play | Pause | Step | Reset | SetConfig, Field(discriminator="type")]
client_message = TypeAdapter(ClientMessage)


class Hello(Strict):
    type: Literal["hello"] = "hello"
    protocol: int = PROTOCOL_VERSION
    session_id: str
    config: SessionConfig
    playing: bool


class State(Strict):
    """Sent after every accepted control message and whenever the session changes."""

    type: Literal["state"] = "state"
    config: SessionConfig
    config_version: int
    playing: bool
    reply_to: int | None = None


class Error(Strict):
    type: Literal["error"] = "error"
    message: str
    field: str | None = None
    reply_to: int | None = None


ServerMessage = Annotated[Hello | State | Error, Field(discriminator="type")]


class ArraySpec(Strict):
    """Where one array lies in a binary message; uint8 arrays map back to [low, high]."""

    name: str
    dtype: Literal["uint8", "float32", "int32"]
    shape: list[int]
    offset: int
    low: float | None = None
    high: float | None = None


class FrameHeader(Strict):
    kind: Literal["frame"] = "frame"
    step: int
    epoch: float
    train_loss: float
    test_loss: float
    config_version: int
    playing: bool
    arrays: list[ArraySpec] = []


class DataHeader(Strict):
    """The training and test points, sent on connect and whenever the data changes."""

    kind: Literal["data"] = "data"
    data_version: int
    arrays: list[ArraySpec] = []


BinaryHeader = Annotated[FrameHeader | DataHeader, Field(discriminator="kind")]


class ProtocolSchema(Strict):
    """A root that names every message, so one JSON Schema covers them all."""

    client: ClientMessage
    server: ServerMessage
    binary: BinaryHeader


def json_schema() -> dict[str, Any]:
    schema = ProtocolSchema.model_json_schema()
    schema["title"] = "MindscopeProtocol"
    schema["x-protocol-version"] = PROTOCOL_VERSION
    return schema


_CONFIG_PROPERTIES: dict[str, Any] = SessionConfig.model_json_schema()["properties"]
_MESSAGE_TYPES = {"play", "pause", "step", "reset", "set"}


def allowed_values(field: str) -> str | None:
    """What SessionConfig allows for a field, in words, e.g. '1e-05 to 10'."""
    prop = _CONFIG_PROPERTIES.get(field)
    if prop is None:
        return None
    if "enum" in prop:
        return "one of " + ", ".join(map(str, prop["enum"]))
    if "minimum" in prop and "maximum" in prop:
        return f"{prop['minimum']:g} to {prop['maximum']:g}"
    if prop.get("type") == "array":
        item = prop["items"]
        return (f"a list of at most {prop['maxItems']} numbers, "
                f"each {item['minimum']} to {item['maximum']}")
    return None


def error_from_validation(exc: ValidationError, reply_to: int | None) -> Error:
    """The first problem, naming the field and what is allowed."""
    first = exc.errors(include_url=False)[0]
    loc = [str(part) for part in first["loc"]]
    if loc and loc[0] in _MESSAGE_TYPES:  # the discriminator tag, not a field
        loc = loc[1:]
    field = ".".join(loc) or None
    message = f"{field}: {first['msg']}" if field else first["msg"]
    if len(loc) >= 2 and loc[0] == "changes" and (allowed := allowed_values(loc[1])):
        message += f" (allowed: {allowed})"
    return Error(message=message, field=field, reply_to=reply_to)
