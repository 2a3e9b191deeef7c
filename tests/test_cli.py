"""The command line: exit policy, --output, stdin, selection flags, rules and explain."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from snippets import CLEAN, TOC_DEFECTS, write

from referatcheck.catalog import all_rules
from referatcheck.cli import main

WARNING_ONLY = TOC_DEFECTS.replace("Orientering om ingenting.....\t6\n", "")  # just the TOC003 warning


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "defekt.md", TOC_DEFECTS)
    write(tmp_path / "advarsel.md", WARNING_ONLY)
    write(tmp_path / "ren.md", CLEAN)
    return tmp_path


def cli(*args, input=None, env=None):
    return CliRunner().invoke(main, list(args), input=input, env=env)


@pytest.mark.parametrize(
    "args, status",
    [
        (["ren.md"], 0),
        (["defekt.md"], 1),
        (["advarsel.md"], 1),
        (["advarsel.md", "--fail-on", "warning"], 1),
        (["advarsel.md", "--fail-on", "error"], 0),
        (["defekt.md", "--fail-on", "error"], 1),
        (["defekt.md", "--exit-zero"], 0),
        (["defekt.md", "--ignore", "TOC001,TOC003"], 0),
        (["defekt.md", "--select", "TOC003", "--fail-on", "error"], 0),
        (["defekt.md", "--select", "TOC001", "--select", "TOC003", "--fail-on", "error"], 1),
    ],
)
def test_exit_policy(folder, args, status):
    run = cli("check", *args)
    assert run.exit_code == status, run.output


def test_incomplete_lint_exits_2_even_with_exit_zero(folder):
    (folder / "binær.md").write_bytes(b"\x00\x01\x02 not text")
    for extra in ([], ["--exit-zero"]):
        run = cli("check", "binær.md", "ren.md", *extra)
        assert run.exit_code == 2 and "RC003" in run.stdout


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["check"], "give files or folders"),
        (["check", "findes-ikke.md"], "does not exist"),
        (["check", "--format", "yaml", "ren.md"], "unknown format"),
        (["check", "--fail-on", "info", "ren.md"], "Invalid value"),
        (["explain", "XYZ999"], "unknown rule"),
    ],
)
def test_usage_errors_exit_2_in_one_line(folder, args, fragment):
    run = cli(*args)
    assert run.exit_code == 2 and fragment in run.stderr and "Traceback" not in run.stderr


def test_output_file(folder):
    run = cli("check", "--format", "json", "--output", "rapport.json", "defekt.md", "ren.md")
    assert run.exit_code == 1 and run.stdout == ""
    report = json.loads((folder / "rapport.json").read_text(encoding="utf-8"))
    assert report["summary"]["files"] == 2
    assert [d["code"] for d in report["diagnostics"] if d["code"].startswith("TOC")] == ["TOC003", "TOC001"]
    run = cli("check", "--output", "rapport.txt", "--color", "defekt.md")
    assert "\033[" not in (folder / "rapport.txt").read_text(encoding="utf-8")  # never colour in a file


def test_stdin_with_a_filename(folder):
    write(folder / "udvalg" / "referatcheck.toml", 'ignore = ["TOC001"]\n')
    run = cli("check", "-", "--stdin-filename", "udvalg/referat.md", "--format", "json", input=TOC_DEFECTS)
    assert run.exit_code == 1
    found = [(d["path"], d["code"]) for d in json.loads(run.stdout)["diagnostics"]]
    # Named as given, and configured by the folder that name points into.
    assert found == [("udvalg/referat.md", "TOC003")]
    run = cli("check", "--stdin-filename", "referat.md", input=CLEAN)
    assert run.exit_code == 0 and "1 fil kontrolleret: 0 fejl, 0 advarsler, 0 info" in run.stdout
    run = cli("check", "-", input=TOC_DEFECTS.encode("utf-8"))
    assert run.exit_code == 1 and "-:12:1: TOC001" in run.stdout


def test_stdin_together_with_files(folder):
    run = cli("check", "-", "ren.md", "--stdin-filename", "x.md", "--format", "json", input=TOC_DEFECTS)
    assert json.loads(run.stdout)["summary"]["files"] == 2


def test_config_and_isolated_flags(folder):
    write(folder / "referatcheck.toml", 'ignore = ["TOC"]\n')
    assert cli("check", "defekt.md").exit_code == 0
    assert cli("check", "--isolated", "defekt.md").exit_code == 1
    write(folder / "andet" / "strict.toml", '[severity]\nTOC003 = "error"\n')
    run = cli("check", "--config", "andet/strict.toml", "--fail-on", "error", "advarsel.md")
    assert run.exit_code == 1 and "TOC003 [error]" in run.stdout


def test_messages_follow_lang(folder):
    assert "mangler" in cli("check", "defekt.md").stdout or "intet dagsordenspunkt" in cli("check", "defekt.md").stdout
    english = cli("check", "--lang", "en", "defekt.md").stdout
    assert "no agenda item has that heading" in english and "1 file checked: 1 error, 1 warning, 0 infos" in english


def test_colour_only_when_asked_or_on_a_terminal(folder):
    assert "\033[" not in cli("check", "defekt.md").stdout
    assert "\033[31m" in cli("check", "--color", "defekt.md").stdout


# ---- rules and explain --------------------------------------------------------------------------


def test_rules_text_and_json(folder):
    text = cli("rules").stdout
    assert "TOC003" in text and "RC006" in text and "unused-suppression" in text
    rules = json.loads(cli("rules", "--format", "json", "--lang", "en").stdout)
    by_code = {r["code"]: r for r in rules}
    assert {"TOC001", "RC005", "RC006", "RC007"} <= set(by_code)
    assert by_code["RC006"]["summary"] == "A suppression comment suppressed nothing."
    assert set(by_code["TOC003"]) >= {"code", "name", "family", "severity", "summary", "why", "wrong", "right"}


@pytest.mark.parametrize("lang, headings", [
    ("da", ("Hvorfor:", "Forkert:", "Rigtigt:", "Standardalvorlighed: warning")),
    ("en", ("Why:", "Wrong:", "Right:", "Default severity: warning")),
])
def test_explain_in_both_languages(lang, headings):
    run = cli("explain", "TOC003", "--lang", lang)
    assert run.exit_code == 0
    for heading in headings:
        assert heading in run.stdout
    assert cli("explain", "toc-title-near-miss", "--lang", lang).stdout == run.stdout
    assert "RC006 unused-suppression" in cli("explain", "rc006", "--lang", lang).stdout


def test_every_rule_is_documented_in_both_languages():
    for rule in all_rules():
        doc = rule.doc
        for field in ("summary_da", "summary_en", "why_da", "why_en", "wrong", "right"):
            assert getattr(doc, field).strip(), f"{rule.code} has no {field}"
        assert doc.summary_da != doc.summary_en, rule.code
