"""The universal trainer (every head, every optimizer and any batch size in one program)
learns exactly what the exact trainer of that head and optimizer learns, step for step,
and shows the losses and accuracy a NumPy calculation gives."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from engine_oracles import accuracy, forward, head_losses, host, tanh_mse_backprop

from mindscope.engine import Regime, hyper
from mindscope.engine.losses import HEAD_KEYS
from mindscope.engine.programs import PROGRAMS
from mindscope.engine.training import ANY, EVERY_PART, MIN_ROWS, Trainer, pack
from mindscope.labs.points.data import make_planar_data
from mindscope.labs.points.network import DenseNet
from mindscope.labs.points.padded import PaddedNet, arch_of, pad, unpad
from mindscope.labs.points.user import MAX_CLASSES
from mindscope.labs.points.views import Probes, input_grid
from mindscope.vocabulary import OPTIMIZER_NAMES

SLOTS = 32
UNIVERSAL = PROGRAMS.trainer(PaddedNet(MAX_CLASSES), ANY, ANY, ANY, SLOTS, EVERY_PART, MIN_ROWS)
DATASETS = {"binary": "circle", "multiclass": "spiral3", "regression": "plane"}
STEPS = 4
compiled: list[int] = []  # the universal chunk's executables once first compiled


def _model(problem: str) -> DenseNet:
    return DenseNet(("x1", "x2"), (3, 2), ("tanh", "relu"),
                    n_outputs=3 if problem == "multiclass" else 1)


def _split(problem: str, seed: int = 1):
    return make_planar_data(DATASETS[problem], n=500, seed=seed)  # 512 rows: one program


def _universal_hyper(head: tuple[str, str], optimizer: str, model: DenseNet, lr: float,
                     batch_size: int):
    return hyper(lr, batch_size=batch_size, head=HEAD_KEYS.index(head),
                 optimizer=OPTIMIZER_NAMES.index(optimizer),
                 )._replace(arch=arch_of(model, MAX_CLASSES))


def _universal_rows(key: jax.Array, n_train: int, batch_size: int, step: int) -> np.ndarray:
    """The training rows step `step` of a universal chunk (started with state key `key`)
    learns from: the step's own sample key, fold_in(sample_key, -1 - step), then one draw
    of SLOTS indices per part, of which the slots past the batch size do not count."""
    _, sample_key, _ = jax.random.split(key, 3)
    step_key = jax.random.fold_in(sample_key, np.uint32((-1 - step) % 2**32))
    parts = max(-(-batch_size // SLOTS), 1)
    return np.concatenate([
        np.asarray(jax.random.randint(jax.random.fold_in(step_key, m), (SLOTS,), 0,
                                      n_train))[: batch_size - m * SLOTS]
        for m in range(parts)])


def _assert_same_params(got, want, rtol: float = 1e-4, atol: float = 1e-5) -> None:
    for a, b in zip(jax.tree.leaves(got), jax.tree.leaves(want), strict=True):
        np.testing.assert_allclose(np.asarray(a), np.asarray(b), rtol=rtol, atol=atol)


@pytest.mark.parametrize("optimizer", ["sgd", "adam", "rmsprop"])
@pytest.mark.parametrize("head", HEAD_KEYS)
def test_universal_steps_are_the_exact_trainers_steps(head: tuple[str, str],
                                                      optimizer: str) -> None:
    problem, loss = head
    model, split = _model(problem), _split(problem)
    data, lr, batch_size, seed = pack(*split), 0.05, 10, 5
    params, key = model.init(seed), jax.random.key(seed)
    start = UNIVERSAL.state_for(pad(params, model, MAX_CLASSES), jnp.int32(0), key)
    after, losses = UNIVERSAL.train_chunk(
        start, data, _universal_hyper(head, optimizer, model, lr, batch_size), jnp.int32(STEPS))
    compiled.append(UNIVERSAL.train_chunk._cache_size())
    assert compiled[-1] == compiled[0]  # another head or optimizer compiles nothing

    # The exact trainer's own steps, run eagerly (no compile), on the same examples.
    exact = Trainer(model, problem, loss, optimizer, 16)
    h, opt_state = hyper(lr, batch_size=batch_size), exact.optimizer.init(params)
    for step in range(STEPS):
        rows = _universal_rows(key, len(split.x_train), batch_size, step)
        params, opt_state, step_loss, grads = exact._step(
            params, opt_state, jnp.int32(step), jnp.asarray(split.x_train[rows]),
            jnp.asarray(split.y_train[rows]), jnp.ones(len(rows)), h, None)
        assert float(losses[step]) == pytest.approx(float(step_loss), rel=1e-5, abs=1e-7)
    _assert_same_params(unpad(after.params, model), params)
    _assert_same_params(unpad(after.last_grads, model), grads, atol=1e-6)


@pytest.mark.parametrize("batch_size", [70, 64, 33, 10])
def test_a_batch_beyond_the_slots_learns_the_mean_over_all_its_examples(
        batch_size: int) -> None:
    model = DenseNet(("x1", "x2"), (4, 2), ("tanh", "tanh"))
    split = make_planar_data("circle", noise=0.2, n=500, seed=4)
    data, lr = pack(*split), 0.3
    start = UNIVERSAL.state_for(pad(model.init(2), model, MAX_CLASSES), jnp.int32(0),
                                jax.random.key(2))
    after, losses = UNIVERSAL.train_chunk(
        start, data, _universal_hyper(("binary", "mse"), "sgd", model, lr, batch_size),
        jnp.int32(1))
    rows = _universal_rows(start.key, len(split.x_train), batch_size, 0)
    assert len(rows) == batch_size
    loss, grads = tanh_mse_backprop(unpad(start.params, model), split.x_train[rows],
                                    split.y_train[rows])
    assert float(losses[0]) == pytest.approx(loss, rel=1e-5)
    for got, want, before, moved in zip(host(unpad(after.last_grads, model)), grads,
                                        host(unpad(start.params, model)),
                                        host(unpad(after.params, model)), strict=True):
        for k in ("w", "b"):
            np.testing.assert_allclose(got[k], want[k], rtol=1e-4, atol=1e-7)
            np.testing.assert_allclose(moved[k], before[k] - lr * want[k], rtol=1e-5,
                                       atol=1e-7)
    compiled.append(UNIVERSAL.train_chunk._cache_size())
    assert compiled[-1] == compiled[0]  # every batch size in one program


@pytest.mark.parametrize("head", HEAD_KEYS)
def test_universal_snapshot_shows_each_heads_losses_accuracy_and_gradient(
        head: tuple[str, str]) -> None:
    problem, loss = head
    model, split = _model(problem), _split(problem, seed=6)
    data, params = pack(*split), model.init(7)
    h = _universal_hyper(head, "adam", model, 0.01, 10)
    state = UNIVERSAL.state_for(pad(params, model, MAX_CLASSES), jnp.int32(0),
                                jax.random.key(0))
    snap = UNIVERSAL.snapshot(state, data, h, Probes(input_grid(10), input_grid(4)))
    for x, y, got_loss, got_accuracy in [
        (split.x_train, split.y_train, snap.train_loss, snap.train_accuracy),
        (split.x_test, split.y_test, snap.test_loss, snap.test_accuracy),
    ]:
        logits = forward(params, x, model.activations)
        assert float(got_loss) == pytest.approx(np.mean(head_losses(problem, loss, logits, y)),
                                                rel=1e-5)
        if problem == "regression":
            assert np.isnan(float(got_accuracy))
        else:
            assert float(got_accuracy) == pytest.approx(accuracy(problem, logits, y), abs=1e-6)
    # The full-batch gradient, against the exact trainer's (eager) on the training rows.
    exact = Trainer(model, problem, loss, "adam", 16)
    x, y = jnp.asarray(split.x_train), jnp.asarray(split.y_train)
    want = jax.grad(exact.objective)(params, x, y, jnp.ones(len(x)), hyper())
    _assert_same_params(unpad(snap.grads, model), want, rtol=1e-4, atol=1e-6)


def test_universal_steps_with_regularizers_and_clipping_are_the_exact_trainers_steps(
        ) -> None:
    """L1, L2 and clipping at rates that act: the padding must neither add to the penalty
    nor to the norm that clipping bounds."""
    head, optimizer = ("binary", "mse"), "sgd"
    model, split = _model("binary"), _split("binary")
    data, lr, batch_size, seed = pack(*split), 0.1, 10, 5
    params, key = model.init(seed), jax.random.key(seed)
    rates = {"l1": 0.01, "l2": 0.01, "clip_norm": 0.5}
    hu = _universal_hyper(head, optimizer, model, lr, batch_size)._replace(
        **{k: jnp.float32(v) for k, v in rates.items()})
    start = UNIVERSAL.state_for(pad(params, model, MAX_CLASSES), jnp.int32(0), key)
    after, losses = UNIVERSAL.train_chunk(start, data, hu, jnp.int32(STEPS))

    exact = Trainer(model, *head, optimizer, 16, Regime(l1=True, l2=True, clip=True))
    h, opt_state = hyper(lr, batch_size=batch_size, **rates), exact.optimizer.init(params)
    for step in range(STEPS):
        rows = _universal_rows(key, len(split.x_train), batch_size, step)
        params, opt_state, step_loss, _ = exact._step(
            params, opt_state, jnp.int32(step), jnp.asarray(split.x_train[rows]),
            jnp.asarray(split.y_train[rows]), jnp.ones(len(rows)), h, None)
        assert float(losses[step]) == pytest.approx(float(step_loss), rel=1e-5), step
    _assert_same_params(unpad(after.params, model), params)
