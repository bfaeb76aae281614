"""A training run: the engine objects behind one session, driven synchronously.

Everything here may block for a while (compiling, training), so the session
calls it from a worker thread, never from the event loop.
"""

from dataclasses import dataclass, replace

import jax
import jax.numpy as jnp
import numpy as np

from ..data import make_planar_data
from ..engine import (
    MAX_CHUNK,
    Dataset,
    DenseNet,
    Trainer,
    TrainState,
    input_grid,
    trainer_for,
    with_learning_rate,
)
from ..protocol import SessionConfig

DATA_FIELDS = {"dataset", "noise", "train_share", "seed"}
MODEL_FIELDS = {"hidden", "activation", "seed"}
OUTPUT_RANGE = (-1.0, 1.0)  # tanh output


@dataclass
class FrameData:
    """What one frame shows, as host arrays."""

    step: int
    epoch: float
    train_loss: float
    test_loss: float
    output: np.ndarray  # uint8 (R, R), OUTPUT_RANGE quantized
    finite: bool
    diverged: bool = False  # this advance went non-finite and was rolled back


class TrainingRun:
    def __init__(self, config: SessionConfig, grid_resolution: int) -> None:
        self.config = config
        self.grid = input_grid(grid_resolution)
        self.data_version = 0
        self._make_data()
        self._make_model()

    # -- configuration -------------------------------------------------------

    def reconfigure(self, config: SessionConfig) -> None:
        changed = {k for k, v in config if getattr(self.config, k) != v}
        self.config = config
        if changed & DATA_FIELDS:
            self._make_data()
        if changed & MODEL_FIELDS:
            self._make_model()
        elif "batch_size" in changed:
            self.trainer = self._trainer()  # same parameter shapes: keep what was learned
        if "learning_rate" in changed:
            self.state = with_learning_rate(self.state, config.learning_rate)

    def reset(self) -> None:
        """The same initial weights as before: they derive from the seed alone."""
        self._make_model()

    def _make_data(self) -> None:
        c = self.config
        data = make_planar_data(c.dataset, noise=c.noise, train_share=c.train_share, seed=c.seed)
        self.host_data = data
        self.data = Dataset(*(jnp.asarray(a) for a in data))
        self.data_version += 1

    def _trainer(self) -> Trainer:
        c = self.config
        model = DenseNet(n_inputs=2, hidden=tuple(c.hidden), activation=c.activation)
        return trainer_for(model, "mse", min(c.batch_size, len(self.host_data.x_train)))

    def _make_model(self) -> None:
        self.trainer = self._trainer()
        self.state: TrainState = self.trainer.init_state(
            jax.random.key(self.config.seed), self.config.learning_rate
        )

    # -- training ------------------------------------------------------------

    def advance(self, steps: int) -> FrameData:
        """Train `steps` optimizer steps in fused chunks, then take a snapshot.

        A run that stops being finite is rolled back to the state before this
        call, and the frame shows that state, marked as diverged.
        """
        before = self.state
        remaining = steps
        while remaining > 0:
            n = min(remaining, MAX_CHUNK)
            self.state, _ = self.trainer.train_chunk(
                self.state, self.data.x_train, self.data.y_train, jnp.int32(n)
            )
            remaining -= n
        frame = self.frame()
        if frame.finite:
            return frame
        self.state = before
        return replace(self.frame(), diverged=True)

    def frame(self) -> FrameData:
        snap = jax.device_get(self.trainer.snapshot(self.state.params, self.data, self.grid))
        low, high = OUTPUT_RANGE
        output = np.clip((snap.output_grid - low) / (high - low) * 255 + 0.5, 0, 255)
        step = int(self.state.step)
        return FrameData(
            step=step,
            epoch=step * self.trainer.batch_size / len(self.host_data.x_train),
            train_loss=float(snap.train_loss),
            test_loss=float(snap.test_loss),
            output=np.nan_to_num(output).astype(np.uint8),
            finite=bool(snap.finite),
        )
