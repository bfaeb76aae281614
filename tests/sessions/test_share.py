"""Sessions training at once share the cores: each gets its part of a tick's training."""

from mindscope.sessions.pace import Share


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_session_alone_or_within_the_cores_trains_a_whole_share() -> None:
    share = Share(cores=2, clock=Clock())
    assert share.fraction("a") == 1.0
    assert share.fraction("b") == 1.0
    assert share.fraction("a") == 1.0


def test_more_sessions_than_cores_split_them_evenly() -> None:
    share = Share(cores=2, clock=Clock())
    fractions = [share.fraction(f"s{i}") for i in range(8)]
    assert fractions[:2] == [1.0, 1.0]
    assert fractions[2:] == [2 / 3, 2 / 4, 2 / 5, 2 / 6, 2 / 7, 2 / 8]
    assert share.fraction("s0") == 2 / 8  # counted once however often it trains


def test_a_session_that_stopped_training_gives_its_part_back() -> None:
    clock = Clock()
    share = Share(cores=1, clock=clock)
    for key in ("a", "b", "c", "d"):
        share.fraction(key)
    clock.now += Share.WINDOW / 2
    assert share.fraction("a") == 1 / 4  # the others trained half a window ago: still in
    clock.now += Share.WINDOW * 0.75  # now b, c and d last trained over a window ago
    assert share.fraction("a") == 1.0


def test_the_usable_cores_are_counted_without_sched_getaffinity(monkeypatch) -> None:
    import os

    from mindscope.sessions import pace

    monkeypatch.delattr(os, "sched_getaffinity", raising=False)  # as on macOS and Windows
    monkeypatch.setattr(os, "cpu_count", lambda: 6)
    assert pace.usable_cores() == 6
