"""Parse tree → :class:`~referatcheck.model.Document`.

The grammar decides the structure, down to the blocks (paragraphs, lists, tables,
notes); here each tree node becomes its model node, with the facts the lexer read
from its lines copied over and its span taken from its tokens. Section kinds come
from the section vocabulary.
"""

from __future__ import annotations

import re
from typing import Sequence

from attrs import evolve
from lark import Token, Transformer, Tree

from referatcheck.dates import find_dates
from referatcheck.lexer import BULLET_MARK, Line, case_number, item_marker, numbers_rise, parse_item_marker
from referatcheck.shapes import BOLD, FIELDISH, HEADING, ROW, TEXT, shape_of, split_cells
from referatcheck.model import (
    AttendanceNote, Block, CaseNumber, Cell, Document, Field, Head, Heading, Item, ListBlock, ListItem,
    Paragraph, Row, Section, SectionKind, Span, Table, Title, Toc, TocEntry, Unread,
)
from referatcheck.decisions import looks_like_body
from referatcheck.vocabulary import (
    DATE_LEAD_WORDS, MEETING_PHRASE, TITLE_WORD_LEAD, TOC_ENTRY_NUMBER,
)
from referatcheck.sections import SectionVocabulary
from referatcheck.source import SourceText
from referatcheck.titles import (
    bold_only, clean_inline, closed_title, join_lines, join_wrapped, normalise_title, strip_heading_attributes,
    strip_heading_marks,
)
from referatcheck.toc_alignment import near_titles

# The second alternative starts only at the first blank of a run (possessively), so a
# long run of spaces is passed once, not once per blank.
_PERIOD = re.compile(
    r"^\(?(\d{4})\s*[-–]\s*(\d{2,4})\)?\s*:?\s*|(?:(?<!\s)\s++|)\(?(\d{4})\s*[-–]\s*(\d{2,4})\)?\s*:?\s*"
)
_SEPARATORS = frozenset({"-", "–", "—", ",", ":", "|"})
_MARKER = re.compile(r"^[ \t]*(?:[-*•–·▪]|\d{1,3}[.)])[ \t]+")


def facts(token: Token) -> Line | None:
    """The facts the lexer read from a token's line."""
    value = token.value
    return value if isinstance(value, Line) else None


def span_of(token: Token) -> Span:
    return Span(token.line, token.column, token.end_line, token.end_column)


def _span_of_tokens(tokens: Sequence[Token]) -> Span:
    first, last = tokens[0], tokens[-1]
    return Span(first.line, first.column, last.end_line, last.end_column)


def _span_of(node) -> Span:
    """The span of a token or of a model node built from one."""
    return span_of(node) if isinstance(node, Token) else node.span


