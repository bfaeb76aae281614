"""The divergence message names the cause it can tell (see tests/server/test_divergence.py
for one over a real WebSocket)."""

import numpy as np

from mindscope.sessions.divergence import STUCK_STEPS, Saturation, diverged_message


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


def _header(step: int, accuracy: float | None, loss: float | None) -> dict:
    return {"step": step, "train_accuracy": accuracy, "train_loss": loss}


def _watch(saturation: Saturation, frames, grads: np.ndarray | None, **overrides):
    options = {"problem": "binary", "loss": "mse", "classes": 2, "learning_rate": 10.0,
               "init": "uniform", **overrides}
    return [saturation.check(_header(*f), grads, **options) for f in frames]


def test_a_saturated_classifier_is_stuck_after_its_stretch_of_steps() -> None:
    vanished = np.array([4e-10, 3e-7, 4e-6])  # lr 10 on the circle: what the engine gave
    frames = [(step, 0.52, 0.95) for step in range(0, STUCK_STEPS + 1, 50)]
    said = _watch(Saturation(), frames, vanished)
    assert said[:-1] == [None] * (len(frames) - 1)
    assert "Training is stuck" in said[-1] and "gradient has vanished" in said[-1]
    assert "learning rate (10)" in said[-1]
    # Overshooting: the loss of three classes far above guessing's, gradients alive.
    said = _watch(Saturation(), [(s, 0.37, 8.3) for s in (0, 100, 200)],
                  np.array([1e-7, 1e-6, 0.77]), problem="multiclass", loss="cross_entropy",
                  classes=3)
    assert "far above that of guessing (1.1)" in said[-1]


def test_learning_slowly_vanishing_regression_and_zeros_are_not_stuck() -> None:
    # A deep sigmoid net: the first layers' gradients vanish, the last one's do not.
    assert _watch(Saturation(), [(s, 0.5, 0.51) for s in range(0, 1000, 100)],
                  np.array([3e-8, 4e-7, 2e-6, 1e-5, 9e-5, 1e-3, 0.02])) == [None] * 10
    # Learning: the accuracy leaves chance, and one good frame starts the count again.
    frames = [(0, 0.5, 0.9), (150, 0.8, 0.9), (160, 0.5, 0.9), (300, 0.5, 0.9)]
    assert _watch(Saturation(), frames, np.zeros(3)) == [None] * 4
    assert _watch(Saturation(), [(s, 0.5, 9.0) for s in (0, 300)], None,
                  problem="regression") == [None, None]
    assert _watch(Saturation(), [(s, 0.5, 9.0) for s in (0, 300)], np.zeros(3),
                  init="zeros") == [None, None]
