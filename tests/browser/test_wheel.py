"""The wheel, as a user gets it: built from a clean copy of the checkout (the frontend built
at package time), installed where no Node is on the PATH, `mindscope --version`, then
`mindscope serve` and the page in Chromium.

Kept quick: the copy reuses the checkout's frontend/node_modules (the same `npm ci` of the
same package-lock.json; the build runs `npm ci` itself when it is missing), and the clean
venv installs the wheel alone (--no-deps) and finds the locked dependencies in the project's
.venv through a .pth line (which adds that folder, not its .pth files: the checkout's
editable install stays out). A fresh download of JAX and the rest would add minutes and
test pip, not this package."""

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from mindscope import __version__
from mindscope.bench.server import running_server

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.wheel


def _clean_copy(target: Path) -> None:
    """The checkout's files (tracked, and new ones git does not ignore): no built frontend,
    no caches, no installs."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard",
                             "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, listed.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    (target / "frontend" / "node_modules").symlink_to(ROOT / "frontend" / "node_modules")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The `bin` folder of a venv holding the wheel alone."""
    work = tmp_path_factory.mktemp("wheel")
    source, wheels, venv = work / "source", work / "dist", work / "venv"
    _clean_copy(source)
    assert not (source / "server" / "mindscope" / "static").exists()
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--wheel-dir", str(wheels), str(source)], check=True, timeout=600)
    (wheel,) = wheels.glob("mindscope-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "mindscope/static/index.html" in names and "mindscope/static/compare.html" in names
    assert any(n.startswith("mindscope/static/assets/") and n.endswith(".js") for n in names)
    print(f"wheel {wheel.name}: {wheel.stat().st_size / 1024:.0f} KiB")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    bin_dir = venv / "bin"
    no_node = {**os.environ, "PATH": str(bin_dir)}
    assert shutil.which("node", path=no_node["PATH"]) is None
    subprocess.run([sys.executable, "-m", "pip", "--python", str(bin_dir / "python"),
                    "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
                   check=True, env=no_node, timeout=300)
    site = Path(subprocess.run([bin_dir / "python", "-c", "import sysconfig; "
                                "print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    (site / "locked_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    yield bin_dir


def test_the_installed_wheel_says_its_version_and_is_the_one_imported(
        installed: Path) -> None:
    env = {**os.environ, "PATH": str(installed)}
    version = subprocess.run(["mindscope", "--version"], capture_output=True, text=True,
                             check=True, env=env, cwd=installed).stdout
    assert version.split() == ["mindscope", __version__]
    where = subprocess.run([installed / "python", "-c", "import mindscope; "
                            "print(mindscope.__file__)"], capture_output=True, text=True,
                           check=True, env=env, cwd=installed).stdout
    assert Path(where).is_relative_to(installed.parent)


def test_the_installed_wheel_serves_the_page(installed: Path, page: Page) -> None:
    with running_server(command=[str(installed / "mindscope")],
                        env={"PATH": str(installed)}) as server:
        assert server.health()["version"] == __version__
        page.goto(server.url)
        expect(page.locator("canvas").first).to_be_visible(timeout=60_000)
        assert "not built" not in page.content()
