"""`mindscope bench load`, the short version of `make load`: five sessions for five seconds
run end to end, without errors, and report every figure the harness promises. Not a speed
test: `make load` measures."""

import json
import subprocess
import sys

KEYS = {
    "sessions", "fps_per_client_min", "fps_per_client_median", "control_latency_ms_p50",
    "control_latency_ms_p95", "server_rss_mb_start", "server_rss_mb_end", "rss_mb_samples",
    "errors",
}


def test_bench_load_runs_sessions_and_reports_frames_latency_and_memory() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mindscope", "bench", "load", "--sessions", "5", "--seconds", "5",
         "--warmup", "2", "--json"],
        capture_output=True, text=True, timeout=280,
    )
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert set(figures) >= KEYS
    assert figures["sessions"] == 5
    assert figures["errors"] == 0, figures["error_messages"]
    assert 0 < figures["fps_per_client_min"] <= figures["fps_per_client_median"]
    assert 0 < figures["control_latency_ms_p50"] <= figures["control_latency_ms_p95"] < 10_000
    assert figures["control_probes"] >= 5  # every session probed at least once
    samples = figures["rss_mb_samples"]
    assert len(samples) >= 3
    assert [t for t, _ in samples] == sorted(t for t, _ in samples)
    assert all(50 < mb < 8192 for _, mb in samples)
    assert 50 < figures["server_rss_mb_start"] < 8192 and 50 < figures["server_rss_mb_end"] < 8192
