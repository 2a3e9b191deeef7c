"""End to end on examples/: every documented defect is found where EXPECTED.md says,
and the clean minutes give no error or warning."""

from __future__ import annotations

import re

import pytest

from conftest import EXAMPLES
from referatcheck.engine import Linter

ROW = re.compile(r"^\| `(?P<file>[^`]+)` \| (?P<line>\d+)[^|]*\| (?P<also>[^|]*)\| (?P<family>[A-Z]+) \| (?P<what>.*) \|$")


def expected_rows():
    text = (EXAMPLES / "defects" / "EXPECTED.md").read_text(encoding="utf-8")
    section = text.split("## Rounding")[0]
    rows = []
    for line in section.splitlines():
        match = ROW.match(line)
        if match:
            also = {int(n) for n in re.findall(r"\d+", match.group("also"))}
            rows.append((match.group("file"), int(match.group("line")), also, match.group("family"), match.group("what")))
    return rows


ROWS = expected_rows()


def test_expected_table_is_read():
    assert len(ROWS) >= 20
    assert {r[3] for r in ROWS} >= {"TOC", "TAB", "MTG", "ITM", "DEC", "ATT", "TXT", "PRV", "RC"}


@pytest.fixture(scope="module")
def findings():
    linter = Linter()
    cache = {}
    for name in {r[0] for r in ROWS}:
        path = EXAMPLES / "defects" / name
        cache[name] = linter.lint_bytes(str(path), path.read_bytes()).diagnostics
    return cache


@pytest.mark.parametrize("name, line, also, family, what", ROWS, ids=[f"{r[0]}:{r[1]}:{r[3]}" for r in ROWS])
def test_documented_defect_is_found_at_its_line(findings, name, line, also, family, what):
    lines = {line} | also
    hits = [d for d in findings[name] if d.code.startswith(family) and d.span.line in lines]
    if family == "RC":
        hits = [d for d in findings[name] if d.code.startswith("RC")]
    assert hits, f"{family} at {sorted(lines)}: {what}\nfound: " + "; ".join(
        f"{d.code}@{d.span.line}" for d in findings[name])
    assert any(d.severity.value in ("error", "warning") for d in hits)


def test_clean_examples_give_no_error_or_warning():
    linter = Linter()
    for path in sorted((EXAMPLES / "clean").glob("*.md")):
        bad = [d for d in linter.lint_bytes(str(path), path.read_bytes()).diagnostics
               if d.severity.value in ("error", "warning")]
        assert not bad, (path.name, [(d.code, d.span.line, d.message.da) for d in bad])


def test_bom_and_crlf_example_is_clean():
    path = EXAMPLES / "defects" / "crlf-bom.md"
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    assert [d for d in Linter().lint_bytes(str(path), data).diagnostics if d.severity.value != "info"] == []
