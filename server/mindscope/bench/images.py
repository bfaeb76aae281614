"""Images benchmark: how fast the images lab trains its default CNN, against the same
model and batch trained one jitted step per Python call (measured in the same run); what
one frame costs to compute and to send; and how long a client waits, from play, for 95 %
test accuracy on the digits (a real server and WebSocket). `--dataset fashion` measures
the same on Fashion-MNIST where Debian's package is installed (pass a --goal it reaches).

    mindscope bench images [--json] [--repeats 5] [--goal 0.95] [--dataset digits]
"""

import argparse
import json

from .live import seconds_until
from .run_figures import add_lab_arguments, check_timeout, run_figures

TARGETS = {
    "examples_per_s": ">= 50,000 and >= baseline_examples_per_s",
    "snapshot_ms": "<= 10",
    "frame_bytes": "<= 65,536",
    "seconds_to_95_test_accuracy": "<= 10",
}
STEPS = 500  # per timed repetition


def engine_figures(repeats: int, dataset: str = "digits") -> dict[str, float]:
    from ..labs.images.run import ImagesRun
    from ..sessions.manager import new_config
    from ..sessions.requests import lab_changes, merge

    config = new_config("images")
    run = ImagesRun(merge(config, lab_changes(config, dataset=dataset),
                          lambda _: "multiclass"))
    figures = run_figures(run, STEPS, repeats)
    batch = run.batch_size
    return {"examples_per_s": round(figures["steps_per_s"] * batch),
            "baseline_examples_per_s": round(figures["baseline_steps_per_s"] * batch),
            "snapshot_ms": figures["snapshot_ms"], "frame_bytes": figures["frame_bytes"],
            "batch": batch}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_lab_arguments(parser, 120.0, "that accuracy")
    parser.add_argument("--goal", type=float, default=0.95, metavar="ACCURACY",
                        help="the test accuracy to wait for from play (default 0.95)")
    parser.add_argument("--dataset", choices=("digits", "fashion"), default="digits",
                        help="the images to train on (fashion: Fashion-MNIST, where Debian's "
                        "dataset-fashion-mnist is installed)")


def main(args: argparse.Namespace) -> int:
    check_timeout(args.timeout)
    if not 0.0 < args.goal <= 1.0:
        raise SystemExit("--goal must be an accuracy above 0 and at most 1")
    from ..labs.images.fashion import fashion_available
    from ..labs.images.protocol import FASHION_HOW

    dataset = getattr(args, "dataset", "digits")
    if dataset == "fashion" and not fashion_available():
        raise SystemExit(FASHION_HOW)
    results: dict[str, object] = dict(engine_figures(args.repeats, dataset))
    results["dataset"] = dataset
    results["seconds_to_95_test_accuracy"] = seconds_until(
        "images", {"dataset": dataset},
        lambda frame: (frame.header["test_accuracy"] or 0.0) >= args.goal, args.timeout)
    results["targets"] = TARGETS
    if args.json:
        print(json.dumps(results))
        return 0
    print(f"Default {dataset} CNN, batch {results['batch']}: {results['examples_per_s']:,} "
          f"examples/s on the lab's path, {results['baseline_examples_per_s']:,} one jitted "
          "step per call")
    print(f"A frame: {results['snapshot_ms']} ms to compute, {results['frame_bytes']:,} bytes")
    print(f"From play to {args.goal:.0%} test accuracy: "
          f"{results['seconds_to_95_test_accuracy']} s")
    return 0
