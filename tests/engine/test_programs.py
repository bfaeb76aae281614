"""The cache of compiled programs: one trainer per structure, the least recently used
dropped beyond the budget (and their compiled code freed), a dropped one still in use
taken back rather than compiled twice."""

import gc
import weakref

import jax
import jax.numpy as jnp
import pytest

from mindscope.engine import Regime, hyper
from mindscope.engine import programs as programs_module
from mindscope.engine.programs import MB_PER_EXECUTABLE, PROGRAMS, Programs, Stats
from mindscope.engine.training import MIN_ROWS, Trainer, pack
from mindscope.labs.points.data import make_planar_data
from mindscope.labs.points.network import DenseNet
from mindscope.labs.points.views import Probes, input_grid


def _model(units: int) -> DenseNet:
    return DenseNet(("x1",), (units,), ("tanh",))


def _key(units: int, optimizer: str = "sgd") -> tuple:
    return (_model(units), "binary", "mse", optimizer, 4, Regime(), MIN_ROWS)


def _probe(trainer: Trainer) -> None:
    """Give the trainer one real (tiny) compiled executable."""
    trainer.program("probe", lambda: jax.jit(lambda x: x * 2.0 + 1.0))(jnp.float32(1.0))


def test_the_same_structure_is_the_same_trainer() -> None:
    programs = Programs()
    first = programs.trainer(*_key(3))
    assert programs.trainer(*_key(3)) is first  # equal (not identical) keys
    assert programs.trainer(*_key(3, "adam")) is not first
    assert programs.trainer(*_key(4)) is not first
    assert (first.model, first.optimizer_name, first.batch_bucket, first.rows) == \
        (_model(3), "sgd", 4, MIN_ROWS)
    assert isinstance(PROGRAMS, Programs)
    assert PROGRAMS.trainer(*_key(5)) is PROGRAMS.trainer(*_key(5))


def test_over_budget_the_least_recently_used_is_dropped_and_memory_released(
        monkeypatch: pytest.MonkeyPatch) -> None:
    released: list[int] = []
    release = programs_module.release_memory
    monkeypatch.setattr(programs_module, "release_memory",
                        lambda: (released.append(1), release())[1])
    programs = Programs(budget_mb=2 * MB_PER_EXECUTABLE)
    a, b = programs.trainer(*_key(1)), programs.trainer(*_key(2))
    _probe(a)
    _probe(b)
    assert programs.fit() == 0 and not released  # two executables fit
    assert programs.trainer(*_key(1)) is a  # a is now the most recently used; b the least
    c = programs.trainer(*_key(3))
    _probe(c)
    assert programs.stats() == Stats(3, 3, 3 * MB_PER_EXECUTABLE, 2 * MB_PER_EXECUTABLE, 0)
    assert programs.fit() == 1 and released == [1]
    assert programs.stats() == Stats(2, 2, 2 * MB_PER_EXECUTABLE, 2 * MB_PER_EXECUTABLE, 1)

    # b was dropped, but is still referenced here: asking again takes it back (with its
    # compiled code) instead of making a second one, which would compile again.
    assert programs.trainer(*_key(2)) is b
    assert b.executables() == 1
    assert programs.trainer(*_key(1)) is a and programs.trainer(*_key(3)) is c

    # used() takes back a dropped trainer too.
    programs.budget_mb = 0
    assert programs.fit() == 2  # the most recently used (c) always stays
    programs.used(a)
    assert programs.stats().trainers == 2 and programs.trainer(*_key(1)) is a

    # One referenced nowhere is gone once dropped: a new one comes, with nothing compiled.
    gone = weakref.ref(b)
    del b
    programs.fit()
    gc.collect()
    assert gone() is None
    fresh = programs.trainer(*_key(2))
    assert fresh.executables() == 0


def test_a_trainers_executables_count_each_compiled_function() -> None:
    """The budget is counted in executables: the train chunk and the snapshot (the largest
    program) each hold one once they have run."""
    trainer = Trainer(DenseNet(("x1",), (), ()), "binary", "mse", "sgd", 4)
    data, state, h = pack(*make_planar_data("gauss")), trainer.init_state(0), hyper()
    trainer.train_chunk(state, data, h, jnp.int32(1))
    assert trainer.executables() == 1
    trainer.snapshot(state, data, h, Probes(input_grid(3), input_grid(2)))
    assert trainer.executables() == 2


def _map_count() -> int:
    with open("/proc/self/maps") as maps:
        return sum(1 for _ in maps)


def _compile_step(trainer: Trainer) -> None:
    step = trainer.train_step(trainer.init_state(0), jnp.zeros((4, 2)), jnp.zeros((4, 1)),
                              hyper())
    jax.block_until_ready(step)


def test_dropping_trainers_frees_their_compiled_code() -> None:
    programs = Programs(budget_mb=1e9)
    _compile_step(programs.trainer(*_key(1)))  # one-off allocations of a first compile
    programs.clear()
    before = _map_count()
    for units in range(2, 12):
        _compile_step(programs.trainer(*_key(units)))
    grown = _map_count() - before
    assert programs.stats().executables == 10
    assert grown > 10 * 10  # each executable maps its code and data
    programs.budget_mb = 0
    assert programs.fit() == 9
    programs.clear()
    assert programs.stats().trainers == 0
    left = _map_count() - before
    assert left <= max(0.1 * grown, 20), (before, grown, left)
    assert programs.stats().evictions == 9
