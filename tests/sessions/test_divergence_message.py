"""The divergence message names the cause it can tell (see tests/server/test_divergence.py
for one over a real WebSocket)."""

import numpy as np

from mindscope.sessions.divergence import diverged_message


def test_large_regression_targets_are_named() -> None:
    message = diverged_message(40, 0.03, "regression", np.array([[-2.5e5], [3.0]]))
    assert "the regression targets reach 250000" in message
    assert "learning rate (0.03)" in message and "(step 40) restored" in message


def test_otherwise_the_learning_rate_is() -> None:
    for problem, targets in (("regression", [[9.0], [-3.0]]), ("multiclass", [[7.0]]),
                             ("binary", [[-1.0], [1.0]]), ("regression", np.zeros((0, 1)))):
        message = diverged_message(3, 10.0, problem, np.array(targets))
        assert "the learning rate (10) is probably too large" in message, problem
        assert "targets" not in message
