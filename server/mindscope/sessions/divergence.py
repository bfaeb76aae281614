"""Why training went non-finite, or stuck, in words the user can act on.

A learning rate too large for the network is the usual cause, but not the only one:
regression targets in the thousands (which the protocol allows, up to its MAX_LABEL)
make the loss's gradient, and so every step, that many times larger, and a network with
ReLU units diverges at once at the default learning rate. Blaming the learning rate then
sends the user to the wrong knob.
"""

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

# Targets up to this size train at the learning rates the settings offer.
LARGE_TARGET = 10.0


def diverged_message(step: int, learning_rate: float, problem: str,
                     targets: np.ndarray) -> str:
    """The error that tells every client that training diverged, restored to `step`."""
    scale = float(np.max(np.abs(targets))) if problem == "regression" and targets.size else 0.0
    if scale > LARGE_TARGET:
        cause = (f"the regression targets reach {scale:.6g}, and the loss's gradient grows "
                 f"with them, so the steps overshoot: scale the targets to within "
                 f"±{LARGE_TARGET:g}, or divide the learning rate ({learning_rate:g}) by as much")
    else:
        cause = f"the learning rate ({learning_rate:g}) is probably too large for this network"
    return (f"Training diverged: the loss became infinite or NaN; {cause}. Paused, with the "
            f"last finite weights (step {step}) restored.")


# A classification run whose learning rate is far too large often stays finite: its steps
# throw every unit into saturation (tanh and sigmoid at ±1, ReLUs dead), and it sits there
# silently. The rule that tells it from a slow start, a hard data set or a deep sigmoid
# network's vanishing gradients: over STUCK_STEPS steps in a row, the training accuracy
# stays within CHANCE_MARGIN of chance AND either every layer's gradient norm is below
# VANISHED (nothing can learn any more: a healthy network at chance still has gradients,
# and a deep sigmoid net's last layers keep theirs) or the training loss is above
# OVERSHOT times the loss of guessing with zero outputs (the steps overshoot: a network
# that has learned nothing yet sits near that loss, not far above it). Zero
# initialisation is left alone: its symmetry, not its step size, holds it.
STUCK_STEPS = 200
CHANCE_MARGIN = 0.15
VANISHED = 1e-4
OVERSHOT = 1.5


def guessing_loss(problem: str, loss: str, classes: int) -> float:
    """The loss of a network whose outputs are all 0 (no preference for any class)."""
    if problem == "multiclass":
        return math.log(max(classes, 2))
    return 0.5 if loss == "mse" else math.log(2)  # tanh's half squared error to ±1; log-loss


class Saturation:
    """Watches a classification run's frames for the rule above; one per session."""

    def __init__(self) -> None:
        self._since: int | None = None  # the first step of the current stuck stretch

    def check(self, header: Mapping[str, Any], grad_norms: np.ndarray | None, *,
              problem: str, loss: str, classes: int, learning_rate: float, init: str,
              ) -> str | None:
        """The message to stop with, once the run has been stuck for STUCK_STEPS steps."""
        step, accuracy, train_loss = header["step"], header["train_accuracy"], \
            header["train_loss"]
        if problem == "regression" or init == "zeros" or accuracy is None or train_loss is None:
            self._since = None
            return None
        guess = guessing_loss(problem, loss, classes)
        chance = 1 / max(classes, 2)
        vanished = grad_norms is not None and grad_norms.size > 0 and bool(
            np.all(grad_norms < VANISHED))
        overshot = train_loss > OVERSHOT * guess
        if accuracy > chance + CHANCE_MARGIN or not (vanished or overshot):
            self._since = None
            return None
        if self._since is None or step < self._since:
            self._since = step
        if step - self._since < STUCK_STEPS:
            return None
        self._since = None
        cause = ("every layer's gradient has vanished: the units' outputs are saturated, so "
                 "nothing learns any more" if vanished else
                 f"the loss ({train_loss:.3g}) is far above that of guessing ({guess:.3g})")
        return (f"Training is stuck: for {STUCK_STEPS} steps the training accuracy has stayed "
                f"at chance ({accuracy:.0%}) and {cause}. The learning rate "
                f"({learning_rate:g}) is probably too large for this network: lower it and "
                f"reset the weights. Paused at step {step}.")
