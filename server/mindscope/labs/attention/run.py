"""The attention lab's training run: the task's token examples and the Transformer the
config describes (sessions/model_run.py does the rest)."""

from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from ...engine import Snapshot
from ...protocol import SessionConfig, lab_part
from ...sessions.frame import Detail
from ...sessions.model_run import HostData, ModelRun
from ...sessions.requests import check_in_range
from ...sessions.training import finite_or_none
from .data import generate, layout
from .explain import explain_jit
from .network import Transformer
from .protocol import AttentionConfig, AttentionExplanationHeader, ExplainAttention

# The test examples the accuracy per answer position is measured on: the frame's curves
# already run every example through the network, and grokking's 6,600 test sums twice
# would double a frame's cost.
SCORED = 512


def attention_config(config: SessionConfig) -> AttentionConfig:
    return lab_part(config, AttentionConfig)


def network_of(config: SessionConfig) -> Transformer:
    c = attention_config(config)
    shape = layout(c)
    return Transformer(shape.tokens, shape.classes, shape.positions, shape.answers, c.layers,
                       c.heads, c.width, c.mlp, c.positions == "learned", shape.causal,
                       c.norm == "pre")


class AttentionRun(ModelRun):
    data_fields = frozenset({"task", "vocabulary", "length", "shift", "modulus", "causal",
                             "train_share", "data_seed"})
    # The frames' gradient over 128 training examples, their losses and accuracies over
    # 1,024 training and 1,024 test examples: over all of them (9,409 sums for grokking) a
    # frame would cost as much as dozens of training steps.
    gradient_rows = 128
    evaluation_rows = 1024

    def make_data(self, config: SessionConfig) -> HostData:
        return HostData(*generate(attention_config(config)))

    def model_of(self, config: SessionConfig, host: HostData) -> Transformer:
        return network_of(config)

    def problem(self, config: SessionConfig) -> str:
        return "multiclass"

    def dropout(self, config: SessionConfig) -> tuple[float, ...]:
        return (attention_config(config).dropout,)

    def probes(self, host: HostData, lab_data: Any, config: SessionConfig,
               ) -> dict[str, Any]:
        return {"probe": jnp.asarray(self._probe(host, config)[0][None]),
                "test": jnp.asarray(host.x_test[:SCORED]),
                "test_y": jnp.asarray(host.y_test[:SCORED])}

    def _probe(self, host: HostData, config: SessionConfig) -> tuple[np.ndarray, np.ndarray]:
        index = attention_config(config).probe % len(host.x_test)
        return host.x_test[index], host.y_test[index]

    def frame_arrays(self, snap: Snapshot, detail: Detail) -> dict[str, np.ndarray]:
        tokens, answers = self._probe(self.host_data, self.config)
        views = snap.views
        return {"tokens": tokens.astype(np.int32),
                "token_targets": np.ravel(answers).astype(np.int32),
                **{name: np.asarray(views[name], np.float32) for name in (
                    "token_outputs", "attention_maps", "answer_scores", "token_map",
                    "position_map")}}

    def explain_attention(self, question: ExplainAttention,
                          ) -> tuple[AttentionExplanationHeader, dict[str, np.ndarray]]:
        """One attention computation of the probe and one W_q weight's gradient: the
        answer's header and arrays."""
        model = self.trainer.model
        check_attention_question(question, model)
        tokens, answers = self._probe(self.host_data, self.config)
        got = jax.device_get(explain_jit(model, self.trainer.problem, self.trainer.loss,
                                         question.layer)(
            self.state.params, jnp.asarray(tokens[None]), jnp.asarray(answers[None]),
            jnp.int32(question.head), jnp.int32(question.query), jnp.int32(question.row),
            jnp.int32(question.column)))
        header = AttentionExplanationHeader(
            reply_to=question.id, step=int(self.state.step), layer=question.layer,
            head=question.head, query=question.query, row=question.row,
            column=question.column, input_value=float(got.input_value),
            loss=finite_or_none(got.loss), gradient=finite_or_none(got.gradient))
        arrays = {name: np.asarray(value, np.float32) for name, value in got._asdict().items()
                  if name not in ("input_value", "loss", "gradient")}
        return header, arrays


def check_attention_question(question: ExplainAttention, model: Transformer) -> None:
    """Refuse (RequestError) a block, head, position or weight the network does not have."""
    check_in_range(question, {"layer": model.layers, "head": model.heads,
                              "query": model.positions, "row": model.width,
                              "column": model.head_width})
