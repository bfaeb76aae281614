"""The images lab's part of the protocol: its settings (the `lab` part of a
SessionConfig) and what its frames carry. Plain pydantic: no JAX."""

from typing import Annotated, Literal, Self

from pydantic import BeforeValidator, Field, model_validator

from ...schema import (
    ArraySpec,
    BinaryHeader,
    DeclaredArray,
    Input,
    Request,
    Whole,
    bounded,
    whole_number,
)
from ...vocabulary import ACTIVATION_NAMES

IMAGE_SIZE = 8  # scikit-learn's digits are 8 x 8 (the drawing pad draws them)
FASHION_SIDE = 28  # Fashion-MNIST's images are 28 x 28
UPLOAD_SIDE = 28  # the user's images are resized to Fashion-MNIST's side (uploads.py)
UPLOAD_PREFIX = "upload:"  # then the id the upload route answers
SIDES = {"digits": IMAGE_SIZE, "fashion": FASHION_SIDE}  # each data set's images' side
MAX_SIDE = max(*SIDES.values(), UPLOAD_SIDE)
# Drawn from its 60,000 and 10,000 by the data seed. A frame evaluates every image and a
# 28 x 28 one costs 12 times an 8 x 8 one: 3,000 + 1,000 made a frame take 4 s here, these
# about 1 s (on 2 busy cores); the data message (every pixel, float32) is 4.7 MB.
FASHION_TRAIN, FASHION_TEST = 1_000, 500
FASHION_CLASSES = ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
                   "Sneaker", "Bag", "Ankle boot")
FASHION_HOW = ("Fashion-MNIST is not installed: get it with `sudo apt-get install "
               "dataset-fashion-mnist` (Debian and Ubuntu)")
CLASSES = 10
DIGITS = 1797  # images in scikit-learn's digits
MAX_CONV_LAYERS = 4
MAX_FILTERS = 32
MAX_DENSE_LAYERS = 2
MAX_DENSE_UNITS = 128

# The shared settings a new session of the lab starts with: a CNN learns the digits in
# seconds with Adam, where SGD at the 2D lab's rate crawls.
PRESET: dict[str, str | float] = {"optimizer": "adam", "learning_rate": 0.003,
                                  "batch_size": 32, "init": "he"}

# A type checker cannot read a Literal of a run-time tuple: mypy takes the field as Any
# (pydantic still checks every value against the names).
ActivationName = Literal[ACTIVATION_NAMES]  # type: ignore[valid-type]  # see above


# An uploaded set: the id its route answered (uploads.py).
UPLOAD_PATTERN = f"^{UPLOAD_PREFIX}[0-9a-f]{{12}}$"
UploadName = Annotated[str, Field(pattern=UPLOAD_PATTERN)]


def side_of(dataset: str) -> int:
    """The side of the data set's images."""
    return SIDES.get(dataset, UPLOAD_SIDE)


