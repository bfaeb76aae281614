"""The 2D lab's part of the protocol: its settings (the `lab` part of a SessionConfig),
its own requests (weights set by hand, the user's points, one example stepped through)
and the step-through's answer. Plain pydantic: the client and the schema load no JAX."""

from typing import Annotated, Literal, Self

from pydantic import BeforeValidator, Field, model_validator

from ...schema import (
    ArraySpec,
    BinaryHeader,
    DeclaredArray,
    Input,
    Request,
    Whole,
    bounded,
    parameter_arrays,
    whole_number,
)
from ...vocabulary import (
    ACTIVATION_NAMES,
    CUSTOM_DATASET,
    DATASET_NAMES,
    FEATURE_NAMES,
    MAX_LABEL,
    MAX_LAYERS,
    MAX_NEURONS,
    MAX_USER_POINTS,
    PLANE_EXTENT,
)

# The names come from vocabulary.py's tuples at run time (its single source of truth), so
# a type checker cannot read these Literals: each ignore below is for that, and mypy takes
# these fields as Any (pydantic still checks every value against the names).
DatasetName = Literal[(*DATASET_NAMES, CUSTOM_DATASET)]  # type: ignore[valid-type]  # see above
FeatureName = Literal[FEATURE_NAMES]  # type: ignore[valid-type]  # see above
ActivationName = Literal[ACTIVATION_NAMES]  # type: ignore[valid-type]  # see above
# A coordinate of the input plane.
PlaneCoordinate = Annotated[float, Field(ge=-PLANE_EXTENT, le=PLANE_EXTENT, allow_inf_nan=False)]
Label = Annotated[float, Field(ge=-MAX_LABEL, le=MAX_LABEL, allow_inf_nan=False)]
Point = tuple[PlaneCoordinate, PlaneCoordinate, Label]


PRESET: dict[str, str | float] = {}  # the shared defaults are the 2D lab's


class PointsConfig(Input):
    """The 2D lab's settings: its data and its dense network."""

    lab: Literal["points"] = "points"
    # The data
    dataset: DatasetName = "circle"
    noise: float = bounded(0.0, 0.5, 0.0, "Share of noise, 0 to 50 %.")
    train_share: float = bounded(0.1, 0.9, 0.5, "Share of points used for training.")
    data_seed: Whole = Field(0, ge=0, le=2**31 - 1, description="Draws the points.")
    # The network
    features: list[FeatureName] = Field(["x1", "x2"], min_length=1,
                                        max_length=len(FEATURE_NAMES))
    # (Whole's validator after the bounds: pydantic's schema of an Annotated inside an
    # Annotated would drop them.)
    hidden: list[Annotated[int, Field(ge=1, le=MAX_NEURONS), BeforeValidator(whole_number)]] \
        = Field([4, 2], max_length=MAX_LAYERS, description="Neurons per hidden layer.")
    activations: list[ActivationName] = Field(
        ["tanh", "tanh"], max_length=MAX_LAYERS,
        description="One per hidden layer; a shorter list repeats its last entry.",
    )
    dropout: list[Annotated[float, Field(ge=0.0, le=0.9, allow_inf_nan=False)]] = Field(
        [], max_length=MAX_LAYERS, description="Per hidden layer; missing layers drop nothing.",
    )

    @model_validator(mode="after")
    def _per_layer_lists_match_hidden(self) -> Self:
        if len(set(self.features)) != len(self.features):
            raise ValueError("features must not repeat")
        n = len(self.hidden)
        last = self.activations[-1] if self.activations else "tanh"
        self.activations = (self.activations + [last] * n)[:n]
        self.dropout = (self.dropout + [0.0] * n)[:n]
        return self


class SetWeight(Request):
    """Set one weight by hand: layer 0 reads the features, the last layer feeds the output."""

    type: Literal["set_weight"]
    layer: Whole = Field(ge=0, le=MAX_LAYERS)
    source: Whole = Field(ge=0, le=MAX_NEURONS)
    target: Whole = Field(ge=0, le=MAX_NEURONS)
    value: float = Field(ge=-100.0, le=100.0, allow_inf_nan=False)


