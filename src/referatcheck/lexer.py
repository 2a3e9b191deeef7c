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
from typing import Iterator

from lark import Token
from lark.lexer import Lexer

from referatcheck.model import SectionKind
from referatcheck.sections import DEFAULT_VOCABULARY, SectionVocabulary
from referatcheck.source import SourceText
from referatcheck.titles import bold_only, clean_inline, normalise_title, strip_heading_marks

# ---- shapes ------------------------------------------------------------------------

BLANK, COMMENT, HEADING, BOLD, FIELDISH, BULLET, NUMBERED, ROW, SEPARATOR, TEXT = (
    "blank", "comment", "heading", "bold", "fieldish", "bullet", "numbered", "row", "separator", "text"
)

_BULLET = re.compile(r"^[ \t]{0,8}[-*•–·▪]\s+\S")
_NUMBERED = re.compile(r"^[ \t]{0,8}\d{1,3}[.)][ \t]+\S")
_BOLD_LABEL = re.compile(r"^\s{0,3}(?:\*\*|__)([^*_\n]{1,60}?)(?::\s{0,3})?(?:\*\*|__):?(?:\s+(\S.*))?$")
_SEPARATOR_TEXT = re.compile(r":?-{3,}:?")  # a stripped separator cell
_PIPE_ROW = re.compile(r"^\s{0,3}\|.*\|\s*$")


class Shape:
    """What a line looks like, before we know what it means."""

    __slots__ = ("kind", "level", "text", "label", "value")

    def __init__(self, kind: str, text: str = "", level: int = 0, label: str = "", value: str = "") -> None:
        self.kind = kind
        self.text = text  # visible text, markup removed (for headings, bold lines, text)
        self.level = level
        self.label = label
        self.value = value


def shape_of(line: str) -> Shape:
    stripped = line.strip()
    if not stripped:
        return Shape(BLANK)
    first = stripped[0]
    if first == "<" and stripped.startswith("<!--") and stripped.endswith("-->"):
        return Shape(COMMENT, stripped)
    if first == "#":
        heading = strip_heading_marks(line)
        if heading is not None:
            return Shape(HEADING, clean_inline(heading[1]), level=heading[0])
    if ("\t" in line or (first == "|" and _PIPE_ROW.match(line))) and _cell_count(line) <= MAX_ROW_CELLS:
        cells = split_cells(line)
        # C-level loops over the cells: a line may be a megabyte of `|` or TABs.
        filled = [c for c in map(str.strip, cells) if c]
        if filled and all(map(_SEPARATOR_TEXT.fullmatch, filled)):
            return Shape(SEPARATOR)
        if filled and len(cells) >= 2:
            return Shape(ROW)
    if first in "*_":
        inner = bold_only(stripped)
        if inner is not None:
            return Shape(BOLD, clean_inline(inner))
        match = _BOLD_LABEL.match(line)
        if match and match.group(2):
            return Shape(FIELDISH, clean_inline(line), label=clean_inline(match.group(1)), value=match.group(2))
    if first in "-*•–·▪" and _BULLET.match(line):
        if set(stripped) <= {"-", " "} and stripped.count("-") >= 3:
            return Shape(SEPARATOR)
        return Shape(BULLET, clean_inline(line))
    if first == "-" and set(stripped) <= {"-"} and len(stripped) >= 3:
        return Shape(SEPARATOR)
    if first.isdigit() and _NUMBERED.match(line):
        return Shape(NUMBERED, clean_inline(line))
    return Shape(TEXT, clean_inline(line))


# Real tables have tens of columns; a line of a million TABs is text, not a row of a
# million cells (each cell becomes a model node: seconds of work for nothing).
MAX_ROW_CELLS = 1000


def _cell_count(line: str) -> int:
    return line.count("\t") + 1 if "\t" in line else line.count("|") - 1


def split_cells(line: str) -> list[str]:
    """Raw cell strings of a table row (TAB-separated, or a `| a | b |` pipe row)."""
    if "\t" in line:
        return line.split("\t")
    inner = line.strip()
    return inner[1:-1].split("|") if len(inner) >= 2 else [inner]


# ---- patterns for roles ------------------------------------------------------------

