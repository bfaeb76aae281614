"""Every message between browser and server, as pydantic models: the one source of truth.

Control messages travel as JSON text; frames travel as binary (see codec.py), and
their headers are described here too. `GET /api/protocol` serves this module's
JSON Schema, from which the frontend's TypeScript types and constants are generated.

The core's messages are here; each lab declares its part in labs/<lab>/protocol.py (its
settings, its own requests, its own answers), and the unions below name every lab's.
"""

from typing import Annotated, Any, Literal, Self, TypeVar, get_args

from pydantic import BaseModel, Field, TypeAdapter, ValidationError, create_model

from .codec import DEFLATED
from .labs.attention import protocol as attention
from .labs.images import protocol as images
from .labs.points import protocol as points
from .labs.sequences import protocol as sequences
from .schema import (
    ArraySpec,
    BinaryHeader,
    DeclaredArray,
    Input,
    Request,
    Strict,
    Whole,
    bounded,
)
from .vocabulary import (
    ACTIVATION_NAMES,
    DATASET_NAMES,
    FEATURE_NAMES,
    INITIALIZER_NAMES,
    LANDSCAPE_DIRECTIONS,
    LOSS_NAMES,
    LOSSES_BY_PROBLEM,
    MAX_USER_POINTS,
    OPTIMIZER_NAMES,
    OPTIMIZER_SETTINGS,
    PLANE_EXTENT,
    PROBLEMS,
    REGULARIZATIONS,
    SCHEDULES,
)

PROTOCOL_VERSION = 2  # 2: a config's lab part

# The names come from vocabulary.py's tuples at run time (its single source of truth), so
# a type checker cannot read these Literals: each ignore below is for that, and mypy takes
# these fields as Any (pydantic still checks every value against the names).
InitName = Literal[INITIALIZER_NAMES]  # type: ignore[valid-type]  # see above
LossName = Literal[LOSS_NAMES]  # type: ignore[valid-type]  # see above
OptimizerName = Literal[OPTIMIZER_NAMES]  # type: ignore[valid-type]  # see above
ScheduleName = Literal[SCHEDULES]  # type: ignore[valid-type]  # see above
RegularizationName = Literal[REGULARIZATIONS]  # type: ignore[valid-type]  # see above
Directions = Literal[LANDSCAPE_DIRECTIONS]  # type: ignore[valid-type]  # see above
Problem = Literal[PROBLEMS]  # type: ignore[valid-type]  # see above

# The registry of labs' protocols: a new lab adds here its config (and its changes, below),
# its requests (which lab each is of, and the ones a view connection may send), its binary
# answers, its frame arrays, its preset of the shared settings and its page's constants.
LabConfig = Annotated[points.PointsConfig | images.ImagesConfig | sequences.SequencesConfig
                      | attention.AttentionConfig, Field(discriminator="lab")]
LAB_CONFIGS: tuple[type[Input], ...] = (points.PointsConfig, images.ImagesConfig,
                                        sequences.SequencesConfig, attention.AttentionConfig)
LabRequest = (points.PointsRequest | images.ImagesRequest | sequences.SequencesRequest
              | attention.AttentionRequest)
LAB_REQUESTS: tuple[type[Request], ...] = get_args(LabRequest)
LAB_OF_REQUEST: dict[type[Request], str] = {
    **{request: "points" for request in get_args(points.PointsRequest)},
    **{request: "images" for request in get_args(images.ImagesRequest)},
    sequences.ExplainStep: "sequences", attention.ExplainAttention: "attention"}
LAB_VIEW_REQUESTS: tuple[type[Request], ...] = (*points.VIEW_REQUESTS, *images.VIEW_REQUESTS,
                                                 *sequences.VIEW_REQUESTS,
                                                 *attention.VIEW_REQUESTS)
LabAnswer = (points.ExplanationHeader | images.ConvExplanationHeader
             | sequences.StepExplanationHeader | attention.AttentionExplanationHeader)
LAB_FRAME_ARRAYS = (*points.FRAME_ARRAYS, *images.FRAME_ARRAYS, *sequences.FRAME_ARRAYS,
                    *attention.FRAME_ARRAYS)
LAB_CONFIG_OF: dict[str, type[Input]] = {
    get_args(config.model_fields["lab"].annotation)[0]: config for config in LAB_CONFIGS}
