"""Places in the original file of a document that a format plugin converted to text.

A Word document is linted as the line text its loader produces (the text the Markdown
parser reads), so a finding's ``line`` is a line of that text. A clerk looks for the
place in Word, though, so the loader records where each produced line came from —
``Document.extra["locations"]``: one :class:`Place` (or None) per line — and the
engine attaches the place to every finding as ``Diagnostic.location``, a
:class:`~referatcheck.diagnostic.Message` such as *afsnit 12* / *paragraph 12* or
*tabel 2, række 3, celle 4*. Reporters show it through
``Diagnostic.display_message(lang)``.

A place is any object with ``describe(column) -> Message``: :class:`Place` for Word,
``PdfPlace`` (*side 7, linje 12*) and ``HtmlPlace`` (*linje 42 i HTML-filen*) in
:mod:`referatcheck.formats`.
"""

from __future__ import annotations

from typing import Iterable, Sequence

import attrs
from attrs import frozen

from referatcheck.diagnostic import Diagnostic, Message
from referatcheck.model import Document, Span

LOCATIONS = "locations"  # the key in Document.extra
# Related places named after the finding's own; more would drown the message.
MAX_RELATED = 3


@frozen
class Place:
    """Where one produced line stands in the original document.

    ``paragraph`` is the 1-based number of a paragraph of the document body (empty
    paragraphs count, text inside tables does not); for a line made from a table row,
    ``table`` and ``row`` are 1-based and ``cells`` gives, for each cell on the line,
    the column where its text starts and its cell number in the row.
    """

    paragraph: int = 0
    table: int = 0
    row: int = 0
    cells: tuple[tuple[int, int], ...] = ()

    def cell_at(self, column: int) -> int:
        """The cell number at 1-based ``column`` of the line (0 when not in a table)."""
        found = 0
        for start, number in self.cells:
            if start > column:
                break
            found = number
        return found or (self.cells[0][1] if self.cells else 0)

    def describe(self, column: int = 1) -> Message:
        if self.table:
            cell = self.cell_at(column)
            da = f"tabel {self.table}, række {self.row}"
            en = f"table {self.table}, row {self.row}"
            if cell:
                da, en = f"{da}, celle {cell}", f"{en}, cell {cell}"
            return Message(da, en)
        return Message(f"afsnit {self.paragraph}", f"paragraph {self.paragraph}")


def place_at(document: Document, span: Span) -> Place | None:
    """The original place of ``span``'s first line, when the loader recorded one."""
    places: Sequence[Place | None] | None = document.extra.get(LOCATIONS)
    if not places or not 1 <= span.line <= len(places):
        return None
    return places[span.line - 1]


def location_of(document: Document, span: Span, related: Iterable[Span] = ()) -> Message | None:
    """A finding's place in the original document, with its related places."""
    place = place_at(document, span)
    if place is None:
        return None
    main = place.describe(span.column)
    others: list[Message] = []
    for other_span in related:
        other = place_at(document, other_span)
        if other is None:
            continue
        described = other.describe(other_span.column)
        if described != main and described not in others:
            others.append(described)
        if len(others) == MAX_RELATED:
            break
    if not others:
        return main
    return Message(
        f"{main.da}; se også {'; '.join(o.da for o in others)}",
        f"{main.en}; see also {'; '.join(o.en for o in others)}",
    )


def attach_locations(document: Document, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """``diagnostics`` with their original-document location filled in (unchanged for
    a document read as text, which has no location map)."""
    diagnostics = list(diagnostics)
    if not document.extra.get(LOCATIONS):
        return diagnostics
    out = []
    for d in diagnostics:
        location = location_of(document, d.span, d.related)
        out.append(attrs.evolve(d, location=location) if location is not None and d.location is None else d)
    return out
