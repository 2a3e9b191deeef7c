"""The clerk's install, as the README gives it: one `pipx install` of the wheel puts
`referatcheck` on the PATH — no virtual environment to create or activate — and the
installed command checks a Word draft and writes the HTML report.

The test builds the wheel (what `pip wheel --no-deps -w dist .` gives CI), installs it
with pipx into a fresh folder, and runs the command with an environment that has no
trace of this test's virtual environment. Dependencies come from the package index (or
pip's cache).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The folder pipx put `referatcheck` in."""
    home = tmp_path_factory.mktemp("clerk")
    dist = home / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(dist), str(ROOT)],
                   check=True, capture_output=True, timeout=600)
    [wheel] = dist.glob("referatcheck-*.whl")
    env = {**_clean_env(home), "PIPX_HOME": str(home / "pipx"), "PIPX_BIN_DIR": str(home / "bin"),
           "PIPX_MAN_DIR": str(home / "man")}
    run = subprocess.run([sys.executable, "-m", "pipx", "install", str(wheel)], env=env, capture_output=True,
                         text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    return home


def _clean_env(home: Path) -> dict[str, str]:
    """A new terminal of a clerk: the system's PATH and a home, nothing of this venv."""
    path = os.pathsep.join([str(home / "bin"), "/usr/local/bin", "/usr/bin", "/bin"])
    keep = {k: os.environ[k] for k in ("LANG", "LC_ALL", "PIP_INDEX_URL", "PIP_FIND_LINKS", "PIP_CACHE_DIR",
                                       "PIP_EXTRA_INDEX_URL", "PIP_TRUSTED_HOST") if k in os.environ}
    cache = os.environ.get("PIP_CACHE_DIR") or str(Path.home() / ".cache" / "pip")  # reuse what CI downloaded
    return {**keep, "PATH": path, "HOME": str(home), "PIP_CACHE_DIR": cache}


def test_referatcheck_is_on_the_path_without_activating_anything(installed):
    run = subprocess.run(["referatcheck", "--version"], env=_clean_env(installed), capture_output=True, text=True,
                         cwd=installed, timeout=120)
    assert run.returncode == 0 and "referatcheck, version" in run.stdout
    # It is the installed command, not this checkout's.
    assert (installed / "bin" / "referatcheck").exists()


def test_the_installed_command_checks_a_word_draft_and_writes_the_report(installed):
    from test_docx import WordTwin

    draft = installed / "udkast.docx"
    draft.write_bytes(WordTwin((EXAMPLES / "defects" / "toc-defects.md").read_text(encoding="utf-8")).docx_bytes())
    run = subprocess.run(["referatcheck", "check", "udkast.docx", "--format", "html", "--output", "rapport.html"],
                         env=_clean_env(installed), capture_output=True, text=True, cwd=installed, timeout=120)
    assert run.returncode == 1, run.stderr  # the draft has defects on purpose
    report = (installed / "rapport.html").read_text(encoding="utf-8")
    assert "1 fil kontrolleret" in report and "TOC001" in report and "indholdsfortegnelsen" in report
