"""Engine benchmark: fused training speed against a per-step loop, snapshot cost, and the
latency of an architecture edit, cold and with JAX's persistent compilation cache warm.

The network is TensorFlow Playground's benchmark: 2 -> [8, 8] tanh -> 1, batch 10,
250 training points (circle), SGD with learning rate 0.03.
"""

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used: `mindscope --help` must not load JAX
    from ..labs.points.run import TrainingRun
    from ..protocol import SessionConfig

TARGETS = {
    "updates_per_s": ">= 200,000 (reference: 74,500 raw, 1,500 in its UI)",
    "snapshot_ms_r50": "<= 1 ms",
    "arch_edit_first_frame_ms_warm": "<= 100 ms",
}
EDITS: dict[str, dict[str, object]] = {  # name: the change to the benchmark network's config
    "add a neuron": {"hidden": [9, 8]},
    "add a layer": {"hidden": [8, 8, 8]},
    "change the activation": {"activations": ["relu", "relu"]},
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--repeats", type=int, default=7, choices=range(3, 51),
                        metavar="N", help="timed repetitions per figure (3-50, default 7)")
    parser.add_argument("--edit-probe", metavar="CACHE_DIR", help=argparse.SUPPRESS)


def _config(**changes: object) -> "SessionConfig":
    from ..protocol import SessionConfig

    lab = {"lab": "points", "hidden": [8, 8], "activations": ["tanh", "tanh"],
           "dataset": "circle", "train_share": 0.5}
    return SessionConfig.model_validate({"batch_size": 10, "learning_rate": 0.03,
                                         "optimizer": "sgd", "lab": lab | changes})


def _best_rate(fn: Callable[[], None], steps: int, repeats: int) -> float:
    """Steps per second of fn(), the median of `repeats` timings."""
    rates = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        rates.append(steps / (time.perf_counter() - started))
    return statistics.median(rates)


def _quiet_run(config: "SessionConfig") -> "TrainingRun":
    """A run whose background compiles are done, so they do not skew the timings."""
    from ..engine import compiler
    from ..labs.points.run import TrainingRun
    from ..sessions.frame import Detail

    run = TrainingRun(config)
    run.frame(Detail())
    compiler.wait(run._padded())
    return run


def training_speed(repeats: int) -> tuple[float, float]:
    """(fused updates/s, updates/s calling a jitted single step from a Python loop)."""
    import jax
    import jax.numpy as jnp
    import numpy as np

    from ..engine import MAX_CHUNK

    run = _quiet_run(_config())
    trainer, data, h = run.trainer, run.data, run.hyper
    assert int(data.n_train) == 250

    def fused() -> None:
        run.state, _ = trainer.train_chunk(run.state, data, h, jnp.int32(MAX_CHUNK))
        jax.block_until_ready(run.state)

    batches = np.random.default_rng(0).integers(0, 250, (500, 10))
    x_host, y_host = run.host_data.x_train, run.host_data.y_train

    def per_step_loop() -> None:
        for idx in batches:
            run.state, _ = trainer.train_step(run.state, x_host[idx], y_host[idx], h)
        jax.block_until_ready(run.state)

    fused()
    per_step_loop()  # compile both first
    return _best_rate(fused, MAX_CHUNK, repeats), _best_rate(per_step_loop, 500, repeats)


def snapshot_ms(hidden: list[int], resolution: int, repeats: int) -> float:
    """One full snapshot: every neuron and the output at resolution², weights, gradients."""
    from ..labs.points.views import Probes, input_grid
    from ..sessions.frame import Detail

    run = _quiet_run(_config(hidden=hidden, activations=["tanh"]))
    detail = Detail(resolution, resolution, True)
    grid = input_grid(resolution)
    args = (run.state, run.data, run.hyper, Probes(grid, grid))
    run.trainer.snapshot(*args)
    times = []
    for _ in range(repeats * 5):
        started = time.perf_counter()
        run.trainer.snapshot(*args)  # on the host when it returns
        times.append((time.perf_counter() - started) * 1000)
    run.frame(detail)  # the host-side frame assembly must work at this size too
    return statistics.median(times)