class DocumentBuilder(Transformer):
    """Turns the tree of one file into model nodes, bottom-up."""

    def __init__(self, source: SourceText, vocabulary: SectionVocabulary) -> None:
        super().__init__(visit_tokens=False)
        self.source = source
        self.vocabulary = vocabulary
        self.unread: list[Unread] = []

    # -- front matter

    def title(self, children: list[Token]) -> Title:
        # `Beslutningsprotokol` / `onsdag den 4. marts 2015` / `Økonomiudvalget`: the committee is
        # read before the date, whatever order the lines stand in.
        texts = [_visible_heading(str(t)) for t in children if t.type != "TITLE_GAP"]
        ordered = texts[:1] + sorted(texts[1:], key=lambda text: bool(find_dates(text)))
        return _title(" ".join(ordered), _span_of_tokens(children))

    def field(self, children: list[Token]) -> Field:
        first = children[0]
        line = str(first)
        fact = facts(first)
        label, value, value_col = _split_field(line)
        role = None
        if fact is not None and fact.field is not None:
            label, role, value = fact.field
            value = clean_inline(value)
            value_col = line.find(value) + 1 if value and value in line else value_col
        conts = [c for c in children[1:] if c.type == "FIELD_CONT"]
        parts = [value] if value else []
        # `Medlemmer:` over `- Anne Holm (A)` / `- Bo Dam (V)`: the names, not the bullets.
        parts.extend(BULLET_MARK.sub("", str(cont), count=1).strip() for cont in conts)
        joined = join_lines(parts)
        last = children[-1]
        if value:
            value_span = Span(first.line, value_col, last.end_line, last.end_column)
        elif conts:
            value_span = Span.covering(span_of(conts[0]), span_of(conts[-1]))
        else:
            value_span = span_of(first)
        written = [line[max(0, value_span.column - 1):]] if value else []
        if value and not conts and fact is not None and fact.shape.kind == ROW and value in line:
            # `| Dato | 04-03-2024 |`: the value is its cell, not the rest of the row.
            value_span = Span(first.line, value_col, first.line, value_col + len(value))
            written = [value]
        written.extend(BULLET_MARK.sub("", str(cont), count=1) for cont in conts)
        lines = tuple(clean_inline(text) for text in written if text.strip())
        return Field(label=label, value=joined, span=_span_of_tokens(children), value_span=value_span, role=role,
                     lines=lines)

    def toc(self, children: list[Token]) -> Toc:
        head = children[0]
        entries = []
        for token in children:
            fact = facts(token)
            if token.type == "TOC_CONT" and entries:
                # The rest of an entry wrapped onto the next line: the lexer read the joined entry.
                entries[-1] = evolve(entries[-1], span=Span.covering(entries[-1].span, span_of(token)))
                continue
            if token.type not in ("TOC_ENTRY", "TOC_HEAD") or fact is None or fact.toc is None:
                continue
            entry = fact.toc
            entries.append(TocEntry(title=entry.title, page=entry.page, number=entry.number,
                                    has_leader=entry.has_leader, span=span_of(token)))
        entries = _split_entry_numbers(entries)
        cut = bool(facts(head) and facts(head).toc_cut)
        return Toc(entries=tuple(entries), heading_span=span_of(head), span=_span_of_tokens(children), cut=cut)

    def front(self, children: list) -> tuple[Head, Toc | None]:
        title = None
        toc = None
        fields: list[Field] = []
        blocks: list[Block] = []
        for child in children:
            if isinstance(child, Field):
                fields.append(child)
            elif isinstance(child, Toc) and toc is None:
                toc = child
            elif isinstance(child, Title):
                title = title or child
            elif isinstance(child, Token):
                self._note_unread(child)
            else:
                blocks.append(child)
        return Head(title=title, fields=tuple(fields), blocks=tuple(blocks)), toc

    # -- items

    def intro(self, children: list) -> tuple[CaseNumber | None, tuple[Block, ...]]:
        blocks = self._blocks(children)
        case = next((b for b in blocks if isinstance(b, CaseNumber)), None)
        return case, tuple(b for b in blocks if b is not case)

    def section(self, children: list[Token]) -> Section:
        head = children[0]
        heading = _visible_heading(str(head))
        body = children[1:]
        if body and isinstance(body[0], Token) and body[0].type == "SECTION_HEAD_CONT":
            cont = str(body[0])
            if str(head).count("**") % 2 == 1:  # bold opened on the head line, closed here
                heading = _visible_heading(str(head).rstrip() + " " + cont.strip())
            else:
                heading = clean_inline(heading + " " + _visible_heading(cont))
            body = body[1:]
        blocks = self._blocks(body)
        inline = _inline_content(head)
        if inline is not None:
            heading, first = inline
            blocks.insert(0, first)
        fact = facts(head)
        kind = (self.vocabulary.classify(heading) or self.vocabulary.classify_plain(str(head))
                or (fact.section if fact is not None else None) or SectionKind.OTHER)
        return Section(
            kind=kind, title=heading, heading_span=span_of(head), blocks=tuple(blocks),
            span=Span.covering(span_of(head), _span_of(children[-1])),
        )

    def item(self, children: list) -> Item:
        tokens = [c for c in children if isinstance(c, Token)]
        head = next(t for t in tokens if t.type == "ITEM_HEAD")
        conts = [t for t in tokens if t.type == "ITEM_HEAD_CONT"]
        case_above = next((t for t in tokens if t.type == "CASE_ABOVE"), None)
        number_line = next((t for t in tokens if t.type == "ITEM_NUMBER"), None)
        labels = [t for t in tokens if t.type == "ITEM_LABEL"]
        case, intro = next((c for c in children if isinstance(c, tuple)), (None, ()))
        sections = tuple(c for c in children if isinstance(c, Section))
        fact = facts(head)
        bare = fact is not None and fact.marker is not None and not fact.marker.title
        visible = _visible_heading(str(head))
        if conts and bare:
            # `Pkt. 42` on its own line, the title on the next.
            visible = clean_inline(visible + " " + " ".join(_visible_heading(str(c)) for c in conts))
        elif conts and str(head).count("**") % 2 == 0:
            # Each line is complete (`## **… for udvalgets**` + `## **område**`): join their texts,
            # a word hyphenated at the break joined (`dags-` / `orden`).
            visible = join_lines([visible] + [_visible_heading(str(c)) for c in conts])
        elif conts:
            raw = str(head).rstrip()
            for cont in conts:
                raw = join_wrapped(raw, str(cont).strip())[0]
            visible = _visible_heading(raw)
        heading = fact is not None and fact.shape.kind in (HEADING, BOLD)
        marker = (fact.marker if fact is not None and fact.marker is not None and fact.marker.title and not conts
                  else item_marker(visible, heading=heading))
        if marker is not None and marker.title:
            number, title = marker.number, marker.title
        else:
            number, title = None, visible
        if number_line is not None:
            number = facts(number_line).number_after if facts(number_line) else number
        if case is None and case_above is not None:
            case = _case_of(case_above)
        closed = (closed_title(title) or (marker is not None and marker.closed) or (fact is not None and fact.closed_below)
                  or any(facts(t) is not None and facts(t).closed for t in labels))
        last_head = (conts or [head])[-1]
        if number_line is not None and number_line.line > last_head.line:
            last_head = number_line
        end = sections[-1].span if sections else (intro[-1].span if intro else (case.span if case and case.span.line > head.line else span_of(last_head)))
        heading_span = Span.covering(span_of(head), span_of(last_head))
        return Item(
            number=number, title=title, closed=closed, case_number=case, intro=intro,
            sections=sections, heading_span=heading_span, span=Span.covering(heading_span, end),
        )

    def start(self, children: list) -> Document:
        head, toc = children[0]
        items = tuple(c for c in children[1:] if isinstance(c, Item))
        if toc is not None:
            toc = evolve(toc, entries=_numbers_named_by_items(toc.entries, items))
        return Document(source=self.source, head=head, toc=toc, items=items, unread=tuple(self.unread))

    # -- blocks: the grammar has grouped their lines

    def paragraph(self, children: list[Token]) -> Paragraph:
        return Paragraph(lines=tuple(clean_inline(str(t)) for t in children), span=_span_of_tokens(children))

    def bullets(self, children: list[Token]) -> ListBlock:
        return _list(children, ordered=False)

    def numbered(self, children: list[Token]) -> ListBlock:
        return _list(children, ordered=True)

    def table(self, children: list[Token]) -> Table:
        rows: list[Row] = []
        for token in children:
            if token.type == "TABLE_GAP":
                continue
            row = _row(token, separator=token.type.startswith("SEPARATOR"))
            if getattr(token.value, "row_cont", False) and rows and not rows[-1].separator:
                row = _joined(rows.pop(), row)  # a cell written over several lines
            rows.append(row)
        return Table(rows=tuple(rows), span=Span.covering(rows[0].span, rows[-1].span))

    def heading(self, children: list[Token]) -> Heading:
        token = children[0]
        marks = strip_heading_marks(str(token))
        fact = facts(token)
        # A setext heading (`Title` over `-----`) has no marks on its line: the lexer read its level.
        level = marks[0] if marks else (fact.shape.level if fact is not None else 0)
        return Heading(text=_visible_heading(str(token)), level=level, span=span_of(token))

    def note(self, children: list[Token]) -> AttendanceNote:
        return AttendanceNote(text=clean_inline(str(children[0])), span=span_of(children[0]))

    def case(self, children: list[Token]) -> CaseNumber:
        return _case_of(children[0])

    def _blocks(self, children: list) -> list[Block]:
        """The blocks among a part's children; blank lines and comments dropped, unread
        stretches noted."""
        blocks = []
        for child in children:
            if isinstance(child, Token):
                self._note_unread(child)
            else:
                blocks.append(child)
        return blocks

    def _note_unread(self, token: Token) -> None:
        if token.type == "UNREAD":
            self.unread.append(Unread(span=span_of(token), reason="page flattened onto one line"))


