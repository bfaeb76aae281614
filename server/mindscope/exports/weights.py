"""Weights as a safetensors file (https://huggingface.co/docs/safetensors): an 8-byte
little-endian header length, a JSON header naming each tensor's dtype, shape and byte
range (and string metadata), then the tensors' bytes, row-major and little-endian."""

import json
from collections.abc import Mapping

import numpy as np

DTYPES = {"float64": "F64", "float32": "F32", "float16": "F16", "int64": "I64",
          "int32": "I32", "int16": "I16", "int8": "I8", "uint64": "U64", "uint32": "U32",
          "uint16": "U16", "uint8": "U8", "bool": "BOOL"}
ALIGN = 8  # the header is padded with spaces so that the tensors start 8-byte aligned


def safetensors_bytes(tensors: Mapping[str, np.ndarray], metadata: Mapping[str, str]) -> bytes:
    """`tensors` by name, in name order, with `metadata` (strings only, as the format says)."""
    header: dict[str, object] = {}
    if metadata:
        if not all(isinstance(v, str) for v in metadata.values()):
            raise TypeError("safetensors metadata values must be strings")
        header["__metadata__"] = dict(metadata)
    chunks: list[bytes] = []
    offset = 0
    for name in sorted(tensors):
        array = np.asarray(tensors[name])
        if array.dtype.name not in DTYPES:
            raise TypeError(f"{name}: safetensors has no dtype for {array.dtype}")
        data = np.ascontiguousarray(array, dtype=array.dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": DTYPES[array.dtype.name], "shape": list(array.shape),
                        "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    encoded = json.dumps(header, separators=(",", ":")).encode("utf-8")
    encoded += b" " * (-(8 + len(encoded)) % ALIGN)
    return len(encoded).to_bytes(8, "little") + encoded + b"".join(chunks)
