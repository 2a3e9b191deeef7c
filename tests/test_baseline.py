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
    assert document["version"] == 1
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
    ('{"version": 1, "findings": [{"path": "a"}]}', "not a referatcheck baseline"),
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
