"""The attention lab's part of the protocol: its settings (the `lab` part of a
SessionConfig), its step-through question and what its frames carry. Plain pydantic: no
JAX."""

from typing import Literal, Self

from pydantic import Field, model_validator

from ...schema import ArraySpec, BinaryHeader, DeclaredArray, Input, Request, Whole, bounded

TASK_GOALS = {  # what each task asks, in one line (the page shows it under the task)
    "reverse": "Say the sequence backwards.",
    "sort": "Say the sequence's tokens in increasing order.",
    "shift": "Say the sequence moved `shift` places to the right (wrapping around).",
    "induction": "A random half, then the same half again: predict each next token of the "
                 "repeat (always with the causal mask, or the answer is in plain sight).",
    "modular": "Say (a + b) mod p for the pairs a, b it has not seen: grokking.",
}
MAX_VOCABULARY = 32
MAX_LENGTH = 16
MAX_MODULUS = 113
MAX_LAYERS = 4
MAX_HEADS = 8
MAX_WIDTH = 128
MAX_MLP = 512
MAX_POSITIONS = 2 * MAX_LENGTH  # the longest input: a sequence, a separator, its answer
EXAMPLES = 2000  # sequences generated for every task but modular (which has p² pairs)

# The shared settings a new session of the lab starts with: Transformers learn with Adam at
# a small rate; AdamW's weight decay is the grokking lesson's lever.
PRESET: dict[str, str | float] = {"optimizer": "adamw", "learning_rate": 0.003,
                                  "batch_size": 64, "init": "xavier", "weight_decay": 0.01,
                                  "grad_clip": 1.0}
# Grokking (Power et al., 2022; Nanda et al., 2023): 30 % of the pairs of mod-97 addition,
# AdamW with strong weight decay. Half Nanda's width and batches of 512 rather than the
# whole set, so that a 2-core laptop groks in minutes: training accuracy reaches 100 % by
# step 1,000, test accuracy jumps after step 5,000. The README gives it; a lesson uses it.
GROKKING: dict[str, str | float | int] = {
    "task": "modular", "modulus": 97, "train_share": 0.3, "layers": 1, "heads": 4,
    "width": 64, "mlp": 256, "optimizer": "adamw", "learning_rate": 0.001,
    "weight_decay": 0.5, "batch_size": 512, "beta2": 0.98}
# Facts the page needs besides the settings' bounds (generated into LAB_CONSTANTS).
CONSTANTS = {"task_goals": TASK_GOALS, "grokking": GROKKING}

TaskName = Literal["reverse", "sort", "shift", "induction", "modular"]


class AttentionConfig(Input):
    """The attention lab's settings: its task (generated tokens) and its Transformer."""

    lab: Literal["attention"] = "attention"
    # The task
    task: TaskName = Field("reverse", description=(
        "reverse: the sequence backwards; sort: its tokens in order; shift: moved `shift` "
        "places; induction: the next token of a repeated half; modular: (a + b) mod p."))
    vocabulary: Whole = Field(10, ge=2, le=MAX_VOCABULARY, description="Distinct tokens in "
                              "the sequences (not modular: its tokens are 0 … p - 1).")
    length: Whole = Field(8, ge=2, le=MAX_LENGTH, description="Tokens in each sequence "
                          "(induction: both halves).")
    shift: Whole = Field(1, ge=1, le=MAX_LENGTH - 1, description="shift: how many places.")
    modulus: Whole = Field(97, ge=2, le=MAX_MODULUS, description="modular: p.")
    train_share: float = bounded(0.05, 0.95, 0.8, "Share of the examples used for training.")
    data_seed: Whole = Field(0, ge=0, le=2**31 - 1, description="Draws the examples.")
    probe: Whole = Field(0, ge=0, le=MAX_MODULUS**2 - 1, description="The test example the "
                         "frames show (taken modulo the test examples).")
    # The network
    layers: Whole = Field(1, ge=1, le=MAX_LAYERS, description="Transformer blocks.")
    heads: Whole = Field(2, ge=1, le=MAX_HEADS, description="Attention heads per block; "
                         "they share the width.")
    width: Whole = Field(32, ge=8, le=MAX_WIDTH, description="Model width: each token's "
                         "vector (a multiple of the heads).")
    mlp: Whole = Field(64, ge=0, le=MAX_MLP, description="The MLP's hidden units in each "
                       "block (0: attention only).")
    positions: Literal["learned", "sinusoidal"] = Field("learned", description="learned: a "
                                                        "vector per position, trained; "
                                                        "sinusoidal: fixed waves.")
    causal: bool = Field(False, description="Each position attends only to itself and the "
                         "positions before (a decoder); then sequence tasks read the answer "
                         "after a separator, one token at a time.")
    norm: Literal["pre", "post"] = Field("pre", description="Layer norm before each "
                                         "sublayer (pre) or after its residual sum (post).")
    dropout: float = bounded(0.0, 0.5, 0.0, "Share of each sublayer's outputs dropped while "
                             "training.")

    @model_validator(mode="after")
    def _fits(self) -> Self:
        if self.width % self.heads:
            raise ValueError(f"width {self.width} is not a multiple of heads {self.heads}: "
                             "the heads share the width equally")
        if self.task == "shift" and self.shift >= self.length:
            raise ValueError(f"shift {self.shift} must be below the length {self.length}")
        if self.task == "induction" and self.length < 4:
            raise ValueError(f"the induction task needs length ≥ 4 (two halves of at least 2), "
                             f"not {self.length}")
        return self


