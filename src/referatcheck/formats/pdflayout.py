"""Glyphs to lines in reading order: words, lines, columns, running heads.

A PDF has no lines, only glyphs at positions. This module rebuilds what a reader sees:

- glyphs on one baseline form a *line*; a gap of more than about an em splits it into
  *segments* (table cells, a page number after a TOC title), smaller gaps are spaces;
- a page set in two columns (a gutter down the middle with prose on both sides) is read
  left column first, then right;
- running heads, footers and page numbers (the same text, digits aside, at the top or
  foot of most pages; `Side 3 af 9`, `- 3 -`) are dropped, and the printed page numbers
  they carry are kept for the TOC page check;
- the remaining lines are numbered from the top of each page: *side 7, linje 12* is the
  twelfth line of text under the running head of page 7.
"""

from __future__ import annotations

import re
from collections import Counter
from statistics import median

from referatcheck.formats.pdfpage import Glyph, PageContent
from referatcheck.vocabulary.pages import PAGE_IN_TEXT as _PAGE_IN_TEXT
from referatcheck.vocabulary.pages import PAGE_NUMBER_LINE as _PAGE_NUMBER

# Share of an em a gap must reach to separate words / segments.
WORD_GAP = 0.19
# A smaller gap separates a letter from a digit: letters and digits in one word stand
# close (`COVID19`), a TAB leaves room even when the next tab stop is near.
DIGIT_GAP = 0.1
SEGMENT_GAP = 0.7
# Head and foot zones where running heads and page numbers stand (share of the page).
MARGIN_ZONE = 0.12
_DIGITS = re.compile(r"\d+")


class Word:
    __slots__ = ("text", "x0", "x1", "bold", "size", "soft")

    def __init__(self, text: str, x0: float, x1: float, bold: bool, size: float, soft: bool) -> None:
        self.text, self.x0, self.x1, self.bold, self.size, self.soft = text, x0, x1, bold, size, soft


class Segment:
    """Words on one baseline with no wide gap between them."""

    __slots__ = ("words",)

    def __init__(self, words: list[Word]) -> None:
        self.words = words

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


class Line:
    """One line of text as a reader sees it."""

    __slots__ = ("page", "number", "segments", "top", "bottom", "baseline", "size", "right_edge", "left_edge",
                 "column")

    def __init__(self, page: int, segments: list[Segment], top: float, bottom: float, baseline: float,
                 size: float) -> None:
        self.page = page
        self.number = 0  # line number on its page, set once the reading order is known
        self.segments = segments
        self.top, self.bottom, self.baseline, self.size = top, bottom, baseline, size
        self.right_edge = 0.0  # the right edge of the text column the line stands in
        self.left_edge = 0.0
        self.column = 0  # 0: full width, 1: left column, 2: right column

    @property
    def x0(self) -> float:
        return self.segments[0].x0

    @property
    def x1(self) -> float:
        return self.segments[-1].x1

    @property
    def words(self) -> list[Word]:
        return [w for s in self.segments for w in s.words]

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments)

    @property
    def bold(self) -> bool:
        """Every word bold: a bold label."""
        return all(w.bold for s in self.segments for w in s.words)


class PageLines:
    """A page's lines in reading order, its rules, and the page number printed on it."""

    __slots__ = ("number", "width", "height", "lines", "rules", "printed", "scanned", "glyphs", "unmapped")

    def __init__(self, page: PageContent, lines: list[Line]) -> None:
        self.number, self.width, self.height = page.number, page.width, page.height
        self.lines = lines
        self.rules = page.rules
        self.printed: int | None = None
        self.scanned = page.scanned
        self.glyphs = len(page.glyphs)
        self.unmapped = page.unmapped


# ---- one page ---------------------------------------------------------------------------


def page_lines(page: PageContent) -> PageLines:
    """The lines of a page, split into segments, before columns and running heads."""
    glyphs = sorted(page.glyphs, key=lambda g: (g.baseline, g.x0))
    rows: list[list[Glyph]] = []
    for glyph in glyphs:
        for current in rows[-2:][::-1]:  # lines of two columns may sit a point apart
            if _same_line(current[0], glyph):
                current.append(glyph)
                break
        else:
            rows.append([glyph])
    lines = []
    for row in rows:
        row.sort(key=lambda g: g.x0)
        line = _line_of(page.number, row)
        if line is not None:
            lines.append(line)
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return PageLines(page, lines)


