"""Every message between browser and server, as pydantic models: the one source of truth.

Control messages travel as JSON text; frames travel as binary (see codec.py), and
their headers are described here too. `GET /api/protocol` serves this module's
JSON Schema, from which the frontend's TypeScript types are generated.
"""

from typing import Annotated, Any, Literal, Self, Union, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    create_model,
    model_validator,
)

from .data import DATASETS, MAX_USER_POINTS
from .engine import (
    ACTIVATIONS,
    FEATURES,
    INITIALIZERS,
    LOSS_NAMES,
    MAX_LAYERS,
    OPTIMIZER_HYPERPARAMS,
    SCHEDULES,
)

PROTOCOL_VERSION = 1
MAX_NEURONS = 16

DatasetName = Literal[(*DATASETS, "custom")]  # type: ignore[valid-type]
FeatureName = Literal[tuple(FEATURES)]  # type: ignore[valid-type]
ActivationName = Literal[tuple(ACTIVATIONS)]  # type: ignore[valid-type]
InitName = Literal[tuple(INITIALIZERS)]  # type: ignore[valid-type]
LossName = Literal[LOSS_NAMES]  # type: ignore[valid-type]
OptimizerName = Literal[tuple(OPTIMIZER_HYPERPARAMS)]  # type: ignore[valid-type]
ScheduleName = Literal[SCHEDULES]  # type: ignore[valid-type]


def _unit(low: float, high: float, default: float, doc: str = "") -> Any:
    return Field(default, ge=low, le=high, allow_inf_nan=False, description=doc or None)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_serialization_defaults_required=True)


class Input(Strict):
    """What a client sends: JSON `true` is no number, "3" no integer."""

    model_config = ConfigDict(strict=True)


class SessionConfig(Input):
    """Everything a session trains with; every field may change while it trains."""

    # The data
    dataset: DatasetName = "circle"
    noise: float = _unit(0.0, 0.5, 0.0, "Share of noise, 0 to 50 %.")
    train_share: float = _unit(0.1, 0.9, 0.5, "Share of points used for training.")
    data_seed: int = Field(0, ge=0, le=2**31 - 1, description="Draws the points.")
    # The network
    features: list[FeatureName] = Field(["x1", "x2"], min_length=1, max_length=len(FEATURES))
    hidden: list[Annotated[int, Field(ge=1, le=MAX_NEURONS)]] = Field(
        [4, 2], max_length=MAX_LAYERS, description="Neurons per hidden layer."
    )
    activations: list[ActivationName] = Field(
        ["tanh", "tanh"], max_length=MAX_LAYERS,
        description="One per hidden layer; a shorter list repeats its last entry.",
    )
    init: InitName = "uniform"
    seed: int = Field(0, ge=0, le=2**31 - 1, description="Draws initial weights and batches.")
    # The objective
    loss: LossName = "mse"
    regularization: Literal["none", "l1", "l2"] = "none"
    regularization_rate: float = _unit(0.0, 10.0, 0.0)
    dropout: list[Annotated[float, Field(ge=0.0, le=0.9, allow_inf_nan=False)]] = Field(
        [], max_length=MAX_LAYERS, description="Per hidden layer; missing layers drop nothing.",
    )
    # The optimizer
    optimizer: OptimizerName = "sgd"
    learning_rate: float = _unit(1e-5, 10.0, 0.03)
    momentum: float = _unit(0.0, 0.999, 0.9, "momentum, nesterov")
    beta1: float = _unit(0.0, 0.999, 0.9, "adam, adamw")
    beta2: float = _unit(0.0, 0.9999, 0.999, "adam, adamw")
    weight_decay: float = _unit(0.0, 1.0, 1e-4, "adamw")
    rms_decay: float = _unit(0.0, 0.999, 0.9, "rmsprop")
    schedule: ScheduleName = "constant"
    schedule_steps: int = Field(1000, ge=1, le=1_000_000, description="Step decay interval "
                                "or cosine period.")
    schedule_gamma: float = _unit(0.01, 1.0, 0.5, "Step decay factor.")
    warmup_steps: int = Field(0, ge=0, le=100_000)
    grad_clip: float = _unit(0.0, 100.0, 0.0, "Global gradient-norm limit; 0 is off.")
    early_stopping: bool = Field(False, description="Pause at a test loss that has not "
                                 "improved for `patience` steps, restoring the best weights.")
    patience: int = Field(1000, ge=10, le=1_000_000, description="Steps without a new lowest "
                          "test loss before early stopping.")
    batch_size: int = Field(10, ge=1, le=MAX_USER_POINTS)
    steps_per_second: float = _unit(1.0, 1e6, 1000.0, "Training speed; 1e6 is flat out.")

    @model_validator(mode="after")
    def _per_layer_lists_match_hidden(self) -> Self:
        if len(set(self.features)) != len(self.features):
            raise ValueError("features must not repeat")
        n = len(self.hidden)
        last = self.activations[-1] if self.activations else "tanh"
        self.activations = (self.activations + [last] * n)[:n]
        self.dropout = (self.dropout + [0.0] * n)[:n]
        return self


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
    __base__=Input,
    __doc__="Some fields of SessionConfig; the rest stay as they are.",
    **_optional_fields(SessionConfig),
)


