"""docs/protocol.md stays true to the code: its hex dump is what codec.encode writes today,
and it names every message type and every limit. After changing the frame header, run
`python tests/server/test_protocol_doc.py` and paste what it prints into the document."""

from pathlib import Path

import numpy as np

from mindscope import codec
from mindscope.protocol import MESSAGE_TYPES, FrameHeader, json_schema
from mindscope.settings import env_name, flag_name, limit_fields

DOC = Path(__file__).resolve().parents[2] / "docs" / "protocol.md"


def example_frame() -> bytes:
    """A real, small frame: a 2 x 2 output map and a 2 x 1 weight matrix."""
    header = FrameHeader(
        step=120, epoch=4.8, train_loss=0.25, test_loss=0.5, train_accuracy=0.875,
        test_accuracy=0.75, learning_rate=0.03, updates_per_s=1000.0, layer_sizes=[2, 1],
        revision=3, data_version=1, playing=True,
    )
    return codec.encode(
        header.model_dump(exclude={"arrays"}),
        {"output": np.array([[0, 64], [191, 255]], np.uint8),
         "weights": np.array([[0.5], [-1.5]], np.float32)},
        {"output": (-1.0, 1.0)},
    )


def hexdump(data: bytes) -> str:
    lines = []
    for at in range(0, len(data), 16):
        chunk = data[at : at + 16]
        text = "".join(chr(b) if 32 <= b < 127 else "." for b in chunk)
        lines.append(f"{at:04x}  {' '.join(f'{b:02x}' for b in chunk):<47}  {text}".rstrip())
    return "\n".join(lines)


def test_the_hex_dump_is_what_the_codec_writes() -> None:
    assert hexdump(example_frame()) in DOC.read_text(), (
        "docs/protocol.md's frame example is stale: run python tests/server/test_protocol_doc.py")


def test_every_message_type_and_limit_is_documented() -> None:
    doc = DOC.read_text()
    schema = json_schema()["$defs"]
    server_types = [schema[name]["properties"]["type"]["const"]
                    for name in ("Hello", "State", "Error")]
    binary_kinds = [d["properties"]["kind"]["const"] for d in schema.values()
                    if "kind" in d.get("properties", {})]
    for name in [*MESSAGE_TYPES, *server_types, *binary_kinds]:
        assert f"`{name}`" in doc, f"docs/protocol.md does not mention the message `{name}`"
    for f in limit_fields():
        assert flag_name(f.name) in doc and env_name(f.name) in doc, f.name


if __name__ == "__main__":
    print(hexdump(example_frame()))
