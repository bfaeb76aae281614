"""A session as a file: its lab and configuration, the user's points, weights, optimizer
state, the training key and history, in the codec's format (a JSON header and raw arrays;
no pickle, nothing from the file is ever run). Importing it gives the same predictions bit
for bit and continues training exactly as the original would have.

Parameters are any pytree: each leaf is stored under its path ("params.0.w" for the 2D
lab's list of layers), and read back into the tree the lab's model builds.
"""

import struct
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .. import codec
from ..labs.registry import LABS, lab_for
from ..protocol import SessionConfig
from .history import COLUMNS, History
from .lab import Run

KIND = "mindscope-session"
MAX_OPT_LEAVES = 1000  # an optimizer's state has a few per parameter leaf
FORMAT = 3
Migration = Callable[[dict[str, Any], dict[str, np.ndarray]],
                     tuple[dict[str, Any], dict[str, np.ndarray]]]


def _from_format_1(header: dict[str, Any], arrays: dict[str, np.ndarray],
                   ) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """Format 1 came before labs: every file is the 2D lab's, its layers counted in the
    header; its arrays are already named by their paths."""
    header = {k: v for k, v in header.items() if k != "layers"}
    return {**header, "lab": "points"}, arrays


# The settings that moved into a config's lab part in format 3.
POINTS_FIELDS = ("dataset", "noise", "train_share", "data_seed", "features", "hidden",
                 "activations", "dropout")


def _from_format_2(header: dict[str, Any], arrays: dict[str, np.ndarray],
                   ) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """Format 2's config was flat: the 2D lab's settings among the shared ones."""
    config = header.get("config")
    if not isinstance(config, dict):
        return header, arrays  # validation names the problem
    shared = {k: v for k, v in config.items() if k not in POINTS_FIELDS}
    lab = {"lab": "points"} | {k: v for k, v in config.items() if k in POINTS_FIELDS}
    return {**header, "config": {**shared, "lab": lab}}, arrays


# How an older file comes forward: MIGRATIONS[n] turns a format-n header and arrays into
# format n + 1, so a file of any format with a chain of steps up to FORMAT still loads.
MIGRATIONS: dict[int, Migration] = {1: _from_format_1, 2: _from_format_2}


class ArchiveError(ValueError):
    """The file is not a session Mindscope can load; the message says why."""


@dataclass
class Archive:
    config: SessionConfig
    data: Any  # what the lab keeps beside its config (the 2D lab: the user's points)
    params: dict[str, np.ndarray]  # every leaf by its path
    last_grads: dict[str, np.ndarray]
    opt_leaves: list[np.ndarray]
    step: int
    key_data: np.ndarray
    history: dict[str, np.ndarray]


def leaf_paths(tree: Any) -> dict[str, Any]:
    """Every leaf of a pytree by its path: list indices, dict keys and field names joined
    with dots ("0.w")."""
    def name(key: Any) -> str:
        for attribute in ("idx", "key", "name"):  # SequenceKey, DictKey, GetAttrKey
            if hasattr(key, attribute):
                return str(getattr(key, attribute))
        raise TypeError(f"a parameter path step of unknown kind: {key!r}")

    return {".".join(name(k) for k in path): leaf
            for path, leaf in jax.tree_util.tree_flatten_with_path(tree)[0]}


def dump(run: Run, data: Any, history: History) -> bytes:
    """Call with the run idle (the session holds its run lock); `data` is the lab's data
    the run was given."""
    params, last_grads, opt_state = run.exact_state()
    arrays: dict[str, np.ndarray] = {}
    for prefix, tree in (("params", params), ("grads", last_grads)):
        for path, leaf in leaf_paths(jax.device_get(tree)).items():
            arrays[f"{prefix}.{path}"] = np.asarray(leaf, np.float32)
    for i, leaf in enumerate(jax.tree.leaves(jax.device_get(opt_state))):
        arrays[f"opt.{i}"] = np.asarray(leaf)
    arrays["key"] = np.asarray(jax.random.key_data(run.state.key)).view(np.int32)
    arrays.update(lab_for(run.config).data_arrays(data))
    arrays.update({f"history.{k}": v for k, v in history.arrays().items()})
    header = {"kind": KIND, "format": FORMAT, "lab": run.config.lab.lab,
              "config": run.config.model_dump(),
              "step": int(run.state.step), "opt_leaves": len(jax.tree.leaves(opt_state))}
    return codec.encode(header, arrays)


class FileHeader(BaseModel):
    """The header's numbers (its config is validated as a SessionConfig)."""

    model_config = ConfigDict(strict=True, extra="ignore")

    step: int = Field(ge=0, le=2**31 - 1)  # the engine counts steps in int32
    opt_leaves: int = Field(ge=0, le=MAX_OPT_LEAVES)


