"""What the server has done since it started, counted cheaply for /healthz: XLA compilations.

A compilation costs a frame its deadline and leaves compiled code resident, so a count that
keeps rising while sessions only change settings they have used before is a cache that
misses (`mindscope bench explore` reports it).
"""

import threading

from jax import monitoring

# JAX records this around every backend compilation, a persistent-cache hit included
# (jax/_src/dispatch.py, BACKEND_COMPILE_EVENT).
COMPILE_EVENT = "/jax/core/compile/backend_compile_duration"


class Compiles:
    """XLA compilations in this process and the seconds they took; they happen on worker
    and compile threads alike, hence the lock."""

    def __init__(self) -> None:
        self.count = 0
        self.seconds = 0.0
        self._lock = threading.Lock()
        self._listening = False

    def listen(self) -> None:
        """Count from now on; once per process, however many apps are created."""
        with self._lock:
            if not self._listening:
                monitoring.register_event_duration_secs_listener(self._heard)
                self._listening = True

    def _heard(self, event: str, duration_secs: float, **_: str | int) -> None:
        if event == COMPILE_EVENT:
            with self._lock:
                self.count += 1
                self.seconds += duration_secs


COMPILES = Compiles()
