"""`--format gitlab`: GitLab Code Quality JSON (`artifacts: reports: codequality`).

Each finding is `{description, check_name, fingerprint, severity, location: {path,
lines: {begin}}}`. The fingerprint is the MD5 of the file, the code and the content
fingerprint of the baseline (not the line number), with a running number for
identical findings, so GitLab sees a finding as the same one after lines move.
Severities: info → minor, warning → major, error → critical.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Sequence

from referatcheck.baseline import fingerprint
from referatcheck.engine import FileResult
from referatcheck.reporters import ReportOptions, repository_path

SEVERITY = {"info": "minor", "warning": "major", "error": "critical"}


def issues(results: Sequence[FileResult], options: ReportOptions) -> list[dict]:
    out = []
    for result in sorted(results, key=lambda r: r.path):
        path = repository_path(result.path)
        seen: Counter = Counter()
        for d in sorted(result.diagnostics, key=lambda d: d.sort_key):
            content = fingerprint(d, result.source)
            seen[content] += 1
            key = f"{path}\x1f{d.code}\x1f{content}\x1f{seen[content]}"
            out.append({
                "type": "issue",
                "description": f"{d.code} {d.display_message(options.lang)}",
                "check_name": d.code,
                "fingerprint": hashlib.md5(key.encode("utf-8", "surrogatepass"), usedforsecurity=False).hexdigest(),
                "severity": SEVERITY[d.severity.value],
                "location": {"path": path, "lines": {"begin": d.span.line, "end": d.span.end_line}},
                "categories": ["Bug Risk"],
                "engine_name": "referatcheck",
            })
    return out


def report(results: Sequence[FileResult], options: ReportOptions) -> str:
    return json.dumps(issues(results, options), ensure_ascii=False, indent=2) + "\n"
