"""Jitted training: a fused chunk of optimizer steps and a snapshot for the visualizer.

Everything a user changes while training (learning rate and schedule, optimizer
hyperparameters, L1/L2 rates, dropout rates, clipping norm, batch size, chunk
length) travels as traced values in `Hyper`, so those edits never recompile.
Sizes travel as data too: the training and test rows share one array padded to a
size bucket, with their counts traced (`Dataset`), and a minibatch is drawn into
a power-of-two bucket of slots, the slots past the batch size weighted 0. What
fixes program structure (architecture, loss, optimizer kind, the buckets, and
which optional parts of a step are switched on at all: the `Regime`) keys the
`Trainer`, whose compiled functions are shared by every session that uses it.
At about 5 µs a step, a plain SGD step must not pay for dropout or clipping it
does not use, hence the regime: switching a part on compiles once, after that
its rate changes freely.
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Generic, NamedTuple, TypeVar, cast

import jax
import jax.numpy as jnp
import numpy as np
import optax
from jax.typing import ArrayLike

from ..vocabulary import MAX_LAYERS
from .losses import AnyHead, FixedHead, weighted_mean
from .model import Model, Params
from .optimizers import make_optimizer, schedule_factor, set_hyperparams
from .transfer import OnHost

MAX_CHUNK = 2048
BATCH_BLOCK = 128  # steps whose minibatches one RNG call draws
HISTOGRAM_BINS = 16
MIN_ROWS = 512  # the smallest data bucket: every built-in 2D dataset of 500 points fits


def size_bucket(n: int, smallest: int = 1) -> int:
    """The power of two at least n (and at least `smallest`): sizes within a bucket share
    one compiled program."""
    return max(smallest, 1 << max(n - 1, 0).bit_length())


class Hyper(NamedTuple):
    """Traced hyperparameters; build with `hyper(...)`."""

    learning_rate: jax.Array
    momentum: jax.Array
    b1: jax.Array
    b2: jax.Array
    weight_decay: jax.Array
    decay: jax.Array
    l1: jax.Array
    l2: jax.Array
    dropout: jax.Array  # (MAX_LAYERS,)
    clip_norm: jax.Array  # 0: no clipping
    batch_size: jax.Array  # examples a step learns from: at most the bucket, but for ANY
    head: jax.Array  # index into losses.HEAD_KEYS (read by ANY trainers only)
    optimizer: jax.Array  # index into OPTIMIZER_NAMES (read by ANY trainers only)
    schedule: jax.Array  # index into optimizers.SCHEDULES
    schedule_steps: jax.Array
    schedule_gamma: jax.Array
    warmup_steps: jax.Array
    arch: Any = None  # structure as data, for models that take it (Model.apply)


def hyper(
    learning_rate: float = 0.03, *, momentum: float = 0.9, b1: float = 0.9, b2: float = 0.999,
    weight_decay: float = 1e-4, decay: float = 0.9, l1: float = 0.0, l2: float = 0.0,
    dropout: tuple[float, ...] = (), clip_norm: float = 0.0, batch_size: int = 10,
    head: int = 0, optimizer: int = 0, schedule: int = 0, schedule_steps: float = 1000.0,
    schedule_gamma: float = 0.5, warmup_steps: float = 0.0,
) -> Hyper:
    # Built in NumPy and moved in one device_put: a dozen small jnp arrays cost ~1 ms a frame.
    rates = np.zeros(MAX_LAYERS, np.float32)
    rates[: len(dropout)] = dropout
    # The NumPy values stand for the jax.Arrays that device_put makes of them.
    f = cast(Callable[[float], jax.Array], np.float32)
    i32 = cast(Callable[[int], jax.Array], np.int32)
    return cast(Hyper, jax.device_put(Hyper(  # device_put is typed to return Any
        f(learning_rate), f(momentum), f(b1), f(b2), f(weight_decay), f(decay), f(l1), f(l2),
        cast(jax.Array, rates), f(clip_norm), i32(batch_size), i32(head), i32(optimizer),
        i32(schedule), f(schedule_steps), f(schedule_gamma), f(warmup_steps))))


class TrainState(NamedTuple):
    params: Params
    opt_state: optax.OptState
    step: jax.Array
    key: jax.Array
    last_grads: Params  # the gradient on the last step's minibatch (zeros before any step)


class Dataset(NamedTuple):
    """Training and test examples in one array padded to a size bucket: rows
    [0, n_train) train, the next n_test test, the rest padding (zeros). The counts are
    traced, so a new split, noise, batch of drawn points or dataset of the same bucket
    reuses every compiled program."""

    x: jax.Array  # (rows, ...) inputs
    y: jax.Array  # (rows, ...) targets
    n_train: jax.Array  # int32 ()
    n_test: jax.Array  # int32 ()

    @property
    def train_weights(self) -> jax.Array:
        return (jnp.arange(self.x.shape[0]) < self.n_train).astype(jnp.float32)

    @property
    def test_weights(self) -> jax.Array:
        row = jnp.arange(self.x.shape[0])
        return ((row >= self.n_train) & (row < self.n_train + self.n_test)).astype(jnp.float32)


def evaluation_sample(data: Dataset, rows: int,
                      ) -> tuple[jax.Array, jax.Array, jax.Array, jax.Array]:
    """The first `rows` training rows and the first `rows` test rows (fewer where there are
    fewer; `2 * rows` must not exceed the bucket): x, y, and their training and test
    weights. The test rows start at the traced n_train, so a slice of static size, whose
    start JAX clamps to the bucket, holds them (train rows it takes then weigh 0 there)."""
    def tests(a: jax.Array) -> jax.Array:
        start = [data.n_train, *[jnp.int32(0)] * (a.ndim - 1)]
        return jax.lax.dynamic_slice(a, start, (rows, *a.shape[1:]))

    zeros = jnp.zeros(rows)
    return (jnp.concatenate([data.x[:rows], tests(data.x)]),
            jnp.concatenate([data.y[:rows], tests(data.y)]),
            jnp.concatenate([data.train_weights[:rows], zeros]),
            jnp.concatenate([zeros, tests(data.test_weights)]))


def pack(x_train: np.ndarray, y_train: np.ndarray, x_test: np.ndarray, y_test: np.ndarray,
         smallest: int = MIN_ROWS) -> Dataset:
    """The split as one Dataset on the device, padded to a size bucket (of at least
    `smallest` rows)."""
    n_train, n_test = len(x_train), len(x_test)
    rows = size_bucket(n_train + n_test, smallest)
    x = np.zeros((rows, *np.shape(x_train)[1:]), np.float32)
    y = np.zeros((rows, *np.shape(y_train)[1:]), np.float32)
    x[:n_train], x[n_train:n_train + n_test] = x_train, x_test
    y[:n_train], y[n_train:n_train + n_test] = y_train, y_test
    # The NumPy arrays stand for the jax.Arrays that device_put makes of them.
    on_host = Dataset(cast(jax.Array, x), cast(jax.Array, y),
                      cast(jax.Array, np.int32(n_train)), cast(jax.Array, np.int32(n_test)))
    return cast(Dataset, jax.device_put(on_host))  # device_put is typed to return Any


class LayerStats(NamedTuple):
    """Per parameter group (Model.groups), in its order."""

    grad_norm: jax.Array  # (L,) norm of the full-batch gradient of the layer's weights
    weight_mean: jax.Array
    weight_std: jax.Array
    weight_hist: jax.Array  # (L, HISTOGRAM_BINS) counts over [-range, range]
    grad_hist: jax.Array
    activation_mean: jax.Array  # over the training set
    activation_std: jax.Array
    activation_hist: jax.Array
    dead_units: jax.Array  # (L,) units whose output is 0 on every training point
    hist_range: jax.Array  # (L, 3): the symmetric range of weight, gradient, activation bins


class Snapshot(NamedTuple):
    """Everything a frame shows (NumPy arrays, as Trainer.snapshot fetches it)."""

    step: jax.Array
    params: Params
    learning_rate: jax.Array  # the rate at this step, after the schedule
    train_loss: jax.Array
    test_loss: jax.Array
    train_accuracy: jax.Array  # NaN for regression
    test_accuracy: jax.Array
    grads: Params  # full-batch gradient of the training objective
    stats: LayerStats
    finite: jax.Array  # False once loss or parameters stop being finite
    views: dict[str, jax.Array]  # what the model shows of itself (Model.views)


def quantize(values: jax.Array, low: jax.Array, high: jax.Array) -> jax.Array:
    scaled = (values - low) / jnp.maximum(high - low, 1e-12) * 255.0 + 0.5
    return jnp.clip(jnp.nan_to_num(scaled), 0, 255).astype(jnp.uint8)


def all_finite(tree: Any) -> jax.Array:
    return jnp.all(jnp.stack([jnp.all(jnp.isfinite(leaf)) for leaf in jax.tree.leaves(tree)]))


def _histogram(values: jax.Array, limit: jax.Array, weights: jax.Array) -> jax.Array:
    counts, _ = jnp.histogram(values, bins=HISTOGRAM_BINS, range=(-limit, limit),
                              weights=weights)
    return counts.astype(jnp.float32)


def _moments(values: jax.Array, weights: jax.Array) -> tuple[jax.Array, jax.Array]:
    """Mean and standard deviation of the values with weight 1 (0: left out)."""
    count = jnp.maximum(jnp.sum(weights), 1.0)
    mean = jnp.sum(values * weights) / count
    return mean, jnp.sqrt(jnp.sum(weights * (values - mean) ** 2) / count)


@dataclass(frozen=True)
class Regime:
    """Which optional parts each training step computes."""

    dropout: bool = False  # the model draws random numbers while training (dropout, shifts)
    clip: bool = False
    l1: bool = False
    l2: bool = False
    schedule: bool = False  # a schedule other than constant, or warm-up


@dataclass
class Compiled:
    """What is known of a trainer's compiled code."""

    functions: set[str] = field(default_factory=set)  # run for the shapes its sessions use
    footprint_mb: float | None = None  # resident memory its compile left, where measured
    failure: str | None = None  # why its compile failed, where it did (not by chance)


