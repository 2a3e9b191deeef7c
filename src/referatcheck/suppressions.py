"""Suppression comments: `<!-- referatcheck: disable=TAB001 reason="…" -->` in the minutes.

Directives (codes, prefixes, families or rule names, comma-separated):

- `disable=X` … `enable=X`: findings reported on the lines in between (no `enable`:
  to the end of the file). A bare `enable` closes every open `disable`.
- `disable-next-line=X`: findings on the next line that is neither blank nor a comment.
- `disable-file=X`: findings anywhere in the file.

A comment must stand alone on its line (Markdown renders it invisible, and the lexer
reads such a line as a comment, so it never splits a table). A referatcheck comment on
the same line as text is not a suppression — at the end of a table row it would be read
as part of the last cell — and is reported as RC007, as is `disable-line`. A finding
counts where it is reported: its first line. Comments that name an unknown code (RC005),
suppress nothing (RC006, like ruff's unused-noqa) or cannot be read (RC007) are findings
themselves; no comment can suppress those, and a `select` that leaves them out does not
switch them off (only an `ignore` that names them does).
"""

from __future__ import annotations

import difflib
import re
from typing import Iterable, Sequence

from attrs import define

from referatcheck.diagnostic import Diagnostic, Message
from referatcheck.model import Span
from referatcheck.rule import Rule
from referatcheck.selection import RuleSet
from referatcheck.selfcheck import INCOMPLETE_CODES, InvalidSuppression, UnknownSuppressionCode, UnusedSuppression
from referatcheck.source import SourceText

DIRECTIVES = ("disable", "enable", "disable-next-line", "disable-file")
MARKER = "referatcheck"
_END = 1 << 62  # "to the end of the file"

# The comment body after `referatcheck:`. Each repetition of a code list needs a comma
# that the code class excludes, so matching stays linear.
_BODY = re.compile(
    r"(?P<directive>[A-Za-z][A-Za-z-]{0,40})"
    r"(?:\s*=\s*(?P<codes>[^\s=,\"']+(?:\s*,\s*[^\s=,\"']+)*))?"
    r"(?:\s+reason\s*=\s*(?P<reason>\"[^\"]*\"|'[^']*'|“[^”]*”|„[^“”]*[“”]))?"
)
_CODE = re.compile(r"[^\s=,\"']+")
# A referatcheck comment inside a line of text (the marker a few characters after `<!--`).
_INLINE = re.compile(r"<!--[ \t]{0,20}referatcheck[ \t]{0,20}:[^>\n]{0,200}(?:-->)?")


@define
class Suppression:
    """One code of one comment, with the lines it covers."""

    directive: str
    selector: str
    line: int  # of the comment
    column: int  # of the selector in the comment line
    first: int
    last: int
    reason: str = ""
    used: bool = False

    @property
    def span(self) -> Span:
        return Span(self.line, self.column, self.line, self.column + len(self.selector))


def is_comment_line(line: str) -> bool:
    stripped = line.strip()
    return stripped.startswith("<!--") and stripped.endswith("-->")


def comment_body(line: str) -> str | None:
    """The text after `referatcheck:` of a whole-line comment, or None for other lines."""
    if MARKER not in line or not is_comment_line(line):
        return None
    inner = line.strip()[4:-3].strip()
    if not inner.startswith(MARKER):
        return None
    rest = inner[len(MARKER):].lstrip()
    return rest[1:].strip() if rest.startswith(":") else None


