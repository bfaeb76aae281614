"""A session as a file: configuration, the user's points, weights, optimizer state, the
training key and history, in the codec's format (a JSON header and raw arrays; no pickle,
nothing from the file is ever run). Importing it gives the same predictions bit for bit
and continues training exactly as the original would have.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np
from pydantic import ValidationError

from .. import codec
from ..data import UserDataError, user_points
from ..data.user import UserPoints
from ..engine.padded import unpad
from ..protocol import SessionConfig
from .history import COLUMNS, History
from .run import TrainingRun

KIND = "mindscope-session"
FORMAT = 1
# How an older file comes forward: MIGRATIONS[n] turns a format-n header and arrays into
# format n + 1, so a file of any format with a chain of steps up to FORMAT still loads.
# Format 1 is the first, so there are no steps yet; a change to the format adds one here.
Migration = Callable[[dict[str, Any], dict[str, np.ndarray]],
                     tuple[dict[str, Any], dict[str, np.ndarray]]]
MIGRATIONS: dict[int, Migration] = {}


class ArchiveError(ValueError):
    """The file is not a session Mindscope can load; the message says why."""


@dataclass
class Archive:
    config: SessionConfig
    user: UserPoints | None
    params: list[dict[str, np.ndarray]]
    last_grads: list[dict[str, np.ndarray]]
    opt_leaves: list[np.ndarray]
    step: int
    key_data: np.ndarray
    history: dict[str, np.ndarray]


def dump(run: TrainingRun, history: History) -> bytes:
    """Call with the run idle (the session holds its run lock)."""
    params = jax.device_get(run.exact_params())
    last_grads = (unpad(run.state.last_grads, run.exact.model) if run.padded_mode
                  else jax.device_get(run.state.last_grads))
    # A run bridging an edit on the padded network has no exact optimizer state yet.
    opt_state = run.exact.optimizer.init(params) if run.padded_mode else run.state.opt_state
    arrays: dict[str, np.ndarray] = {}
    for prefix, layers in (("params", params), ("grads", last_grads)):
        for i, layer in enumerate(layers):
            arrays[f"{prefix}.{i}.w"] = np.asarray(layer["w"], np.float32)
            arrays[f"{prefix}.{i}.b"] = np.asarray(layer["b"], np.float32)
    for i, leaf in enumerate(jax.tree.leaves(jax.device_get(opt_state))):
        arrays[f"opt.{i}"] = np.asarray(leaf)
    arrays["key"] = np.asarray(jax.random.key_data(run.state.key)).view(np.int32)
    if run.user is not None:
        arrays["user.points"] = np.column_stack([run.user.xy, run.user.labels]).astype(
            np.float32)
    arrays.update({f"history.{k}": v for k, v in history.arrays().items()})
    header = {"kind": KIND, "format": FORMAT, "config": run.config.model_dump(),
              "step": int(run.state.step), "layers": len(params),
              "opt_leaves": len(jax.tree.leaves(opt_state))}
    return codec.encode(header, arrays)


def load(data: bytes) -> Archive:
    """Parse and validate a file; raise ArchiveError naming the problem."""
    try:
        header, arrays = codec.decode(data)
    except (ValueError, KeyError, TypeError, ValidationError) as exc:
        raise ArchiveError(f"not a Mindscope session file ({exc})") from None
    if header.get("kind") != KIND:
        raise ArchiveError("not a Mindscope session file")
    header, arrays = migrate(header, arrays)
    try:
        config = SessionConfig.model_validate(header["config"])
        user = (user_points(arrays["user.points"].tolist()) if "user.points" in arrays
                else None)
        return Archive(
            config=config, user=user,
            params=_layers(arrays, "params", int(header["layers"])),
            last_grads=_layers(arrays, "grads", int(header["layers"])),
            opt_leaves=[_get(arrays, f"opt.{i}") for i in range(int(header["opt_leaves"]))],
            step=int(header["step"]), key_data=_get(arrays, "key"),
            history={c: _get(arrays, f"history.{c}") for c in COLUMNS},
        )
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(map(str, first["loc"]))
        raise ArchiveError(f"the file's config is invalid: {where}: {first['msg']}") from None
    except UserDataError as exc:
        raise ArchiveError(f"the file's points are invalid: {exc}") from None
    except (KeyError, TypeError, ValueError) as exc:
        raise ArchiveError(f"the session file is incomplete or damaged ({exc})") from None


def migrate(header: dict[str, Any], arrays: dict[str, np.ndarray],
            ) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """The file brought forward to FORMAT, one step at a time; ArchiveError if it cannot be."""
    version = header.get("format")
    if type(version) is not int or version > FORMAT:
        raise ArchiveError(f"session file format {version!r} is not supported (this version "
                           f"reads format {FORMAT} and older)")
    while version < FORMAT:
        if version not in MIGRATIONS:
            raise ArchiveError(f"session file format {version} is too old to be read (this "
                               f"version reads format {FORMAT} and the formats it migrates)")
        try:
            header, arrays = MIGRATIONS[version](header, arrays)
        except (KeyError, TypeError, ValueError) as exc:
            raise ArchiveError(f"a format {version} file could not be brought forward "
                               f"({exc})") from None
        version += 1
        header = {**header, "format": version}
    return header, arrays


def _layers(arrays: dict[str, np.ndarray], prefix: str, count: int,
            ) -> list[dict[str, np.ndarray]]:
    return [{"w": _get(arrays, f"{prefix}.{i}.w"), "b": _get(arrays, f"{prefix}.{i}.b")}
            for i in range(count)]


def _get(arrays: dict[str, np.ndarray], name: str) -> np.ndarray:
    if name not in arrays:
        raise KeyError(f"missing {name}")
    return arrays[name]


def restore(run: TrainingRun, archive: Archive) -> None:
    """Put the archive's weights, optimizer state, step and key into a fresh run built
    from the archive's config and points; raise ArchiveError if the shapes disagree."""
    expected = run.exact.model.init(0)
    shapes = [(layer["w"].shape, layer["b"].shape) for layer in expected]
    for layers in (archive.params, archive.last_grads):
        if [(p["w"].shape, p["b"].shape) for p in layers] != shapes:
            raise ArchiveError("the weights do not fit the network the file's config describes")
    params = [{k: jnp.asarray(v) for k, v in layer.items()} for layer in archive.params]
    last_grads = [{k: jnp.asarray(v) for k, v in layer.items()} for layer in archive.last_grads]
    template = run.exact.optimizer.init(params)
    leaves, treedef = jax.tree.flatten(template)
    if [np.shape(a) for a in leaves] != [a.shape for a in archive.opt_leaves]:
        raise ArchiveError("the optimizer state does not fit the file's optimizer")
    opt_state = jax.tree.unflatten(treedef, [jnp.asarray(a, np.asarray(t).dtype)
                                             for a, t in zip(archive.opt_leaves, leaves,
                                                             strict=True)])
    key = jax.random.wrap_key_data(jnp.asarray(archive.key_data.view(np.uint32)))
    run.trainer = run.exact
    run.state = run.exact.state_for(params, jnp.int32(archive.step), key)._replace(
        opt_state=opt_state, last_grads=last_grads)


def restore_history(history: History, arrays: dict[str, Any]) -> None:
    history.clear()
    for row in zip(*(arrays[c] for c in COLUMNS), strict=True):
        history.add({c: None if np.isnan(v) else float(v) for c, v in zip(COLUMNS, row,
                                                                           strict=True)})


def check(archive: Archive) -> None:
    """Raise ArchiveError unless the archive loads into a run (before a session is made)."""
    restore(TrainingRun(archive.config, archive.user), archive)
