"""Turns on the worker threads: never more holders than slots, changes before training,
first come first served otherwise, and a cancelled waiter neither blocks nor leaks a slot."""

import asyncio
from collections.abc import Coroutine
from typing import Any

from loops import run

from mindscope.sessions.turns import Turns


class Clock:
    now = 0.0

    def __call__(self) -> float:
        return self.now


async def _hold(turns: Turns, release: asyncio.Event) -> None:
    async with turns.turn(urgent=False):
        await release.wait()


async def _take(turns: Turns, order: list[str], name: str, urgent: bool = False) -> None:
    async with turns.turn(urgent):
        order.append(name)
        await asyncio.sleep(0)


async def _order_of(turns: Turns, waiters: list[tuple[str, bool, float]],
                    clock: Clock | None = None) -> list[str]:
    """Who got a turn, in order, when the one holder lets go after everyone queued (each at
    its time on `clock`)."""
    order: list[str] = []
    release = asyncio.Event()
    holder = asyncio.create_task(_hold(turns, release))
    await asyncio.sleep(0)
    takers = []
    for name, urgent, at in waiters:
        if clock is not None:
            clock.now = at
        takers.append(asyncio.create_task(_take(turns, order, name, urgent)))
        await asyncio.sleep(0)
    assert order == []  # the slot is held
    release.set()
    await asyncio.gather(holder, *takers)
    return order


def test_a_change_goes_before_training_and_otherwise_first_come_first_served() -> None:
    waiters = [("train1", False, 0.0), ("train2", False, 0.0), ("change1", True, 0.0),
               ("train3", False, 0.0), ("change2", True, 0.0)]
    order = run(_order_of(Turns(1), waiters))
    assert order == ["change1", "change2", "train1", "train2", "train3"]


def test_a_change_goes_ahead_only_of_those_that_came_within_its_head_start() -> None:
    """So that sessions flooding the server with changes cannot starve the others."""
    clock = Clock()
    waiters = [("old training", False, 0.0), ("recent training", False, 0.08),
               ("change", True, 0.1)]
    order = run(_order_of(Turns(1, head_start=0.05, clock=clock), waiters, clock))
    assert order == ["old training", "change", "recent training"]


def test_no_more_hold_a_turn_at_once_than_there_are_slots() -> None:
    async def scenario() -> int:
        turns, inside, most = Turns(3), 0, 0

        async def work() -> None:
            nonlocal inside, most
            async with turns.turn(urgent=False):
                inside += 1
                most = max(most, inside)
                await asyncio.sleep(0.001)
                inside -= 1

        await asyncio.gather(*(work() for _ in range(20)))
        return most

    assert run(scenario()) == 3


def test_a_cancelled_waiter_leaves_the_queue_and_no_slot_is_lost() -> None:
    async def scenario() -> list[str]:
        turns, order = Turns(1), []
        release = asyncio.Event()

        def take(name: str) -> Coroutine[Any, Any, None]:
            return _take(turns, order, name, urgent=True)

        holder = asyncio.create_task(_hold(turns, release))
        await asyncio.sleep(0)
        gone, stays = asyncio.create_task(take("gone")), asyncio.create_task(take("stays"))
        await asyncio.sleep(0)
        gone.cancel()
        release.set()
        await asyncio.gather(holder, stays)
        # Both slots' worth of turns still work afterwards: none leaked to the cancelled one.
        await asyncio.wait_for(take("later"), 1.0)
        await asyncio.wait_for(asyncio.gather(take("a"), take("b")), 1.0)
        return order

    assert run(scenario()) == ["stays", "later", "a", "b"]


def test_a_waiter_cancelled_as_it_is_handed_the_slot_passes_it_on() -> None:
    async def scenario() -> list[str]:
        turns, order = Turns(1), []
        tasks: dict[str, asyncio.Task[None]] = {}

        async def hold_then_cancel_the_next() -> None:
            async with turns.turn(urgent=False):
                await asyncio.sleep(0.01)
            tasks["first"].cancel()  # handed the slot just now, before it could resume

        holder = asyncio.create_task(hold_then_cancel_the_next())
        await asyncio.sleep(0)
        for name in ("first", "second"):
            tasks[name] = asyncio.create_task(_take(turns, order, name))
            await asyncio.sleep(0)
        await holder
        await asyncio.wait_for(tasks["second"], 1.0)
        return order

    assert run(scenario()) == ["second"]
