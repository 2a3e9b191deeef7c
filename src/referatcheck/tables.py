"""Tables read as budget tables: header, columns and their roles, body rows, units.

A :class:`~referatcheck.model.Table` is only rows of cells. This module works out what
they mean, as far as the table shows it:

- **header rows** — the rows above the first row that holds an amount (a row of years
  over a row of column names included; empty cells of an upper header row take the
  name of the cell to their left, as a merged cell in the original does);
- **columns** — numeric, percentage, code (`Politik område`, `01`) or text, with a
  *role* read from the header name (`Korrigeret budget`, `Forskel`, `Forbrugs %` …);
- **body rows** — plain rows, total rows (`I alt`, `Total`, `<x> i alt`), parts
  (`Heraf …`) and label rows without amounts; a row whose first cell is empty continues
  the label above;
- **unit** — from the first header cell, a column header or the caption line above
  (`Bevillingspåtegning (i 1.000 kr.)`);
- **notes** — footnotes and sign legends (`+ er merforbrug`) after the table.

A table whose shape cannot be established (a row with more cells than the header, a
column that is numeric in some rows and text in others) carries a ``problem``; rules
then do no arithmetic on it.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal
from typing import Iterator, Sequence

from attrs import evolve, frozen

from referatcheck.amounts import Amount, find_numbers, find_unit_label
from referatcheck.model import Block, Cell, Document, Heading, ListBlock, Paragraph, Row, Span, Table
from referatcheck.titles import clean_inline
from referatcheck.vocabulary.tables import (
    APPROPRIATION, CODE_NAMES, LEGEND, OUTLOOK_HEADER, PART_LABEL, PERCENT_NAME, PERIOD, PERIOD_NAME,
    QUALIFIED_TOTAL, RATE_NAME, SUBTOTAL_LABEL, THOUSANDS_HEADER, TOTAL_LABEL, YEAR_NAME, column_role,
)

# --- column roles, read from header names ---------------------------------------------


# `- Løn`, `• Drift`: a sub-item, most often a part of the row above.
_SUB_ITEM = re.compile(r"^[-–•·▪]\s{0,3}[^\W\d]")
_CODE_LIKE = re.compile(r"\d[\d.\-/]{0,20}")
_PLACEHOLDERS = {"-", "–", "—", "÷", "--", "---"}


# Tables beyond these sizes are data, not budget tables, and are not read.
MAX_ROWS = 2000
MAX_COLUMNS = 60

# --- the model of a read table ---------------------------------------------------------

NUMERIC, PERCENT, CODE, TEXT, EMPTY, LABEL = "numeric", "percent", "code", "text", "empty", "label"
PLAIN, TOTAL, PART, SUB, LABEL_ROW, ASIDE = "plain", "total", "part", "sub", "label", "aside"


@frozen
class Column:
    index: int
    name: str  # header cells of this column joined, markup removed ("" when none)
    kind: str  # numeric, percent, code, text, empty or label (the first column)
    role: str | None
    decimals: int  # the most decimals shown in the column

    @property
    def summable(self) -> bool:
        """Whether a total row holds this column's sum (not so for rates and averages)."""
        return self.kind == NUMERIC and not RATE_NAME.search(self.name)


@frozen
class BodyRow:
    row: Row
    label: str  # the row's label as shown; a continuation row gets the label above
    # plain, total, part (`Heraf …`), sub (`- Løn`), aside (`I alt ekskl. …`) or label (no amounts)
    kind: str
    cells: tuple[Cell | None, ...]  # padded to the table's width
    amounts: tuple[Amount | None, ...]  # per column; None for an empty or text cell
    parsed: tuple[Amount | None, ...]  # per cell as written, whatever the column's kind

    @property
    def line(self) -> int:
        return self.row.span.line

    def amount(self, column: int) -> Amount | None:
        return self.amounts[column] if column < len(self.amounts) else None

    def cell_span(self, column: int) -> Span:
        cell = self.cells[column] if column < len(self.cells) else None
        if cell is None or not cell.text:
            return self.row.span
        return cell.span