def load(data: bytes) -> Archive:
    """Parse and validate a file; raise ArchiveError naming the problem."""
    try:
        header, arrays = codec.decode(data)
    except (ValueError, KeyError, TypeError, IndexError, RecursionError, struct.error,
            ValidationError) as exc:
        raise ArchiveError(f"not a Mindscope session file ({exc})") from None
    if not isinstance(header, dict):
        raise ArchiveError("not a Mindscope session file")
    if header.get("kind") != KIND:
        raise ArchiveError("not a Mindscope session file")
    header, arrays = migrate(header, arrays)
    if not isinstance(header.get("lab"), str) or header["lab"] not in LABS:
        raise ArchiveError(f"the file is a session of the lab {header.get('lab')!r}, which "
                           f"this version does not have (it has: {', '.join(LABS)})")
    try:
        numbers = FileHeader.model_validate(header)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(map(str, first["loc"]))
        raise ArchiveError(f"the file's header is invalid: {where}: {first['msg']}") from None
    try:
        config = SessionConfig.model_validate(header["config"])
        if config.lab.lab != header["lab"]:
            raise ArchiveError(f"the file's config is of the lab {config.lab.lab!r}, its "
                               f"header of {header['lab']!r}")
        try:
            data = lab_for(config).data_from(config, arrays)
        except ValueError as exc:
            raise ArchiveError(str(exc)) from None
        archive = Archive(
            config=config, data=data,
            params=_named(arrays, "params"), last_grads=_named(arrays, "grads"),
            opt_leaves=[_get(arrays, f"opt.{i}") for i in range(numbers.opt_leaves)],
            step=numbers.step, key_data=_get(arrays, "key"),
            history={c: _get(arrays, f"history.{c}") for c in COLUMNS},
        )
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(map(str, first["loc"]))
        raise ArchiveError(f"the file's config is invalid: {where}: {first['msg']}") from None
    except ArchiveError:
        raise
    except (KeyError, TypeError, ValueError) as exc:
        raise ArchiveError(f"the session file is incomplete or damaged ({exc})") from None
    _check_arrays(archive)
    return archive


def _check_arrays(archive: Archive) -> None:
    """What the engine needs of the arrays beyond their shapes (which `restore` checks
    against the network): finite float32 weights, a key of two words, curves of one length."""
    for kind, named in (("weights", archive.params), ("gradients", archive.last_grads)):
        for path, array in named.items():
            if array.dtype != np.float32:
                raise ArchiveError(f"the {kind} {path} must be float32 numbers, not "
                                   f"{array.dtype}")
            if not np.all(np.isfinite(array)):
                raise ArchiveError(f"the {kind} {path} must be finite numbers")
    if archive.key_data.dtype != np.int32 or archive.key_data.shape != (2,):
        raise ArchiveError("the training key must be 2 int32 words")
    lengths = {array.shape for array in archive.history.values()}
    if len(lengths) != 1 or len(next(iter(lengths))) != 1 or any(
            array.dtype != np.float32 for array in archive.history.values()):
        raise ArchiveError("the history's columns must be float32 lists of one length")


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


def _named(arrays: dict[str, np.ndarray], prefix: str) -> dict[str, np.ndarray]:
    return {name[len(prefix) + 1:]: array for name, array in arrays.items()
            if name.startswith(f"{prefix}.")}


def _get(arrays: dict[str, np.ndarray], name: str) -> np.ndarray:
    if name not in arrays:
        raise KeyError(f"missing {name}")
    return arrays[name]


def restore(run: Run, archive: Archive) -> None:
    """Put the archive's weights, optimizer state, step and key into a fresh run built
    from the archive's config and points; raise ArchiveError if the shapes disagree."""
    expected, template = run.template()
    shapes = {path: np.shape(leaf) for path, leaf in leaf_paths(expected).items()}
    for named in (archive.params, archive.last_grads):
        if {path: array.shape for path, array in named.items()} != shapes:
            raise ArchiveError("the weights do not fit the network the file's config describes")
    treedef = jax.tree.structure(expected)
    params, last_grads = (jax.tree.unflatten(treedef, [jnp.asarray(named[path])
                                                       for path in shapes])
                          for named in (archive.params, archive.last_grads))
    leaves, treedef = jax.tree.flatten(template)
    wanted = [(np.shape(t), np.asarray(t).dtype) for t in leaves]
    if wanted != [(a.shape, a.dtype) for a in archive.opt_leaves]:
        raise ArchiveError("the optimizer state does not fit the file's optimizer")
    if not all(np.all(np.isfinite(a)) for a in archive.opt_leaves):
        raise ArchiveError("the optimizer state must be finite numbers")
    opt_state = jax.tree.unflatten(treedef, [jnp.asarray(a) for a in archive.opt_leaves])
    key = jax.random.wrap_key_data(jnp.asarray(archive.key_data.view(np.uint32)))
    run.restore_state(params, last_grads, opt_state, archive.step, key)


def restore_history(history: History, arrays: dict[str, Any]) -> None:
    history.clear()
    for row in zip(*(arrays[c] for c in COLUMNS), strict=True):
        history.add({c: None if np.isnan(v) else float(v) for c, v in zip(COLUMNS, row,
                                                                           strict=True)})


def check(archive: Archive) -> None:
    """Raise ArchiveError unless the archive loads into a run (before a session is made)."""
    restore(lab_for(archive.config).run(archive.config, archive.data), archive)
