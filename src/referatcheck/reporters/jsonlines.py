"""`--format json-lines`: one JSON object per finding and line, the shape of `--format json`.

Nothing else is written (no summary), so the output can be streamed and concatenated;
a run without findings prints nothing.
"""

from __future__ import annotations

import json
from typing import Sequence

from referatcheck.engine import FileResult
from referatcheck.reporters import ReportOptions, all_diagnostics


def report(results: Sequence[FileResult], options: ReportOptions) -> str:
    return "".join(
        json.dumps(d.to_dict(options.lang), ensure_ascii=False) + "\n" for d in all_diagnostics(results)
    )
