"""The sequences lab's training run: the task's sequences and the recurrent network the
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
from .data import TASKS, generate, vocabulary
from .explain import explain_jit
from .network import SequenceNet
from .protocol import GATES, PARTS, ExplainStep, SequencesConfig, StepExplanationHeader

TEST_BATCH = 64  # test sequences the gradient through time is measured on
SAMPLE_SEED = 0  # a text sample's random numbers stay put: it changes as the network learns


def sequences_config(config: SessionConfig) -> SequencesConfig:
    return lab_part(config, SequencesConfig)


def network_of(config: SessionConfig) -> SequenceNet:
    c = sequences_config(config)
    task = TASKS[c.task]
    return SequenceNet(c.cell, c.layers, c.hidden, task.inputs, task.outputs, task.symbols,
                       task.per_step, c.bptt)


class SequencesRun(ModelRun):
    data_fields = frozenset({"task", "length", "delay", "noise", "text", "train_share",
                             "data_seed"})
    # The frames' gradient over 128 training sequences: backpropagation through time over
    # all of them would cost a frame as much as 16 training steps.
    gradient_rows = 128

    def make_data(self, config: SessionConfig) -> HostData:
        return HostData(*generate(sequences_config(config)))

    def model_of(self, config: SessionConfig, host: HostData) -> SequenceNet:
        return network_of(config)

    def problem(self, config: SessionConfig) -> str:
        return TASKS[sequences_config(config).task].problem

    def probes(self, host: HostData, lab_data: Any, config: SessionConfig,
               ) -> dict[str, Any]:
        c = sequences_config(config)
        probes = {"probe": jnp.asarray(self._probe(host, config)[0][None]),
                  "test": jnp.asarray(host.x_test), "test_y": jnp.asarray(host.y_test),
                  "some_test": jnp.asarray(host.x_test[:TEST_BATCH]),
                  "some_test_y": jnp.asarray(host.y_test[:TEST_BATCH])}
        if c.task == "text":
            probes |= {"temperature": jnp.float32(c.temperature),
                       "key": jax.random.key(SAMPLE_SEED),
                       "characters": jnp.int32(len(vocabulary(c.text)))}
        return probes

    def _probe(self, host: HostData, config: SessionConfig) -> tuple[np.ndarray, np.ndarray]:
        index = sequences_config(config).probe % len(host.x_test)
        return host.x_test[index], host.y_test[index]

    def frame_arrays(self, snap: Snapshot, detail: Detail) -> dict[str, np.ndarray]:
        c, model, views = sequences_config(self.config), self.trainer.model, snap.views
        inputs, targets = self._probe(self.host_data, self.config)
        layers, steps, hidden = model.layers, c.length, model.hidden
        empty = np.zeros((layers, 0, steps, hidden), np.float32)

        def array(name: str, fallback: np.ndarray) -> np.ndarray:
            return np.asarray(views[name], np.float32) if name in views else fallback

        return {
            "sequence_inputs": np.asarray(inputs, np.float32),
            "sequence_targets": np.ravel(targets).astype(np.float32),
            "sequence_outputs": np.asarray(views["sequence_outputs"], np.float32),
            "hidden_states": np.asarray(views["hidden_states"], np.float32),
            "gate_values": array("gate_values", empty).reshape(
                layers, len(GATES[c.cell]), steps, hidden),
            "cell_states": array("cell_states", np.zeros(0, np.float32)),
            "gradient_through_time": np.asarray(views["gradient_through_time"], np.float32),
            "position_scores": np.asarray(views["position_scores"], np.float32),
            "text_sample": np.asarray(views.get("text_sample", np.zeros(0)), np.int32),
            "text_vocabulary": np.array([ord(ch) for ch in vocabulary(c.text)]
                                        if c.task == "text" else [], np.int32),
        }

    def explain_step(self, question: ExplainStep,
                     ) -> tuple[StepExplanationHeader, dict[str, np.ndarray]]:
        """One step of one cell of the probe, and each step's share of the probe's loss
        gradient by one weight: the answer's header and arrays."""
        model = self.trainer.model
        inputs, targets = self._probe(self.host_data, self.config)
        check_step_question(question, model, len(inputs))
        got = jax.device_get(explain_jit(
            model, self.trainer.problem, self.trainer.loss, question.layer, question.weight)(
            self.state.params, jnp.asarray(inputs[None]), jnp.asarray(targets[None]),
            jnp.int32(question.time), jnp.int32(question.row), jnp.int32(question.column)))
        header = StepExplanationHeader(
            reply_to=question.id, step=int(self.state.step), layer=question.layer,
            time=question.time, weight=question.weight, row=question.row,
            column=question.column, cell=model.cell, parts=PARTS[model.cell],
            loss=finite_or_none(got.loss), gradient=finite_or_none(np.sum(got.by_step)))
        arrays = {name: np.asarray(value, np.float32) for name, value in got._asdict().items()
                  if name not in ("loss", "by_step")}
        return header, arrays | {"gradient_by_step": np.asarray(got.by_step, np.float32)}


def check_step_question(question: ExplainStep, model: SequenceNet, steps: int) -> None:
    """Refuse (RequestError) a step or weight that the network and its sequences of `steps`
    steps do not have."""
    rows = {"w": model.input_width if question.layer == 0 else model.hidden,
            "u": model.hidden}[question.weight]
    check_in_range(question, {"layer": model.layers, "time": steps, "row": rows,
                              "column": len(PARTS[model.cell]) * model.hidden})