def landscape_ms(hidden: list[int], directions: str, repeats: int) -> float:
    """One 25 x 25 loss-landscape slice with the path projected, as a session answers it
    (after 20 frames of training have recorded a trajectory)."""
    from ..sessions.frame import Detail

    run = _quiet_run(_config(hidden=hidden, activations=["tanh"]))
    for _ in range(20):
        run.advance(50, Detail(10, 0, False))
    run.landscape(directions, 25, 1.0, 0)()  # compile
    times = []
    for _ in range(repeats * 3):
        started = time.perf_counter()
        run.landscape(directions, 25, 1.0, 0)()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def edit_probe(cache_dir: str) -> dict[str, dict[str, float]]:
    """In this fresh process: ms from each edit to its first frame (one chunk + snapshot),
    and to the moment the exact network has compiled and takes over from the padded one
    (which it starts doing once the config has stayed for run.SETTLED_SECONDS)."""
    from ..engine import compiler, enable_compilation_cache
    from ..labs.points.run import SETTLED_SECONDS, TrainingRun
    from ..sessions.frame import Detail

    enable_compilation_cache(Path(cache_dir))
    run = TrainingRun(_config())
    run.advance(10, Detail())  # the network before the edit is compiled already
    compiler.wait(run._padded())  # as it is by the time a user makes an edit
    first, exact = {}, {}
    for name, change in EDITS.items():
        run.reconfigure(_config())
        run.advance(1, Detail())
        started = time.perf_counter()
        run.reconfigure(_config(**change))
        run.advance(10, Detail())
        first[name] = (time.perf_counter() - started) * 1000
        # Past the settling time as the run counts it (from a moment after `started`).
        time.sleep(max(0.0, started + SETTLED_SECONDS + 0.2 - time.perf_counter()))
        run.advance(1, Detail())  # asks for the exact network
        compiler.wait(run.exact)
        run.advance(1, Detail())
        assert not run.padded_mode
        exact[name] = (time.perf_counter() - started) * 1000
    return {"first_frame": first, "exact": exact}


def edit_latency() -> tuple[dict[str, dict[str, float]], dict[str, dict[str, float]]]:
    """Each edit timed in a new process: with an empty cache, then with that cache warm."""
    with tempfile.TemporaryDirectory(prefix="mindscope-jax-cache-") as cache:
        def probe() -> dict[str, dict[str, float]]:
            out = subprocess.run(
                [sys.executable, "-m", "mindscope", "bench", "engine", "--edit-probe", cache],
                capture_output=True, text=True, check=True,
            ).stdout
            latencies: dict[str, dict[str, float]] = json.loads(out)
            return latencies
        return probe(), probe()


def _median(values: dict[str, float]) -> float:
    return round(statistics.median(values.values()), 1)


def measure(repeats: int) -> dict[str, object]:
    fused, per_step = training_speed(repeats)
    cold, warm = edit_latency()
    return {
        "network": "2 -> [8, 8] tanh -> 1, batch 10, 250 points, SGD lr 0.03",
        "updates_per_s": round(fused),
        "baseline": "the same step, jitted, called once per step from a Python loop",
        "baseline_updates_per_s": round(per_step),
        "speedup_vs_baseline": round(fused / per_step, 1),
        "snapshot_ms_r50": round(snapshot_ms([8, 8], 50, repeats), 3),
        "snapshot_ms_r100": round(snapshot_ms([8, 8], 100, repeats), 3),
        "snapshot_ms_r100_deep": round(snapshot_ms([8] * 6, 100, repeats), 3),
        "landscape_ms_25": round(landscape_ms([8, 8], "random", repeats), 2),
        "landscape_ms_25_pca": round(landscape_ms([8, 8], "pca", repeats), 2),
        "landscape_ms_25_deep": round(landscape_ms([8] * 6, "random", repeats), 2),
        "arch_edit_first_frame_ms_cold": _median(cold["first_frame"]),
        "arch_edit_first_frame_ms_warm": _median(warm["first_frame"]),
        "arch_edit_exact_network_ms_cold": _median(cold["exact"]),
        "arch_edit_exact_network_ms_warm": _median(warm["exact"]),
        "arch_edits_first_frame_ms_warm": {k: round(v, 1) for k, v in warm["first_frame"].items()},
    }


def main(args: argparse.Namespace) -> int:
    if args.edit_probe:
        print(json.dumps(edit_probe(args.edit_probe)))
        return 0
    results = measure(args.repeats)
    if args.json:
        print(json.dumps(results))
        return 0
    print(f"Mindscope engine benchmark: {results['network']}")
    for key, value in results.items():
        if key not in ("network", "baseline"):
            target = TARGETS.get(key, "")
            print(f"  {key:32} {value!s:>12}   {'target ' + target if target else ''}")
    return 0
