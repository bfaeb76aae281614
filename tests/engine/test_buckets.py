"""Sizes as data: a Dataset padded to a size bucket, and a minibatch drawn into a bucket of
slots, give exactly what the unpadded rows and the batch's own examples give (NumPy), and
other sizes within the buckets reuse every compiled program."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from engine_oracles import accuracy, forward, head_losses, host, tanh_mse_backprop

from mindscope.engine import Dataset, Regime, hyper
from mindscope.engine.programs import PROGRAMS
from mindscope.engine.training import BATCH_BLOCK, MIN_ROWS, Trainer, pack, size_bucket
from mindscope.labs.points.data import DATASETS, make_planar_data
from mindscope.labs.points.network import DenseNet
from mindscope.labs.points.views import Probes, input_grid
from mindscope.stats import COMPILES

BUCKET = size_bucket(10)
DEFAULT = DenseNet(("x1", "x2"), (4, 2), ("tanh", "tanh"))
WIDE = DenseNet(("x1", "x2"), (8, 8), ("tanh", "tanh"))
THREE_CLASSES = DenseNet(("x1", "x2"), (8, 8), ("tanh", "tanh"), n_outputs=3)

# (model, problem, loss, optimizer, two datasets of that problem): the trainers
# test_training compiles too (for the first dataset's row bucket), so they are shared
# when both run.
SETUPS = {
    "binary": (DEFAULT, "binary", "mse", "sgd", "circle", "xor"),
    "multiclass": (THREE_CLASSES, "multiclass", "cross_entropy", "adam", "spiral3", "moons3"),
    "regression": (WIDE, "regression", "huber", "adam", "bumps", "plane"),
}


def _trainer(model: DenseNet, problem: str, loss: str, optimizer: str,
             rows: int = MIN_ROWS) -> Trainer:
    return PROGRAMS.trainer(model, problem, loss, optimizer, BUCKET, Regime(), rows)


def _with_garbage_padding(data: Dataset, seed: int) -> Dataset:
    """The same rows with the padding filled with other (finite) values: it must not count."""
    n = int(data.n_train) + int(data.n_test)
    rng = np.random.default_rng(seed)
    x, y = np.array(data.x), np.array(data.y)
    x[n:] = rng.uniform(-6, 6, x[n:].shape)
    y[n:] = y[rng.integers(0, n, len(y) - n)]
    return jax.device_put(Dataset(x, y, data.n_train, data.n_test))  # no compile, as pack


@pytest.mark.parametrize("setup", list(SETUPS))
def test_snapshot_losses_and_accuracy_are_those_of_the_unpadded_rows(setup: str) -> None:
    model, problem, loss, optimizer, first, second = SETUPS[setup]
    rows = size_bucket(DATASETS[first].points, MIN_ROWS)
    trainer = _trainer(model, problem, loss, optimizer, rows)
    h, grids = hyper(0.01), Probes(input_grid(10), input_grid(4))
    # Other train shares, noise, numbers of points and datasets, all within one row bucket.
    splits = [make_planar_data(first),
              make_planar_data(first, noise=0.3, train_share=0.2, seed=1),
              make_planar_data(second, noise=0.1, train_share=0.8, n=rows - 24, seed=2),
              make_planar_data(first, n=rows // 2 + 1, seed=3)]
    COMPILES.listen()
    for variant, split in enumerate([*splits, splits[1]]):
        data = pack(*split)
        assert data.x.shape[0] == rows
        if variant == len(splits):
            data = _with_garbage_padding(data, variant)
        state, _ = trainer.train_chunk(trainer.init_state(variant), data, h, jnp.int32(20))
        snap = trainer.snapshot(state, data, h, grids)
        if variant == 0:  # compiled (or found compiled) now; nothing may compile after this
            compiles, chunks = COMPILES.count, trainer.train_chunk._cache_size()

        for x, y, got_loss, got_accuracy in [
            (split.x_train, split.y_train, snap.train_loss, snap.train_accuracy),
            (split.x_test, split.y_test, snap.test_loss, snap.test_accuracy),
        ]:
            logits = forward(snap.params, x, model.activations)
            expected = np.mean(head_losses(problem, loss, logits, y))
            assert float(got_loss) == pytest.approx(expected, rel=1e-5), variant
            if problem == "regression":
                assert np.isnan(float(got_accuracy))
            else:
                assert float(got_accuracy) == pytest.approx(accuracy(problem, logits, y),
                                                            abs=1e-6), variant
    assert trainer.train_chunk._cache_size() == chunks
    assert COMPILES.count == compiles  # neither the chunk nor the snapshot compiled again


def _batch_rows(key: jax.Array, n_train: int, batch_size: int, step: int = 0) -> np.ndarray:
    """The training rows step `step` of a chunk started with state key `key` learns from:
    row step % BATCH_BLOCK of the block of indices drawn for its BATCH_BLOCK steps, of which
    the first batch_size slots count."""
    _, sample_key, _ = jax.random.split(key, 3)
    block = jax.random.randint(jax.random.fold_in(sample_key, step // BATCH_BLOCK),
                               (BATCH_BLOCK, BUCKET), 0, n_train)
    return np.asarray(block[step % BATCH_BLOCK, :batch_size])


def test_a_step_learns_from_exactly_batch_size_sampled_examples() -> None:
    trainer = _trainer(*SETUPS["binary"][:4])
    split = make_planar_data("circle", noise=0.2, seed=1)
    data, start, lr = pack(*split), trainer.init_state(3), 0.5
    compiled = None
    for batch_size in (10, 1, BUCKET, 7):
        after, losses = trainer.train_chunk(start, data, hyper(lr, batch_size=batch_size),
                                            jnp.int32(1))
        compiled = compiled or trainer.train_chunk._cache_size()
        rows = _batch_rows(start.key, len(split.x_train), batch_size)
        loss, grads = tanh_mse_backprop(start.params, split.x_train[rows],
                                        split.y_train[rows])
        assert float(losses[0]) == pytest.approx(loss, rel=1e-5)
        for got, want, before, moved in zip(host(after.last_grads), grads, host(start.params),
                                            host(after.params), strict=True):
            for k in ("w", "b"):
                np.testing.assert_allclose(got[k], want[k], rtol=1e-4, atol=1e-7)
                np.testing.assert_allclose(moved[k], before[k] - lr * want[k], rtol=1e-5,
                                           atol=1e-7)
        if batch_size < BUCKET:  # the slots past the batch size would change the gradient
            every_slot = _batch_rows(start.key, len(split.x_train), BUCKET)
            _, other = tanh_mse_backprop(start.params, split.x_train[every_slot],
                                         split.y_train[every_slot])
            assert not np.allclose(other[0]["w"], grads[0]["w"], rtol=1e-3)
    assert trainer.train_chunk._cache_size() == compiled  # no batch size recompiled


def test_every_step_of_a_chunk_learns_from_its_own_row_of_the_drawn_blocks() -> None:
    """Steps past the first block of BATCH_BLOCK draw from the next one, and every step
    follows SGD over its own batch (NumPy, float64, step by step)."""
    trainer = _trainer(*SETUPS["binary"][:4])
    split = make_planar_data("xor", noise=0.1, seed=2)
    data, start, lr, batch_size = pack(*split), trainer.init_state(4), 0.1, 6
    steps = BATCH_BLOCK + 3
    after, losses = trainer.train_chunk(start, data, hyper(lr, batch_size=batch_size),
                                        jnp.int32(steps))
    params = host(start.params)
    for step in range(steps):
        rows = _batch_rows(start.key, len(split.x_train), batch_size, step)
        loss, grads = tanh_mse_backprop(params, split.x_train[rows], split.y_train[rows])
        assert float(losses[step]) == pytest.approx(loss, rel=1e-4, abs=1e-6), step
        params = [{k: layer[k] - lr * g[k] for k in layer}
                  for layer, g in zip(params, grads, strict=True)]
    for got, want in zip(host(after.params), params, strict=True):
        for k in ("w", "b"):
            np.testing.assert_allclose(got[k], want[k], rtol=1e-4, atol=1e-6)
