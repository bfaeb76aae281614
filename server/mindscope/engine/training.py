"""Jitted training: a fused chunk of optimizer steps and a snapshot for the visualizer.

Everything a user changes while training (learning rate and schedule, optimizer
hyperparameters, L1/L2 rates, dropout rates, clipping norm, chunk length) travels
as traced values in `Hyper`, so those edits never recompile. What fixes array
shapes or program structure (architecture, loss, optimizer kind, batch size, and
which optional parts of a step are switched on at all: the `Regime`) keys the
`Trainer`, whose compiled functions are shared by every session that uses it.
At about 5 µs a step, a plain SGD step must not pay for dropout or clipping it
does not use, hence the regime: switching a part on compiles once, after that
its rate changes freely.
"""

from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any, NamedTuple

import jax
import jax.numpy as jnp
import numpy as np
import optax

from .losses import HEADS, accuracy, score
from .model import Model, Params
from .optimizers import make_optimizer, schedule_factor, set_hyperparams
from .padded import Arch
from .transfer import on_host

MAX_CHUNK = 2048
BATCH_BLOCK = 128  # steps whose minibatches one RNG call draws
MAX_LAYERS = 8  # hidden layers; dropout rates travel as a fixed-size array
HISTOGRAM_BINS = 16


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
    schedule: jax.Array  # index into optimizers.SCHEDULES
    schedule_steps: jax.Array
    schedule_gamma: jax.Array
    warmup_steps: jax.Array
    arch: Arch | None = None  # the padded network's structure; None for exact networks


def hyper(
    learning_rate: float = 0.03, *, momentum: float = 0.9, b1: float = 0.9, b2: float = 0.999,
    weight_decay: float = 1e-4, decay: float = 0.9, l1: float = 0.0, l2: float = 0.0,
    dropout: tuple[float, ...] = (), clip_norm: float = 0.0, schedule: int = 0,
    schedule_steps: float = 1000.0, schedule_gamma: float = 0.5, warmup_steps: float = 0.0,
) -> Hyper:
    # Built in NumPy and moved in one device_put: a dozen small jnp arrays cost ~1 ms a frame.
    rates = np.zeros(MAX_LAYERS, np.float32)
    rates[: len(dropout)] = dropout
    f = np.float32
    return jax.device_put(Hyper(
        f(learning_rate), f(momentum), f(b1), f(b2), f(weight_decay), f(decay), f(l1), f(l2),
        rates, f(clip_norm), np.int32(schedule), f(schedule_steps), f(schedule_gamma),
        f(warmup_steps)))


class TrainState(NamedTuple):
    params: Params
    opt_state: optax.OptState
    step: jax.Array
    key: jax.Array
    last_grads: Params  # the gradient on the last step's minibatch (zeros before any step)


class Dataset(NamedTuple):
    x_train: jax.Array  # (N, 2) points
    y_train: jax.Array  # (N, 1) targets
    x_test: jax.Array
    y_test: jax.Array


class LayerStats(NamedTuple):
    """Per layer (rows: hidden layers then the output layer)."""

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
    batch_grads: Params  # the gradient on the last step's minibatch
    learning_rate: jax.Array  # the rate at this step, after the schedule
    train_loss: jax.Array
    test_loss: jax.Array
    train_accuracy: jax.Array  # NaN for regression
    test_accuracy: jax.Array
    output_map: jax.Array  # uint8 (R, R): score quantized over output_range
    output_range: jax.Array  # (2,)
    class_map: jax.Array  # uint8 (R, R): winning class (multi-class), else zeros
    neuron_maps: jax.Array  # uint8 (nodes, Rn, Rn): every feature and hidden neuron
    neuron_ranges: jax.Array  # (nodes, 2): symmetric [-m, m] of each map
    grads: Params  # full-batch gradient of the training objective
    stats: LayerStats
    finite: jax.Array  # False once loss or parameters stop being finite


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

    dropout: bool = False
    clip: bool = False
    l1: bool = False
    l2: bool = False
    schedule: bool = False  # a schedule other than constant, or warm-up


