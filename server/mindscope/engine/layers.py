"""Layer arithmetic shared by the labs' models."""

import jax
import jax.numpy as jnp

# A minibatch of at most FUSED_ROWS examples through a layer of at most FUSED_WEIGHTS
# weights is computed as elementwise work. XLA's CPU runtime runs each matrix product as
# a separate library call; for a few units the call costs more than its arithmetic and
# splits the step into more kernels, while a multiply-and-sum fuses with the bias, the
# activation and the backward pass around it. For the 2D lab's 8 x 8 layers on a batch of
# 10 this doubles the training steps per second (`mindscope bench engine`). Larger
# products (a snapshot's thousands of rows, the landscape's batched weights) stay matrix
# products, which win there.
FUSED_ROWS = 32
FUSED_WEIGHTS = 256


def affine(x: jax.Array, w: jax.Array, b: jax.Array) -> jax.Array:
    """x @ w + b for x (rows, inputs), w (inputs, outputs), b (outputs,)."""
    if x.shape[0] <= FUSED_ROWS and w.size <= FUSED_WEIGHTS:
        return jnp.sum(x[..., :, None] * w, axis=-2) + b
    return x @ w + b
