"""What every lab's run shares: the shared training settings as the engine takes them,
training in fused chunks with a rollback when it stops being finite, and the frame's
header and statistics. Runs call these on the worker thread."""

import math
import time
from typing import Any, Protocol

import jax
import numpy as np

from .. import codec
from ..engine import MAX_CHUNK, Hyper, LayerStats, Regime, Trainer, TrainState, compiler, hyper
from ..engine.losses import HEAD_KEYS
from ..engine.programs import PROGRAMS
from ..engine.training import Dataset, Snapshot
from ..protocol import DataHeader, SessionConfig
from ..vocabulary import OPTIMIZER_NAMES, SCHEDULES
from .frame import Detail, FrameData

# A change of these restarts from the initial weights they draw.
INIT_SETTINGS = frozenset({"seed", "init"})


def changed_settings(old: SessionConfig, new: SessionConfig) -> set[str]:
    """The settings that differ, the lab's named as its own."""
    return ({k for k, v in new if k != "lab" and getattr(old, k) != v}
            | {k for k, v in new.lab if getattr(old.lab, k) != v})


def regime_for(config: SessionConfig, dropout: bool) -> Regime:
    """The optional parts of a step the config switches on (`dropout`: the lab's)."""
    rate = config.regularization_rate > 0
    return Regime(
        dropout=dropout, clip=config.grad_clip > 0,
        l1=rate and config.regularization == "l1", l2=rate and config.regularization == "l2",
        schedule=config.schedule != "constant" or config.warmup_steps > 0,
    )


def hyper_for(config: SessionConfig, batch_size: int, trainer: Trainer[Any],
              dropout: tuple[float, ...] = ()) -> Hyper:
    """The traced values of `config` for `trainer` (whose head and optimizer they name,
    for a trainer that takes any: the 2D lab's padded bridge)."""
    rate = config.regularization_rate
    return hyper(
        config.learning_rate, momentum=config.momentum, b1=config.beta1, b2=config.beta2,
        weight_decay=config.weight_decay, decay=config.rms_decay,
        l1=rate if config.regularization == "l1" else 0.0,
        l2=rate if config.regularization == "l2" else 0.0,
        dropout=dropout, clip_norm=config.grad_clip, batch_size=batch_size,
        head=HEAD_KEYS.index((trainer.problem, trainer.loss)),
        optimizer=OPTIMIZER_NAMES.index(trainer.optimizer_name),
        schedule=SCHEDULES.index(config.schedule), schedule_steps=config.schedule_steps,
        schedule_gamma=config.schedule_gamma, warmup_steps=config.warmup_steps,
    )


def train(trainer: Trainer[Any], state: TrainState, data: Dataset, h: Hyper, steps: int,
          ) -> tuple[TrainState, float]:
    """`steps` optimizer steps in fused chunks: the new state and the seconds it took."""
    PROGRAMS.used(trainer)
    started = time.perf_counter()
    remaining = steps
    while remaining > 0:
        n = min(remaining, MAX_CHUNK)
        state, _ = trainer.train_chunk(state, data, h, np.int32(n))
        remaining -= n
    if steps:
        compiler.mark_compiled(trainer, "train_chunk")
        jax.block_until_ready(state.step)  # so that the time is the training's
    return state, time.perf_counter() - started


class Trains(Protocol):
    """A lab's run, as `advance_run` drives it."""

    state: TrainState
    train_seconds: float

    @property
    def trainer(self) -> Trainer[Any]: ...
    @property
    def data(self) -> Dataset: ...
    def frame(self, detail: Detail) -> FrameData: ...


def advance_run(run: Trains, h: Hyper, steps: int, detail: Detail) -> FrameData:
    """Train `steps` of `run` and take a frame. A run that stops being finite is rolled
    back to the state before, and the frame shows that state, marked as diverged."""
    before = run.state
    run.state, seconds = train(run.trainer, run.state, run.data, h, steps)
    if steps:
        run.train_seconds = seconds
    frame = run.frame(detail)
    if frame.finite:
        return frame
    run.state = before
    frame = run.frame(detail)
    frame.diverged = True
    return frame


def data_message(data_version: int, x_train: np.ndarray, y_train: np.ndarray,
                 x_test: np.ndarray, y_test: np.ndarray) -> bytes:
    """The binary `data` message: the examples and their labels, each flattened."""
    def flat(x: np.ndarray) -> np.ndarray:
        return np.ascontiguousarray(x.reshape(len(x), -1))

    return codec.encode(DataHeader(data_version=data_version).model_dump(exclude={"arrays"}),
                        {"x_train": flat(x_train), "y_train": flat(y_train),
                         "x_test": flat(x_test), "y_test": flat(y_test)})


def finite_or_none(value: Any) -> float | None:
    """A header's number, or None where JSON has none (NaN, ±Infinity)."""
    number = float(value)
    return number if math.isfinite(number) else None


def frame_header(snap: Snapshot, problem: str, batch_size: int, n_train: int,
                 layer_sizes: list[int], data_version: int) -> dict[str, Any]:
    """The core's part of a frame header (the session adds its own)."""
    step = int(snap.step)
    classification = problem != "regression"
    return {
        "step": step,
        "epoch": step * batch_size / n_train,
        "train_loss": finite_or_none(snap.train_loss),
        "test_loss": finite_or_none(snap.test_loss),
        "train_accuracy": float(snap.train_accuracy) if classification else None,
        "test_accuracy": float(snap.test_accuracy) if classification else None,
        "learning_rate": float(snap.learning_rate),
        "layer_sizes": layer_sizes,
        "data_version": data_version,
    }


def statistics_arrays(s: LayerStats) -> dict[str, np.ndarray]:
    """The per-group statistics and histograms of "Inside the network"."""
    return {
        "layer_stats": np.stack([s.grad_norm, s.weight_mean, s.weight_std, s.activation_mean,
                                 s.activation_std, s.dead_units, s.hist_range[:, 0],
                                 s.hist_range[:, 1], s.hist_range[:, 2]],
                                axis=1).astype(np.float32),
        "weight_hist": np.asarray(s.weight_hist, np.float32),
        "grad_hist": np.asarray(s.grad_hist, np.float32),
        "activation_hist": np.asarray(s.activation_hist, np.float32),
    }
