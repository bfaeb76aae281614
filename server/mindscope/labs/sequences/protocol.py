"""The sequences lab's part of the protocol: its settings (the `lab` part of a
SessionConfig) and what its frames carry. Plain pydantic: no JAX."""

from typing import Literal

from pydantic import Field, ValidationInfo, field_validator

from ...schema import ArraySpec, BinaryHeader, DeclaredArray, Input, Request, Whole, bounded

TASK_GOALS = {  # what each task asks, in one line (the page shows it under the task)
    "echo": "Output the symbol seen `delay` steps ago (class 0 until there is one).",
    "parity": "Say whether the bits so far hold an odd number of ones.",
    "adding": "Add the two numbers marked 1 in a long sequence, and say it at the end.",
    "wave": "Predict the next value of a noisy mixture of sines.",
    "text": "Predict the next character of the text, then write more of it.",
}
# Each cell's gates, in the order of the frames' gate_values.
GATES = {"rnn": [], "lstm": ["input", "forget", "output"], "gru": ["update", "reset"]}
# Each cell's parts: blocks of H columns of its weights W and U and bias b, in order.
PARTS = {"rnn": ["candidate"], "lstm": ["input", "forget", "candidate", "output"],
         "gru": ["update", "reset", "candidate"]}
# Facts the page needs besides the settings' bounds (generated into LAB_CONSTANTS).
CONSTANTS = {"task_goals": TASK_GOALS, "gates": GATES, "parts": PARTS}
MAX_LENGTH = 100
MAX_LAYERS = 3
MAX_HIDDEN = 64
SYMBOLS = 3  # the echo task's symbols (its classes: these and "nothing yet")
VOCABULARY = 64  # the text task's distinct characters at most: its inputs and classes
MAX_TEXT = 20_000  # characters
SAMPLE_LENGTH = 120  # characters a text sample continues for
# Sequences generated for every task (windows of the text for the text task): enough to
# learn from, few enough that a frame's full-batch gradient through time stays cheap.
SEQUENCES = 500
DEFAULT_TEXT = (
    "Tyger Tyger, burning bright,\nIn the forests of the night;\nWhat immortal hand or eye,\n"
    "Could frame thy fearful symmetry?\n\nIn what distant deeps or skies.\nBurnt the fire of "
    "thine eyes?\nOn what wings dare he aspire?\nWhat the hand, dare seize the fire?\n"
)

# The shared settings a new session of the lab starts with: recurrent networks learn with
# Adam at a small rate; clipping keeps a plain RNN's exploding gradients in check.
PRESET: dict[str, str | float] = {"optimizer": "adam", "learning_rate": 0.01,
                                  "batch_size": 32, "init": "xavier", "grad_clip": 1.0}

TaskName = Literal["echo", "parity", "adding", "wave", "text"]
CellName = Literal["rnn", "lstm", "gru"]


class SequencesConfig(Input):
    """The sequences lab's settings: its task (generated data) and its recurrent network."""

    lab: Literal["sequences"] = "sequences"
    # The task
    task: TaskName = Field("echo", description=(
        "echo: output the symbol seen `delay` steps ago; parity: whether the bits so far hold "
        "an odd number of ones; adding: the sum of the two marked numbers, at the end; wave: "
        "the next value of a noisy mixture of sines; text: the next character of the text."))
    length: Whole = Field(20, ge=2, le=MAX_LENGTH, description="Steps in each sequence.")
    delay: Whole = Field(3, ge=1, le=MAX_LENGTH - 1, description="echo: how many steps "
                         "back the symbol to recall is (memory length).")
    noise: float = bounded(0.0, 1.0, 0.1, "wave: the noise's standard deviation.")
    text: str = Field(DEFAULT_TEXT, max_length=MAX_TEXT, description="text: what the "
                      f"network learns to continue (at most {VOCABULARY} distinct "
                      "characters).")
    temperature: float = bounded(0.1, 2.0, 0.8, "text: how freely samples pick unlikely "
                                 "characters (low: the likeliest; high: more random).")
    train_share: float = bounded(0.1, 0.9, 0.8, "Share of sequences used for training.")
    data_seed: Whole = Field(0, ge=0, le=2**31 - 1, description="Draws the sequences.")
    probe: Whole = Field(0, ge=0, le=SEQUENCES - 1, description="The test sequence the "
                         "frames unroll the network on (taken modulo the test sequences).")
    # The network
    cell: CellName = Field("lstm", description="rnn: h = tanh(W x + U h + b); lstm: with "
                           "input, forget and output gates and a cell state; gru: with "
                           "update and reset gates.")
    layers: Whole = Field(1, ge=1, le=MAX_LAYERS, description="Stacked recurrent layers.")
    hidden: Whole = Field(16, ge=1, le=MAX_HIDDEN, description="Units in each layer.")
    bptt: Whole = Field(0, ge=0, le=MAX_LENGTH, description="Truncated backpropagation "
                        "through time: gradients flow back at most this many steps (0: "
                        "through the whole sequence).")

    @field_validator("delay")
    @classmethod
    def _there_is_something_that_far_back(cls, delay: int, info: ValidationInfo) -> int:
        length = info.data.get("length")
        if info.data.get("task") == "echo" and length is not None and delay >= length:
            raise ValueError(f"delay {delay} must be below the length {length}: there is "
                             "nothing that far back to recall")
        return delay

    @field_validator("text")
    @classmethod
    def _the_text_can_be_learned(cls, text: str, info: ValidationInfo) -> str:
        if info.data.get("task") == "text" and "length" in info.data:
            check_text(text, info.data["length"])
        return text


