"""Browser tests drive Debian's Chromium through Playwright (never a downloaded browser)."""

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: `make test` installs Debian's chromium package")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    # Playwright evaluates wait_for_function's expressions with eval, which the app's CSP
    # rightly forbids; test_view_link.py checks the app under its CSP in a context of its own.
    return {**browser_context_args, "viewport": {"width": 1280, "height": 800},
            "bypass_csp": True}
