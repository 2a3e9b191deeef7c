"""From referatcheck's findings, fixes and positions to the Language Server Protocol's.

referatcheck counts 1-based lines of the file as given (LF, CRLF and CR end a line) and
1-based columns in characters. LSP counts 0-based lines (the same three line ends) and
columns in the code units the client and server agreed on: UTF-16 (the default), UTF-8
or UTF-32. Everything here is plain data in, plain data out (lsprotocol types), so it is
tested without a server.
"""

from __future__ import annotations

import re
from typing import Sequence

from lsprotocol import types

from referatcheck.catalog import explain_markdown, find_rule, help_uri
from referatcheck.diagnostic import Diagnostic, Severity
from referatcheck.edits import Edit, Fix
from referatcheck.fixes import line_end_of
from referatcheck.model import Span
from referatcheck.selfcheck import INCOMPLETE_CODES, InvalidSuppression, UnknownSuppressionCode, UnusedSuppression
from referatcheck.source import SourceText
from referatcheck.suppressions import comment_body

SOURCE = "referatcheck"
_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
# Findings no comment can hide: an incomplete lint, and the findings about comments themselves.
UNSUPPRESSIBLE = frozenset({*INCOMPLETE_CODES, InvalidSuppression.code, UnknownSuppressionCode.code,
                            UnusedSuppression.code})
_NEXT_LINE_CODES = re.compile(r"disable-next-line\s*=\s*[^\s=\"']+")


class Positions:
    """Conversion between referatcheck's (line, column) and LSP positions for one text."""

    def __init__(self, text: str, encoding: str = types.PositionEncodingKind.Utf16) -> None:
        self.lines = SourceText.from_text(text).lines if text else ("",)
        self.encoding = str(encoding)

    def _units(self, text: str) -> int:
        if self.encoding == types.PositionEncodingKind.Utf8:
            return len(text.encode("utf-8"))
        if self.encoding == types.PositionEncodingKind.Utf32:
            return len(text)
        return len(text.encode("utf-16-le")) // 2

    def position(self, line: int, column: int) -> types.Position:
        """1-based ``line`` and ``column`` (the line after the last: the end of the text)."""
        if line > len(self.lines):
            return types.Position(line=len(self.lines), character=0)
        text = self.lines[max(line, 1) - 1]
        return types.Position(line=max(line, 1) - 1, character=self._units(text[:max(column, 1) - 1]))

    def range(self, span: Span) -> types.Range:
        end_line, end_column = span.end_line, span.end_column
        if (end_line, end_column) < (span.line, span.column):  # a point
            end_line, end_column = span.line, span.column
        return types.Range(start=self.position(span.line, span.column), end=self.position(end_line, end_column))

    def column_of(self, position: types.Position) -> tuple[int, int]:
        """The 1-based (line, column) of an LSP position (a column past the end: the end)."""
        line = min(position.line, len(self.lines) - 1)
        text = self.lines[line]
        units = 0
        for index, char in enumerate(text):
            if units >= position.character:
                return line + 1, index + 1
            units += self._units(char)
        return line + 1, len(text) + 1


def to_lsp_diagnostic(diagnostic: Diagnostic, positions: Positions, uri: str, lang: str) -> types.Diagnostic:
    rule = find_rule(diagnostic.code)
    return types.Diagnostic(
        range=positions.range(diagnostic.span),
        severity=_SEVERITY[diagnostic.severity],
        code=diagnostic.code,
        code_description=types.CodeDescription(href=help_uri(rule)) if rule is not None else None,
        source=SOURCE,
        message=diagnostic.display_message(lang),
        related_information=[
            types.DiagnosticRelatedInformation(
                location=types.Location(uri=uri, range=positions.range(span)),
                message=f"{'line' if lang == 'en' else 'linje'} {span.line}",
            )
            for span in diagnostic.related
        ] or None,
    )


def text_edits(edits: Sequence[Edit], positions: Positions) -> list[types.TextEdit]:
    return [types.TextEdit(range=positions.range(edit.span), new_text=edit.content) for edit in edits]