EVERY_PART = Regime(dropout=True, clip=True, l1=True, l2=True, schedule=True)
ANY = "any"  # as problem, loss and optimizer: every one of them, picked by Hyper's indices


M = TypeVar("M", bound=Model)

# What a step gives back: (params, opt_state, loss, grads).
StepResult = tuple[Params, optax.OptState, jax.Array, Params]
# The train chunk's loop state: (params, opt_state, last grads, per-step losses).
ChunkCarry = tuple[Params, optax.OptState, Params, jax.Array]
# The jitted functions a Trainer gives, as called (they take NumPy arrays too).
TrainStepFn = Callable[[TrainState, ArrayLike, ArrayLike, Hyper], tuple[TrainState, jax.Array]]
TrainChunkFn = Callable[[TrainState, Dataset, Hyper, ArrayLike], tuple[TrainState, jax.Array]]
# A Snapshot of NumPy arrays (OnHost), not of the jax.Arrays its fields are typed as.
SnapshotFn = Callable[[TrainState, Dataset, Hyper, Any], Any]


@dataclass(frozen=True)
class Trainer(Generic[M]):
    """Compiled train and snapshot functions for one model, head, optimizer, batch bucket,
    data bucket (`rows`) and regime. Its jitted functions live on it (`program`), so a
    trainer dropped from the program cache frees their compiled code."""

    model: M
    problem: str = "binary"
    loss: str = "mse"
    optimizer_name: str = "sgd"
    batch_bucket: int = 16
    regime: Regime = Regime()
    rows: int = MIN_ROWS
    # The frames' "gradient on the training set" is over the first this many rows (the
    # training rows come first, in random order); 0: all. For a model whose backward pass
    # over every row would cost more than a frame (a recurrent net through time).
    gradient_rows: int = 0
    # The frames' losses, accuracies and activation statistics are over the first this many
    # training rows and the first this many test rows; 0: all. For data sets whose every
    # example through the network would cost a frame more than training does meanwhile.
    evaluation_rows: int = 0
    _programs: dict[str, Any] = field(default_factory=dict, init=False, compare=False,
                                      repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, compare=False,
                                  repr=False)
    compiled: "Compiled" = field(default_factory=lambda: Compiled(), init=False, compare=False,
                                 repr=False)

    @cached_property
    def optimizer(self) -> optax.GradientTransformation:
        return make_optimizer(self.optimizer_name)

    @property
    def universal(self) -> bool:
        """Whether head and optimizer are traced (ANY), and a step's batch may exceed the
        bucket: it then learns from as many buckets of examples as the batch size needs."""
        return self.optimizer_name == ANY

    def head(self, h: Hyper) -> FixedHead | AnyHead:
        if self.problem != ANY:
            return FixedHead(self.problem, self.loss)
        if h.arch is None:
            raise ValueError("a trainer of any head needs h.arch with its `outputs` mask (see "
                             "Model)")
        return AnyHead(h.head, h.arch.outputs)

    def program(self, name: str, make: Callable[[], Callable[..., Any]]) -> Any:
        """This trainer's function `name`, made (jitted) on first use."""
        with self._lock:
            if name not in self._programs:
                self._programs[name] = make()
            return self._programs[name]

    def executables(self) -> int:
        """How many compiled executables this trainer holds (one per function and shapes)."""
        with self._lock:
            functions = list(self._programs.values())
        return sum(f._cache_size() for f in functions)  # jax.jit's, or OnHost's

    def init_state(self, seed: int, scheme: str = "uniform") -> TrainState:
        """Initial parameters and training randomness (batches, dropout), both from seed."""
        return self.state_for(self.model.init(seed, scheme), jnp.int32(0), jax.random.key(seed))

    def state_for(self, params: Params, step: jax.Array, key: jax.Array) -> TrainState:
        """A state for given parameters, with fresh optimizer moments."""
        # NumPy zeros: no per-shape compile on an edit.
        zeros = jax.tree.map(lambda v: jnp.asarray(np.zeros(np.shape(v), np.float32)), params)
        return TrainState(params, self.optimizer.init(params), jnp.int32(step), key, zeros)

    # -- the objective ---------------------------------------------------------

    def data_loss(self, params: Params, x: jax.Array, y: jax.Array, weights: jax.Array,
                  h: Hyper, key: jax.Array | None = None) -> jax.Array:
        """The mean loss over the examples of weight 1 (weight 0: padding, left out); with
        a key (training) and dropout in the regime, the model draws its random numbers
        (hidden units drop out, images shift)."""
        use_key = key if self.regime.dropout else None
        logits, _ = self.model.apply(params, x, h.dropout, use_key, h.arch)
        return weighted_mean(self.head(h).losses(logits, y), weights)

    def penalty(self, params: Params, h: Hyper) -> jax.Array:
        """L1/L2 on the weights of each parameter group (as TensorFlow Playground does, not
        biases), masked: |w| has slope 1 at a padding's 0."""
        weights = [g.weights if g.weight_mask is None else g.weights * g.weight_mask
                   for g in self.model.groups(params, None, h.arch)]
        loss: jax.Array = jnp.float32(0.0)
        if self.regime.l1:
            loss += h.l1 * sum(jnp.sum(jnp.abs(w)) for w in weights)
        if self.regime.l2:
            loss += h.l2 * sum(0.5 * jnp.sum(w * w) for w in weights)
        return loss

    def objective(self, params: Params, x: jax.Array, y: jax.Array, weights: jax.Array,
                  h: Hyper, key: jax.Array | None = None) -> jax.Array:
        return self.data_loss(params, x, y, weights, h, key) + self.penalty(params, h)

    # -- training --------------------------------------------------------------

    def learning_rate(self, h: Hyper, step: jax.Array) -> jax.Array:
        if not self.regime.schedule:
            return h.learning_rate
        return h.learning_rate * schedule_factor(h.schedule, step, h.schedule_steps,
                                                 h.schedule_gamma, h.warmup_steps)

    def _step(self, params: Params, opt_state: optax.OptState, step: jax.Array, x: jax.Array,
              y: jax.Array, weights: jax.Array, h: Hyper, key: jax.Array) -> StepResult:
        loss, grads = jax.value_and_grad(self.objective)(params, x, y, weights, h, key)
        return self._update(params, opt_state, step, loss, grads, h)

    def _accumulated_step(self, params: Params, opt_state: optax.OptState, step: jax.Array,
                          data: Dataset, h: Hyper, sample_key: jax.Array, key: jax.Array,
                          ) -> StepResult:
        """A step on h.batch_size examples drawn bucket by bucket (a universal trainer's:
        any batch size in one program), the data loss's gradient summed over the buckets."""
        bucket = self.batch_bucket
        parts = jnp.maximum((h.batch_size + bucket - 1) // bucket, 1)

        def part(m: jax.Array, carry: tuple[jax.Array, Params]) -> tuple[jax.Array, Params]:
            total, grads = carry
            idx = jax.random.randint(jax.random.fold_in(sample_key, m), (bucket,), 0,
                                     data.n_train)
            slots = (m * bucket + jnp.arange(bucket) < h.batch_size).astype(jnp.float32)
            share = jnp.sum(slots) / h.batch_size  # this part's weight in the whole batch
            loss, g = jax.value_and_grad(self.data_loss)(params, data.x[idx], data.y[idx],
                                                         slots, h, jax.random.fold_in(key, m))
            return total + share * loss, jax.tree.map(lambda a, b: a + share * b, grads, g)

        zeros = jax.tree.map(jnp.zeros_like, params)
        loss, grads = jax.lax.fori_loop(0, parts, part, (jnp.float32(0.0), zeros))
        penalty, penalty_grads = jax.value_and_grad(self.penalty)(params, h)
        grads = jax.tree.map(jnp.add, grads, penalty_grads)
        return self._update(params, opt_state, step, loss + penalty, grads, h)

    def _update(self, params: Params, opt_state: optax.OptState, step: jax.Array,
                loss: jax.Array, grads: Params, h: Hyper) -> StepResult:
        if self.regime.clip:
            norm = optax.tree.norm(grads)
            clipping = (h.clip_norm > 0) & (norm > h.clip_norm)
            scale = jnp.where(clipping, h.clip_norm / jnp.maximum(norm, 1e-30), 1.0)
            grads = jax.tree.map(lambda g: g * scale, grads)
        values = {**h._asdict(), "learning_rate": self.learning_rate(h, step)}
        opt_state = set_hyperparams(opt_state, values)
        updates, opt_state = self.optimizer.update(grads, opt_state, params)
        return optax.apply_updates(params, updates), opt_state, loss, grads

    @property
    def train_step(self) -> TrainStepFn:
        """(state, x_batch, y_batch, hyper) -> (state, loss): one step on a given batch (every
        row counts), as the per-call baseline of the benchmark."""

        def run(state: TrainState, x: jax.Array, y: jax.Array, h: Hyper,
                ) -> tuple[TrainState, jax.Array]:
            key, _, dropout_key = jax.random.split(state.key, 3)
            params, opt_state, loss, grads = self._step(
                state.params, state.opt_state, state.step, x, y, jnp.ones(x.shape[0]), h,
                jax.random.fold_in(dropout_key, 0),
            )
            return TrainState(params, opt_state, state.step + 1, key, grads), loss

        jitted: TrainStepFn = self.program("train_step", lambda: jax.jit(run))
        return jitted

    @property
    def train_chunk(self) -> TrainChunkFn:
        """(state, data, hyper, num_steps) -> (state, per-step losses, NaN-padded to MAX_CHUNK).

        Minibatches are drawn with replacement from the training rows, one RNG call for
        each BATCH_BLOCK steps: drawing all MAX_CHUNK at once would cost a short chunk
        more than its steps. Each fills the trainer's batch bucket; slots past the batch
        size weigh 0.
        """

        def run(state: TrainState, data: Dataset, h: Hyper, num_steps: jax.Array,
                ) -> tuple[TrainState, jax.Array]:
            key, sample_key, dropout_key = jax.random.split(state.key, 3)
            n = jnp.clip(num_steps, 0, MAX_CHUNK)
            slots = (jnp.arange(self.batch_bucket) < h.batch_size).astype(jnp.float32)

            def block(b: jax.Array, carry: ChunkCarry) -> ChunkCarry:
                batches = None if self.universal else jax.random.randint(
                    jax.random.fold_in(sample_key, b), (BATCH_BLOCK, self.batch_bucket), 0,
                    data.n_train)

                def body(i: jax.Array, carry: ChunkCarry) -> ChunkCarry:
                    params, opt_state, _, losses = carry
                    if self.universal:
                        params, opt_state, loss, grads = self._accumulated_step(
                            params, opt_state, state.step + i, data, h,
                            jax.random.fold_in(sample_key, -1 - i),
                            jax.random.fold_in(dropout_key, i))
                        return params, opt_state, grads, losses.at[i].set(loss)
                    idx = cast(jax.Array, batches)[i - b * BATCH_BLOCK]  # drawn: not universal
                    params, opt_state, loss, grads = self._step(
                        params, opt_state, state.step + i, data.x[idx], data.y[idx], slots, h,
                        jax.random.fold_in(dropout_key, i),
                    )
                    return params, opt_state, grads, losses.at[i].set(loss)

                return cast(ChunkCarry, jax.lax.fori_loop(  # fori_loop is typed to return Any
                    b * BATCH_BLOCK, jnp.minimum(n, (b + 1) * BATCH_BLOCK), body, carry))

            params, opt_state, grads, losses = jax.lax.fori_loop(
                0, (n + BATCH_BLOCK - 1) // BATCH_BLOCK, block,
                (state.params, state.opt_state, state.last_grads, jnp.full(MAX_CHUNK, jnp.nan)),
            )
            return TrainState(params, opt_state, state.step + n, key, grads), losses

        jitted: TrainChunkFn = self.program("train_chunk", lambda: jax.jit(run))
        return jitted

    # -- what the visualizer shows ------------------------------------------------

    def forward(self, params: Params, x: jax.Array, h: Hyper,
                ) -> tuple[jax.Array, dict[str, jax.Array]]:
        """Logits and every layer's output, the head's output activation included."""
        logits, acts = self.model.apply(params, x, arch=h.arch)
        acts["output"] = self.head(h).output(logits)
        return logits, acts

    @property
    def snapshot(self) -> SnapshotFn:
        """(state, data, hyper, probes) -> Snapshot, fetched to the host in one transfer
        per dtype; `probes` are the inputs the model's views read (Model.views)."""

        def run(state: TrainState, data: Dataset, h: Hyper, probes: Any) -> Snapshot:
            params, step, head = state.params, state.step, self.head(h)
            train_w, test_w = data.train_weights, data.test_weights
            x, y = data.x, data.y
            if self.evaluation_rows > 0 and 2 * self.evaluation_rows < x.shape[0]:
                x, y, train_w, test_w = evaluation_sample(data, self.evaluation_rows)
            logits_all, acts_all = self.forward(params, x, h)
            losses = head.losses(logits_all, y)
            train_loss = weighted_mean(losses, train_w)
            test_loss = weighted_mean(losses, test_w)
            rows = self.gradient_rows or data.x.shape[0]
            grads = jax.grad(self.objective)(params, data.x[:rows], data.y[:rows],
                                             data.train_weights[:rows], h)
            finite = jnp.isfinite(train_loss) & all_finite(params)
            return Snapshot(
                step, params, self.learning_rate(h, step), train_loss, test_loss,
                head.accuracy(logits_all, y, train_w),
                head.accuracy(logits_all, y, test_w), grads,
                self._stats(params, grads, acts_all, train_w, h.arch), finite,
                self.model.views(self.forward, head, params, h, probes),
            )

        jitted: SnapshotFn = self.program("snapshot", lambda: OnHost(run))
        return jitted

    def _stats(self, params: Params, grads: Params, acts: dict[str, jax.Array],
               train_rows: jax.Array, arch: Any) -> LayerStats:
        """Per parameter group, over the training rows (`train_rows`: 1 for each) and the
        parts its masks keep."""
        rows = []
        for group, grad in zip(self.model.groups(params, acts, arch),
                               self.model.groups(grads, None, arch), strict=True):
            w, act = group.weights, group.activation
            if act is None:
                raise ValueError("Model.groups must give each group's activation from acts")
            w_mask = jnp.ones_like(w) if group.weight_mask is None else group.weight_mask
            units = jnp.ones(act.shape[-1]) if group.unit_mask is None else group.unit_mask
            g = grad.weights * w_mask
            act_mask = units * train_rows[:, None]
            limits = jnp.stack([jnp.max(jnp.abs(w * w_mask)), jnp.max(jnp.abs(g)),
                                jnp.max(jnp.abs(act * act_mask))]) + 1e-12
            rows.append((
                jnp.sqrt(jnp.sum(g * g)), *_moments(w, w_mask),
                _histogram(w, limits[0], w_mask), _histogram(g, limits[1], w_mask),
                *_moments(act, act_mask), _histogram(act, limits[2], act_mask),
                jnp.sum(jnp.all((act == 0) | (act_mask == 0), axis=0) * units), limits,
            ))
        return LayerStats(*(jnp.stack(column) for column in zip(*rows, strict=True)))
