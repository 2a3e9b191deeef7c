"""The pre-commit hook, run for real with `pre-commit try-repo` on a repository of minutes.

`try-repo` installs the hook from a git repository's HEAD (plus changes to tracked
files). To test exactly the code on disk — including files not yet committed — the
test commits a snapshot of the working tree (tracked and untracked, less what
.gitignore excludes) to a temporary repository and tries that. The hook's virtual
environment is built from PyPI, as it is for a user, once per test module.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from snippets import CLEAN, TOC_DEFECTS

pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install -e '.[test]')")

ROOT = Path(__file__).resolve().parent.parent
GIT_ENV = {
    "GIT_AUTHOR_NAME": "referatcheck tests", "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "referatcheck tests", "GIT_COMMITTER_EMAIL": "tests@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(*args: str, cwd: Path) -> str:
    env = {**os.environ, **GIT_ENV, "HOME": str(cwd)}
    run = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return run.stdout


def commit_all(repo: Path, message: str) -> None:
    git("add", "-A", cwd=repo)
    git("-c", "commit.gpgsign=false", "commit", "-q", "--allow-empty", "-m", message, cwd=repo)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> Path:
    """This repository's working tree, committed to a temporary repository."""
    snapshot = tmp_path_factory.mktemp("hook-repo")
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT).split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():  # deleted but still tracked files are skipped
            target = snapshot / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    assert (snapshot / ".pre-commit-hooks.yaml").is_file()
    git("init", "-q", cwd=snapshot)
    commit_all(snapshot, "snapshot")
    return snapshot


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def try_repo(minutes: Path, hook_repo: Path, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    env.pop("PRE_COMMIT", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "referatcheck", "--all-files"],
        cwd=minutes, env=env, capture_output=True, text=True, timeout=900,
    )


def test_hook_fails_on_defective_minutes_and_passes_on_clean_ones(tmp_path, hook_repo, pre_commit_home):
    minutes = tmp_path / "referater"
    (minutes / "2024").mkdir(parents=True)
    git("init", "-q", cwd=minutes)
    (minutes / "2024" / "udvalget-2024-02-01.md").write_text(TOC_DEFECTS, encoding="utf-8")
    (minutes / "værktøj.py").write_text("print('not minutes')\n", encoding="utf-8")
    # The exports agenda systems publish are handed over too.
    from test_pdf_bad_input import LINES, text_pdf

    (minutes / "2024" / "udvalget-2024-03-01.pdf").write_bytes(
        text_pdf(1, LINES + [(11, "Borgerens cpr-nummer 010203-1234 fremgår af sagen.")]))
    (minutes / "2024" / "udvalget-2024-04-01.HTML").write_text(
        "<html><body><h1>REFERAT Udvalget d. 01-04-2024</h1><p>Cpr-nr. 010203-1234</p></body></html>", encoding="utf-8")
    commit_all(minutes, "referat med fejl")

    failed = try_repo(minutes, hook_repo, pre_commit_home)
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert "referatcheck" in output and "Failed" in output
    assert "2024/udvalget-2024-02-01.md:12:1: TOC001 [error]" in output
    assert "værktøj.py" not in output  # only minutes are handed to the hook
    assert "2024/udvalget-2024-03-01.pdf:" in output and "PRV001 [error]" in output and "(side 1, linje 8)" in output
    assert "2024/udvalget-2024-04-01.HTML:" in output and "linje 1 i HTML-filen" in output

    (minutes / "2024" / "udvalget-2024-02-01.md").write_text(CLEAN, encoding="utf-8")
    git("rm", "-q", "2024/udvalget-2024-03-01.pdf", "2024/udvalget-2024-04-01.HTML", cwd=minutes)
    commit_all(minutes, "rettet")
    passed = try_repo(minutes, hook_repo, pre_commit_home)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout


def test_hook_as_configured_by_a_user_with_args_and_word_drafts(tmp_path, hook_repo, pre_commit_home):
    """The README's configuration: `--fail-on error`, and Word drafts handed over too."""
    docx = pytest.importorskip("docx")
    minutes = tmp_path / "referater"
    minutes.mkdir()
    git("init", "-q", cwd=minutes)
    rev = git("rev-parse", "HEAD", cwd=hook_repo).strip()
    (minutes / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {hook_repo}\n"
        f"    rev: {rev}\n"
        "    hooks:\n"
        "      - id: referatcheck\n"
        "        args: [--fail-on, error]\n"
        "        types_or: [markdown, plain-text, binary]\n"
        "        files: '\\.(md|markdown|txt|docx)$'\n",
        encoding="utf-8",
    )
    warning_only = TOC_DEFECTS.replace("Orientering om ingenting.....\t6\n", "")
    (minutes / "advarsel.md").write_text(warning_only, encoding="utf-8")
    draft = docx.Document()
    draft.add_paragraph("REFERAT Nordby Udvalget d. 01-02-2024", style="Heading 1")
    draft.add_paragraph("Borgerens cpr-nummer 010203-1234 fremgår af sagen.")
    draft.save(minutes / "udkast.docx")
    commit_all(minutes, "udkast")

    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(pre_commit_home), "PRE_COMMIT_COLOR": "never"}
    env.pop("PRE_COMMIT", None)

    def run() -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"], cwd=minutes, env=env,
                              capture_output=True, text=True, timeout=900)

    failed = run()
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "udkast.docx:3:22: PRV001 [error]" in failed.stdout
    assert "010203-1234" not in failed.stdout  # the report masks the CPR number
    git("rm", "-q", "udkast.docx", cwd=minutes)
    commit_all(minutes, "uden udkast")
    passed = run()
    # Only a warning is left, and --fail-on error lets it through.
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
