"""A training run: the engine objects behind one session, driven synchronously.

Everything here may block for a while (compiling, training), so the session
calls it from a worker thread, never from the event loop.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import jax
import jax.numpy as jnp
import numpy as np
import optax

from ..data import DATASETS, make_planar_data, split
from ..data.user import UserPoints
from ..engine import (
    LOSSES_BY_PROBLEM,
    MAX_CHUNK,
    SCHEDULES,
    Dataset,
    DenseNet,
    Hyper,
    LayerStats,
    Params,
    Regime,
    Trainer,
    hyper,
    input_grid,
    set_parameter,
    trainer_for,
    transplant,
)
from ..engine.explain import explain_jit
from ..engine.landscape import Directions, Slice, Trajectory, landscape
from ..engine.padded import PaddedNet, arch_of, exact_layers, exact_nodes, pad, unpad
from ..protocol import SessionConfig
from . import compiler

DATA_FIELDS = {"dataset", "noise", "train_share", "data_seed"}
INIT_FIELDS = {"seed", "init"}


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
    early_stopped: tuple[int, float] | None = None  # (step, test loss) of weights restored
    encoded: dict[Detail, bytes] = field(default_factory=dict)  # the frame's messages so far
    playing: bool = False  # what `encoded` says of the session


@lru_cache(maxsize=16)
def _grid(resolution: int) -> jax.Array:
    return input_grid(resolution)


def regime_for(config: SessionConfig) -> Regime:
    """The optional parts of a step this config switches on."""
    rate = config.regularization_rate > 0
    return Regime(
        dropout=any(config.dropout), clip=config.grad_clip > 0,
        l1=rate and config.regularization == "l1", l2=rate and config.regularization == "l2",
        schedule=config.schedule != "constant" or config.warmup_steps > 0,
    )


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
    """`exact` is the trainer the config asks for; `trainer` is the one running: the exact
    one once it is compiled, until then the padded network that needs no compile."""

    def __init__(self, config: SessionConfig, user: UserPoints | None = None) -> None:
        self.config = config
        self.user = user  # the user's own points, used while config.dataset == "custom"
        self.data_version = 0
        self._make_data()
        self.exact = self.trainer = self._trainer()
        self.hyper = hyper_for(config)
        self.state = self.exact.init_state(config.seed, config.init)
        self._to_warm: Trainer | None = self._padded()  # compiled after the next frame
        self.train_seconds = 0.0  # how long the last advance trained, for the session's pace
        self.trajectory = Trajectory()  # recent weights, for the loss landscape's path

    # -- what the data asks for ---------------------------------------------------

    @property
    def problem(self) -> str:
        return problem_of(self.config, self.user)

    @property
    def classes(self) -> int:
        return classes_of(self.config, self.user)

    @property
    def padded_mode(self) -> bool:
        return self.trainer is not self.exact

    def exact_params(self) -> Params:
        if self.padded_mode:
            return jax.tree.map(jnp.asarray, unpad(self.state.params, self.exact.model))
        return self.state.params

    # -- configuration ---------------------------------------------------------------

    def reconfigure(self, config: SessionConfig, user: UserPoints | None = None) -> None:
        """Move to a new config (and user data), keeping what was learned where it fits."""
        if config == self.config and user is self.user:
            return  # the common case: every tick asks for the config it already has
        changed = {k for k, v in config if getattr(self.config, k) != v}
        old, old_user, params = self.exact, self.user, self.exact_params()
        self.config, self.user = config, user
        if changed & DATA_FIELDS or user is not old_user:
            self._make_data()
        self.exact = self._trainer()
        self.hyper = hyper_for(config)
        if changed & INIT_FIELDS:
            self.reset()
        elif self.exact != old:
            if old.model != self.exact.model:
                fresh = self.exact.model.init(config.seed, config.init)
                params = jax.tree.map(jnp.asarray,
                                      transplant(params, old.model, fresh, self.exact.model))
            # Optimizer moments survive only a change of batch size or regime.
            keep = (old.model, old.optimizer_name) == (self.exact.model, self.exact.optimizer_name)
            self._run(params, self.state.opt_state if keep and not self.padded_mode else None)

    def reset(self) -> None:
        """The initial weights of the current seed and architecture, step 0."""
        seed = self.config.seed  # as Trainer.init_state derives both
        self.state = self.state._replace(step=jnp.int32(0), key=jax.random.key(seed))
        self._run(self.exact.model.init(seed, self.config.init))

    def set_parameter(self, layer: int, name: str, index: tuple[int, ...], value: float) -> None:
        params = jax.tree.map(jnp.asarray, set_parameter(self.exact_params(), layer, name,
                                                         index, value))
        if self.padded_mode:
            params = pad(params, self.exact.model)
        self.state = self.state._replace(params=params)

    def _run(self, params: Params, opt_state: optax.OptState | None = None) -> None:
        """Continue from exact `params` with the exact trainer if it is compiled, else with
        the padded one (compiling the exact one meanwhile), else compile in the foreground."""
        step, key = self.state.step, self.state.key
        padded = self._padded()
        if compiler.ready(self.exact) or not compiler.ready(padded):
            self.trainer = self.exact
            self.state = self.exact.state_for(params, step, key)
            if opt_state is not None:
                self.state = self.state._replace(opt_state=opt_state)
            self._to_warm = padded
            return
        self.trainer = padded
        self.state = padded.state_for(pad(params, self.exact.model), step, key)
        self._to_warm = self.exact

    def _padded(self) -> Trainer:
        e = self.exact
        return trainer_for(PaddedNet(e.model.n_outputs), e.problem, e.loss, e.optimizer_name,
                           e.batch_size, e.regime)

    def _hyper_for(self, trainer: Trainer) -> Hyper:
        return self.hyper if trainer is self.exact else self.hyper._replace(
            arch=arch_of(self.exact.model))

    def _sample_args(self, trainer: Trainer) -> compiler.SampleArgs:
        """Arguments of the right shapes to compile `trainer`'s functions with."""
        params = self.exact.model.init(0)
        if trainer is not self.exact:
            params = pad(params, self.exact.model)
        state = trainer.state_for(params, jnp.int32(0), jax.random.key(0))
        return compiler.SampleArgs(state, self.data, self._hyper_for(trainer),
                                   _grid(Detail.output_resolution),
                                   _grid(Detail.neuron_resolution))

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
        return trainer_for(model, problem, loss, c.optimizer, batch, regime_for(c))

    # -- training ----------------------------------------------------------------------

    @property
    def steps_per_epoch(self) -> int:
        return -(-len(self.host_data.x_train) // self.trainer.batch_size)

    def advance(self, steps: int, detail: Detail) -> FrameData:
        """Train `steps` optimizer steps in fused chunks, then take a snapshot.

        A run that stops being finite is rolled back to the state before this
        call, and the frame shows that state, marked as diverged.
        """
        if self.padded_mode and compiler.ready(self.exact):
            self._run(self.exact_params())  # the exact network has compiled: switch back
        before = self.state
        hyper = self._hyper_for(self.trainer)
        started = time.perf_counter()
        remaining = steps
        while remaining > 0:
            n = min(remaining, MAX_CHUNK)
            self.state, _ = self.trainer.train_chunk(
                self.state, self.data.x_train, self.data.y_train, hyper, np.int32(n)
            )
            remaining -= n
        if steps:
            compiler.mark_compiled(self.trainer, "train_chunk")
            jax.block_until_ready(self.state.step)  # so that the time is the training's
            self.train_seconds = time.perf_counter() - started
        frame = self.frame(detail)
        if frame.finite:
            return frame
        self.state = before
        frame = self.frame(detail)
        frame.diverged = True
        return frame

    def restore_params(self, params: Params) -> None:
        """Continue from exact `params` at the same step, with fresh optimizer moments."""
        self._run(params)

    def landscape(self, directions: Directions, resolution: int, span: float,
                  seed: int) -> Callable[[], Slice]:
        """The loss around the current weights of the exact network, with the path: taken
        now, computed when called (on any thread, while this run trains on)."""
        trainer, params, step = self.exact, self.exact_params(), int(self.state.step)
        trajectory, x, y = self.trajectory.copy(), self.data.x_train, self.data.y_train
        return lambda: landscape(trainer, params, step, trajectory, x, y, directions,
                                 resolution, span, seed)

    def explain(self, x1: float, x2: float, label: float) -> tuple[dict[str, object],
                                                                   dict[str, np.ndarray]]:
        """One example through the exact network and back: header values and arrays."""
        params = self.exact_params()
        opt_state = (self.exact.optimizer.init(params) if self.padded_mode
                     else self.state.opt_state)
        got = jax.device_get(explain_jit(self.exact)(
            params, opt_state, self.state.step, jnp.array([x1, x2], jnp.float32),
            jnp.array([label], jnp.float32), self.hyper))
        header = {"step": int(self.state.step), "loss": float(got.loss),
                  "learning_rate": float(self.exact.learning_rate(self.hyper, self.state.step)),
                  "layer_sizes": list(self.exact.model.layer_sizes)}
        arrays = {
            "inputs": np.asarray(got.inputs, np.float32),
            "pre": np.concatenate(got.pre).astype(np.float32),
            "post": np.concatenate(got.post).astype(np.float32),
            "deltas": np.concatenate(got.deltas).astype(np.float32),
            "weight_grads": _flat(got.grads, "w"), "bias_grads": _flat(got.grads, "b"),
            "weight_updates": _flat(got.updates, "w"), "bias_updates": _flat(got.updates, "b"),
        }
        return header, arrays

    def frame(self, detail: Detail) -> FrameData:
        snap = self.trainer.snapshot(
            self.state, self.data, self._hyper_for(self.trainer),
            _grid(detail.output_resolution), _grid(max(detail.neuron_resolution, 1)),
        )
        compiler.mark_compiled(self.trainer, "snapshot")
        model, params, grads, batch_grads = (self.exact.model, snap.params, snap.grads,
                                             snap.batch_grads)
        if self.padded_mode:
            params, grads = unpad(params, model), unpad(grads, model)
            batch_grads = unpad(batch_grads, model)
            snap = snap._replace(
                neuron_maps=snap.neuron_maps[exact_nodes(model)],
                neuron_ranges=snap.neuron_ranges[exact_nodes(model)],
                stats=type(snap.stats)(*(a[exact_layers(model)] for a in snap.stats)),
            )
        step = int(snap.step)
        classification = self.problem != "regression"
        header = {
            "step": step,
            "epoch": step * self.trainer.batch_size / len(self.host_data.x_train),
            "train_loss": float(snap.train_loss),
            "test_loss": float(snap.test_loss),
            "train_accuracy": float(snap.train_accuracy) if classification else None,
            "test_accuracy": float(snap.test_accuracy) if classification else None,
            "learning_rate": float(snap.learning_rate),
            "layer_sizes": list(model.layer_sizes),
            "data_version": self.data_version,
        }
        low, high = (float(v) for v in snap.output_range)
        frame = FrameData(header, {"output": snap.output_map}, {"output": (low, high)},
                          finite=bool(snap.finite))
        if frame.finite:
            self.trajectory.record(step, params)
        if self.problem == "multiclass":
            frame.arrays["classes"] = snap.class_map
        if detail.neuron_resolution:
            frame.arrays["neurons"] = np.ascontiguousarray(snap.neuron_maps)
            frame.arrays["neuron_ranges"] = snap.neuron_ranges.astype(np.float32)
        if detail.parameters:
            frame.arrays.update(_parameter_arrays(params, grads, batch_grads, snap.stats))
        if self._to_warm is not None:
            # Only now: the compile's tracing holds the GIL, and this frame goes first.
            compiler.warm(self._to_warm, self._sample_args(self._to_warm))
            self._to_warm = None
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


def _parameter_arrays(params: Params, grads: Params, batch_grads: Params, s: LayerStats,
                      ) -> dict[str, np.ndarray]:
    return {
        "weights": _flat(params, "w"),
        "biases": _flat(params, "b"),
        "weight_grads": _flat(grads, "w"),
        "bias_grads": _flat(grads, "b"),
        "weight_grads_batch": _flat(batch_grads, "w"),
        "bias_grads_batch": _flat(batch_grads, "b"),
        "layer_stats": np.stack([s.grad_norm, s.weight_mean, s.weight_std, s.activation_mean,
                                 s.activation_std, s.dead_units, s.hist_range[:, 0],
                                 s.hist_range[:, 1], s.hist_range[:, 2]],
                                axis=1).astype(np.float32),
        "weight_hist": s.weight_hist.astype(np.float32),
        "grad_hist": s.grad_hist.astype(np.float32),
        "activation_hist": s.activation_hist.astype(np.float32),
    }
