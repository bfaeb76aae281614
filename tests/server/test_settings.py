"""Server settings: defaults, ranges, environment variables and `mindscope serve` flags."""

import os
import subprocess
import sys

import pytest

from mindscope.protocol import json_schema
from mindscope.settings import (
    PROTOCOL_MAX_NEURON_RESOLUTION,
    PROTOCOL_MAX_OUTPUT_RESOLUTION,
    PROTOCOL_MAX_STEPS_PER_SECOND,
    Settings,
    SettingsError,
)


def test_defaults_are_sane_and_valid() -> None:
    s = Settings()
    assert (s.max_sessions, s.max_connections_per_session, s.session_idle_seconds) == (200, 8, 600)
    assert s.max_message_bytes == 1024 * 1024 < s.hard_max_message_bytes == 4 * 1024 * 1024
    assert s.max_messages_per_second == 100 and s.send_timeout_seconds == 30


def test_the_protocol_maxima_are_the_protocols() -> None:
    defs = json_schema()["$defs"]
    subscribe = defs["Subscribe"]["properties"]
    assert subscribe["output_resolution"]["maximum"] == PROTOCOL_MAX_OUTPUT_RESOLUTION
    assert subscribe["neuron_resolution"]["maximum"] == PROTOCOL_MAX_NEURON_RESOLUTION
    speed = defs["SessionConfig"]["properties"]["steps_per_second"]
    assert speed["maximum"] == PROTOCOL_MAX_STEPS_PER_SECOND


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"max_sessions": 0}, "--max-sessions (MINDSCOPE_MAX_SESSIONS) must be 1 to 100000, got 0"),
        ({"session_idle_seconds": float("nan")}, "--session-idle-seconds"),
        ({"max_steps_per_second": 2e6}, "must be 1 to 1000000, got 2000000"),
        ({"max_output_resolution": 500}, "must be 10 to 200, got 500"),
        ({"max_sessions": 2.5}, "must be a whole number, got 2.5"),
        ({"max_sessions": True}, "must be a whole number, got True"),
        ({"max_message_bytes": 4096, "hard_max_message_bytes": 2048},
         "--hard-max-message-bytes (MINDSCOPE_HARD_MAX_MESSAGE_BYTES) (2048) must be at least"),
    ],
)
def test_out_of_range_settings_are_refused_by_name(values: dict, message: str) -> None:
    with pytest.raises(SettingsError, match=message.replace("(", r"\(").replace(")", r"\)")):
        Settings(**values)


def test_environment_then_overrides() -> None:
    env = {"MINDSCOPE_MAX_SESSIONS": " 12 ", "MINDSCOPE_SESSION_IDLE_SECONDS": "1.5"}
    s = Settings.from_env(env, max_sessions=None, frame_rate=20.0)
    assert (s.max_sessions, s.session_idle_seconds, s.frame_rate) == (12, 1.5, 20.0)
    assert Settings.from_env(env, max_sessions=3).max_sessions == 3
    with pytest.raises(SettingsError, match="must be a whole number, got 'many'"):
        Settings.from_env({"MINDSCOPE_MAX_SESSIONS": "many"})


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["--max-sessions", "0"], {}, "--max-sessions (MINDSCOPE_MAX_SESSIONS) must be 1 to"),
        (["--send-timeout-seconds", "x"], {}, "invalid float value: 'x'"),
        ([], {"MINDSCOPE_MAX_CONNECTIONS_PER_SESSION": "0"}, "--max-connections-per-session"),
    ],
)
def test_serve_refuses_bad_limits_before_starting(args: list[str], env: dict[str, str],
                                                  message: str) -> None:
    result = subprocess.run([sys.executable, "-m", "mindscope", "serve", "--port", "1", *args],
                            capture_output=True, text=True, timeout=60,
                            env={**os.environ, **env})
    assert result.returncode == 2
    assert "usage: mindscope serve" in result.stderr and message in result.stderr
