"""One convolution with the engine's numbers: the window of its input that one filter reads
at one output position, the kernel, their products and sum, the bias, the activation, and
the 2 x 2 pooling that position falls in, on the probe image."""

from functools import lru_cache
from typing import Any, NamedTuple

import jax
import jax.numpy as jnp

from ...engine.activations import ACTIVATIONS
from .network import ConvNet, Params, pool


class ConvExplanation(NamedTuple):
    window: jax.Array  # (k, k, in) the layer's input under the filter, zeros where padded
    kernel: jax.Array  # (k, k, in) the filter's weights
    products: jax.Array  # (k, k, in) window * kernel
    total: jax.Array  # the sum of the products
    bias: jax.Array
    pre_activation: jax.Array  # the layer's convolution there, bias added (the engine's op)
    activation: jax.Array  # and after the activation
    pool_window: jax.Array  # (2, 2) the activations pooled together (zeros without pooling)
    pooled: jax.Array  # the pooled value (0 without pooling)
    in_pool: jax.Array  # whether the position falls in a pooling window


def explain_conv(model: ConvNet, params: Params, x: jax.Array, layer: int, filter: jax.Array,
                 row: jax.Array, column: jax.Array) -> ConvExplanation:
    """For the probe x (1, side, side, 1): filter `filter` of convolution layer `layer` at
    its output position (row, column), before pooling."""
    act = ACTIVATIONS[model.activation]
    h = x if layer == 0 else model.apply(params, x)[1][f"conv{layer}"]  # the layer's input
    weights = params["conv"][layer]
    z = model.convolve(h, weights)
    k, side, channels = model.kernel, h.shape[1], h.shape[3]
    before = model.padding_before(side)
    padded = jnp.pad(h[0], ((before, k), (before, k), (0, 0)))  # room for any window
    window = jax.lax.dynamic_slice(padded, (row * model.stride, column * model.stride, 0),
                                   (k, k, channels))
    kernel = weights["w"][:, :, :, filter]
    products = window * kernel
    activated = act(z)
    if model.pooling == "none":
        zeros = jnp.zeros((2, 2), jnp.float32)
        pool_window, pooled, in_pool = zeros, jnp.float32(0), jnp.bool_(False)
    else:
        pooled_map = pool(activated, model.pooling)[0, :, :, filter]
        pooled_side = pooled_map.shape[0]
        at_row, at_column = row // 2, column // 2
        in_pool = (at_row < pooled_side) & (at_column < pooled_side)
        pool_window = jax.lax.dynamic_slice(activated[0, :, :, filter],
                                            (2 * at_row, 2 * at_column), (2, 2))
        pooled = pooled_map[jnp.minimum(at_row, pooled_side - 1),
                            jnp.minimum(at_column, pooled_side - 1)]
    return ConvExplanation(window, kernel, products, jnp.sum(products),
                           weights["b"][filter], z[0, row, column, filter],
                           activated[0, row, column, filter], pool_window, pooled, in_pool)


@lru_cache(maxsize=16)
def explain_jit(model: ConvNet, layer: int) -> Any:
    """explain_conv for one network and layer, jitted (the filter, row and column are
    traced: any of them, one compile)."""
    return jax.jit(lambda params, x, filter, row, column: explain_conv(
        model, params, x, layer, filter, row, column))