@frozen
class Note:
    """A line after the table: a footnote (`*Budget før …`) or a sign legend."""

    text: str
    span: Span


@frozen
class TableView:
    table: Table
    rows: tuple[Row, ...]  # all rows read as this table (appropriation notes may span blocks)
    header: tuple[Row, ...]
    columns: tuple[Column, ...]
    body: tuple[BodyRow, ...]
    unit: str | None  # "kr.", "t.kr.", "mio. kr.", "mia. kr."
    unit_span: Span | None  # where the unit is written (header cell or caption line)
    caption: str  # the short line just above the table, markup removed ("" when none)
    caption_span: Span | None
    notes: tuple[Note, ...]
    appropriation: bool  # a Bevillingspåtegning
    merforbrug_positive: bool | None  # what the sign legend says, None without a legend
    legend_span: Span | None
    problem: str | None  # why the shape could not be established (da)
    problem_en: str | None
    prose: tuple[tuple[str, tuple[tuple[int, int], ...]], ...]  # texts near the table, line map

    @property
    def span(self) -> Span:
        return Span.covering(self.rows[0].span, self.rows[-1].span)

    def columns_with(self, role: str) -> list[Column]:
        return [c for c in self.columns if c.role == role and c.kind == NUMERIC]

    def column(self, role: str) -> Column | None:
        found = self.columns_with(role)
        return found[0] if len(found) == 1 else None

    @property
    def numeric_columns(self) -> list[Column]:
        return [c for c in self.columns if c.kind == NUMERIC]

    @property
    def looks_like_budget(self) -> bool:
        """Worth saying that it could not be read: totals, a money unit or budget columns."""
        return (
            self.unit is not None
            or self.appropriation
            or any(r.kind == TOTAL or is_total_label(r.label) for r in self.body)
            or any(c.role is not None and c.role != PERIOD for c in self.columns)
        )


def is_total_label(label: str) -> bool:
    return bool(TOTAL_LABEL.search(label))


def is_subtotal_label(label: str) -> bool:
    """`Resultat af ordinær drift`: a name a running subtotal may have (not proof of one)."""
    return bool(SUBTOTAL_LABEL.match(label))


def is_part_label(label: str) -> bool:
    return bool(PART_LABEL.match(label))


# --- reading -----------------------------------------------------------------------------


def read_tables(document: Document) -> tuple[TableView, ...]:
    """Every table of the document, read (once per document, by :attr:`Document.facts`)."""
    views: list[TableView] = []
    for sequences, scope in _block_sequences(document):
        prose = None
        for blocks in sequences:
            consumed: set[int] = set()
            for index, block in enumerate(blocks):
                if not isinstance(block, Table) or index in consumed:
                    continue
                if not any(not row.separator for row in block.rows):
                    continue  # only `-----` rules: nothing to read
                if prose is None:
                    prose = _prose(scope)
                views.append(_read(blocks, index, consumed, prose))
    return tuple(views)


def _block_sequences(document: Document) -> Iterator[tuple[list[Sequence[Block]], Sequence[Block]]]:
    """Per item (and the head): its block lists, and the blocks its prose is read from."""
    yield [document.head.blocks], document.head.blocks
    for item in document.items:
        yield [item.intro, *(section.blocks for section in item.sections)], tuple(item.blocks())


def _prose(blocks: Sequence[Block]) -> tuple[tuple[str, tuple[tuple[int, int], ...]], ...]:
    """Paragraph and list texts with a map from character offset to line number."""
    out = []
    for block in blocks:
        if isinstance(block, Paragraph):
            offsets, pos = [], 0
            for k, line in enumerate(block.lines):
                offsets.append((pos, block.span.line + k))
                pos += len(line.strip()) + 1
            out.append((block.text, tuple(offsets)))
        elif isinstance(block, ListBlock):
            for item in block.items:
                out.append((item.text, ((0, item.span.line),)))
    return tuple(out)


