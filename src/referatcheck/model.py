"""The document model: frozen attrs classes that rules read.

Every node carries a :class:`Span` of the file as given (1-based lines and
character columns; ``end_column`` is exclusive). Rules only ever see these classes,
never the parse tree or the file system.
"""

from __future__ import annotations

import datetime as _dt
import re
from enum import StrEnum
from typing import TYPE_CHECKING, Iterator, Union

from attrs import field, frozen

from referatcheck.source import SourceText

if TYPE_CHECKING:
    from referatcheck.facts import Facts


@frozen(order=True)
class Span:
    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def of_line(cls, line: int, text: str) -> "Span":
        """The whole of one line (column 1 up to its end)."""
        return cls(line, 1, line, len(text) + 1)

    @classmethod
    def covering(cls, first: "Span", last: "Span") -> "Span":
        return cls(first.line, first.column, last.end_line, last.end_column)


class SectionKind(StrEnum):
    SUMMARY = "summary"
    RECOMMENDATION = "recommendation"
    PRESENTATION = "presentation"
    PROCEDURE = "procedure"
    FINANCE = "finance"
    HISTORY = "history"
    DECISION = "decision"
    ATTACHMENTS = "attachments"
    OTHER = "other"


# --- blocks: the content of sections ------------------------------------------------


@frozen
class Paragraph:
    """Consecutive text lines; ``lines`` keeps them apart, ``text`` joins them."""

    lines: tuple[str, ...]
    span: Span

    @property
    def text(self) -> str:
        return " ".join(line.strip() for line in self.lines)


@frozen
class ListItem:
    marker: str  # "-", "*", "1.", "2)" ...
    text: str  # lazy continuation lines joined with a space
    span: Span


@frozen
class ListBlock:
    ordered: bool
    items: tuple[ListItem, ...]
    span: Span


@frozen
class Cell:
    text: str  # stripped of surrounding whitespace; markup kept
    span: Span


@frozen
class Row:
    cells: tuple[Cell, ...]
    span: Span
    separator: bool = False  # a Markdown rule row such as `-----<TAB>-----`
    misaligned: bool = False  # a space-aligned or grid row whose text does not split into the columns

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(c.text for c in self.cells)


@frozen
class Table:
    """Rows of TAB- (or pipe-) separated cells, blank lines between rows tolerated."""

    rows: tuple[Row, ...]
    span: Span


@frozen
class Heading:
    """A heading that is not a section of its own: a sub-heading of the current section."""

    text: str  # markup removed
    level: int  # 1-6 for `#` headings, 0 for a bold-only line
    span: Span


@frozen
class AttendanceNote:
    """One attendance line (`Ikke til stede: ...`, `... forlod mødet efter punkt 4.`)."""

    text: str
    span: Span


@frozen
class CaseNumber:
    text: str  # the number alone, label removed (`22/24308`, `15.00.15-P16-1-21`)
    span: Span


Block = Union[Paragraph, ListBlock, Table, Heading, AttendanceNote, CaseNumber]


def block_text(block: Block) -> str:
    """Plain text of a block, for rules that read prose."""
    if isinstance(block, ListBlock):
        return "\n".join(item.text for item in block.items)
    if isinstance(block, Table):
        return "\n".join("\t".join(row.texts) for row in block.rows)
    return block.text


# --- structure ----------------------------------------------------------------------


@frozen
class Section:
    kind: SectionKind
    title: str  # heading text, markup removed (`Beslutning Arbejdsmarkedsudvalget den 07-11-2023`)
    heading_span: Span
    blocks: tuple[Block, ...]
    span: Span

    @property
    def text(self) -> str:
        return "\n".join(block_text(b) for b in self.blocks)


@frozen
class Item:
    """One agenda item (`Punkt N: Title` or `N. Title`)."""

    number: int | None  # None for an unnumbered item (`Meddelelser`, `Spørgetid`)
    title: str  # markup and the `Punkt N:` marker removed, wrapped lines joined
    closed: bool
    case_number: CaseNumber | None
    intro: tuple[Block, ...]  # blocks before the first section heading
    sections: tuple[Section, ...]
    heading_span: Span
    span: Span

    def sections_of(self, kind: SectionKind) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if s.kind == kind)

    def section(self, kind: SectionKind) -> Section | None:
        found = self.sections_of(kind)
        return found[0] if found else None

    def blocks(self) -> Iterator[Block]:
        yield from self.intro
        for section in self.sections:
            yield from section.blocks


