"""Parse tree → :class:`~referatcheck.model.Document`.

The grammar gives the hierarchy; here the line tokens of each part become model
nodes: runs of text lines become paragraphs, bullet lines lists, TAB lines tables
(blank lines between rows tolerated), and each section gets its kind from the
section vocabulary.
"""

from __future__ import annotations

import re
from typing import Sequence

from lark import Token, Transformer, Tree

from referatcheck.dates import find_dates
from referatcheck.lexer import FIELDISH, TEXT, Line, case_number, item_marker, parse_item_marker, shape_of, split_cells
from referatcheck.model import (
    AttendanceNote, Block, CaseNumber, Cell, Document, Field, Head, Heading, Item, ListBlock, ListItem,
    Paragraph, Row, Section, SectionKind, Span, Table, Title, Toc, TocEntry, Unread,
)
from referatcheck.vocabulary import CLOSED_PREFIX, CLOSED_SUFFIX, TITLE_WORDS, WEEKDAYS
from referatcheck.sections import SectionVocabulary
from referatcheck.source import SourceText
from referatcheck.titles import bold_only, clean_inline, strip_heading_marks

# The second alternative starts only at the first blank of a run (possessively), so a
# long run of spaces is passed once, not once per blank.
_PERIOD = re.compile(
    r"^\(?(\d{4})\s*[-–]\s*(\d{2,4})\)?\s*:?\s*|(?:(?<!\s)\s++|)\(?(\d{4})\s*[-–]\s*(\d{2,4})\)?\s*:?\s*"
)
# A title word and what leads from it to the committee: `REFERAT`, `Referat til mødet i`,
# `Beslutningsprotokol for`, `– Referat –` between committee and date.
_TITLE_WORD = re.compile(
    r"(?:^|(?<=\s))(?:" + "|".join(TITLE_WORDS) + r")\b\s{0,3}(?:(?:til|fra|for)\s{1,3}(?:(?:det\s{1,3})?mødet?\s{1,3}(?:i\s{1,3})?)?)?",
    re.IGNORECASE,
)
# What stands between a committee and its date: ` d. `, `, den `, ` – onsdag den `.
_DATE_LEAD_WORDS = frozenset({"den", "d.", "d", *WEEKDAYS})
_SEPARATORS = frozenset({"-", "–", "—", ",", ":", "|"})
_MARKER = re.compile(r"^[ \t]*(?:[-*•–·▪]|\d{1,3}[.)])[ \t]+")
_NUMBERED_TOC = re.compile(r"^(\d{1,5})(?:\.\s*|\s+)(\S.*)$")


def is_closed(title: str) -> bool:
    """Closed items: `Lukket: ...` or a title ending `- Lukket` / `- Lukket punkt`."""
    return bool(CLOSED_PREFIX.match(title) or CLOSED_SUFFIX.search(title))


def facts(token: Token) -> Line | None:
    """The facts the lexer read from a token's line."""
    value = token.value
    return value if isinstance(value, Line) else None


def span_of(token: Token) -> Span:
    return Span(token.line, token.column, token.end_line, token.end_column)


