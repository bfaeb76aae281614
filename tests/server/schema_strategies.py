"""Hypothesis strategies for JSON messages, built from a JSON Schema as pydantic writes it.

Only the keywords pydantic emits are understood: $ref into $defs, oneOf/anyOf, const,
enum, type, properties/required, minimum/maximum, min/maxLength, min/maxItems,
items and prefixItems. (hypothesis-jsonschema would do this, but it does not run on
current Hypothesis.) Sizes are kept small: the point is many shapes, not big messages.
"""

from typing import Any

from hypothesis import strategies as st

Schema = dict[str, Any]
MAX_TEXT = 12
MAX_ITEMS = 4
MAX_OPTIONAL = 3  # optional properties per object: a few changes, not every field at once


def from_schema(schema: Schema, defs: dict[str, Schema]) -> st.SearchStrategy[Any]:
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        return st.deferred(lambda: from_schema(defs[name], defs))
    if "const" in schema:
        return st.just(schema["const"])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    for key in ("oneOf", "anyOf"):
        if key in schema:
            return st.one_of([from_schema(s, defs) for s in schema[key]])
    kind = schema.get("type")
    if kind == "null":
        return st.none()
    if kind == "boolean":
        return st.booleans()
    if kind == "integer":
        return st.integers(schema.get("minimum"), schema.get("maximum"))
    if kind == "number":
        return st.floats(schema.get("minimum"), schema.get("maximum"),
                         allow_nan=False, allow_infinity=False)
    if kind == "string":
        low = schema.get("minLength", 0)
        return st.text(min_size=low, max_size=min(schema.get("maxLength", MAX_TEXT),
                                                    low + MAX_TEXT))
    if kind == "array":
        return _array(schema, defs)
    if kind == "object":
        return _object(schema, defs)
    raise ValueError(f"schema keyword not understood here: {schema}")


def _array(schema: Schema, defs: dict[str, Schema]) -> st.SearchStrategy[list[Any]]:
    if "prefixItems" in schema:
        return st.tuples(*(from_schema(s, defs) for s in schema["prefixItems"])).map(list)
    low = schema.get("minItems", 0)
    high = min(schema.get("maxItems", low + MAX_ITEMS), low + MAX_ITEMS)
    return st.lists(from_schema(schema.get("items", {"type": "integer"}), defs),
                    min_size=low, max_size=high)


def _object(schema: Schema, defs: dict[str, Schema]) -> st.SearchStrategy[dict[str, Any]]:
    properties: dict[str, Schema] = schema.get("properties", {})
    required = set(schema.get("required", []))
    optional = sorted(set(properties) - required)

    @st.composite
    def build(draw: st.DrawFn) -> dict[str, Any]:
        chosen = draw(st.lists(st.sampled_from(optional), max_size=MAX_OPTIONAL, unique=True)
                      if optional else st.just([]))
        return {name: draw(from_schema(properties[name], defs))
                for name in sorted(required) + chosen}

    return build()


# Values of every JSON type, and numbers at and past the usual bounds, to put where
# they may not belong. Whether the result still fits the schema is for a validator to say.
ODD_VALUES = st.sampled_from([
    None, True, False, 0, -1, 2**31, 2**53 + 1, -(10**12), 1e308, -1e-300, 0.5, "",
    "fly", "x" * 40, [], [[]], [1, "a", None], {}, {"bogus": 1},
])


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place inside a JSON value, except message ids (kept for matching replies)."""
    found = []
    items = (value.items() if isinstance(value, dict)
             else enumerate(value) if isinstance(value, list) else [])
    for key, inner in items:
        if prefix == () and key == "id":
            continue
        found.append((*prefix, key))
        found.extend(_paths(inner, (*prefix, key)))
    return found


@st.composite
def mutated(draw: st.DrawFn, messages: st.SearchStrategy[dict[str, Any]]) -> dict[str, Any]:
    """A message with one thing changed: a value replaced, a key dropped or one added."""
    message = draw(messages)
    paths = _paths(message)
    how = draw(st.sampled_from(["replace", "drop", "add"]))
    if not paths or how == "add":
        containers = [()] + [p for p in paths if isinstance(_get(message, p), dict)]
        target = _get(message, draw(st.sampled_from(containers)))
        target[draw(st.sampled_from(["bogus", "type", "changes", "steps", "Id"]))] = draw(
            ODD_VALUES)
        return message
    path = draw(st.sampled_from(paths))
    parent = _get(message, path[:-1])
    if how == "drop":
        del parent[path[-1]]
    else:
        parent[path[-1]] = draw(ODD_VALUES)
    return message


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        value = value[key]
    return value