def check_text(text: str, length: int) -> None:
    """Refuse a text the text task cannot learn from, naming what is wrong."""
    distinct = len(set(text))
    if len(text) < length + 1:
        raise ValueError(f"the text has {len(text)} characters: the text task needs at "
                         f"least length + 1 = {length + 1}")
    if distinct < 2:
        raise ValueError("the text needs at least 2 distinct characters")
    if distinct > VOCABULARY:
        raise ValueError(f"the text has {distinct} distinct characters: at most {VOCABULARY}")


class ExplainStep(Request):
    """Step through one step of one cell of the probe sequence, with the engine's numbers
    (each part's weighted sum and activation, the new cell and hidden state), and
    backpropagation through time for one weight (each step's share of the probe's loss
    gradient by it). Answered (to this connection only) by a binary `step_explanation`
    message with reply_to = id."""

    type: Literal["explain_step"]
    layer: Whole = Field(0, ge=0, le=MAX_LAYERS - 1, description="The recurrent layer, from 0.")
    time: Whole = Field(0, ge=0, le=MAX_LENGTH - 1, description="The step of the sequence, "
                        "from 0.")
    weight: Literal["w", "u"] = Field("u", description="w: the layer's input weights; u: its "
                                      "recurrent weights.")
    row: Whole = Field(0, ge=0, le=VOCABULARY - 1, description="The weight's row: the input "
                       "(w) or the unit of the previous step (u) it reads.")
    column: Whole = Field(0, ge=0, le=4 * MAX_HIDDEN - 1, description="The weight's column: "
                          "its part (PARTS' order) times the units, plus its unit.")


SequencesRequest = ExplainStep
VIEW_REQUESTS = (ExplainStep,)  # a question: a view link may ask it


class StepExplanationHeader(BinaryHeader):
    """One step of one cell and backpropagation through time for one weight, computed by
    the engine itself on the probe sequence. Dims: I, the layer's inputs; H, its units;
    P, its parts (PARTS: rnn 1, lstm 4, gru 3); T, the sequence's steps."""

    ARRAYS = (
        DeclaredArray("cell_input", "float32", ("I",), "The layer's input at the step."),
        DeclaredArray("previous_hidden", "float32", ("H",), "h at the step before (0 at "
                      "the first)."),
        DeclaredArray("previous_cell", "float32", ("H",), "The LSTM's c at the step before "
                      "(h again for other cells)."),
        DeclaredArray("sums", "float32", ("P", "H"), "Each part's weighted sum, before its "
                      "activation."),
        DeclaredArray("values", "float32", ("P", "H"), "Each part after its activation."),
        DeclaredArray("new_cell", "float32", ("H",), "The new cell state (LSTM; h again for "
                      "other cells)."),
        DeclaredArray("new_hidden", "float32", ("H",), "The new hidden state."),
        DeclaredArray("gradient_by_step", "float32", ("T",), "Each step's share of ∂ loss / "
                      "∂ weight: they add up to `gradient`."),
    )

    kind: Literal["step_explanation"] = "step_explanation"
    reply_to: int | None
    step: int = Field(description="The training step.")
    layer: int
    time: int
    weight: Literal["w", "u"]
    row: int
    column: int
    cell: CellName
    parts: list[str] = Field(description="The parts' names, in the order of sums and values.")
    loss: float | None = Field(description="The probe sequence's loss; None when not finite.")
    gradient: float | None = Field(description="∂ loss / ∂ weight on the probe sequence.")
    arrays: list[ArraySpec] = Field(default_factory=list)


# What its frames carry besides the core's statistics. Dims: T, the sequence's steps; P,
# the steps with a target (T, or 1 where the target is at the end); I, the inputs of a
# step; K, the outputs of a step (classes, or 1 for a value); L, layers; H, units per
# layer; G, the cell's gates (lstm 3, gru 2, rnn 0); S, a text sample's characters.
FRAME_ARRAYS = (
    DeclaredArray("sequence_inputs", "float32", ("T", "I"), "The probe sequence's inputs: "
                  "each step's values, or the index of its symbol or character (I = 1).",
                  True),
    DeclaredArray("sequence_targets", "float32", ("P",), "Its targets: a class index or a "
                  "value per step with a target.", True),
    DeclaredArray("sequence_outputs", "float32", ("P", "K"), "The network's outputs there: "
                  "class probabilities, or the value.", True),
    DeclaredArray("hidden_states", "float32", ("L", "T", "H"), "Each layer's hidden state "
                  "at each step of the probe.", True),
    DeclaredArray("gate_values", "float32", ("L", "G", "T", "H"), "Each gate's value at each "
                  "step (lstm: input, forget, output; gru: update, reset).", True),
    DeclaredArray("cell_states", "float32", ("L", "T", "H"), "An LSTM's cell state at each "
                  "step (empty for other cells).", True),
    DeclaredArray("gradient_through_time", "float32", ("L", "T"), "‖∂ loss / ∂ hₜ‖: how "
                  "much the loss on test sequences depends on each layer's state at step t.",
                  True),
    DeclaredArray("position_scores", "float32", ("P",), "Per step with a target, over the "
                  "test sequences: the accuracy (classes) or the mean squared error "
                  "(values).", True),
    DeclaredArray("text_sample", "int32", ("S",), "text: a continuation the network "
                  "samples at the temperature, as classes (indices into text_vocabulary; "
                  "empty for other tasks).", True),
    DeclaredArray("text_vocabulary", "int32", ("V",), "text: the characters, as Unicode code "
                  "points, in the order of the classes (empty for other tasks).", True),
)
