"""`--format json`: the stable machine-readable shape other tools consume."""

from __future__ import annotations

import json
from typing import Sequence

from referatcheck.engine import FileResult
from referatcheck.reporters import ReportOptions, all_diagnostics, counts


def document(results: Sequence[FileResult], options: ReportOptions) -> dict:
    return {
        "version": 1,
        "diagnostics": [d.to_dict(options.lang) for d in all_diagnostics(results)],
        "summary": counts(results),
    }


def report(results: Sequence[FileResult], options: ReportOptions) -> str:
    return json.dumps(document(results, options), ensure_ascii=False, indent=2) + "\n"