class SetBias(Request):
    type: Literal["set_bias"]
    layer: Whole = Field(ge=0, le=MAX_LAYERS)
    neuron: Whole = Field(ge=0, le=MAX_NEURONS)
    value: float = Field(ge=-100.0, le=100.0, allow_inf_nan=False)


class SetPoints(Request):
    """Replace the data with the user's own points (x1, x2, label); the dataset becomes
    "custom". Labels -1/1 or 0/1: binary; 0-7: classes; other numbers: regression."""

    type: Literal["set_points"]
    points: list[Point] = Field(max_length=MAX_USER_POINTS)


class AddPoints(Request):
    """Add points (drawn by the user) to the current data, which becomes "custom"; with
    `replace`, the drawing replaces the data instead: its first point starts a set of its
    own (a new run), later ones add to it."""

    type: Literal["add_points"]
    points: list[Point] = Field(min_length=1, max_length=MAX_USER_POINTS)
    replace: bool = False


class UndoPoint(Request):
    """Take back the last drawn point; the last of a drawing of its own takes the data back
    to the built-in set it replaced."""

    type: Literal["undo_point"]


class ClearPoints(Request):
    """Take back every drawn point: the data are what they were before the drawing."""

    type: Literal["clear_points"]


class UploadCsv(Request):
    """Replace the data with a CSV file's rows `x1,x2,label` (a header row is allowed)."""

    type: Literal["upload_csv"]
    csv: str = Field(max_length=1_000_000)


class Explain(Request):
    """Step through one example: its forward pass, loss, backward pass and update. Answered
    (to this connection only) by a binary `explanation` message with reply_to = id."""

    type: Literal["explain"]
    x1: PlaneCoordinate
    x2: PlaneCoordinate
    label: Label = Field(description="+1/-1, class index, or value.")


PointsRequest = (SetWeight | SetBias | SetPoints | AddPoints | UndoPoint | ClearPoints
                 | UploadCsv | Explain)
# The lab's requests a view connection may send: they only read the session.
VIEW_REQUESTS = (Explain,)


# What its frames carry besides the core's statistics (see FrameHeader for the dims).
FRAME_ARRAYS = (
    DeclaredArray("output", "uint8", ("R", "R"), "The network's output over the input "
                  "plane, over [low, high]."),
    DeclaredArray("classes", "uint8", ("R", "R"), "The winning class over the input plane; "
                  "multi-class problems only.", True),
    DeclaredArray("neurons", "uint8", ("nodes", "Rn", "Rn"), "Each feature's and hidden "
                  "neuron's output over the plane, each over its own [-m, m].", True),
    *parameter_arrays("weights", "biases", "their values", optional=True),
    *parameter_arrays("weight_grads", "bias_grads", "their gradient on the whole training "
                      "set", optional=True),
)


class ExplanationHeader(BinaryHeader):
    """One example through the network and back, computed by the engine itself. Dims:
    features, layer_sizes[0]; neurons, every layer's neurons one after another (hidden
    layers, then the output); W and B as in a frame."""

    ARRAYS = (
        DeclaredArray("inputs", "float32", ("features",), "The example's features."),
        DeclaredArray("pre", "float32", ("neurons",), "Each neuron's weighted sum + bias."),
        DeclaredArray("post", "float32", ("neurons",), "Each neuron's output, after the "
                      "activation."),
        DeclaredArray("deltas", "float32", ("neurons",), "Each neuron's error signal dL/dz."),
        *parameter_arrays("weight_grads", "bias_grads", "their gradient on this example",
                          optional=False),
        *parameter_arrays("weight_updates", "bias_updates", "what the optimizer adds to them",
                          optional=False),
    )

    kind: Literal["explanation"] = "explanation"
    reply_to: int | None
    step: int
    loss: float | None = Field(description="This example's loss; None when it is not a "
                               "finite number.")
    learning_rate: float
    layer_sizes: list[int]
    arrays: list[ArraySpec] = Field(default_factory=list)
