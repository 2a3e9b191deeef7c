"""`--format junit`: JUnit XML for CI test tabs (GitLab `reports: junit`, Jenkins, Azure).

One test suite per file and one test case per finding (classname the file, name the
code, rule and position), as ruff writes it, so a CI test tab lists every finding on
its own row:

- a finding at or above the fail level (`--fail-on`) is a `<failure>`, typed with its code;
- a lower one is `<skipped>` (listed, but it does not fail the run);
- a lint that could not run completely (RC001–RC003) is an `<error>`;
- a file without findings has one passing test case, `referatcheck`, so every file
  checked shows in the tab.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Sequence

from referatcheck.engine import FileResult
from referatcheck.reporters import ReportOptions, fails, repository_path
from referatcheck.selfcheck import INCOMPLETE_CODES

_COUNTS = ("tests", "failures", "errors", "skipped")


def _line(d, lang: str) -> str:
    return f"{repository_path(d.path)}:{d.span.line}:{d.span.column}: {d.code} [{d.severity.value}] {d.display_message(lang)}"


def _xml_safe(text: str) -> str:
    # XML 1.0 cannot carry most C0 control characters, even escaped.
    return "".join(c if c in "\t\n\r" or ord(c) >= 32 else "\ufffd" for c in text)


def tree(results: Sequence[FileResult], options: ReportOptions) -> ET.Element:
    suites = ET.Element("testsuites", name="referatcheck")
    totals = dict.fromkeys(_COUNTS, 0)
    for result in sorted(results, key=lambda r: r.path):
        path = _xml_safe(repository_path(result.path))
        suite = ET.SubElement(suites, "testsuite", name=path, file=path)
        counts = dict.fromkeys(_COUNTS, 0)
        for d in sorted(result.diagnostics, key=lambda d: d.sort_key):
            case = ET.SubElement(suite, "testcase", classname=path,
                                 name=_xml_safe(f"{d.code} {d.rule} ({d.span.line}:{d.span.column})"),
                                 file=path, line=str(d.span.line))
            text = _xml_safe(d.display_message(options.lang))
            if d.code in INCOMPLETE_CODES:
                kind = "errors"
                element = ET.SubElement(case, "error", message=text, type=d.code)
            elif fails(d.severity.value, options.fail_on):
                kind = "failures"
                element = ET.SubElement(case, "failure", message=text, type=d.code)
            else:
                kind = "skipped"
                element = ET.SubElement(case, "skipped", message=text, type=d.code)
            element.text = _xml_safe(_line(d, options.lang))
            counts["tests"] += 1
            counts[kind] += 1
        if not result.diagnostics:
            ET.SubElement(suite, "testcase", classname=path, name="referatcheck", file=path)
            counts["tests"] += 1
        for name, value in counts.items():
            suite.set(name, str(value))
            totals[name] += value
    for name, value in totals.items():
        suites.set(name, str(value))
    return suites


def report(results: Sequence[FileResult], options: ReportOptions) -> str:
    root = tree(results, options)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