def convolved_side(size: int, kernel: int, stride: int, padding: str) -> int:
    """The side of a convolution's output (before pooling) on an input of side `size`."""
    return -(-size // stride) if padding == "same" else (size - kernel) // stride + 1


def spatial_sizes(size: int, layers: int, kernel: int, stride: int, padding: str,
                  pooling: str) -> list[int]:
    """The side of each convolution layer's output (after its pooling), from an image of
    side `size`: the rule the network follows, checked here before a change is taken."""
    sizes = []
    for _ in range(layers):
        size = convolved_side(size, kernel, stride, padding)
        if pooling != "none":
            size //= 2
        sizes.append(size)
    return sizes


class ImagesConfig(Input):
    """The images lab's settings: its data and its convolutional network."""

    lab: Literal["images"] = "images"
    # The data
    dataset: Literal["digits", "fashion"] | UploadName = Field(
        "digits", description="digits: scikit-learn's handwritten digits, 1,797 images of 8 "
        "x 8 pixels; fashion: Fashion-MNIST (Debian's dataset-fashion-mnist package), "
        f"{FASHION_TRAIN:,} training and {FASHION_TEST:,} test images of 28 x 28 pixels "
        "drawn from its 70,000 by the data seed. 10 classes each. upload:<id>: the user's "
        "own labelled images as POST /api/labs/images/uploads named them, "
        f"{UPLOAD_SIDE} x {UPLOAD_SIDE} pixels.")
    train_share: float = bounded(0.1, 0.9, 0.5, "Share of the digits or uploaded images used "
                                 "for training (Fashion-MNIST keeps its own split).")
    data_seed: Whole = Field(0, ge=0, le=2**31 - 1, description="Splits (or draws) the "
                             "images.")
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

    rotate: Literal[0, 10, 20] = Field(0, description="Augmentation: each training image "
                                       "turned by up to this many degrees either way, anew "
                                       "every step.")

    @model_validator(mode="after")
    def _the_image_does_not_shrink_to_nothing(self) -> Self:
        side = side_of(self.dataset)
        sizes = spatial_sizes(side, len(self.filters), self.kernel, self.stride,
                              self.padding, self.pooling)
        if sizes[-1] < 1:
            layer = next(i for i, size in enumerate(sizes) if size < 1) + 1
            raise ValueError(
                f"the {side} x {side} image shrinks to nothing by convolution layer {layer} "
                f"(sides "
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


class ExplainConv(Request):
    """Step through one convolution with the engine's numbers, on the probe: the window of
    its input that one filter reads at one output position (before pooling), the kernel,
    their products and sum, the bias, the activation, and the pooling. Answered (to this
    connection only) by a binary `conv_explanation` message with reply_to = id."""

    type: Literal["explain_conv"]
    layer: Whole = Field(0, ge=0, le=MAX_CONV_LAYERS - 1, description="The convolution "
                         "layer, from 0.")
    filter: Whole = Field(0, ge=0, le=MAX_FILTERS - 1, description="Its filter, from 0.")
    row: Whole = Field(0, ge=0, le=MAX_SIDE - 1, description="The output position's row, "
                       "from 0, before pooling.")
    column: Whole = Field(0, ge=0, le=MAX_SIDE - 1, description="And its column.")


ImagesRequest = DrawProbe | ExplainConv
VIEW_REQUESTS = (ExplainConv,)  # a question: a view link may ask it


class ConvExplanationHeader(BinaryHeader):
    """One convolution at one output position, computed by the engine itself on the probe.
    Dims: k, the kernel's side; C, the layer's input channels (1, or the filters of the
    layer before)."""

    ARRAYS = (
        DeclaredArray("window", "float32", ("k", "k", "C"), "The layer's input under the "
                      "filter (the probe, or the pooled maps of the layer before), 0 where "
                      "same padding reaches outside."),
        DeclaredArray("kernel", "float32", ("k", "k", "C"), "The filter's weights."),
        DeclaredArray("products", "float32", ("k", "k", "C"), "window * kernel, elementwise: "
                      "they add up to `sum`."),
        DeclaredArray("pool_window", "float32", ("P", "P"), "The activations pooled "
                      "together with this one (P = 2; P = 0 without pooling, or where the "
                      "position's row or column is an odd last one that pooling leaves "
                      "out)."),
    )

    kind: Literal["conv_explanation"] = "conv_explanation"
    reply_to: int | None
    step: int = Field(description="The training step.")
    layer: int
    filter: int
    row: int
    column: int
    kernel: int = Field(description="The kernel's side.")
    stride: int
    padding: Literal["same", "valid"]
    activation_name: str = Field(description="The activation function.")
    pooling: Literal["none", "max", "avg"]
    input_row: int = Field(description="The input row under the window's top row (negative "
                           "where same padding reaches above the input).")
    input_column: int = Field(description="The input column under its left column.")
    input_side: int = Field(description="The side of the layer's input.")
    sum: float | None = Field(description="The sum of the products; None when not finite.")
    bias: float | None
    pre_activation: float | None = Field(description="The convolution there plus the bias, "
                                         "as the network computes it.")
    activation: float | None = Field(description="The pre-activation after the activation.")
    pooled: float | None = Field(description="The pooled value of pool_window; None without "
                                 "pooling or outside every pooling window.")
    pool_row: int | None = Field(description="The pooled value's row in the feature map the "
                                 "frames show; None where there is none.")
    pool_column: int | None
    arrays: list[ArraySpec] = Field(default_factory=list)


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
    DeclaredArray("probe", "float32", ("side", "side"), "The probe: a test image "
                  "or the user's drawing.", True),
    DeclaredArray("probe_label", "int32", (1,), "The probe's class, -1 for a drawing.", True),
    DeclaredArray("probabilities", "float32", (CLASSES,), "The probe's class "
                  "probabilities.", True),
    DeclaredArray("saliency", "float32", ("side", "side"), "|∂ score of the "
                  "predicted class / ∂ pixel| for the probe.", True),
    DeclaredArray("predictions", "int32", ("n_test",), "The class predicted for each test "
                  "image.", True),
    DeclaredArray("confusion", "int32", (CLASSES, CLASSES), "Test images by true class "
                  "(rows) and predicted class (columns).", True),
)