@frozen
class TocEntry:
    title: str  # normalised display title: leader, page, markup removed
    page: int | None
    number: int | None  # a leading item number when the TOC is numbered
    has_leader: bool
    span: Span


@frozen
class Toc:
    entries: tuple[TocEntry, ...]
    heading_span: Span
    span: Span


@frozen
class Field:
    """A labelled head line (`**Mødedato** ...`, `Dato: ...`, `STED` over its value).

    ``role`` says what the label is for, from the vocabulary (``date``, ``time``,
    ``place``, ``committee``, ``members``, ``absent``…), or None for a label it does not
    know; wrapped lines are joined into ``value``.
    """

    label: str
    value: str
    span: Span
    value_span: Span
    role: str | None = None
    # The value line by line as written (markup removed), for values that are lists
    # broken over lines (participants); ``value`` joins them.
    lines: tuple[str, ...] = ()


@frozen
class Title:
    text: str  # markup removed
    committee: str | None
    period: str | None
    date: _dt.date | None
    span: Span


@frozen
class Head:
    title: Title | None
    fields: tuple[Field, ...]
    blocks: tuple[Block, ...]  # anything else before the TOC and the first item

    def field(self, *labels: str) -> Field | None:
        """The first field whose label is one of ``labels`` (case-insensitive)."""
        wanted = {label.casefold() for label in labels}
        for f in self.fields:
            if f.label.casefold() in wanted:
                return f
        return None

    def field_for(self, role: str) -> Field | None:
        """The first field with this role (``date``, ``time``, ``place``…), whatever its label."""
        return next((f for f in self.fields if f.role == role), None)


@frozen
class Unread:
    """A stretch of the file that could not be read as minutes (a PDF page flattened onto
    one line, say): rules draw no structure from it, and ``parse`` lists it."""

    span: Span
    reason: str  # a short English reason, e.g. "page flattened onto one line"


@frozen(eq=False)  # identity equality: a document is one reading of one file
class Document:
    source: SourceText
    head: Head
    toc: Toc | None
    items: tuple[Item, ...]
    unread: tuple[Unread, ...] = ()
    # Free-form facts a loader adds (e.g. a .docx loader's position map).
    extra: dict = field(factory=dict, eq=False)
    _facts: object = field(default=None, init=False, eq=False, repr=False)

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def facts(self) -> "Facts":
        """What the document says, read once and shared by every rule
        (:class:`referatcheck.facts.Facts`)."""
        if self._facts is None:
            # Imported here: the facts are read by domain modules that import this model.
            from referatcheck.facts import Facts

            object.__setattr__(self, "_facts", Facts(self))
        return self._facts

    def __getstate__(self) -> dict:
        # Facts are derived: a document sent to another process is read again there.
        state = {name: getattr(self, name) for name in self.__slots__ if name not in ("_facts", "__weakref__")}
        return state

    def __setstate__(self, state: dict) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)
        object.__setattr__(self, "_facts", None)

    # -- places: the one place that turns text read from a node back into columns

    def line_span(self, line: int) -> Span:
        """The whole of ``line`` (a node's line) as it stands in the file."""
        return Span.of_line(line, self.source.line(line))

    def locate(self, text: str, line: int, last_line: int | None = None, *, through: str = "",
               reach: int = 8, ignore_case: bool = False) -> Span | None:
        """Where ``text`` read from a node stands: searched on ``line`` … ``last_line``
        of that node, as written (markup may shift the columns of cleaned text).
        ``through`` extends the span to that character when it follows within ``reach``
        characters (a name's closing party bracket). None when the text is not written
        as read."""
        needle = text.strip()
        if not needle:
            return None
        for number in range(line, (last_line or line) + 1):
            raw = self.source.line(number)
            if ignore_case:
                found = re.search(re.escape(needle), raw, re.IGNORECASE)
                column = found.start() if found else -1
            else:
                column = raw.find(needle)
            if column < 0:
                continue
            end = column + len(needle)
            if through:
                close = raw.find(through, end)
                if 0 <= close - end <= reach:
                    end = close + 1
            return Span(number, column + 1, number, end + 1)
        return None

    def unread_between(self, first_line: int, last_line: int) -> bool:
        """Whether a stretch that could not be read lies between two lines: an item that
        seems missing there may be inside it, so no structure finding is drawn."""
        return any(first_line <= u.span.line <= last_line for u in self.unread)
