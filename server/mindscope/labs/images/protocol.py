"""The images lab's part of the protocol: its settings (the `lab` part of a
SessionConfig) and what its frames carry. Plain pydantic: no JAX."""

from typing import Annotated, Literal, Self

from pydantic import BeforeValidator, Field, model_validator

from ...schema import DeclaredArray, Input, Request, Whole, bounded, whole_number
from ...vocabulary import ACTIVATION_NAMES

IMAGE_SIZE = 8  # scikit-learn's digits are 8 x 8
CLASSES = 10
MAX_CONV_LAYERS = 4
MAX_FILTERS = 32
MAX_DENSE_LAYERS = 2
MAX_DENSE_UNITS = 128
DIGITS = 1797  # images in scikit-learn's digits

# The shared settings a new session of the lab starts with: a CNN learns the digits in
# seconds with Adam, where SGD at the 2D lab's rate crawls.
PRESET: dict[str, str | float] = {"optimizer": "adam", "learning_rate": 0.003,
                                  "batch_size": 32, "init": "he"}

# A type checker cannot read a Literal of a run-time tuple: mypy takes the field as Any
# (pydantic still checks every value against the names).
ActivationName = Literal[ACTIVATION_NAMES]  # type: ignore[valid-type]  # see above


def spatial_sizes(size: int, layers: int, kernel: int, stride: int, padding: str,
                  pooling: str) -> list[int]:
    """The side of each convolution layer's output (after its pooling), from an image of
    side `size`: the rule the network follows, checked here before a change is taken."""
    sizes = []
    for _ in range(layers):
        size = -(-size // stride) if padding == "same" else (size - kernel) // stride + 1
        if pooling != "none":
            size //= 2
        sizes.append(size)
    return sizes


class ImagesConfig(Input):
    """The images lab's settings: its data and its convolutional network."""

    lab: Literal["images"] = "images"
    # The data
    dataset: Literal["digits"] = Field("digits", description="scikit-learn's handwritten "
                                       "digits: 1,797 images of 8 x 8 pixels, 10 classes.")
    train_share: float = bounded(0.1, 0.9, 0.5, "Share of images used for training.")
    data_seed: Whole = Field(0, ge=0, le=2**31 - 1, description="Splits the images.")
    probe: Whole = Field(0, ge=0, le=DIGITS - 1, description="The test image whose feature "
                         "maps, probabilities and saliency frames show (taken modulo the "
                         "test images).")
    # The network
    filters: list[Annotated[int, Field(ge=1, le=MAX_FILTERS), BeforeValidator(whole_number)]] \
        = Field([8, 16], min_length=1, max_length=MAX_CONV_LAYERS,
                description="Filters per convolution layer.")
    kernel: Literal[3, 5] = Field(3, description="Each filter's side, in pixels.")
    stride: Literal[1, 2] = 1
    padding: Literal["same", "valid"] = Field("same", description="same: the output keeps "
                                              "the input's size; valid: only whole windows.")
    pooling: Literal["none", "max", "avg"] = Field("max", description="2 x 2 pooling after "
                                                   "each convolution.")
    activation: ActivationName = "relu"
    dense: list[Annotated[int, Field(ge=1, le=MAX_DENSE_UNITS), BeforeValidator(whole_number)]] \
        = Field([], max_length=MAX_DENSE_LAYERS, description="Neurons per dense layer "
                "between the convolutions and the output.")
    dropout: float = bounded(0.0, 0.9, 0.0, "Dropout before each dense layer and the output.")
    shift: Literal[0, 1, 2] = Field(0, description="Augmentation: each training image moved "
                                    "by up to this many pixels each way, anew every step.")

    @model_validator(mode="after")
    def _the_image_does_not_shrink_to_nothing(self) -> Self:
        sizes = spatial_sizes(IMAGE_SIZE, len(self.filters), self.kernel, self.stride,
                              self.padding, self.pooling)
        if sizes[-1] < 1:
            layer = next(i for i, size in enumerate(sizes) if size < 1) + 1
            raise ValueError(
                f"the 8 x 8 image shrinks to nothing by convolution layer {layer} (sides "
                f"{', '.join(map(str, sizes))}): use fewer layers, padding same, stride 1, "
                "a smaller kernel or no pooling")
        return self


Pixel = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]


class DrawProbe(Request):
    """Use a drawn digit as the probe (its feature maps, probabilities and saliency in every
    frame): side x side pixels in [0, 1] (0 paper, 1 ink), row by row; null probes the
    test images again."""

    type: Literal["draw_probe"]
    pixels: list[Pixel] | None = Field(min_length=IMAGE_SIZE * IMAGE_SIZE,
                                       max_length=IMAGE_SIZE * IMAGE_SIZE)


# What its frames carry besides the core's statistics. Dims: K, every kernel's weights,
# layer after layer, each (kernel, kernel, in, out) row-major; Lc, convolution layers; M,
# every feature map of the probe, layer after layer, each (side, side, filters).
FRAME_ARRAYS = (
    DeclaredArray("kernels", "float32", ("K",), "The convolution kernels.", True),
    DeclaredArray("kernel_grads", "float32", ("K",), "Their gradient on the whole training "
                  "set.", True),
    DeclaredArray("kernel_shapes", "int32", ("Lc", 4), "Each layer's kernel shape.", True,
                  ("kernel", "kernel", "in", "out")),
    DeclaredArray("feature_maps", "float32", ("M",), "The probe's feature maps.", True),
    DeclaredArray("map_shapes", "int32", ("Lc", 3), "Each layer's feature-map shape.", True,
                  ("side", "side", "filters")),
    DeclaredArray("probe", "float32", (IMAGE_SIZE, IMAGE_SIZE), "The probe: a test image "
                  "or the user's drawing.", True),
    DeclaredArray("probe_label", "int32", (1,), "The probe's class, -1 for a drawing.", True),
    DeclaredArray("probabilities", "float32", (CLASSES,), "The probe's class "
                  "probabilities.", True),
    DeclaredArray("saliency", "float32", (IMAGE_SIZE, IMAGE_SIZE), "|∂ score of the "
                  "predicted class / ∂ pixel| for the probe.", True),
    DeclaredArray("predictions", "int32", ("n_test",), "The class predicted for each test "
                  "image.", True),
    DeclaredArray("confusion", "int32", (CLASSES, CLASSES), "Test images by true class "
                  "(rows) and predicted class (columns).", True),
)
