"""Word (.docx) minutes: the clerk's draft, read into the same document model.

The loader converts the Word document to the line text the Markdown parser reads and
parses that, so every rule works unchanged:

- paragraphs in the styles `Heading 1–6` / `Overskrift 1–6` (or a style based on one,
  or with an outline level) become `#` headings;
- bold text becomes `**…**` (so a bold-only paragraph is a section label and
  `**Mødedato** Tirsdag …` a head field);
- list paragraphs become `- ` or `1. ` lines with the numbers Word shows;
- each row of a Word table becomes one line of TAB-separated cells;
- a table of contents, whether a TOC field (styles `TOC 1…`) or typed with a TAB before
  the page number, becomes TOC lines (`Title<TAB>3`);
- a soft line break (Shift+Enter) starts a new line inside the same paragraph.

Each produced line remembers where it came from (``Document.extra["locations"]``,
see :mod:`referatcheck.locations`): the body paragraph number, or table, row and cells.
Findings then name a place a Word user can find (*afsnit 12*, *tabel 2, række 3,
celle 4*); their ``line`` is a line of the converted text, which the HTML report
shows with its line numbers.
"""

from __future__ import annotations

import io
import re
from typing import Iterator

import attrs

from referatcheck import hookimpl
from referatcheck.formats.textout import CONTROL, TextOut, join_bold
from referatcheck.vocabulary import (
    HEAD_LABELS, TOC_HEADINGS,
    WORD_BULLET_STYLE, WORD_HEADING_STYLE, WORD_NUMBER_STYLE, WORD_TITLE_STYLES, WORD_TOC_STYLE,
)
from referatcheck.shapes import shape_of
from referatcheck.loading import UnreadableDocument
from referatcheck.locations import LOCATIONS, Place
from referatcheck.model import Document
from referatcheck.parse import parse_document
from referatcheck.sections import DEFAULT_VOCABULARY, SectionVocabulary
from referatcheck.source import SourceText

SUFFIX = ".docx"

_MAX_STYLE_DEPTH = 12  # style inheritance chains are short; a cycle must not hang us


@hookimpl
def referatcheck_input_suffixes():
    """Word files are this plugin's: no other reader is tried on them."""
    return [SUFFIX]


@hookimpl
def referatcheck_load_document(path, data, vocabulary):
    """Load a .docx file; other files are not ours (None)."""
    if not str(path).lower().endswith(SUFFIX):
        return None
    return load_docx(path, data, vocabulary)


def load_docx(path: str, data: bytes, vocabulary: SectionVocabulary = DEFAULT_VOCABULARY) -> Document:
    """Parse a Word document's bytes into a Document with its line → place map."""
    text, places = convert(data)
    source = SourceText.from_text(text, path=str(path), encoding="docx")
    document = parse_document(source, vocabulary)
    return attrs.evolve(document, extra={**document.extra, LOCATIONS: places})


def convert(data: bytes) -> tuple[str, tuple[Place | None, ...]]:
    """The line text of a Word document and, per line, where it came from."""
    import docx  # python-docx; imported here so Markdown-only runs start fast

    try:
        word = docx.Document(io.BytesIO(data))
    except Exception as exc:  # a damaged or foreign ZIP package, whatever python-docx makes of it
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())
        raise UnreadableDocument(f"ikke et gyldigt Word-dokument (teknisk: {detail})",
                                 f"not a valid Word document ({detail})") from None
    converter = _Converter(word)
    converter.run()
    return converter.out.result()


# ---- the XML we read -----------------------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _q(tag: str) -> str:
    return f"{{{_W}}}{tag}"


def _val(element, child: str) -> str | None:
    """The w:val of ``element``'s child ``child`` (None when absent)."""
    if element is None:
        return None
    found = element.find(_q(child))
    return None if found is None else found.get(_q("val"))


def _on(value: str | None) -> bool | None:
    """An OOXML on/off value: an element without w:val is on."""
    if value is None:
        return None
    return value.lower() not in ("0", "false", "off")


def _onoff(element, child: str) -> bool | None:
    if element is None:
        return None
    found = element.find(_q(child))
    if found is None:
        return None
    return _on(found.get(_q("val"), "1"))