def _same_line(ref: Glyph, glyph: Glyph) -> bool:
    """Whether ``glyph`` stands on the line ``ref`` started: the same baseline and a
    similar size (a heading in one column is not on a body line of the other), or
    smaller and within the line's height (a superscript, a bullet)."""
    small = min(ref.size, glyph.size)
    if abs(glyph.baseline - ref.baseline) <= 0.35 * small and max(ref.size, glyph.size) <= 1.3 * small:
        return True
    if abs(glyph.baseline - ref.baseline) <= 0.5:
        return True
    return glyph.size < ref.size and glyph.top >= ref.top - 0.5 and glyph.bottom <= ref.bottom + 0.5


def _line_of(page: int, glyphs: list[Glyph]) -> Line | None:
    # The size of a line is that of its letters: a dot leader or bullets may be set in
    # another font.
    letters = [g.size for g in glyphs if g.ch.isalnum()] or [g.size for g in glyphs if not g.ch.isspace()]
    if not letters:
        return None
    size = median(letters)
    words: list[Word] = []
    chars: list[Glyph] = []
    gaps: list[float] = []  # gap before each word after the first

    def close() -> None:
        if chars:
            text = "".join(g.ch for g in chars)
            bold = sum(1 for g in chars if g.bold) * 2 > len(chars)
            words.append(Word(text, chars[0].x0, chars[-1].x1, bold, median(g.size for g in chars), chars[-1].soft))
            chars.clear()

    previous: Glyph | None = None
    for glyph in glyphs:
        if glyph.ch.isspace() and glyph.ch != "\u00a0":
            close()
            continue
        if previous is not None and chars and (
            glyph.x0 - previous.x1 > WORD_GAP * size
            # `beskæftig7`: a page number a default tab stop set just after a TOC title.
            or (glyph.x0 - previous.x1 > DIGIT_GAP * size and previous.ch.isalpha() and glyph.ch.isdigit())
        ):
            close()
        if not chars and words:
            gaps.append(glyph.x0 - words[-1].x1)
        chars.append(glyph)
        previous = glyph
    close()
    if not words:
        return None
    # A wide gap separates segments; in justified prose the word gaps are stretched, so a
    # gap must also stand out from the line's own word spacing.
    spaces = [gap for gap in gaps if gap <= SEGMENT_GAP * size]
    typical = median(spaces) if spaces else 0.0
    threshold = max(SEGMENT_GAP * size, 2.5 * typical)
    if _justified(words, gaps, size):
        threshold = float("inf")
    segments = [Segment([words[0]])]
    for word, gap in zip(words[1:], gaps):
        if gap > threshold:
            segments.append(Segment([word]))
        else:
            segments[-1].words.append(word)
    real = [g for g in glyphs if not g.ch.isspace()]
    return Line(page, segments, min(g.top for g in real), max(g.bottom for g in real),
                median(g.baseline for g in real), size)


def _justified(words: list[Word], gaps: list[float], size: float) -> bool:
    """A justified line of prose: every word gap stretched alike (not a table's cells,
    which are figures or sit at uneven distances)."""
    if len(gaps) < 3 or max(gaps) > 2 * size or max(gaps) > 1.6 * min(gaps):
        return False
    return sum(1 for w in words if any(ch.isalpha() for ch in w.text)) >= 0.8 * len(words)


# ---- columns ----------------------------------------------------------------------------

_MIN_COLUMN_LINES = 5


