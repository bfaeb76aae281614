"""The train chunk and snapshot: exact steps, live hyperparameters, learning to target."""

import jax
import jax.numpy as jnp
import numpy as np
import optax
import pytest

from mindscope.engine import MAX_CHUNK, Dataset, Regime, hyper
from mindscope.engine.optimizers import schedule_factor
from mindscope.engine.programs import PROGRAMS
from mindscope.engine.training import BATCH_BLOCK, EVERY_PART, MIN_ROWS, Trainer, pack
from mindscope.labs.points.data import DATASETS, make_planar_data
from mindscope.labs.points.network import DenseNet
from mindscope.labs.points.views import Probes, input_grid
from mindscope.vocabulary import SCHEDULES

DEFAULT = DenseNet(("x1", "x2"), (4, 2), ("tanh", "tanh"))
PLAIN = Regime()
BUCKET = 16  # the batch bucket of every trainer here; hyper()'s batch size is 10


def trainer_for(model: DenseNet, problem: str, loss: str, optimizer: str,
                regime: Regime = PLAIN, rows: int = MIN_ROWS) -> Trainer:
    """The shared trainer (compiled once for every test that uses it) for data of `rows`
    rows (the 500-point sets: MIN_ROWS)."""
    return PROGRAMS.trainer(model, problem, loss, optimizer, BUCKET, regime, rows)


def _data(name: str = "circle") -> Dataset:
    return pack(*make_planar_data(name, seed=0))


def _train(trainer, state, data, h, steps: int):
    while steps > 0:
        state, _ = trainer.train_chunk(state, data, h, jnp.int32(min(steps, MAX_CHUNK)))
        steps -= MAX_CHUNK
    return state


def _snapshot(trainer, state, data, h, r_out: int = 10, r_neurons: int = 4):
    return trainer.snapshot(state, data, h, Probes(input_grid(r_out), input_grid(r_neurons)))


# (dataset, features, hidden, optimizer, learning rate, steps): a sensible set-up each.
LEARNABLE = [
    ("circle", ("x1", "x2"), (4, 2), "sgd", 0.03, 4000),
    ("xor", ("x1", "x2"), (4, 2), "sgd", 0.03, 4000),
    ("gauss", ("x1", "x2"), (4, 2), "sgd", 0.03, 2000),
    ("spiral", ("x1", "x2", "sin_x1", "sin_x2"), (8, 8), "adam", 0.01, 4000),
    ("spiral3", ("x1", "x2"), (8, 8), "adam", 0.01, 6000),
    ("blobs4", ("x1", "x2"), (8,), "adam", 0.01, 2000),
    ("moons3", ("x1", "x2"), (8, 8), "adam", 0.01, 8000),
]


@pytest.mark.parametrize(("name", "features", "hidden", "optimizer", "lr", "steps"), LEARNABLE)
def test_every_classification_set_reaches_95_percent_test_accuracy(
    name: str, features: tuple[str, ...], hidden: tuple[int, ...], optimizer: str, lr: float,
    steps: int,
) -> None:
    info = DATASETS[name]
    multiclass = info.problem == "multiclass"
    model = DenseNet(features, hidden, ("tanh",) * len(hidden),
                     n_outputs=info.classes if multiclass else 1)
    data, h = _data(name), hyper(lr)
    trainer = trainer_for(model, info.problem, "cross_entropy" if multiclass else "mse",
                          optimizer, rows=data.x.shape[0])
    state = _train(trainer, trainer.init_state(0), data, h, steps)
    snap = _snapshot(trainer, state, data, h)
    assert float(snap.test_accuracy) >= 0.95


@pytest.mark.parametrize(("name", "loss"), [("plane", "mse"), ("bumps", "huber")])
def test_regression_sets_learn(name: str, loss: str) -> None:
    model = DenseNet(("x1", "x2"), (8, 8), ("tanh", "tanh"))
    data, h = _data(name), hyper(0.01)
    trainer = trainer_for(model, "regression", loss, "adam", rows=data.x.shape[0])
    state = trainer.init_state(0)
    before = float(_snapshot(trainer, state, data, h).test_loss)
    after = float(_snapshot(trainer, _train(trainer, state, data, h, 4000), data, h).test_loss)
    assert after < 0.2 * before
    assert np.isnan(float(_snapshot(trainer, state, data, h).test_accuracy))