# Parts of a paragraph whose runs are not shown as its text: tracked deletions and moves
# away, properties, and text boxes drawn over the page.
_NOT_TEXT = frozenset(_q(tag) for tag in ("del", "moveFrom", "txbxContent", "pPr", "rPr"))
_RUN, _T, _TAB, _PTAB, _BR, _CR, _NO_BREAK_HYPHEN = (
    _q(tag) for tag in ("r", "t", "tab", "ptab", "br", "cr", "noBreakHyphen")
)


def _visible_runs(p) -> Iterator:
    """The runs of paragraph ``p`` in reading order, inside hyperlinks, fields, content
    controls and tracked insertions too (a plain walk: XPath per paragraph was the
    converter's main cost)."""
    stack = list(reversed(p))
    while stack:
        element = stack.pop()
        tag = element.tag
        if tag == _RUN:
            yield element
        elif isinstance(tag, str) and tag not in _NOT_TEXT:  # comments have no str tag
            stack.extend(reversed(element))


def _run_text(r) -> str:
    """A run's text: TABs as TAB, a line break (Shift+Enter) as a line end."""
    parts = []
    for child in r:
        tag = child.tag
        if tag == _T:
            parts.append(child.text or "")
        elif tag in (_TAB, _PTAB):
            parts.append("\t")
        elif tag == _BR:
            if child.get(_q("type"), "textWrapping") == "textWrapping":  # not a page break
                parts.append("\n")
        elif tag == _CR:
            parts.append("\n")
        elif tag == _NO_BREAK_HYPHEN:
            parts.append("-")
    return "".join(parts)


# ---- styles and numbering ---------------------------------------------------------------


@attrs.frozen
class _ParagraphStyle:
    heading: int  # 0 when not a heading
    toc: bool
    bold: bool | None
    num: tuple[str, int] | None  # (numId, ilvl) a list style carries
    list_kind: str  # "bullet", "number" or "" from the style's name alone


class _Styles:
    def __init__(self, word) -> None:
        self.root = word.styles.element
        self._by_id = {s.get(_q("styleId")): s for s in self.root.findall(_q("style"))}
        default = next(
            (s for s in self._by_id.values() if s.get(_q("type")) == "paragraph" and _on(s.get(_q("default")))),
            None,
        )
        self.default_paragraph = default.get(_q("styleId")) if default is not None else None
        self._paragraph: dict[str | None, _ParagraphStyle] = {}
        self._character_bold: dict[str, bool | None] = {}

    def _chain(self, style_id: str | None) -> Iterator:
        seen = 0
        style = self._by_id.get(style_id) if style_id else None
        while style is not None and seen < _MAX_STYLE_DEPTH:
            yield style
            seen += 1
            style = self._by_id.get(_val(style, "basedOn"))

    def paragraph(self, style_id: str | None) -> _ParagraphStyle:
        style_id = style_id or self.default_paragraph
        if style_id not in self._paragraph:
            self._paragraph[style_id] = self._paragraph_style(style_id)
        return self._paragraph[style_id]

    def _paragraph_style(self, style_id: str | None) -> _ParagraphStyle:
        heading = 0
        toc = False
        bold = None
        num = None
        list_kind = ""
        for style in self._chain(style_id):
            name = (_val(style, "name") or "").casefold().strip()
            ppr = style.find(_q("pPr"))
            if not heading:
                match = WORD_HEADING_STYLE.match(name)
                if match:
                    heading = int(match.group(1))
                elif name in WORD_TITLE_STYLES:
                    heading = 1
                else:
                    level = _val(ppr, "outlineLvl")
                    if level is not None and level.isdigit() and int(level) < 9:
                        heading = int(level) + 1
            toc = toc or bool(WORD_TOC_STYLE.match(name))
            if bold is None:
                bold = _onoff(style.find(_q("rPr")), "b")
            if num is None and ppr is not None and ppr.find(_q("numPr")) is not None:
                num = _num_pr(ppr.find(_q("numPr")))
            if not list_kind:
                list_kind = "bullet" if WORD_BULLET_STYLE.match(name) else "number" if WORD_NUMBER_STYLE.match(name) else ""
        return _ParagraphStyle(heading=min(heading, 6), toc=toc, bold=bold, num=num, list_kind=list_kind)

    def character_bold(self, style_id: str) -> bool | None:
        if style_id not in self._character_bold:
            found = None
            for style in self._chain(style_id):
                found = _onoff(style.find(_q("rPr")), "b")
                if found is not None:
                    break
            self._character_bold[style_id] = found
        return self._character_bold[style_id]