def prose_line(offsets: tuple[tuple[int, int], ...], position: int) -> int:
    line = offsets[0][1]
    for start, number in offsets:
        if start <= position:
            line = number
    return line


def _read(blocks: Sequence[Block], index: int, consumed: set[int], prose) -> TableView:
    table = blocks[index]
    assert isinstance(table, Table)
    caption, caption_span = _caption(blocks, index)
    rows = [r for r in table.rows if not r.separator]
    header_text = " ".join(" ".join(r.texts) for r in rows[:2])
    appropriation = bool(APPROPRIATION.search(caption) or APPROPRIATION.search(header_text[:300])) or len(
        OUTLOOK_HEADER.findall(header_text[:300])) >= 2
    problem: tuple[str, str] | None = None
    after = index + 1
    if appropriation:
        # Rows of an appropriation note may be split by label lines without TABs
        # (`Anlæg/ Rådighedsbeløb`); the rows after them still belong to the note.
        after, extra, problem = _appropriation_rest(blocks, index, len(max(rows, key=lambda r: len(r.cells)).cells))
        consumed.update(range(index + 1, after))
        rows.extend(extra)
    notes = _notes(blocks, after)
    if len(rows) > MAX_ROWS or max(len(r.cells) for r in rows) > MAX_COLUMNS:
        # A data dump, not a budget table: read no further (bounded work on any input).
        return TableView(
            table=table, rows=tuple(rows), header=(), columns=(), body=(), unit=None, unit_span=None,
            caption=clean_inline(caption), caption_span=caption_span, notes=notes, appropriation=False,
            merforbrug_positive=None, legend_span=None, problem="tabellen er for stor til at blive læst",
            problem_en="the table is too large to be read", prose=prose,
        )
    view = _shape(table, tuple(rows), caption, caption_span, notes, appropriation, prose)
    if problem and view.problem is None:
        view = evolve(view, problem=problem[0], problem_en=problem[1])
    return view


def _caption(blocks: Sequence[Block], index: int) -> tuple[str, Span | None]:
    """The short line just above the table (`Bevillingspåtegning (i 1.000 kr.)`)."""
    if index == 0:
        return "", None
    block = blocks[index - 1]
    if isinstance(block, Paragraph) and block.lines:
        line = block.lines[-1].strip()
        number = block.span.line + len(block.lines) - 1
        if len(line) <= 160:
            return line, Span.of_line(number, line)
    if isinstance(block, Heading) and len(block.text) <= 160:
        return block.text, block.span
    return "", None


def _appropriation_rest(blocks: Sequence[Block], index: int, width: int):
    """Rows of the same appropriation note after ``blocks[index]`` and where it ends."""
    extra: list[Row] = []
    problem = None
    j = index + 1
    while j < len(blocks):
        block = blocks[j]
        if isinstance(block, Table):
            if _starts_with_header(block):
                break  # the next table (`Budget i 1.000 kr.<TAB>Budget<TAB>…`), not more rows of the note
            extra.extend(r for r in block.rows if not r.separator)
            j += 1
            continue
        if isinstance(block, Paragraph) and all(len(line) <= 80 and not line.rstrip().endswith(".")
                                                for line in block.lines):
            if any(abs(a.value) >= 100 or a.value < 0 for line in block.lines for a, _, _ in find_numbers(line)):
                problem = (
                    "en række står uden TAB-adskilte celler",
                    "a row stands without TAB-separated cells",
                )
            j += 1
            continue
        break
    # Only label lines followed: the note ended at the table itself.
    if not extra and problem is None:
        return index + 1, [], None
    return j, extra, problem


