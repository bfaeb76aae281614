"""Building a wheel builds the frontend into it (Node 20+ is needed then, never to install
the wheel): `pip wheel .` or `python -m build` runs `npm ci` (when frontend/node_modules is
missing) and `npm run build`, which writes server/mindscope/static, before the package's
files are collected. An editable install (`make setup`) builds nothing: `make run` does."""

import shutil
import subprocess
from pathlib import Path

from setuptools import find_namespace_packages, setup
from setuptools.command.build_py import build_py

FRONTEND = Path(__file__).resolve().parent / "frontend"
BUILT = Path(__file__).resolve().parent / "server" / "mindscope" / "static" / "index.html"


def build_frontend() -> None:
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("Building Mindscope's wheel builds its frontend, which needs Node 20+ "
                         "(npm on the PATH). Installing the wheel needs no Node.")
    if not (FRONTEND / "node_modules" / ".package-lock.json").exists():
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=FRONTEND, check=True)
    subprocess.run([npm, "run", "build"], cwd=FRONTEND, check=True)
    if not BUILT.exists():
        raise SystemExit(f"the frontend's build wrote no {BUILT}")


class BuildPyWithFrontend(build_py):
    """The frontend's sources build into the package; without them (the Docker image copies
    in a frontend built in a stage of its own) the built files must be there already."""

    def run(self) -> None:
        if not self.editable_mode:
            if (FRONTEND / "package.json").exists():
                build_frontend()
            elif not BUILT.exists():
                raise SystemExit(f"neither the frontend's sources ({FRONTEND}) nor its built "
                                 f"files ({BUILT.parent}) are here: a wheel needs one")
            # Built now, after setuptools looked for packages: its folders are the package's
            # data, declared as packages of their own (setuptools warns of importable folders
            # that are not).
            self.packages = list(dict.fromkeys([*self.packages, *find_namespace_packages(
                str(BUILT.parents[2]), include=["mindscope.static", "mindscope.static.*"])]))
        super().run()


setup(cmdclass={"build_py": BuildPyWithFrontend})