LABS = tuple(LAB_CONFIG_OF)
# The shared settings a new session of each lab starts with (its Lab.preset).
LAB_PRESETS: dict[str, dict[str, str | float]] = {
    "points": points.PRESET, "images": images.PRESET, "sequences": sequences.PRESET,
    "attention": attention.PRESET}
# Facts a lab's page needs besides its settings' bounds (generated into LAB_CONSTANTS).
LAB_CONSTANTS: dict[str, dict[str, Any]] = {"sequences": sequences.CONSTANTS,
                                             "attention": attention.CONSTANTS}


def _used_by(setting: str) -> str:
    """The optimizers that use a setting, e.g. 'adam, adamw'."""
    return ", ".join(name for name, used in OPTIMIZER_SETTINGS.items() if setting in used)


class SessionConfig(Input):
    """Everything a session trains with: the training settings every lab shares, and the
    lab's own. Every field may change while it trains (but for the lab it is of)."""

    # The start
    init: InitName = "uniform"
    seed: Whole = Field(0, ge=0, le=2**31 - 1, description="Draws initial weights and batches.")
    # The objective
    loss: LossName = "mse"
    regularization: RegularizationName = "none"
    regularization_rate: float = bounded(0.0, 10.0, 0.0)
    # The optimizer
    optimizer: OptimizerName = "sgd"
    learning_rate: float = bounded(1e-5, 10.0, 0.03)
    momentum: float = bounded(0.0, 0.999, 0.9, _used_by("momentum"))
    beta1: float = bounded(0.0, 0.999, 0.9, _used_by("beta1"))
    beta2: float = bounded(0.0, 0.9999, 0.999, _used_by("beta2"))
    weight_decay: float = bounded(0.0, 1.0, 1e-4, _used_by("weight_decay"))
    rms_decay: float = bounded(0.0, 0.999, 0.9, _used_by("rms_decay"))
    schedule: ScheduleName = "constant"
    schedule_steps: Whole = Field(1000, ge=1, le=1_000_000, description="Step decay interval "
                                "or cosine period.")
    schedule_gamma: float = bounded(0.01, 1.0, 0.5, "Step decay factor.")
    warmup_steps: Whole = Field(0, ge=0, le=100_000)
    grad_clip: float = bounded(0.0, 100.0, 0.0, "Global gradient-norm limit; 0 is off.")
    early_stopping: bool = Field(False, description="Pause at a test loss that has not "
                                 "improved for `patience` steps, restoring the best weights.")
    patience: Whole = Field(1000, ge=10, le=1_000_000, description="Steps without a new lowest "
                          "test loss before early stopping.")
    batch_size: Whole = Field(10, ge=1, le=MAX_USER_POINTS)
    steps_per_second: float = bounded(1.0, 1e6, 1000.0, "Training speed; 1e6 is flat out.")

    # The lab's own settings: its data and its model.
    lab: LabConfig = Field(default_factory=points.PointsConfig)

    @classmethod
    def of(cls, lab: str = "points", **settings: Any) -> Self:
        """A config of `lab` from settings named flat: SessionConfig.of(hidden=[8])."""
        return cls.model_validate({"lab": {"lab": lab}} | nested(settings, lab))


LabPart = TypeVar("LabPart", bound=Input)


def lab_part(config: SessionConfig, kind: type[LabPart]) -> LabPart:
    """The config's lab part, which must be of `kind` (a lab reads only its own sessions)."""
    if not isinstance(config.lab, kind):
        raise TypeError(f"not a config of the {kind.model_fields['lab'].default} lab: "
                        f"{config.lab.lab}")
    return config.lab


def nested(settings: dict[str, Any], lab: str) -> dict[str, Any]:
    """Settings named flat (hidden=[8], learning_rate=0.1) as a config or its changes: the
    lab's own in its part (their names never clash with the shared ones)."""
    own = LAB_CONFIG_OF[lab].model_fields.keys() - {"lab"}
    part = {name: value for name, value in settings.items() if name in own}
    rest = {name: value for name, value in settings.items() if name not in own}
    return rest | ({"lab": {"lab": lab, **part}} if part else {})


def _optional_fields(model: type[BaseModel]) -> dict[str, Any]:
    """The fields of `model`, each optional and defaulting to None, constraints kept."""
    fields: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        # A type built at run time: Any, as create_model takes it.
        annotation: Any = (Annotated[field.annotation, *field.metadata] if field.metadata
                           else field.annotation)
        fields[name] = (annotation | None, None)
    return fields