class ExplainAttention(Request):
    """Step through one attention computation of the probe with the engine's numbers: one
    query position of one head of one block (its query, every key and value, the scores
    q·k/√d, the mask, the softmax and the weighted sum), then backpropagation to one weight
    of the head's query matrix (each key's share of ∂ loss / ∂ weight through this query).
    Answered (to this connection only) by a binary `attention_explanation` message with
    reply_to = id."""

    type: Literal["explain_attention"]
    layer: Whole = Field(0, ge=0, le=MAX_LAYERS - 1, description="The block, from 0.")
    head: Whole = Field(0, ge=0, le=MAX_HEADS - 1, description="The head, from 0.")
    query: Whole = Field(0, ge=0, le=MAX_POSITIONS - 1, description="The query's position.")
    row: Whole = Field(0, ge=0, le=MAX_WIDTH - 1, description="The weight's row of W_q: the "
                       "input dimension it reads.")
    column: Whole = Field(0, ge=0, le=MAX_WIDTH - 1, description="The weight's column within "
                          "the head: the query dimension it makes.")


AttentionRequest = ExplainAttention
VIEW_REQUESTS = (ExplainAttention,)  # a question: a view link may ask it


class AttentionExplanationHeader(BinaryHeader):
    """One attention computation and one weight's gradient, computed by the engine itself
    on the probe. Dims: S, the input's positions; d, the head's dimensions (width /
    heads)."""

    ARRAYS = (
        DeclaredArray("query_vector", "float32", ("d",), "q: the query position's input "
                      "times W_q, the head's columns."),
        DeclaredArray("keys", "float32", ("S", "d"), "k of every position."),
        DeclaredArray("values", "float32", ("S", "d"), "v of every position."),
        DeclaredArray("scores", "float32", ("S",), "q·k/√d for every key, before the mask."),
        DeclaredArray("allowed", "float32", ("S",), "1 where the mask lets the query see the "
                      "key, 0 where it hides it."),
        DeclaredArray("weights", "float32", ("S",), "The softmax of the allowed scores: "
                      "they add up to 1."),
        DeclaredArray("mixed", "float32", ("d",), "Σ weights · values: what the head "
                      "passes on for this position."),
        DeclaredArray("score_gradients", "float32", ("S",), "∂ loss / ∂ score of every key."),
        DeclaredArray("weight_shares", "float32", ("S",), "Each key's share of ∂ loss / ∂ "
                      "W_q[row, column] through this query: input[row] · k[column] / √d · "
                      "∂ loss / ∂ score."),
    )

    kind: Literal["attention_explanation"] = "attention_explanation"
    reply_to: int | None
    step: int = Field(description="The training step.")
    layer: int
    head: int
    query: int
    row: int
    column: int
    input_value: float = Field(description="The query position's attention input at `row`.")
    loss: float | None = Field(description="The probe's loss; None when not finite.")
    gradient: float | None = Field(description="∂ loss / ∂ W_q[row, column] on the probe, "
                                   "through every query (weight_shares cover this one).")
    arrays: list[ArraySpec] = Field(default_factory=list)


# What its frames carry besides the core's statistics. Dims: S, the input's positions; P,
# the positions with an answer; K, the classes (tokens that may be answered); L, blocks;
# A, heads; V, the input's tokens (the classes and the separator).
FRAME_ARRAYS = (
    DeclaredArray("tokens", "int32", ("S",), "The probe's input tokens (the last, V - 1, is "
                  "the separator or '=').", True),
    DeclaredArray("token_targets", "int32", ("P",), "The answer the probe should get, at "
                  "the last P positions.", True),
    DeclaredArray("token_outputs", "float32", ("P", "K"), "The network's class probabilities "
                  "there.", True),
    DeclaredArray("attention_maps", "float32", ("L", "A", "S", "S"), "Every head's "
                  "attention on the probe: row q, how much position q reads each position.",
                  True),
    DeclaredArray("answer_scores", "float32", ("P",), "The test accuracy at each answer "
                  "position (over the first 512 test examples).", True),
    DeclaredArray("token_map", "float32", ("V", 2), "The token embeddings projected on their "
                  "two principal components.", True),
    DeclaredArray("position_map", "float32", ("S", 2), "The position embeddings projected on "
                  "their two principal components.", True),
)