def _starts_with_header(table: Table) -> bool:
    """Whether the table opens with column names (`Budget`, `Forbrug`) or a run of years
    (`2021<TAB>2022<TAB>2023`) rather than amounts."""
    first = next((r for r in table.rows if not r.separator), None)
    cells = [c.text for c in first.cells[1:] if c.text] if first else []
    if len(cells) < 2:
        return False
    if all(_amount(c) is None for c in cells):
        return True
    if all(map(_is_year, cells)):
        years = [int(clean_inline(c)) for c in cells]
        return all(b - a == 1 for a, b in zip(years, years[1:]))
    return False


def _notes(blocks: Sequence[Block], start: int) -> tuple[Note, ...]:
    """Footnotes and sign legends right after the table (up to three short paragraphs)."""
    notes: list[Note] = []
    for block in blocks[start:start + 4]:
        if not isinstance(block, Paragraph):
            break
        for k, line in enumerate(block.lines):
            notes.append(Note(clean_inline(line), Span.of_line(block.span.line + k, line)))
    return tuple(notes)


def _shape(table, rows, caption, caption_span, notes, appropriation, prose) -> TableView:
    width = max((len(r.cells) for r in rows), default=0)
    parsed = [[_amount(c.text) for c in r.cells] for r in rows]
    # Header: the rows above the first row holding an amount (years are names here).
    n_header = 0
    while n_header < len(rows) and n_header < 4 and not any(
        a is not None and not _is_year(c.text) for a, c in zip(parsed[n_header][1:], rows[n_header].cells[1:])
    ):
        if n_header and not any(c.text for c in rows[n_header].cells[1:]):
            break  # a label alone (`Drift`) under the header starts the body
        n_header += 1
    if n_header == len(rows):  # no amounts at all: a text table
        n_header = min(1, len(rows))
    elif n_header == 0 and len(rows) >= 3 and _names_over_figures(rows, parsed):
        n_header = 1  # `PO<TAB>11<TAB>12<TAB>I alt`: codes as column names
    header, body_rows = rows[:n_header], rows[n_header:]
    names, last_names = _column_names(header, width)
    problem: tuple[str, str] | None = None

    # Columns: what the body rows that hold amounts put in them.
    body_parsed = parsed[n_header:]
    # Rows without amounts are label rows or repeated header rows: they say nothing
    # about what a column holds.
    with_amounts = [(r, values) for r, values in zip(body_rows, body_parsed)
                    if any(v is not None for v in itertools.islice(values, 1, None))]
    kinds: list[str] = [LABEL]
    decimals: list[int] = [0]
    for j in range(1, width):
        amounts, texts, zero_padded, years = 0, 0, 0, 0
        shown = 0
        for r, values in with_amounts:
            cell = r.cells[j].text if j < len(r.cells) else ""
            value = values[j] if j < len(values) else None
            if value is not None:
                amounts += 1
                shown = max(shown, value.decimals)
                zero_padded += bool(re.fullmatch(r"0\d+", clean_inline(cell)))
                years += _is_year(cell)
            elif cell and clean_inline(cell) not in _PLACEHOLDERS:
                texts += 1
        decimals.append(shown)
        name = names[j]
        if amounts == 0:
            kinds.append(TEXT if texts else EMPTY)
        elif CODE_NAMES.match(name.casefold().strip(" .:*")) or zero_padded or (years == amounts and amounts >= 2):
            kinds.append(CODE)
        elif texts:
            kinds.append(TEXT)
        elif PERCENT_NAME.search(name) or _mostly_percent(body_parsed, j):
            kinds.append(PERCENT)
        else:
            kinds.append(NUMERIC)
    columns = tuple(
        Column(j, names[j], kinds[j],
               (column_role(names[j]) or column_role(last_names[j])) if kinds[j] in (NUMERIC, PERCENT) else None,
               decimals[j])
        for j in range(width)
    )
    # A row with amounts in a column that has no header while other columns do: the
    # cells have slid sideways (a row broken or merged in the conversion).
    if header and any(names[1:]):
        spanned_from = _upper_header_start(header)
        for j in range(1, width):
            if not names[j] and kinds[j] in (NUMERIC, PERCENT, TEXT) and j < spanned_from:
                problem = (
                    f"kolonne {j + 1} har tal men ingen overskrift; rækkerne flugter ikke",
                    f"column {j + 1} holds figures but has no header; the rows do not line up",
                )
                break
    # A space-aligned or grid row whose text crosses the columns: its cells are a guess.
    if problem is None and any(r.misaligned for r in rows):
        problem = (
            "en række flugter ikke med tabellens kolonner",
            "a row does not line up with the table's columns",
        )
    body = _body(body_rows, body_parsed, columns, width)
    unit, unit_span = _unit(header, columns, caption, caption_span, body)
    legend, legend_span = _legend(notes, caption, caption_span, header)
    return TableView(
        table=table, rows=rows, header=header, columns=columns, body=body, unit=unit, unit_span=unit_span,
        caption=clean_inline(caption), caption_span=caption_span, notes=notes, appropriation=appropriation,
        merforbrug_positive=legend, legend_span=legend_span, problem=problem[0] if problem else None,
        problem_en=problem[1] if problem else None, prose=prose,
    )


