"""Pandoc's grid tables and its simple and multi-line (space-aligned) tables, read as rows.

Runs before the lexer decides roles: it marks the rows of such tables (their column starts,
a cell written over several lines) on the lines' facts, so the lexer and the table reader
treat them as the TAB and pipe rows they already read.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from referatcheck.shapes import BLANK, HEADING, ROW, SEPARATOR, Shape, has_figures, split_cells

if TYPE_CHECKING:
    from referatcheck.lexer import Line

# A pandoc simple or multi-line table's column rule: runs of dashes apart (`------  -----`).
_COLUMN_RULE = re.compile(r"^ {0,8}-+(?: +-+)+ *$")
_DASH_RUN = re.compile(r"-+")

# How far a table's closing rule is looked for, in lines (bounded work on any input).
_ALIGNED_TABLE_LINES = 400


def read_aligned_tables(lines: list[Line]) -> None:
    """Read pandoc's grid tables and its simple and multi-line tables as table rows.

    A grid table is `| a | b |` rows between `+---+---+` borders; the lines between two
    borders are one row (a cell written over several lines) unless more than one of them
    holds figures (then they are rows the borders were left out between).

    A simple table is a header line over a column rule (`------  -----`, a run of dashes
    per column), then rows up to a blank line; a multi-line table is the same between
    two full `------` rules, with its rows apart by blank lines. Without a header the
    column rule opens the table and closes it. Each column starts where its dashes
    start, as pandoc reads it; a line whose text crosses a column start is marked
    ``misaligned`` (its cells cannot be trusted). Only a column rule with a blank line
    (or a full rule) above its header makes a table, so prose with aligned spaces stays
    prose.
    """
    n = len(lines)
    i = 0
    while i < n:
        line = lines[i]
        kind = line.shape.kind
        if kind == SEPARATOR and line.raw.lstrip().startswith("+"):
            i = _read_grid(lines, i)
        elif kind != BLANK and len(line.raw) < 2000 and "--" in line.raw and _COLUMN_RULE.match(line.raw):
            i = _read_spaced(lines, i)
        else:
            i += 1


def _is_blank(lines: list[Line], i: int) -> bool:
    return i < 0 or i >= len(lines) or lines[i].shape.kind == BLANK


def _is_border(line: Line) -> bool:
    return line.shape.kind == SEPARATOR and line.raw.lstrip().startswith("+")


def _full_rule(lines: list[Line], i: int) -> bool:
    """`--------`: a multi-line table's opening or closing rule."""
    text = lines[i].raw.strip() if 0 <= i < len(lines) else ""
    return len(text) >= 3 and not text.strip("-")


def _closing_rule(lines: list[Line], i: int) -> bool:
    return _full_rule(lines, i) or (0 <= i < len(lines) and _COLUMN_RULE.match(lines[i].raw) is not None)


def _join_lines(lines: list[Line], group: list[int], header: bool) -> None:
    """Mark the further lines of one row as its continuation, unless they carry figures of
    their own (then they are rows written without the rule between them)."""
    if len(group) > 1 and (header or sum(has_figures(lines[k].raw, lines[k].columns) for k in group) <= 1):
        for k in group[1:]:
            lines[k].row_cont = True


def _read_grid(lines: list[Line], first: int) -> int:
    """The rows of the grid table whose first border is ``lines[first]``; the index after it."""
    n = len(lines)
    width = lines[first].raw.strip().count("+") - 1
    end = first + 1
    while end < n and (lines[end].shape.kind == ROW or _is_border(lines[end])):
        end += 1
    # Above the `+====+` rule: the header (its names may wrap over lines).
    header_end = next((k for k in range(first + 1, end) if _is_border(lines[k]) and "=" in lines[k].raw), first)
    k = first + 1
    while k < end:
        if lines[k].shape.kind != ROW:
            k += 1
            continue
        group = []
        while k < end and lines[k].shape.kind == ROW:
            lines[k].misaligned = len(split_cells(lines[k].raw)) != width
            group.append(k)
            k += 1
        _join_lines(lines, group, header=group[0] < header_end)
    return end


def _read_spaced(lines: list[Line], rule: int) -> int:
    """The rows of the simple or multi-line table whose column rule is ``lines[rule]``;
    the index after the table (after the rule alone when it opens no table)."""
    n = len(lines)
    runs = list(_DASH_RUN.finditer(lines[rule].raw))
    if max(len(m.group()) for m in runs) < 3:
        return rule + 1
    columns = (0, *(m.start() for m in runs[1:]))  # the first column starts at the line's start
    # The header: the lines above the rule, up to a blank line or a full rule.
    top = rule
    while top > 0 and not _is_blank(lines, top - 1) and not _full_rule(lines, top - 1) and rule - top < 4:
        top -= 1
    opened = _full_rule(lines, top - 1)  # a multi-line table's opening rule
    if not (opened or _is_blank(lines, top - 1)) or any(lines[k].shape.kind == HEADING for k in range(top, rule)):
        return rule + 1  # under a paragraph or a heading: not a table
    limit = min(n, rule + _ALIGNED_TABLE_LINES)
    body: list[list[int]] = []
    k = rule + 1
    if top < rule and not opened:
        # A simple table: a row a line, up to a blank line or a closing rule.
        while k < limit and not _is_blank(lines, k) and not _closing_rule(lines, k):
            body.append([k])
            k += 1
        end = k + 1 if k < n and _closing_rule(lines, k) else k
    else:
        # Multi-line, or without a header: rows apart by blank lines, up to the closing rule.
        group: list[int] = []
        while k < limit and not _closing_rule(lines, k):
            if lines[k].shape.kind == HEADING:
                return rule + 1
            if _is_blank(lines, k):
                if group:
                    body.append(group)
                    group = []
            else:
                group.append(k)
            k += 1
        if k >= limit:
            return rule + 1  # no closing rule: not a table read here
        if group:
            body.append(group)
        if top == rule and len(body) == 1:
            body = [[k] for k in body[0]]  # a simple table without a header: a row a line
        end = k + 1
    header = list(range(top, rule))
    if not body or any(_crosses(lines[k].raw, columns) for k in header):
        return rule + 1  # a header's names always lie within their columns: this is no table
    if any(lines[k].shape.kind in (ROW, SEPARATOR) for k in (*header, *(j for g in body for j in g))):
        return rule + 1  # TAB or pipe rows with a spaced rule: read as they are
    for group in ([header] if header else []) + body:
        for k in group:
            lines[k].shape = Shape(ROW)
            lines[k].columns = columns
            lines[k].misaligned = _crosses(lines[k].raw, columns)
        _join_lines(lines, group, header=group is header)
    lines[rule].shape = Shape(SEPARATOR)
    lines[rule].columns = columns  # the rule is the table's own
    if opened:
        lines[top - 1].shape = Shape(SEPARATOR)
    if end - 1 > rule and _closing_rule(lines, end - 1):
        lines[end - 1].shape = Shape(SEPARATOR)
    return end


def _crosses(line: str, columns: tuple[int, ...]) -> bool:
    """Whether text runs across a column start (`Musikforening250.000` cut in two)."""
    return any(0 < start < len(line) and not line[start - 1].isspace() and not line[start].isspace()
               for start in columns[1:])