def order_columns(page: PageLines) -> None:
    """Read a stretch set in two columns left column first (in place)."""
    lines = page.lines
    if len(lines) < 2 * _MIN_COLUMN_LINES:
        return
    left = min(ln.x0 for ln in lines)
    right = max(ln.x1 for ln in lines)
    width = right - left
    if width <= 0:
        return
    # Most pages are one column: every line crosses the middle. Only lines with a gap
    # somewhere in the middle band can be part of two columns.
    low, high = left + 0.3 * width, left + 0.7 * width
    open_lines = sum(1 for ln in lines if not any(s.x0 <= low and s.x1 >= high for s in ln.segments))
    if open_lines < _MIN_COLUMN_LINES:
        return
    best: tuple[int, float, int, int] | None = None  # (run length, gutter, first, last)
    verticals = [r for r in page.rules if r[2] - r[0] <= 3]
    # Sweep down the page keeping the stretch of middle band free in every line so far;
    # a run of lines sharing a free stretch at least a gutter wide is a candidate.
    run_start, shared = 0, [(low, high)]
    for index in range(len(lines) + 1):
        free = _free(lines[index], low, high) if index < len(lines) else []
        narrowed = _intersect(shared, free)
        if index < len(lines) and any(b - a >= 8 for a, b in narrowed):
            shared = narrowed
            continue
        length = index - run_start
        if length >= _MIN_COLUMN_LINES and (best is None or length > best[0]):
            a, b = max(shared, key=lambda iv: iv[1] - iv[0])
            c = (a + b) / 2
            stretch = lines[run_start:index]
            if _columns_of_prose(stretch, c, left, right) and not any(
                abs((r[0] + r[2]) / 2 - c) < 6 and r[1] < stretch[-1].bottom and r[3] > stretch[0].top for r in verticals
            ):
                best = (length, c, run_start, index)
        run_start, shared = index, free if any(b - a >= 8 for a, b in free) else [(low, high)]
        if not any(b - a >= 8 for a, b in free):
            run_start = index + 1
    if best is None:
        return
    _, gutter, first, last = best
    stretch = lines[first:last]
    left_lines, right_lines = [], []
    for line in stretch:
        lsegs = [s for s in line.segments if s.x1 <= gutter]
        rsegs = [s for s in line.segments if s.x0 >= gutter]
        for segs, out, column in ((lsegs, left_lines, 1), (rsegs, right_lines, 2)):
            if segs:
                part = Line(line.page, segs, line.top, line.bottom, line.baseline, line.size)
                part.column = column
                out.append(part)
    if left_lines:
        edge = max(ln.x1 for ln in left_lines)
        for ln in left_lines:
            ln.right_edge = edge
    if right_lines:
        edge = max(ln.x1 for ln in right_lines)
        for ln in right_lines:
            ln.right_edge = edge
            ln.left_edge = min(r.x0 for r in right_lines)
    page.lines = lines[:first] + left_lines + right_lines + lines[last:]


def _free(line: Line, low: float, high: float) -> list[tuple[float, float]]:
    """The stretches of the middle band [low, high] no segment of ``line`` covers."""
    out, at = [], low
    for segment in line.segments:
        a, b = segment.x0 - 4, segment.x1 + 4
        if b <= at or a >= high:
            continue
        if a > at:
            out.append((at, min(a, high)))
        at = max(at, b)
        if at >= high:
            break
    if at < high:
        out.append((at, high))
    return out


