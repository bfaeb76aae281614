"""Results that come back to the host in one transfer per dtype, however many arrays.

A frame holds some forty small arrays; fetching each costs its own wait and
Python bookkeeping, which with fifty sessions on a server is most of its time.
So the jitted function packs its result on the device into one flat buffer per
dtype, and the host cuts that back into arrays (views, no copy).
"""

from collections.abc import Callable
from typing import Any, NamedTuple, cast

import jax
import jax.numpy as jnp
import numpy as np

MAX_LAYOUTS = 64  # shapes of arguments remembered (uploads of every size make new ones)


class _Leaf(NamedTuple):
    buffer: int  # which buffer (one per dtype, in order of first appearance)
    start: int
    stop: int
    shape: tuple[int, ...]


class _Layout(NamedTuple):
    treedef: Any
    leaves: tuple[_Leaf, ...]

    @classmethod
    def of(cls, shapes: Any) -> "_Layout":
        """Where each leaf of a result with these shapes and dtypes lies in the buffers."""
        flat, treedef = jax.tree.flatten(shapes)
        dtypes = list(dict.fromkeys(s.dtype for s in flat))
        ends = [0] * len(dtypes)
        leaves = []
        for s in flat:
            b = dtypes.index(s.dtype)
            start, ends[b] = ends[b], ends[b] + int(np.prod(s.shape, dtype=int))
            leaves.append(_Leaf(b, start, ends[b], tuple(s.shape)))
        return cls(treedef, tuple(leaves))

    def unpack(self, buffers: list[np.ndarray]) -> Any:
        return jax.tree.unflatten(self.treedef, [
            buffers[leaf.buffer][leaf.start:leaf.stop].reshape(leaf.shape)
            for leaf in self.leaves])


def _pack(tree: Any) -> list[jax.Array]:
    leaves = jax.tree.leaves(tree)
    dtypes = list(dict.fromkeys(leaf.dtype for leaf in leaves))
    return [jnp.concatenate([jnp.ravel(leaf) for leaf in leaves if leaf.dtype == dtype])
            for dtype in dtypes]


def _signature(args: tuple[Any, ...]) -> tuple[Any, ...]:
    """What the jit traces anew for, so what the result's layout may change with."""
    leaves, treedef = jax.tree.flatten(args)
    return treedef, tuple((np.shape(a), getattr(a, "dtype", type(a)),
                           getattr(a, "weak_type", False)) for a in leaves)


class OnHost:
    """`jax.jit(fn)`, returning its result as NumPy arrays fetched one buffer per dtype."""

    def __init__(self, fn: Callable[..., Any]) -> None:
        self._fn = fn
        self._packed = jax.jit(lambda *args: _pack(fn(*args)))
        self._layouts: dict[tuple[Any, ...], _Layout] = {}

    def __call__(self, *args: Any) -> Any:
        key = _signature(args)
        layout = self._layouts.get(key)
        if layout is None:  # once per shape of arguments, as the jit's own trace
            if len(self._layouts) >= MAX_LAYOUTS:
                self._layouts.clear()
            layout = self._layouts[key] = _Layout.of(jax.eval_shape(self._fn, *args))
        return layout.unpack(jax.device_get(self._packed(*args)))

    def _cache_size(self) -> int:
        """Compiled executables held, as jax.jit's own method tells."""
        # A method of jax.jit's function that its type (JitWrapped) does not declare.
        size: int = cast(Any, self._packed)._cache_size()
        return size
