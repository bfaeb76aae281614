"""What one optimizer step costs, and how many a session's run manages a second.

A step's time is a fixed cost plus work that grows with the network's parameters times
the batch: the largest 2D network at a batch of 5,000 takes some 5,000 times as long as
the default one. So the slices a tick trains, and the step requests a session may make
each second, are counted in steps of the default network, never in bare steps.
"""

from typing import Any

import jax

# Parameters times examples whose work takes about as long as a step's fixed cost (on a
# CPU: the default network, 25 parameters at a batch of 10, trains some 100,000 steps a
# second, the largest at a batch of 5,000 some 30): up to this, a step costs one.
FIXED_WORK = 2000.0
# Steps of the default network a second that one worker trains here, unloaded: where a
# session's rate is first estimated from, and what its measured rate (slowed by other
# sessions' work on the same cores) is never judged below.
NOMINAL_WORK_PER_SECOND = 1e5


def step_cost(parameters: int, batch: int) -> float:
    """One step of a network of `parameters` at `batch` examples, in steps of the default
    network (at least 1: a step of any network has the fixed cost)."""
    return max(1.0, parameters * batch / FIXED_WORK)


def parameter_count(params: Any) -> int:
    """The numbers in a pytree of parameters (on the device or the host)."""
    return sum(int(leaf.size) for leaf in jax.tree.leaves(params))


class Capacity:
    """Units of work a second that a session's run trains, measured on its slices.

    Kept in units of work, not steps, so that a change to a network 1,000 times heavier
    gets slices 1,000 times shorter at once, before any is measured, rather than one
    slice that holds the workers for seconds."""

    def __init__(self, work_per_second: float = NOMINAL_WORK_PER_SECOND) -> None:
        self.work_per_second = work_per_second

    def steps_per_second(self, cost: float) -> float:
        return self.work_per_second / cost

    def unloaded_steps_per_second(self, cost: float) -> float:
        """The rate measured, or the nominal one where contention slowed it."""
        return max(self.work_per_second, NOMINAL_WORK_PER_SECOND) / cost

    def measure(self, steps: int, seconds: float, cost: float) -> None:
        # A few light steps say more about a chunk's fixed cost than about the rate.
        if steps * cost < 32:
            return
        measured = steps * cost / max(seconds, 1e-4)
        self.work_per_second += 0.2 * (measured - self.work_per_second)
