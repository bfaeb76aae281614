"""The user's own points: validated, every bad row reported by line, nothing dropped."""

import numpy as np
import pytest

from mindscope.labs.points.data import UserDataError, parse_csv, split, user_points
from mindscope.vocabulary import MAX_USER_POINTS


def test_csv_with_header_gives_points_and_binary_labels() -> None:
    data = parse_csv("x1,x2,label\n1,2,1\n-3,0.5,0\n\n2,-2,1\n")
    np.testing.assert_array_equal(data.xy, [[1, 2], [-3, 0.5], [2, -2]])
    np.testing.assert_array_equal(data.labels, [1, -1, 1])  # 0/1 become -1/+1
    assert (data.problem, data.classes) == ("binary", 2)


def test_labels_choose_the_problem() -> None:
    assert user_points([[0, 0, 0], [1, 1, 2], [2, 2, 1]]).problem == "multiclass"
    assert user_points([[0, 0, 0], [1, 1, 2], [2, 2, 1]]).classes == 3
    assert user_points([[0, 0, 0.25], [1, 1, -0.5]]).problem == "regression"
    assert user_points([[0, 0, -1], [1, 1, 1]]).problem == "binary"


def test_every_bad_row_is_reported_by_its_line_number() -> None:
    with pytest.raises(UserDataError) as exc:
        parse_csv("x1,x2,label\n1,2,1\n3,abc,0\n1,2\n\n7,0,1\n1,1,inf\n")
    assert exc.value.problems == [
        "line 3: x2 is not a finite number",
        "line 4: expected 3 values (x1, x2, label), got 2",
        "line 6: x1 = 7 lies outside -6 to 6",
        "line 7: label is not a finite number",
    ]


def test_limits() -> None:
    with pytest.raises(UserDataError, match="too many points"):
        user_points([[0, 0, 1]] * (MAX_USER_POINTS + 1))
    with pytest.raises(UserDataError, match="at least 2 points"):
        user_points([[0, 0, 1]])
    with pytest.raises(UserDataError, match="no points"):
        parse_csv("x1,x2,label\n\n")


def test_labels_that_float32_training_cannot_take_are_refused() -> None:
    """A target of 1e30 squares past float32's range: the loss would be Infinity."""
    with pytest.raises(UserDataError) as exc:
        parse_csv("0,0,1e30\n1,1,0\n2,2,-2e6\n3,3,1000000\n")
    assert exc.value.problems == ["line 1: label = 1e+30 lies outside -1e+06 to 1e+06",
                                  "line 3: label = -2e+06 lies outside -1e+06 to 1e+06"]


def test_a_drawing_may_start_with_one_point_which_trains_and_tests_alone() -> None:
    one = user_points([[1, 2, 1]], minimum=1)
    assert (len(one.xy), one.problem, one.drawn, one.origin) == (1, "binary", 0, None)
    data = split(one.xy, one.labels, 0.5, np.random.default_rng(0))
    assert data.x_train.tolist() == data.x_test.tolist() == [[1, 2]]