class _Reader:
    def __init__(self, source: SourceText, rules: RuleSet, path: str) -> None:
        self.source, self.rules, self.path = source, rules, path
        self.suppressions: list[Suppression] = []
        self.problems: list[Diagnostic] = []
        self._open: list[Suppression] = []

    def read(self) -> None:
        if MARKER not in self.source.text:  # the common case: one scan, no per-line work
            return
        for number, line in enumerate(self.source.lines, start=1):
            body = comment_body(line)
            if body is not None:
                self.comment(number, line, body)
            elif MARKER in line:
                self.inline(number, line)

    def inline(self, number: int, line: str) -> None:
        """A referatcheck comment that shares its line with text works on no line: say so
        (RC007) rather than leave the finding it was meant for to look suppressed."""
        found = _INLINE.search(line)
        if found is None:
            return
        if not line[: found.start()].strip() and not found.group().endswith("-->"):
            self.invalid(number, found.start() + 1, found.end() - found.start(),
                         "Kommentaren er ikke afsluttet med `-->` på samme linje.",
                         "The comment is not closed with `-->` on the same line.")
            return
        self.invalid(number, found.start() + 1, found.end() - found.start(),
                     "En referatcheck-kommentar skal stå alene på sin linje; skriv "
                     "`<!-- referatcheck: disable-next-line=… -->` på linjen over.",
                     "A referatcheck comment must stand alone on its line; write "
                     "`<!-- referatcheck: disable-next-line=… -->` on the line above.")

    def comment(self, number: int, line: str, body: str) -> None:
        start = line.find(body) + 1 if body else 1
        match = _BODY.fullmatch(body)
        if match is None:
            self.invalid(number, start, len(body),
                         f"Kommentaren kan ikke læses: \"{_short(body)}\". Skriv fx `disable=TAB001 reason=\"…\"`.",
                         f"The comment cannot be read: \"{_short(body)}\". Write e.g. `disable=TAB001 reason=\"…\"`.")
            return
        directive = match["directive"].lower()
        if directive not in DIRECTIVES:
            hint = difflib.get_close_matches(directive, DIRECTIVES, n=1)
            tip_da = f" (mente du {hint[0]}?)" if hint else ""
            tip_en = f" (did you mean {hint[0]}?)" if hint else ""
            if directive == "disable-line":  # ruff's and eslint's word; here the comment stands above
                tip_da = " (skriv disable-next-line på linjen over fundet)"
                tip_en = " (write disable-next-line on the line above the finding)"
            self.invalid(number, start, len(match["directive"]),
                         f"Ukendt direktiv \"{match['directive']}\"{tip_da}; kendte: {', '.join(DIRECTIVES)}.",
                         f"Unknown directive \"{match['directive']}\"{tip_en}; known: {', '.join(DIRECTIVES)}.")
            return
        reason = (match["reason"] or "")[1:-1]
        codes_at = match.start("codes") if match["codes"] else -1
        selectors = []
        if codes_at >= 0:
            for code in _CODE.finditer(match["codes"]):
                column = start + codes_at + code.start()
                if self.rules.known(code.group()):
                    selectors.append((code.group(), column))
                else:
                    self.problems.append(_finding(
                        UnknownSuppressionCode, self.path, Span(number, column, number, column + len(code.group())),
                        f"Kommentaren nævner \"{code.group()}\", som ingen regel har (se `referatcheck rules`).",
                        f"The comment names \"{code.group()}\", which no rule has (see `referatcheck rules`).",
                    ))
        if directive == "enable":
            self.enable(number, start, selectors, bare=codes_at < 0)
            return
        if codes_at < 0:
            self.invalid(number, start, len(body),
                         f"`{directive}` skal nævne koder, fx `{directive}=TAB001`.",
                         f"`{directive}` must name codes, e.g. `{directive}=TAB001`.")
            return
        if directive == "disable-next-line":
            first = last = self.next_content_line(number)
        elif directive == "disable-file":
            first, last = 1, _END
        else:
            first, last = number + 1, _END
        for selector, column in selectors:
            entry = Suppression(directive, selector, number, column, first, last, reason)
            self.suppressions.append(entry)
            if directive == "disable":
                self._open.append(entry)

    def enable(self, number: int, start: int, selectors: list[tuple[str, int]], bare: bool) -> None:
        if bare:
            closing = list(self._open)
        else:
            wanted = {s.casefold() for s, _ in selectors}
            closing = [e for e in self._open if e.selector.casefold() in wanted]
            for selector, column in selectors:
                if not any(e.selector.casefold() == selector.casefold() for e in closing):
                    self.invalid(number, column, len(selector),
                                 f"`enable={selector}` uden et forudgående `disable={selector}`.",
                                 f"`enable={selector}` without a `disable={selector}` before it.")
        for entry in closing:
            entry.last = number - 1
            self._open.remove(entry)

    def next_content_line(self, number: int) -> int:
        lines = self.source.lines
        for index in range(number, len(lines)):
            if lines[index].strip() and not is_comment_line(lines[index]):
                return index + 1
        return number + 1

    def invalid(self, line: int, column: int, width: int, da: str, en: str) -> None:
        self.problems.append(_finding(InvalidSuppression, self.path, Span(line, column, line, column + max(1, width)),
                                      da, en))


