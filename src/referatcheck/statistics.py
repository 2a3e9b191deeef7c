"""`--statistics`: how many findings of each code, instead of the findings (as ruff prints it).

Text: one line per code, most frequent first — the count, the code, `[*]` when `--fix`
can fix findings of the code, and the rule's name. JSON: a list of
`{"code", "name", "count", "fixable"}` in the same order.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Sequence

from referatcheck.engine import FileResult
from referatcheck.fixer import applicable


def statistics(results: Sequence[FileResult], unsafe: bool = False) -> list[dict]:
    counts: Counter = Counter()
    names: dict[str, str] = {}
    fixable: dict[str, int] = Counter()
    for result in results:
        for diagnostic in result.diagnostics:
            counts[diagnostic.code] += 1
            names.setdefault(diagnostic.code, diagnostic.rule)
            fixable[diagnostic.code] += applicable(diagnostic, unsafe)
    order = sorted(counts, key=lambda code: (-counts[code], code))
    return [{"code": code, "name": names[code], "count": counts[code], "fixable": fixable[code]} for code in order]


def render(results: Sequence[FileResult], output_format: str, unsafe: bool = False) -> str:
    rows = statistics(results, unsafe)
    if output_format == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if not rows:
        return ""
    width = max(len(str(row["count"])) for row in rows)
    code_width = max(len(row["code"]) for row in rows)
    return "".join(
        f"{row['count']:>{width}}\t{row['code']:<{code_width}}\t{'[*]' if row['fixable'] else '   '} {row['name']}\n"
        for row in rows
    )
