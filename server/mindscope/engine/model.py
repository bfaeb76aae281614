"""What the core needs of a model: an init, an apply that returns the output and every
intermediate by name, its parameter groups, and the views a frame shows of it.

The train chunk, snapshot, statistics, penalties and landscape only use this
interface (`Model`); each lab brings its own models (see docs/labs.md).
"""

from collections.abc import Callable
from typing import Any, NamedTuple, Protocol

import jax

# A pytree of arrays (a lab's own structure: a list of layers, a dict of named parts…).
Params = Any
# (params, x, hyper) -> (logits, intermediates by name, the head's output as "output").
Forward = Callable[[Params, jax.Array, Any], tuple[jax.Array, dict[str, jax.Array]]]


class Group(NamedTuple):
    """One parameter group (a layer): the weights L1/L2 act on and statistics describe,
    and the activations it produces. Masks (1: counts, 0: padding) leave out the parts of
    a model that stand in for a smaller one; None where everything counts."""

    weights: jax.Array
    activation: jax.Array | None = None  # (examples, units); None where not asked for
    weight_mask: jax.Array | None = None  # the shape of weights
    unit_mask: jax.Array | None = None  # (units,)


class Model(Protocol):
    """`arch` carries structure as traced data for models that take it (and a mask
    `outputs` of the logits in use, read by trainers of any head)."""

    def init(self, seed: int, scheme: str = "uniform") -> Params: ...

    def apply(
        self, params: Params, x: jax.Array, dropout: jax.Array | None = None,
        key: jax.Array | None = None, arch: Any = None,
    ) -> tuple[jax.Array, dict[str, jax.Array]]: ...

    def groups(self, params: Params, acts: dict[str, jax.Array] | None = None,
               arch: Any = None) -> list[Group]:
        """The parameter groups of `params` (or of a gradient of the same structure), each
        with its activation from `acts` when given."""
        ...

    def views(self, forward: Forward, head: Any, params: Params, h: Any, probes: Any,
              ) -> dict[str, jax.Array]:
        """What a frame shows beyond the core's numbers, computed inside the snapshot's
        jit from the `probes` (inputs the lab picks, e.g. a grid of the input plane)."""
        ...
