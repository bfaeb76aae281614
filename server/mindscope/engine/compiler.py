"""Compiling trainers beside the sessions, so that no change waits for XLA in the foreground.

A trainer is ready once both of its jitted functions have run for the shapes a
session uses; `warm` gets it there on a compile thread (XLA compiles without the
GIL). Urgent work (a program that a change waits for) has a thread of its own, so
it never waits behind a long compile of the rest (the padded bridges the server
starts with, an exact network that would only train faster than the bridge); the
other thread takes urgent work too when it has none of its own. A session's newer
request replaces its older one still waiting, so a user clicking through settings
never queues up compiles nobody wants anymore.
"""

import atexit
import logging
import threading
from collections import deque
from collections.abc import Callable
from typing import Any, NamedTuple

import jax
import numpy as np

from ..memory import resident_bytes
from .programs import PROGRAMS
from .training import Dataset, Hyper, Trainer, TrainState

log = logging.getLogger(__name__)
_FUNCTIONS = frozenset({"train_chunk", "snapshot"})
COMPILE_TRIES = 3


class SampleArgs(NamedTuple):
    state: TrainState
    data: Dataset
    hyper: Hyper
    probes: Any  # what the model's views read (Model.views)


class _Job(NamedTuple):
    trainer: Trainer[Any]
    args: Callable[[], SampleArgs]  # made on the compile thread, only if the job runs
    owner: object | None
    done: threading.Event


_lock = threading.Condition()
_urgent: deque[_Job] = deque()
_later: deque[_Job] = deque()
_running: list[_Job] = []
_threads: list[threading.Thread] = []


def mark_compiled(trainer: Trainer[Any], function: str) -> None:
    trainer.compiled.functions.add(function)


def ready(trainer: Trainer[Any]) -> bool:
    return trainer.compiled.functions >= _FUNCTIONS


def failure(trainer: Trainer[Any]) -> str | None:
    """Why `trainer` could not be compiled, once a warm-up of it has failed for a reason
    that another try would meet again (a bug, a shape the network cannot take)."""
    return trainer.compiled.failure


def warm(trainer: Trainer[Any], args: Callable[[], SampleArgs], *, urgent: bool = False,
         owner: object | None = None) -> None:
    """Compile `trainer` on a compile thread unless it is ready or on its way. A request
    replaces the same owner's older one of the same urgency that has not started."""
    with _lock:
        if ready(trainer):
            return
        queued = _find(trainer)
        if queued is not None:
            if urgent and queued in _later:  # a change now waits for it: move it ahead
                _later.remove(queued)
                _urgent.append(queued)
            return
        queue = _urgent if urgent else _later
        if owner is not None:
            for job in [j for j in queue if j.owner is owner]:
                queue.remove(job)
                job.done.set()
        queue.append(_Job(trainer, args, owner, threading.Event()))
        if not _threads:
            _threads.extend(threading.Thread(target=_work, args=(urgent_only,), daemon=True,
                                             name=f"mindscope-compile-{i}")
                            for i, urgent_only in enumerate((True, False)))
            for thread in _threads:
                thread.start()
        _lock.notify_all()


@atexit.register
def _drain() -> None:
    """At exit, drop what waits and let a running compile end: torn down mid-compile, XLA's
    thread aborts the whole process ("terminate called ...")."""
    with _lock:
        for job in (*_urgent, *_later):
            job.done.set()
        _urgent.clear()
        _later.clear()
        running = list(_running)
    for job in running:
        job.done.wait(120)


def queued() -> int:
    """Compiles waiting or running."""
    with _lock:
        return len(_urgent) + len(_later) + len(_running)


def wait(trainer: Trainer[Any]) -> None:
    """Block until a warm-up of `trainer` asked for earlier has finished (for benchmarks
    and tests)."""
    with _lock:
        job = _find(trainer)
    if job is not None:
        job.done.wait()


def _find(trainer: Trainer[Any]) -> _Job | None:
    return next((j for j in (*_running, *_urgent, *_later) if j.trainer is trainer), None)


def _work(urgent_only: bool) -> None:
    while True:
        with _lock:
            while not (_urgent or (_later and not urgent_only)):
                _lock.wait()
            job = (_urgent or _later).popleft()
            _running.append(job)
        try:
            before = resident_bytes()
            _compile_retrying(job.trainer, job.args)
            after = resident_bytes()
            if before is not None and after is not None:  # what the compile left resident
                job.trainer.compiled.footprint_mb = max(after - before, 0) / 2**20
            PROGRAMS.fit()
        except KeyError:  # JAX's tracing race (see _compile_retrying): a later try may pass
            log.exception("background compile of %s failed", job.trainer)
        except Exception as exc:  # it would fail again: those who wait for it must hear why
            log.exception("background compile of %s failed", job.trainer)
            job.trainer.compiled.failure = f"{type(exc).__name__}: {exc}"[:300]
        finally:
            with _lock:
                _running.remove(job)
            job.done.set()
            del job  # or this thread would keep the last trainer (and its programs) alive


def _compile_retrying(trainer: Trainer[Any], args: Callable[[], SampleArgs]) -> None:
    """JAX 0.10's tracing here now and then fails with a KeyError of a jaxpr variable while
    another thread runs JAX (in `mindscope bench engine`'s edit probe, and in tests as the
    process ends). Another try sometimes succeeds; when it fails the same way, the compile
    is given up and logged, and the run asks for it again (or compiles in the foreground)."""
    for attempt in range(COMPILE_TRIES):
        try:
            _compile(trainer, args)
            return
        except KeyError:
            if attempt == COMPILE_TRIES - 1:
                raise
            log.warning("compile of %s failed to trace; trying again", trainer, exc_info=True)


def _compile(trainer: Trainer[Any], args: Callable[[], SampleArgs]) -> None:
    state, data, hyper, probes = args()
    # A NumPy count, as the run passes: a device array would key another executable.
    jax.block_until_ready(trainer.train_chunk(state, data, hyper, np.int32(0)))
    mark_compiled(trainer, "train_chunk")
    trainer.snapshot(state, data, hyper, probes)
    mark_compiled(trainer, "snapshot")