class Request(Input):
    id: int | None = Field(None, ge=0, le=2**53, description="Echoed as reply_to.")


class Play(Request):
    type: Literal["play"]


class Pause(Request):
    type: Literal["pause"]


class Step(Request):
    type: Literal["step"]
    steps: int = Field(1, ge=1, le=100_000)


class StepEpoch(Request):
    """As many steps as one pass over the training set takes at the current batch size."""

    type: Literal["step_epoch"]


class Reset(Request):
    """Back to the initial weights of the current seed, step 0, history cleared."""

    type: Literal["reset"]


class Regenerate(Request):
    """Draw new points for the current dataset (a new data_seed)."""

    type: Literal["regenerate"]


class SetConfig(Request):
    type: Literal["set"]
    changes: ConfigChanges  # type: ignore[valid-type]


class SetWeight(Request):
    """Set one weight by hand: layer 0 reads the features, the last layer feeds the output."""

    type: Literal["set_weight"]
    layer: int = Field(ge=0, le=MAX_LAYERS)
    source: int = Field(ge=0, le=MAX_NEURONS)
    target: int = Field(ge=0, le=MAX_NEURONS)
    value: float = Field(ge=-100.0, le=100.0, allow_inf_nan=False)


class SetBias(Request):
    type: Literal["set_bias"]
    layer: int = Field(ge=0, le=MAX_LAYERS)
    neuron: int = Field(ge=0, le=MAX_NEURONS)
    value: float = Field(ge=-100.0, le=100.0, allow_inf_nan=False)


Point = tuple[
    Annotated[float, Field(ge=-6.0, le=6.0, allow_inf_nan=False)],
    Annotated[float, Field(ge=-6.0, le=6.0, allow_inf_nan=False)],
    Annotated[float, Field(allow_inf_nan=False)],
]


class SetPoints(Request):
    """Replace the data with the user's own points (x1, x2, label); the dataset becomes
    "custom". Labels -1/1 or 0/1: binary; 0-7: classes; other numbers: regression."""

    type: Literal["set_points"]
    points: list[Point] = Field(max_length=MAX_USER_POINTS)


class AddPoints(Request):
    """Add points (drawn by the user) to the current data, which becomes "custom"."""

    type: Literal["add_points"]
    points: list[Point] = Field(min_length=1, max_length=MAX_USER_POINTS)


class UploadCsv(Request):
    """Replace the data with a CSV file's rows `x1,x2,label` (a header row is allowed)."""

    type: Literal["upload_csv"]
    csv: str = Field(max_length=1_000_000)


