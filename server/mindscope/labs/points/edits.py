"""Edits that keep what was learned: architecture changes and hand-set weights."""

from collections.abc import Mapping, Sequence

import numpy as np
from numpy.typing import ArrayLike

from .network import DenseNet, HostLayers

AnyLayers = Sequence[Mapping[str, ArrayLike]]  # on the device or the host


def _row_pairs(old: DenseNet, new: DenseNet, layer: int) -> list[tuple[int, int]]:
    """(old row, new row) of the inputs that layer `layer` has in both networks."""
    if layer == 0:
        return [(old.features.index(f), i) for i, f in enumerate(new.features)
                if f in old.features]
    width = min(old.hidden[layer - 1], new.hidden[layer - 1])
    return [(i, i) for i in range(width)]


def transplant(old_params: AnyLayers, old: DenseNet, fresh: AnyLayers, new: DenseNet,
               ) -> HostLayers:
    """`fresh` (new's initial parameters) with every weight and bias copied from
    `old_params` whose source and target units exist in both networks."""
    result = [{k: np.array(v) for k, v in layer.items()} for layer in fresh]
    depth_old, depth_new = len(old.hidden), len(new.hidden)
    for i, layer in enumerate(result):
        is_output = i == depth_new
        if is_output:
            if depth_old != depth_new or old.n_outputs != new.n_outputs:
                continue  # the output reads a different layer or predicts other classes
            j, columns = depth_old, new.n_outputs
        else:
            if i >= depth_old:
                continue  # a new hidden layer starts fresh
            j, columns = i, min(old.hidden[i], new.hidden[i])
        old_w, old_b = np.asarray(old_params[j]["w"]), np.asarray(old_params[j]["b"])
        for old_row, new_row in _row_pairs(old, new, i):
            layer["w"][new_row, :columns] = old_w[old_row, :columns]
        layer["b"][:columns] = old_b[:columns]
    return result


def set_parameter(params: AnyLayers, layer: int, name: str, index: tuple[int, ...],
                  value: float) -> HostLayers:
    """A copy of params with one weight (name "w", index (source, target)) or bias
    (name "b", index (target,)) set by hand. Raises IndexError outside the network."""
    if not 0 <= layer < len(params):
        raise IndexError(f"layer must be 0 to {len(params) - 1}")
    array = np.array(params[layer][name])
    if len(index) != array.ndim or not all(0 <= i < n for i, n in zip(index, array.shape,
                                                                        strict=True)):
        raise IndexError(f"index must lie within shape {list(array.shape)}")
    array[index] = value
    copy = [{k: np.asarray(v) for k, v in p.items()} for p in params]
    copy[layer][name] = array
    return copy