def _amount(text: str) -> Amount | None:
    if not text:
        return None
    if "kr" in text and THOUSANDS_HEADER.fullmatch(clean_inline(text)):
        return None  # `1.000 kr.` over a column is its unit, not an amount
    return Amount.parse(text)


def _names_over_figures(rows: Sequence[Row], parsed) -> bool:
    """Whether the first row has a text cell over a column that is all figures below."""
    first = rows[0].cells
    for j in range(1, len(first)):
        text = first[j].text
        if not text or parsed[0][j] is not None or clean_inline(text) in _PLACEHOLDERS:
            continue
        below = [p[j] if j < len(p) else None for p in parsed[1:]]
        cells = [r.cells[j].text if j < len(r.cells) else "" for r in rows[1:]]
        if sum(v is not None for v in below) >= 2 and all(v is not None or not c for v, c in zip(below, cells)):
            return True
    return False


def _is_year(text: str) -> bool:
    return bool(YEAR_NAME.fullmatch(clean_inline(text))) if len(text) < 40 else False


def _mostly_percent(body_parsed, j: int) -> bool:
    values = [v[j] for v in body_parsed if j < len(v) and v[j] is not None]
    return bool(values) and sum(v.unit == "%" for v in values) * 2 > len(values)


def _column_names(header: Sequence[Row], width: int) -> tuple[list[str], list[str]]:
    """Header names per column: all header rows joined, and the last header row alone.

    In a row of years over a row of column names, a year spans the empty cells to its
    right (a merged cell in the original). Other empty upper cells stay empty: there
    they are the unused half of a name wrapped over two rows.
    """
    parts: list[list[str]] = [[] for _ in range(width)]
    last_row = [""] * width
    for depth, row in enumerate(header):
        texts = [clean_inline(c.text) for c in row.cells] + [""] * (width - len(row.cells))
        last = depth == len(header) - 1
        carry = ""
        for j in range(width):
            text = texts[j]
            if j >= 1 and not last and not text:
                text = carry
            if text:
                parts[j].append(text)
            if last:
                last_row[j] = texts[j]
            if j >= 1:
                carry = text if PERIOD_NAME.search(text) else ""
    return [" ".join(p) for p in parts], last_row


def _upper_header_start(header: Sequence[Row]) -> int:
    """The first column from which an upper header row's (merged) names may reach."""
    starts = [j for row in header[:-1] for j in range(1, len(row.cells)) if row.cells[j].text][:1]
    return starts[0] if starts else 1 << 30


