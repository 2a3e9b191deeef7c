"""The finding record that flows from rules to reporters."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

from attrs import field, frozen

from referatcheck.cpr import mask_cpr
from referatcheck.model import Span


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@frozen
class Message:
    """A message in Danish (the default) and English (`--lang en`)."""

    da: str
    en: str

    def text(self, lang: str = "da") -> str:
        # Every reporter reads messages here: a quoted CPR number is never republished.
        return mask_cpr(self.en if lang == "en" else self.da)


@frozen
class Diagnostic:
    code: str
    severity: Severity
    message: Message
    path: str
    span: Span
    rule: str  # the rule's name, e.g. "toc-entry-without-item"
    related: tuple[Span, ...] = ()
    # A referatcheck.edits.Fix, or None (the engine refuses anything else from a rule).
    fix: Any = field(default=None, eq=False)
    # Text the finding is about (e.g. the TOC title), for baselines that must not
    # depend on line numbers.
    subject: str = ""
    # For a document a format plugin converted to text (e.g. Word), where a user of
    # that format finds the place: "afsnit 12" / "tabel 2, række 3, celle 4". `line`
    # and `column` stay positions in the converted text (see referatcheck.locations).
    location: Message | None = None
    # The figures the finding is about, as shown (a total and the sum of its rows, the
    # votes and the members present). Baselines fingerprint them, so a changed figure is
    # a new finding even when the line the finding stands on did not change.
    figures: tuple[str, ...] = ()

    def display_message(self, lang: str = "da") -> str:
        """The message as every reporter shows it: with the original location, if any."""
        text = self.message.text(lang)
        if self.location is None:
            return text
        return f"{text} ({self.location.text(lang)})"

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.span.line, self.span.column, self.code)

    def to_dict(self, lang: str = "da") -> dict:
        """The JSON shape every machine-readable output builds on (1-based positions).

        ``fix`` is null, or the fix's applicability (`safe`/`unsafe`), what it does and its
        edits (1-based, the end exclusive), as ruff writes them."""
        return {
            "path": self.path,
            "line": self.span.line,
            "column": self.span.column,
            "end_line": self.span.end_line,
            "end_column": self.span.end_column,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.display_message(lang),
            "rule": self.rule,
            "fix": self.fix.to_dict(lang) if self.fix is not None else None,
        }


# A line reference in a message ("line 12", "lines 4–9") says where, not what: it is
# not one of the figures a finding is about. Rules name other lines this way (rules.md).
_LINE_REFERENCE = re.compile(r"\blines?\s+\d+(?:\s*[–-]\s*\d+)?", re.IGNORECASE)
_FIGURE = re.compile(r"(?<![\w.,])[-−÷]?\d+(?:[.,]\d+)*%?")


def figures_in(text: str) -> tuple[str, ...]:
    """The figures an English message quotes, in order, without its line references:
    ``"I alt is 400.232, but the rows sum to 400.231 (line 12)"`` → ``("400.232", "400.231")``."""
    return tuple(_FIGURE.findall(_LINE_REFERENCE.sub(" ", text)))


def sort_diagnostics(diagnostics) -> list[Diagnostic]:
    return sorted(diagnostics, key=lambda d: d.sort_key)
