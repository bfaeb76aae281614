import numpy as np
import pytest

from mindscope.labs.points.data import DATASETS, make_planar_data


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_sets_have_their_size_and_labels_split_by_train_share(name: str) -> None:
    info = DATASETS[name]
    data = make_planar_data(name, train_share=0.3, noise=0.2, seed=1)
    n_train = round(info.points * 0.3)
    assert data.x_train.shape == (n_train, 2) and len(data.x_test) == info.points - n_train
    assert data.y_train.shape == (n_train, 1)
    labels = np.unique(np.concatenate([data.y_train, data.y_test]))
    if info.problem == "binary":
        assert set(labels) == {-1.0, 1.0}
    elif info.problem == "multiclass":
        assert set(labels) == set(map(float, range(info.classes)))
    else:
        assert len(labels) > 100 and np.abs(labels).max() <= 1.5
    points = np.concatenate([data.x_train, data.x_test])
    assert np.isfinite(points).all() and np.abs(points).max() < 9


def test_reference_sizes_500_classification_1200_regression() -> None:
    assert {DATASETS[n].points for n in ("circle", "xor", "gauss", "spiral")} == {500}
    assert {DATASETS[n].points for n in ("plane", "bumps")} == {1200}


@pytest.mark.parametrize("name", sorted(DATASETS))
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
