"""A training run: the engine objects behind one session, driven synchronously.

Everything here may block for a while (compiling, training), so the session
calls it from a worker thread, never from the event loop.
"""

from dataclasses import dataclass, field
from functools import lru_cache

import jax
import jax.numpy as jnp
import numpy as np

from ..data import DATASETS, make_planar_data, split
from ..data.user import UserPoints
from ..engine import (
    LOSSES_BY_PROBLEM,
    MAX_CHUNK,
    SCHEDULES,
    Dataset,
    DenseNet,
    Hyper,
    Snapshot,
    Trainer,
    TrainState,
    hyper,
    input_grid,
    set_parameter,
    trainer_for,
    transplant,
)
from ..protocol import SessionConfig

DATA_FIELDS = {"dataset", "noise", "train_share", "data_seed"}
INIT_FIELDS = {"seed", "init"}
STRUCTURE_FIELDS = {"features", "hidden", "activations", "loss", "optimizer", "batch_size"}


@dataclass(frozen=True)
class Detail:
    """How much a frame shows (the union of what the connected clients subscribed to)."""

    output_resolution: int = 100
    neuron_resolution: int = 50
    parameters: bool = True


@dataclass
class FrameData:
    """One frame's header values and arrays, as host data."""

    header: dict[str, float | int | list[int] | None]
    arrays: dict[str, np.ndarray] = field(default_factory=dict)
    ranges: dict[str, tuple[float, float]] = field(default_factory=dict)
    finite: bool = True
    diverged: bool = False  # this advance went non-finite and was rolled back


@lru_cache(maxsize=16)
def _grid(resolution: int) -> jax.Array:
    return input_grid(resolution)


def hyper_for(config: SessionConfig) -> Hyper:
    rate = config.regularization_rate
    return hyper(
        config.learning_rate, momentum=config.momentum, b1=config.beta1, b2=config.beta2,
        weight_decay=config.weight_decay, decay=config.rms_decay,
        l1=rate if config.regularization == "l1" else 0.0,
        l2=rate if config.regularization == "l2" else 0.0,
        dropout=tuple(config.dropout), clip_norm=config.grad_clip,
        schedule=SCHEDULES.index(config.schedule), schedule_steps=config.schedule_steps,
        schedule_gamma=config.schedule_gamma, warmup_steps=config.warmup_steps,
    )


