"""The protocol's constants as a TypeScript module: frontend/src/protocol/constants.ts.

Rendered from the JSON Schema the server serves, so the page holds no copy of a fact
of the server: the protocol version, the vocabulary's named lists and bounds, each
field's default and range, and the arrays each binary message may carry.
"""

import json
from typing import Any

BANNER = "/* Generated from the server's protocol by 'make protocol'. Do not edit. */"
# The messages whose fields' defaults and bounds the page uses, by constant name.
MODELS = {"CONFIG": "SessionConfig", "SUBSCRIBE": "Subscribe", "LANDSCAPE": "Landscape"}
# Not settings: every request's own fields, a config's lab part and the lab's name in it.
NOT_SETTINGS = {"type", "id", "lab"}
WIDTH = 100


def _bounds(prop: dict[str, Any]) -> dict[str, Any]:
    if prop.get("type") == "integer" and "enum" in prop:  # (names are the vocabulary's)
        return {"values": prop["enum"]}
    if prop.get("type") == "string" and "maxLength" in prop:
        return {"maxLength": prop["maxLength"]}
    if prop.get("type") not in ("integer", "number"):
        return {}
    return {"min": prop["minimum"], "max": prop["maximum"], "integer": prop["type"] == "integer"}


def _field(prop: dict[str, Any]) -> dict[str, Any]:
    """A field's default and bounds (or the numbers it may be); the names an enum of names
    allows are among the vocabulary's lists."""
    facts: dict[str, Any] = {"default": prop["default"], **_bounds(prop)}
    if prop.get("type") == "array":
        facts |= {"minItems": prop.get("minItems", 0), "maxItems": prop["maxItems"]}
        if items := _bounds(prop["items"]):
            facts["items"] = items
    return facts


def _fields(definition: dict[str, Any]) -> dict[str, Any]:
    return {field: _field(prop) for field, prop in definition["properties"].items()
            if field not in NOT_SETTINGS}


def _array(entry: dict[str, Any]) -> dict[str, Any]:
    order = ("name", "dtype", "shape", "optional", "columns", "doc")
    return {key: entry[key] for key in order if key in entry}


def _key(name: str) -> str:
    return name if name.isidentifier() else json.dumps(name)


def _ts(value: Any, indent: str = "") -> str:
    """A JSON value as a TypeScript literal: on one line when it fits, else one entry a line."""
    flat = _flat(value)
    if len(indent) + len(flat) <= WIDTH or not isinstance(value, dict | list) or not value:
        return flat
    inner = indent + "  "
    if isinstance(value, dict):
        lines = [f"{inner}{_key(k)}: {_ts(v, inner)}," for k, v in value.items()]
        return "{\n" + "\n".join(lines) + f"\n{indent}}}"
    return "[\n" + "\n".join(f"{inner}{_ts(v, inner)}," for v in value) + f"\n{indent}]"


def _flat(value: Any) -> str:
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)}: {_flat(v)}" for k, v in value.items()) + " }" \
            if value else "{}"
    if isinstance(value, list):
        return "[" + ", ".join(map(_flat, value)) + "]"
    return json.dumps(value, ensure_ascii=False)


def _const(name: str, value: Any, doc: str) -> str:
    return f"/** {doc} */\nexport const {name} = {_ts(value)} as const;\n"


def render(schema: dict[str, Any]) -> str:
    """The module for `schema` (see protocol.json_schema)."""
    defs = schema["$defs"]
    parts = [BANNER + "\n", _const("PROTOCOL_VERSION", schema["x-protocol-version"],
                                   "The protocol the server speaks, as its `hello` names it.")]
    parts.append(_const("DEFLATED", schema["x-deflated"], "The length word that starts a "
                        "deflated binary message (a zlib stream of the message follows)."))
    for name, value in schema["x-vocabulary"].items():
        parts.append(_const(name.upper(), value, f"The vocabulary's {name.replace('_', ' ')}."))
    for name, model in MODELS.items():
        parts.append(_const(name, _fields(defs[model]), f"{model}'s fields: default and bounds."))
    labs = schema["x-labs"]
    parts.append(_const("LAB_CONFIGS", {lab: _fields(defs[facts["config"]])
                                        for lab, facts in labs.items()},
                        "Each lab's part of SessionConfig, by lab: its fields' default and "
                        "bounds."))
    parts.append(_const("LAB_PRESETS", {lab: facts["preset"] for lab, facts in labs.items()},
                        "The shared settings a new session of each lab starts with."))
    parts.append(_const("LAB_CONSTANTS", {lab: facts["constants"] for lab, facts in labs.items()},
                        "Facts each lab's page needs besides its settings' bounds."))
    arrays = {
        definition["properties"]["kind"]["const"]: [_array(a) for a in definition["x-arrays"]]
        for definition in defs.values() if "x-arrays" in definition
    }
    parts.append(_const("ARRAYS", arrays, "The arrays each binary message may carry, by kind "
                        "(dims named in its header's description)."))
    parts.append("export type BinaryKind = keyof typeof ARRAYS;\n"
                 "export type ArrayName<K extends BinaryKind> = "
                 "(typeof ARRAYS)[K][number][\"name\"];\n")
    return "\n".join(parts)
