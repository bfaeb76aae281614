"""A lab's training run for labs whose config names one model and one data set: its data,
network and trainer, driven synchronously on the session's worker thread. The images and
sequences labs are such runs; each says how its config makes data, model and probes, and
what its frames show (the hooks below).

A change that needs a new program (architecture, optimizer, task…) compiles beside the
session: `reconfigure` answers False meanwhile, and frames keep coming from the network
before it. What was learned is kept wherever the new network has a parameter of the same
place and shape.
"""

from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any, NamedTuple

import jax
import jax.numpy as jnp
import numpy as np
import optax

from ..engine import Hyper, Model, Params, Snapshot, Trainer, compiler
from ..engine.landscape import Directions, Slice, Trajectory, landscape, training_rows
from ..engine.programs import PROGRAMS
from ..engine.training import MIN_ROWS, Dataset, pack, size_bucket
from ..protocol import SessionConfig
from .frame import Detail, FrameData
from .training import (
    INIT_SETTINGS,
    advance_run,
    changed_settings,
    frame_header,
    hyper_for,
    regime_for,
    statistics_arrays,
)


class CompileError(RuntimeError):
    """A change's program failed to compile: the change cannot be applied."""


class HostData(NamedTuple):
    """The split on the host: examples (N, ...) and their targets."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray


def kept(old: Params, fresh: Params) -> Params:
    """`fresh` with every leaf that `old` has at the same path and of the same shape."""
    by_path = {jax.tree_util.keystr(path): leaf
               for path, leaf in jax.tree_util.tree_flatten_with_path(old)[0]}

    def keep(path: Any, leaf: jax.Array) -> jax.Array:
        mine = by_path.get(jax.tree_util.keystr(path))
        return mine if mine is not None and mine.shape == leaf.shape else leaf

    return jax.tree_util.tree_map_with_path(keep, fresh)


class ModelRun(ABC):
    data_fields: frozenset[str]  # the lab's settings that change its data
    gradient_rows = 0  # Trainer.gradient_rows: 0, the frames' gradient over every row
    evaluation_rows = 0  # Trainer.evaluation_rows: 0, the frames' losses over every row

    # -- what each lab says ------------------------------------------------------------

    @abstractmethod
    def make_data(self, config: SessionConfig) -> HostData:
        """The config's data, split (on the worker thread: it may take a while)."""

    @abstractmethod
    def model_of(self, config: SessionConfig, host: HostData) -> Model: ...

    @abstractmethod
    def problem(self, config: SessionConfig) -> str: ...

    def dropout(self, config: SessionConfig) -> tuple[float, ...]:
        """The lab's dropout rates (Hyper.dropout); none by default."""
        return ()

    def draws_random_numbers(self, config: SessionConfig) -> bool:
        """Whether a training step draws random numbers (dropout, augmentation)."""
        return any(rate > 0 for rate in self.dropout(config))

    @abstractmethod
    def probes(self, host: HostData, lab_data: Any, config: SessionConfig,
               ) -> dict[str, Any]:
        """The inputs the model's views read (Model.views), for these data, on the device
        (made once per change, not per frame)."""

    @abstractmethod
    def frame_arrays(self, snap: Snapshot, detail: Detail) -> dict[str, np.ndarray]:
        """The lab's arrays of a frame, from its snapshot."""

    # -- the run -----------------------------------------------------------------------

    def __init__(self, config: SessionConfig, lab_data: Any = None) -> None:
        self.config = config
        self.lab_data = lab_data  # what the lab keeps beside its config (a drawn probe)
        self.data_version = 0
        self.train_seconds = 0.0  # how long the last advance trained
        self.trajectory = Trajectory()  # recent weights, for the loss landscape's path
        self._use_data(self.make_data(config))
        self.trainer = self.trainer_for(config, self.host_data)
        self.hyper = self._hyper(config, self.trainer)
        self.state = self.trainer.init_state(config.seed, config.init)
        self._probes = self.probes(self.host_data, lab_data, config)

    def trainer_for(self, config: SessionConfig, host: HostData) -> Trainer[Any]:
        """The shared trainer of the config's network, optimizer and regime."""
        batch = min(config.batch_size, len(host.x_train))
        return PROGRAMS.trainer(self.model_of(config, host), self.problem(config), config.loss,
                                config.optimizer, size_bucket(batch),
                                regime_for(config, self.draws_random_numbers(config)),
                                size_bucket(len(host.x_train) + len(host.x_test), MIN_ROWS),
                                self.gradient_rows, self.evaluation_rows)

    @property
    def batch_size(self) -> int:
        return min(self.config.batch_size, len(self.host_data.x_train))

    @property
    def steps_per_epoch(self) -> int:
        return -(-len(self.host_data.x_train) // self.batch_size)

    def _hyper(self, config: SessionConfig, trainer: Trainer[Any]) -> Hyper:
        batch = min(config.batch_size, len(self.host_data.x_train))
        return hyper_for(config, batch, trainer, self.dropout(config))

    def _use_data(self, host: HostData) -> None:
        self.host_data = host
        self.data = pack(*host[:4])
        self._slice_data: Dataset | None = None  # the training rows a landscape reads
        self.data_version += 1

    def _sample_args(self, trainer: Trainer[Any], host: HostData, config: SessionConfig,
                     lab_data: Any) -> Callable[[], compiler.SampleArgs]:
        def make() -> compiler.SampleArgs:
            state = trainer.state_for(trainer.model.init(0), jnp.int32(0), jax.random.key(0))
            return compiler.SampleArgs(state, pack(*host[:4]), self._hyper(config, trainer),
                                       self.probes(host, lab_data, config))
        return make

    # -- configuration ---------------------------------------------------------------

    def reconfigure(self, config: SessionConfig, lab_data: Any = None) -> bool:
        if config == self.config:
            self.lab_data = lab_data  # nothing to compile
            self._probes = self.probes(self.host_data, lab_data, config)
            return True
        changed = changed_settings(self.config, config)
        host = self.make_data(config) if changed & self.data_fields else self.host_data
        trainer = self.trainer_for(config, host)
        if trainer != self.trainer and not compiler.ready(trainer):
            if (failed := compiler.failure(trainer)) is not None:
                raise CompileError(f"the new network could not be compiled ({failed})")
            compiler.warm(trainer, self._sample_args(trainer, host, config, lab_data),
                          urgent=True, owner=self)
            return False
        old = self.trainer
        self.config, self.lab_data = config, lab_data
        if changed & self.data_fields:
            self._use_data(host)
        self.trainer = trainer
        self.hyper = self._hyper(config, trainer)
        self._probes = self.probes(self.host_data, lab_data, config)
        if changed & INIT_SETTINGS:
            self.reset()
        elif trainer.model != old.model:
            params = kept(self.state.params, trainer.model.init(config.seed, config.init))
            self.state = trainer.state_for(params, self.state.step, self.state.key)
        elif trainer != old:  # another optimizer or regime: its own moments
            self.state = trainer.state_for(self.state.params, self.state.step, self.state.key)
        return True

    def reset(self) -> None:
        seed = self.config.seed
        self.state = self.trainer.state_for(self.trainer.model.init(seed, self.config.init),
                                            jnp.int32(0), jax.random.key(seed))

    # -- training ----------------------------------------------------------------------

    def advance(self, steps: int, detail: Detail) -> FrameData:
        return advance_run(self, self.hyper, steps, detail)

    def frame(self, detail: Detail) -> FrameData:
        snap = self.trainer.snapshot(self.state, self.data, self.hyper, self._probes)
        compiler.mark_compiled(self.trainer, "snapshot")
        header = frame_header(snap, self.trainer.problem, self.batch_size,
                              len(self.host_data.x_train), self.trainer.model.layer_sizes,
                              self.data_version)
        arrays = self.frame_arrays(snap, detail)
        if detail.parameters:
            arrays.update(statistics_arrays(snap.stats))
        frame = FrameData(header, arrays, finite=bool(snap.finite))
        if frame.finite:
            self.trajectory.record(header["step"], snap.params)
        return frame

    def landscape(self, directions: Directions, resolution: int, span: float,
                  seed: int) -> Callable[[], Slice]:
        trainer, params, step = self.trainer, self.state.params, int(self.state.step)
        if self._slice_data is None:  # once per data version
            self._slice_data = training_rows(self.host_data.x_train, self.host_data.y_train)
        trajectory, data, h = self.trajectory.copy(), self._slice_data, self.hyper
        return lambda: landscape(trainer, params, step, trajectory, data, h, directions,
                                 resolution, span, seed)

    # -- state, for early stopping and session files ------------------------------------

    def exact_params(self) -> Params:
        return self.state.params

    def restore_params(self, params: Params) -> None:
        self.state = self.trainer.state_for(params, self.state.step, self.state.key)

    def exact_state(self) -> tuple[Params, Params, optax.OptState]:
        return (jax.device_get(self.state.params), jax.device_get(self.state.last_grads),
                self.state.opt_state)

    def template(self) -> tuple[Params, optax.OptState]:
        params = self.trainer.model.init(0)
        return params, self.trainer.optimizer.init(params)

    def restore_state(self, params: Params, last_grads: Params, opt_state: optax.OptState,
                      step: int, key: jax.Array) -> None:
        self.state = self.trainer.state_for(params, jnp.int32(step), key)._replace(
            opt_state=opt_state, last_grads=last_grads)