_PUNKT = re.compile(r"^(?:punkt|pkt\.?|dagsordenspunkt)\s{0,3}(\d{1,5})\s{0,3}[:.–-]\s*(.*)$", re.IGNORECASE)
# `Beslutning: Godkendt.` — a section label with its content on the same line.
_INLINE_LABEL = re.compile(r"^([A-ZÆØÅ][^:]{1,60}):\s+\S")
_NUMBERED_ITEM = re.compile(r"^(\d{1,5})\.\s+(\S.*)$")
_CASE_LABEL = (
    r"(?:sags?\s?n(?:r|ummer)\.?|sag\s?nr\.?|j\.?\s?nr\.?|journal\s?n(?:r|ummer)\.?|dok(?:ument)?\.?\s?nr\.?"
    r"|acadre(?:\s?sagsnr\.?)?|sbsys(?:\s?sagsnr\.?)?)"
)
_CASE_NUMBER = re.compile(
    rf"^(?:{_CASE_LABEL}\s{{0,3}}:?\s{{0,3}})?"
    r"([A-ZÆØÅ]{0,4}\d[0-9A-ZÆØÅ]{0,9}(?:[./-][0-9A-ZÆØÅ]{1,10}){1,6})$",
    re.IGNORECASE,
)
_DATE_ONLY = re.compile(r"^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$")
TOC_NAMES = {"indholdsfortegnelse", "indhold", "dagsordensoversigt", "punktoversigt", "oversigt over punkter",
              "punkter på dagsordenen", "dagsordenpunkter", "dagsordenspunkter"}
_PLAIN_TITLE = re.compile(r"^(?:referat|beslutningsprotokol)\b.{0,200}\d{4}", re.IGNORECASE)
_TITLE_WORDS = re.compile(r"\b(referat|beslutningsprotokol|dagsorden|protokol)\b", re.IGNORECASE)
HEAD_LABELS = {
    "mødedato", "mødested", "mødedeltagere", "afbud", "fraværende", "fraværende med afbud", "stedfortræder",
    "stedfortrædere", "mødetidspunkt", "sluttidspunkt", "mødetid", "tidspunkt", "tid", "sted", "deltagere",
    "medlemmer", "til stede", "fraværende/afbud", "mødeleder", "formand", "referent", "udvalg", "dato",
    "mødestart", "mødeslut", "bemærkninger", "øvrige deltagere",
}
_PLAIN_FIELD = re.compile(r"^([A-ZÆØÅa-zæøå][A-ZÆØÅa-zæøå /]{1,30}):\s*(\S.*)?$")
_ATTENDANCE_START = re.compile(
    r"^(?:[-*•]\s*)?(?:\*\*|_)?(?:ikke\s+til\s?stede|fraværende|afbud|forfald|deltog\s+ikke|ikke\s+mødt)\b",
    re.IGNORECASE,
)
_ATTENDANCE_ANYWHERE = re.compile(
    r"\b(?:deltog ikke i (?:behandlingen|sagens behandling|mødet|punktet|beslutningen)|forlod mødet"
    r"|mødte (?:under|efter|først|i stedet|kl)|i stedet mødte|erklærede sig inhabil|var inhabil"
    r"|blev erklæret inhabil|inhabil i (?:sagen|punktet))\b",
    re.IGNORECASE,
)
_TOC_HEADER_CELL = {"pkt", "pkt.", "punkt", "nr", "nr.", "tekst", "titel", "emne", "side", "sag", "sagsnr."}


def case_number(text: str) -> str | None:
    """The case number a line consists of (`22/24308`, `Sagsnr.: 15.00.15-P16-1-21`), or None."""
    cleaned = clean_inline(text)
    if len(cleaned) > 60:
        return None
    match = _CASE_NUMBER.match(cleaned)
    if not match:
        return None
    number = match.group(1)
    if ("/" not in number and "-" not in number) or _DATE_ONLY.match(number):
        return None
    if sum(ch.isdigit() for ch in number) < 3:
        return None
    return number


def parse_item_marker(text: str, numbered_style: bool) -> tuple[int, str] | None:
    """``(number, title)`` of an item heading's visible text, or None."""
    match = _PUNKT.match(text)
    if match:
        return int(match.group(1)), match.group(2).strip()
    if numbered_style:
        match = _NUMBERED_ITEM.match(text)
        if match:
            return int(match.group(1)), match.group(2).strip()
    return None


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


# ---- the lexer ---------------------------------------------------------------------