def test_chunk_reports_one_loss_per_step_and_pads_the_rest() -> None:
    trainer = trainer_for(DEFAULT, "binary", "mse", "sgd")
    data = _data()
    state, losses = trainer.train_chunk(trainer.init_state(0), data, hyper(), jnp.int32(7))
    losses = np.asarray(losses)
    assert int(state.step) == 7
    assert np.isfinite(losses[:7]).all() and np.isnan(losses[7:]).all()


def test_zero_steps_changes_nothing() -> None:
    trainer = trainer_for(DEFAULT, "binary", "mse", "sgd")
    data, state = _data(), trainer.init_state(0)
    after, _ = trainer.train_chunk(state, data, hyper(), jnp.int32(0))
    for a, b in zip(jax.tree.leaves(state.params), jax.tree.leaves(after.params), strict=True):
        np.testing.assert_array_equal(a, b)


def test_live_hyperparameters_and_chunk_length_never_recompile() -> None:
    trainer = trainer_for(DenseNet(("x1", "x2"), (3, 3), ("relu", "tanh")), "binary", "mse",
                          "momentum", EVERY_PART)
    data, state = _data(), trainer.init_state(0)
    state, _ = trainer.train_chunk(state, data, hyper(), jnp.int32(5))
    compiled = trainer.train_chunk._cache_size()
    for h, steps in [
        (hyper(0.5), 50), (hyper(0.1, l2=0.01, momentum=0.5), 3),
        (hyper(0.1, l1=0.1, dropout=(0.5, 0.2), clip_norm=1.0), 9),
        (hyper(0.1, schedule=SCHEDULES.index("cosine"), warmup_steps=10), 1),
        (hyper(0.1, batch_size=3), 4), (hyper(0.1, batch_size=BUCKET), 2),
    ]:
        state, _ = trainer.train_chunk(state, data, h, jnp.int32(steps))
    assert trainer.train_chunk._cache_size() == compiled


def test_the_regime_switches_parts_on_without_changing_the_plain_step() -> None:
    data = _data()
    plain = trainer_for(DEFAULT, "binary", "mse", "sgd")
    full = trainer_for(DEFAULT, "binary", "mse", "sgd", EVERY_PART)
    start = plain.init_state(0)
    # Everything on, but at rates that change nothing: the same step as the plain one.
    a, _ = plain.train_chunk(start, data, hyper(), jnp.int32(30))
    b, _ = full.train_chunk(start, data, hyper(clip_norm=1e9, warmup_steps=0), jnp.int32(30))
    for x, y in zip(jax.tree.leaves(a.params), jax.tree.leaves(b.params), strict=True):
        np.testing.assert_allclose(x, y, rtol=1e-5, atol=1e-7)


def _sampled_batch(state, n_train: jax.Array, batch_size: int) -> jax.Array:
    """The first minibatch a chunk draws: the first row of its first block of batch
    indices, of which the first batch_size slots count."""
    _, sample_key, _ = jax.random.split(state.key, 3)
    return jax.random.randint(jax.random.fold_in(sample_key, 0), (BATCH_BLOCK, BUCKET), 0,
                              n_train)[0, :batch_size]


@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
def test_one_step_is_exactly_the_optax_update_on_the_sampled_batch(optimizer: str) -> None:
    trainer = trainer_for(DEFAULT, "binary", "mse", optimizer)
    data, start = _data(), trainer.init_state(0)
    for lr in (0.01, 1.0):
        h = hyper(lr, b1=0.8, b2=0.99, batch_size=10)
        after, losses = trainer.train_chunk(start, data, h, jnp.int32(1))
        batch = _sampled_batch(start, data.n_train, 10)
        loss, grads = jax.value_and_grad(trainer.data_loss)(
            start.params, data.x[batch], data.y[batch], jnp.ones(10), h)
        reference = optax.sgd(lr) if optimizer == "sgd" else optax.adam(lr, b1=0.8, b2=0.99)
        updates, _ = reference.update(grads, reference.init(start.params), start.params)
        expected = optax.apply_updates(start.params, updates)
        assert float(losses[0]) == pytest.approx(float(loss), rel=1e-6)
        for a, b in zip(jax.tree.leaves(after.params), jax.tree.leaves(expected), strict=True):
            np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-7)


