"""The engine's and the data's tables follow the shared vocabulary, name for name."""

import jax.numpy as jnp
import pytest

from mindscope import vocabulary
from mindscope.engine import ACTIVATIONS, HEADS, INITIALIZERS, training
from mindscope.engine.optimizers import make_optimizer
from mindscope.labs.points import padded
from mindscope.labs.points.data import DATASETS
from mindscope.labs.points.features import FEATURES
from mindscope.labs.points.network import DenseNet
from mindscope.labs.points.views import input_grid


def test_tables_are_keyed_by_the_shared_names_in_their_order() -> None:
    # Order matters too: the padded network and the schedule switch index these lists.
    assert tuple(ACTIVATIONS) == vocabulary.ACTIVATION_NAMES
    assert tuple(FEATURES) == vocabulary.FEATURE_NAMES
    assert tuple(INITIALIZERS) == vocabulary.INITIALIZER_NAMES
    assert tuple(DATASETS) == vocabulary.DATASET_NAMES
    assert set(HEADS) == {(problem, loss) for problem, losses in
                          vocabulary.LOSSES_BY_PROBLEM.items() for loss in losses}


@pytest.mark.parametrize("name", vocabulary.OPTIMIZER_NAMES)
def test_each_optimizer_traces_exactly_the_settings_it_uses(name: str) -> None:
    optax_names = {"learning_rate": "learning_rate", "momentum": "momentum", "beta1": "b1",
                   "beta2": "b2", "weight_decay": "weight_decay", "rms_decay": "decay"}
    traced = set(make_optimizer(name).init(DenseNet().init(0)).hyperparams)  # eps too
    used = ("learning_rate", *vocabulary.OPTIMIZER_SETTINGS[name])
    assert traced & set(optax_names.values()) == {optax_names[s] for s in used}


def test_the_engine_sizes_and_plane_are_the_shared_ones() -> None:
    assert training.MAX_LAYERS == padded.DEPTH == vocabulary.MAX_LAYERS
    assert padded.WIDTH == vocabulary.MAX_NEURONS >= len(vocabulary.FEATURE_NAMES)
    corners = input_grid(2)
    extent = vocabulary.PLANE_EXTENT
    assert jnp.array_equal(corners[0, 0], jnp.array([-extent, extent]))  # row 0 is the top
    assert jnp.array_equal(corners[1, 1], jnp.array([extent, -extent]))
