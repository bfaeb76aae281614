import jax
import jax.numpy as jnp
import numpy as np
import pytest

from mindscope.data import make_planar_data
from mindscope.engine import (
    MAX_CHUNK,
    Dataset,
    DenseNet,
    input_grid,
    trainer_for,
    with_learning_rate,
)


def _setup(name: str = "circle", hidden: tuple[int, ...] = (4, 2)):
    data = Dataset(*map(jnp.asarray, make_planar_data(name, seed=0)))
    trainer = trainer_for(DenseNet(n_inputs=2, hidden=hidden), "mse", 10)
    return data, trainer, trainer.init_state(jax.random.key(0), 0.03)


def _accuracy(trainer, params, x, y) -> float:
    out, _ = trainer.model.apply(params, x)
    return float(jnp.mean(jnp.sign(out) == y))


def test_default_network_learns_the_circle_in_a_bounded_number_of_steps() -> None:
    data, trainer, state = _setup()
    first = trainer.snapshot(state.params, data, input_grid(10))
    state, losses = trainer.train_chunk(state, data.x_train, data.y_train, jnp.int32(2000))
    state, _ = trainer.train_chunk(state, data.x_train, data.y_train, jnp.int32(2000))
    snap = trainer.snapshot(state.params, data, input_grid(10))
    assert int(state.step) == 4000
    assert float(snap.test_loss) < 0.1 < float(first.test_loss)
    assert _accuracy(trainer, state.params, data.x_test, data.y_test) >= 0.95
    assert np.isfinite(np.asarray(losses)[:2000]).all()


def test_chunk_reports_one_loss_per_step_and_pads_the_rest() -> None:
    data, trainer, state = _setup()
    state, losses = trainer.train_chunk(state, data.x_train, data.y_train, jnp.int32(7))
    losses = np.asarray(losses)
    assert int(state.step) == 7
    assert np.isfinite(losses[:7]).all() and np.isnan(losses[7:]).all()


def test_zero_steps_changes_nothing() -> None:
    data, trainer, state = _setup()
    after, _ = trainer.train_chunk(state, data.x_train, data.y_train, jnp.int32(0))
    for a, b in zip(jax.tree.leaves(state.params), jax.tree.leaves(after.params), strict=True):
        np.testing.assert_array_equal(a, b)


def test_learning_rate_and_chunk_length_change_without_recompiling() -> None:
    data, trainer, state = _setup(hidden=(3, 3))
    state, _ = trainer.train_chunk(state, data.x_train, data.y_train, jnp.int32(5))
    compiled = trainer.train_chunk._cache_size()
    state = with_learning_rate(state, 0.5)
    state, _ = trainer.train_chunk(state, data.x_train, data.y_train, jnp.int32(50))
    assert trainer.train_chunk._cache_size() == compiled
    assert float(state.opt_state.hyperparams["learning_rate"]) == 0.5


def test_one_step_is_exactly_sgd_on_the_sampled_batch() -> None:
    data, trainer, state = _setup()
    for lr in (0.01, 1.0):
        start = with_learning_rate(state, lr)
        after, losses = trainer.train_chunk(start, data.x_train, data.y_train, jnp.int32(1))
        # The chunk draws every batch index up front from the state's key.
        _, sample_key = jax.random.split(start.key)
        batch = jax.random.randint(sample_key, (MAX_CHUNK, 10), 0, len(data.x_train))[0]
        loss, grads = jax.value_and_grad(trainer.batch_loss)(
            start.params, data.x_train[batch], data.y_train[batch]
        )
        assert float(losses[0]) == pytest.approx(float(loss), rel=1e-6)
        expected = jax.tree.map(lambda p, g, lr=lr: p - lr * g, start.params, grads)
        for a, b in zip(jax.tree.leaves(after.params), jax.tree.leaves(expected), strict=True):
            np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-7)


def test_snapshot_flags_non_finite_parameters() -> None:
    data, trainer, state = _setup()
    broken = jax.tree.map(lambda a: a, state.params)
    broken[0]["w"] = broken[0]["w"].at[0, 0].set(jnp.inf)
    assert bool(trainer.snapshot(state.params, data, input_grid(5)).finite)
    assert not bool(trainer.snapshot(broken, data, input_grid(5)).finite)
