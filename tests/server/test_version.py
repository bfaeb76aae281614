"""`mindscope --version` prints the package's version, the one pyproject.toml declares."""

import subprocess
import sys
import tomllib
from pathlib import Path

import mindscope

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def test_version_flag_prints_the_package_version() -> None:
    result = subprocess.run([sys.executable, "-m", "mindscope", "--version"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"mindscope {mindscope.__version__}\n"
    declared = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["version"]
    assert mindscope.__version__ == declared
