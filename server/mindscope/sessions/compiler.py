"""Compiling trainers in the background, so an edit waits for XLA only when it must.

A trainer is ready once both of its jitted functions have run for the shapes a
session uses; `warm` gets it there on a worker thread (XLA compiles without the
GIL), and the run decides per edit whether the exact trainer or the padded
network (see engine/padded.py) carries on meanwhile.
"""

import logging
import threading
import weakref
from concurrent.futures import Future, ThreadPoolExecutor
from typing import NamedTuple

import jax
import jax.numpy as jnp

from ..engine import Dataset, Hyper, Trainer, TrainState

log = logging.getLogger(__name__)
_FUNCTIONS = frozenset({"train_chunk", "snapshot"})


class SampleArgs(NamedTuple):
    state: TrainState
    data: Dataset
    hyper: Hyper
    output_grid: jax.Array
    neuron_grid: jax.Array


_lock = threading.Lock()
_compiled: weakref.WeakKeyDictionary[Trainer, set[str]] = weakref.WeakKeyDictionary()
_pending: weakref.WeakKeyDictionary[Trainer, Future[None]] = weakref.WeakKeyDictionary()
_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mindscope-compile")


def mark_compiled(trainer: Trainer, function: str) -> None:
    with _lock:
        _compiled.setdefault(trainer, set()).add(function)


def ready(trainer: Trainer) -> bool:
    with _lock:
        return _compiled.get(trainer, set()) >= _FUNCTIONS


def warm(trainer: Trainer, args: SampleArgs) -> None:
    """Compile `trainer` on the compile thread unless it is ready or on its way."""
    with _lock:
        if trainer in _pending or _compiled.get(trainer, set()) >= _FUNCTIONS:
            return
        _pending[trainer] = _pool.submit(_compile, trainer, args)


def wait(trainer: Trainer) -> None:
    """Block until a warm-up of `trainer` started earlier has finished (for benchmarks)."""
    with _lock:
        future = _pending.get(trainer)
    if future is not None:
        future.result()


def _compile(trainer: Trainer, args: SampleArgs) -> None:
    try:
        state, data, hyper, output_grid, neuron_grid = args
        jax.block_until_ready(trainer.train_chunk(state, data.x_train, data.y_train, hyper,
                                                  jnp.int32(0)))
        mark_compiled(trainer, "train_chunk")
        trainer.snapshot(state, data, hyper, output_grid, neuron_grid)
        mark_compiled(trainer, "snapshot")
    except Exception:  # a failed warm-up only costs a foreground compile later
        log.exception("background compile of %s failed", trainer)
    finally:
        with _lock:
            _pending.pop(trainer, None)