def _body(rows: Sequence[Row], parsed, columns: Sequence[Column], width: int) -> tuple[BodyRow, ...]:
    body: list[BodyRow] = []
    previous_label = ""
    for row, values in zip(rows, parsed):
        cells: list[Cell | None] = list(row.cells) + [None] * (width - len(row.cells))
        amounts: list[Amount | None] = []
        for j, column in enumerate(columns):
            cell = cells[j]
            value = values[j] if j < len(values) else None
            if column.kind not in (NUMERIC, PERCENT):
                value = None
            elif value is None and cell is not None and clean_inline(cell.text) in _PLACEHOLDERS:
                value = Amount(Decimal(0), column.decimals, None, cell.text)  # a dash shown for nothing
            amounts.append(value)
        label = clean_inline(cells[0].text) if cells and cells[0] is not None else ""
        if not label or _CODE_LIKE.fullmatch(label):
            # `Konto<TAB>Tekst<TAB>Beløb`: the label may stand in a text column after a code.
            text = next((clean_inline(cells[c.index].text) for c in columns
                         if c.kind == TEXT and cells[c.index] is not None and cells[c.index].text), "")
            label = f"{label} {text}".strip() if text else label
        shown_label = label or previous_label
        if label:
            previous_label = label
        if not any(a is not None for a in amounts[1:]):
            kind = LABEL_ROW
        elif label and is_part_label(label):
            kind = PART
        elif label and _SUB_ITEM.match(label):
            kind = SUB
        elif label and is_total_label(label):
            kind = ASIDE if QUALIFIED_TOTAL.search(label) else TOTAL
        else:
            kind = PLAIN
        code = next((clean_inline(cells[c.index].text) for c in columns
                     if c.kind == CODE and cells[c.index] is not None and cells[c.index].text), "")
        if code and not label:
            shown_label = f"{shown_label} ({code})" if shown_label else code
        raw = tuple(values) + (None,) * (width - len(values))
        body.append(BodyRow(row, shown_label, kind, tuple(cells), tuple(amounts), raw))
    return tuple(body)


def _unit(header, columns, caption, caption_span, body) -> tuple[str | None, Span | None]:
    """The money unit of the table: first header cell, a column header, or the caption."""
    for row in header:
        if row.cells:
            cell = row.cells[0]
            found = find_unit_label(clean_inline(cell.text))
            if found:
                return found[0], cell.span
    numeric = {c.index for c in columns if c.kind == NUMERIC}
    labelled = {}
    for row in header:
        for j, cell in enumerate(row.cells):
            if j in numeric:
                found = find_unit_label(clean_inline(cell.text))
                if found:
                    labelled[j] = (found[0], cell.span)
    # A unit over some numeric columns only does not say what the others are in.
    if labelled and set(labelled) == numeric and len({u for u, _ in labelled.values()}) == 1:
        return next(iter(labelled.values()))
    if caption:
        found = find_unit_label(clean_inline(caption))
        if found:
            return found[0], caption_span
    # Units written in the cells themselves (`819.439 kr.`).
    units = {a.unit for r in body for a in r.amounts[1:] if a is not None and a.unit}
    if len(units) == 1 and next(iter(units)) in ("kr.", "t.kr.", "mio. kr.", "mia. kr."):
        return next(iter(units)), None
    return None, None


def _legend(notes: Sequence[Note], caption: str, caption_span: Span | None,
            header: Sequence[Row]) -> tuple[bool | None, Span | None]:
    """What a sign legend says (True: a positive figure is a merforbrug) and where.

    After the table (`+ er merforbrug`), in the caption, or in a header cell
    (`Afvigelse (+ = merforbrug)`).
    """
    cells = [(clean_inline(c.text), c.span) for row in header for c in row.cells if "forbrug" in c.text]
    for text, span in [(n.text, n.span) for n in notes] + [(caption, caption_span)] + cells:
        match = LEGEND.search(text) if len(text) < 400 else None
        if match:
            positive = match.group("sign").casefold().startswith(("+", "plus", "positiv"))
            mer = match.group("what").casefold() == "mer"
            return positive == mer, span
    return None, None