def fix_action(diagnostic: Diagnostic, lsp_diagnostic: types.Diagnostic, positions: Positions, uri: str,
               lang: str) -> types.CodeAction | None:
    """The quick fix of a finding that has one (an unsafe one says so in its title)."""
    fix = diagnostic.fix
    if not isinstance(fix, Fix) or not fix.edits:
        return None
    unsafe = "" if fix.is_safe else (" (usikker rettelse)" if lang != "en" else " (unsafe fix)")
    return types.CodeAction(
        title=f"{diagnostic.code}: {fix.message.text(lang)}{unsafe}",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[lsp_diagnostic],
        is_preferred=fix.is_safe,
        edit=types.WorkspaceEdit(changes={uri: text_edits(fix.edits, positions)}),
    )


def suppress_action(diagnostic: Diagnostic, lsp_diagnostic: types.Diagnostic, text: str, positions: Positions,
                    uri: str, lang: str) -> types.CodeAction | None:
    """`<!-- referatcheck: disable-next-line=CODE reason="…" -->` on the line above the finding
    (or the code added to such a comment already there); the reason is for the clerk to write."""
    if diagnostic.code in UNSUPPRESSIBLE:
        return None
    line = diagnostic.span.line
    lines = positions.lines
    above = lines[line - 2] if 2 <= line <= len(lines) + 1 else None
    body = comment_body(above) if above is not None else None
    existing = _NEXT_LINE_CODES.search(above) if body is not None and body.startswith("disable-next-line") else None
    if existing is not None:
        column = existing.end() + 1
        edit = Edit.insert(line - 1, column, f",{diagnostic.code}")
    else:
        current = lines[line - 1] if line <= len(lines) else ""
        indent = current[:len(current) - len(current.lstrip(" \t"))]
        reason = "write the reason here" if lang == "en" else "skriv begrundelsen her"
        comment = f'{indent}<!-- referatcheck: disable-next-line={diagnostic.code} reason="{reason}" -->'
        edit = Edit.insert(line, 1, comment + line_end_of(text, line))
    title = (f"{diagnostic.code}: suppress on this line (disable-next-line, with a reason)" if lang == "en"
             else f"{diagnostic.code}: undertryk på denne linje (disable-next-line, med begrundelse)")
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[lsp_diagnostic],
        edit=types.WorkspaceEdit(changes={uri: text_edits([edit], positions)}),
    )


def fix_all_action(original: str, fixed: str, count: int, positions: Positions, uri: str,
                   lang: str) -> types.CodeAction:
    """`source.fixAll`: the whole text replaced by its fixed version (every safe fix, verified)."""
    end = Edit.replace(Span(1, 1, len(positions.lines) + 1, 1), fixed) if original else Edit.insert(1, 1, fixed)
    title = (f"referatcheck: fix all ({count} safe fix(es))" if lang == "en"
             else f"referatcheck: ret alt ({count} sikre rettelse(r))")
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.SourceFixAll + ".referatcheck",
        edit=types.WorkspaceEdit(changes={uri: text_edits([end], positions)}),
    )


def hover(diagnostics: Sequence[Diagnostic], positions: Positions, lang: str) -> types.Hover | None:
    """The documentation of the rules whose findings the position is in."""
    parts, ranges = [], []
    for diagnostic in diagnostics:
        rule = find_rule(diagnostic.code)
        if rule is not None:
            parts.append(f"{diagnostic.display_message(lang)}\n\n" + explain_markdown(rule, lang))
            ranges.append(positions.range(diagnostic.span))
    if not parts:
        return None
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
        range=ranges[0],
    )


def contains(span: Span, line: int, column: int) -> bool:
    """Whether 1-based (line, column) falls in ``span`` (its end included: the caret after a word)."""
    return (span.line, span.column) <= (line, column) <= (max(span.end_line, span.line), max(span.end_column,
                                                                                                span.column))
