"""Early stopping: remember the weights at the lowest test loss; when it has not improved
for `patience` steps, go back to them and say so (the session then pauses).

The test loss is looked at once per frame (about 30 a second while playing), so a stop
comes at most one frame's steps after the patience runs out.
"""

from dataclasses import dataclass

import jax
import jax.numpy as jnp

from ..engine import Params
from ..protocol import SessionConfig
from .frame import Detail, FrameData
from .lab import Run


@dataclass(frozen=True)
class _Best:
    loss: float
    step: int  # the step the weights are from
    since: int  # where the wait started: the best step, or the last stop
    params: Params  # a host copy: training may reuse the device buffers
    network: tuple[int, tuple[int, ...]]  # data_version and layer sizes it belongs to


class EarlyStopping:
    def __init__(self) -> None:
        self._best: _Best | None = None

    def check(self, run: Run, frame: FrameData, config: SessionConfig,
              detail: Detail) -> FrameData:
        """The frame to show after training: this one, or, when patience ran out, a frame
        of the best weights (restored into the run) marked `early_stopped`."""
        if not config.early_stopping:
            self._best = None
            return frame
        header = frame.header
        loss = header["test_loss"]
        step = int(header["step"])
        network = (int(header["data_version"]), tuple(header["layer_sizes"]))
        best = self._best
        if loss is None:  # not a finite number
            return frame
        if best is None or best.network != network or step < best.since or loss < best.loss:
            # A new best, or a new problem (other data or network, or a reset).
            self._best = _Best(loss, step, step, jax.device_get(run.exact_params()), network)
            return frame
        if step - best.since < config.patience:
            return frame
        run.restore_params(jax.tree.map(jnp.asarray, best.params))
        self._best = _Best(best.loss, best.step, step, best.params, network)  # wait afresh
        restored = run.frame(detail)
        restored.early_stopped = (best.step, best.loss)
        return restored