def build_document(tree: Tree, source: SourceText, vocabulary: SectionVocabulary) -> Document:
    return DocumentBuilder(source, vocabulary).transform(tree)


# ---- helpers -------------------------------------------------------------------------


def _case_of(token: Token) -> CaseNumber:
    line = str(token)
    text = case_number(line) or line.strip()
    col = line.find(text) + 1 if text in line else 1
    return CaseNumber(text=text, span=Span(token.line, col, token.line, col + len(text)))


def _visible_heading(line: str) -> str:
    heading = strip_heading_marks(line)
    text = heading[1] if heading else strip_heading_attributes(line)
    inner = bold_only(text)
    return clean_inline(inner if inner is not None else text)


def _inline_content(head: Token) -> tuple[str, Paragraph] | None:
    """``(label, first paragraph)`` of a section head like `**Beslutning:** Godkendt.`."""
    line = str(head)
    if shape_of(line).kind not in (FIELDISH, TEXT):
        return None
    label, value, column = _split_field(line)
    if not value or not label:
        return None
    span = Span(head.line, column, head.line, head.end_column)
    return label, Paragraph(lines=(value,), span=span)


def _split_field(line: str) -> tuple[str, str, int]:
    """``(label, value, value column)`` of a head field line."""
    stripped = line.lstrip()
    offset = len(line) - len(stripped)
    for mark in ("**", "__"):
        if stripped.startswith(mark):
            end = stripped.find(mark, 2)
            if end > 0:
                label = clean_inline(stripped[2:end]).rstrip(":").strip()
                rest = stripped[end + 2:]
                rest_stripped = rest.lstrip(": \t")
                col = offset + end + 2 + (len(rest) - len(rest_stripped)) + 1
                return label, clean_inline(rest_stripped), col
    label, _, rest = stripped.partition(":")
    rest_stripped = rest.lstrip()
    col = offset + len(label) + 1 + (len(rest) - len(rest_stripped)) + 1
    return clean_inline(label), clean_inline(rest_stripped), col


