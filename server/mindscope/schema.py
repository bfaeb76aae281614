"""The building blocks of every message the protocol and the labs declare: strict input
models, whole numbers as JSON Schema counts them, bounded floats, and the request base.

Plain pydantic and nothing of the engine, so that labs can declare their part of the
protocol (labs/<lab>/protocol.py) without loading JAX.
"""

from typing import Annotated, Any, ClassVar, Literal, NamedTuple

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_serialization_defaults_required=True)


class Input(Strict):
    """What a client sends: JSON `true` is no number, "3" no integer (but 5.0 is, as a
    `Whole`, as the published JSON Schema's "integer" says)."""

    model_config = ConfigDict(strict=True)


def whole_number(value: Any) -> Any:
    """5.0 is the integer 5 in JSON Schema's eyes, so here too (5.5, "5" and true are not)."""
    return int(value) if type(value) is float and value.is_integer() else value


# What a client sends as an integer: strict, but for a whole number written as a float.
Whole = Annotated[int, BeforeValidator(whole_number)]


def bounded(low: float, high: float, default: float, doc: str = "") -> Any:
    """A finite float field within [low, high]."""
    return Field(default, ge=low, le=high, allow_inf_nan=False, description=doc or None)


# Bounds inside the union and before the validator, so that the published schema states
# them (minimum, maximum): pydantic wrote them as "ge" and "le" otherwise, words that JSON
# Schema ignores, so the schema allowed ids the server refused.
RequestId = Annotated[int, Field(ge=0, le=2**53), BeforeValidator(whole_number)]


class Request(Input):
    id: RequestId | None = Field(None, description="Echoed as reply_to.")


Dtype = Literal["uint8", "float32", "int32"]


class ArraySpec(Strict):
    """Where one array lies in a binary message; uint8 arrays map back to [low, high]."""

    name: str
    dtype: Dtype
    shape: list[int]
    offset: int
    low: float | None = None
    high: float | None = None


class DeclaredArray(NamedTuple):
    """An array a binary message may carry; its shape names dims its header explains."""

    name: str
    dtype: Dtype
    shape: tuple[int | str, ...]
    doc: str
    optional: bool = False
    columns: tuple[str, ...] = ()  # what each place along the last axis holds

    def json(self) -> dict[str, Any]:
        entry = {"name": self.name, "dtype": self.dtype, "shape": list(self.shape),
                 "optional": self.optional, "doc": self.doc}
        return entry | ({"columns": list(self.columns)} if self.columns else {})


class BinaryHeader(Strict):
    """A binary message's JSON header; ARRAYS declares the arrays it may carry, which its
    schema lists as `x-arrays`."""

    model_config = ConfigDict(json_schema_extra=lambda schema, cls: schema.update(
        {"x-arrays": [a.json() for a in cls.ARRAYS]}))
    ARRAYS: ClassVar[tuple[DeclaredArray, ...]] = ()


def parameter_arrays(weights: str, biases: str, doc: str, optional: bool,
                     ) -> tuple[DeclaredArray, DeclaredArray]:
    """A weight array and a bias array (dims W and B, as a frame's header explains)."""
    return (DeclaredArray(weights, "float32", ("W",), f"The weights: {doc}.", optional),
            DeclaredArray(biases, "float32", ("B",), f"The biases: {doc}.", optional))