def _changes_of(config: type[BaseModel]) -> type[Input]:
    """Some fields of a lab's config, named by its tag."""
    fields = _optional_fields(config) | {"lab": (config.model_fields["lab"].annotation, ...)}
    return create_model(f"{config.__name__}Changes", __base__=Input,
                        __doc__=f"Some fields of {config.__name__}; the rest stay as they are.",
                        **fields)


PointsConfigChanges = _changes_of(points.PointsConfig)
ImagesConfigChanges = _changes_of(images.ImagesConfig)
SequencesConfigChanges = _changes_of(sequences.SequencesConfig)
AttentionConfigChanges = _changes_of(attention.AttentionConfig)
# Built by create_model: a type checker cannot read them as types.
LabChanges = Annotated[PointsConfigChanges | ImagesConfigChanges  # type: ignore[valid-type]
                       | SequencesConfigChanges | AttentionConfigChanges,  # type: ignore[valid-type]
                       Field(discriminator="lab")]

ConfigChanges = create_model(
    "ConfigChanges",
    __base__=Input,
    __doc__="Some fields of SessionConfig; the rest stay as they are. `lab` names its lab, "
            "which must be the session's.",
    **_optional_fields(SessionConfig) | {"lab": (LabChanges | None, None)},
)


class Play(Request):
    type: Literal["play"]


class Pause(Request):
    type: Literal["pause"]


class Step(Request):
    type: Literal["step"]
    steps: Whole = Field(1, ge=1, le=100_000)


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
    changes: ConfigChanges


class Landscape(Request):
    """A 2D slice of the training loss around the current weights, with the optimizer's
    path projected onto it. Answered (to this connection only) by a binary `landscape`
    message with reply_to = id; one at a time per connection."""

    type: Literal["landscape"]
    directions: Directions = Field(
        "random", description="random: filter-normalised (Li et al. 2018); pca: the top "
        "two principal directions of the recent trajectory.")
    resolution: Whole = Field(25, ge=5, le=41, description="Grid points per side.")
    span: float = Field(1.0, ge=0.01, le=10.0, allow_inf_nan=False,
                        description="The grid covers -span to span along each direction.")
    seed: Whole = Field(0, ge=0, le=2**31 - 2, description="Draws the random directions.")


class Subscribe(Request):
    """What this connection's frames carry; a small screen need not pay for every map."""

    type: Literal["subscribe"]
    output_resolution: Whole = Field(100, ge=10, le=200)
    neuron_resolution: Whole = Field(50, ge=0, le=100, description="0: no neuron maps.")
    parameters: bool = Field(True, description="Weights, biases, their gradients, stats.")
    compression: Literal["auto", "deflate", "none"] = Field(
        "none", description="Frames deflated (codec.DEFLATED) where that saves a tenth or "
        "more: 'deflate' always, 'auto' unless this connection comes from the server's own "
        "machine, where bytes cost nothing and inflating them would.")


ClientMessage = Annotated[
    Play | Pause | Step | StepEpoch | Reset | Regenerate | SetConfig | Subscribe | Landscape
    | LabRequest,
    Field(discriminator="type"),
]
_REQUESTS: tuple[type[Request], ...] = get_args(get_args(ClientMessage)[0])
client_message = TypeAdapter(ClientMessage)


def _type_of(request: type[Request]) -> str:
    name: str = get_args(request.model_fields["type"].annotation)[0]
    return name


MESSAGE_TYPES = tuple(map(_type_of, _REQUESTS))
# What a view connection may send: what its own frames carry, and questions that read the
# session and answer only the asker (a loss-landscape slice, a lab's step-through).
VIEW_REQUESTS: tuple[type[Request], ...] = (Subscribe, Landscape, *LAB_VIEW_REQUESTS)
_VIEW_TYPES = tuple(map(_type_of, VIEW_REQUESTS))


class Hello(Strict):
    """The first message on a connection; a `state` message follows it. A session has two
    capabilities: its control id (`/ws?session=…`) and its view id (`/ws?view=…`)."""

    type: Literal["hello"] = "hello"
    protocol: int = PROTOCOL_VERSION
    role: Literal["control", "view"] = Field(
        description=f"control: every request; view: only {', '.join(_VIEW_TYPES[:-1])} and "
                    f"{_VIEW_TYPES[-1]}.")
    session_id: str | None = Field(
        description="The control id, to rejoin with; null on a view connection.")
    view_id: str = Field(description="The view id: a watch-only link to share.")


