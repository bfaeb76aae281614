"""`mindscope bench explore`, the short version of `make explore`: two sessions change random
settings for a few seconds, end to end, and report every figure the issue asks for with
sane values. Not a speed test: `make explore` measures."""

import json
import subprocess
import sys

KEYS = {
    "sessions", "seconds", "changes", "lost", "latency_ms_p50", "latency_ms_p95",
    "latency_ms_max", "rss_mb_start", "rss_mb_mid", "rss_mb_max", "rss_mb_end", "maps_start",
    "maps_mid", "maps_end", "compiles", "load_start", "load_end", "alive", "errors", "targets",
}


def test_bench_explore_changes_settings_and_reports_latency_memory_and_compiles() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mindscope", "bench", "explore", "--sessions", "2",
         "--seconds", "4", "--seed", "1", "--drain", "60", "--json"],
        capture_output=True, text=True, timeout=180,
    )
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert set(figures) >= KEYS
    assert figures["sessions"] == 2 and figures["alive"] is True
    assert figures["errors"] == 0, figures["error_messages"]
    assert figures["changes"] >= 4  # each session changed something every 2 s
    assert figures["changes"] == sum(figures["changes_by_kind"].values())
    assert figures["lost"] == 0  # every change's frame came, however slowly (a cold cache)
    assert 0 < figures["latency_ms_p50"] <= figures["latency_ms_p95"] <= figures[
        "latency_ms_max"] < 60_000
    assert 50 < figures["rss_mb_start"] <= figures["rss_mb_max"] < 8192
    assert max(figures["rss_mb_mid"], figures["rss_mb_end"]) <= figures["rss_mb_max"]
    assert min(figures["maps_start"], figures["maps_mid"], figures["maps_end"]) > 100
    assert isinstance(figures["compiles"], int) and figures["compiles"] >= 0
    assert figures["load_start"] >= 0 and figures["load_end"] >= 0
    times = [t for t, _, _ in figures["samples"]]
    assert len(times) >= 3 and times == sorted(times)
