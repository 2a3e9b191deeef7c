"""The line lexer: one token per line of the minutes, fed to the Lark LALR parser.

Lines are the natural tokens of this format. A line's *shape* (heading, bold-only
line, bullet, table row, ...) is read on its own; its *role* (document title, head
field, TOC entry, agenda item, case number, section heading) depends on where it
stands, so the lexer works in two passes: shapes first, then roles. The grammar
then only arranges tokens into document → items → sections, and since the lexer
emits roles in an order the grammar always accepts, every input parses.

Every regular expression here runs on one line and is linear in its length
(bounded repetitions, no nested quantifiers over the same characters).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator, NamedTuple

from lark import Token
from lark.lexer import Lexer

from referatcheck.dates import find_dates
from referatcheck.model import SectionKind
from referatcheck.pandoc_tables import read_aligned_tables
from referatcheck.sections import DEFAULT_VOCABULARY, SectionVocabulary
from referatcheck.shapes import (
    BLANK, BOLD, BULLET, COMMENT, FIELDISH, HEADING, NUMBERED, ROW, SEPARATOR, TEXT, UNDERLINE, Shape, has_figures,
    is_header_row, read_setext_headings, shape_of, split_cells,
)
from referatcheck.source import SourceText
from referatcheck.titles import (
    bold_only, clean_inline, join_wrapped, normalise_title, strip_heading_attributes, strip_heading_marks,
)
from referatcheck.toc_alignment import TRUNCATION_MIN_LENGTH, near_titles
from referatcheck.vocabulary import (
    ROUTINE_TITLES,
    PAGE_FURNITURE, DATE_LEAD_WORDS,
    BODY_WITH_DATE, PAGE_WORDS, PLAIN_TITLE,
    ADMINISTRATION_RECOMMENDS, ATTENDANCE_ANYWHERE, ATTENDANCE_START, ATTENDANCE_WORDS, BLANKISH, BODY, BODY_LINE,
    CASE_LINE_CLOSED, CASE_NUMBER_LABELLED, CASE_NUMBER_LINE, CLOSED_STATUS, DATE_ONLY,
    ITEM_NUMBER_AFTER, ITEM_NUMBER_MARKER, ITEM_WORD_MARKER, LIST_ROLES, MUNICIPALITY_LINE,
    OPEN_CLOSED_LABEL, OPEN_CLOSED_LEAD, RUN_IN_LABEL, TITLE_WORDS, TOC_ENTRY_NUMBER, TOC_HEADER_CELLS, TOC_HEADING_GLUED,
)
from referatcheck.vocabulary.decisions import AT_POINT
from referatcheck.vocabulary.pages import (
    BODY_NAME_JOINS, MUNICIPALITY_NAME, MUNICIPALITY_WORD, PAGE_AT_END, PAGE_NUMBER_LINE,
)
from referatcheck.vocabulary.tables import YEAR_NAME


# ---- facts of one line ---------------------------------------------------------------


class Line:
    """One line of the file and the facts read from it, computed once.

    The lexer hands a ``Line`` to Lark as the token's value (``str(token)`` is still the
    raw line), so the transformer copies these facts instead of working them out again.
    """

    __slots__ = ("raw", "shape", "marker", "case", "section", "toc", "field", "number_after", "closed", "label",
                 "closed_below", "columns", "row_cont", "misaligned", "toc_cut")

    def __init__(self, raw: str, shape: Shape) -> None:
        self.raw = raw
        self.shape = shape
        self.marker: ItemMarker | None = None  # an item number and title read from the line
        self.case: str | None = None  # the case number the line gives
        self.section: SectionKind | None = None  # the section the line opens
        self.toc: TocLine | None = None  # the TOC entry the line is
        self.field: tuple[str, str | None, str] | None = None  # (label, role, value) of a head field
        self.number_after: int | None = None  # `Sag nr. 24` under a title
        self.closed = False  # `Lukket punkt` before an item, `lukket` in front of a TOC entry
        self.label = False  # an `Åben sag` / `Lukket punkt` layout label (``closed`` says which)
        self.closed_below = False  # an item head whose status line or case line under it says `Lukket`
        # Rows of pandoc's space-aligned and grid tables (see ``read_aligned_tables``):
        self.columns: tuple[int, ...] | None = None  # where each cell starts, for a space-aligned row
        self.row_cont = False  # a further line of the row above (a cell written over several lines)
        self.misaligned = False  # the line does not split into the table's columns
        self.toc_cut = False  # a TOC heading whose TOC ended at a line that looks like more of it

    def __str__(self) -> str:
        return self.raw


class ItemMarker:
    __slots__ = ("number", "title", "word", "closed")

    def __init__(self, number: int | None, title: str, word: bool, closed: bool = False) -> None:
        self.number, self.title, self.word = number, title, word
        self.closed = closed  # `Lukket punkt 4: …`, `Punkt 4 (Lukket): …`


class TocLine:
    __slots__ = ("title", "page", "number", "has_leader", "closed")

    def __init__(self, title: str, page: int | None, number: int | None, has_leader: bool, closed: bool) -> None:
        self.title, self.page, self.number, self.has_leader, self.closed = title, page, number, has_leader, closed


def case_number(text: str) -> str | None:
    """The case number a line consists of or starts with (`22/24308`, `Sagsnr.: 15.00.15-P16-1-21`,
    `Sagsnr.: 330-2018-3619   Dok.nr.: …   Åbent`), or None."""
    cleaned = clean_inline(text)
    if len(cleaned) > 160:
        return None
    match = CASE_NUMBER_LINE.match(cleaned) if len(cleaned) <= 60 else None
    if match:
        number = match.group(1)
        if ("/" not in number and "-" not in number) or DATE_ONLY.match(number):
            return None
        return number if sum(ch.isdigit() for ch in number) >= 3 else None
    match = CASE_NUMBER_LABELLED.match(cleaned)
    if match:
        number = match.group(1)
        digits = sum(ch.isdigit() for ch in number)
        if DATE_ONLY.match(number) or digits < 3 or ("/" not in number and "-" not in number and "." not in number and digits < 4):
            return None
        return number
    return None


# `# 12 Godkendelse af dagsorden`: in a heading one space after the number is enough (in
# plain text it takes a dot or a column of its own: `12 borgere` starts a sentence).
_HEADING_NUMBER = re.compile(r"^(\d{1,3}) (\S.*)$")


def item_marker(text: str, heading: bool = False) -> ItemMarker | None:
    """The item number and title a line's visible text starts with, in any of the forms
    of other agenda systems (`Punkt 4:`, `Pkt. 42`, `Nr.60 -`, `Sag 23 -`, `Punkt 4 (Lukket):`,
    `49.`, `1.Title`, ` 1  Title`)."""
    text = text.strip()
    if not text or len(text) > 300:
        return None
    first = text[0]
    if first in "PpDdNnSs•·▪*-ÅåLl":
        match = ITEM_WORD_MARKER.match(text)
        if match:
            title = match.group("title").strip()
            sep = match.group("sep")
            after = match.end("sep") if sep else 0
            if sep and text[after - 2].isdigit() and text[after:after + 1].isdigit():
                return None  # `Sag 330-2018-3619`, `Punkt 3.2`: a case number or a sub-point, glued
            # After `Punkt 4:` anything is the title; without the colon a lower-case word
            # continues a sentence (`Punkt 1 taget til efterretning`).
            if not title or sep == ":" or _title_start(title):
                status = (match.group("lead") or match.group("status") or "").casefold()
                return ItemMarker(int(match.group("number")), title, word=True, closed=status in CLOSED_STATUS)
            return None
    if first.isdigit():
        match = ITEM_NUMBER_MARKER.match(text)
        if match and text[match.end(1):match.start(2)] == "." and match.group(2)[0].isdigit():
            return None  # `11.460 besøg i 2023`: a number with a thousands point, not item 11
        if match and _title_start(match.group(2)):
            return ItemMarker(int(match.group(1)), match.group(2).strip(), word=False)
        match = _HEADING_NUMBER.match(text) if heading else None
        if match and match.group(2)[0].isupper():
            return ItemMarker(int(match.group(1)), match.group(2).strip(), word=False)
    return None


def _title_start(title: str) -> bool:
    """A title starts as a title does (a capital, a digit, a quote), not as the rest of a
    sentence (`Punkt 1 taget til efterretning`) or a date (`1. januar 2024`)."""
    first = title[0]
    return first.isupper() or first.isdigit() or first in "\"'«»”“„(“"


def parse_item_marker(text: str, numbered_style: bool = True) -> tuple[int, str] | None:
    """``(number, title)`` of an item heading's visible text, or None (kept for plugins of 0.1)."""
    marker = item_marker(text)
    if marker is None or (not marker.word and not numbered_style):
        return None
    return marker.number, marker.title