class State(Strict):
    """Sent after every accepted control message and whenever the session changes."""

    type: Literal["state"] = "state"
    config: SessionConfig
    revision: int = Field(description="Counts accepted control messages.")
    playing: bool
    problem: Problem
    classes: int = Field(description="2 for binary, the class count, or 0 for regression.")
    reply_to: int | None = None


class Error(Strict):
    type: Literal["error"] = "error"
    message: str
    field: str | None = None
    code: Literal["diverged", "stuck", "early_stopped"] | None = Field(
        None, description="diverged: training went non-finite; paused, last finite state kept. "
        "stuck: a classification run saturated (accuracy at chance, gradients vanished or "
        "the loss far above guessing) and stayed so; paused. "
        "early_stopped: the test loss stopped improving; paused, the best weights restored.")
    reply_to: int | None = None


ServerMessage = Annotated[Hello | State | Error, Field(discriminator="type")]


class FrameHeader(BinaryHeader):
    """One snapshot of the network. Dims: L, the layers with weights (the parameter
    groups); bins, histogram bins; the lab's arrays name their own (the 2D lab's: R and
    Rn, the output and neuron resolutions subscribed to; nodes, the features and hidden
    neurons; W and B, every weight and bias, layer after layer in layer_sizes order, each
    layer's (n_in, n_out) weight matrix row-major). Maps are quantized: row 0 is the top of
    the plane (largest x2)."""

    ARRAYS = (
        *LAB_FRAME_ARRAYS,
        DeclaredArray("layer_stats", "float32", ("L", 9), "Each layer's statistics; the "
                      "limits bound its histograms.", True, (
                          "grad_norm", "weight_mean", "weight_std", "activation_mean",
                          "activation_std", "dead_units", "weight_limit", "grad_limit",
                          "activation_limit")),
        *(DeclaredArray(f"{kind}_hist", "float32", ("L", "bins"), f"Each layer's {what} "
                        f"counted in equal bins over [-limit, limit].", True)
          for kind, what in (("weight", "weights"), ("grad", "gradients"),
                             ("activation", "activations"))),
    )

    kind: Literal["frame"] = "frame"
    step: int
    epoch: float
    train_loss: float | None = Field(description="None when it is not a finite number (it "
                                     "overflowed float32): headers are standard JSON.")
    test_loss: float | None = Field(description="As train_loss.")
    train_accuracy: float | None = Field(description="None for regression.")
    test_accuracy: float | None
    learning_rate: float = Field(description="This step's rate, after the schedule.")
    updates_per_s: float = Field(description="Updates trained per second lately.")
    layer_sizes: list[int] = Field(description="Features, hidden layers, outputs.")
    revision: int = Field(description="The last control message this frame reflects.")
    data_version: int
    playing: bool
    arrays: list[ArraySpec] = Field(default_factory=list)


class DataHeader(BinaryHeader):
    """The lab's examples, sent on connect and whenever the data changes. Dims: d, the
    numbers of one example (the 2D lab: x1 and x2; the images lab: the pixels, row by
    row; the sequences lab: each step's inputs, step after step); k, the labels of one
    example (1, or one per step of a sequence). Labels are +1/-1, a class index or a value,
    by problem."""

    ARRAYS = tuple(
        array for part, words in (("train", "training"), ("test", "test")) for array in (
            DeclaredArray(f"x_{part}", "float32", (f"n_{part}", "d"), f"The {words} "
                          "examples."),
            DeclaredArray(f"y_{part}", "float32", (f"n_{part}", "k"), "Their labels."),
        ))

    kind: Literal["data"] = "data"
    data_version: int
    arrays: list[ArraySpec] = Field(default_factory=list)


class HistoryHeader(BinaryHeader):
    """The curves so far, sent on connect, after a reset and when a new run starts;
    accuracies are NaN for regression."""

    ARRAYS = (DeclaredArray("step", "float32", ("points",), "The step of each point."),
              *(DeclaredArray(curve, "float32", ("points",), f"The {curve.replace('_', ' ')}.")
                for curve in ("train_loss", "test_loss", "train_accuracy", "test_accuracy")))

    kind: Literal["history"] = "history"
    new_run: str | None = Field(None, description="Set when a change of the data or the "
                                "problem started a new run (step 0, fresh weights from the "
                                "same seed): why, in words; clients keep the last run's curve "
                                "for comparison.")
    arrays: list[ArraySpec] = Field(default_factory=list)


