"""`--format text`: `path:line:col: CODE [severity] message`, the source line and a caret.

A finding `--fix` can fix is marked `[*]` before its message (ruff's mark), and a line
after the summary counts them (and those only `--unsafe-fixes` would add).
"""

from __future__ import annotations

from typing import Sequence

from referatcheck.cpr import mask_cpr
from referatcheck.engine import FileResult
from referatcheck.fixer import applicable, fixable_findings
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
        mark = "[*] " if applicable(d, options.unsafe_fixes) else ""
        head = f"{d.path}:{d.span.line}:{d.span.column}: {d.code} [{severity}] {mark}{d.display_message(options.lang)}"
        if options.color:
            head = (
                f"{_BOLD}{d.path}:{d.span.line}:{d.span.column}:{_RESET} {_COLOURS[severity]}{d.code}"
                f" [{severity}]{_RESET} {mark}{d.display_message(options.lang)}"
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
    if options.quiet:
        return "".join(line + "\n" for line in out)
    out.append(summary_line(counts(results), options.lang))
    fixable, hidden = fixable_findings(results, options.unsafe_fixes)
    if fixable or hidden:
        out.append(_fixable_line(fixable, hidden, options.lang))
    return "\n".join(out) + "\n"


def _fixable_line(fixable: int, hidden: int, lang: str) -> str:
    if lang == "en":
        line = f"[*] {fixable} fixable with `--fix`"
        return line + (f" ({hidden} more with `--unsafe-fixes`)." if hidden else ".")
    line = f"[*] {fixable} kan rettes med `--fix`"
    return line + (f" ({hidden} mere med `--unsafe-fixes`)." if hidden else ".")