def parse_toc_line(line: str) -> tuple[str, int | None, bool] | None:
    """``(title, page, has_leader)`` of a TOC line with a page number, or None.

    Accepts `Title.....<TAB>3`, `Title<TAB>3`, `Title ..... 3` and column rows
    `49<TAB>Title<TAB>3` (the number stays in the title; the TOC rule splits it off).
    """
    text = line.rstrip()
    cut = len(text)
    # ASCII digits only (str.isdigit() also takes `¹`, which int() refuses), and no
    # further back than a page number can reach: a line may be a megabyte of digits.
    while cut > 0 and len(text) - cut <= 4 and text[cut - 1] in "0123456789":
        cut -= 1
    if cut == len(text) or len(text) - cut > 4:
        return None
    page = int(text[cut:])
    before = text[:cut]
    if "\t" in before:
        cells = list(filter(None, map(str.strip, before.split("\t"))))  # C loops: a row may be 1 MB
        if not cells:
            return None
        title_part = " ".join(cells)
    else:
        # Without a TAB only a dot leader separates title and page.
        body = before.rstrip(" ")
        if not body.endswith((".", "…")) or not body.rstrip(".… ").strip() or not before.endswith(" ") and not body.endswith(".."):
            return None
        title_part = body
    has_leader = title_part.endswith(("..", "…")) or (title_part.endswith(".") and "\t" not in before)
    title = clean_inline(title_part)
    title = title.rstrip(".…· ").strip()
    return title, page, has_leader


def pending_toc_line(line: str) -> tuple[str, None, bool] | None:
    """``(title, None, True)`` of `Title.....` in a TOC with page numbers: an entry whose page
    number is not written yet (`referatcheck check --fix` writes new entries so), or None.
    Four dots at least: an ellipsis (`...`) ends a sentence, not an entry."""
    text = line.rstrip()
    body = text.rstrip(".")
    if len(text) - len(body) < 4 or "\t" in body:
        return None
    title = clean_inline(body).rstrip(".…· ").strip()
    return (title, None, True) if title else None


# A list bullet in front of a TOC entry (`- 1. Title`, `* [Title](#punkt-1)`): layout, like indentation.
TOC_BULLET = re.compile(r"[ \t]{0,8}[-*•–·▪][ \t]{1,8}(?=\S)")


def toc_entry_of(text: str, paged: bool) -> TocLine | None:
    """A TOC entry: with a page number (`Title.....<TAB>3`), or, in a TOC without pages,
    a title line with an optional `åbent`/`lukket` and number in front. A list bullet
    in front is layout (a TOC written as a bullet list)."""
    bullet = TOC_BULLET.match(text)
    if bullet:
        text = text[bullet.end():]
    if paged:
        parsed = parse_toc_line(text) or pending_toc_line(text)
        if parsed is None:
            return None
        title, page, leader = parsed
        return TocLine(title, page, None, leader, False)
    visible = clean_inline(text).strip(BLANKISH)
    if not visible or len(visible) > 250:
        return None
    closed = False
    lead = OPEN_CLOSED_LEAD.match(visible)
    if lead and len(visible) > lead.end():
        closed = lead.group(1).casefold() == "lukket"
        visible = visible[lead.end():]
    marker = item_marker(visible)
    if marker is None and visible[:1].isdigit():
        # `2 Dialogmøde om budget` after `åbent`: one space is enough in a TOC.
        number, _, rest = visible.partition(" ")
        if number.rstrip(".").isdigit() and rest.strip():
            marker = ItemMarker(int(number.rstrip(".")), rest.strip(), word=False)
    if marker is not None and marker.title:
        return TocLine(marker.title, None, marker.number, False, closed)
    return TocLine(visible, None, None, False, closed)