def test_gradient_clipping_bounds_the_step() -> None:
    trainer = trainer_for(DEFAULT, "binary", "mse", "sgd", Regime(clip=True))
    data, start = _data(), trainer.init_state(0)
    after, _ = trainer.train_chunk(start, data, hyper(1.0, clip_norm=1e-3), jnp.int32(1))
    step = jax.tree.map(lambda a, b: a - b, after.params, start.params)
    assert float(optax.tree.norm(step)) == pytest.approx(1e-3, rel=1e-4)


def test_dropout_changes_training_but_not_the_snapshot() -> None:
    trainer = trainer_for(DEFAULT, "binary", "mse", "sgd", Regime(dropout=True))
    data, start = _data(), trainer.init_state(0)
    plain, _ = trainer.train_chunk(start, data, hyper(), jnp.int32(20))
    dropped, _ = trainer.train_chunk(start, data, hyper(dropout=(0.5, 0.5)), jnp.int32(20))
    assert not np.allclose(plain.params[0]["w"], dropped.params[0]["w"])
    snaps = [_snapshot(trainer, start, data, hyper(dropout=d)) for d in ((), (0.9, 0.9))]
    assert float(snaps[0].train_loss) == float(snaps[1].train_loss)


@pytest.mark.parametrize("step", [0, 1, 250, 999, 1000, 1500, 5000])
def test_schedules_match_their_formulas(step: int) -> None:
    period, gamma, warmup = 1000.0, 0.5, 100.0
    expected = {
        "constant": 1.0,
        "step": gamma ** (step // period),
        "cosine": 0.5 * (1 + np.cos(np.pi * min(step, period) / period)),
    }
    for kind, value in expected.items():
        factor = schedule_factor(jnp.int32(SCHEDULES.index(kind)), jnp.int32(step),
                                 jnp.float32(period), jnp.float32(gamma), jnp.float32(warmup))
        assert float(factor) == pytest.approx(value * min(1.0, (step + 1) / warmup), abs=1e-6)


def test_snapshot_shows_every_neuron_and_flags_non_finite_parameters() -> None:
    trainer = trainer_for(DEFAULT, "binary", "mse", "sgd")
    data, state = _data(), trainer.init_state(0)
    snap = _snapshot(trainer, state, data, hyper(), r_out=20, r_neurons=8)
    assert snap.views["output"].shape == (20, 20) and snap.views["output"].dtype == jnp.uint8
    assert snap.views["neurons"].shape == (2 + 4 + 2, 8, 8)
    # The x1 feature's map rises from left to right; x2's from bottom to top.
    neurons = np.asarray(snap.views["neurons"], float)
    x1_map, x2_map = neurons[0], neurons[1]
    assert (np.diff(x1_map, axis=1) >= 0).all() and (np.diff(x2_map, axis=0) <= 0).all()
    assert snap.stats.grad_norm.shape == (3,) and float(snap.stats.grad_norm[0]) > 0
    assert bool(snap.finite)
    broken = [dict(layer) for layer in state.params]
    broken[0]["w"] = broken[0]["w"].at[0, 0].set(jnp.inf)
    assert not bool(trainer.snapshot(state._replace(params=broken), data, hyper(),
                                     Probes(input_grid(5), input_grid(2))).finite)


def test_dead_relu_units_are_counted() -> None:
    model = DenseNet(("x1", "x2"), (3,), ("relu",))
    trainer = trainer_for(model, "binary", "mse", "sgd")
    data, state = _data(), trainer.init_state(0)
    params = [dict(layer) for layer in state.params]
    params[0]["w"] = params[0]["w"].at[:, 1].set(0.0)
    params[0]["b"] = params[0]["b"].at[1].set(-1.0)  # unit 1 outputs 0 everywhere
    snap = trainer.snapshot(state._replace(params=params), data, hyper(),
                            Probes(input_grid(5), input_grid(2)))
    assert float(snap.stats.dead_units[0]) == 1.0


def test_single_step_matches_a_chunk_of_one_step() -> None:
    trainer = trainer_for(DEFAULT, "binary", "mse", "momentum")
    data, start = _data(), trainer.init_state(0)
    chunked, losses = trainer.train_chunk(start, data, hyper(batch_size=10), jnp.int32(1))
    batch = _sampled_batch(start, data.n_train, 10)
    stepped, loss = trainer.train_step(start, data.x[batch], data.y[batch], hyper())
    assert float(loss) == pytest.approx(float(losses[0]), rel=1e-6)
    assert int(stepped.step) == 1
    for a, b in zip(jax.tree.leaves(chunked.params), jax.tree.leaves(stepped.params),
                    strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-7)


def test_the_state_carries_the_last_minibatch_gradient() -> None:
    trainer = trainer_for(DEFAULT, "binary", "mse", "sgd")
    data, start = _data(), trainer.init_state(0)
    assert not any(np.asarray(g).any() for g in jax.tree.leaves(start.last_grads))
    after, _ = trainer.train_chunk(start, data, hyper(0.1, batch_size=10), jnp.int32(1))
    batch = _sampled_batch(start, data.n_train, 10)
    expected = jax.grad(trainer.data_loss)(start.params, data.x[batch], data.y[batch],
                                           jnp.ones(10), hyper(0.1))
    for a, b in zip(jax.tree.leaves(after.last_grads), jax.tree.leaves(expected), strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize(("n_train", "n_test"), [(350, 150), (40, 460), (480, 20)])
def test_frames_can_evaluate_the_first_rows_of_each_split(n_train: int, n_test: int) -> None:
    """With evaluation_rows, a snapshot's losses and accuracies are those of the first 64
    training and the first 64 test rows (fewer where a split is smaller), as NumPy
    averages them from the network's own outputs over those rows; the gradient stays the
    full batch's."""
    x_all, y_all, x_rest, y_rest = make_planar_data("circle", seed=1)
    x, y = np.concatenate([x_all, x_rest]), np.concatenate([y_all, y_rest])
    data = pack(x[:n_train], y[:n_train], x[n_train:n_train + n_test],
                y[n_train:n_train + n_test])
    full = trainer_for(DEFAULT, "binary", "mse", "sgd")
    sampled = PROGRAMS.trainer(DEFAULT, "binary", "mse", "sgd", BUCKET, PLAIN, MIN_ROWS,
                               evaluation_rows=64)
    state = _train(full, full.init_state(0), data, hyper(), 50)
    snap = _snapshot(sampled, state, data, hyper())
    outputs = np.asarray(DEFAULT.apply(state.params, jnp.asarray(x))[0])[:, 0]
    losses = np.asarray(full.head(hyper()).losses(jnp.asarray(outputs[:, None]),
                                                    jnp.asarray(y)))
    train_rows = np.arange(min(64, n_train))
    test_rows = n_train + np.arange(min(64, n_test))
    assert float(snap.train_loss) == pytest.approx(float(np.mean(losses[train_rows])), rel=1e-5)
    assert float(snap.test_loss) == pytest.approx(float(np.mean(losses[test_rows])), rel=1e-5)
    everything = _snapshot(full, state, data, hyper())
    for a, b in zip(jax.tree.leaves(snap.grads), jax.tree.leaves(everything.grads), strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-6)


def test_an_evaluation_sample_takes_targets_of_more_dimensions_than_inputs() -> None:
    """Sequences and tokens have targets (N, P, 1) beside inputs (N, S)."""
    from mindscope.engine.training import evaluation_sample

    x = np.arange(20, dtype=np.float32).reshape(10, 2)
    y = np.arange(30, dtype=np.float32).reshape(10, 3, 1)
    data = pack(x[:6], y[:6], x[6:], y[6:], smallest=16)
    sx, sy, train_w, test_w = evaluation_sample(data, 4)
    np.testing.assert_array_equal(sx[:4], x[:4])
    np.testing.assert_array_equal(sx[4:], x[6:10])
    np.testing.assert_array_equal(sy[4:], y[6:10])
    np.testing.assert_array_equal(train_w, [1, 1, 1, 1, 0, 0, 0, 0])
    np.testing.assert_array_equal(test_w, [0, 0, 0, 0, 1, 1, 1, 1])