def _title(text: str, span: Span) -> Title:
    """The committee, election period and date of a title in any of its layouts:
    `REFERAT 2022-25: Arbejdsmarkedsudvalget d. 07-11-2023`, `Økonomiudvalget – Referat –
    1. oktober 2018`, `Referat til mødet i Udvalget for Teknik og Miljø den 22. juni 2020
    kl. 17:30 i Byrådssalen`, `Børn & Læringsudvalget - 08-09-2021`."""
    rest = text
    date = None
    mention = next((m for m in find_dates(text) if m.date is not None), None)
    if mention is not None:
        date = mention.date
        words = text[: mention.start].split()
        while words and (words[-1].strip(",:").casefold() in DATE_LEAD_WORDS or words[-1] in _SEPARATORS):
            words.pop()
        rest = " ".join(words)
    rest = TITLE_WORD_LEAD.sub(" ", rest)
    period = None
    period_match = _PERIOD.search(rest)
    if period_match:
        groups = [g for g in period_match.groups() if g]
        period = f"{groups[0]}-{groups[1]}"
        rest = rest[: period_match.start()] + " " + rest[period_match.end():]
    # `Økonomiudvalget – Referat –`: separators left where the title word stood go too.
    words = []
    for word in rest.split():
        if word in _SEPARATORS and (not words or words[-1] in _SEPARATORS):
            continue
        words.append(word)
    while words and words[-1] in _SEPARATORS:
        words.pop()
    committee = _body_of(" ".join(words).strip(" :-–,"))
    return Title(text=text, committee=committee, period=period, date=date, span=span)


_PIECES = re.compile(r"\s[-–—|,:]\s|,\s")


def _body_of(rest: str) -> str | None:
    """The committee in what is left of a title once its date, period and title word are
    gone. The words naming the meeting are not part of it: of `Økonomiudvalget af ordinært
    møde`, `Byrådet byrådsmødet`, `Ekstraordinært møde i Økonomiudvalget` the part that is a
    body's name is the committee. A name no pattern knows (`Udvalget for Teknik og Miljø`)
    is kept as written."""
    if not rest:
        return None
    whole = looks_like_body(rest)
    if whole and not MEETING_PHRASE.search(rest):
        return rest
    parts = [part.strip(" :-–—,|") for piece in MEETING_PHRASE.split(rest) for part in _PIECES.split(piece)]
    bodies = [part for part in parts if part and looks_like_body(part)]
    if bodies:
        return bodies[0]
    if whole:
        return rest
    # No part is a body's name: keep the words, without those naming the meeting.
    return " ".join(MEETING_PHRASE.sub(" ", rest).split()).strip(" :-–—,|") or rest


def _split_entry_numbers(entries: list[TocEntry]) -> list[TocEntry]:
    """In a numbered TOC (`49. Godkendelse af dagsorden`), split the number off.

    A TOC counts as numbered when nearly all entries carry increasing numbers; a
    single entry `2. Økonomiske Redegørelse` in an unnumbered TOC keeps its digits.
    """
    # `Punkt 4: Title` in an entry is an item number whatever the rest of the TOC does.
    entries = [_with_punkt_number(e) for e in entries]
    # The number as the TOC fix reads it back (`49. `, `1.`, `1) `, `49 `): one pattern for both.
    matches = [_entry_number(e.title) if e.number is None else None for e in entries]
    numbers = [int(m.group("digits")) for m in matches if m]
    if len(entries) < 2 or len(numbers) < 0.8 * len(entries) or not numbers_rise(numbers):
        return entries
    out = []
    for entry, match in zip(entries, matches):
        if match:
            entry = TocEntry(
                title=entry.title[match.end():].strip(), page=entry.page, number=int(match.group("digits")),
                has_leader=entry.has_leader, span=entry.span,
            )
        out.append(entry)
    return out