def numbers_rise(numbers: list[int]) -> bool:
    """Entry numbers that mostly rise, as a numbered TOC's do: a swapped pair or one wrong
    number is a finding of the TOC rules, not a sign that the numbers are something else."""
    descents = sum(b < a for a, b in zip(numbers, numbers[1:]))
    return descents <= max(1, len(numbers) // 5)


def toc_row_entry(raw: str, columns: tuple[int, ...] | None = None) -> TocLine | None:
    """A TOC entry written as a table row (`| 1 | Title | 2 |`, `214<TAB>Title<TAB>2`,
    `| Title | 2 |`): an optional number cell, one title cell, an optional page cell.
    None for any other row (a budget row has figures, a head row a label and a value)."""
    cells = [c for c in map(str.strip, split_cells(raw, columns)) if c]
    if not 1 <= len(cells) <= 3:
        return None
    cells = [clean_inline(c).strip() for c in cells]
    page = number = None
    last = cells[-1]
    if len(cells) >= 2 and len(last) <= 4 and last.isascii() and last.isdigit():
        page = int(cells.pop())
    if len(cells) >= 2:
        # The number as a numbered TOC writes it (`4`, `4.`, `4)`, `Punkt 4`): one pattern for both.
        found = TOC_ENTRY_NUMBER.match(cells[0] + " ")
        if found and found.end() == len(cells[0]) + 1:
            number = int(found.group("digits"))
            cells.pop(0)
    if len(cells) != 1 or not any(map(str.isalpha, cells[0])):
        return None
    title = cells[0].rstrip(".…· ")
    return TocLine(title, page, number, False, False) if title else None


# ---- page furniture ------------------------------------------------------------------


class RunningHead(NamedTuple):
    key: str  # the line without its page number, for finding it repeated
    parts: frozenset[str]  # which of `municipality`, `committee`, `date` it names
    paged: bool  # a page number ends it
    page_word: bool  # … written `Side 3`


# What separates the parts of a running head: a TAB, `·`, `|`, a dash between spaces, wide spacing.
# The words a running head may hold: municipality, committee, weekday and date, title word, page.
_HEAD_WORDS = 20
_HEAD_SEPARATOR = re.compile(r"\s*(?:\t|[·|•]|(?<=\s)[–—-](?=\s))\s*|\s{2,}")


def _ends_in_separator(text: str) -> bool:
    """`Hedeby Kommune ·`, `…<TAB>`, `… –`, `…   `: a separator ends the text."""
    if text.endswith(("\t", "  ")):
        return True
    bare = text.rstrip()
    return bool(bare) and (bare[-1] in "·|•" or (bare[-1] in "–—-" and bare[-2:-1].isspace()))


def running_head(raw: str) -> RunningHead | None:
    """The parts of a line shaped as a running head or footer of a PDF page: nothing but the
    municipality (`Hedeby Kommune`), the committee (`Kultur- og Fritidsudvalget`), the date,
    a title word (`Referat`) and a page number at the end (`<TAB>3`, `· Side 3`). One other
    short part is allowed when both the municipality and the date are there (a committee
    named `Udvalget for Teknik og Miljø`). None for any other line."""
    text = raw.strip()
    # Cheap tests first (most lines are sentences): a head is a few words, no sentence,
    # and it holds a date or names the municipality (a committee alone is no head).
    if not text or len(text) > 200 or text.endswith((".", ":", ";", ",", "?", "!")) or text.count(" ") > _HEAD_WORDS:
        return None
    if MUNICIPALITY_WORD not in text.casefold() and not (any(map(str.isdigit, text)) and _has_date(text)):
        return None
    paged = page_word = False
    page = PAGE_AT_END.search(text) if text[-1].isdigit() else None
    if page and page.start() > 0:
        before = text[:page.start()]
        if page.group("word") or _ends_in_separator(before):
            text, paged, page_word = before.rstrip(), True, bool(page.group("word"))
    if not text or text.endswith((".", ":", ";", ",", "?", "!")):
        return None
    digits = any(map(str.isdigit, text))
    folded = text.casefold()
    key = " ".join(folded.rstrip(" \t·|•–—-").split())
    parts = set()
    rest = text
    for mention in reversed(find_dates(text) if digits else []):
        rest = rest[:mention.start] + "\t" + rest[mention.end:]
        parts.add("date")
    rest, found = MUNICIPALITY_NAME.subn("\t", rest) if MUNICIPALITY_WORD in folded else (rest, 0)
    if found:
        parts.add("municipality")
    free = 0
    for segment in _HEAD_SEPARATOR.split(rest):
        words = [w for w in segment.strip(" ,:;").split()
                 if w.casefold().rstrip(",") not in DATE_LEAD_WORDS and w.casefold() not in _TITLE_WORD_SET]
        if not words:
            continue
        if len(words) <= 4 and _BODY_ALONE.match(" ".join(words)) and all(
                w[0].isupper() or w.casefold() in BODY_NAME_JOINS for w in words):
            parts.add("committee")
            continue
        free += 1
        if free > 1 or len(words) > 6:
            return None
    if free and not {"municipality", "date"} <= parts:
        return None
    return RunningHead(key, frozenset(parts), paged, page_word)


# ---- the lexer ---------------------------------------------------------------------


class MinutesLexer(Lexer):
    """Lark custom lexer: ``parser.parse((source, vocabulary))``."""

    def __init__(self, lexer_conf) -> None:  # signature required by Lark
        pass

    def lex(self, data) -> Iterator[Token]:  # Lark hands custom lexers the input as given
        source, vocabulary = data
        yield from tokens(source, vocabulary)


def tokens(source: SourceText, vocabulary: SectionVocabulary = DEFAULT_VOCABULARY) -> Iterator[Token]:
    """The token stream of ``source``: a token per line, its facts as the token's value.

    Blank lines say nothing once every line's role is decided (the roles already tell
    where a paragraph, list or table goes on), so they are not handed to the parser:
    they are four lines in ten of most minutes."""
    lines = [Line(raw, shape_of(raw)) for raw in source.lines]
    # Tables first: a table's last row over its closing rule is no setext heading.
    read_aligned_tables(lines)
    read_setext_headings(lines)
    types = _Roles(lines, vocabulary).types
    for index, line in enumerate(lines):
        kind = types[index]
        if kind != "BLANK":
            raw = line.raw
            yield Token(kind, line, None, index + 1, 1, index + 1, len(raw) + 1, None)


# A page of a PDF flattened onto one line: long, and holding what are lines elsewhere.
_FLATTENED_LENGTH = 1000
# A head field on one line may be long: a city council's 31 members with party letters and
# notes (`borgmester`, `formand`) run to a thousand characters or more. A longer line is
# no field (a page flattened onto one line, a runaway export).
_FIELD_LINE = 4000
# A table of head labels and values holds a few rows; the search for a second label row
# stops after this many other rows (a long table is no head).
_LABEL_ROW_REACH = 3
BULLET_MARK = re.compile(r"^[ \t]{0,8}[-*•–·▪][ \t]+")
_WORDS_IN_LABEL = re.compile(r"^([A-ZÆØÅa-zæøå][A-ZÆØÅa-zæøå /.-]{0,40}?)\s{0,3}:\s*(.*)$")
_INLINE_LABEL = re.compile(r"^([A-ZÆØÅ][^:]{1,60}):\s+\S")
# Run-in labels that open a section: `Beslutning: Godkendt.`, `Kompetence: Økonomiudvalget`.
# Others (`Økonomi: Ingen.`) are text inside the section they stand in.
_INLINE_KINDS = frozenset({SectionKind.DECISION, SectionKind.RECOMMENDATION, SectionKind.PROCEDURE})
# Lines within this many content lines after a title count as its evidence.
_WINDOW = 6


class _Roles:
    """Pass two: decide each line's role from its shape, its facts and its neighbours.

    An agenda item is recognised from evidence, not from one shape: a title-like line,
    numbered in any form or not at all, followed within a few lines by a case number or
    by known sections (or preceded by a case number, in systems that print it above),
    or matching an entry of the table of contents.
    """

    def __init__(self, lines: list[Line], vocabulary: SectionVocabulary) -> None:
        self.lines = lines
        self.vocabulary = vocabulary
        self.words = vocabulary.words
        n = self.n = len(lines)
        self.types: list[str] = ["BLANK"] * n
        self._fields: dict[int, tuple | None] = {}
        self._label_rows: dict[int, tuple | None] = {}
        self._evidence_of: dict[int, _Evidence] = {}
        self._title_like_of: dict[tuple[int, bool], bool] = {}
        self._titles: list[tuple[int, int | None]] | None = None
        self.skip = [self._skippable(line) for line in lines]
        self._skip_page_furniture()
        self._read_facts()
        self.next_content, self.prev_content = self._neighbours()
        self.title = self._title_index()
        strong = self._candidates(toc_titles=frozenset(), limit=None)
        first = min(strong, default=n)
        # A TOC written as a table is read only when its rows name these items.
        self._item_keys = frozenset(self._toc_key(lines[i], lines[i].marker) for i in strong)
        self.toc_table_end: int | None = None  # the end of a TOC read as a table (else None)
        # A TOC entry wrapped onto the next line(s): its first line → all its lines, and the lines after the first.
        self.toc_wraps: dict[int, range] = {}
        self._toc_wrapped: set[int] = set()
        self._toc_pageless: set[int] = set()  # `Punkt 2. Title` in a TOC with pages, its page left out
        self.toc_cut = False  # the TOC ended at a line that looks like more of it (not read whole)
        self.toc_start = self._toc_start(first)
        self.toc_end = None
        toc_titles: frozenset[str] = frozenset()
        if self.toc_start is not None:
            self.toc_end = self._toc_end(self.toc_start, strong)
            toc_titles = self._toc_titles()
        self.items = self._candidates(toc_titles, limit=self.toc_end)
        self._assign()

    # -- facts

    def _skippable(self, line: Line) -> bool:
        kind = line.shape.kind
        if kind in (BLANK, COMMENT, UNDERLINE):
            return True
        if kind in (TEXT, BULLET, BOLD, HEADING) and len(line.raw) <= 80:
            return self.words.is_artefact(line.shape.text if kind != BULLET else line.raw)
        return False

    def _skip_page_furniture(self) -> None:
        """Running heads and footers of a PDF transcript (`Nordby Kommune   Økonomiudvalget
        12-03-2024   Side 2 af 9`) and page numbers on lines of their own: the page's
        furniture, not its text, so a field, paragraph, table or TOC never runs into it
        (a table or TOC goes on across it as across a blank line)."""
        lines, skip = self.lines, self.skip
        furniture: set[int] = set()
        for i, line in enumerate(lines):
            # The page count ends the line: a cheap test first, the pattern only then.
            if skip[i] or len(line.raw) > 200 or not line.raw.rstrip()[-1:].isdigit() or not PAGE_FURNITURE.search(line.raw):
                continue
            furniture.add(i)
        furniture |= self._running_heads(furniture)
        for i in furniture:
            skip[i] = True
        for i in self._page_numbers(furniture):
            skip[i] = True

    def _running_heads(self, found: set[int]) -> set[int]:
        """Running heads and footers without `Side 2 af 9`: a line made of the municipality,
        the committee and the date (`Hedeby Kommune · Økonomiudvalget · 04-03-2024`), maybe
        a page number after it (`…<TAB>3`, `… Side 3`), that the document repeats, page
        number aside; or one such line with two of those parts and `Side 3`. Never a
        heading, a section heading (`Kultur- og Fritidsudvalget, 14-06-2022, pkt. 42`), an
        item's title or a line over a case number."""
        lines, skip = self.lines, self.skip
        heads: dict[int, RunningHead] = {}
        keys: Counter[str] = Counter()
        for i, line in enumerate(lines):
            kind = line.shape.kind
            if skip[i] or (kind != TEXT and (kind != ROW or line.raw.count("\t") > 3)) or len(line.raw) > 200:
                continue  # (a row of a table has more cells than a head's text and page number)
            head = running_head(line.raw)
            if head is None or not head.parts:
                continue
            keys[head.key] += 1  # the footers with `Side 2 af 9` count: the same line, page aside
            if i in found:
                continue
            text = line.shape.text if line.shape.kind == TEXT else " ".join(line.raw.split())
            if self.vocabulary.classify_plain(text) is not None or item_marker(text) is not None or case_number(line.raw):
                continue
            heads[i] = head
        if not heads:
            return set()
        # The first lines of the file are where the title stands (`Økonomiudvalget · 04-03-2024`
        # over the head), even when the pages repeat it as their running head.
        opening = [i for i, line in enumerate(lines[:40]) if not skip[i]][:2]
        chosen = set()
        for i, head in heads.items():
            repeated = keys[head.key] >= 2
            if not (head.page_word or (repeated and (len(head.parts) >= 2 or head.paged))):
                continue
            if (head.paged and not head.page_word and not repeated) or (not head.paged and i in opening):
                continue
            if self._over_case_number(i):
                continue  # an item's title, whatever it looks like
            chosen.add(i)
        return chosen

    def _over_case_number(self, i: int) -> bool:
        for j in range(i + 1, min(i + 4, self.n)):
            raw = self.lines[j].raw
            if raw.strip():
                return bool(case_number(raw))
        return False

    def _page_numbers(self, furniture: set[int]) -> set[int]:
        """Page numbers on lines of their own (`3`, `- 3 -`, `Side 3`): one with the word
        `Side`; one next to a running head or footer; one between two rows of a table or
        two entries of a TOC with page numbers (a lone number is never such a row); and
        numbers standing alone that rise through the document, a page or more apart."""
        lines, skip, n = self.lines, self.skip, self.n
        # (`3/9` without `Side` is no page number here: `24/1021` is a case number.)
        bare = [i for i, line in enumerate(lines)
                if not skip[i] and line.shape.kind in (TEXT, BULLET) and len(line.raw) <= 30
                and PAGE_NUMBER_LINE.match(line.raw.strip())
                and ("/" not in line.raw or any(map(str.isalpha, line.raw)))]
        chosen = set()

        def near(i: int, step: int, skipped: bool) -> int | None:
            """The nearest line that is not blank (``skipped``: nor skipped) from ``i``."""
            j = i + step
            while 0 <= j < n and (not lines[j].raw.strip() or (skipped and (skip[j] or j in furniture))):
                j += step
            return j if 0 <= j < n else None

        for i in bare:
            raw = lines[i].raw.strip()
            if any(map(str.isalpha, raw)):
                chosen.add(i)  # `Side 3`
                continue
            if near(i, -1, False) in furniture or near(i, 1, False) in furniture:
                chosen.add(i)
                continue
            above, below = near(i, -1, True), near(i, 1, True)
            if above is not None and below is not None and (
                    lines[above].shape.kind == ROW == lines[below].shape.kind
                    or (parse_toc_line(lines[above].raw) and parse_toc_line(lines[below].raw))):
                chosen.add(i)
        # A sequence: every number that stands as a paragraph of its own, rising, a page apart.
        alone = [i for i in bare if all(not (0 <= j < n) or not lines[j].raw.strip() for j in (i - 1, i + 1))
                 and lines[i].raw.strip().isdigit()]
        if len(alone) >= 2:
            values = [int(lines[i].raw) for i in alone]
            rising = all(a < b for a, b in zip(values, values[1:])) and values[-1] < 1000
            apart = all(sum(1 for k in range(a + 1, b) if lines[k].raw.strip()) >= _PAGE_MIN_LINES
                        for a, b in zip(alone, alone[1:]))
            if rising and apart:
                chosen.update(alone)
        return chosen

    def _read_facts(self) -> None:
        classify, classify_plain = self.vocabulary.classify, self.vocabulary.classify_plain
        for index, (line, skip) in enumerate(zip(self.lines, self.skip)):
            shape = line.shape
            kind = shape.kind
            if skip or kind in (ROW, SEPARATOR):
                continue
            text = shape.text
            if len(text) > 300:
                continue
            if kind in (HEADING, BOLD):
                line.section = classify(text)
            elif kind == TEXT:
                # Section names are short; a longer line can still open one run-in (`Beslutning: …`).
                line.section = (classify_plain(line.raw) if len(text) <= 160 else None) or self._inline_section(text)
                if line.section is SectionKind.RECOMMENDATION and self._in_paragraph(index):
                    line.section = None
            elif kind == FIELDISH:
                line.section = classify(shape.label)
            if line.section is None:
                if kind in (TEXT, BOLD, FIELDISH) and len(text) <= 160:
                    line.case = case_number(line.raw)
                    match = ITEM_NUMBER_AFTER.match(text)
                    if match:
                        line.number_after = int(match.group(1))
                if line.case is None and line.number_after is None:
                    line.marker = item_marker(_marker_text(line), heading=kind in (HEADING, BOLD))
            label = OPEN_CLOSED_LABEL.match(text) if len(text) <= 40 else None
            if label:
                line.label = True
                line.closed = (label.group(1) or label.group(2)).casefold() in CLOSED_STATUS
                line.marker = None

    def _in_paragraph(self, i: int) -> bool:
        """`Forvaltningen indstiller` as a line of a paragraph (text right above it or, with
        no `at` point under it, right below), not a heading standing alone."""
        lines = self.lines
        if not ADMINISTRATION_RECOMMENDS.match(lines[i].shape.text.casefold().rstrip(" :")):
            return False  # the other plain recommendation headings are read as before
        if i > 0 and lines[i - 1].shape.kind in (TEXT, BULLET, NUMBERED):
            return True
        below = lines[i + 1] if i + 1 < self.n else None
        return below is not None and below.shape.kind == TEXT and not AT_POINT.match(below.shape.text)

    def _inline_section(self, text: str) -> SectionKind | None:
        """`Beslutning: Godkendt.`, `Kompetence: Økonomiudvalget`: a known section name with
        its one-line body after the colon. Run-in labels that are not section names
        (`Økonomi i 2024: ...`) stay text."""
        match = _INLINE_LABEL.match(text)
        if not match:
            return None
        kind = self.vocabulary.classify(match.group(1))
        return kind if kind in _INLINE_KINDS else None

    def _neighbours(self) -> tuple[list[int], list[int]]:
        n, skip = self.n, self.skip
        nxt = [n] * (n + 1)
        following = n
        for i in range(n - 1, -1, -1):
            nxt[i] = following
            if not skip[i]:
                following = i
        prv = [-1] * n
        previous = -1
        for i in range(n):
            prv[i] = previous
            if not skip[i]:
                previous = i
        return nxt, prv

    # -- the head's title

    def _title_index(self) -> int | None:
        """The document's title: the first heading or line with a title word (`REFERAT …`,
        `Økonomiudvalget – Referat – 1. oktober 2018`), or a committee with a date
        (`Børn & Læringsudvalget - 08-09-2021`), within the first lines."""
        first_heading = None
        for i in range(min(self.n, 60)):
            line = self.lines[i]
            kind = line.shape.kind
            if self.skip[i] or kind not in (HEADING, BOLD, TEXT):
                continue
            text = line.shape.text
            if line.marker is not None and line.marker.word:
                break  # the first agenda item: the title stands before it
            if len(text) <= 250 and line.marker is None and _TITLE_WORDS.search(text):
                if kind != TEXT or PLAIN_TITLE.match(text) or _has_date(text) or _bare_title(text) or (
                        _BODY_ALONE.match(" ".join(w for w in _TITLE_WORDS.sub(" ", text).split() if w not in "-–|:"))):
                    return i
            if line.section is not None or line.marker is not None or len(text) > 250:
                if line.marker is not None and line.marker.word:
                    break
                continue
            if BODY_WITH_DATE.match(text):
                return i
            if _BODY_ALONE.match(text) and (self._date_line(self.next_content[i]) or self._bare_title_line(self.next_content[i])):
                return i  # `Social- og Sundhedsudvalget` / `05-04-2022`, `Økonomiudvalget` / `Referat`
            if first_heading is None and kind == HEADING and not self.words.is_toc_heading(text):
                first_heading = i
        return first_heading

    def _date_line(self, index: int) -> bool:
        if index >= self.n:
            return False
        line = self.lines[index]
        return line.shape.kind in (TEXT, HEADING, BOLD) and len(line.shape.text) <= 120 and bool(_has_date(line.shape.text))

    def _bare_title_line(self, index: int) -> bool:
        return index < self.n and self.lines[index].shape.kind in (TEXT, HEADING, BOLD) and _bare_title(
            self.lines[index].shape.text)

    def _title_rest(self, title: int) -> list[int]:
        """Lines that complete a bare title: `Beslutningsprotokol` / `Økonomiudvalget` /
        `onsdag den 4. marts 2015 kl. 09:00`."""
        rest: list[int] = []
        text = self.lines[title].shape.text
        have_date = bool(_has_date(text))
        have_body = not _bare_title(text)
        i = title
        passed_municipality = False
        for _ in range(3):
            j = self.next_content[i]
            if j >= self.n or self.lines[j].section is not None or self.lines[j].marker is not None:
                break
            line = self.lines[j]
            if line.shape.kind not in (TEXT, HEADING, BOLD) or self._field_of(j) is not None:
                break
            if not passed_municipality and MUNICIPALITY_LINE.match(line.shape.text):
                # `Referat – Økonomiudvalget` / `Kragsø Kommune` / `Mandag den 4. marts 2024`: the
                # municipality's name stands between; the title goes on only if a line it needs follows.
                passed_municipality = True
                i = j
                continue
            if not have_date and self._date_line(j) and len(line.shape.text) <= 100:
                have_date = True
            elif _bare_title(line.shape.text) and not _bare_title(text) and not _TITLE_WORDS.search(text):
                text = line.shape.text  # `Økonomiudvalget` / `Referat`: the title word comes second
            elif not have_body and BODY_LINE.match(line.shape.text):
                have_body = True
            else:
                break
            rest.append(j)
            i = j
        return rest

    # -- agenda items

    def _candidates(self, toc_titles: frozenset[str], limit: int | None) -> list[int]:
        """Lines that start an agenda item, judged on their evidence."""
        lines, n = self.lines, self.n
        start = limit if limit is not None else 0
        heads: list[int] = []
        signatures: set[tuple] = set()
        last_number = None
        weak: list[int] = []
        for i, number_after in self._title_lines():
            if i < start:
                continue
            line = lines[i]
            kind = line.shape.kind
            marker = line.marker
            nxt = self.next_content[i]
            if marker is None and heads and self._just_after(heads[-1], i):
                continue  # a field line under the previous item's title, not a new item
            evidence = self._evidence(i, marker)
            in_toc = bool(toc_titles) and self._toc_key(line, marker) in toc_titles
            heading = kind in (HEADING, BOLD)
            accepted = False
            if marker is not None and marker.word:
                accepted = heading or evidence.case or evidence.section or in_toc
                if kind == TEXT and not (evidence.case or evidence.section or in_toc):
                    accepted = False
            elif marker is not None:
                if evidence.case or evidence.case_above or in_toc or evidence.label:
                    accepted = True
                elif evidence.section and not self._in_list(i) and (
                        last_number is None or marker.number > last_number
                        # a heading shaped as the items before it: an item even when its number
                        # repeats or falls (ITM002/ITM001 say so), not a numbered sub-heading
                        or (heading and self._signature(i) in signatures)):
                    accepted = True
            elif number_after is not None:
                accepted = evidence.case or evidence.section
            else:
                # A case number with a numbered title right under it is that title's (case-above style).
                if evidence.case and evidence.case_distance <= 1 and self._title_like(i, strict=True) and not (
                        self._case_above_next(evidence.case_line)):
                    accepted = True
                elif in_toc and (evidence.case_distance <= 1 or evidence.section_distance <= 1):
                    accepted = True
                elif evidence.section and evidence.section_distance == 0:
                    weak.append(i)
            if accepted:
                heads.append(i)
                signatures.add(self._signature(i))
                if marker is not None and marker.number is not None:
                    last_number = marker.number
        # An unnumbered heading shaped as the accepted items (`## Meddelelser` among
        # `## 1. Title`), directly followed by a section, is an item too.
        # A plain line is a weaker sign: it starts an item only when it is a routine title
        # (`Eventuelt`, `Meddelelser`) written as a title, the section right under it.
        for i in weak:
            if self._signature(i) in signatures and self._signature(i)[0] != TEXT:
                heads.append(i)
            elif heads and self._title_like(i, strict=True) and ROUTINE_TITLES.match(self.lines[i].shape.text):
                heads.append(i)
        return sorted(set(heads))

    def _title_lines(self) -> list[tuple[int, int | None]]:
        """The lines that could start an item, with the number a `Sag nr. 24` line under
        them gives: numbered, or title-like. Both candidate passes walk only these."""
        if self._titles is None:
            lines, n = self.lines, self.n
            found = []
            for i, line in enumerate(lines):
                if self.skip[i] or i == self.title or line.section is not None:
                    continue
                if line.shape.kind not in (HEADING, BOLD, TEXT, NUMBERED, BULLET, FIELDISH) or len(line.raw) > 400:
                    continue
                nxt = self.next_content[i]
                number_after = lines[nxt].number_after if nxt < n and line.marker is None else None
                if line.marker is None and number_after is None and not self._title_like(i):
                    continue
                found.append((i, number_after))
            self._titles = found
        return self._titles

    def _case_above_next(self, case: int) -> bool:
        """A case number directly followed by a numbered title is that title's (case-above style)."""
        j = self.next_content[case]
        return j < self.n and self.lines[j].marker is not None

    def _just_after(self, head: int, i: int) -> bool:
        """Whether ``i`` is one of the two content lines right under ``head``."""
        first = self.next_content[head]
        return i == first or (first < self.n and i == self.next_content[first])

    def _signature(self, i: int) -> tuple:
        shape = self.lines[i].shape
        return (shape.kind, shape.level)

    def _title_like(self, i: int, strict: bool = False) -> bool:
        # Both candidate passes and the evidence windows ask about the same lines.
        key = (i, strict)
        found = self._title_like_of.get(key)
        if found is None:
            found = self._title_like_of[key] = self._read_title_like(i, strict)
        return found

    def _read_title_like(self, i: int, strict: bool) -> bool:
        line = self.lines[i]
        text = line.shape.text
        kind = line.shape.kind
        if not text or len(text) > 200 or line.case or line.field or line.label or text.endswith((":", ";", ",")):
            return False
        if kind in (BULLET, NUMBERED, FIELDISH) or (kind == TEXT and ATTENDANCE_START.match(text)):
            return False
        if not _title_start(text):
            return False
        label = _WORDS_IN_LABEL.match(text) if ":" in text else None
        if label and " " not in label.group(1).strip():
            return False  # `Sagsansvarlig: Jens Hansen`, `Dok.nr.: 12345`
        if strict and kind == TEXT and text.endswith(".") and not text.endswith(".."):
            return False  # a sentence (`Godkendt.`), not a title
        return True

    def _toc_key(self, line: Line, marker: ItemMarker | None) -> str:
        title = marker.title if marker is not None and marker.title else line.shape.text
        return normalise_title(title)

    def _in_list(self, i: int) -> bool:
        """A numbered line inside a list (`1. at …` / `2. at …` in a recommendation)."""
        prev = self.prev_content[i]
        if prev >= 0 and self.lines[prev].shape.kind in (NUMBERED, BULLET):
            return True
        nxt = self.next_content[i]
        return self.lines[i].shape.kind == NUMBERED and nxt < self.n and self.lines[nxt].shape.kind == NUMBERED

    def _evidence(self, i: int, marker: ItemMarker | None) -> "_Evidence":
        # Asked for the same line by both candidate passes and by the lead rules: read once.
        found = self._evidence_of.get(i)
        if found is None:
            found = self._evidence_of[i] = self._read_evidence(i, marker)
        return found

    def _read_evidence(self, i: int, marker: ItemMarker | None) -> "_Evidence":
        lines, n = self.lines, self.n
        found = _Evidence()
        prev = self.prev_content[i]
        if prev >= 0:
            before = lines[prev]
            if before.case and before.shape.kind != HEADING:
                found.case_above = self.prev_content[prev] < 0 or lines[self.prev_content[prev]].marker is None
            if before.closed or (len(before.shape.text) <= 40 and OPEN_CLOSED_LABEL.match(before.shape.text)):
                found.label = True
        j = i
        for step in range(_WINDOW):
            j = self.next_content[j]
            if j >= n:
                break
            line = lines[j]
            if line.section is not None:
                found.section, found.section_distance = True, step
                break
            if line.case:
                if step <= 3:
                    found.case, found.case_distance, found.case_line = True, step, j
                continue

            if line.marker is not None:
                break
            if line.number_after is not None or line.closed or line.label:
                continue
            after = self.next_content[j]
            if marker is None and after < n and lines[after].case and self._title_like(j, strict=True):
                break  # a title with its own case number under it: a case is its title's
            if after < n and lines[after].number_after is not None:
                break  # a title of its own (`Title` / `Sag nr. 24`)
            text = line.shape.text
            if line.shape.kind in (ROW, SEPARATOR, BULLET, NUMBERED) or len(text) > 120:
                break
            if step == 0 and marker is not None and not marker.title:
                continue  # `Pkt. 42` alone: the title is on the next line
            if text.endswith(".") and not self._field_of(j):
                break
        return found

    # -- the table of contents

    def _toc_start(self, limit: int) -> int | None:
        for i in range(min(limit, self.n)):
            line = self.lines[i]
            if i == self.title or self.skip[i] or line.shape.kind not in (HEADING, BOLD, TEXT, ROW):
                continue
            text = line.shape.text if line.shape.kind != ROW else clean_inline(line.raw[:400])
            if len(text) < 60 and line.shape.kind != ROW and self.words.is_toc_heading(text):
                return i
            if TOC_HEADING_GLUED.match(text):
                return i
            if line.shape.kind == ROW and (self._is_toc_header(i) or not self._row_above(i)):
                # A table with no TOC heading over it (`Pkt.<TAB>Tekst<TAB>Side` under the head).
                end = self._toc_table(i, limit, headed=False)
                if end is not None:
                    self.toc_table_end = end
                    return i
        return None

    def _row_above(self, i: int) -> bool:
        above = self.prev_content[i]
        return above >= 0 and self.lines[above].shape.kind in (ROW, SEPARATOR)

    def _toc_table(self, first: int, limit: int, headed: bool) -> int | None:
        """The end of a TOC written as a table from line ``first`` (`| 1 | Title | 2 |`, with or
        without a header row `| Pkt. | Tekst | Side |`), or None when the rows are not one.

        Only strong evidence makes a table a TOC: every row is a number, a title and a page
        (each number higher than the one before), and the titles name the agenda items —
        half of them under a TOC heading or header row, nearly all without either. A
        budget table (figures, labels no item has) never is one."""
        lines = self.lines
        header = self._is_toc_header(first)
        entries: list[TocLine] = []
        end = None
        j = first + 1 if header else first
        while j < limit:
            line = lines[j]
            kind = line.shape.kind
            if self.skip[j] or (kind == SEPARATOR and ("|" in line.raw or "\t" in line.raw or line.columns)):
                j += 1
                continue
            if kind != ROW:
                break
            entry = toc_row_entry(line.raw, line.columns)
            if entry is None:
                return None
            entries.append(entry)
            end = j = j + 1
        if end is None:
            return None
        numbers = [e.number for e in entries if e.number is not None]
        if numbers and (len(numbers) < len(entries) or not numbers_rise(numbers)):
            return None
        names = [self._names_item(e.title) for e in entries]
        same, close = names.count("same"), len(names) - names.count(None)
        if headed or header:
            return end if same and 2 * close >= len(entries) else None
        return end if same >= 2 and 5 * close >= 4 * len(entries) else None

    def _names_item(self, title: str) -> str | None:
        """Whether a TOC title names an item: "same" (its title, or the start of a long one
        cut short), "near" (a word or two letters off: a defect the TOC rules report), or None."""
        key = normalise_title(title)
        if key in self._item_keys or (
                len(key) >= TRUNCATION_MIN_LENGTH and any(k.startswith(key) for k in self._item_keys)):
            return "same"
        return "near" if any(near_titles(key, k) for k in self._item_keys) else None

    def _toc_end(self, start: int, items: list[int]) -> int:
        """First line after the TOC region."""
        first_item = min((i for i in items if i > start), default=self.n)
        first_item = self._lead_start(first_item, set(items)) if first_item < self.n else first_item
        paged = any(parse_toc_line(self.lines[i].raw) for i in range(start, min(first_item, start + 40)))
        self.toc_paged = paged
        if self.toc_table_end is not None:
            return self.toc_table_end
        table = self.next_content[start]
        if table < first_item and self.lines[table].shape.kind == ROW and (not paged or "\t" not in self.lines[table].raw):
            # Under a TOC heading, a pipe table (or TAB rows without page numbers) is read as
            # a table; TAB rows with pages are read line by line below, as they always were.
            end = self._toc_table(table, first_item, headed=True)
            if end is not None:
                self.toc_table_end = end
                return end
        end = self._toc_lines_end(start, first_item, paged)
        if paged and self._item_keys and not self._names_any_item(start, end):
            # `Title<TAB>3` rows without a dot leader, none naming an item the minutes hold or
            # numbered as items are: a table of figures under a heading such as `Dagsorden`,
            # not entries (the heading alone).
            self.toc_wraps, self._toc_wrapped, self._toc_pageless, self.toc_cut = {}, set(), set(), False
            return table
        return end

    def _names_any_item(self, start: int, end: int) -> bool:
        """Whether a TOC with page numbers has a dot leader, an entry that names an item, or
        entries that open with an item's number (`Punkt 31 Title<TAB>2`, `Pkt. 31`, `31. Title`)
        rising as item numbers do, with pages that rise too (a table's figures do not): each is
        evidence of a TOC, also of a wrong one."""
        numbers, pages = [], []
        for i in range(start, end):
            entry = self._toc_entry(i)
            if entry is None or entry.page is None:
                continue
            title = entry.title
            number = TOC_ENTRY_NUMBER.match(title) if title[:1].isdigit() else None
            if entry.has_leader or self._names_item(title) or (number and self._names_item(title[number.end():])):
                return True
            marker = item_marker(title)
            if marker is not None and marker.title:
                numbers.append(marker.number)
                pages.append(entry.page)
        return bool(numbers) and numbers_rise(numbers) and numbers_rise(pages)

    def _toc_lines_end(self, start: int, first_item: int, paged: bool) -> int:
        """First line after a TOC written line by line (with page numbers or without)."""
        entries = 0
        seen: set[str] = set()  # the titles listed so far: a title listed again is its item
        resume = start + 1  # the line after a wrapped entry
        for i in range(start + 1, first_item):
            line = self.lines[i]
            if self.skip[i] or i < resume:
                continue
            if paged:
                if parse_toc_line(line.raw) is not None or pending_toc_line(line.raw) is not None:
                    entries += 1
                    continue
                wrap = self._wrapped_entry(i, first_item)
                if wrap is not None:
                    self.toc_wraps[i] = wrap
                    self._toc_wrapped.update(wrap[1:])
                    entries += 1
                    resume = wrap.stop
                    continue
                if self._pageless_entry(i, first_item):
                    self._toc_pageless.add(i)
                    entries += 1
                    continue
                if line.shape.kind == HEADING or (entries and not self._is_toc_header(i)):
                    self.toc_cut = entries > 0 and self._entry_follows(i, first_item)
                    return i
                if self.lines[self.next_content[i]].case if self.next_content[i] < self.n else False:
                    return i
                continue
            if self._field_of(i) is not None or line.section is not None or line.shape.kind in (ROW, SEPARATOR):
                return i
            if toc_entry_of(line.raw, paged=False) is None or (line.shape.text.endswith(".") and len(line.shape.text) > 80):
                return i
            if self.next_content[i] < self.n and self.lines[self.next_content[i]].case:
                return i
            key = normalise_title(line.shape.text)
            if key in seen and self._opens_item(i):
                return i
            seen.add(key)
            entries += 1
        return first_item

    def _wrap_part(self, i: int) -> bool:
        """A line that may be the start (or middle) of a TOC entry wrapped onto the next line:
        a short line of text, no case number, section, field or TAB column."""
        line = self.lines[i]
        return (not self.skip[i] and line.shape.kind in (TEXT, NUMBERED, BOLD, BULLET) and len(line.raw) <= 250
                and "\t" not in line.raw and line.case is None and line.section is None and self._field_of(i) is None)

    def _wrapped_entry(self, i: int, limit: int) -> range | None:
        """The lines of a TOC entry wrapped onto the next line or two, in a TOC with page
        numbers (`Punkt 3. Anlægsbevilling … nyt omklædnings-` / `rum.....<TAB>6`): lines
        without a page number straight above the line that ends with one. None when line
        ``i`` starts no such entry: the line with the page is an entry of its own when it
        opens with an item's number, or names an item while line ``i`` does not open with one."""
        if not self._wrap_part(i):
            return None
        first = item_marker(clean_inline(self.lines[i].raw).strip())
        for k in range(i + 1, min(i + 3, limit)):
            raw = self.lines[k].raw
            parsed = parse_toc_line(raw) or pending_toc_line(raw)
            if parsed is None:
                if not self._wrap_part(k):
                    return None
                continue
            joined = self._wrapped_toc_entry(range(i, k + 1))
            if joined is None or item_marker(clean_inline(raw).strip()) is not None:
                return None  # `Punkt 4. Title.....<TAB>8`: its own entry (the line above lacks its page)
            if first is None:
                # Unnumbered: a wrap when the line above ends in a hyphen, the line goes on in
                # lower case, or only the joined title names an item (not a TOC sub-heading
                # such as `Lukkede punkter` over an entry).
                title = parsed[0]
                if self._names_item(title) == "same" or self._names_item(clean_inline(self.lines[i].raw)) == "same":
                    return None
                if not (self.lines[k - 1].raw.rstrip().endswith("-") or title[:1].islower()
                        or self._names_item(joined.title)):
                    return None
            return range(i, k + 1)
        return None

    def _wrapped_toc_entry(self, wrap: range) -> TocLine | None:
        """The entry of a wrapped TOC entry's lines, joined as the lines of a title are."""
        text = self.lines[wrap[0]].raw.rstrip()
        for k in wrap[1:]:
            text = join_wrapped(text, self.lines[k].raw.strip())[0]
        return toc_entry_of(text, paged=True)

    def _pageless_entry(self, i: int, limit: int) -> bool:
        """`Punkt 2. Title` without a page number right above the next entry of a TOC with
        pages: an entry whose page was left out (it opens with an item's number), not the TOC's end."""
        if not self._wrap_part(i):
            return False
        marker = item_marker(clean_inline(self.lines[i].raw).strip())
        nxt = self.next_content[i]
        return (marker is not None and bool(marker.title) and nxt < limit
                and (parse_toc_line(self.lines[nxt].raw) is not None or self._wrapped_entry(nxt, limit) is not None))

    def _entry_follows(self, i: int, limit: int) -> bool:
        """Whether a line within the next few after ``i``, where a TOC ended, still reads as
        one of its entries (a dot leader, an item's number, or an item's title, with a page):
        the TOC was not read whole."""
        j, seen = i, 0
        while seen < 3:
            j = self.next_content[j]
            if j >= limit:
                return False
            seen += 1
            parsed = parse_toc_line(self.lines[j].raw) or pending_toc_line(self.lines[j].raw)
            if parsed is not None:
                title, _, leader = parsed
                marker = item_marker(title)
                if leader or (marker is not None and marker.title) or self._names_item(title):
                    return True
        return False

    def _opens_item(self, i: int) -> bool:
        """A line directly followed by a section or a case number (a TOC title listed
        twice is a duplicate entry; standing over a section, it is the item itself)."""
        nxt = self.next_content[i]
        return nxt < self.n and (self.lines[nxt].section is not None or self.lines[nxt].case is not None)

    def _is_toc_header(self, index: int) -> bool:
        line = self.lines[index]
        raw = line.raw if len(line.raw) <= 200 else ""  # a header row is short
        cells = split_cells(raw, line.columns) if line.shape.kind == ROW else raw.split("\t")
        cells = [clean_inline(c).strip().casefold() for c in cells if c.strip()]
        return bool(cells) and all(c in TOC_HEADER_CELLS for c in cells)

    def _toc_titles(self) -> frozenset[str]:
        titles = set()
        for i in range(self.toc_start, self.toc_end):
            entry = self._toc_entry(i)
            if entry is not None:
                titles.add(normalise_title(entry.title))
                marker = item_marker(entry.title)
                if marker is not None and marker.title:
                    titles.add(normalise_title(marker.title))
                cells = [c.strip() for c in self.lines[i].raw.split("\t") if c.strip()]
                if len(cells) >= 3 and cells[0].rstrip(".").isdigit():
                    titles.add(normalise_title(" ".join(cells[1:-1])))
        return frozenset(titles)

    def _toc_entry(self, i: int) -> TocLine | None:
        line = self.lines[i]
        if self.toc_table_end is not None:
            if line.shape.kind != ROW or self.skip[i] or self._is_toc_header(i):
                return None
            return toc_row_entry(line.raw, line.columns)
        if i == self.toc_start:
            glued = TOC_HEADING_GLUED.match(line.raw.strip() if line.shape.kind == ROW else line.shape.text)
            return toc_entry_of(glued.group(2), paged=self.toc_paged) if glued else None
        if self.skip[i] or i in self._toc_wrapped:
            return None
        if i in self.toc_wraps:
            return self._wrapped_toc_entry(self.toc_wraps[i])
        if i in self._toc_pageless:
            return TocLine(clean_inline(line.raw).strip(), None, None, False, False)
        return toc_entry_of(line.raw, paged=self.toc_paged)

    # -- head fields

    def _field_of(self, i: int) -> tuple[str, str | None, str] | None:
        """``(label, role, value)`` of a head field line, or None (read once per line: the
        title, TOC, evidence and value passes all ask)."""
        if i not in self._fields:
            self._fields[i] = self._read_field(i)
        return self._fields[i]

    def _read_field(self, i: int) -> tuple[str, str | None, str] | None:
        line = self.lines[i]
        shape = line.shape
        kind = shape.kind
        if kind == FIELDISH:
            return shape.label.rstrip(":").strip(), self.words.head_role(shape.label), shape.value
        if kind in (BOLD, TEXT, HEADING) and len(shape.text) <= _FIELD_LINE:
            text = shape.text
            role = self.words.head_role(text)
            if role is not None and (kind != TEXT or text.endswith(":") or text.isupper() or self._value_follows(i)):
                return text.rstrip(":").strip(), role, ""  # the value follows on later lines
            if kind == TEXT and ":" in text:
                match = _WORDS_IN_LABEL.match(text)
                if match:
                    role = self.words.head_role(match.group(1))
                    if role is not None:
                        return match.group(1).strip(), role, match.group(2).strip()
            match = RUN_IN_LABEL.match(text) if kind == TEXT else None
            if match and self.words.head_role(match.group(1)) is not None:
                return match.group(1), self.words.head_role(match.group(1)), match.group(2).strip()
        if kind == ROW and "\t" in line.raw:
            # `**Mødedato**<TAB>Onsdag d. …`: a TAB between label and value shapes the line as a
            # table row; a known label makes it a field.
            flat = line.raw.replace("\t", " ")
            flat_shape = shape_of(flat)
            if flat_shape.kind == FIELDISH:
                return flat_shape.label.rstrip(":").strip(), self.words.head_role(flat_shape.label), flat_shape.value
            if flat_shape.kind == TEXT and ":" in flat_shape.text:
                match = _WORDS_IN_LABEL.match(flat_shape.text)
                if match and self.words.head_role(match.group(1)) is not None:
                    return match.group(1).strip(), self.words.head_role(match.group(1)), match.group(2).strip()
        if kind == ROW:
            # `| Dato | 04-03-2024 |` / `| Tid | 14:00 |`: a table of labels and their values. One
            # row with a label is not enough (`| Medlemmer | Parti |` heads a table of names).
            pair = self._label_row(i)
            if pair is not None and self._label_row_near(i):
                return pair
        if kind == BULLET and len(line.raw) <= _FIELD_LINE:
            return self._bullet_field(line.raw)
        return None

    def _bullet_field(self, raw: str) -> tuple[str, str, str] | None:
        """A head field written as a bullet (`- **Dato:** Mandag den 4. marts 2024`, `- Sted:
        Byrådssalen`, `- **Medlemmer:**` over the names): a known label with its colon."""
        inner = shape_of(BULLET_MARK.sub("", raw, count=1))
        if inner.kind == FIELDISH:
            label, value = inner.label, inner.value
        elif inner.kind in (BOLD, TEXT) and ":" in inner.text:
            label, _, value = inner.text.partition(":")
        else:
            return None
        role = self.words.head_role(label)
        return (label.rstrip(":").strip(), role, value.strip()) if role is not None else None

    def _label_row(self, i: int) -> tuple[str, str, str] | None:
        """``(label, role, value)`` of a table row of two cells, a head label and its value."""
        if i not in self._label_rows:
            found = None
            cells = [c for c in map(str.strip, split_cells(self.lines[i].raw, self.lines[i].columns)) if c]
            if len(cells) == 2:
                label = clean_inline(cells[0]).rstrip(":").strip()
                role = self.words.head_role(label)
                value = clean_inline(cells[1])
                if role is not None and self.words.head_role(value) is None:
                    found = (label, role, value)
            self._label_rows[i] = found
        return self._label_rows[i]

    def _label_row_near(self, i: int) -> bool:
        """Another row of labels and values in the same table, within a few rows of ``i``
        (rows of one kind, TAB or pipe; a pipe table has no blank line inside)."""
        tabbed = "\t" in self.lines[i].raw
        gaps = (SEPARATOR, BLANK) if tabbed else (SEPARATOR,)
        for step in (-1, 1):
            j, rows = i + step, 0
            while 0 <= j < self.n and rows < _LABEL_ROW_REACH:
                kind = self.lines[j].shape.kind
                if kind == ROW and ("\t" in self.lines[j].raw) == tabbed:
                    if self._label_row(j) is not None:
                        return True
                    rows += 1
                elif kind not in gaps:
                    break
                j += step
        return False

    # -- assignment

    def _lead_start(self, head: int, heads: set[int]) -> int:
        """Where an item starts: its head, or a case number or `Lukket punkt` label above it."""
        start = head
        for _ in range(2):
            prev = self.prev_content[start]
            if prev < 0:
                break
            line = self.lines[prev]
            if (line.case and line.shape.kind != HEADING and self._owns_case_above(head, prev, heads)) or line.closed or (
                    len(line.shape.text) <= 40 and OPEN_CLOSED_LABEL.match(line.shape.text)):
                start = prev
            else:
                break
        return start

    def _owns_case_above(self, head: int, case: int, heads: set[int]) -> bool:
        """A case number above the title belongs to it when none follows it, and when it is
        not the case number under the item before (`Punkt 9` / `22/24313` / `Punkt 10`)."""
        if self.prev_content[case] in heads:
            return False
        return not self._evidence(head, self.lines[head].marker).case

    def _assign(self) -> None:
        n, types = self.n, self.types
        items = self.items
        heads = set(items)
        starts = [self._lead_start(i, heads) for i in items]
        first_item = min(starts, default=n)
        for i in range(first_item):
            types[i] = self._block_type(i)
        self._assign_front(first_item)
        for index, head in enumerate(items):
            start = starts[index]
            end = starts[index + 1] if index + 1 < len(items) else n
            self._assign_item(start, head, end)
        self._chain_blocks()

    def _chain_blocks(self) -> None:
        """Mark the lines that continue the block above, so the grammar groups blocks.

        A text line under text continues its paragraph; a text line under a list item
        is that item's lazy continuation; a list item of the list's kind continues the
        list across blank lines; a row continues its table across blank lines and
        comments, unless it is a header row after a gap below rows with figures (then
        a new table starts). Only token names change; each line's facts stay as read.
        """
        types, n = self.types, self.n
        i = 0
        while i < n:
            kind = types[i]
            if kind == "TEXT":
                i += 1
                while i < n and types[i] == "TEXT":
                    types[i] = "TEXT_CONT"
                    i += 1
            elif kind in ("BULLET", "NUMBERED"):
                i = self._chain_list(i, kind)
            elif kind in ("ROW", "SEPARATOR"):
                i = self._chain_table(i)
            else:
                i += 1

    def _chain_list(self, i: int, kind: str) -> int:
        types, n = self.types, self.n
        j = i + 1
        while j < n:
            if types[j] == kind:
                types[j] = kind + "_NEXT"
            elif types[j] == "TEXT":
                types[j] = "LIST_CONT"
            elif types[j] == "BLANK":
                k = j
                while k < n and types[k] == "BLANK":
                    k += 1
                if k == n or types[k] != kind:
                    break
                types[j:k] = ["LIST_GAP"] * (k - j)
                j = k
                continue
            else:
                break
            j += 1
        return j

    def _chain_table(self, i: int) -> int:
        types, lines, n = self.types, self.lines, self.n
        figures = types[i] == "ROW" and has_figures(lines[i].raw, lines[i].columns)
        columns = lines[i].columns  # a space-aligned table's columns: its rows go on across blank lines
        j = i + 1
        while j < n:
            if types[j] in ("ROW", "SEPARATOR"):
                figures = figures or (types[j] == "ROW" and has_figures(lines[j].raw, lines[j].columns))
                columns = lines[j].columns or columns
                types[j] += "_NEXT"
                j += 1
                continue
            if types[j] not in ("BLANK", "COMMENT"):
                break
            k = j
            while k < n and types[k] in ("BLANK", "COMMENT"):
                k += 1
            if k == n or types[k] not in ("ROW", "SEPARATOR"):
                break
            same_table = lines[k].columns is not None and lines[k].columns is columns
            if types[k] == "ROW" and figures and not same_table and is_header_row(lines[k].raw, lines[k].columns):
                break  # a header row after a gap, below figures: the next table
            types[j:k] = ["TABLE_GAP"] * (k - j)
            j = k
        return j

    def _assign_front(self, end: int) -> None:
        types, lines = self.types, self.lines
        toc_start, toc_end = self.toc_start, self.toc_end
        i = 0
        while i < end:
            if toc_start is not None and toc_end is not None and i == toc_start:
                types[i] = "TOC_HEAD"
                lines[i].toc_cut = self.toc_cut
                for j in range(toc_start + 1, min(toc_end, end)):
                    if self.skip[j]:
                        types[j] = "TOC_BLANK"
                    elif j in self._toc_wrapped:
                        types[j] = "TOC_CONT"  # the rest of a wrapped entry, read with its first line
                    else:
                        entry = self._toc_entry(j)
                        lines[j].toc = entry
                        types[j] = "TOC_ENTRY" if entry is not None else "TOC_TEXT"
                lines[i].toc = self._toc_entry(i)
                i = min(toc_end, end)
                continue
            if i == self.title:
                types[i] = "TITLE"
                for j in self._title_rest(i):
                    types[j] = "TITLE_CONT"
                    for k in range(i + 1, j):
                        types[k] = "TITLE_GAP"
                    i = j
                i += 1
                continue
            field = self._field_of(i)
            if field is not None:
                lines[i].field = field
                types[i] = "FIELD"
                i = self._field_rest(i, field, end)
                continue
            if lines[i].shape.kind == SEPARATOR and self._rule_of_fields(i):
                types[i] = "COMMENT"  # `|---|---|` under `| Dato | 04-03-2024 |`: markup, not a table
            i += 1

    def _rule_of_fields(self, i: int) -> bool:
        """A separator row next to a table row read as a head field."""
        return any(0 <= j < self.n and self.lines[j].shape.kind == ROW and self._field_of(j) is not None
                   for j in (self.prev_content[i], self.next_content[i]))

    def _field_rest(self, i: int, field: tuple[str, str | None, str], end: int) -> int:
        """Mark the lines a field's value runs on to; returns the next index to read.

        A value never swallows the next label's line; a label alone (`STED`, `Medlemmer:`)
        takes its value from the following lines, one for a date or a place, a run of
        lines for a list of names."""
        _, role, value = field
        many = role in LIST_ROLES or role is None
        j = i + 1
        taken = 0
        while j < end:
            line = self.lines[j]
            if self.skip[j]:
                if value or taken:
                    if not many or not taken:
                        break
                    nxt = self.next_content[j]
                    # Blank lines inside a one-name-a-line list are kept when the list goes on.
                    if nxt >= end or not self._value_line(nxt):
                        break
                j += 1
                continue
            if not self._value_line(j):
                break
            if not many and (value or taken):
                break
            for k in range(i + 1, j):
                if self.types[k] in ("BLANK", "COMMENT"):
                    self.types[k] = "FIELD_GAP"
            self.types[j] = "FIELD_CONT"
            taken += 1
            j += 1
        return j

    def _value_follows(self, i: int) -> bool:
        """`Mødetidspunkt` alone on its line with the value on the next: a label."""
        j = self.next_content[i]
        return j < self.n and self.lines[j].shape.kind in (TEXT, BULLET, NUMBERED) and self.words.head_role(
            self.lines[j].shape.text) is None

    def _value_line(self, j: int) -> bool:
        line = self.lines[j]
        if j == self.title or j == self.toc_start or line.section is not None or self._field_of(j) is not None:
            return False
        if line.shape.kind not in (TEXT, NUMBERED, BULLET, BOLD):
            return False
        text = line.shape.text
        if line.shape.kind == BOLD or self.words.is_toc_heading(text) or _TITLE_WORDS.search(text) and len(text) < 40:
            return False
        return not _WORDS_IN_LABEL.match(text) or bool(_TIME_OR_DATE.search(text))

    def _block_type(self, i: int) -> str:
        line = self.lines[i]
        kind = line.shape.kind
        if kind == BLANK:
            return "BLANK"
        if kind == COMMENT or self.skip[i]:
            return "COMMENT"
        if kind in (TEXT, HEADING, BOLD) and len(line.raw) > _FLATTENED_LENGTH and len(PAGE_WORDS.findall(line.raw[:20000])) >= 3:
            return "UNREAD"
        if kind in (HEADING, BOLD):
            return "HEADING"
        if kind == BULLET:
            return "BULLET"
        if kind == NUMBERED:
            return "NUMBERED"
        if kind == ROW:
            return "ROW"
        if kind == SEPARATOR:
            return "SEPARATOR"
        return "TEXT"

    def _assign_item(self, start: int, head: int, end: int) -> None:
        lines, types = self.lines, self.types
        for i in range(start, head):
            line = lines[i]
            if self.skip[i]:
                types[i] = "LEAD_GAP"
            elif line.case:
                types[i] = "CASE_ABOVE"
            else:
                types[i] = "ITEM_LABEL"
        types[head] = "ITEM_HEAD"
        i = self._item_head_rest(head, end)
        current: SectionKind | None = None
        while i < end:
            line = lines[i]
            kind = line.shape.kind
            wrapped = self._wrapped_section(i, end) if kind in (HEADING, BOLD, TEXT) else None
            if wrapped is not None:
                types[i], types[i + 1] = "SECTION_HEAD", "SECTION_HEAD_CONT"
                current = wrapped
                i += 2
                continue
            section = line.section
            if kind in (TEXT, FIELDISH) and self._attendance(line.shape.text):
                types[i] = "ATTENDANCE"
            elif section is not None and not (section is SectionKind.RECOMMENDATION and current is SectionKind.RECOMMENDATION and kind == TEXT):
                # (`<Actor> indstiller, at:` under an `Indstilling` heading stays text.)
                types[i] = "SECTION_HEAD"
                current = section
            elif kind == FIELDISH:
                types[i] = "TEXT"
            else:
                types[i] = self._block_type(i)
            i += 1

    def _item_head_rest(self, head: int, end: int) -> int:
        """Mark a wrapped heading's continuation, the title under a bare `Pkt. 42`, a
        `Sag nr. 24` line and the case number; returns the next index to read."""
        lines, types = self.lines, self.types
        i = head + 1
        marker = lines[head].marker
        if marker is not None and not marker.title:
            j = self.next_content[head]
            if j < end and lines[j].section is None and not lines[j].case:
                for k in range(head + 1, j):
                    types[k] = "HEAD_GAP"
                types[j] = "ITEM_HEAD_CONT"
                i = j + 1
        elif lines[head].raw.count("**") % 2 == 1:
            # A heading whose bold was opened and not closed wraps onto the next lines.
            for j in range(head + 1, min(head + 4, end)):
                if lines[j].shape.kind in (BLANK, COMMENT):
                    break
                types[j] = "ITEM_HEAD_CONT"
                i = j + 1
                if "**" in lines[j].raw:
                    break
        elif self._heading_wraps(head, end):
            types[head + 1] = "ITEM_HEAD_CONT"
            i = head + 2
        nxt = self.next_content[i - 1]
        if nxt < end and lines[nxt].number_after is not None:
            for k in range(i, nxt):
                types[k] = "HEAD_GAP"
            types[nxt] = "ITEM_NUMBER"
            i = nxt + 1
        nxt = self.next_content[i - 1]
        if nxt < end and lines[nxt].label:
            # `Åben sag` / `Lukket punkt` under the title: layout, not title or text; it may close the item.
            for k in range(i, nxt + 1):
                types[k] = "HEAD_GAP"
            lines[head].closed_below = lines[nxt].closed
            i = nxt + 1
        # The case number: the next content line, or within the few field lines under the title.
        j = i - 1
        for _ in range(3):
            j = self.next_content[j]
            if j >= end or lines[j].section is not None:
                break
            if lines[j].case and types[j] != "CASE_ABOVE":
                for k in range(i, j):
                    types[k] = self._block_type(k)
                types[j] = "CASE_NO"
                # `Sagsnr.: 24/07713   Dok.nr.: …   Lukket`: the case line gives the item's status.
                if CASE_LINE_CLOSED.search(lines[j].shape.text):
                    lines[head].closed_below = True
                return j + 1
            if len(lines[j].shape.text) > 120:
                break
        return i

    def _heading_wraps(self, head: int, end: int) -> bool:
        """`## **Punkt 101: … for udvalgets**` directly followed by `## **område**` (or plain
        `område`) and then the case number: the heading's text wrapped onto a second line."""
        j = head + 1
        if j >= end:
            return False
        line = self.lines[j]
        if line.shape.kind not in (HEADING, BOLD, TEXT) or len(line.shape.text) > 100:
            return False
        if (line.section is not None or self._attendance(line.shape.text) or line.case or line.number_after is not None
                or line.label):
            return False
        nxt = self.next_content[j]
        if nxt < end and self.lines[nxt].case:
            return True
        # Case-above style (`24/3300` / `# Punkt 1: Godkendelse af` / `# dagsorden` / `## Indstilling`):
        # a section follows instead; the line must read as the heading's rest (the same heading
        # markup, or a lower-case word after a break).
        above = self.prev_content[head]
        head_shape = self.lines[head].shape
        rest = (line.shape.kind == head_shape.kind and line.shape.level == head_shape.level) or (
            line.shape.kind == TEXT and line.shape.text[:1].islower() and not line.shape.text.endswith("."))
        return (rest and above >= 0 and bool(self.lines[above].case) and nxt < end
                and self.lines[nxt].section is not None)

    def _wrapped_section(self, i: int, end: int) -> SectionKind | None:
        """A section heading whose text wraps onto the next line: `### **Beslutning i … den**`
        + `### **14-11-2024**`, or a bold line opened on one line and closed on the next
        (`**Beslutning i … den` + `14-11-2024**`). The second line names no section itself."""
        j = i + 1
        lines = self.lines
        if j >= end or len(lines[i].raw) > 300 or len(lines[j].raw) > 300:
            return None
        first, second = lines[i].shape, lines[j].shape
        if first.kind in (HEADING, BOLD) and second.kind == first.kind and second.level == first.level:
            text = first.text + " " + second.text
        elif (first.kind in (HEADING, TEXT) and lines[i].raw.count("**") % 2 == 1 and second.kind == TEXT
              and lines[j].raw.count("**") % 2 == 1):
            joined = shape_of(lines[i].raw.rstrip() + " " + lines[j].raw.strip())
            text = joined.text if joined.kind in (HEADING, BOLD) else ""
        else:
            return None
        classify = self.vocabulary.classify
        if not text or classify(second.text) is not None or self._attendance(second.text):
            return None
        kind = classify(text)
        alone = classify(first.text) if first.kind != TEXT else None
        # A heading that names its section alone takes a continuation only if it keeps the kind.
        return kind if alone is None or alone is kind else None

    @staticmethod
    def _attendance(text: str) -> bool:
        if len(text) > 400:
            return False
        return bool(ATTENDANCE_START.match(text) or (ATTENDANCE_WORDS.search(text) and ATTENDANCE_ANYWHERE.search(text)))


class _Evidence:
    __slots__ = ("case", "case_distance", "case_line", "case_above", "section", "section_distance", "label")

    def __init__(self) -> None:
        self.case = self.case_above = self.section = self.label = False
        self.case_distance = self.section_distance = 99
        self.case_line = -1


_TITLE_WORDS = re.compile(r"\b(?:" + "|".join(TITLE_WORDS) + r")\b", re.IGNORECASE)
def _has_date(text: str) -> bool:
    """A date written in ``text``, as :mod:`referatcheck.dates` reads dates."""
    return bool(find_dates(text))


_TIME_OR_DATE = re.compile(r"\d{1,2}[:.]\d{2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}")
_BODY_ALONE = re.compile(rf"^{BODY}$", re.IGNORECASE)
_TITLE_WORD_SET = frozenset(TITLE_WORDS)
# A page holds at least this many lines of text: page numbers standing alone are further apart.
_PAGE_MIN_LINES = 3


def _marker_text(line: Line) -> str:
    """The text an item marker is read from: for a plain line the line itself with its
    spacing kept (` 1  Title` has no dot, only two spaces), else the visible text."""
    if line.shape.kind in (TEXT, NUMBERED, BULLET) and "\\" not in line.raw and "<" not in line.raw:
        return line.raw.replace("**", "").replace("__", "").strip()
    return line.shape.text


def _bare_title(text: str) -> bool:
    """`Referat`, `Beslutningsprotokol` alone (the committee and date follow)."""
    return text.strip(" :").casefold() in TITLE_WORDS
