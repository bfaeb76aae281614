"""The 2D lab as a session sees it: its runs, its own requests (weights set by hand, the
user's points, one example stepped through) and its data (the user's points, kept with
the session and its files)."""

import logging
from collections.abc import Callable
from typing import Any, cast

import numpy as np

from ...protocol import SessionConfig
from ...sessions.lab import Accepted, Run, answer
from ...sessions.requests import RequestError
from ...sessions.training import data_message
from ...vocabulary import CUSTOM_DATASET, PLANE_EXTENT
from .data import DATASETS, UserDataError, parse_csv, user_points
from .protocol import (
    PRESET,
    AddPoints,
    ClearPoints,
    Explain,
    PointsConfig,
    SetBias,
    SetPoints,
    SetWeight,
    UndoPoint,
    UploadCsv,
)
from .run import TrainingRun, classes_of, host_data, network_of, points_config, problem_of
from .user import UserPoints

log = logging.getLogger(__name__)


class PointsLab:
    name = "points"

    def preset(self) -> dict[str, Any]:
        return dict(PRESET)

    def problem(self, config: SessionConfig, data: UserPoints | None) -> str:
        return problem_of(config, data)

    def learns(self, config: SessionConfig, data: UserPoints | None) -> str:
        dataset = points_config(config).dataset
        if dataset == CUSTOM_DATASET:
            return "your points"
        return f"the {DATASETS[dataset].label} dataset"

    def classes(self, config: SessionConfig, data: UserPoints | None) -> int:
        return classes_of(config, data)

    def run(self, config: SessionConfig, data: UserPoints | None) -> TrainingRun:
        return TrainingRun(config, data)

    def check_changes(self, changes: dict[str, Any], data: UserPoints | None) -> None:
        if changes.get("lab", {}).get("dataset") == "custom" and data is None:
            raise RequestError("changes.lab.dataset: 'custom' needs points first: draw or "
                               "upload some", "changes.lab.dataset")

    def accept(self, message: Any, config: SessionConfig, data: UserPoints | None,
               ) -> Accepted:
        match message:
            case SetWeight(layer=layer, source=source, target=target, value=value):
                _check_parameter(_sizes(config, data), layer, source, target)
                return Accepted(job=_edit(layer, "w", (source, target), value))
            case SetBias(layer=layer, neuron=neuron, value=value):
                _check_parameter(_sizes(config, data), layer, None, neuron)
                return Accepted(job=_edit(layer, "b", (neuron,), value))
            case SetPoints(points=points):
                return _use(_user_points(points))
            case AddPoints(points=points, replace=replace):
                return _draw(config, data, [list(p) for p in points], replace)
            case UndoPoint():
                return _take_back(config, data, 1)
            case ClearPoints():
                return _take_back(config, data, None)
            case UploadCsv(csv=text):
                try:
                    return _use(parse_csv(text))
                except UserDataError as exc:
                    raise RequestError(f"csv: {exc}", "csv") from None
            case Explain(label=label):
                _check_label(problem_of(config, data), classes_of(config, data), label)
                return Accepted(job=answer(message.id, "the example", lambda run: cast(
                    TrainingRun, run).explain(message)), answers=True, question=True)
        raise TypeError(f"not a request of the 2D lab: {message!r}")

    def data_message(self, run: Run) -> bytes:
        return data_message(run.data_version, *cast(TrainingRun, run).host_data)

    def data_arrays(self, data: UserPoints | None) -> dict[str, np.ndarray]:
        if data is None:
            return {}
        return {"user.points": np.column_stack([data.xy, data.labels]).astype(np.float32)}

    def data_from(self, config: SessionConfig, arrays: dict[str, np.ndarray],
                  ) -> UserPoints | None:
        try:
            user = (user_points(arrays["user.points"].tolist()) if "user.points" in arrays
                    else None)
        except UserDataError as exc:
            raise ValueError(f"the file's points are invalid: {exc}") from None
        if points_config(config).dataset == "custom" and user is None:
            raise ValueError("the file's dataset is the user's points, but it has none")
        return user



def _points_of(config: SessionConfig, data: UserPoints | None) -> list[list[float]]:
    """The points of the accepted settings' data, as user points: those a change accepted
    just before may not show yet, and points are added to what the session has now, not
    to what the last frame showed (which would undo that change). A generated set's
    noise may carry a point past the plane's edge, where no user point may lie, so it
    moves there. The user's own points keep their order (the drawn ones last)."""
    if (mine := _drawing(data, config)) is not None:
        points = np.column_stack([mine.xy, mine.labels])
    else:
        host = host_data(config, data)
        points = np.concatenate([np.concatenate([host.x_train, host.y_train], axis=1),
                                 np.concatenate([host.x_test, host.y_test], axis=1)])
    points[:, :2] = np.clip(points[:, :2], -PLANE_EXTENT, PLANE_EXTENT)
    rows: list[list[float]] = points.tolist()
    return rows


