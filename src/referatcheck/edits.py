"""What a rule proposes to change: edits of the text, grouped into a fix.

ruff's model: a finding may carry one :class:`Fix`; a fix is one or more
edits (:class:`Edit`) that belong together (applied all or none) and says how sure it is:
a *safe* fix keeps the meaning of the minutes (`--fix` applies it), an *unsafe* one may
change it and is applied only with `--unsafe-fixes` (a weekday made to fit the date may
be the wrong half of the pair). Positions are those of every :class:`Span`: 1-based
lines of the file as given and 1-based character columns, the end exclusive. Applying
edits is :mod:`referatcheck.fixes`' job.
"""

from __future__ import annotations

from enum import StrEnum

from attrs import frozen

from referatcheck.diagnostic import Message
from referatcheck.model import Span


class Applicability(StrEnum):
    SAFE = "safe"
    UNSAFE = "unsafe"


@frozen(order=True)
class Edit:
    """Replace the text of ``span`` with ``content`` (an empty span inserts, empty content deletes).

    ``span`` may end at column 1 of the line after the last one: the end of the file.
    """

    span: Span
    content: str

    @classmethod
    def replace(cls, span: Span, content: str) -> "Edit":
        return cls(span, content)

    @classmethod
    def insert(cls, line: int, column: int, content: str) -> "Edit":
        return cls(Span(line, column, line, column), content)

    @classmethod
    def delete(cls, span: Span) -> "Edit":
        return cls(span, "")


@frozen
class Fix:
    """Edits applied together, what they do (shown in editors and `--diff`), and how safe they are."""

    edits: tuple[Edit, ...]
    message: Message
    applicability: Applicability = Applicability.SAFE

    @classmethod
    def safe(cls, edits, da: str, en: str) -> "Fix":
        return cls(tuple(sorted(edits)), Message(da, en), Applicability.SAFE)

    @classmethod
    def unsafe(cls, edits, da: str, en: str) -> "Fix":
        return cls(tuple(sorted(edits)), Message(da, en), Applicability.UNSAFE)

    @property
    def is_safe(self) -> bool:
        return self.applicability is Applicability.SAFE

    def applies(self, unsafe: bool) -> bool:
        """Whether a run with (``unsafe``) or without `--unsafe-fixes` applies this fix."""
        return self.is_safe or unsafe

    def to_dict(self, lang: str = "da") -> dict:
        return {
            "applicability": self.applicability.value,
            "message": self.message.text(lang),
            "edits": [
                {"line": e.span.line, "column": e.span.column, "end_line": e.span.end_line,
                 "end_column": e.span.end_column, "content": e.content}
                for e in self.edits
            ],
        }


def written(document, span: Span) -> str:
    """The text of ``document``'s file at ``span`` (one line), as a fix replaces it; markup and
    all. '' when the span is not within one line of the file."""
    if span.end_line != span.line:
        return ""
    line = document.source.line(span.line)
    if not 1 <= span.column <= span.end_column <= len(line) + 1:
        return ""
    return line[span.column - 1:span.end_column - 1]


# Files whose text is the file: a fix can be written back byte for byte. A Word file is
# converted to text before it is read, so an edit of that text has no place in the file.
FIXABLE_SUFFIXES = (".md", ".markdown", ".txt")


def fixable_path(path: str) -> bool:
    """Whether fixes may be applied to the file ``path`` (`-`, standard input, is text)."""
    return path == "-" or path.lower().endswith(FIXABLE_SUFFIXES)
