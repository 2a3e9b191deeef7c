"""The headless Chromium the browser tests use (Debian's, driven by Playwright)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def require_browser(purpose: str) -> None:
    """Skip without Chromium or Playwright; in CI, where they are installed, fail instead."""
    problem = None
    if not Path(CHROMIUM).exists():
        problem = f"{CHROMIUM} is missing (install it with: apt-get install -y chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problem = "Playwright for Python is missing (pip install -e '.[test]')"
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"{purpose} cannot run in CI: {problem}")
        pytest.skip(problem)
