"""The padded network computes exactly what the exact network does, for any architecture."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from mindscope.engine import Regime, hyper
from mindscope.engine.losses import HEAD_KEYS
from mindscope.engine.programs import PROGRAMS
from mindscope.engine.training import ANY, EVERY_PART, MIN_ROWS, pack
from mindscope.labs.points.data import make_planar_data
from mindscope.labs.points.network import DenseNet
from mindscope.labs.points.padded import PaddedNet, arch_of, exact_layers, exact_nodes, pad, unpad
from mindscope.labs.points.user import MAX_CLASSES
from mindscope.labs.points.views import Probes, input_grid
from mindscope.vocabulary import OPTIMIZER_NAMES

ARCHITECTURES = [
    DenseNet(("x1", "x2"), (4, 2), ("tanh", "tanh")),
    DenseNet(("x2", "sin_x1", "x1_x2"), (16, 1, 5), ("relu", "sigmoid", "sine")),
    DenseNet(("x1_sq",), (), ()),
    DenseNet(("x1", "x2"), (3,) * 8, ("gelu",) * 8, n_outputs=3),
]


def _pair(model: DenseNet, problem: str, loss: str, rows: int):
    exact = PROGRAMS.trainer(model, problem, loss, "adam", 16, Regime(), rows)
    padded = PROGRAMS.trainer(PaddedNet(model.n_outputs), problem, loss, "adam", 16, Regime(),
                              rows)
    return exact, padded


@pytest.mark.parametrize("model", ARCHITECTURES)
def test_pad_then_unpad_is_the_identity(model: DenseNet) -> None:
    params = model.init(3)
    back = unpad(pad(params, model), model)
    for a, b in zip(jax.tree.leaves(params), jax.tree.leaves(back), strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("model", ARCHITECTURES)
def test_padded_snapshot_and_training_match_the_exact_network(model: DenseNet) -> None:
    multiclass = model.n_outputs > 1
    problem, loss = ("multiclass", "cross_entropy") if multiclass else ("binary", "log")
    data = pack(*make_planar_data("spiral3" if multiclass else "circle"))
    exact, padded = _pair(model, problem, loss, data.x.shape[0])
    h = hyper(0.01)
    hp = h._replace(arch=arch_of(model))
    state = exact.init_state(1)
    padded_state = padded.state_for(pad(state.params, model), state.step, state.key)

    grids = Probes(input_grid(6), input_grid(5))
    a = exact.snapshot(state, data, h, grids)
    b = padded.snapshot(padded_state, data, hp, grids)
    np.testing.assert_allclose(a.train_loss, b.train_loss, rtol=1e-5)
    # uint8 maps: float sums in another order may round one level apart.
    np.testing.assert_allclose(np.asarray(a.views["output"], int),
                               np.asarray(b.views["output"], int), atol=1)
    np.testing.assert_allclose(np.asarray(a.views["neurons"], int),
                               np.asarray(b.views["neurons"], int)[exact_nodes(model)], atol=1)
    for name, exact_stat, padded_stat in zip(a.stats._fields, a.stats, b.stats, strict=True):
        # The padding is left out of every statistic: no extra zeros in a histogram,
        # no padding unit counted as dead.
        np.testing.assert_allclose(exact_stat, np.asarray(padded_stat)[exact_layers(model)],
                                   rtol=1e-4, atol=1e-6, err_msg=name)
    for g, pg in zip(jax.tree.leaves(a.grads), jax.tree.leaves(unpad(b.grads, model)),
                     strict=True):
        np.testing.assert_allclose(g, pg, rtol=1e-4, atol=1e-7)

    # The same batches (they come from the same key), the same Adam steps.
    state, _ = exact.train_chunk(state, data, h, jnp.int32(25))
    padded_state, _ = padded.train_chunk(padded_state, data, hp, jnp.int32(25))
    for p, pp in zip(jax.tree.leaves(state.params),
                     jax.tree.leaves(unpad(padded_state.params, model)), strict=True):
        np.testing.assert_allclose(p, pp, rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize(("model", "problem", "loss", "dataset", "l1"), [
    (ARCHITECTURES[0], "binary", "mse", "circle", 0.0),
    (ARCHITECTURES[3], "multiclass", "cross_entropy", "spiral3", 0.0),
    (ARCHITECTURES[0], "binary", "mse", "circle", 0.01),
])
def test_unused_parts_of_the_padded_network_stay_zero_while_training(
    model: DenseNet, problem: str, loss: str, dataset: str, l1: float,
) -> None:
    # The universal trainer (the bridge's): 8 outputs of which the model uses 1 or 3, and
    # L1 in its regime, so at a rate above 0 it acts on every weight.
    padded = PROGRAMS.trainer(PaddedNet(MAX_CLASSES), ANY, ANY, ANY, 32, EVERY_PART, MIN_ROWS)
    data = pack(*make_planar_data(dataset, n=500))  # 512 rows: one universal program
    start = padded.state_for(pad(model.init(0), model, MAX_CLASSES), jnp.int32(0),
                             jax.random.key(0))
    h = hyper(0.1, l1=l1, head=HEAD_KEYS.index((problem, loss)),
              optimizer=OPTIMIZER_NAMES.index("adam"))._replace(arch=arch_of(model, MAX_CLASSES))
    after, _ = padded.train_chunk(start, data, h, jnp.int32(50))
    total = sum(float(jnp.sum(jnp.abs(leaf))) for leaf in jax.tree.leaves(after.params))
    used = sum(float(np.sum(np.abs(leaf))) for leaf in jax.tree.leaves(unpad(after.params, model)))
    assert total == pytest.approx(used, rel=1e-6)
    moved = [np.abs(a - b).max() for a, b in zip(jax.tree.leaves(unpad(after.params, model)),
                                                 jax.tree.leaves(model.init(0)), strict=True)]
    assert min(moved) > 0  # every exact layer learned