class MinutesLexer(Lexer):
    """Lark custom lexer: ``parser.parse(source)`` with a :class:`SourceText` as input."""

    def __init__(self, lexer_conf) -> None:  # signature required by Lark
        self.vocabulary = DEFAULT_VOCABULARY

    def lex(self, data) -> Iterator[Token]:  # Lark hands custom lexers the input as given
        source, vocabulary = data
        yield from tokens(source, vocabulary)


def tokens(source: SourceText, vocabulary: SectionVocabulary = DEFAULT_VOCABULARY) -> Iterator[Token]:
    """The token stream of ``source``: one token per line."""
    lines = source.lines
    shapes = [shape_of(line) for line in lines]
    roles = _Roles(lines, shapes, vocabulary)
    for index, line in enumerate(lines):
        yield Token(roles.types[index], line, None, index + 1, 1, index + 1, len(line) + 1, None)


class _Roles:
    """Pass two: decide each line's role from its shape and its neighbours."""

    def __init__(self, lines: tuple[str, ...], shapes: list[Shape], vocabulary: SectionVocabulary) -> None:
        self.lines, self.shapes, self.vocabulary = lines, shapes, vocabulary
        n = len(lines)
        self.next_content = self._next_content_index()
        self.types: list[str] = ["BLANK"] * n
        items = self._punkt_items()
        numbered_style = not items
        if numbered_style:
            items = self._numbered_items(toc_titles=set())
        toc_start = self._toc_start(min(items) if items else n)
        toc_end = self._toc_end(toc_start, items) if toc_start is not None else None
        if numbered_style and toc_start is not None:
            titles = self._toc_titles(toc_start, toc_end)
            items = self._numbered_items(titles, after=toc_end)
        self.items = {i for i in items if toc_end is None or i >= toc_end}
        self.numbered_style = numbered_style
        self._assign(toc_start, toc_end)

    # -- helpers

    def _next_content_index(self) -> list[int]:
        """For each line, the index of the next non-blank line after it (or len)."""
        n = len(self.lines)
        nxt = [n] * (n + 1)
        following = n
        for i in range(n - 1, -1, -1):
            nxt[i] = following
            if self.shapes[i].kind not in (BLANK, COMMENT):
                following = i
        return nxt

    def _is_case_line(self, index: int) -> bool:
        return index < len(self.lines) and self.shapes[index].kind in (TEXT, BOLD) and case_number(self.lines[index]) is not None

    def _punkt_items(self) -> list[int]:
        found = []
        for i, shape in enumerate(self.shapes):
            if shape.kind in (HEADING, BOLD, TEXT) and shape.text[:1] in "PpDd" and _PUNKT.match(shape.text):
                if shape.kind != TEXT or self._is_case_line(self.next_content[i]):
                    found.append(i)
        return found

    def _numbered_items(self, toc_titles: set[str], after: int | None = None) -> list[int]:
        found = []
        for i, shape in enumerate(self.shapes):
            if after is not None and i < after:
                continue
            if shape.kind not in (HEADING, BOLD, TEXT, NUMBERED) or not shape.text[:1].isdigit():
                continue
            match = _NUMBERED_ITEM.match(shape.text)
            if not match:
                continue
            if self._is_case_line(self.next_content[i]):
                found.append(i)
            elif toc_titles and (normalise_title(shape.text) in toc_titles or normalise_title(match.group(2)) in toc_titles):
                found.append(i)
        return found

    def _toc_start(self, limit: int) -> int | None:
        for i in range(min(limit, len(self.lines))):
            shape = self.shapes[i]
            if shape.kind in (HEADING, BOLD, TEXT) and len(shape.text) < 40:
                if shape.text.rstrip(":").casefold() in TOC_NAMES:
                    return i
        return None

    def _toc_end(self, start: int, items: list[int]) -> int:
        """First line after the TOC region."""
        first_item = min((i for i in items if i > start), default=len(self.lines))
        paged = 0
        for i in range(start + 1, first_item):
            shape = self.shapes[i]
            if shape.kind in (BLANK, COMMENT):
                continue
            if parse_toc_line(self.lines[i]) is not None:
                paged += 1
                continue
            if shape.kind in (HEADING,) or (paged and not self._is_toc_header(i)):
                return i
            if self._is_case_line(self.next_content[i]):
                return i
        return first_item

    def _is_toc_header(self, index: int) -> bool:
        cells = [c.strip().casefold() for c in self.lines[index].split("\t") if c.strip()]
        return bool(cells) and all(c in _TOC_HEADER_CELL for c in cells)

    def _toc_titles(self, start: int, end: int) -> set[str]:
        titles = set()
        for i in range(start + 1, end):
            parsed = parse_toc_line(self.lines[i])
            if parsed:
                titles.add(normalise_title(parsed[0]))
                match = _NUMBERED_ITEM.match(parsed[0])
                if match:
                    titles.add(normalise_title(match.group(2)))
                cells = [c.strip() for c in self.lines[i].split("\t") if c.strip()]
                if len(cells) >= 3 and cells[0].rstrip(".").isdigit():
                    titles.add(normalise_title(" ".join(cells[1:-1])))
        return titles

    def _title_index(self, limit: int) -> int | None:
        first_heading = None
        for i in range(limit):
            shape = self.shapes[i]
            if shape.kind in (HEADING, BOLD):
                if _TITLE_WORDS.search(shape.text):
                    return i
                if first_heading is None and shape.kind == HEADING:
                    first_heading = i
            elif shape.kind == TEXT and _PLAIN_TITLE.match(shape.text):
                # An unmarked title (`REFERAT Økonomiudvalget d. 04-06-2020`) of a plain export.
                return i
        return first_heading

    # -- assignment

    def _assign(self, toc_start: int | None, toc_end: int | None) -> None:
        lines, shapes, types = self.lines, self.shapes, self.types
        n = len(lines)
        first_item = min(self.items) if self.items else n
        front_end = min(first_item, toc_start if toc_start is not None else n)
        title = self._title_index(front_end)
        in_field = False
        for i in range(front_end):
            shape = shapes[i]
            kind = shape.kind
            if i == title:
                types[i] = "TITLE"
                in_field = False
            elif self._is_field(shape, lines[i]):
                types[i] = "FIELD"
                in_field = True
            elif in_field and kind in (TEXT, NUMBERED, BULLET):
                types[i] = "FIELD_CONT"
            else:
                types[i] = self._block_type(shape, lines[i])
                in_field = False
        if toc_start is not None and toc_end is not None:
            types[toc_start] = "TOC_HEAD"
            for i in range(toc_start + 1, toc_end):
                if shapes[i].kind in (BLANK, COMMENT):
                    types[i] = "TOC_BLANK"
                elif parse_toc_line(lines[i]) is not None:
                    types[i] = "TOC_ENTRY"
                else:
                    types[i] = "TOC_TEXT"
            # Lines between the TOC and the first item belong to the front matter.
            for i in range(toc_end, first_item):
                types[i] = self._block_type(shapes[i], lines[i])
        self._assign_items(first_item)

    def _is_field(self, shape: Shape, line: str) -> bool:
        if shape.kind == FIELDISH:
            return True
        if shape.kind == BOLD and shape.text.rstrip(":").casefold() in HEAD_LABELS:
            return True
        if shape.kind == TEXT and ":" in line:
            match = _PLAIN_FIELD.match(shape.text)
            return bool(match) and match.group(1).strip().casefold() in HEAD_LABELS
        if shape.kind == ROW:
            # `**Mødedato**<TAB>Onsdag d. …`: some exports put a TAB between label and value,
            # which shapes the line as a table row; a known head label makes it a field.
            # (A pipe row stays a row without its TABs: no second look, no endless recursion.)
            flat = line.replace("\t", " ")
            flat_shape = shape_of(flat)
            return flat_shape.kind != ROW and self._is_field(flat_shape, flat)
        return False

    def _block_type(self, shape: Shape, line: str) -> str:
        kind = shape.kind
        if kind == BLANK:
            return "BLANK"
        if kind == COMMENT:
            return "COMMENT"
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

    def _assign_items(self, first_item: int) -> None:
        lines, shapes, types, vocabulary = self.lines, self.shapes, self.types, self.vocabulary
        n = len(lines)
        i = first_item
        current: SectionKind | None = None
        while i < n:
            shape = shapes[i]
            if i in self.items:
                types[i] = "ITEM_HEAD"
                current = None
                i = self._item_head_rest(i)
                continue
            kind = shape.kind
            wrapped = self._wrapped_section(i) if kind in (HEADING, BOLD, TEXT) else None
            if wrapped is not None:
                types[i], types[i + 1] = "SECTION_HEAD", "SECTION_HEAD_CONT"
                current = wrapped
                i += 2
                continue
            if kind in (HEADING, BOLD):
                section = vocabulary.classify(shape.text)
                if section is not None:
                    types[i] = "SECTION_HEAD"
                    current = section
                else:
                    types[i] = "HEADING"
            elif kind in (TEXT, FIELDISH) and self._attendance(shape.text):
                types[i] = "ATTENDANCE"
            elif kind == TEXT:
                section = vocabulary.classify_plain(lines[i]) or self._inline_section(shape.text)
                if section is SectionKind.RECOMMENDATION and current is SectionKind.RECOMMENDATION:
                    section = None  # `<Actor> indstiller, at:` under an `Indstilling` heading
                if section is not None:
                    types[i] = "SECTION_HEAD"
                    current = section
                else:
                    types[i] = "TEXT"
            elif kind == FIELDISH:
                # `**Beslutning:** Godkendt.`: a section heading with its first line inline.
                section = vocabulary.classify(shape.label)
                types[i] = "SECTION_HEAD" if section is not None else "TEXT"
                current = section or current
            else:
                types[i] = self._block_type(shape, lines[i])
            i += 1

    def _item_head_rest(self, head: int) -> int:
        """Mark a wrapped heading's continuation and the case number; returns the next index."""
        lines, types = self.lines, self.types
        i = head + 1
        # A heading whose bold was opened and not closed wraps onto the next lines.
        if lines[head].count("**") % 2 == 1:
            for j in range(head + 1, min(head + 4, len(lines))):
                if self.shapes[j].kind in (BLANK, COMMENT) or j in self.items:
                    break
                types[j] = "ITEM_HEAD_CONT"
                i = j + 1
                if "**" in lines[j]:
                    break
        elif self._heading_wraps(head):
            types[head + 1] = "ITEM_HEAD_CONT"
            i = head + 2
        nxt = self.next_content[i - 1]
        if nxt < len(lines) and nxt not in self.items and self._is_case_line(nxt):
            for j in range(i, nxt):
                types[j] = "COMMENT" if self.shapes[j].kind == COMMENT else "BLANK"
            types[nxt] = "CASE_NO"
            return nxt + 1
        return i

    def _heading_wraps(self, head: int) -> bool:
        """`## **Punkt 101: … for udvalgets**` directly followed by `## **område**` (or plain
        `område`) and then the case number: the heading's text wrapped onto a second line."""
        j = head + 1
        if j >= len(self.lines) or j in self.items:
            return False
        shape = self.shapes[j]
        if shape.kind not in (HEADING, BOLD, TEXT) or len(shape.text) > 100:
            return False
        if self.vocabulary.classify(shape.text) is not None or self._attendance(shape.text):
            return False
        return not self._is_case_line(j) and self._is_case_line(self.next_content[j])

    def _wrapped_section(self, i: int) -> SectionKind | None:
        """A section heading whose text wraps onto the next line: `### **Beslutning i … den**`
        + `### **14-11-2024**`, or a bold line opened on one line and closed on the next
        (`**Beslutning i … den` + `14-11-2024**`). The second line names no section itself."""
        j = i + 1
        lines, shapes = self.lines, self.shapes
        if j >= len(lines) or j in self.items or len(lines[i]) > 300 or len(lines[j]) > 300:
            return None
        first, second = shapes[i], shapes[j]
        if first.kind in (HEADING, BOLD) and second.kind == first.kind and second.level == first.level:
            text = first.text + " " + second.text
        elif (first.kind in (HEADING, TEXT) and lines[i].count("**") % 2 == 1 and second.kind == TEXT
              and lines[j].count("**") % 2 == 1):
            joined = shape_of(lines[i].rstrip() + " " + lines[j].strip())
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

    def _inline_section(self, text: str) -> SectionKind | None:
        """`Beslutning: Godkendt.` unmarked: only decision and recommendation labels count,
        other run-in labels (`Økonomi: ...`) are ordinary text."""
        match = _INLINE_LABEL.match(text)
        if not match:
            return None
        kind = self.vocabulary.classify(match.group(1))
        return kind if kind in (SectionKind.DECISION, SectionKind.RECOMMENDATION) else None

    @staticmethod
    def _attendance(text: str) -> bool:
        if len(text) > 400:
            return False
        return bool(_ATTENDANCE_START.match(text) or _ATTENDANCE_ANYWHERE.search(text))
