"""Shared fixtures: the real corpus (read from ../shared/corpus) and a linter."""

from __future__ import annotations

from pathlib import Path

import pytest

from referatcheck.engine import Linter
from referatcheck.parse import parse_text

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
EXAMPLES = ROOT / "examples"


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.md"))


@pytest.fixture(scope="session")
def linter() -> Linter:
    return Linter()


@pytest.fixture(scope="session")
def corpus() -> dict[str, str]:
    files = corpus_files()
    if not files:
        pytest.fail(f"corpus not found at {CORPUS}")
    return {f.name: f.read_text(encoding="utf-8") for f in files}


def lint(text: str, codes: str | tuple[str, ...] | None = None, path: str = "t.md"):
    """Lint a snippet; keep only diagnostics whose code starts with ``codes``."""
    result = Linter().lint_text(text, path=path)
    found = list(result.diagnostics)
    if codes is not None:
        prefixes = (codes,) if isinstance(codes, str) else codes
        found = [d for d in found if d.code.startswith(prefixes)]
    return found


def doc(text: str):
    return parse_text(text)
