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
    assert re.fullmatch(r"2 filer kontrolleret: \d+ fejl, (1 advarsel|\d+ advarsler), \d+ info", lines[-1])
    assert "\033[" not in out
    coloured = render("text", results, color=True)
    assert "\033[33mTOC003" in coloured and "\033[31mTOC001" in coloured


def test_json_keeps_its_documented_shape(results):
    document = json.loads(render("json", results))
    assert set(document) == {"version", "diagnostics", "summary"} and document["version"] == 1
    assert set(document["summary"]) == {"files", "errors", "warnings", "infos"}
    keys = {"path", "line", "column", "end_line", "end_column", "code", "severity", "message", "rule"}
    assert all(set(d) == keys for d in document["diagnostics"])


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


def test_junit_a_test_case_per_file_and_a_failure_per_finding(results):
    root = ET.fromstring(render("junit", results))
    suite = root.find("testsuite")
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert set(cases) == {"referater/clean.md", "referater/økonomi udvalg.md"}
    assert cases["referater/clean.md"].findall("failure") == []
    failures = cases["referater/økonomi udvalg.md"].findall("failure")
    assert [f.get("type") for f in failures if f.get("type").startswith("TOC")] == ["TOC003", "TOC001"]
    assert "referater/økonomi udvalg.md:12:1: TOC001" in failures[-1].text
    assert suite.get("tests") == "2" and root.get("failures") == "1"


def test_junit_below_the_fail_level_is_output_not_failure(results):
    root = ET.fromstring(render("junit", results, fail_on="error"))
    case = [c for c in root.iter("testcase") if c.get("name").endswith("udvalg.md")][0]
    assert "TOC003" in case.find("system-out").text
    assert "TOC003" not in [f.get("type") for f in case.findall("failure")]


def test_junit_incomplete_lint_is_an_error_and_control_characters_are_safe(tmp_path):
    binary = lint_file(str(tmp_path / "x.md"), b"\x00\x01binary")
    odd = _result("a\x0bb.md", "Besked med \x07 klokke")
    root = ET.fromstring(render("junit", [binary, odd]))
    assert root.get("errors") == "1" and root.find(".//error").get("type") == "RC003"


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
    level, properties, message = next(p for p in parsed if p[1]["title"] == "TOC001")
    assert level == "error" and properties["file"] == "referater/økonomi udvalg.md"
    assert (properties["line"], properties["col"], properties["endLine"]) == ("12", "1", "12")
    assert "Orientering om ingenting" in message
    assert next(p for p in parsed if p[1]["title"] == "TOC003")[0] == "warning"


def _result(path: str, message: str, severity=Severity.INFO, code="TOC003") -> FileResult:
    diagnostic = Diagnostic(code=code, severity=severity, message=Message(message, message), path=path,
                            span=Span(2, 3, 4, 5), rule="toc-title-near-miss", subject="x")
    return FileResult(path=path, diagnostics=(diagnostic,), source=SourceText.from_text("a\nb\n", path=path))


def test_github_escaping():
    out = render("github", [_result("mappe,a:b/100%.md", "50% af\r\nbeløbet: 1,5 mio.")])
    assert out == (
        "::notice file=mappe%2Ca%3Ab/100%25.md,line=2,col=3,endLine=4,title=TOC003::"
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