class Explain(Request):
    """Step through one example: its forward pass, loss, backward pass and update. Answered
    (to this connection only) by a binary `explanation` message with reply_to = id."""

    type: Literal["explain"]
    x1: float = Field(ge=-6.0, le=6.0, allow_inf_nan=False)
    x2: float = Field(ge=-6.0, le=6.0, allow_inf_nan=False)
    label: float = Field(
        ge=-1e6, le=1e6, allow_inf_nan=False, description="+1/-1, class index, or value."
    )


class Landscape(Request):
    """A 2D slice of the training loss around the current weights, with the optimizer's
    path projected onto it. Answered (to this connection only) by a binary `landscape`
    message with reply_to = id; one at a time per connection."""

    type: Literal["landscape"]
    directions: Literal["random", "pca"] = Field(
        "random", description="random: filter-normalised (Li et al. 2018); pca: the top "
        "two principal directions of the recent trajectory.")
    resolution: int = Field(25, ge=5, le=41, description="Grid points per side.")
    span: float = Field(1.0, ge=0.01, le=10.0, allow_inf_nan=False,
                        description="The grid covers -span to span along each direction.")
    seed: int = Field(0, ge=0, le=2**31 - 2, description="Draws the random directions.")


class Subscribe(Request):
    """What this connection's frames carry; a small screen need not pay for every map."""

    type: Literal["subscribe"]
    output_resolution: int = Field(100, ge=10, le=200)
    neuron_resolution: int = Field(50, ge=0, le=100, description="0: no neuron maps.")
    parameters: bool = Field(True, description="Weights, biases, their gradients, stats.")


_REQUESTS = (Play, Pause, Step, StepEpoch, Reset, Regenerate, SetConfig, SetWeight, SetBias,
             SetPoints, AddPoints, UploadCsv, Subscribe, Explain, Landscape)
ClientMessage = Annotated[Union[_REQUESTS], Field(discriminator="type")]  # noqa: UP007
client_message = TypeAdapter(ClientMessage)
MESSAGE_TYPES = tuple(get_args(m.model_fields["type"].annotation)[0] for m in _REQUESTS)


class Hello(Strict):
    """The first message on a connection; a `state` message follows it. A session has two
    capabilities: its control id (`/ws?session=…`) and its view id (`/ws?view=…`)."""

    type: Literal["hello"] = "hello"
    protocol: int = PROTOCOL_VERSION
    role: Literal["control", "view"] = Field(
        description="control: every request; view: only subscribe, explain and landscape.")
    session_id: str | None = Field(
        description="The control id, to rejoin with; null on a view connection.")
    view_id: str = Field(description="The view id: a watch-only link to share.")


class State(Strict):
    """Sent after every accepted control message and whenever the session changes."""

    type: Literal["state"] = "state"
    config: SessionConfig
    revision: int = Field(description="Counts accepted control messages.")
    playing: bool
    problem: Literal["binary", "multiclass", "regression"]
    classes: int = Field(description="2 for binary, the class count, or 0 for regression.")
    reply_to: int | None = None


