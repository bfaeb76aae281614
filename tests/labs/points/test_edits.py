"""Architecture edits keep what was learned; weights can be set by hand."""

import jax
import numpy as np
import pytest

from mindscope.labs.points.edits import set_parameter, transplant
from mindscope.labs.points.network import DenseNet


def _params(model: DenseNet, seed: int):
    return jax.device_get(model.init(seed))


def test_adding_a_neuron_keeps_every_existing_weight() -> None:
    old, new = DenseNet(hidden=(4, 2)), DenseNet(hidden=(5, 2))
    before, fresh = _params(old, 1), _params(new, 2)
    after = transplant(before, old, fresh, new)
    np.testing.assert_array_equal(after[0]["w"][:, :4], before[0]["w"])
    np.testing.assert_array_equal(after[0]["w"][:, 4], fresh[0]["w"][:, 4])  # the new neuron
    np.testing.assert_array_equal(after[1]["w"][:4], before[1]["w"])
    np.testing.assert_array_equal(after[1]["w"][4], fresh[1]["w"][4])
    np.testing.assert_array_equal(after[2]["w"], before[2]["w"])


def test_adding_a_layer_keeps_the_layers_before_it() -> None:
    old = DenseNet(hidden=(4, 2), activations=("tanh", "tanh"))
    new = DenseNet(hidden=(4, 2, 3), activations=("tanh", "tanh", "relu"))
    before, fresh = _params(old, 1), _params(new, 2)
    after = transplant(before, old, fresh, new)
    for i in (0, 1):
        np.testing.assert_array_equal(after[i]["w"], before[i]["w"])
    for i in (2, 3):  # the new layer and the output, which now reads it
        np.testing.assert_array_equal(after[i]["w"], fresh[i]["w"])


def test_features_keep_their_own_rows_when_others_come_and_go() -> None:
    old = DenseNet(features=("x1", "x2"), hidden=(3,), activations=("tanh",))
    new = DenseNet(features=("x2", "x1_x2"), hidden=(3,), activations=("tanh",))
    before, fresh = _params(old, 1), _params(new, 2)
    after = transplant(before, old, fresh, new)
    np.testing.assert_array_equal(after[0]["w"][0], before[0]["w"][1])  # x2's row moved up
    np.testing.assert_array_equal(after[0]["w"][1], fresh[0]["w"][1])  # x1_x2 is new


def test_set_parameter_changes_exactly_one_value() -> None:
    params = _params(DenseNet(), 0)
    edited = set_parameter(params, 1, "w", (2, 1), 3.5)
    assert edited[1]["w"][2, 1] == 3.5
    changed = [(a != b).sum() for a, b in zip(jax.tree.leaves(params), jax.tree.leaves(edited),
                                              strict=True)]
    assert sum(changed) == 1
    assert set_parameter(params, 0, "b", (3,), -1.0)[0]["b"][3] == -1.0
    with pytest.raises(IndexError, match="within shape"):
        set_parameter(params, 0, "w", (2, 0), 1.0)
    with pytest.raises(IndexError, match="layer must be"):
        set_parameter(params, 3, "b", (0,), 1.0)