def _span_of_tokens(tokens: Sequence[Token]) -> Span:
    return Span.covering(span_of(tokens[0]), span_of(tokens[-1]))


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
        parts.extend(str(cont).strip() for cont in conts)
        joined = _join_wrapped(parts)
        last = children[-1]
        if value:
            value_span = Span(first.line, value_col, last.end_line, last.end_column)
        elif conts:
            value_span = Span.covering(span_of(conts[0]), span_of(conts[-1]))
        else:
            value_span = span_of(first)
        return Field(label=label, value=joined, span=_span_of_tokens(children), value_span=value_span, role=role)

    def toc(self, children: list[Token]) -> Toc:
        head = children[0]
        entries = []
        for token in children:
            fact = facts(token)
            if token.type not in ("TOC_ENTRY", "TOC_HEAD") or fact is None or fact.toc is None:
                continue
            entry = fact.toc
            entries.append(TocEntry(title=entry.title, page=entry.page, number=entry.number,
                                    has_leader=entry.has_leader, span=span_of(token)))
        entries = _split_entry_numbers(entries)
        return Toc(entries=tuple(entries), heading_span=span_of(head), span=_span_of_tokens(children))

    def front(self, children: list) -> tuple[Head, Toc | None]:
        title = None
        toc = None
        fields: list[Field] = []
        tokens: list[Token] = []
        for child in children:
            if isinstance(child, Field):
                fields.append(child)
            elif isinstance(child, Toc) and toc is None:
                toc = child
            elif isinstance(child, Title):
                title = title or child
            elif isinstance(child, Token):
                tokens.append(child)
        self._note_unread(tokens)
        return Head(title=title, fields=tuple(fields), blocks=tuple(group_blocks(tokens))), toc

    # -- items

    def intro(self, children: list[Token]) -> tuple[CaseNumber | None, tuple[Block, ...]]:
        case = None
        rest = []
        for token in children:
            if token.type == "CASE_NO" and case is None:
                case = _case_of(token)
            else:
                rest.append(token)
        self._note_unread(rest)
        return case, tuple(group_blocks(rest))

    def section(self, children: list[Token]) -> Section:
        head = children[0]
        heading = _visible_heading(str(head))
        body = children[1:]
        if body and body[0].type == "SECTION_HEAD_CONT":
            cont = str(body[0])
            if str(head).count("**") % 2 == 1:  # bold opened on the head line, closed here
                heading = _visible_heading(str(head).rstrip() + " " + cont.strip())
            else:
                heading = clean_inline(heading + " " + _visible_heading(cont))
            body = body[1:]
        self._note_unread(body)
        blocks = group_blocks(body)
        inline = _inline_content(head)
        if inline is not None:
            heading, first = inline
            blocks.insert(0, first)
        fact = facts(head)
        kind = (self.vocabulary.classify(heading) or self.vocabulary.classify_plain(str(head))
                or (fact.section if fact is not None else None) or SectionKind.OTHER)
        return Section(
            kind=kind, title=heading, heading_span=span_of(head), blocks=tuple(blocks),
            span=_span_of_tokens(children),
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
            # Each line is complete (`## **… for udvalgets**` + `## **område**`): join their texts.
            visible = clean_inline(" ".join([visible] + [_visible_heading(str(c)) for c in conts]))
        elif conts:
            visible = clean_inline(" ".join([str(head)] + [str(c) for c in conts]))
            visible = _visible_heading(visible)
        marker = fact.marker if fact is not None and fact.marker is not None and fact.marker.title and not conts else item_marker(visible)
        if marker is not None and marker.title:
            number, title = marker.number, marker.title
        else:
            number, title = None, visible
        if number_line is not None:
            number = facts(number_line).number_after if facts(number_line) else number
        if case is None and case_above is not None:
            case = _case_of(case_above)
        closed = is_closed(title) or any(facts(t) is not None and facts(t).closed for t in labels)
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
        return Document(source=self.source, head=head, toc=toc, items=items, unread=tuple(self.unread))

    def _note_unread(self, tokens: Sequence[Token]) -> None:
        for token in tokens:
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
    text = heading[1] if heading else line
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


def _join_wrapped(parts: list[str]) -> str:
    """Join wrapped field lines; a hard break inside a name joins with one space, one after
    the hyphen of a double name (`Lykke-` + `Hansen`) with none."""
    text = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        glue = "" if text[-2:-1].isalpha() and text.endswith("-") and part[:1].isupper() else " "
        text = text + glue + part if text else part
    return clean_inline(text)


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
        while words and (words[-1].strip(",:").casefold() in _DATE_LEAD_WORDS or words[-1] in _SEPARATORS):
            words.pop()
        rest = " ".join(words)
    rest = _TITLE_WORD.sub(" ", rest)
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
    committee = " ".join(words).strip(" :-–,") or None
    return Title(text=text, committee=committee, period=period, date=date, span=span)


def _split_entry_numbers(entries: list[TocEntry]) -> list[TocEntry]:
    """In a numbered TOC (`49. Godkendelse af dagsorden`), split the number off.

    A TOC counts as numbered when nearly all entries carry increasing numbers; a
    single entry `2. Økonomiske Redegørelse` in an unnumbered TOC keeps its digits.
    """
    # `Punkt 4: Title` in an entry is an item number whatever the rest of the TOC does.
    entries = [_with_punkt_number(e) for e in entries]
    matches = [_NUMBERED_TOC.match(e.title) if e.number is None else None for e in entries]
    numbers = [int(m.group(1)) for m in matches if m]
    descents = sum(b < a for a, b in zip(numbers, numbers[1:]))
    # Numbers that mostly rise: a swapped pair is TOC004's finding, not a reason to keep them.
    if len(entries) < 2 or len(numbers) < 0.8 * len(entries) or descents > max(1, len(numbers) // 5):
        return entries
    out = []
    for entry, match in zip(entries, matches):
        if match:
            entry = TocEntry(
                title=match.group(2).strip(), page=entry.page, number=int(match.group(1)),
                has_leader=entry.has_leader, span=entry.span,
            )
        out.append(entry)
    return out


def _with_punkt_number(entry: TocEntry) -> TocEntry:
    marker = parse_item_marker(entry.title, numbered_style=False)
    if marker is None:
        return entry
    number, title = marker
    return TocEntry(title=title, page=entry.page, number=number, has_leader=entry.has_leader, span=entry.span)


def group_blocks(tokens: Sequence[Token]) -> list[Block]:
    """Group line tokens into blocks (paragraphs, lists, tables, headings, notes)."""
    blocks: list[Block] = []
    i, n = 0, len(tokens)
    while i < n:
        token = tokens[i]
        kind = token.type
        if kind in ("BLANK", "COMMENT", "TOC_BLANK"):
            i += 1
        elif kind in ("ROW", "SEPARATOR"):
            i = _table(tokens, i, blocks)
        elif kind in ("BULLET", "NUMBERED"):
            i = _list(tokens, i, blocks)
        elif kind == "HEADING":
            heading = strip_heading_marks(str(token))
            level = heading[0] if heading else 0
            blocks.append(Heading(text=_visible_heading(str(token)), level=level, span=span_of(token)))
            i += 1
        elif kind == "ATTENDANCE":
            blocks.append(AttendanceNote(text=clean_inline(str(token)), span=span_of(token)))
            i += 1
        elif kind == "CASE_NO":
            blocks.append(_case_of(token))
            i += 1
        elif kind == "UNREAD":
            i += 1
        else:
            j = i
            while j < n and tokens[j].type in ("TEXT", "FIELD_CONT", "TOC_TEXT", "TOC_ENTRY"):
                j += 1
            j = max(j, i + 1)
            run = tokens[i:j]
            blocks.append(Paragraph(lines=tuple(clean_inline(str(t)) for t in run), span=_span_of_tokens(run)))
            i = j
    return blocks


def _table(tokens: Sequence[Token], i: int, blocks: list[Block]) -> int:
    rows: list[Row] = []
    n = len(tokens)
    j = i
    while j < n:
        kind = tokens[j].type
        if kind in ("ROW", "SEPARATOR"):
            rows.append(_row(tokens[j], separator=kind == "SEPARATOR"))
            j += 1
            continue
        if kind in ("BLANK", "COMMENT"):
            k = j
            while k < n and tokens[k].type in ("BLANK", "COMMENT"):
                k += 1
            if k < n and tokens[k].type in ("ROW", "SEPARATOR"):
                # A header row after a blank line starts the next table, once this one has figures.
                if tokens[k].type == "ROW" and _is_header_row(str(tokens[k])) and any(map(_has_figures, rows)):
                    break
                j = k
                continue
        break
    if rows:
        blocks.append(Table(rows=tuple(rows), span=Span.covering(rows[0].span, rows[-1].span)))
    return j


_YEAR = re.compile(r"(?:19|20)\d\d")


def _is_header_cell(text: str) -> bool:
    """`Budget*`, `Udgift (1.000 kr.)`, `2024`: a column name, not a figure (`819.439 kr.`, `-`)."""
    return bool(_YEAR.fullmatch(text)) or (text[:1] not in "0123456789-−+.," and any(map(str.isalpha, text)))


def _is_header_row(line: str) -> bool:
    rest = [c for c in map(str.strip, split_cells(line)[1:]) if c]
    return len(rest) >= 2 and all(map(_is_header_cell, rest))


_FIGURE = re.compile(r"[-−+]?\d[\d.]{0,20}(?:,\d{1,6})?\s?%?")


def _has_figures(row: Row) -> bool:
    """A row of amounts (`-5.100`, `1,2%`), not a schedule (`19. april`) or a year row."""
    return any(_FIGURE.fullmatch(c.text) and not _YEAR.fullmatch(c.text) for c in row.cells[1:])


def _row(token: Token, separator: bool) -> Row:
    line = str(token)
    cells: list[Cell] = []
    raw_cells = split_cells(line)
    # Pipe rows lose their outer pipes; find where the first cell starts.
    column = 1
    if "\t" not in line:
        column = line.find("|") + 2
    for raw in raw_cells:
        lead = len(raw) - len(raw.lstrip())
        text = raw.strip()
        start = column + lead
        cells.append(Cell(text=text, span=Span(token.line, start, token.line, start + len(text))))
        column += len(raw) + 1
    return Row(cells=tuple(cells), span=span_of(token), separator=separator)


def _list(tokens: Sequence[Token], i: int, blocks: list[Block]) -> int:
    ordered = tokens[i].type == "NUMBERED"
    kind = tokens[i].type
    items: list[ListItem] = []
    n = len(tokens)
    j = i
    while j < n:
        token = tokens[j]
        if token.type == kind:
            line = str(token)
            match = _MARKER.match(line)
            marker = line[: match.end()].strip() if match else ""
            text = clean_inline(line[match.end():] if match else line)
            items.append(ListItem(marker=marker, text=text, span=span_of(token)))
            j += 1
        elif token.type == "TEXT" and items and tokens[j - 1].type in (kind, "TEXT"):
            # A lazy continuation line belongs to the list item above it.
            last = items[-1]
            items[-1] = ListItem(
                marker=last.marker, text=f"{last.text} {clean_inline(str(token))}".strip(),
                span=Span.covering(last.span, span_of(token)),
            )
            j += 1
        elif token.type == "BLANK":
            k = j
            while k < n and tokens[k].type == "BLANK":
                k += 1
            if k < n and tokens[k].type == kind:
                j = k
                continue
            break
        else:
            break
    blocks.append(ListBlock(ordered=ordered, items=tuple(items), span=Span.covering(items[0].span, items[-1].span)))
    return j
