"""`--format text`: `path:line:col: CODE [severity] message`, the source line and a caret."""

from __future__ import annotations

from typing import Sequence

from referatcheck.cpr import mask_cpr
from referatcheck.engine import FileResult
from referatcheck.reporters import ReportOptions, all_diagnostics, counts
from referatcheck.reporters.wording import summary_line

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"
_SEVERITY = {"da": {"error": "fejl", "warning": "advarsel", "info": "info"}}


def report(results: Sequence[FileResult], options: ReportOptions) -> str:
    sources = {r.path: r.source for r in results}
    out: list[str] = []
    for d in all_diagnostics(results):
        severity = d.severity.value
        head = f"{d.path}:{d.span.line}:{d.span.column}: {d.code} [{severity}] {d.display_message(options.lang)}"
        if options.color:
            head = (
                f"{_BOLD}{d.path}:{d.span.line}:{d.span.column}:{_RESET} {_COLOURS[severity]}{d.code}"
                f" [{severity}]{_RESET} {d.display_message(options.lang)}"
            )
        out.append(head)
        source = sources.get(d.path)
        if options.show_source and source is not None:
            line = source.line(d.span.line)
            if line.strip():
                # The report must not republish a CPR number; only the part shown is masked
                # (masking keeps lengths, so the caret below still fits).
                visible = mask_cpr(line[:320])
                shown = visible.expandtabs(4) if len(line) <= 300 else visible[:300] + " …"
                out.append(f"    {shown}")
                caret_col = len(line[: d.span.column - 1].expandtabs(4))
                width = max(1, min(d.span.end_column - d.span.column, len(line) - d.span.column + 1)) if d.span.end_line == d.span.line else 1
                width = min(width, 120)
                caret = " " * caret_col + "^" + "~" * (width - 1)
                out.append(f"    {_DIM}{caret}{_RESET}" if options.color else f"    {caret}")
    out.append(summary_line(counts(results), options.lang))
    return "\n".join(out) + "\n"
