"""`--format junit`: JUnit XML for CI test tabs (GitLab `reports: junit`, Jenkins, Azure).

One test case per file (`classname` referatcheck, `name` the file). Each finding at
or above the fail level (`--fail-on`) is a `<failure>` of that test case, typed with
its code; lower ones are listed in `<system-out>`; a lint that could not run
completely (RC001–RC003) is an `<error>`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Sequence

from referatcheck.engine import FileResult
from referatcheck.reporters import ReportOptions, fails, repository_path
from referatcheck.selfcheck import INCOMPLETE_CODES


def _line(d, lang: str) -> str:
    return f"{repository_path(d.path)}:{d.span.line}:{d.span.column}: {d.code} [{d.severity.value}] {d.display_message(lang)}"


def _xml_safe(text: str) -> str:
    # XML 1.0 cannot carry most C0 control characters, even escaped.
    return "".join(c if c in "\t\n\r" or ord(c) >= 32 else "\ufffd" for c in text)


def tree(results: Sequence[FileResult], options: ReportOptions) -> ET.Element:
    suites = ET.Element("testsuites", name="referatcheck")
    suite = ET.SubElement(suites, "testsuite", name="referatcheck")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for result in sorted(results, key=lambda r: r.path):
        path = repository_path(result.path)
        case = ET.SubElement(suite, "testcase", classname="referatcheck", name=_xml_safe(path), file=_xml_safe(path))
        totals["tests"] += 1
        failed = errored = False
        below = []
        for d in sorted(result.diagnostics, key=lambda d: d.sort_key):
            text = _xml_safe(d.display_message(options.lang))
            if d.code in INCOMPLETE_CODES:
                element = ET.SubElement(case, "error", message=text, type=d.code)
                errored = True
            elif fails(d.severity.value, options.fail_on):
                element = ET.SubElement(case, "failure", message=text, type=d.code)
                failed = True
            else:
                below.append(_xml_safe(_line(d, options.lang)))
                continue
            element.text = _xml_safe(_line(d, options.lang))
        if below:
            ET.SubElement(case, "system-out").text = "\n".join(below)
        totals["failures"] += failed and not errored
        totals["errors"] += errored
    for element in (suites, suite):
        for name, value in totals.items():
            element.set(name, str(value))
    return suites


def report(results: Sequence[FileResult], options: ReportOptions) -> str:
    root = tree(results, options)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