class Error(Strict):
    type: Literal["error"] = "error"
    message: str
    field: str | None = None
    code: Literal["diverged", "early_stopped"] | None = Field(
        None, description="diverged: training went non-finite; paused, last finite state kept. "
        "early_stopped: the test loss stopped improving; paused, the best weights restored.")
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
    """One snapshot of the network. Its arrays (by name; see docs/protocol.md):
    output uint8 (R, R) over [low, high], row 0 the top of the plane x1, x2 in [-6, 6];
    classes uint8 (R, R), multi-class only; neurons uint8 (nodes, Rn, Rn), one map per
    feature and hidden neuron, with neuron_ranges float32 (nodes, 2); weights, biases,
    weight_grads, bias_grads (gradient on the whole training set), weight_grads_batch,
    bias_grads_batch (on the last minibatch) float32, every layer's (n_in, n_out) matrix
    row-major, one after another in layer_sizes order; layer_stats float32 (layers, 9):
    gradient norm, weight mean, weight std, activation mean, activation std, dead units, and the
    histogram limits of weights, gradients and activations; weight_hist, grad_hist,
    activation_hist float32 (layers, bins) over [-limit, limit]."""

    kind: Literal["frame"] = "frame"
    step: int
    epoch: float
    train_loss: float
    test_loss: float
    train_accuracy: float | None = Field(description="None for regression.")
    test_accuracy: float | None
    learning_rate: float = Field(description="This step's rate, after the schedule.")
    updates_per_s: float = Field(description="Updates trained per second lately.")
    layer_sizes: list[int] = Field(description="Features, hidden layers, outputs.")
    revision: int = Field(description="The last control message this frame reflects.")
    data_version: int
    playing: bool
    arrays: list[ArraySpec] = []


class DataHeader(Strict):
    """The points: arrays x_train, x_test float32 (n, 2) and y_train, y_test float32 (n, 1)
    (+1/-1, class index or value); sent on connect and whenever the data changes."""

    kind: Literal["data"] = "data"
    data_version: int
    arrays: list[ArraySpec] = []


class HistoryHeader(Strict):
    """The curves so far, sent on connect and after a reset: arrays step, train_loss,
    test_loss, train_accuracy, test_accuracy, each float32 (points,)."""

    kind: Literal["history"] = "history"
    arrays: list[ArraySpec] = []


class ExplanationHeader(Strict):
    """One example through the network and back, computed by the engine itself. Arrays:
    inputs float32 (features,); pre (weighted sum + bias), post (after the activation) and
    deltas (dL/dz) float32, every layer's neurons one after another (hidden layers, then
    the output); weight_grads, bias_grads, weight_updates, bias_updates (what the
    optimizer adds) float32 in the frame's parameter layout."""

    kind: Literal["explanation"] = "explanation"
    reply_to: int | None
    step: int
    loss: float
    learning_rate: float
    layer_sizes: list[int]
    arrays: list[ArraySpec] = []


class LandscapeHeader(Strict):
    """A loss landscape slice. Arrays: loss float32 (R, R), the training loss at
    θ + a d1 + b d2, row 0 at b = +span, column 0 at a = -span; path float32 (n, 2),
    the (a, b) of each recorded θ_t, oldest first, the last the current point (0, 0);
    path_steps int32 (n,)."""

    kind: Literal["landscape"] = "landscape"
    reply_to: int | None
    step: int
    directions: Literal["random", "pca"]
    span: float
    low: float = Field(description="The lowest loss on the grid.")
    high: float = Field(description="The highest finite loss on the grid.")
    arrays: list[ArraySpec] = []


BinaryHeader = Annotated[FrameHeader | DataHeader | HistoryHeader | ExplanationHeader
                         | LandscapeHeader, Field(discriminator="kind")]


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
        each = f"one of {', '.join(item['enum'])}" if "enum" in item else (
            f"{item['minimum']:g} to {item['maximum']:g}")
        return f"a list of at most {prop['maxItems']}, each {each}"
    return None


def error_from_validation(exc: ValidationError, reply_to: int | None) -> Error:
    """The first problem, naming the field and what is allowed."""
    first = exc.errors(include_url=False)[0]
    loc = [str(part) for part in first["loc"]]
    if loc and loc[0] in MESSAGE_TYPES:  # the discriminator tag, not a field
        loc = loc[1:]
    field = ".".join(loc) or None
    message = f"{field}: {first['msg']}" if field else first["msg"]
    if len(loc) >= 2 and loc[0] == "changes" and (allowed := allowed_values(loc[1])):
        message += f" (allowed: {allowed})"
    return Error(message=message, field=field, reply_to=reply_to)