def read_suppressions(source: SourceText, rules: RuleSet, path: str | None = None) -> tuple[list[Suppression], list[Diagnostic]]:
    """The suppressions of a file and the RC005/RC007 findings about its comments."""
    reader = _Reader(source, rules, path or source.path)
    reader.read()
    return reader.suppressions, reader.problems


def apply_suppressions(
    source: SourceText,
    diagnostics: Sequence[Diagnostic],
    enabled: Iterable[str],
    rules: RuleSet,
    path: str | None = None,
) -> list[Diagnostic]:
    """``diagnostics`` less the suppressed ones, plus the findings about the comments.

    ``enabled`` are the codes that run on this file: a comment whose codes are all
    switched off (by configuration or `--select`) is not called unused.
    """
    suppressions, problems = read_suppressions(source, rules, path)
    if not suppressions and not problems:
        return list(diagnostics)
    enabled = frozenset(enabled)
    by_line: dict[int, list[Suppression]] = {}
    spans: list[Suppression] = []
    for entry in suppressions:
        if entry.directive == "disable-next-line":
            by_line.setdefault(entry.first, []).append(entry)
        else:
            spans.append(entry)
    # The narrowest scope gets the credit: next line, then the innermost region, then the file.
    spans.sort(key=lambda e: (e.directive == "disable-file", -e.line))
    kept: list[Diagnostic] = []
    for diagnostic in diagnostics:
        if diagnostic.code in INCOMPLETE_CODES or not _suppress(diagnostic, by_line, spans, rules):
            kept.append(diagnostic)
    for entry in suppressions:
        if entry.used or not any(code in enabled for code in rules.matches(entry.selector)):
            continue
        last = _last(entry, source)
        if entry.directive not in ("disable-next-line", "disable-file") and last < entry.first:
            where_da, where_en = "linjerne efter kommentaren (der er ingen)", "the lines after it (there are none)"
        else:
            where_da = {"disable-next-line": f"linje {entry.first}", "disable-file": "filen"}.get(
                entry.directive, f"linje {entry.first}–{last}")
            where_en = {"disable-next-line": f"line {entry.first}", "disable-file": "the file"}.get(
                entry.directive, f"lines {entry.first}–{last}")
        problems.append(_finding(
            UnusedSuppression, path or source.path, entry.span,
            f"Undertrykkelsen af {entry.selector} er ubrugt: der er intet fund i {where_da}. Fjern den.",
            f"The suppression of {entry.selector} is unused: there is no finding in {where_en}. Remove it.",
        ))
    kept.extend(p for p in problems if p.code in enabled)
    return kept


def _suppress(diagnostic: Diagnostic, by_line, spans, rules: RuleSet) -> bool:
    line = diagnostic.span.line
    for entry in (*by_line.get(line, ()), *spans):
        if entry.first <= line <= entry.last and rules.specificity(entry.selector, diagnostic.code) >= 0:
            entry.used = True
            return True
    return False


def _last(entry: Suppression, source: SourceText) -> int:
    return min(entry.last, len(source.lines))


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _finding(rule: type[Rule], path: str, span: Span, da: str, en: str) -> Diagnostic:
    return Diagnostic(code=rule.code, severity=rule.severity, message=Message(da, en), path=path, span=span,
                      rule=rule.name)