def _sizes(config: SessionConfig, data: UserPoints | None) -> list[int]:
    """Layer sizes of the network the accepted settings describe: an edit is checked
    against them, not against the last frame's, which may not show a change yet."""
    return list(network_of(config, data).layer_sizes)


def _user_points(points: list[Any], minimum: int = 2) -> UserPoints:
    try:
        return user_points(points, minimum=minimum)
    except UserDataError as exc:
        raise RequestError(f"points: {exc}", "points") from None


def _drawing(data: UserPoints | None, config: SessionConfig) -> UserPoints | None:
    """The session's points, if its data are the user's."""
    return data if points_config(config).dataset == CUSTOM_DATASET else None


def _draw(config: SessionConfig, data: UserPoints | None, points: list[list[float]],
          replace: bool) -> Accepted:
    """Drawn points: added to the data (an edit: the run goes on), or, with `replace`,
    starting a set of their own (a new run) unless the data are one already."""
    mine = _drawing(data, config)
    origin = points_config(config).dataset if mine is None else mine.origin
    fresh = replace and (mine is None or mine.drawn < len(mine.xy))
    if fresh:
        rows, drawn = points, len(points)
    else:
        rows, drawn = _points_of(config, data) + points, len(points) + (mine.drawn if mine else 0)
    user = _user_points(rows, minimum=1)._replace(drawn=drawn, origin=origin)
    return _use(user, replaces_data=fresh)


def _take_back(config: SessionConfig, data: UserPoints | None, count: int | None) -> Accepted:
    """Take back the last `count` drawn points (None: all of them). With none left, the
    data go back to the built-in set the drawing began on (a new run)."""
    mine = _drawing(data, config)
    if mine is None or mine.drawn == 0:
        raise RequestError("there is no drawn point to take back", "type")
    left = len(mine.xy) - min(count or mine.drawn, mine.drawn)
    if left == 0:
        dataset = mine.origin if mine.origin in DATASETS else PointsConfig().dataset
        return Accepted(changes={"lab": {"lab": PointsLab.name, "dataset": dataset}}, data=None,
                        replaces_data=True)
    rows = np.column_stack([mine.xy[:left], mine.labels[:left]]).tolist()
    user = _user_points(rows, minimum=1)._replace(drawn=mine.drawn - (len(mine.xy) - left),
                                                  origin=mine.origin)
    return _use(user, replaces_data=False)


def _use(user: UserPoints, replaces_data: bool = True) -> Accepted:
    """The user's points become the data: new data (a new run), or the old edited."""
    return Accepted(changes={"lab": {"lab": PointsLab.name, "dataset": "custom"}}, data=user,
                    replaces_data=replaces_data)


def _edit(layer: int, name: str, index: tuple[int, ...], value: float,
          ) -> Callable[[Run], None]:
    def job(run: Run) -> None:
        try:
            cast(TrainingRun, run).set_parameter(layer, name, index, value)
        except IndexError:
            # A change accepted after the edit removed its unit: applied before that
            # change, the edit would have gone with the unit just the same.
            log.info("an edit's unit went with a later change")
    return job


def _check_label(problem: str, classes: int, label: float) -> None:
    if problem == "binary" and label not in (-1.0, 1.0):
        raise RequestError("label must be -1 or 1 for a binary problem", "label")
    if problem == "multiclass" and not (label.is_integer() and 0 <= label < classes):
        raise RequestError(f"label must be a class, 0 to {classes - 1}", "label")


def _check_parameter(sizes: list[int], layer: int, source: int | None, target: int) -> None:
    """A weight (source -> target) or, with no source, a bias (target) of the network whose
    layer sizes are `sizes`."""
    if layer >= len(sizes) - 1:
        raise RequestError(f"layer must be 0 to {len(sizes) - 2}", "layer")
    if source is not None and source >= sizes[layer]:
        raise RequestError(f"source must be 0 to {sizes[layer] - 1} in layer {layer}",
                           "source")
    if target >= sizes[layer + 1]:
        name = "target" if source is not None else "neuron"
        raise RequestError(f"{name} must be 0 to {sizes[layer + 1] - 1} in layer {layer}", name)
