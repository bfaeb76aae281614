"""`mindscope bench stream` runs end to end and reports every figure it promises."""

import json
import subprocess
import sys

KEYS = {
    "fps_per_client", "bytes_per_frame", "updates_per_s_streaming", "control_latency_ms_p50",
    "control_latency_ms_p95", "fps_per_client_2_sessions", "control_latency_ms_p95_2_sessions",
}


def test_bench_stream_prints_one_json_object_with_its_figures() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mindscope", "bench", "stream", "--seconds", "1.5",
         "--sessions", "2", "--json"],
        capture_output=True, text=True, timeout=240,
    )
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert set(figures) >= KEYS
    assert figures["fps_per_client"] > 1 and figures["fps_per_client_2_sessions"] > 1
    assert 1000 < figures["bytes_per_frame"] < 1_000_000
    assert figures["updates_per_s_streaming"] > 100
    assert 0 < figures["control_latency_ms_p50"] <= figures["control_latency_ms_p95"] < 5000
