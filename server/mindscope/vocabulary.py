"""The names and bounds the engine, the data and the protocol share, each written once.

Plain Python with no imports, so that the protocol (and the Python client with it) knows
them without loading JAX or NumPy. The engine and the data keep their tables of functions
keyed by these names, and tests/engine/test_vocabulary.py holds those keys to them; the
frontend gets them generated into frontend/src/protocol/constants.ts (`make protocol`).
"""

PLANE_EXTENT = 6.0  # the input plane is [-PLANE_EXTENT, PLANE_EXTENT]²
MAX_LAYERS = 8  # hidden layers
MAX_NEURONS = 16  # per hidden layer
MAX_USER_POINTS = 10_000  # the user's own points, and so the largest batch
# A label's magnitude: float32 training squares errors, and a target of 1e20 would overflow.
MAX_LABEL = 1e6

DATASET_NAMES = ("circle", "xor", "gauss", "spiral", "spiral3", "blobs4", "moons3", "plane",
                 "bumps")
CUSTOM_DATASET = "custom"  # the user's own points
FEATURE_NAMES = ("x1", "x2", "x1_sq", "x2_sq", "x1_x2", "sin_x1", "sin_x2")
ACTIVATION_NAMES = ("relu", "leaky_relu", "elu", "gelu", "silu", "tanh", "sigmoid", "softplus",
                    "sine", "linear")
INITIALIZER_NAMES = ("uniform", "xavier", "he", "zeros")

PROBLEMS = ("binary", "multiclass", "regression")
# The losses each problem allows; the first is the one it falls back to.
LOSSES_BY_PROBLEM: dict[str, tuple[str, ...]] = {
    "binary": ("mse", "log"),
    "multiclass": ("cross_entropy",),
    "regression": ("mse", "huber"),
}
LOSS_NAMES = tuple(dict.fromkeys(loss for losses in LOSSES_BY_PROBLEM.values() for loss in losses))

# Each optimizer's SessionConfig settings besides the learning rate, which all of them use.
OPTIMIZER_SETTINGS: dict[str, tuple[str, ...]] = {
    "sgd": (),
    "momentum": ("momentum",),
    "nesterov": ("momentum",),
    "adam": ("beta1", "beta2"),
    "adamw": ("beta1", "beta2", "weight_decay"),
    "rmsprop": ("rms_decay",),
    "adagrad": (),
}
OPTIMIZER_NAMES = tuple(OPTIMIZER_SETTINGS)
SCHEDULES = ("constant", "step", "cosine")  # the engine indexes this order
REGULARIZATIONS = ("none", "l1", "l2")
LANDSCAPE_DIRECTIONS = ("random", "pca")
