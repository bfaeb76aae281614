"""The images lab's training run: the digits, the convolutional network the config
describes and its trainer, driven synchronously on the session's worker thread.

A change that needs a new program (filters, kernel, pooling, optimizer…) compiles beside
the session: `reconfigure` answers False meanwhile, and frames keep coming from the
network before it. What was learned is kept wherever the new network has a parameter of
the same place and shape.
"""

from collections.abc import Callable
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np
import optax

from ...engine import Hyper, Params, Trainer, compiler
from ...engine.landscape import Directions, Slice, Trajectory, landscape, training_rows
from ...engine.programs import PROGRAMS
from ...engine.training import MIN_ROWS, Dataset, pack, size_bucket
from ...protocol import SessionConfig
from ...sessions.frame import Detail, FrameData
from ...sessions.training import (
    INIT_SETTINGS,
    advance_run,
    changed_settings,
    frame_header,
    hyper_for,
    regime_for,
    statistics_arrays,
)
from .data import ImageData, split_digits
from .network import ConvNet
from .protocol import CLASSES, ImagesConfig

DATA_FIELDS = {"dataset", "train_share", "data_seed"}
ImagesTrainer = Trainer[ConvNet]


def images_config(config: SessionConfig) -> ImagesConfig:
    if not isinstance(config.lab, ImagesConfig):
        raise TypeError(f"not a config of the images lab: {config.lab.lab}")
    return config.lab


def network_of(config: SessionConfig) -> ConvNet:
    c = images_config(config)
    return ConvNet(tuple(c.filters), c.kernel, c.stride, c.padding, c.pooling, c.activation,
                   tuple(c.dense), c.shift)


def trainer_for(config: SessionConfig, host: ImageData) -> ImagesTrainer:
    """The shared trainer of the network, optimizer and regime of `config`."""
    batch = min(config.batch_size, len(host.x_train))
    return PROGRAMS.trainer(network_of(config), "multiclass", "cross_entropy",
                            config.optimizer, size_bucket(batch),
                            # Random numbers in the step: dropout's, and the shifts'.
                            regime_for(config, images_config(config).dropout > 0
                                       or images_config(config).shift > 0),
                            size_bucket(len(host.x_train) + len(host.x_test), MIN_ROWS))


def kept(old: Params, fresh: Params) -> Params:
    """`fresh` with every leaf that `old` has at the same path and of the same shape."""
    by_path = {jax.tree_util.keystr(path): leaf
               for path, leaf in jax.tree_util.tree_flatten_with_path(old)[0]}

    def keep(path: Any, leaf: jax.Array) -> jax.Array:
        mine = by_path.get(jax.tree_util.keystr(path))
        return mine if mine is not None and mine.shape == leaf.shape else leaf

    return jax.tree_util.tree_map_with_path(keep, fresh)


class ImagesRun:
    def __init__(self, config: SessionConfig, drawn: np.ndarray | None = None) -> None:
        self.config = config
        self.drawn = drawn  # the user's drawing, the probe while there is one
        self.data_version = 0
        self.train_seconds = 0.0  # how long the last advance trained
        self.trajectory = Trajectory()  # recent weights, for the loss landscape's path
        self._use_data(split_digits(images_config(config).train_share,
                                    images_config(config).data_seed))
        self.trainer = trainer_for(config, self.host_data)
        self.hyper = self._hyper(config, self.trainer)
        self.state = self.trainer.init_state(config.seed, config.init)

    @property
    def batch_size(self) -> int:
        return min(self.config.batch_size, len(self.host_data.x_train))

    @property
    def steps_per_epoch(self) -> int:
        return -(-len(self.host_data.x_train) // self.batch_size)

    def _hyper(self, config: SessionConfig, trainer: ImagesTrainer) -> Hyper:
        batch = min(config.batch_size, len(self.host_data.x_train))
        return hyper_for(config, batch, trainer, (images_config(config).dropout,))

    def _use_data(self, host: ImageData) -> None:
        self.host_data = host
        self.data = pack(*host)
        self._test = jnp.asarray(host.x_test)
        self._slice_data: Dataset | None = None  # the training rows a landscape reads
        self.data_version += 1

    def _probe(self) -> tuple[np.ndarray, int]:
        """The probe image and its class (-1 for a drawing)."""
        if self.drawn is not None:
            return self.drawn, -1
        index = images_config(self.config).probe % len(self.host_data.x_test)
        return self.host_data.x_test[index], int(self.host_data.y_test[index, 0])

    def _probes(self) -> dict[str, jax.Array]:
        return {"probe": jnp.asarray(self._probe()[0][None]), "test": self._test}

    def _sample_args(self, trainer: ImagesTrainer, host: ImageData,
                     config: SessionConfig) -> Callable[[], compiler.SampleArgs]:
        def make() -> compiler.SampleArgs:
            state = trainer.state_for(trainer.model.init(0), jnp.int32(0), jax.random.key(0))
            test = jnp.asarray(host.x_test)
            return compiler.SampleArgs(state, pack(*host), self._hyper(config, trainer),
                                       {"probe": test[:1], "test": test})
        return make

    # -- configuration ---------------------------------------------------------------

    def reconfigure(self, config: SessionConfig, drawn: np.ndarray | None = None) -> bool:
        if config == self.config:
            self.drawn = drawn  # a probe only: nothing to compile
            return True
        changed = changed_settings(self.config, config)
        c = images_config(config)
        host = (split_digits(c.train_share, c.data_seed) if changed & DATA_FIELDS
                else self.host_data)
        trainer = trainer_for(config, host)
        if trainer != self.trainer and not compiler.ready(trainer):
            compiler.warm(trainer, self._sample_args(trainer, host, config), urgent=True,
                          owner=self)
            return False
        old = self.trainer
        self.config, self.drawn = config, drawn
        if changed & DATA_FIELDS:
            self._use_data(host)
        self.trainer = trainer
        self.hyper = self._hyper(config, trainer)
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
        snap = self.trainer.snapshot(self.state, self.data, self.hyper, self._probes())
        compiler.mark_compiled(self.trainer, "snapshot")
        model, views = self.trainer.model, snap.views
        header = frame_header(snap, "multiclass", self.batch_size, len(self.host_data.x_train),
                              model.layer_sizes, self.data_version)
        truth = self.host_data.y_test[:, 0].astype(np.int64)
        predictions = np.asarray(views["predictions"][:len(truth)], np.int32)
        confusion = np.bincount(truth * CLASSES + predictions, minlength=CLASSES * CLASSES)
        sides = model.map_sides
        probe, label = self._probe()
        arrays = {
            "probe": np.ascontiguousarray(probe[:, :, 0], np.float32),
            "probe_label": np.array([label], np.int32),
            "feature_maps": np.asarray(views["feature_maps"], np.float32),
            "map_shapes": np.array([[s, s, f] for s, f in zip(sides, model.filters,
                                                               strict=True)], np.int32),
            "probabilities": np.asarray(views["probabilities"], np.float32),
            "saliency": np.asarray(views["saliency"], np.float32),
            "predictions": predictions,
            "confusion": confusion.reshape(CLASSES, CLASSES).astype(np.int32),
        }
        if detail.parameters:
            conv, grads = snap.params["conv"], snap.grads["conv"]
            arrays["kernels"] = np.concatenate([np.ravel(layer["w"]) for layer in conv])
            arrays["kernel_grads"] = np.concatenate([np.ravel(layer["w"]) for layer in grads])
            arrays["kernel_shapes"] = np.array([np.shape(layer["w"]) for layer in conv],
                                               np.int32)
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
