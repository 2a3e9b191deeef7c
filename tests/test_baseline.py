"""Baselines: recorded findings stay hidden when lines move; new ones are reported."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from snippets import CLEAN, TOC_DEFECTS, toc_codes, write

from referatcheck.baseline import BaselineError, apply_baseline, read_baseline, write_baseline
from referatcheck.cli import main
from referatcheck.pipeline import lint_file


def lint_path(path):
    return lint_file(str(path), path.read_bytes())


def new_findings(baseline, *paths):
    return [toc_codes(r) for r in apply_baseline(str(baseline), [lint_path(p) for p in paths])]


@pytest.fixture
def archive(tmp_path):
    minutes = write(tmp_path / "udvalg" / "referat.md", TOC_DEFECTS)
    baseline = tmp_path / "baseline.json"
    recorded = write_baseline(str(baseline), [lint_path(minutes)])
    assert recorded == len(lint_path(minutes).diagnostics) >= 2
    return minutes, baseline


def test_baseline_hides_what_it_recorded(archive):
    minutes, baseline = archive
    assert new_findings(baseline, minutes) == [[]]


def test_baseline_file_is_readable_and_has_no_line_numbers(archive):
    _, baseline = archive
    document = json.loads(baseline.read_text(encoding="utf-8"))
    assert document["version"] == 2
    entries = {e["code"]: e for e in document["findings"]}
    assert entries["TOC001"]["path"] == "udvalg/referat.md"
    assert entries["TOC001"]["subject"] == "Orientering om ingenting"
    assert entries["TOC001"]["count"] == 1
    assert "line" not in json.dumps(document)


def test_inserted_lines_do_not_revive_findings(archive):
    minutes, baseline = archive
    moved = TOC_DEFECTS.replace("## Indholdsfortegnelse", "Et nyt afsnit øverst.\n\nOg et til.\n\n## Indholdsfortegnelse")
    moved = moved.replace("Godkendt.\n", "Godkendt.\n\nMed en ekstra bemærkning.\n", 1)
    minutes.write_text(moved, encoding="utf-8")
    assert toc_codes(lint_path(minutes))  # the findings are still there, on other lines ...
    assert new_findings(baseline, minutes) == [[]]  # ... and still known


def test_a_new_finding_is_reported(archive):
    minutes, baseline = archive
    text = TOC_DEFECTS.replace("Orientering om budgettet for 2024.....\t4", "Orientering om budgetet for 2024.....\t4")
    minutes.write_text(text, encoding="utf-8")
    assert new_findings(baseline, minutes) == [[("TOC003", 10)]]


def test_an_edited_line_is_a_new_finding(archive):
    minutes, baseline = archive
    minutes.write_text(TOC_DEFECTS.replace("takster for 2025", "takster for 2026"), encoding="utf-8")
    assert new_findings(baseline, minutes) == [[("TOC003", 11)]]


def test_duplicates_are_counted(tmp_path):
    minutes = write(tmp_path / "referat.md", TOC_DEFECTS)
    baseline = tmp_path / "baseline.json"
    write_baseline(str(baseline), [lint_path(minutes)])
    doubled = TOC_DEFECTS.replace("Orientering om ingenting.....\t6\n", "Orientering om ingenting.....\t6\n" * 2)
    minutes.write_text(doubled, encoding="utf-8")
    assert [code for code, _ in new_findings(baseline, minutes)[0]] == ["TOC001"]


def test_paths_are_relative_to_the_baseline_file(tmp_path, monkeypatch):
    minutes = write(tmp_path / "arkiv" / "referat.md", TOC_DEFECTS)
    baseline = tmp_path / "arkiv" / "baseline.json"
    monkeypatch.chdir(tmp_path)
    write_baseline(str(baseline), [lint_file("arkiv/referat.md", minutes.read_bytes())])
    monkeypatch.chdir(tmp_path / "arkiv")
    kept = apply_baseline("baseline.json", [lint_file("referat.md", minutes.read_bytes())])
    assert toc_codes(kept[0]) == []
    # Another file with the same content is not covered.
    copy = write(tmp_path / "arkiv" / "kopi.md", TOC_DEFECTS)
    assert toc_codes(apply_baseline("baseline.json", [lint_path(copy)])[0]) == [("TOC003", 11), ("TOC001", 12)]


@pytest.mark.parametrize("content, fragment", [
    ("{not json", "invalid JSON"),
    ('{"version": 7, "findings": []}', "unknown version"),
    ('{"version": 2, "findings": [{"path": "a"}]}', "not a referatcheck baseline"),
    ("[]", "not a referatcheck baseline"),
])
def test_bad_baseline_files(tmp_path, content, fragment):
    bad = write(tmp_path / "baseline.json", content)
    with pytest.raises(BaselineError, match=fragment):
        read_baseline(str(bad))


def test_command_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "referater" / "a.md", TOC_DEFECTS)
    write(tmp_path / "referater" / "b.md", CLEAN)
    runner = CliRunner()
    run = runner.invoke(main, ["check", "referater", "--write-baseline", "baseline.json"])
    assert run.exit_code == 0 and run.stdout == "" and "baseline.json" in run.stderr
    run = runner.invoke(main, ["check", "referater", "--baseline", "baseline.json", "--format", "json"])
    assert run.exit_code == 0, run.output
    assert json.loads(run.stdout)["diagnostics"] == []
    write(tmp_path / "referater" / "b.md", TOC_DEFECTS)  # the same defects in a file not recorded
    run = runner.invoke(main, ["check", "referater", "--baseline", "baseline.json", "--format", "json"])
    assert run.exit_code == 1
    assert {d["path"] for d in json.loads(run.stdout)["diagnostics"]} == {"referater/b.md"}

    run = runner.invoke(main, ["check", "referater", "--baseline", "missing.json"])
    assert run.exit_code == 2 and "missing.json" in run.stderr and "Traceback" not in run.stderr
    run = runner.invoke(main, ["check", "referater", "--baseline", "baseline.json", "--write-baseline", "x.json"])
    assert run.exit_code == 2


# ---- a baseline never hides a new or changed finding (figures and severity) ----------------

from collections import Counter  # noqa: E402

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from referatcheck.diagnostic import _LINE_REFERENCE  # noqa: E402

TABLE_ITEM = """\
# REFERAT Økonomiudvalget d. 02-09-2024