def _list_of(ppr, style: _ParagraphStyle) -> tuple[str, int] | None:
    """``(numId, level)`` of a paragraph: its own numbering, completed by its style's."""
    num_pr = ppr.find(_q("numPr")) if ppr is not None else None
    if num_pr is None:
        return style.num
    num_id = _val(num_pr, "numId") or (style.num[0] if style.num else None)
    level = _val(num_pr, "ilvl")
    if num_id is None:
        return None
    return num_id, int(level) if level and level.isdigit() else (style.num[1] if style.num else 0)


def _num_pr(num_pr) -> tuple[str, int] | None:
    num_id = _val(num_pr, "numId")
    level = _val(num_pr, "ilvl")
    if num_id is None:
        return None
    return num_id, int(level) if level and level.isdigit() else 0


@attrs.frozen
class _Level:
    start: int
    fmt: str  # decimal, bullet, lowerLetter, ...
    text: str  # lvlText, e.g. "%1."


class _Numbering:
    """Word's list numbers: what each numbered paragraph shows, counted as Word does."""

    def __init__(self, word) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractId, start overrides)
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[tuple[str, int]] = set()
        try:
            root = word.part.numbering_part.element
        except (KeyError, NotImplementedError):  # no numbering part: only style names say "list"
            return
        for abstract in root.findall(_q("abstractNum")):
            levels = {}
            for lvl in abstract.findall(_q("lvl")):
                ilvl = lvl.get(_q("ilvl"))
                start = _val(lvl, "start")
                levels[int(ilvl) if ilvl and ilvl.isdigit() else 0] = _Level(
                    start=int(start) if start and start.lstrip("-").isdigit() else 1,
                    fmt=_val(lvl, "numFmt") or "decimal",
                    text=_val(lvl, "lvlText") or "",
                )
            self.abstract[abstract.get(_q("abstractNumId"))] = levels
        for num in root.findall(_q("num")):
            overrides = {}
            for override in num.findall(_q("lvlOverride")):
                start = _val(override, "startOverride")
                ilvl = override.get(_q("ilvl"))
                if start is not None and start.isdigit() and ilvl and ilvl.isdigit():
                    overrides[int(ilvl)] = int(start)
            self.nums[num.get(_q("numId"))] = (_val(num, "abstractNumId"), overrides)

    def label(self, num_id: str, ilvl: int) -> tuple[str, str] | None:
        """``(kind, label)`` for the next paragraph of list ``num_id`` at level ``ilvl``:
        kind "bullet" or "number"; None when the paragraph is not numbered."""
        if num_id == "0" or num_id not in self.nums:
            return None
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        level = levels.get(ilvl)
        if level is None:  # Word shows no number for a level the list does not define
            return None
        if level.fmt == "bullet":
            return ("bullet", "")
        if level.fmt == "none":
            return ("number", "")
        counters = self.counters.setdefault(abstract_id, {})
        # A list instance that overrides its start restarts the count the first time.
        if ilvl in overrides and (num_id, ilvl) not in self.started:
            counters[ilvl] = overrides[ilvl] - 1
        self.started.add((num_id, ilvl))
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]

        def number(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            lvl = levels.get(k, level)
            return _format_number(counters.get(k, lvl.start), lvl.fmt)

        return ("number", re.sub(r"%([1-9])", number, level.text).strip())


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        n = max(value, 1)
        while n:
            n, rest = divmod(n - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _roman(value: int) -> str:
    if not 0 < value < 4000:
        return str(value)
    out = ""
    for number, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= number:
            out += letters
            value -= number
    return out


# ---- the converted text -----------------------------------------------------------------


class _Converter:
    def __init__(self, word) -> None:
        self.word = word
        self.styles = _Styles(word)
        self.numbering = _Numbering(word)
        self.out = TextOut()
        self.paragraphs = 0
        self.tables = 0
        self.in_toc = False

    def run(self) -> None:
        for element in _body_blocks(self.word.element.body):
            if element.tag == _q("p"):
                self.paragraphs += 1
                self.paragraph(element)
            else:
                self.tables += 1
                self.table(element)

    # -- paragraphs

    def paragraph(self, p) -> None:
        ppr = p.find(_q("pPr"))
        style = self.styles.paragraph(_val(ppr, "pStyle"))
        place = Place(paragraph=self.paragraphs)
        segments = self.segments(p, style.bold)
        text = "".join(t for t, _ in segments)
        if not text.strip():
            return
        heading = style.heading
        own_level = _val(ppr, "outlineLvl")
        if own_level is not None and own_level.isdigit():
            heading = int(own_level) + 1 if int(own_level) < 9 else 0
        num = _list_of(ppr, style)
        label = self.list_label(num, style)

        if style.toc and not heading:
            self.toc_entry(text, place)
            return
        self.in_toc = False
        if heading:
            prefix = f"{label[1]} " if label and label[1] else ""
            self.out.add(f"{'#' * min(heading, 6)} {prefix}{' '.join(text.split())}", place)
            self.out.end_block()
            return
        lines = _split_lines(segments)
        rendered = [_render(line_segments) for line_segments in lines]
        rendered = [line for line in rendered if line.strip()]
        if not rendered:
            return
        if all(_all_bold(line_segments) for line_segments in lines if "".join(t for t, _ in line_segments).strip()):
            # A bold label that wraps is still one label.
            rendered = [f"**{' '.join(text.split())}**"]
        if label:
            kind, mark = label
            indent = "  " * min(num[1] if num else 0, 4)
            if kind == "bullet" or not mark:
                first = f"{indent}- {rendered[0]}" if kind == "bullet" else rendered[0]
            else:
                first = f"{indent}{mark} {rendered[0]}"
            rendered[0] = first
        else:
            rendered[0] = _field_with_tab(rendered[0])
        for line in rendered:
            self.out.add(line, place)
        self.out.end_block()

    def toc_entry(self, text: str, place: Place) -> None:
        if not self.in_toc:
            self.in_toc = True
            if not _is_toc_title(self.out.last_text()):
                # A TOC field without a title of its own: Word knows it is a TOC, so the
                # parser is told so too.
                self.out.end_block()
                self.out.add("## Indholdsfortegnelse", place)
                self.out.end_block()
        self.out.add(text.replace("\n", " ").strip(" "), place)
        self.out.end_block()

    def list_label(self, num: tuple[str, int] | None, style: _ParagraphStyle) -> tuple[str, str] | None:
        """``(kind, label)`` of a list paragraph ("bullet"/"number"), None for others."""
        if num is not None:
            return self.numbering.label(*num)
        if style.list_kind == "bullet":
            return ("bullet", "")
        return None

    def segments(self, p, paragraph_bold: bool | None) -> list[tuple[str, bool]]:
        """The paragraph's visible text as (text, bold) pieces."""
        out: list[tuple[str, bool]] = []
        for r in _visible_runs(p):
            rpr = r.find(_q("rPr"))
            if _onoff(rpr, "vanish"):
                continue
            text = _run_text(r)
            if not text:
                continue
            bold = _onoff(rpr, "b")
            if bold is None:
                char_style = _val(rpr, "rStyle")
                bold = self.styles.character_bold(char_style) if char_style else None
            if bold is None:
                bold = bool(paragraph_bold)
            out.append((CONTROL.sub("", text), bold))
        return out

    # -- tables

    def table(self, tbl) -> None:
        self.in_toc = False
        self.out.end_block()
        row_number = 0
        for tr in tbl.findall(_q("tr")):
            row_number += 1
            cells: list[tuple[str, int]] = []  # (text, Word cell number)
            skipped = _val(tr.find(_q("trPr")), "gridBefore")
            cells.extend(("", 1) for _ in range(int(skipped) if skipped and skipped.isdigit() else 0))
            for number, tc in enumerate(_row_cells(tr), start=1):
                cells.append((self.cell_text(tc), number))
                span = _val(tc.find(_q("tcPr")), "gridSpan")
                # A merged cell keeps the columns after it aligned with the header.
                cells.extend(("", number) for _ in range(int(span) - 1 if span and span.isdigit() else 0))
            if not any(text for text, _ in cells):
                continue
            self.table_row(cells, row_number)
        self.out.end_block()

    def table_row(self, cells: list[tuple[str, int]], row: int) -> None:
        filled = [(text, number) for text, number in cells if text]
        if len({number for _, number in cells}) == 1:
            # A one-column table is a frame around text, not a table of figures.
            text, number = filled[0]
            self.out.end_block()
            self.out.add(text, Place(table=self.tables, row=row, cells=((1, number),)))
            self.out.end_block()
            return
        label = cells[0][0].strip().rstrip(":").strip("*").strip()
        if len(filled) == 2 and cells[0][0] and label.casefold() in HEAD_LABELS:
            # A head table (`Mødedato | Tirsdag …`) reads as the head fields it is.
            value, value_cell = filled[1]
            line = f"**{label}** {value}"
            place = Place(table=self.tables, row=row, cells=((1, cells[0][1]), (len(label) + 6, value_cell)))
            self.out.end_block()
            self.out.add(line, place)
            self.out.end_block()
            return
        starts = []
        column = 1
        for text, number in cells:
            starts.append((column, number))
            column += len(text) + 1
        self.out.add("\t".join(text for text, _ in cells), Place(table=self.tables, row=row, cells=tuple(starts)))

    def cell_text(self, tc) -> str:
        parts = []
        for p in tc.iter(_q("p")):
            if _inside_nested_table(p, tc):
                continue
            text = "".join(t for t, _ in self.segments(p, None))
            if text.strip():
                parts.append(" ".join(text.split()))
        return " ".join(parts)


# ---- helpers ------------------------------------------------------------------------------


def _body_blocks(container) -> Iterator:
    """Paragraphs and tables of the body in reading order, including those inside
    content controls (Word puts its TOC in one)."""
    for child in container.iterchildren():
        tag = child.tag
        if tag in (_q("p"), _q("tbl")):
            yield child
        elif tag == _q("sdt"):
            content = child.find(_q("sdtContent"))
            if content is not None:
                yield from _body_blocks(content)
        elif tag in (_q("customXml"), _q("ins"), _q("moveTo")):
            yield from _body_blocks(child)


def _row_cells(tr) -> Iterator:
    for child in tr.iterchildren():
        if child.tag == _q("tc"):
            yield child
        elif child.tag in (_q("sdt"), _q("customXml")):
            content = child.find(_q("sdtContent")) if child.tag == _q("sdt") else child
            if content is not None:
                yield from (tc for tc in content.iterchildren() if tc.tag == _q("tc"))


def _inside_nested_table(p, tc) -> bool:
    parent = p.getparent()
    while parent is not None and parent is not tc:
        if parent.tag == _q("tc"):
            return True
        parent = parent.getparent()
    return False


def _split_lines(segments: list[tuple[str, bool]]) -> list[list[tuple[str, bool]]]:
    lines: list[list[tuple[str, bool]]] = [[]]
    for text, bold in segments:
        parts = text.split("\n")
        for k, part in enumerate(parts):
            if k:
                lines.append([])
            if part:
                lines[-1].append((part, bold))
    return lines


def _all_bold(segments: list[tuple[str, bool]]) -> bool:
    return all(bold for text, bold in segments if text.strip())


def _render(segments: list[tuple[str, bool]]) -> str:
    """One line of text with `**…**` around its bold stretches (spaces kept outside)."""
    return join_bold(segments).rstrip("\t")


def _field_with_tab(line: str) -> str:
    """`Mødedato:<TAB>Tirsdag …` — a label aligned with a TAB — as a head field line."""
    if "\t" not in line:
        return line
    label, _, value = line.partition("\t")
    bare = label.strip().strip("*").strip().rstrip(":").strip().strip("*").strip()
    if bare.casefold() in HEAD_LABELS and value.strip():
        return f"{label.rstrip()} {value.lstrip()}"
    return line


def _is_toc_title(line: str) -> bool:
    return bool(line) and shape_of(line).text.rstrip(":").casefold() in TOC_HEADINGS
