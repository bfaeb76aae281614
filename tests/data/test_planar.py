import numpy as np
import pytest

from mindscope.data import CLASSIFICATION_SETS, make_planar_data


@pytest.mark.parametrize("name", sorted(CLASSIFICATION_SETS))
def test_sets_have_500_labelled_points_split_by_train_share(name: str) -> None:
    data = make_planar_data(name, n=500, train_share=0.3, seed=1)
    assert data.x_train.shape == (150, 2) and data.x_test.shape == (350, 2)
    assert data.y_train.shape == (150, 1)
    labels = np.concatenate([data.y_train, data.y_test])
    assert set(np.unique(labels)) == {-1.0, 1.0}
    points = np.concatenate([data.x_train, data.x_test])
    assert np.isfinite(points).all() and np.abs(points).max() < 8


@pytest.mark.parametrize("name", sorted(CLASSIFICATION_SETS))
def test_same_seed_same_data_new_seed_new_data(name: str) -> None:
    a, b, c = (make_planar_data(name, seed=s) for s in (4, 4, 5))
    np.testing.assert_array_equal(a.x_train, b.x_train)
    assert not np.array_equal(a.x_train, c.x_train)


def test_noiseless_circle_labels_inside_radius_positive() -> None:
    data = make_planar_data("circle", noise=0.0)
    x = np.concatenate([data.x_train, data.x_test])
    y = np.concatenate([data.y_train, data.y_test])[:, 0]
    radius = np.hypot(x[:, 0], x[:, 1])
    assert (y[radius < 2.5] == 1).all() and (y[radius > 3.5] == -1).all()


def test_noiseless_xor_labels_by_quadrant() -> None:
    data = make_planar_data("xor", noise=0.0)
    assert (np.sign(data.x_train[:, 0] * data.x_train[:, 1]) == data.y_train[:, 0]).all()
