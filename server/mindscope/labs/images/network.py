"""The images lab's convolutional network: convolutions (each with its activation and
optional 2 x 2 pooling), then dense layers, then one logit per class."""

import itertools
from dataclasses import dataclass
from typing import Any, cast

import jax
import jax.numpy as jnp
import numpy as np
from jax.scipy.ndimage import map_coordinates

from ...engine.activations import ACTIVATIONS
from ...engine.initializers import INITIALIZERS, initial_bias
from ...engine.layers import affine
from ...engine.model import Forward, Group
from .protocol import CLASSES, IMAGE_SIZE, convolved_side, spatial_sizes

Params = dict[str, list[dict[str, jax.Array]]]  # {"conv": [{"w", "b"}…], "dense": […]}
DIMENSIONS = ("NHWC", "HWIO", "NHWC")
SHIFT_STREAM = 1_000  # folded into the step's key: the shifts' own random numbers
ROTATE_STREAM = 1_001  # and the rotations'


@dataclass(frozen=True)
class ConvNet:
    """Frozen so it keys the compiled programs. Images are (N, side, side, 1)."""

    filters: tuple[int, ...] = (8, 16)
    kernel: int = 3
    stride: int = 1
    padding: str = "same"
    pooling: str = "max"
    activation: str = "relu"
    dense: tuple[int, ...] = ()
    shift: int = 0  # training images move by up to this many pixels (augmentation)
    rotate: int = 0  # and turn by up to this many degrees
    classes: int = CLASSES
    size: int = IMAGE_SIZE

    @property
    def map_sides(self) -> list[int]:
        return spatial_sizes(self.size, len(self.filters), self.kernel, self.stride,
                             self.padding, self.pooling)

    @property
    def layer_sizes(self) -> list[int]:
        """Units of each layer: the input's channels, each layer's filters or neurons, the
        classes."""
        return [1, *self.filters, *self.dense, self.classes]

    @property
    def conv_sides(self) -> list[int]:
        """The side of each convolution layer's output before its pooling."""
        return [convolved_side(side, self.kernel, self.stride, self.padding)
                for side in [self.size, *self.map_sides[:-1]]]

    def padding_before(self, side: int) -> int:
        """The zero rows (and columns) "same" padding adds before an input of side `side`
        (lax.conv_general_dilated's rule: any odd one goes after); 0 for "valid"."""
        if self.padding != "same":
            return 0
        out = convolved_side(side, self.kernel, self.stride, self.padding)
        return max((out - 1) * self.stride + self.kernel - side, 0) // 2

    def convolve(self, h: jax.Array, layer: dict[str, jax.Array]) -> jax.Array:
        """One convolution layer's pre-activation (N, out, out, filters): its filters slid
        over h (N, side, side, in), plus its bias."""
        z = jax.lax.conv_general_dilated(h, layer["w"], (self.stride, self.stride),
                                         self.padding.upper(), dimension_numbers=DIMENSIONS)
        return z + layer["b"]

    def init(self, seed: int, scheme: str = "uniform") -> Params:
        rng = np.random.default_rng(seed)
        k = self.kernel

        def layer(n_in: int, n_out: int, shape: tuple[int, ...]) -> dict[str, jax.Array]:
            w = INITIALIZERS[scheme](rng, n_in, n_out).reshape(shape)
            return {"w": jnp.asarray(w, jnp.float32),
                    "b": jnp.asarray(initial_bias(scheme, n_out), jnp.float32)}

        conv = [layer(k * k * c_in, c_out, (k, k, c_in, c_out))
                for c_in, c_out in itertools.pairwise((1, *self.filters))]
        flat = self.map_sides[-1] ** 2 * self.filters[-1]
        dense = [layer(n_in, n_out, (n_in, n_out))
                 for n_in, n_out in itertools.pairwise((flat, *self.dense, self.classes))]
        return {"conv": conv, "dense": dense}

    def apply(self, params: Params, x: jax.Array, dropout: jax.Array | None = None,
              key: jax.Array | None = None, arch: Any = None,
              ) -> tuple[jax.Array, dict[str, jax.Array]]:
        """x: (N, side, side, 1). Intermediates: "conv1"… (after pooling), "dense1"…; with
        a key (training), images turn by up to `rotate` degrees and move by up to `shift`
        pixels, and units are dropped at rate dropout[0] before each dense layer."""
        act = ACTIVATIONS[self.activation]
        if key is not None and self.rotate:
            x = rotated(x, jax.random.fold_in(key, ROTATE_STREAM), self.rotate)
        if key is not None and self.shift:
            x = shifted(x, jax.random.fold_in(key, SHIFT_STREAM), self.shift)
        h, acts = x, {}
        for i, layer in enumerate(params["conv"]):
            h = act(self.convolve(h, layer))
            if self.pooling != "none":
                h = pool(h, self.pooling)
            acts[f"conv{i + 1}"] = h
        h = h.reshape(h.shape[0], -1)
        for i, layer in enumerate(params["dense"]):
            if key is not None and dropout is not None:
                keep = 1.0 - dropout[0]
                mask = jax.random.bernoulli(jax.random.fold_in(key, i), keep, h.shape)
                h = jnp.where(mask, h / keep, 0.0)
            h = affine(h, layer["w"], layer["b"])
            if i < len(params["dense"]) - 1:
                h = act(h)
                acts[f"dense{i + 1}"] = h
        return h, acts

    def groups(self, params: Params, acts: dict[str, jax.Array] | None = None,
               arch: Any = None) -> list[Group]:
        """A group per layer: its weights and its units' outputs per example (a
        convolution's units are its filters at each position)."""
        names = ([f"conv{i + 1}" for i in range(len(params["conv"]))]
                 + [f"dense{i + 1}" for i in range(len(params["dense"]) - 1)] + ["output"])
        layers = [*params["conv"], *params["dense"]]

        def units(name: str) -> jax.Array | None:
            if acts is None:
                return None
            a = acts[name]
            return a.reshape(a.shape[0], -1)

        return [Group(layer["w"], units(name))
                for layer, name in zip(layers, names, strict=True)]

    def views(self, forward: Forward, head: Any, params: Params, h: Any, probes: Any,
              ) -> dict[str, jax.Array]:
        """The probe's feature maps, class probabilities and saliency, and the class
        predicted for each test image (`probes`: {"probe": (1, s, s, 1), "test": (n, s, s,
        1)})."""
        probe = probes["probe"]
        logits, acts = forward(params, probe, h)
        predicted = jnp.argmax(logits[0])
        saliency = jax.grad(lambda x: forward(params, x, h)[0][0, predicted])(probe)
        maps = [acts[f"conv{i + 1}"][0].ravel() for i in range(len(self.filters))]
        return {
            "feature_maps": jnp.concatenate(maps),
            "probabilities": jax.nn.softmax(logits[0]),
            "saliency": jnp.abs(saliency[0, :, :, 0]),
            "predictions": jnp.argmax(forward(params, probes["test"], h)[0], axis=1).astype(
                jnp.int32),
        }


