"""Binary messages: a small JSON header and raw typed arrays, ready for typed-array views.

Layout (all integers little-endian):
    bytes 0..3   uint32  header length H
    bytes 4..4+H         header, UTF-8 JSON (a FrameHeader or DataHeader)
    padding up to the data start D = 4 + H rounded up to a multiple of 8
    then each array at D + the offset its ArraySpec names (a multiple of 8), so
    the browser can view it in place as a Uint8Array or Float32Array.

A message sent deflated starts instead with the length word DEFLATED, followed by the
whole message above as a zlib stream: a frame is compressed once for every connection
that takes it so (see Subscribe.compression), and only when that saves enough to pay.
"""

import json
import struct
import zlib
from collections.abc import Mapping
from typing import Any, get_args

import numpy as np

from .schema import ArraySpec

ALIGN = 8
_LENGTH = struct.Struct("<I")
_DTYPES = {np.dtype(name): name for name in get_args(ArraySpec.model_fields["dtype"].annotation)}
_DTYPES_TEXT = ", ".join(_DTYPES.values())
DEFLATED = 0xFFFFFFFF  # no header is 4 GiB long
DEFLATE_LEVEL = 1  # `mindscope bench deflate`: level 1 gets most of the saving for the least CPU
MIN_SAVING = 0.1  # smaller by less than this, a message goes as it is
MAX_INFLATED = 256 * 2**20  # far above any frame: a stream past it is not a frame


def _aligned(n: int) -> int:
    return (n + ALIGN - 1) // ALIGN * ALIGN


def data_start(header_length: int) -> int:
    """Where the array data begins: after the length and header, rounded up to ALIGN."""
    return _aligned(_LENGTH.size + header_length)


def encode(
    header: Mapping[str, Any],
    arrays: Mapping[str, np.ndarray],
    ranges: Mapping[str, tuple[float, float]] | None = None,
) -> bytes:
    """Pack a header and named arrays; `ranges` gives [low, high] of uint8-quantized arrays.

    Runs for every frame: the array specs are plain dicts (ArraySpec's fields, its dtypes
    checked here) and each array is copied once, straight into the message.
    """
    ranges = ranges or {}
    specs: list[dict[str, Any]] = []
    parts: list[bytes | memoryview] = []
    cursor = 0
    for name, value in arrays.items():
        # np.ascontiguousarray would turn 0-d arrays into 1-d ones; copy only when needed.
        a = np.asarray(value)
        if not a.flags.c_contiguous:
            a = a.copy(order="C")
        dtype = _DTYPES.get(a.dtype)
        if dtype is None:
            raise ValueError(f"array {name!r} is {a.dtype}; a message carries only {_DTYPES_TEXT}")
        low, high = ranges.get(name, (None, None))
        specs.append({"name": name, "dtype": dtype, "shape": list(a.shape), "offset": cursor,
                      "low": low, "high": high})
        # The bytes in place (numpy's stubs call an ndarray a buffer only on Python 3.12+).
        parts += [a.reshape(-1).view(np.uint8).data, bytes(_aligned(a.nbytes) - a.nbytes)]
        cursor = _aligned(cursor + a.nbytes)
    header_bytes = json.dumps({**header, "arrays": specs}).encode()
    padding = bytes(data_start(len(header_bytes)) - _LENGTH.size - len(header_bytes))
    return b"".join([_LENGTH.pack(len(header_bytes)), header_bytes, padding, *parts])


def deflate(message: bytes) -> bytes:
    """The message deflated, or as it is where deflating saves less than MIN_SAVING."""
    packed = _LENGTH.pack(DEFLATED) + zlib.compress(message, DEFLATE_LEVEL)
    return packed if len(packed) <= (1 - MIN_SAVING) * len(message) else message


def inflate(message: bytes, most: int = MAX_INFLATED) -> bytes:
    """The message as encode() made it, whether the server sent it deflated or not; a
    client's only (session files and uploads are never deflated: their readers call
    decode alone). ValueError where it does not inflate, or past `most` bytes."""
    if len(message) < _LENGTH.size or _LENGTH.unpack_from(message, 0)[0] != DEFLATED:
        return message
    inflater = zlib.decompressobj()
    try:
        inflated = inflater.decompress(memoryview(message)[_LENGTH.size:], most)
    except zlib.error as exc:
        raise ValueError(f"a deflated message does not inflate: {exc}") from exc
    if inflater.unconsumed_tail:
        raise ValueError(f"a deflated message inflates past {most:,} bytes")
    return inflated


def decode(message: bytes) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """Unpack a binary message into its header and arrays (uint8 arrays stay quantized)."""
    (length,) = _LENGTH.unpack_from(message, 0)
    if length == DEFLATED:
        raise ValueError("a deflated message: inflate it first (codec.inflate)")
    header = json.loads(message[_LENGTH.size : _LENGTH.size + length])
    start = data_start(length)
    arrays = {}
    for raw in header["arrays"]:
        spec = ArraySpec.model_validate(raw)
        count = int(np.prod(spec.shape))
        arrays[spec.name] = np.frombuffer(
            message, dtype=spec.dtype, count=count, offset=start + spec.offset
        ).reshape(spec.shape)
    return header, arrays


def dequantize(q: np.ndarray, low: float, high: float) -> np.ndarray:
    return low + q.astype(np.float32) / 255.0 * (high - low)
