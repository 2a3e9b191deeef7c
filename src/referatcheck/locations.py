"""Places in the original file of a document that a format plugin converted to text.

A Word document is linted as the line text its loader produces (the text the Markdown
parser reads), so a finding's ``line`` is a line of that text. A clerk looks for the
place in Word, though, so the loader records where each produced line came from —
``Document.extra["locations"]``: one :class:`Place` (or None) per line — and the
engine attaches the place to every finding as ``Diagnostic.location``, a
:class:`~referatcheck.diagnostic.Message` a clerk can follow in Word: the agenda item,
the section heading and the paragraph or table within that section (*punkt 4, under
»Beslutning«, 2. afsnit* / *item 4, under "Beslutning", paragraph 2*; *punkt 2, under
»Økonomi«, 1. tabel, række 3, celle 4*), and the page for a format that has pages.
Reporters show it through ``Diagnostic.display_message(lang)``.

Other formats bring places of their own, any object with ``describe(column) ->
Message``: ``PdfPlace`` (*side 7, linje 12*) and ``HtmlPlace`` (*linje 42 i
HTML-filen*) in :mod:`referatcheck.formats`; those are named as they describe
themselves.
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
    the column where its text starts and its cell number in the row. ``page`` is the
    page, for a format that has pages.
    """

    paragraph: int = 0
    table: int = 0
    row: int = 0
    cells: tuple[tuple[int, int], ...] = ()
    page: int = 0  # 1-based, for a format with pages (0: none)

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
    """A finding's place in the original document as a clerk finds it there — the
    agenda item, the section heading and the paragraph within the section (*punkt 4,
    under »Beslutning«, 2. afsnit*), or the page when the format has pages — with its
    related places. (A paragraph number counted over the whole document is nothing Word
    shows; ``Place.describe`` keeps that form for `referatcheck parse`.)"""
    main = _where(document, span)
    if main is None:
        return None
    others: list[Message] = []
    for other_span in related:
        other = _where(document, other_span)
        if other is None:
            continue
        described = _after_common_context(main, other)
        if described is not None and described not in others:
            others.append(described)
        if len(others) == MAX_RELATED:
            break
    text = main.message
    if not others:
        return text
    return Message(
        f"{text.da}; se også {'; '.join(o.da for o in others)}",
        f"{text.en}; see also {'; '.join(o.en for o in others)}",
    )


@frozen
class _Where:
    """A described place: its context (page, item, section) and its own part."""

    context: tuple[Message, ...]
    own: Message

    @property
    def message(self) -> Message:
        parts = [*self.context, self.own] if self.own.da else list(self.context)
        return Message(", ".join(p.da for p in parts), ", ".join(p.en for p in parts))


def _after_common_context(main: _Where, other: _Where) -> Message | None:
    """A related place, less the leading context it shares with the finding's own
    (`punkt 4, under »Beslutning«, 3. afsnit` beside `punkt 4, …` is `under …, 3. afsnit`)."""
    if other == main:
        return None
    shared = 0
    while shared < min(len(main.context), len(other.context)) and main.context[shared] == other.context[shared]:
        shared += 1
    rest = _Where(other.context[shared:], other.own)
    return rest.message if rest.context or rest.own.da else other.message


def _where(document: Document, span: Span) -> _Where | None:
    places: Sequence[Place | None] | None = document.extra.get(LOCATIONS)
    place = place_at(document, span)
    if place is None or not places:
        return None
    if not isinstance(place, Place):  # a format's own place (a PDF page and line, an HTML line)
        return _Where((), place.describe(span.column))
    context, start = _context(document, span.line)
    if place.page:
        context = (Message(f"side {place.page}", f"page {place.page}"), *context)
    if start is None:  # a heading: the context names it
        return _Where(context, Message("", ""))
    window = [p for p in places[start: span.line] if p is not None]  # lines start+1 … span.line
    if place.table:
        tables = list(dict.fromkeys(p.table for p in window if p.table))
        number = tables.index(place.table) + 1 if place.table in tables else 1
        cell = place.cell_at(span.column)
        da, en = f"{number}. tabel, række {place.row}", f"table {number}, row {place.row}"
        if cell:
            da, en = f"{da}, celle {cell}", f"{en}, cell {cell}"
        return _Where(context, Message(da, en))
    paragraphs = list(dict.fromkeys(p.paragraph for p in window if not p.table))
    number = paragraphs.index(place.paragraph) + 1 if place.paragraph in paragraphs else 1
    return _Where(context, Message(f"{number}. afsnit", f"paragraph {number}"))


def _context(document: Document, line: int) -> tuple[tuple[Message, ...], int | None]:
    """What a clerk looks for first (the item, the section heading) and the line after
    which paragraphs are counted (None: the line is that heading itself)."""
    for item in document.items:
        if not item.span.line <= line <= item.span.end_line:
            continue
        title = _short(item.title)
        head = (Message(f"punkt {item.number}", f"item {item.number}") if item.number is not None
                else Message(f"punktet »{title}«", f'the item "{title}"'))
        if item.heading_span.line <= line <= item.heading_span.end_line:
            return (head, Message("punktets overskrift", "its heading")), None
        for section in item.sections:
            if not section.span.line <= line <= section.span.end_line:
                continue
            name = _short(section.title)
            if section.heading_span.line <= line <= section.heading_span.end_line:
                return (head, Message(f"overskriften »{name}«", f'the heading "{name}"')), None
            return (head, Message(f"under »{name}«", f'under "{name}"')), section.heading_span.end_line
        return (head,), item.heading_span.end_line
    toc = document.toc
    if toc is not None and toc.span.line <= line <= toc.span.end_line:
        return (Message("indholdsfortegnelsen", "the table of contents"),), toc.heading_span.end_line
    return (Message("før første punkt", "before the first item"),), 0


def _short(title: str, limit: int = 70) -> str:
    title = " ".join(title.split())
    return title if len(title) <= limit else title[: limit - 1] + "…"


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