def shifted(x: jax.Array, key: jax.Array, most: int) -> jax.Array:
    """Each image of x (N, side, side, C) moved by its own random offset of up to `most`
    pixels each way, the uncovered border blank."""
    n, side = x.shape[0], x.shape[1]
    padded = jnp.pad(x, ((0, 0), (most, most), (most, most), (0, 0)))
    offsets = jax.random.randint(key, (n, 2), 0, 2 * most + 1)

    def crop(image: jax.Array, at: jax.Array) -> jax.Array:
        return jax.lax.dynamic_slice(image, (at[0], at[1], 0), (side, side, image.shape[2]))

    moved: jax.Array = jax.vmap(crop)(padded, offsets)
    return moved


def rotated(x: jax.Array, key: jax.Array, most: int) -> jax.Array:
    """Each image of x (N, side, side, C) turned by its own random angle of up to `most`
    degrees either way."""
    angles = jax.random.uniform(key, (x.shape[0],), minval=-most, maxval=most)
    return rotate(x, jnp.deg2rad(angles))


def rotate(x: jax.Array, radians: jax.Array) -> jax.Array:
    """Each image of x (N, side, side, C) turned anticlockwise about its centre by its angle
    of `radians` (N,), sampled bilinearly; what comes in from outside the image is blank."""
    side = x.shape[1]
    centre = (side - 1) / 2.0
    rows, cols = jnp.meshgrid(jnp.arange(side) - centre, jnp.arange(side) - centre,
                              indexing="ij")

    def turn(image: jax.Array, angle: jax.Array) -> jax.Array:
        cos, sin = jnp.cos(angle), jnp.sin(angle)
        # Where each output pixel comes from: its offset from the centre turned back.
        at = (centre + cos * rows + sin * cols, centre - sin * rows + cos * cols)
        return jnp.stack([map_coordinates(image[:, :, c], at, order=1, mode="constant")
                          for c in range(image.shape[2])], axis=-1)

    turned: jax.Array = jax.vmap(turn)(x, radians)
    return turned


def pool(h: jax.Array, kind: str) -> jax.Array:
    """2 x 2 pooling with stride 2 (an odd last row or column is left out)."""
    window, strides = (1, 2, 2, 1), (1, 2, 2, 1)
    if kind == "max":
        pooled = jax.lax.reduce_window(h, -jnp.inf, jax.lax.max, window, strides, "VALID")
    else:
        pooled = jax.lax.reduce_window(h, 0.0, jax.lax.add, window, strides, "VALID") / 4.0
    return cast(jax.Array, pooled)  # typed Any by JAX
