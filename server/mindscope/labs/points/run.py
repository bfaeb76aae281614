"""A training run: the engine objects behind one session, driven synchronously.

Everything here may block for a while (compiling, training), so the session
calls it from a worker thread, never from the event loop.
"""

import time
from collections.abc import Callable
from functools import lru_cache

import jax
import jax.numpy as jnp
import numpy as np
import optax

from ...engine import Hyper, Params, Regime, Trainer, compiler
from ...engine.landscape import Directions, Slice, Trajectory, landscape, training_rows
from ...engine.programs import PROGRAMS
from ...engine.training import ANY, EVERY_PART, MIN_ROWS, Dataset, pack, size_bucket
from ...protocol import SessionConfig, lab_part
from ...sessions.frame import Detail, FrameData
from ...sessions.training import (
    INIT_SETTINGS,
    advance_run,
    changed_settings,
    finite_or_none,
    frame_header,
    statistics_arrays,
)
from ...sessions.training import hyper_for as shared_hyper
from ...sessions.training import regime_for as shared_regime
from ...vocabulary import LOSSES_BY_PROBLEM
from .data import DATASETS, PlanarData, make_planar_data, split
from .edits import set_parameter, transplant
from .explain import explain_jit
from .network import DenseNet
from .padded import PaddedNet, arch_of, exact_layers, exact_nodes, pad, unpad
from .protocol import Explain, ExplanationHeader, PointsConfig
from .user import MAX_CLASSES, UserPoints
from .views import Probes, input_grid

DATA_FIELDS = {"dataset", "noise", "train_share", "data_seed"}
# How long a config runs on the padded network before its exact network compiles: while
# a user clicks through settings, programs nobody keeps would only take the cores.
SETTLED_SECONDS = 5.0
BRIDGE_BUCKET = 32  # examples the padded network draws at once; larger batches take several
Exact = Trainer[DenseNet]  # the network a config asks for
Bridge = Trainer[PaddedNet]  # the padded network that stands in while Exact compiles


@lru_cache(maxsize=16)
def _grid(resolution: int) -> jax.Array:
    return input_grid(resolution)


def points_config(config: SessionConfig) -> PointsConfig:
    return lab_part(config, PointsConfig)


def regime_for(config: SessionConfig) -> Regime:
    """The optional parts of a step this config switches on."""
    return shared_regime(config, any(points_config(config).dropout))


def hyper_for(config: SessionConfig, batch_size: int, exact: Exact) -> Hyper:
    """The traced values of `config` for its exact trainer (whose head they name, for the
    padded network that bridges every head)."""
    return shared_hyper(config, batch_size, exact, tuple(points_config(config).dropout))


def host_data(config: SessionConfig, user: UserPoints | None) -> PlanarData:
    c = points_config(config)
    if c.dataset == "custom":
        if user is None:
            raise ValueError("the custom dataset needs points: upload or draw some")
        return split(user.xy, user.labels, c.train_share, np.random.default_rng(c.data_seed))
    return make_planar_data(c.dataset, noise=c.noise, train_share=c.train_share,
                            seed=c.data_seed)


def network_of(config: SessionConfig, user: UserPoints | None) -> DenseNet:
    """The network `config` describes (`user`'s points, if any, decide the outputs)."""
    c = points_config(config)
    outputs = max(1, classes_of(config, user)) if problem_of(config, user) == "multiclass" else 1
    return DenseNet(features=tuple(c.features), hidden=tuple(c.hidden),
                    activations=tuple(c.activations), n_outputs=outputs)


def exact_trainer(config: SessionConfig, user: UserPoints | None, host: PlanarData) -> Exact:
    """The shared trainer of exactly the network, head, optimizer and regime of `config`
    (`user`'s points, if any, decide the problem) on `host` data."""
    c = config
    problem = problem_of(c, user)
    model = network_of(c, user)
    loss = c.loss if c.loss in LOSSES_BY_PROBLEM[problem] else LOSSES_BY_PROBLEM[problem][0]
    batch = min(c.batch_size, len(host.x_train))
    return PROGRAMS.trainer(model, problem, loss, c.optimizer, size_bucket(batch),
                            regime_for(c), size_bucket(len(host.x_train) + len(host.x_test),
                                                       MIN_ROWS))


