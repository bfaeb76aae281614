"""One example through the network and back: the numbers of a backprop step-through.

Everything comes from the engine itself (the trainer's forward pass, JAX's gradient
and the optimizer's own update), so what the step-through shows is what training does.
"""

from collections.abc import Callable
from typing import NamedTuple

import jax
import jax.numpy as jnp
import optax

from ...engine.layers import affine
from ...engine.model import Params
from ...engine.optimizers import set_hyperparams
from ...engine.training import Hyper, Trainer
from .network import DenseNet


class Explanation(NamedTuple):
    inputs: jax.Array  # (n_features,) the features of the point
    pre: list[jax.Array]  # per layer (hidden layers, then the output): weighted sum + bias
    post: list[jax.Array]  # per layer: after the activation (the output: the head's)
    loss: jax.Array  # this example's loss
    deltas: list[jax.Array]  # per layer: dL/dz, the error signal of each neuron
    grads: Params  # dL/dW = outer(input of the layer, delta), dL/db = delta
    updates: Params  # what the optimizer adds to each parameter for this gradient


def explain(trainer: Trainer[DenseNet], params: Params, opt_state: optax.OptState, step: jax.Array,
            point: jax.Array, target: jax.Array, h: Hyper) -> Explanation:
    """Forward, loss, backward and update for one point (2,) with its target (1,)."""
    x, y = point[None], target[None]
    logits, acts = trainer.forward(params, x, h)
    layer_inputs = [acts["features"]] + [acts[f"hidden{i + 1}"] for i in range(len(params) - 1)]
    pre = [affine(a, layer["w"], layer["b"]) for a, layer in zip(layer_inputs[:-1], params[:-1],
                                                             strict=True)] + [logits]
    post = [*layer_inputs[1:], acts["output"]]
    loss, grads = jax.value_and_grad(trainer.data_loss)(params, x, y, jnp.ones(1), h)
    values = {**h._asdict(), "learning_rate": trainer.learning_rate(h, step)}
    updates, _ = trainer.optimizer.update(grads, set_hyperparams(opt_state, values), params)
    return Explanation(
        inputs=acts["features"][0], pre=[z[0] for z in pre], post=[a[0] for a in post],
        loss=loss, deltas=[g["b"] for g in grads],  # z = aW + b, so dL/db is dL/dz
        grads=grads, updates=updates,
    )


def explain_jit(trainer: Trainer[DenseNet]) -> Callable[..., Explanation]:
    """explain() compiled once per trainer: (params, opt_state, step, point, target, h)."""
    jitted: Callable[..., Explanation] = trainer.program(
        "explain", lambda: jax.jit(lambda *args: explain(trainer, *args)))
    return jitted