@dataclass(frozen=True)
class Trainer:
    """Compiled train and snapshot functions for one model, head, optimizer and batch size."""

    model: Model
    problem: str = "binary"
    loss: str = "mse"
    optimizer_name: str = "sgd"
    batch_size: int = 10
    regime: Regime = Regime()

    @cached_property
    def optimizer(self) -> optax.GradientTransformation:
        return make_optimizer(self.optimizer_name)

    def init_state(self, seed: int, scheme: str = "uniform") -> TrainState:
        """Initial parameters and training randomness (batches, dropout), both from seed."""
        return self.state_for(self.model.init(seed, scheme), jnp.int32(0), jax.random.key(seed))

    def state_for(self, params: Params, step: jax.Array, key: jax.Array) -> TrainState:
        """A state for given parameters, with fresh optimizer moments."""
        zeros = [{k: jnp.asarray(np.zeros(np.shape(v), np.float32)) for k, v in layer.items()}
                 for layer in params]  # NumPy zeros: no per-shape compile on an edit
        return TrainState(params, self.optimizer.init(params), jnp.int32(step), key, zeros)

    # -- the objective ---------------------------------------------------------

    def data_loss(self, params: Params, x: jax.Array, y: jax.Array,
                  dropout: jax.Array | None = None, key: jax.Array | None = None,
                  arch: Arch | None = None) -> jax.Array:
        logits, _ = self.model.apply(params, x, dropout, key, arch)
        return jnp.mean(HEADS[(self.problem, self.loss)].loss(logits, y))

    def objective(self, params: Params, x: jax.Array, y: jax.Array, h: Hyper,
                  key: jax.Array | None = None) -> jax.Array:
        """Data loss plus L1/L2 on the weights (not biases), as TensorFlow Playground does;
        with a key (training) and dropout in the regime, hidden units drop out."""
        use_key = key if self.regime.dropout else None
        loss = self.data_loss(params, x, y, h.dropout, use_key, h.arch)
        weights = [layer["w"] for layer in params]
        if self.regime.l1:
            loss += h.l1 * sum(jnp.sum(jnp.abs(w)) for w in weights)
        if self.regime.l2:
            loss += h.l2 * sum(0.5 * jnp.sum(w * w) for w in weights)
        return loss

    # -- training --------------------------------------------------------------

    def learning_rate(self, h: Hyper, step: jax.Array) -> jax.Array:
        if not self.regime.schedule:
            return h.learning_rate
        return h.learning_rate * schedule_factor(h.schedule, step, h.schedule_steps,
                                                 h.schedule_gamma, h.warmup_steps)

    def _step(self, params: Params, opt_state: optax.OptState, step: jax.Array, x: jax.Array,
              y: jax.Array, h: Hyper, key: jax.Array):
        loss, grads = jax.value_and_grad(self.objective)(params, x, y, h, key)
        if self.regime.clip:
            norm = optax.tree.norm(grads)
            scale = jnp.where(norm > h.clip_norm, h.clip_norm / norm, 1.0)
            grads = jax.tree.map(lambda g: g * scale, grads)
        values = {**h._asdict(), "learning_rate": self.learning_rate(h, step)}
        opt_state = set_hyperparams(opt_state, values)
        updates, opt_state = self.optimizer.update(grads, opt_state, params)
        return optax.apply_updates(params, updates), opt_state, loss, grads

    @cached_property
    def train_step(self):
        """(state, x_batch, y_batch, hyper) -> (state, loss): one step on a given batch, for
        stepping through by hand and as the per-call baseline of the benchmark."""

        def run(state: TrainState, x: jax.Array, y: jax.Array, h: Hyper):
            key, _, dropout_key = jax.random.split(state.key, 3)
            params, opt_state, loss, grads = self._step(
                state.params, state.opt_state, state.step, x, y, h,
                jax.random.fold_in(dropout_key, 0),
            )
            return TrainState(params, opt_state, state.step + 1, key, grads), loss

        return jax.jit(run)

    @cached_property
    def train_chunk(self):
        """(state, x, y, hyper, num_steps) -> (state, per-step losses, NaN-padded to MAX_CHUNK).

        Minibatches are drawn with replacement, one RNG call for each BATCH_BLOCK steps:
        drawing all MAX_CHUNK at once would cost a short chunk more than its steps.
        """

        def run(state: TrainState, x: jax.Array, y: jax.Array, h: Hyper, num_steps: jax.Array):
            key, sample_key, dropout_key = jax.random.split(state.key, 3)
            n = jnp.clip(num_steps, 0, MAX_CHUNK)

            def block(b, carry):
                batches = jax.random.randint(jax.random.fold_in(sample_key, b),
                                             (BATCH_BLOCK, self.batch_size), 0, x.shape[0])

                def body(i, carry):
                    params, opt_state, _, losses = carry
                    idx = batches[i - b * BATCH_BLOCK]
                    params, opt_state, loss, grads = self._step(
                        params, opt_state, state.step + i, x[idx], y[idx], h,
                        jax.random.fold_in(dropout_key, i),
                    )
                    return params, opt_state, grads, losses.at[i].set(loss)

                return jax.lax.fori_loop(b * BATCH_BLOCK, jnp.minimum(n, (b + 1) * BATCH_BLOCK),
                                         body, carry)

            params, opt_state, grads, losses = jax.lax.fori_loop(
                0, (n + BATCH_BLOCK - 1) // BATCH_BLOCK, block,
                (state.params, state.opt_state, state.last_grads, jnp.full(MAX_CHUNK, jnp.nan)),
            )
            return TrainState(params, opt_state, state.step + n, key, grads), losses

        return jax.jit(run)

    # -- what the visualizer shows ------------------------------------------------

    def forward(self, params: Params, x: jax.Array, arch: Arch | None = None,
                ) -> tuple[jax.Array, dict[str, jax.Array]]:
        """Logits and every layer's output, the head's output activation included."""
        logits, acts = self.model.apply(params, x, arch=arch)
        acts["output"] = HEADS[(self.problem, self.loss)].output_activation(logits)
        return logits, acts

    @cached_property
    def snapshot(self):
        """(state, data, hyper, output_grid (Ro, Ro, 2), neuron_grid (Rn, Rn, 2)) -> Snapshot,
        fetched to the host in one transfer per dtype."""

        def run(state: TrainState, data: Dataset, h: Hyper, output_grid: jax.Array,
                neuron_grid: jax.Array) -> Snapshot:
            params, step = state.params, state.step
            train_logits, train_acts = self.forward(params, data.x_train, h.arch)
            test_logits, _ = self.forward(params, data.x_test, h.arch)
            head = HEADS[(self.problem, self.loss)]
            train_loss = jnp.mean(head.loss(train_logits, data.y_train))
            test_loss = jnp.mean(head.loss(test_logits, data.y_test))
            grads = jax.grad(self.objective)(params, data.x_train, data.y_train, h)

            ro = output_grid.shape[0]
            logits, _ = self.forward(params, output_grid.reshape(-1, 2), h.arch)
            values = score(self.problem, self.loss, logits)
            if self.problem == "regression":
                output_range = jnp.stack([jnp.min(values), jnp.max(values)])
            else:
                output_range = jnp.array([-1.0 if self.problem == "binary" else 0.0, 1.0])
            output_map = quantize(values, output_range[0], output_range[1]).reshape(ro, ro)
            classes = jnp.argmax(logits, axis=-1) if self.problem == "multiclass" else (
                jnp.zeros(logits.shape[0], jnp.int32))

            rn = neuron_grid.shape[0]
            _, acts = self.forward(params, neuron_grid.reshape(-1, 2), h.arch)
            nodes = jnp.concatenate(
                [acts["features"]] + [acts[f"hidden{i + 1}"] for i in range(len(params) - 1)],
                axis=1,
            ).T  # (nodes, Rn*Rn)
            extent = jnp.maximum(jnp.max(jnp.abs(nodes), axis=1), 1e-6)
            neuron_maps = quantize(nodes, -extent[:, None], extent[:, None])

            finite = jnp.isfinite(train_loss) & all_finite(params)
            return Snapshot(
                step, params, state.last_grads, self.learning_rate(h, step), train_loss, test_loss,
                accuracy(self.problem, self.loss, train_logits, data.y_train),
                accuracy(self.problem, self.loss, test_logits, data.y_test),
                output_map, output_range, classes.astype(jnp.uint8).reshape(ro, ro),
                neuron_maps.reshape(-1, rn, rn), jnp.stack([-extent, extent], axis=1),
                grads, self._stats(params, grads, train_acts, h.arch), finite,
            )

        return on_host(run)

    def _stats(self, params: Params, grads: Params, acts: dict[str, jax.Array],
               arch: Arch | None) -> LayerStats:
        layer_acts = [acts[f"hidden{i + 1}"] for i in range(len(params) - 1)] + [acts["output"]]
        masks = self.model.stat_masks(arch) if arch is not None else [
            (jnp.ones_like(layer["w"]), jnp.ones_like(layer["b"])) for layer in params]
        rows = []
        for layer, grad, act, (w_mask, units) in zip(params, grads, layer_acts, masks,
                                                     strict=True):
            w, g = layer["w"], grad["w"] * w_mask
            act_mask = jnp.broadcast_to(units, act.shape)
            limits = jnp.stack([jnp.max(jnp.abs(w * w_mask)), jnp.max(jnp.abs(g)),
                                jnp.max(jnp.abs(act * act_mask))]) + 1e-12
            rows.append((
                jnp.sqrt(jnp.sum(g * g)), *_moments(w, w_mask),
                _histogram(w, limits[0], w_mask), _histogram(g, limits[1], w_mask),
                *_moments(act, act_mask), _histogram(act, limits[2], act_mask),
                jnp.sum(jnp.all(act == 0, axis=0) * units), limits,
            ))
        return LayerStats(*(jnp.stack(column) for column in zip(*rows, strict=True)))


@lru_cache(maxsize=128)
def trainer_for(model: Model, problem: str, loss: str, optimizer: str, batch_size: int,
                regime: Regime = Regime()) -> Trainer:
    """Share compiled functions between sessions with the same program structure."""
    return Trainer(model, problem, loss, optimizer, batch_size, regime)


def input_grid(resolution: int, extent: float = 6.0) -> jax.Array:
    """Points of the input plane, shape (R, R, 2); row 0 is the top (largest x2)."""
    axis = jnp.linspace(-extent, extent, resolution)
    x1, x2 = jnp.meshgrid(axis, axis[::-1])
    return jnp.stack([x1, x2], axis=-1)
