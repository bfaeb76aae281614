"""One cache of compiled programs for every session, within a memory budget.

A `Trainer` holds the compiled code of its jitted functions, and sessions with the
same program structure share one. The cache keeps the recently used trainers while
their estimated size fits the budget (`--compile-cache-mb`) and drops the least
recently used beyond it. Dropping one frees its compiled code (its executables'
memory maps go at once; resident memory once the allocator gives it back, which
`malloc_trim` asks for). A dropped trainer that a session still runs lives on
there, and is taken back if asked for again, so nothing compiles twice at once.
"""

import contextlib
import ctypes
import gc
import threading
import weakref
from collections import OrderedDict
from typing import Any, NamedTuple

from .model import Model
from .training import M, Regime, Trainer

# Resident memory one compiled executable (a train chunk or snapshot of a small
# network) costs on CPU, measured as the growth per compile: 6-15 MB. It stands in for
# a trainer compiled in the foreground, whose growth cannot be told from the frames'.
MB_PER_EXECUTABLE = 12.0
DEFAULT_BUDGET_MB = 1536.0


class Key(NamedTuple):
    model: Model
    problem: str
    loss: str
    optimizer: str
    batch_bucket: int
    regime: Regime
    rows: int
    gradient_rows: int = 0
    evaluation_rows: int = 0

    @classmethod
    def of(cls, trainer: Trainer[Any]) -> "Key":
        return cls(trainer.model, trainer.problem, trainer.loss, trainer.optimizer_name,
                   trainer.batch_bucket, trainer.regime, trainer.rows, trainer.gradient_rows,
                   trainer.evaluation_rows)


class Stats(NamedTuple):
    trainers: int
    executables: int
    estimated_mb: float
    budget_mb: float
    evictions: int


class Programs:
    def __init__(self, budget_mb: float = DEFAULT_BUDGET_MB) -> None:
        self.budget_mb = budget_mb
        self.evictions = 0
        self._lock = threading.Lock()
        self._cached: OrderedDict[Key, Trainer[Any]] = OrderedDict()
        self._live: weakref.WeakValueDictionary[Key, Trainer[Any]] = weakref.WeakValueDictionary()

    def trainer(self, model: M, problem: str, loss: str, optimizer: str, batch_bucket: int,
                regime: Regime, rows: int, gradient_rows: int = 0, evaluation_rows: int = 0,
                ) -> Trainer[M]:
        """The shared trainer of this structure, made if none is held."""
        key = Key(model, problem, loss, optimizer, batch_bucket, regime, rows, gradient_rows,
                  evaluation_rows)
        with self._lock:
            found = self._cached.get(key) or self._live.get(key)
            if found is None:
                found = Trainer(model, problem, loss, optimizer, batch_bucket, regime, rows,
                                gradient_rows, evaluation_rows)
            self._cached[key] = found
            self._cached.move_to_end(key)
            self._live[key] = found
        return found

    def used(self, trainer: Trainer[Any]) -> None:
        """Mark a trainer in use (most recently used), taking it back if it was dropped."""
        key = Key.of(trainer)
        with self._lock:
            if self._cached.get(key) is trainer:
                self._cached.move_to_end(key)
            elif key not in self._cached:
                self._cached[key] = trainer

    def fit(self) -> int:
        """Drop the least recently used trainers until the rest fit the budget (the most
        recent one always stays); returns how many were dropped."""
        dropped = 0
        with self._lock:
            while len(self._cached) > 1 and self._estimated_mb() > self.budget_mb:
                self._cached.popitem(last=False)
                dropped += 1
            self.evictions += dropped
        if dropped:
            release_memory()
        return dropped

    def stats(self) -> Stats:
        with self._lock:
            executables = sum(t.executables() for t in self._cached.values())
            return Stats(len(self._cached), executables, round(self._estimated_mb(), 1),
                         self.budget_mb, self.evictions)

    def clear(self) -> None:
        with self._lock:
            self._cached.clear()
        release_memory()

    def _estimated_mb(self) -> float:
        return sum(size_mb(t) for t in self._cached.values())


def size_mb(trainer: Trainer[Any]) -> float:
    """A trainer's compiled code: as measured, else estimated from its executables."""
    if trainer.compiled.footprint_mb is not None:
        return trainer.compiled.footprint_mb
    return trainer.executables() * MB_PER_EXECUTABLE


def release_memory() -> None:
    """Collect dropped trainers (a jitted function and its trainer refer to each other)
    and hand freed memory back to the system."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: kept for reuse
        ctypes.CDLL("libc.so.6").malloc_trim(0)


PROGRAMS = Programs()
