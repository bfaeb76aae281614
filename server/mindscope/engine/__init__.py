"""The training engine: pure JAX, no knowledge of HTTP or sessions."""

import jax

from .activations import ACTIVATIONS
from .compile_cache import enable_compilation_cache
from .initializers import INITIALIZERS
from .losses import HEADS
from .model import Forward, Group, Model, Params
from .training import (
    HISTOGRAM_BINS,
    MAX_CHUNK,
    Dataset,
    Hyper,
    LayerStats,
    Regime,
    Snapshot,
    Trainer,
    TrainState,
    hyper,
)

# The visualizer shows exact numbers and checks them against NumPy; on a GPU, float32
# matrix products would otherwise run in TF32 (a 10-bit mantissa, errors near 1e-3).
# The networks are small, so full precision costs next to nothing; on CPU it changes nothing.
jax.config.update("jax_default_matmul_precision", "highest")

__all__ = [
    "ACTIVATIONS",
    "HEADS",
    "HISTOGRAM_BINS",
    "INITIALIZERS",
    "MAX_CHUNK",
    "Dataset",
    "Forward",
    "Group",
    "Hyper",
    "LayerStats",
    "Model",
    "Params",
    "Regime",
    "Snapshot",
    "TrainState",
    "Trainer",
    "enable_compilation_cache",
    "hyper",
]
