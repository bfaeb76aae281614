"""Why training went non-finite, in words the user can act on.

A learning rate too large for the network is the usual cause, but not the only one:
regression targets in the thousands (which the protocol allows, up to its MAX_LABEL)
make the loss's gradient, and so every step, that many times larger, and a network with
ReLU units diverges at once at the default learning rate. Blaming the learning rate then
sends the user to the wrong knob.
"""

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
