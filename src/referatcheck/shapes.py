"""What a line of minutes looks like, before anyone knows what it means: its *shape*.

A heading, a bold-only line, a bold label with its value, a bullet, a numbered line, a
table row (TAB-separated or a `| a | b |` pipe row), a table's rule, a setext underline, or
text. The lexer (:mod:`referatcheck.lexer`) reads every line's shape once and decides its
role from there; the HTML report and the Word reader ask for shapes too.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from referatcheck.titles import bold_only, clean_inline, strip_heading_attributes, strip_heading_marks
from referatcheck.vocabulary.tables import YEAR_NAME

if TYPE_CHECKING:
    from referatcheck.lexer import Line

BLANK, COMMENT, HEADING, BOLD, FIELDISH, BULLET, NUMBERED, ROW, SEPARATOR, TEXT = (
    "blank", "comment", "heading", "bold", "fieldish", "bullet", "numbered", "row", "separator", "text"
)
# The `=====` / `-----` line under a setext heading: heading markup, no content.
UNDERLINE = "underline"

_BULLET = re.compile(r"^[ \t]{0,8}[-*•–·▪]\s+\S")
_NUMBERED = re.compile(r"^[ \t]{0,8}\d{1,3}[.)][ \t]+\S")
_BOLD_LABEL = re.compile(r"^\s{0,3}(?:\*\*|__)([^*_\n]{1,60}?)(?::\s{0,3})?(?:\*\*|__):?(?:\s+(\S.*))?$")
_SEPARATOR_TEXT = re.compile(r":?-{3,}:?")  # a stripped separator cell
_PIPE_ROW = re.compile(r"^\s{0,3}\|.*\|\s*$")
# A pandoc grid table's border (`+------+-----+`) or header rule (`+======+=====+`).
_GRID_BORDER = re.compile(r"^\s{0,3}\+(?:[-=:]+\+)+\s*$")


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
    if first == "+" and _GRID_BORDER.match(line):
        return Shape(SEPARATOR)
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


def read_setext_headings(lines: list["Line"]) -> None:
    """Setext headings, as pandoc writes levels 1 and 2: `Title` over a line of `=` (level 1)
    or `-` (level 2). The line above becomes the heading and the underline markup.

    Only a run of one mark, unindented, directly under a one-line paragraph (a blank line,
    a heading or the file's start above it) underlines: a `---` elsewhere is a thematic
    break or a table's rule, and a table row above makes it a table's rule."""
    for i in range(1, len(lines)):
        raw = lines[i].raw.rstrip()
        mark = raw[:1]
        if mark not in ("=", "-") or len(raw) < 3 or raw.strip(mark):
            continue
        above = lines[i - 1]
        if above.shape.kind not in (TEXT, BOLD, NUMBERED) or above.raw[:1] in (" ", "\t"):
            continue
        if i >= 2 and lines[i - 2].shape.kind not in (BLANK, COMMENT, HEADING, UNDERLINE):
            continue
        text = clean_inline(strip_heading_attributes(above.raw))
        if not text or (text.endswith((".", ":", ";", ",")) and not text.endswith("..")):
            continue  # a sentence over a thematic break (`Godkendt.` / `---`), not a title
        above.shape = Shape(HEADING, text, level=1 if mark == "=" else 2)
        lines[i].shape = Shape(UNDERLINE)


# Real tables have tens of columns; a line of a million TABs is text, not a row of a
# million cells (each cell becomes a model node: seconds of work for nothing).
MAX_ROW_CELLS = 1000


def _cell_count(line: str) -> int:
    return line.count("\t") + 1 if "\t" in line else line.count("|") - 1


def split_cells(line: str, columns: tuple[int, ...] | None = None) -> list[str]:
    """Raw cell strings of a table row (TAB-separated, or a `| a | b |` pipe row); with
    ``columns`` (where each column starts), the cells of a space-aligned row."""
    if columns is not None:
        return [line[start:end] for start, end in zip(columns, (*columns[1:], max(len(line), columns[-1])))]
    if "\t" in line:
        return line.split("\t")
    inner = line.strip()
    return inner[1:-1].split("|") if len(inner) >= 2 else [inner]


_FIGURE = re.compile(r"[-−+]?\d[\d.]{0,20}(?:,\d{1,6})?\s?%?")


def _is_header_cell(text: str) -> bool:
    """`Budget*`, `Udgift (1.000 kr.)`, `2024`: a column name, not a figure (`819.439 kr.`, `-`)."""
    return bool(YEAR_NAME.fullmatch(text)) or (text[:1] not in "0123456789-−+.," and any(map(str.isalpha, text)))


def is_header_row(line: str, columns: tuple[int, ...] | None = None) -> bool:
    rest = [c for c in map(str.strip, split_cells(line, columns)[1:]) if c]
    return len(rest) >= 2 and all(map(_is_header_cell, rest))


def has_figures(line: str, columns: tuple[int, ...] | None = None) -> bool:
    """A row of amounts (`-5.100`, `1,2%`), not a schedule (`19. april`) or a year row."""
    return any(_FIGURE.fullmatch(c) and not YEAR_NAME.fullmatch(c)
               for c in map(str.strip, split_cells(line, columns)[1:]))
