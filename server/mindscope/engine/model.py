"""Models: an init and an apply that returns the output and every activation by name.

The train chunk and snapshot only use this interface, so other model kinds
(CNN, RNN, attention) plug in beside the dense network.
"""

from dataclasses import dataclass
from typing import Protocol

import jax
import jax.numpy as jnp

from .activations import ACTIVATIONS

Params = list[dict[str, jax.Array]]


class Model(Protocol):
    def init(self, key: jax.Array) -> Params: ...

    def apply(self, params: Params, x: jax.Array) -> tuple[jax.Array, dict[str, jax.Array]]: ...


@dataclass(frozen=True)
class DenseNet:
    """A fully connected network; frozen so it can key jit caches."""

    n_inputs: int
    hidden: tuple[int, ...]
    activation: str = "tanh"
    output_activation: str = "tanh"
    n_outputs: int = 1

    @property
    def layer_sizes(self) -> tuple[int, ...]:
        return (self.n_inputs, *self.hidden, self.n_outputs)

    def init(self, key: jax.Array) -> Params:
        # Uniform ±0.5, as TensorFlow Playground initialises.
        sizes = self.layer_sizes
        keys = jax.random.split(key, len(sizes) - 1)
        return [
            {
                "w": jax.random.uniform(k, (n_in, n_out), minval=-0.5, maxval=0.5),
                "b": jnp.full((n_out,), 0.1, dtype=jnp.float32),
            }
            for k, n_in, n_out in zip(keys, sizes[:-1], sizes[1:], strict=True)
        ]

    def apply(self, params: Params, x: jax.Array) -> tuple[jax.Array, dict[str, jax.Array]]:
        activations = {"input": x}
        h = x
        for i, layer in enumerate(params):
            last = i == len(params) - 1
            act = ACTIVATIONS[self.output_activation if last else self.activation]
            h = act(h @ layer["w"] + layer["b"])
            activations["output" if last else f"hidden{i + 1}"] = h
        return h, activations