def bridge_for(exact: Exact) -> Bridge:
    """The padded network of any head and optimizer, with every optional part on and any
    batch size: its choices and rates travel as traced values, so one program per data
    bucket bridges every change of `exact`."""
    return PROGRAMS.trainer(PaddedNet(MAX_CLASSES), ANY, ANY, ANY, BRIDGE_BUCKET, EVERY_PART,
                            exact.rows)


def sample_args(trainer: Exact | Bridge, exact: Exact, data: Dataset | PlanarData,
                config: SessionConfig) -> Callable[[], compiler.SampleArgs]:
    """Arguments of the right shapes to compile `trainer` (`exact` itself or its bridge)
    with, made when called (on the compile thread, only if the compile happens)."""

    def make() -> compiler.SampleArgs:
        params = exact.model.init(0)
        if trainer is not exact:
            params = pad(params, exact.model, MAX_CLASSES)
        state = trainer.state_for(params, jnp.int32(0), jax.random.key(0))
        return compiler.SampleArgs(state, data if isinstance(data, Dataset) else pack(*data),
                                   hyper_on(trainer, exact, hyper_for(config, 1, exact)),
                                   Probes(_grid(Detail.output_resolution),
                                          _grid(Detail.neuron_resolution)))

    return make


def hyper_on(trainer: Exact | Bridge, exact: Exact, h: Hyper) -> Hyper:
    """`exact`'s traced values as `trainer` (exact itself or its bridge) takes them."""
    return h if trainer is exact else h._replace(arch=arch_of(exact.model, MAX_CLASSES))


def warm_bridges() -> None:
    """Compile the bridge of each built-in dataset's data bucket on the compile thread, so
    that a visitor's first change never waits for one."""
    for name in {size_bucket(info.points, MIN_ROWS): name
                 for name, info in DATASETS.items()}.values():
        config = SessionConfig(lab=PointsConfig(dataset=name))
        host = host_data(config, None)
        exact = exact_trainer(config, None, host)
        bridge = bridge_for(exact)
        compiler.warm(bridge, sample_args(bridge, exact, host, config))


