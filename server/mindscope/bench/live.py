"""How long a client of a real server waits, from play, until a frame shows what it waits
for: the labs' "seconds to learn" figures."""

import time
from collections.abc import Callable
from typing import Any

Frame = Any  # client.Frame


def seconds_until(lab: str, changes: dict[str, Any], reached: Callable[[Frame], bool],
                  timeout: float, seen: Callable[[Frame], None] = lambda frame: None,
                  wait: float = 120.0) -> float | None:
    """Seconds from play to the first frame for which `reached` holds, on a fresh server
    warmed by a first session of the lab (as a visitor after the first finds it), in a
    session of the lab with `changes` of its own settings, trained at full speed; None
    when `timeout` passes first. `seen` is shown every frame; a frame that takes longer
    than `wait` (a compile) is an error."""
    from ..client import connect
    from .server import running_server

    with running_server() as server:
        server.wait_compiled()
        with connect(server.url, lab=lab) as warm:  # compiles the lab's network
            if changes:
                warm.set(**changes)
            warm.next_frame(timeout=wait)
            server.wait_compiled()
        with connect(server.url, lab=lab) as session:
            session.set(steps_per_second=1e6, **changes)
            session.next_frame(timeout=wait)
            started = time.monotonic()
            session.play()
            while time.monotonic() - started < timeout:
                frame = session.next_frame(timeout=wait)
                seen(frame)
                if reached(frame):
                    return round(time.monotonic() - started, 2)
    return None
