"""The protocol's models, its codec, and the generated artefacts that must match them."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from pydantic import ValidationError

from mindscope import codec
from mindscope.protocol import (
    SessionConfig,
    client_message,
    error_from_validation,
    json_schema,
    nested,
)

ROOT = Path(__file__).resolve().parents[2]


def _error_for(message: dict) -> str:
    with pytest.raises(ValidationError) as exc:
        client_message.validate_python(message)
    return error_from_validation(exc.value, reply_to=None).message


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"learning_rate": float("nan")}, "changes.learning_rate: Input should be a finite number"),
        ({"learning_rate": 11}, "allowed: 1e-05 to 10"),
        ({"hidden": [10**6]}, "each 1 to 16"),
        ({"batch_size": 0}, "allowed: 1 to 10000"),
        ({"dataset": "moon"}, "one of circle, xor, gauss, spiral, spiral3"),
        ({"features": ["x1", "x3"]}, "each one of x1, x2, x1_sq"),
        ({"optimizer": "lbfgs"}, "one of sgd, momentum, nesterov, adam"),
        ({"neurons": 3}, "changes.neurons: Extra inputs are not permitted"),
    ],
)
def test_bad_changes_name_the_field_and_what_is_allowed(changes: dict, expected: str) -> None:
    assert expected in _error_for({"type": "set", "changes": nested(changes, "points")})


@pytest.mark.parametrize(("lab", "expected"), [
    ({"hidden": [3]}, "changes.lab: Unable to extract tag using discriminator 'lab' (allowed "
                      "labs: points, images, sequences, attention)"),
    ({"lab": "planes", "hidden": [3]}, "(allowed labs: points, images, sequences, attention)"),
    ({"lab": "points", "hidden": [17]}, "changes.lab.hidden.0: Input should be less than or "
                                        "equal to 16 (allowed: a list of at most 8, each 1 to 16)"),
])
def test_a_lab_part_names_its_lab(lab: dict, expected: str) -> None:
    assert expected in _error_for({"type": "set", "changes": {"lab": lab}})


def test_settings_named_flat_go_to_their_part() -> None:
    config = SessionConfig.of(hidden=[3], learning_rate=0.1)
    assert (config.lab.hidden, config.learning_rate) == ([3], 0.1)
    assert nested({"noise": 0.1, "seed": 2}, "points") == {
        "seed": 2, "lab": {"lab": "points", "noise": 0.1}}
    assert nested({"seed": 2}, "points") == {"seed": 2}


def test_unknown_message_type_lists_the_known_ones() -> None:
    assert "'play', 'pause', 'step', 'step_epoch', 'reset'" in _error_for({"type": "fly"})


def test_defaults_are_the_reference_network() -> None:
    config = SessionConfig().lab
    assert (config.hidden, config.activations, config.dataset) == ([4, 2], ["tanh"] * 2,
                                                                   "circle")


def test_per_layer_lists_follow_the_hidden_layers() -> None:
    config = SessionConfig.of(hidden=[3, 3, 3], activations=["relu"], dropout=[0.5]).lab
    assert config.activations == ["relu"] * 3 and config.dropout == [0.5, 0.0, 0.0]
    assert SessionConfig.of(hidden=[], activations=["relu"]).lab.activations == []
    with pytest.raises(ValidationError, match="must not repeat"):
        SessionConfig.of(features=["x1", "x1"])


def test_the_protocol_and_the_client_load_no_engine() -> None:
    """Scripts that only talk to a server, and `mindscope schema`, need no JAX."""
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, mindscope.client, mindscope.protocol; "
         "print(*sorted(m for m in sys.modules if m.split('.')[0] in ('jax', 'optax') "
         "or m.startswith(('mindscope.engine', 'mindscope.labs', 'mindscope.sessions'))))"],
        capture_output=True, text=True, check=True,
    ).stdout.split()
    # Of the labs, only their packages and their declarations of the protocol.
    labs = [m for m in loaded if m.startswith("mindscope.labs")]
    assert all(m.count(".") <= 2 or m.endswith(".protocol") for m in labs), labs
    assert "mindscope.labs.points.protocol" in labs
    assert [m for m in loaded if m not in labs] == []


def test_codec_round_trips_arrays_at_aligned_offsets() -> None:
    arrays = {
        "a": np.arange(13, dtype=np.uint8).reshape(13),
        "b": np.linspace(-1, 1, 6, dtype=np.float32).reshape(2, 3),
        "c": np.array([-7, 9], dtype=np.int32),
    }
    message = codec.encode({"kind": "frame", "step": 5}, arrays, {"a": (-2.0, 2.0)})
    header, decoded = codec.decode(message)
    assert header["step"] == 5
    start = codec.data_start(int.from_bytes(message[:4], "little"))
    for spec in header["arrays"]:
        assert (start + spec["offset"]) % codec.ALIGN == 0
        np.testing.assert_array_equal(decoded[spec["name"]], arrays[spec["name"]])
    assert header["arrays"][0]["low"] == -2.0
    np.testing.assert_allclose(codec.dequantize(np.array([0, 255], np.uint8), -2.0, 2.0),
                               [-2.0, 2.0])


def test_frontend_codec_fixture_is_current() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "fixtures" / "make_frame.py"), "--check"],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr


def test_generated_typescript_types_are_current() -> None:
    """A stale frontend/src/protocol/messages.ts fails here: run `make protocol`."""
    generated = subprocess.run(
        ["npm", "run", "--silent", "gen:protocol"], cwd=ROOT / "frontend",
        input=json.dumps(json_schema(), indent=2), capture_output=True, text=True, check=True,
    ).stdout
    committed = (ROOT / "frontend" / "src" / "protocol" / "messages.ts").read_text()
    assert generated == committed, "frontend/src/protocol/messages.ts is stale: run `make protocol`"


def test_generated_typescript_constants_are_current() -> None:
    """A stale frontend/src/protocol/constants.ts fails here: run `make protocol`."""
    generated = subprocess.run([sys.executable, "-m", "mindscope", "constants"],
                               capture_output=True, text=True, check=True).stdout
    committed = (ROOT / "frontend" / "src" / "protocol" / "constants.ts").read_text()
    assert generated == committed, (
        "frontend/src/protocol/constants.ts is stale: run `make protocol`")


def test_whole_numbers_written_as_floats_are_integers_as_the_schema_says() -> None:
    """JSON Schema's "integer" takes 5.0; so does the server, but not 5.5, "5" or true."""
    step = client_message.validate_json('{"type": "step", "steps": 5.0, "id": 7.0}')
    assert (step.steps, step.id) == (5, 7) and type(step.steps) is int
    changes = client_message.validate_json(
        '{"type": "set", "changes": {"lab": {"lab": "points", "hidden": [4.0, 2.0]}, '
        '"batch_size": 32.0}}').changes
    assert (changes.lab.hidden, changes.batch_size) == ([4, 2], 32)
    for bad in ('5.5', '"5"', "true"):
        with pytest.raises(ValidationError, match="valid integer"):
            client_message.validate_json(f'{{"type": "step", "steps": {bad}}}')