class LandscapeHeader(BinaryHeader):
    """A loss landscape slice. Dims: R, the resolution asked for; n, the recorded points
    of the path."""

    ARRAYS = (
        DeclaredArray("loss", "float32", ("R", "R"), "The training loss at θ + a d1 + b d2, "
                      "row 0 at b = +span, column 0 at a = -span."),
        DeclaredArray("path", "float32", ("n", 2), "The (a, b) of each recorded θ_t, oldest "
                      "first, the last the current point (0, 0)."),
        DeclaredArray("path_steps", "int32", ("n",), "The step of each path point."),
    )

    kind: Literal["landscape"] = "landscape"
    reply_to: int | None
    step: int
    directions: Directions
    span: float
    low: float = Field(description="The lowest loss on the grid.")
    high: float = Field(description="The highest finite loss on the grid.")
    arrays: list[ArraySpec] = Field(default_factory=list)


BinaryMessage = Annotated[
    FrameHeader | DataHeader | HistoryHeader | LandscapeHeader | LabAnswer,
    Field(discriminator="kind"),
]
BINARY_HEADERS: tuple[type[BinaryHeader], ...] = get_args(get_args(BinaryMessage)[0])


class ProtocolSchema(Strict):
    """A root that names every message, so one JSON Schema covers them all."""

    client: ClientMessage
    server: ServerMessage
    binary: BinaryMessage


# Named lists and bounds for clients, besides what each field's schema says.
_VOCABULARY: dict[str, Any] = {
    "plane_extent": PLANE_EXTENT,
    "labs": list(LABS),
    "dataset_names": list(DATASET_NAMES),
    "feature_names": list(FEATURE_NAMES),
    "activation_names": list(ACTIVATION_NAMES),
    "initializer_names": list(INITIALIZER_NAMES),
    "problems": list(PROBLEMS),
    "loss_names": list(LOSS_NAMES),
    "losses_by_problem": {problem: list(losses) for problem, losses in LOSSES_BY_PROBLEM.items()},
    "optimizer_names": list(OPTIMIZER_NAMES),
    "optimizer_settings": {name: list(used) for name, used in OPTIMIZER_SETTINGS.items()},
    "schedules": list(SCHEDULES),
    "regularizations": list(REGULARIZATIONS),
    "landscape_directions": list(LANDSCAPE_DIRECTIONS),
    "view_requests": list(_VIEW_TYPES),
}


def json_schema() -> dict[str, Any]:
    schema = ProtocolSchema.model_json_schema()
    schema["title"] = "MindscopeProtocol"
    schema["x-protocol-version"] = PROTOCOL_VERSION
    schema["x-vocabulary"] = _VOCABULARY
    schema["x-deflated"] = DEFLATED
    schema["x-labs"] = {name: {"config": config.__name__, "preset": LAB_PRESETS[name],
                               "constants": LAB_CONSTANTS.get(name, {})}
                        for name, config in LAB_CONFIG_OF.items()}
    return schema


_CONFIG_PROPERTIES: dict[str, Any] = SessionConfig.model_json_schema()["properties"]
_LAB_PROPERTIES: dict[str, dict[str, Any]] = {
    name: config.model_json_schema()["properties"] for name, config in LAB_CONFIG_OF.items()}


def allowed_values(field: str, lab: str | None = None) -> str | None:
    """What SessionConfig (or a lab's part of it) allows for a field, in words, e.g.
    '1e-05 to 10'."""
    prop = (_CONFIG_PROPERTIES if lab is None else _LAB_PROPERTIES.get(lab, {})).get(field)
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
    lab = None
    for at in (0, 1):  # a config's or a change's lab part names its lab: not a field
        if loc[at:at + 1] == ["lab"] and len(loc) > at + 1 and loc[at + 1] in LABS:
            lab, loc = loc[at + 1], loc[:at + 1] + loc[at + 2:]
    field = ".".join(loc) or None
    text = first["msg"].removeprefix("Value error, ")
    message = f"{field}: {text}" if field else text
    name = None  # the setting a change named
    if loc[:1] == ["changes"] and len(loc) >= 2:
        name = loc[2] if lab is not None and len(loc) >= 3 else loc[1]
    if name is not None and (allowed := allowed_values(name, lab)):
        message += f" (allowed: {allowed})"
    elif first["type"] in ("union_tag_not_found", "union_tag_invalid") and loc[-1:] == ["lab"]:
        message += f" (allowed labs: {', '.join(LABS)})"
    return Error(message=message, field=field, reply_to=reply_to)