class TrainingRun:
    """`exact` is the trainer the config asks for; `trainer` is the one running: the exact
    one once it is compiled, until then the padded network, which bridges any architecture
    and regime of the same head, optimizer and buckets."""

    def __init__(self, config: SessionConfig, user: UserPoints | None = None) -> None:
        self.config = config
        self.user = user  # the user's own points, used while config.lab.dataset == "custom"
        self.data_version = 0
        self._use_data(host_data(config, user))
        self.exact = exact_trainer(config, user, self.host_data)
        self.trainer: Exact | Bridge = self.exact
        self.hyper = hyper_for(config, self.batch_size, self.exact)
        self.state = self.exact.init_state(config.seed, config.init)
        self._to_warm: Bridge | None = self._padded()  # compiled after the next frame
        self._settled_at = time.monotonic()  # when the exact trainer was last asked for
        self._prepared: tuple[SessionConfig, UserPoints | None, PlanarData] | None = None
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

    @property
    def batch_size(self) -> int:
        return min(self.config.batch_size, len(self.host_data.x_train))

    def exact_params(self) -> Params:
        if self.padded_mode:
            return jax.tree.map(jnp.asarray, unpad(self.state.params, self.exact.model))
        return self.state.params

    def exact_state(self) -> tuple[Params, Params, optax.OptState]:
        """Parameters, last gradient and optimizer state of the exact network, for a session
        file (which fetches them). Bridging on the padded network, it has no exact optimizer
        state yet: fresh moments."""
        params = jax.device_get(self.exact_params())
        if not self.padded_mode:
            return params, jax.device_get(self.state.last_grads), self.state.opt_state
        return (params, unpad(self.state.last_grads, self.exact.model),
                self.exact.optimizer.init(params))

    def template(self) -> tuple[Params, optax.OptState]:
        """Parameters and optimizer state of the exact network's shapes."""
        params = self.exact.model.init(0, "uniform")
        return params, self.exact.optimizer.init(params)

    def restore_state(self, params: Params, last_grads: Params, opt_state: optax.OptState,
                      step: int, key: jax.Array) -> None:
        """Continue exactly from a stored state of the exact network."""
        self.trainer = self.exact
        self.state = self.exact.state_for(params, jnp.int32(step), key)._replace(
            opt_state=opt_state, last_grads=last_grads)

    # -- configuration ---------------------------------------------------------------

    def reconfigure(self, config: SessionConfig, user: UserPoints | None = None) -> bool:
        """Move to a new config (and user data), keeping what was learned where it fits.
        False (and nothing changed) while a program it needs compiles beside the session:
        the caller goes on with the current one and asks again."""
        if config == self.config and user is self.user:
            return True  # the common case: every tick asks for the config it already has
        changed = changed_settings(self.config, config)
        new_data = bool(changed & DATA_FIELDS) or user is not self.user
        host = self._prepare(config, user) if new_data else self.host_data
        exact = exact_trainer(config, user, host)
        if not compiler.ready(exact):
            bridge = bridge_for(exact)
            if not compiler.ready(bridge):
                # The exact network of a small net compiles in a second or two, the bridge
                # in many (right after the server starts, it may still be on its way).
                compiler.warm(exact, sample_args(exact, exact, host, config), urgent=True,
                              owner=self)
                compiler.warm(bridge, sample_args(bridge, exact, host, config))
                return False
        old, params = self.exact, self.exact_params()
        self.config, self.user = config, user
        if new_data:
            self._use_data(host)
        self.exact = exact
        self.hyper = hyper_for(config, self.batch_size, exact)
        self._settled_at = time.monotonic()
        if changed & INIT_SETTINGS:
            self.reset()
        elif self.exact != old:
            if old.model != self.exact.model:
                fresh = self.exact.model.init(config.seed, config.init)
                params = jax.tree.map(jnp.asarray,
                                      transplant(params, old.model, fresh, self.exact.model))
            # Optimizer moments survive only a change of a bucket or the regime.
            keep = (old.model, old.optimizer_name) == (self.exact.model, self.exact.optimizer_name)
            self._run(params, self.state.opt_state if keep and not self.padded_mode else None)
        return True

    def reset(self) -> None:
        """The initial weights of the current seed and architecture, step 0."""
        seed = self.config.seed  # as Trainer.init_state derives both
        self.state = self.state._replace(step=jnp.int32(0), key=jax.random.key(seed))
        self._run(self.exact.model.init(seed, self.config.init))

    def set_parameter(self, layer: int, name: str, index: tuple[int, ...], value: float) -> None:
        params = jax.tree.map(jnp.asarray, set_parameter(self.exact_params(), layer, name,
                                                         index, value))
        if self.padded_mode:
            params = pad(params, self.exact.model, MAX_CLASSES)
        self.state = self.state._replace(params=params)

    def _run(self, params: Params, opt_state: optax.OptState | None = None) -> None:
        """Continue from exact `params` with the exact trainer if it is compiled, else with
        the padded one (the exact one compiles once the config has settled), else compile
        in the foreground (a first network, with nothing to show before it)."""
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
        self.state = padded.state_for(pad(params, self.exact.model, MAX_CLASSES), step, key)

    def _padded(self) -> Bridge:
        return bridge_for(self.exact)

    def _hyper_for(self, trainer: Exact | Bridge) -> Hyper:
        return hyper_on(trainer, self.exact, self.hyper)

    def _sample_args(self, trainer: Exact | Bridge) -> Callable[[], compiler.SampleArgs]:
        return sample_args(trainer, self.exact, self.data, self.config)

    def _prepare(self, config: SessionConfig, user: UserPoints | None) -> PlanarData:
        """The data of a config, made once however often a change waiting for its program
        asks for it."""
        prepared = self._prepared
        if prepared is None or prepared[0] != config or prepared[1] is not user:
            self._prepared = prepared = (config, user, host_data(config, user))
        return prepared[2]

    def _use_data(self, host: PlanarData) -> None:
        self.host_data = host
        self.data = pack(*host)
        self._slice_data: Dataset | None = None  # the training rows a landscape reads
        self.data_version += 1
        self._prepared = None

    # -- training ----------------------------------------------------------------------

    @property
    def steps_per_epoch(self) -> int:
        return -(-len(self.host_data.x_train) // self.batch_size)

    def advance(self, steps: int, detail: Detail) -> FrameData:
        """Train `steps` optimizer steps in fused chunks, then take a snapshot.

        A run that stops being finite is rolled back to the state before this
        call, and the frame shows that state, marked as diverged.
        """
        if self.padded_mode and compiler.ready(self.exact):
            self._run(self.exact_params())  # the exact network has compiled: switch back
        elif self.padded_mode and time.monotonic() - self._settled_at > SETTLED_SECONDS:
            compiler.warm(self.exact, self._sample_args(self.exact), owner=self)
        return advance_run(self, self._hyper_for(self.trainer), steps, detail)

    def restore_params(self, params: Params) -> None:
        """Continue from exact `params` at the same step, with fresh optimizer moments."""
        self._run(params)

    def landscape(self, directions: Directions, resolution: int, span: float,
                  seed: int) -> Callable[[], Slice]:
        """The loss around the current weights of the exact network, with the path: taken
        now, computed when called (on any thread, while this run trains on)."""
        trainer, params, step = self.exact, self.exact_params(), int(self.state.step)
        if self._slice_data is None:  # once per data version, from the host's copy
            self._slice_data = training_rows(self.host_data.x_train, self.host_data.y_train)
        trajectory, data, h = self.trajectory.copy(), self._slice_data, self.hyper
        return lambda: landscape(trainer, params, step, trajectory, data, h, directions,
                                 resolution, span, seed)

    def explain(self, question: Explain) -> tuple[ExplanationHeader, dict[str, np.ndarray]]:
        """One example through the exact network and back: the answer's header and arrays."""
        params = self.exact_params()
        opt_state = (self.exact.optimizer.init(params) if self.padded_mode
                     else self.state.opt_state)
        got = jax.device_get(explain_jit(self.exact)(
            params, opt_state, self.state.step, jnp.array([question.x1, question.x2],
                                                           jnp.float32),
            jnp.array([question.label], jnp.float32), self.hyper))
        header = ExplanationHeader(
            reply_to=question.id, step=int(self.state.step), loss=finite_or_none(got.loss),
            learning_rate=float(self.exact.learning_rate(self.hyper, self.state.step)),
            layer_sizes=list(self.exact.model.layer_sizes))
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
            Probes(_grid(detail.output_resolution), _grid(max(detail.neuron_resolution, 1))),
        )
        compiler.mark_compiled(self.trainer, "snapshot")
        model, params, grads, views = self.exact.model, snap.params, snap.grads, snap.views
        if self.padded_mode:
            params, grads = unpad(params, model), unpad(grads, model)
            views = {**views, "neurons": views["neurons"][exact_nodes(model)]}
            snap = snap._replace(
                stats=type(snap.stats)(*(a[exact_layers(model)] for a in snap.stats)))
        header = frame_header(snap, self.problem, self.batch_size, len(self.host_data.x_train),
                              list(model.layer_sizes), self.data_version)
        step = header["step"]
        low, high = (float(v) for v in views["output_range"])
        frame = FrameData(header, {"output": views["output"]}, {"output": (low, high)},
                          finite=bool(snap.finite))
        if frame.finite:
            self.trajectory.record(step, params)
        if self.problem == "multiclass":
            frame.arrays["classes"] = views["classes"]
        if detail.neuron_resolution:
            frame.arrays["neurons"] = np.ascontiguousarray(views["neurons"])
        if detail.parameters:
            frame.arrays.update(_parameter_arrays(params, grads))
            frame.arrays.update(statistics_arrays(snap.stats))
        if self._to_warm is not None:
            # Only now: the compile's tracing holds the GIL, and this frame goes first.
            compiler.warm(self._to_warm, self._sample_args(self._to_warm))
            self._to_warm = None
        return frame


def problem_of(config: SessionConfig, user: UserPoints | None) -> str:
    dataset = points_config(config).dataset
    if dataset == "custom":
        return user.problem if user is not None else "binary"
    return DATASETS[dataset].problem


def classes_of(config: SessionConfig, user: UserPoints | None) -> int:
    dataset = points_config(config).dataset
    if dataset == "custom":
        return user.classes if user is not None else 2
    return DATASETS[dataset].classes


def _flat(layers: list[dict[str, np.ndarray]], name: str) -> np.ndarray:
    return np.concatenate([np.asarray(layer[name], np.float32).ravel() for layer in layers])


def _parameter_arrays(params: Params, grads: Params) -> dict[str, np.ndarray]:
    return {"weights": _flat(params, "w"), "biases": _flat(params, "b"),
            "weight_grads": _flat(grads, "w"), "bias_grads": _flat(grads, "b")}
