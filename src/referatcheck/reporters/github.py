"""`--format github`: GitHub Actions workflow commands, one annotation per finding.

`::error file=referat.md,line=18,col=1,endLine=18,endColumn=52,title=referatcheck (TOC003)::message`
— titled with the tool's name and the code, as ruff titles its own (`Ruff (F401)`), so a
reader of the pull request sees which tool speaks. Severities map to `error`, `warning`
and `notice`. Values are escaped as the Actions
toolkit does: `%`, CR and LF everywhere, and also `:` and `,` inside properties.
"""

from __future__ import annotations

from typing import Sequence

from referatcheck.engine import FileResult
from referatcheck.reporters import ReportOptions, all_diagnostics, repository_path

_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(diagnostic, lang: str = "da") -> str:
    span = diagnostic.span
    properties = [
        ("file", repository_path(diagnostic.path)),
        ("line", str(span.line)),
        ("col", str(span.column)),
        ("endLine", str(span.end_line)),
    ]
    if span.end_line == span.line:  # GitHub reads endColumn only on one-line regions
        properties.append(("endColumn", str(span.end_column)))
    properties.append(("title", f"referatcheck ({diagnostic.code})"))
    head = ",".join(f"{name}={escape_property(value)}" for name, value in properties)
    message = f"{diagnostic.display_message(lang)} [{diagnostic.rule}]"
    return f"::{_COMMANDS[diagnostic.severity.value]} {head}::{escape_data(message)}"


def report(results: Sequence[FileResult], options: ReportOptions) -> str:
    return "".join(annotation(d, options.lang) + "\n" for d in all_diagnostics(results))
