"""The training engine: pure JAX, no knowledge of HTTP or sessions."""

from .activations import ACTIVATIONS
from .compile_cache import enable_compilation_cache
from .losses import LOSSES
from .model import DenseNet, Model, Params
from .training import (
    MAX_CHUNK,
    Dataset,
    Snapshot,
    Trainer,
    TrainState,
    input_grid,
    trainer_for,
    with_learning_rate,
)

__all__ = [
    "ACTIVATIONS",
    "LOSSES",
    "MAX_CHUNK",
    "Dataset",
    "DenseNet",
    "Model",
    "Params",
    "Snapshot",
    "TrainState",
    "Trainer",
    "enable_compilation_cache",
    "input_grid",
    "trainer_for",
    "with_learning_rate",
]