def _numbers_named_by_items(entries: tuple[TocEntry, ...], items: tuple[Item, ...]) -> tuple[TocEntry, ...]:
    """An entry left with its number in the title (`1. Trafiksikkerhedsplan 2024` alone in its
    TOC: too few entries to call the TOC numbered) loses it when an item has that number and
    the rest as its title (or one a word or two letters off: a defect the TOC rules report),
    and no item has the whole as its title: the items' evidence."""
    titles = {normalise_title(item.title) for item in items}
    by_number = {item.number: normalise_title(item.title) for item in items if item.number is not None}
    out = []
    for entry in entries:
        match = _entry_number(entry.title) if entry.number is None else None
        if match is not None and normalise_title(entry.title) not in titles:
            rest = entry.title[match.end():].strip()
            number = int(match.group("digits"))
            title = by_number.get(number)
            if title is not None and (title == normalise_title(rest) or near_titles(normalise_title(rest), title)):
                entry = evolve(entry, title=rest, number=number)
        out.append(entry)
    return tuple(out) if out != list(entries) else entries


def _entry_number(title: str) -> re.Match[str] | None:
    """The plain number in front of an entry's title (`49. `, `1) `, `2 `), with a title after it."""
    found = TOC_ENTRY_NUMBER.match(title)
    if found is None or not title[:1].isdigit() or found.end() >= len(title) or title[found.end()].isspace():
        return None
    return found


def _with_punkt_number(entry: TocEntry) -> TocEntry:
    marker = parse_item_marker(entry.title, numbered_style=False)
    if marker is None:
        return entry
    number, title = marker
    return TocEntry(title=title, page=entry.page, number=number, has_leader=entry.has_leader, span=entry.span)


def _row(token: Token, separator: bool) -> Row:
    line = str(token)
    cells: list[Cell] = []
    facts = token.value if isinstance(token.value, Line) else None
    columns = facts.columns if facts is not None else None
    raw_cells = split_cells(line, columns)
    # Pipe rows lose their outer pipes; find where the first cell starts.
    column = 1
    if columns is None and "\t" not in line:
        column = line.find("|") + 2
    delimiter = 0 if columns is not None else 1  # space-aligned cells are slices of the line
    for raw in raw_cells:
        lead = len(raw) - len(raw.lstrip())
        text = raw.strip()
        start = column + lead
        cells.append(Cell(text=text, span=Span(token.line, start, token.line, start + len(text))))
        column += len(raw) + delimiter
    return Row(cells=tuple(cells), span=span_of(token), separator=separator,
               misaligned=facts is not None and facts.misaligned)


def _joined(row: Row, more: Row) -> Row:
    """One row written over several lines: each cell's texts joined, its span covering them."""
    cells = []
    for k in range(max(len(row.cells), len(more.cells))):
        parts = [r.cells[k] for r in (row, more) if k < len(r.cells) and r.cells[k].text]
        if not parts:
            first = row.cells[k] if k < len(row.cells) else more.cells[k]
            cells.append(first)
        elif len(parts) == 1:
            cells.append(parts[0])
        else:
            text = f"{parts[0].text} {parts[1].text}"
            cells.append(Cell(text=text, span=Span.covering(parts[0].span, parts[1].span)))
    return Row(cells=tuple(cells), span=Span.covering(row.span, more.span), separator=False,
               misaligned=row.misaligned or more.misaligned)


def _list(tokens: Sequence[Token], ordered: bool) -> ListBlock:
    """A list's items: each marker line starts one, lazy continuation lines join it."""
    items: list[ListItem] = []
    for token in tokens:
        line = str(token)
        if token.type == "LIST_CONT":
            last = items[-1]
            items[-1] = ListItem(marker=last.marker, text=f"{last.text} {clean_inline(line)}".strip(),
                                 span=Span.covering(last.span, span_of(token)))
        elif token.type != "LIST_GAP":
            match = _MARKER.match(line)
            marker = line[: match.end()].strip() if match else ""
            items.append(ListItem(marker=marker, text=clean_inline(line[match.end():] if match else line),
                                  span=span_of(token)))
    return ListBlock(ordered=ordered, items=tuple(items), span=Span.covering(items[0].span, items[-1].span))