def _intersect(first: list[tuple[float, float]], second: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out = []
    for a, b in first:
        for c, d in second:
            lo, hi = max(a, c), min(b, d)
            if hi > lo:
                out.append((lo, hi))
    return out


def _columns_of_prose(stretch: list[Line], gutter: float, left: float, right: float) -> bool:
    """Both sides hold prose that fills its column (not a table's short cells, not a TOC's
    page numbers), with a gutter between them no wider than a gutter is. The two columns'
    lines need not share baselines (a heading in one shifts the other)."""
    lefts = [[s for s in ln.segments if s.x1 <= gutter] for ln in stretch]
    rights = [[s for s in ln.segments if s.x0 >= gutter] for ln in stretch]
    lefts = [segs for segs in lefts if segs]
    rights = [segs for segs in rights if segs]
    if len(lefts) < 3 or len(rights) < 3:
        return False
    inner_left = max(segs[-1].x1 for segs in lefts)
    inner_right = min(segs[0].x0 for segs in rights)
    if inner_right - inner_left > 0.15 * (right - left):
        return False
    # Prose lines run (nearly) to their column's edge and are wide; one segment a side.
    left_width, right_width = inner_left - left, right - inner_right
    left_full = sum(1 for segs in lefts if segs[-1].x1 >= inner_left - 0.25 * left_width
                    and segs[-1].x1 - segs[0].x0 >= 0.5 * left_width)
    right_full = sum(1 for segs in rights if segs[-1].x1 >= right - 0.25 * right_width
                     and segs[-1].x1 - segs[0].x0 >= 0.5 * right_width)
    single = sum(1 for segs in lefts + rights if len(segs) == 1)
    return (left_full >= 0.4 * len(lefts) and right_full >= 0.4 * len(rights)
            and single >= 0.8 * (len(lefts) + len(rights)))


# ---- running heads and page numbers --------------------------------------------------------


def _key(line: Line) -> str:
    return _DIGITS.sub("#", " ".join(line.text.split()).casefold())


def drop_running_heads(pages: list[PageLines]) -> None:
    """Remove running heads, footers and page numbers; note the printed page numbers."""
    if not pages:
        return
    head_keys: Counter[str] = Counter()
    foot_keys: Counter[str] = Counter()
    for page in pages:
        for line in _zone(page, top=True):
            head_keys[_key(line)] += 1
        for line in _zone(page, top=False):
            foot_keys[_key(line)] += 1
    needed = max(2, (len(pages) + 1) // 2) if len(pages) > 1 else 10**9
    body = _body_size(pages)
    for page in pages:
        drop: set[int] = set()
        for top, keys in ((True, head_keys), (False, foot_keys)):
            for line in _zone(page, top=top):
                text = " ".join(line.text.split())
                number = _PAGE_NUMBER.match(text)
                # A page number; a line repeated on most pages; on a one-page PDF, a line
                # in small print set apart at the top or foot.
                small = len(pages) == 1 and line.size <= 0.85 * body
                if number or keys[_key(line)] >= needed or small:
                    drop.add(id(line))
                    printed = number.group(1) if number else None
                    if printed is None:
                        found = _PAGE_IN_TEXT.search(text)
                        printed = found.group(1) if found else None
                    if printed is not None and page.printed is None:
                        page.printed = int(printed)
        page.lines = [ln for ln in page.lines if id(ln) not in drop]


def _body_size(pages: list[PageLines]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[round(line.size * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _zone(page: PageLines, top: bool) -> list[Line]:
    """The running head (or foot) candidates of a page: its first (last) one or two lines,
    in the head (foot) zone and set apart from the body text by more than a line's gap —
    a body line that happens to stand at the top of a page is not one."""
    lines = page.lines if top else page.lines[::-1]
    for count in (1, 2):
        if len(lines) <= count:
            break
        block, body = lines[:count], lines[count]
        if top:
            inside = all(line.bottom <= MARGIN_ZONE * page.height for line in block)
            gap = body.top - max(line.bottom for line in block)
        else:
            inside = all(line.top >= (1 - MARGIN_ZONE) * page.height for line in block)
            gap = min(line.top for line in block) - body.bottom
        if inside and gap >= 1.0 * max(line.size for line in block):
            return block
    if len(lines) == 1 and (lines[0].bottom <= MARGIN_ZONE * page.height if top
                            else lines[0].top >= (1 - MARGIN_ZONE) * page.height):
        return lines[:1]
    return []


def number_lines(pages: list[PageLines]) -> None:
    """Number each page's lines from its top, in reading order; set the text's edges."""
    full = [ln for page in pages for ln in page.lines if ln.column == 0]
    right = max((ln.x1 for ln in full), default=0.0)
    left = min((ln.x0 for ln in full), default=0.0)
    for page in pages:
        # The right margin is at least as wide as the left: when no line of the document
        # wraps, its longest line is not the edge, and a line that merely comes close to
        # it must not swallow the next (`… godkendes.` / `Beslutning`).
        edge = max(right, page.width - left) if left > 0 else right
        for number, line in enumerate(page.lines, start=1):
            line.number = number
            if not line.right_edge:
                line.right_edge = edge
            if not line.left_edge:
                line.left_edge = left


def printed_pages_consistent(pages: list[PageLines]) -> bool:
    """Whether the printed page numbers found count up with the pages (so they can be trusted)."""
    found = [(p.number, p.printed) for p in pages if p.printed is not None]
    if len(found) < max(2, len(pages) // 2):
        return False
    offsets = {printed - number for number, printed in found}
    return len(offsets) == 1
