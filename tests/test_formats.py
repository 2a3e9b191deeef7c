"""Every output format, parsed or validated: json-lines, SARIF, JUnit, GitHub, GitLab (and text, json)."""

from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from snippets import CLEAN, TOC_DEFECTS, write

from referatcheck.catalog import HOMEPAGE, RULES_REFERENCE
from referatcheck.diagnostic import Diagnostic, Message, Severity
from referatcheck.engine import FileResult
from referatcheck.model import Span
from referatcheck.pipeline import lint_file
from referatcheck.reporters import BUILTIN, ReportOptions, get_reporter
from referatcheck.source import SourceText

SCHEMA = Path(__file__).parent / "schemas" / "sarif-2.1.0-rtm.5.json"


def render(fmt: str, results, **options) -> str:
    return get_reporter(fmt)(results, ReportOptions(**options))


@pytest.fixture
def results(tmp_path, monkeypatch):
    """A run over a folder as CI sees it: the working directory is the checkout."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "referater" / "økonomi udvalg.md", TOC_DEFECTS)
    write(tmp_path / "referater" / "clean.md", CLEAN)
    return [lint_file(p, Path(p).read_bytes()) for p in ("referater/clean.md", "referater/økonomi udvalg.md")]


def test_every_format_is_registered():
    assert {"text", "json", "json-lines", "sarif", "junit", "github", "gitlab"} <= set(BUILTIN)


def test_text_has_excerpt_caret_and_summary(results):
    out = render("text", results)
    lines = out.splitlines()
    head = next(i for i, line in enumerate(lines) if ": TOC003 [warning]" in line)
    assert lines[head].startswith("referater/økonomi udvalg.md:11:1:")
    assert "takster for 2025" in lines[head + 1] and lines[head + 2].strip().startswith("^")
    assert re.fullmatch(r"2 filer kontrolleret: \d+ fejl, (1 advarsel|\d+ advarsler), \d+ info", lines[-2])
    assert lines[-1] == "[*] 2 kan rettes med `--fix`."
    assert "[*] Titlen afviger" in lines[head]  # a finding --fix can fix is marked as ruff marks it
    quiet = render("text", results, quiet=True)
    assert quiet.splitlines() == lines[:-2]  # -q: the findings and nothing else
    assert "\033[" not in out
    coloured = render("text", results, color=True)
    assert "\033[33mTOC003" in coloured and "\033[31mTOC001" in coloured


def test_json_keeps_its_documented_shape(results):
    document = json.loads(render("json", results))
    assert set(document) == {"version", "diagnostics", "summary"} and document["version"] == 1
    assert set(document["summary"]) == {"files", "errors", "warnings", "infos"}
    keys = {"path", "line", "column", "end_line", "end_column", "code", "severity", "message", "rule", "fix"}
    assert all(set(d) == keys for d in document["diagnostics"])
    # A fix as ruff writes it: applicability, what it does, its edits (1-based, the end exclusive).
    near = next(d for d in document["diagnostics"] if d["code"] == "TOC003")
    assert near["fix"] == {"applicability": "safe", "message": "Byg indholdsfortegnelsen om fra dagsordenspunkterne.",
                           "edits": [{"line": 11, "column": 1, "end_line": 11, "end_column": 39,
                                      "content": "Godkendelse af takster for 2024.....\t5"},
                                     {"line": 12, "column": 1, "end_line": 13, "end_column": 1, "content": ""}]}
    assert all(d["fix"] is None for d in document["diagnostics"] if d["code"].startswith("MTG"))


def test_json_lines_one_object_per_finding(results):
    out = render("json-lines", results, lang="en")
    objects = [json.loads(line) for line in out.splitlines()]
    assert objects == json.loads(render("json", results, lang="en"))["diagnostics"]
    assert any(o["code"] == "TOC001" and o["line"] == 12 for o in objects)
    assert render("json-lines", [r for r in results if not r.diagnostics]) == ""


# ---- SARIF ----------------------------------------------------------------------------


def test_sarif_is_valid_against_the_schema(results):
    log = json.loads(render("sarif", results))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    jsonschema.Draft4Validator(schema).validate(log)
    assert log["version"] == "2.1.0"


def test_sarif_works_for_github_code_scanning(results):
    log = json.loads(render("sarif", results))
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert run["tool"]["driver"]["name"] == "referatcheck"
    assert run["columnKind"] == "unicodeCodePoints"
    found = {r["ruleId"]: r for r in run["results"]}
    near = found["TOC003"]
    location = near["locations"][0]["physicalLocation"]
    # Relative, percent-encoded URI; 1-based region.
    assert location["artifactLocation"] == {"uri": "referater/%C3%B8konomi%20udvalg.md", "uriBaseId": "%SRCROOT%"}
    assert location["region"]["startLine"] == 11 and location["region"]["startColumn"] == 1
    assert near["level"] == "warning" and found["TOC001"]["level"] == "error"
    # Rule metadata from the rule docs, referenced by index.
    descriptor = rules[near["ruleIndex"]]
    assert descriptor["id"] == "TOC003" and descriptor["name"] == "toc-title-near-miss"
    assert descriptor["shortDescription"]["text"].startswith("En titel i indholdsfortegnelsen")
    assert "Forkert" in descriptor["help"]["text"] and "```" in descriptor["help"]["markdown"]
    assert descriptor["defaultConfiguration"]["level"] == "warning"
    assert near["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 30
    assert all(r["partialFingerprints"] for r in run["results"])
    assert run["invocations"][0]["executionSuccessful"] is True
    # Links to referatcheck and to each rule's documentation (the generated rule reference).
    assert run["tool"]["driver"]["informationUri"] == HOMEPAGE
    assert descriptor["helpUri"] == RULES_REFERENCE + "#toc003"
    assert all(r["helpUri"].startswith(RULES_REFERENCE + "#") for r in rules)
    english = json.loads(render("sarif", results, lang="en"))["runs"][0]
    assert english["tool"]["driver"]["rules"][near["ruleIndex"]]["shortDescription"]["text"].startswith("A table")


def test_sarif_fingerprints_survive_moved_lines(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path / "a.md", TOC_DEFECTS)

    def prints():
        log = json.loads(render("sarif", [lint_file("a.md", path.read_bytes())]))
        return {(r["ruleId"], r["partialFingerprints"]["referatcheck/content/v1"]) for r in log["runs"][0]["results"]}

    before = prints()
    path.write_text("Indledning.\n\n" + TOC_DEFECTS, encoding="utf-8")
    assert prints() == before


def test_sarif_for_a_file_outside_the_working_directory(tmp_path, monkeypatch):
    outside = write(tmp_path / "ude" / "a.md", TOC_DEFECTS)
    (tmp_path / "inde").mkdir()
    monkeypatch.chdir(tmp_path / "inde")
    log = json.loads(render("sarif", [lint_file(str(outside), outside.read_bytes())]))
    jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(log)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.startswith("file:///")


# ---- JUnit ----------------------------------------------------------------------------


def test_junit_a_test_suite_per_file_and_a_test_case_per_finding(results):
    root = ET.fromstring(render("junit", results))
    suites = {suite.get("name"): suite for suite in root.findall("testsuite")}
    assert set(suites) == {"referater/clean.md", "referater/økonomi udvalg.md"}
    [passed] = suites["referater/clean.md"].findall("testcase")  # a clean file shows as one passing case
    assert passed.get("name") == "referatcheck" and list(passed) == []
    suite = suites["referater/økonomi udvalg.md"]
    cases = suite.findall("testcase")
    diagnostics = [d for r in results for d in r.diagnostics]
    assert len(cases) == len(diagnostics) == int(suite.get("tests"))
    orphan = next(c for c in cases if c.get("name").startswith("TOC001"))
    assert orphan.get("name") == "TOC001 toc-entry-without-item (12:1)"
    assert orphan.get("classname") == "referater/økonomi udvalg.md" and orphan.get("line") == "12"
    [failure] = orphan.findall("failure")
    assert failure.get("type") == "TOC001" and "referater/økonomi udvalg.md:12:1: TOC001" in failure.text
    failing = sum(1 for d in diagnostics if d.severity.value in ("error", "warning"))
    assert suite.get("failures") == str(failing) == root.get("failures")
    assert root.get("tests") == str(len(diagnostics) + 1)


def test_junit_below_the_fail_level_is_skipped_not_failed(results):
    root = ET.fromstring(render("junit", results, fail_on="error"))
    near = next(c for c in root.iter("testcase") if c.get("name").startswith("TOC003"))
    assert near.find("failure") is None and near.find("skipped").get("type") == "TOC003"
    assert "TOC003" in near.find("skipped").text
    assert int(root.get("skipped")) >= 1


def test_junit_incomplete_lint_is_an_error_and_control_characters_are_safe(tmp_path):
    binary = lint_file(str(tmp_path / "x.md"), b"\x00\x01binary")
    odd = _result("a\x0bb.md", "Besked med \x07 klokke")
    root = ET.fromstring(render("junit", [binary, odd]))
    assert root.get("errors") == "1" and root.find(".//error").get("type") == "RC003"
    assert "\ufffd" in next(c for c in root.iter("testcase") if c.get("classname") == "a\ufffdb.md").get("classname")


# ---- GitHub ---------------------------------------------------------------------------


_COMMAND = re.compile(r"::(error|warning|notice) ([^:]*)::(.*)")


def _unescape(text: str) -> str:
    return text.replace("%0A", "\n").replace("%0D", "\r").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def test_github_annotations(results):
    lines = render("github", results).splitlines()
    parsed = []
    for line in lines:
        match = _COMMAND.fullmatch(line)
        assert match, line
        properties = dict(p.split("=", 1) for p in match.group(2).split(","))
        parsed.append((match.group(1), {k: _unescape(v) for k, v in properties.items()}, _unescape(match.group(3))))
    level, properties, message = next(p for p in parsed if p[1]["title"] == "referatcheck (TOC001)")
    assert level == "error" and properties["file"] == "referater/økonomi udvalg.md"
    assert (properties["line"], properties["col"], properties["endLine"]) == ("12", "1", "12")
    assert "Orientering om ingenting" in message
    assert next(p for p in parsed if p[1]["title"] == "referatcheck (TOC003)")[0] == "warning"
    assert all(p[1]["title"].startswith("referatcheck (") for p in parsed)  # titled with the tool's name


def _result(path: str, message: str, severity=Severity.INFO, code="TOC003") -> FileResult:
    diagnostic = Diagnostic(code=code, severity=severity, message=Message(message, message), path=path,
                            span=Span(2, 3, 4, 5), rule="toc-title-near-miss", subject="x")
    return FileResult(path=path, diagnostics=(diagnostic,), source=SourceText.from_text("a\nb\n", path=path))


def test_github_escaping():
    out = render("github", [_result("mappe,a:b/100%.md", "50% af\r\nbeløbet: 1,5 mio.")])
    assert out == (
        "::notice file=mappe%2Ca%3Ab/100%25.md,line=2,col=3,endLine=4,title=referatcheck (TOC003)::"
        "50%25 af%0D%0Abeløbet: 1,5 mio. [toc-title-near-miss]\n"
    )
    match = _COMMAND.fullmatch(out.strip())
    assert _unescape(dict(p.split("=", 1) for p in match.group(2).split(","))["file"]) == "mappe,a:b/100%.md"


# ---- GitLab ---------------------------------------------------------------------------


def test_gitlab_code_quality(results):
    issues = json.loads(render("gitlab", results))
    assert isinstance(issues, list) and issues
    for issue in issues:
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issue)
        assert re.fullmatch(r"[0-9a-f]{32}", issue["fingerprint"])
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert isinstance(issue["location"]["lines"]["begin"], int)
    by_code = {i["check_name"]: i for i in issues}
    assert by_code["TOC001"]["severity"] == "critical" and by_code["TOC003"]["severity"] == "major"
    assert by_code["TOC001"]["location"] == {"path": "referater/økonomi udvalg.md", "lines": {"begin": 12, "end": 12}}
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert json.loads(render("gitlab", [_result("a.md", "m")]))[0]["severity"] == "minor"


def test_gitlab_fingerprints_are_stable_md5_and_survive_moved_lines(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path / "a.md", TOC_DEFECTS)
    first = {i["check_name"]: i["fingerprint"] for i in json.loads(render("gitlab", [lint_file("a.md", path.read_bytes())]))}
    path.write_text("Indledning.\n\n" + TOC_DEFECTS, encoding="utf-8")
    second = {i["check_name"]: i["fingerprint"] for i in json.loads(render("gitlab", [lint_file("a.md", path.read_bytes())]))}
    assert first == second
    assert all(len(f) == len(hashlib.md5(b"").hexdigest()) for f in first.values())