**Mødedato** Mandag d. 2. september 2024 kl. 16:00

# Punkt 1: Budgetopfølgning

24/01234

## Sagsfremstilling
{before}
1.000 kr.\tBudget\tRegnskab
{rows}

## Beslutning

Godkendt.

# Punkt 2: Orientering om ledigheden

24/01235

## Sagsfremstilling

{other}

## Beslutning

Taget til efterretning.
"""


def _minutes(table: list[list[int]], before: str = "", other: str = "Ledigheden er faldet.") -> str:
    labels = [f"Område {chr(65 + k)}" for k in range(len(table) - 1)] + ["I alt"]
    rows = "\n".join(f"{label}\t" + "\t".join(format_number(v) for v in row) for label, row in zip(labels, table))
    return TABLE_ITEM.format(before=before, rows=rows, other=other)


def format_number(value: int) -> str:
    from referatcheck.amounts import format_number as danish

    return danish(value, 0)


def _what(diagnostic) -> tuple:
    """A finding as the oracle compares it: everything it says, its line references aside."""
    message = _LINE_REFERENCE.sub("line #", diagnostic.message.en)
    return diagnostic.code, diagnostic.severity.value, message


def _run(tmp_path, text: str):
    path = tmp_path / "referat.md"
    path.write_text(text, encoding="utf-8")
    return lint_file(str(path), text.encode())


def _reported_after_baseline(tmp_path, old_text: str, new_text: str):
    baseline = tmp_path / "baseline.json"
    old = _run(tmp_path, old_text)
    write_baseline(str(baseline), [old])
    new = _run(tmp_path, new_text)
    kept = apply_baseline(str(baseline), [new])[0].diagnostics
    expected = Counter(_what(d) for d in new.diagnostics) - Counter(_what(d) for d in old.diagnostics)
    return Counter(_what(d) for d in kept), expected, old


@st.composite
def tables(draw):
    """Rows of two columns and a total row: exact, off by rounding (info) or wrong (error)."""
    n = draw(st.integers(2, 5))
    rows = [[draw(st.integers(0, 99_999)) for _ in range(2)] for _ in range(n)]
    total = [sum(r[c] for r in rows) + draw(st.sampled_from([0, 0, 1, -1, 7, -250])) for c in range(2)]
    return [*rows, total]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=tables(), data=st.data())
def test_any_changed_figure_of_a_baselined_table_is_reported(tmp_path, table, data):
    row = data.draw(st.integers(0, len(table) - 1), label="row")
    column = data.draw(st.integers(0, 1), label="column")
    changed = [list(r) for r in table]
    changed[row][column] = data.draw(st.integers(0, 99_999).filter(lambda v: v != table[row][column]), label="value")
    reported, expected, _ = _reported_after_baseline(tmp_path, _minutes(table), _minutes(changed))
    # Every finding that is new or says something else (a figure, a severity) is reported;
    # every finding that is the same as before stays hidden.
    assert reported == expected


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=tables(), moved=st.integers(1, 6), other=st.sampled_from(
    ["Ledigheden er faldet til 3,1 pct.", "Ledigheden er uændret.\n\nDer er 412 ledige i kommunen."]))
def test_moving_lines_and_editing_other_items_hide_nothing_and_revive_nothing(tmp_path, table, moved, other):
    before = "\n" + "".join(f"Et nyt afsnit nummer {k}.\n\n" for k in range(moved))
    reported, expected, old = _reported_after_baseline(tmp_path, _minutes(table), _minutes(table, before, other))
    assert reported == expected
    assert not any(code.startswith("TAB") for code, _, _ in reported)


def test_the_issue_cases_a_wrong_row_and_a_rounding_info_turned_error(tmp_path):
    table = [[100, 200], [300, 400], [401, 600]]  # 100 + 300 = 400: I alt 401 is a rounding info
    old = _run(tmp_path, _minutes(table))
    assert [(d.code, d.severity.value) for d in old.diagnostics if d.code == "TAB001"] == [("TAB001", "info")]
    # Another row of the same column goes wrong: the total's finding is now an error.
    reported, expected, _ = _reported_after_baseline(tmp_path, _minutes(table), _minutes([[100, 200], [350, 400],
                                                                                           [401, 600]]))
    assert [(code, severity) for code, severity, _ in reported] == [("TAB001", "error")]
    assert reported == expected


def test_a_version_1_baseline_is_refused_with_a_hint(tmp_path):
    old = write(tmp_path / "baseline.json", '{"version": 1, "tool": "referatcheck", "findings": []}')
    with pytest.raises(BaselineError, match="write it again"):
        read_baseline(str(old))