class TrainingRun:
    def __init__(self, config: SessionConfig, user: UserPoints | None = None) -> None:
        self.config = config
        self.user = user  # the user's own points, used while config.dataset == "custom"
        self.data_version = 0
        self._make_data()
        self.trainer = self._trainer()
        self.state = self._initial_state()
        self.hyper = hyper_for(config)

    # -- what the data asks for ---------------------------------------------------

    @property
    def problem(self) -> str:
        return problem_of(self.config, self.user)

    @property
    def classes(self) -> int:
        return classes_of(self.config, self.user)

    # -- configuration ---------------------------------------------------------------

    def reconfigure(self, config: SessionConfig, user: UserPoints | None = None) -> None:
        """Move to a new config (and user data), keeping what was learned where it fits."""
        changed = {k for k, v in config if getattr(self.config, k) != v}
        old_trainer, old_user = self.trainer, self.user
        self.config, self.user = config, user
        if changed & DATA_FIELDS or user is not old_user:
            self._make_data()
        self.trainer = self._trainer()
        if changed & INIT_FIELDS:
            self.state = self._initial_state()
        elif self.trainer != old_trainer:
            self._adopt(old_trainer)
        self.hyper = hyper_for(config)

    def reset(self) -> None:
        """The initial weights of the current seed and architecture, step 0."""
        self.state = self._initial_state()

    def set_parameter(self, layer: int, name: str, index: tuple[int, ...], value: float) -> None:
        params = set_parameter(self.state.params, layer, name, index, value)
        self.state = self.state._replace(params=jax.tree.map(jnp.asarray, params))

    def _make_data(self) -> None:
        c = self.config
        if c.dataset == "custom":
            if self.user is None:
                raise ValueError("the custom dataset needs points: upload or draw some")
            self.host_data = split(self.user.xy, self.user.labels, c.train_share,
                                   np.random.default_rng(c.data_seed))
        else:
            self.host_data = make_planar_data(c.dataset, noise=c.noise,
                                              train_share=c.train_share, seed=c.data_seed)
        self.data = Dataset(*(jnp.asarray(a) for a in self.host_data))
        self.data_version += 1

    def _trainer(self) -> Trainer:
        c = self.config
        problem = self.problem
        model = DenseNet(
            features=tuple(c.features), hidden=tuple(c.hidden),
            activations=tuple(c.activations), n_outputs=max(1, self.classes)
            if problem == "multiclass" else 1,
        )
        loss = c.loss if c.loss in LOSSES_BY_PROBLEM[problem] else LOSSES_BY_PROBLEM[problem][0]
        batch = min(c.batch_size, len(self.host_data.x_train))
        return trainer_for(model, problem, loss, c.optimizer, batch)

    def _initial_state(self) -> TrainState:
        return self.trainer.init_state(jax.random.key(self.config.seed), self.config.init)

    def _adopt(self, old: Trainer) -> None:
        """Carry the parameters over to a new trainer; optimizer moments survive only
        where the parameters and the optimizer are unchanged."""
        state = self.state
        if old.model != self.trainer.model:
            fresh = self.trainer.model.init(jax.random.key(self.config.seed), self.config.init)
            params = jax.tree.map(jnp.asarray,
                                  transplant(state.params, old.model, fresh, self.trainer.model))
            self.state = self.trainer.state_for(params, state.step, state.key)
        elif old.optimizer_name != self.trainer.optimizer_name:
            self.state = self.trainer.state_for(state.params, state.step, state.key)

    # -- training ----------------------------------------------------------------------

    @property
    def steps_per_epoch(self) -> int:
        return -(-len(self.host_data.x_train) // self.trainer.batch_size)

    def advance(self, steps: int, detail: Detail) -> FrameData:
        """Train `steps` optimizer steps in fused chunks, then take a snapshot.

        A run that stops being finite is rolled back to the state before this
        call, and the frame shows that state, marked as diverged.
        """
        before = self.state
        remaining = steps
        while remaining > 0:
            n = min(remaining, MAX_CHUNK)
            self.state, _ = self.trainer.train_chunk(
                self.state, self.data.x_train, self.data.y_train, self.hyper, jnp.int32(n)
            )
            remaining -= n
        frame = self.frame(detail)
        if frame.finite:
            return frame
        self.state = before
        frame = self.frame(detail)
        frame.diverged = True
        return frame

    def frame(self, detail: Detail) -> FrameData:
        snap: Snapshot = jax.device_get(self.trainer.snapshot(
            self.state.params, self.data, self.hyper, self.state.step,
            _grid(detail.output_resolution), _grid(max(detail.neuron_resolution, 1)),
        ))
        step = int(self.state.step)
        classification = self.problem != "regression"
        header = {
            "step": step,
            "epoch": step * self.trainer.batch_size / len(self.host_data.x_train),
            "train_loss": float(snap.train_loss),
            "test_loss": float(snap.test_loss),
            "train_accuracy": float(snap.train_accuracy) if classification else None,
            "test_accuracy": float(snap.test_accuracy) if classification else None,
            "learning_rate": float(snap.learning_rate),
            "layer_sizes": list(self.trainer.model.layer_sizes),
            "data_version": self.data_version,
        }
        low, high = (float(v) for v in snap.output_range)
        frame = FrameData(header, {"output": snap.output_map}, {"output": (low, high)},
                          finite=bool(snap.finite))
        if self.problem == "multiclass":
            frame.arrays["classes"] = snap.class_map
        if detail.neuron_resolution:
            frame.arrays["neurons"] = snap.neuron_maps
            frame.arrays["neuron_ranges"] = snap.neuron_ranges.astype(np.float32)
        if detail.parameters:
            frame.arrays.update(_parameter_arrays(self.state.params, snap))
        return frame


def problem_of(config: SessionConfig, user: UserPoints | None) -> str:
    if config.dataset == "custom":
        return user.problem if user is not None else "binary"
    return DATASETS[config.dataset].problem


def classes_of(config: SessionConfig, user: UserPoints | None) -> int:
    if config.dataset == "custom":
        return user.classes if user is not None else 2
    return DATASETS[config.dataset].classes


def _flat(layers: list[dict[str, np.ndarray]], name: str) -> np.ndarray:
    return np.concatenate([np.asarray(layer[name], np.float32).ravel() for layer in layers])


def _parameter_arrays(params: list[dict[str, jax.Array]], snap: Snapshot) -> dict[str, np.ndarray]:
    host = jax.device_get(params)
    s = snap.stats
    return {
        "weights": _flat(host, "w"),
        "biases": _flat(host, "b"),
        "weight_grads": _flat(snap.grads, "w"),
        "bias_grads": _flat(snap.grads, "b"),
        "layer_stats": np.stack([s.grad_norm, s.weight_mean, s.weight_std, s.activation_mean,
                                 s.activation_std, s.dead_units, s.hist_range[:, 0],
                                 s.hist_range[:, 1], s.hist_range[:, 2]],
                                axis=1).astype(np.float32),
        "weight_hist": s.weight_hist.astype(np.float32),
        "grad_hist": s.grad_hist.astype(np.float32),
        "activation_hist": s.activation_hist.astype(np.float32),
    }
