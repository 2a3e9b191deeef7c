"""The fix loop of one file: lint, apply the fixes that fit together, lint again, repeat.

As in ruff, fixes whose edits overlap are not applied in the same round; the next
round lints the edited text afresh, so its fixes have positions in that text. Unlike a
plain loop, every round is checked: a fix whose result has a finding the text before it
did not have (counted by code and subject) — or makes a rule crash — is dropped, never
written. The loop ends when no applicable fix is left, or after ``MAX_ROUNDS``.
"""

from __future__ import annotations

from collections import Counter
from typing import Callable, Sequence

from attrs import frozen

from referatcheck.diagnostic import Diagnostic
from referatcheck.edits import Fix, fixable_path
from referatcheck.engine import FileResult
from referatcheck.fixes import NotFixable, apply_to_bytes, decode_exactly, non_overlapping

MAX_ROUNDS = 25

Lint = Callable[[str, bytes], FileResult]


@frozen
class FixOutcome:
    """What fixing one file came to."""

    path: str
    original: bytes
    fixed: bytes  # equal to ``original`` when nothing was applied
    result: FileResult  # the lint of ``fixed``: what remains
    fixed_count: int = 0  # findings fixed
    fixed_codes: tuple[tuple[str, int], ...] = ()  # (code, how many), sorted
    problem: str | None = None  # why the file could not be edited at all

    @property
    def changed(self) -> bool:
        return self.fixed != self.original


def applicable(diagnostic: Diagnostic, unsafe: bool) -> bool:
    """Whether `--fix` (with ``unsafe``: `--fix --unsafe-fixes`) applies this finding's fix."""
    fix = diagnostic.fix
    return isinstance(fix, Fix) and bool(fix.edits) and fix.applies(unsafe)


def fix_bytes(path: str, data: bytes, lint: Lint, unsafe: bool = False, result: FileResult | None = None) -> FixOutcome:
    """Apply the applicable fixes of ``path``'s findings to ``data``.

    ``lint(path, data)`` lints bytes as the run does (configuration, suppressions);
    ``result`` is the lint of ``data`` when the caller has it already.
    """
    result = result if result is not None else lint(path, data)
    if not fixable_path(path) or not any(applicable(d, unsafe) for d in result.diagnostics):
        return FixOutcome(path, data, data, result)
    try:
        decode_exactly(data)
    except NotFixable as exc:
        return FixOutcome(path, data, data, result, problem=str(exc))
    current, fixed, rejected = data, Counter(), set()
    for _ in range(MAX_ROUNDS):
        groups = _groups(result.diagnostics, unsafe, rejected)
        if not groups:
            break
        fixes = list(groups)
        chosen = [fixes[k] for k in non_overlapping([f.edits for f in fixes])]
        attempts = [chosen] + ([[fix] for fix in chosen] if len(chosen) > 1 else [])
        for attempt in attempts:
            try:
                candidate = apply_to_bytes(current, [e for fix in attempt for e in fix.edits])
            except (NotFixable, ValueError):
                # Text the file's encoding cannot hold, or an edit outside the text (a rule's bug).
                if len(attempt) == 1:
                    rejected.update(attempt)
                continue
            after = lint(path, candidate)
            if _adds_findings(result, after):
                if len(attempt) == 1:
                    rejected.update(attempt)
                continue
            for fix in attempt:
                fixed.update(d.code for d in groups[fix])
            current, result = candidate, after
            break
    return FixOutcome(path, data, current, result, fixed_count=sum(fixed.values()),
                      fixed_codes=tuple(sorted(fixed.items())))


def _groups(diagnostics: Sequence[Diagnostic], unsafe: bool, rejected: set[Fix]) -> dict[Fix, list[Diagnostic]]:
    """The applicable fixes, each with the findings it fixes (one fix may serve several:
    the table of contents is rebuilt once for all its findings)."""
    groups: dict[Fix, list[Diagnostic]] = {}
    for diagnostic in diagnostics:
        if applicable(diagnostic, unsafe) and diagnostic.fix not in rejected:
            groups.setdefault(diagnostic.fix, []).append(diagnostic)
    return groups


def _adds_findings(before: FileResult, after: FileResult) -> bool:
    """Whether ``after`` has a finding ``before`` had not (by code and subject), or is incomplete."""
    if after.incomplete and not before.incomplete:
        return True
    new = Counter(_key(d) for d in after.diagnostics) - Counter(_key(d) for d in before.diagnostics)
    return bool(new)


def _key(diagnostic: Diagnostic) -> tuple[str, str]:
    return diagnostic.code, diagnostic.subject


def fixable_findings(results: Sequence[FileResult], unsafe: bool) -> tuple[int, int]:
    """``(applicable, hidden)``: findings `--fix` would fix (with ``unsafe``: also the unsafe
    ones), and those only `--unsafe-fixes` would add. Only files fixes may be applied to count."""
    shown = hidden = 0
    for result in results:
        if not fixable_path(result.path):
            continue
        for diagnostic in result.diagnostics:
            if applicable(diagnostic, unsafe):
                shown += 1
            elif applicable(diagnostic, True):
                hidden += 1
    return shown, hidden


__all__ = ["FixOutcome", "applicable", "fix_bytes", "fixable_findings", "MAX_ROUNDS"]
