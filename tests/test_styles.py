"""The style zoo (`examples/styles/`): other municipalities' export styles.

Each clean file must be parsed into exactly the meeting and items `expected.json` gives
and must check without errors or warnings; each defective twin must report its injected
defect (family, line or one of its `also` lines) and no error/warning of another family
outside the lines the twin changed.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from referatcheck.cli import main

STYLES = Path(__file__).resolve().parent.parent / "examples" / "styles"
EXPECTED = json.loads((STYLES / "expected.json").read_text(encoding="utf-8"))
CLEAN = [entry for entry in EXPECTED if "items" in entry]
TWINS = [entry for entry in EXPECTED if "defects" in entry]
LOUD = ("error", "warning")


def run(command: str, path: Path) -> dict:
    """`referatcheck COMMAND --format json --isolated PATH` in this process, as JSON."""
    result = CliRunner().invoke(
        main, [command, "--format", "json", "--isolated", str(path)], catch_exceptions=True
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.stdout + result.stderr
    # `check` exits 1 when it finds errors; anything else (2: bad input) is a failure here.
    assert result.exit_code in ((0,) if command == "parse" else (0, 1)), result.stderr
    return json.loads(result.stdout)


def parsed(name: str) -> dict:
    payload = run("parse", STYLES / name)
    assert payload["version"] == 1
    assert not payload.get("errors"), payload.get("errors")
    (document,) = payload["documents"]
    return document


def diagnostics(name: str) -> list[dict]:
    return run("check", STYLES / name)["diagnostics"]


def family(code: str) -> str:
    return code.rstrip("0123456789")


def family_of(defect_family: str, code: str) -> bool:
    return code.upper().startswith(defect_family.upper())


def changed_lines(clean: str, twin: str) -> set[int]:
    """1-based lines of the twin that differ from the clean file (replaced or inserted),
    plus the twin line next to a deletion."""
    a = (STYLES / clean).read_text(encoding="utf-8").splitlines()
    b = (STYLES / twin).read_text(encoding="utf-8").splitlines()
    changed: set[int] = set()
    for tag, _i1, _i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag in ("replace", "insert"):
            changed.update(range(j1 + 1, j2 + 1))
        elif tag == "delete":
            changed.update({j1, j1 + 1})
    return changed


def loud(found: list[dict]) -> list[dict]:
    return [d for d in found if d["severity"] in LOUD]


def show(found: list[dict]) -> str:
    return "\n".join(f"{d['line']}: {d['code']} {d['severity']} {d['message']}" for d in found)


# --- the clean files: what the parser understands ---------------------------------------


@pytest.mark.parametrize("entry", CLEAN, ids=[e["file"] for e in CLEAN])
def test_clean_meeting(entry):
    meeting = parsed(entry["file"])["meeting"]
    assert meeting["date"] == entry["date"]
    assert meeting["committee"] is not None, "committee not recognised"
    assert meeting["committee"].casefold() == entry["committee"].casefold()


@pytest.mark.parametrize("entry", CLEAN, ids=[e["file"] for e in CLEAN])
def test_clean_items(entry):
    document = parsed(entry["file"])
    expected = [
        {key: item[key] for key in ("number", "title", "case_number", "closed")}
        for item in entry["items"]
        if not item.get("in_unreadable_line")
    ]
    got = [
        {key: item[key] for key in ("number", "title", "case_number", "closed")}
        for item in document["items"]
    ]
    assert len(got) == len(expected)
    assert got == expected


@pytest.mark.parametrize("entry", CLEAN, ids=[e["file"] for e in CLEAN])
def test_clean_toc(entry):
    assert len(parsed(entry["file"])["toc"]) == entry["toc_entries"]


@pytest.mark.parametrize("entry", CLEAN, ids=[e["file"] for e in CLEAN])
def test_clean_unread(entry):
    """Only the PDF transcript has an unreadable line (a whole page on one line)."""
    unread = parsed(entry["file"])["unread"]
    assert sorted(u["line"] for u in unread) == entry.get("unreadable_lines", [])


# --- the clean files: nothing loud ------------------------------------------------------


@pytest.mark.parametrize("entry", CLEAN, ids=[e["file"] for e in CLEAN])
def test_clean_checks_quietly(entry):
    found = diagnostics(entry["file"])
    assert not loud(found), show(loud(found))
    unreadable = entry.get("unreadable_lines", [])
    if unreadable:
        # README: one info about each unreadable line, and nothing else from inside it.
        assert sorted(d["line"] for d in found if d["code"] == "RC009") == unreadable, show(found)


# --- the twins ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "entry, defect",
    [(t, d) for t in TWINS for d in t["defects"]],
    ids=[f"{t['file']}:{d['family']}@{d['line']}" for t in TWINS for d in t["defects"]],
)
def test_twin_reports_defect(entry, defect):
    found = diagnostics(entry["file"])
    lines = {defect["line"], *defect.get("also", [])}
    hits = [d for d in found if family_of(defect["family"], d["code"]) and d["line"] in lines]
    assert hits, f"no {defect['family']} finding on lines {sorted(lines)}:\n{show(found)}"


@pytest.mark.parametrize("entry", TWINS, ids=[t["file"] for t in TWINS])
def test_twin_reports_nothing_else(entry):
    found = diagnostics(entry["file"])
    families = {d["family"] for d in entry["defects"]}
    changed = changed_lines(entry["twin_of"], entry["file"])
    stray = [
        d
        for d in loud(found)
        if not any(family_of(f, d["code"]) for f in families) and d["line"] not in changed
    ]
    assert not stray, show(stray)


@pytest.mark.parametrize("entry", TWINS, ids=[t["file"] for t in TWINS])
def test_twin_same_unread_as_clean(entry):
    """The injected defect does not change what is unreadable (pdf-transcript: line 60)."""
    clean = next(e for e in CLEAN if e["file"] == entry["twin_of"])
    unread = parsed(entry["file"])["unread"]
    assert sorted(u["line"] for u in unread) == clean.get("unreadable_lines", [])
