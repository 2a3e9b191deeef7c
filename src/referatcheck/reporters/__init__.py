"""Output formats. A reporter turns file results into the text of one report.

Built-in reporters are imported only when chosen, so `check` starts fast; plugins
add more through the `referatcheck_reporters` hook.
"""

from __future__ import annotations

from importlib import import_module
from typing import Callable, Sequence

from attrs import frozen

from referatcheck.engine import FileResult


@frozen
class ReportOptions:
    lang: str = "da"
    color: bool = False
    show_source: bool = True
    # The lowest severity that fails the run (`--fail-on`); JUnit marks those as failures.
    fail_on: str = "warning"
    # `--unsafe-fixes`: unsafe fixes count as applicable (the text report marks them `[*]`).
    unsafe_fixes: bool = False
    # `-q/--quiet`: the findings and nothing else (no summary lines).
    quiet: bool = False


Reporter = Callable[[Sequence[FileResult], ReportOptions], str]

# name -> "module:function"
BUILTIN: dict[str, str] = {
    "text": "referatcheck.reporters.text:report",
    "json": "referatcheck.reporters.json:report",
    "json-lines": "referatcheck.reporters.jsonlines:report",
    "sarif": "referatcheck.reporters.sarif:report",
    "junit": "referatcheck.reporters.junit:report",
    "github": "referatcheck.reporters.github:report",
    "gitlab": "referatcheck.reporters.gitlab:report",
    "html": "referatcheck.reporters.html:report",
}


def available(extra: dict | None = None) -> list[str]:
    return sorted({*BUILTIN, *(extra or {})})


def get_reporter(name: str, extra: dict | None = None) -> Reporter:
    if extra and name in extra:
        return extra[name]
    module, _, function = BUILTIN[name].partition(":")
    return getattr(import_module(module), function)


def counts(results: Sequence[FileResult]) -> dict[str, int]:
    """Files and findings by severity, as in every summary."""
    summary = {"files": len(results), "errors": 0, "warnings": 0, "infos": 0}
    for result in results:
        for d in result.diagnostics:
            summary[{"error": "errors", "warning": "warnings", "info": "infos"}[d.severity.value]] += 1
    return summary


def all_diagnostics(results: Sequence[FileResult]):
    """Every diagnostic of a run, sorted by path, line, column and code."""
    from referatcheck.diagnostic import sort_diagnostics

    return sort_diagnostics(d for r in results for d in r.diagnostics)


def repository_path(path: str) -> str:
    """``path`` as CI systems want it: relative to the working directory (the checkout)
    with `/` separators; absolute only when it lies outside."""
    import os
    from pathlib import Path

    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute, os.getcwd())
    except ValueError:  # another drive
        return Path(absolute).as_posix()
    if relative == ".." or relative.startswith(".." + os.sep):
        return Path(absolute).as_posix()
    return Path(relative).as_posix()


def fails(severity: str, fail_on: str) -> bool:
    """Whether a finding of ``severity`` fails a run with ``--fail-on fail_on``."""
    order = {"info": 0, "warning": 1, "error": 2}
    return order[severity] >= order.get(fail_on, 1)
