"""Lines of a PDF, in reading order, to the Markdown-like text the parser reads.

What each line is, from how it looks:

- a size clearly above the body text: a heading (`#` by size rank, largest first), its
  wrapped lines joined;
- all bold at body size: a bold label (`**Beslutning**`); bold words inside a line keep
  their `**…**` (`**Mødedato** Tirsdag …`);
- a bullet glyph first: a list item (`- …`);
- a line inside a ruled grid: a table row, its cells cut by the rules, the lines of one
  cell joined; lines whose words stand in columns with wide gaps between them: a table
  row too, each word group in the column it lines up with (an empty cell where a column
  has nothing), so a table that crosses a page break stays one table;
- a title, a dot leader and a page number: a TOC entry (`Title.....<TAB>7`), a title
  that wrapped (and was hyphenated) joined back;
- anything else: text; a line that ran to the right edge of its column is continued by
  the next one (one line of text per paragraph), a word hyphenated at the line end is
  joined.

Each produced line carries a :class:`PdfPlace`: the page and the line on the page
(and, for a joined paragraph, where each of its page lines starts).
"""

from __future__ import annotations

import re
from collections import Counter

from attrs import frozen

from referatcheck.diagnostic import Message
from referatcheck.formats.pdflayout import Line, PageLines, Segment
from referatcheck.formats.textout import TextOut, render_bold
from referatcheck.sections import SectionVocabulary
from referatcheck.titles import join_wrapped

HEADING_RATIO = 1.15  # a line this much larger than the body text is a heading
_BULLETS = frozenset("•▪◦‣●○■□–-·*➢►✓❖")
_LIST_NUMBER = re.compile(r"^(?:\d{1,3}[.)]|[a-zA-Z][.)])$")
_BARE_NUMBER = re.compile(r"^\d{1,3}$")
_PAGE = re.compile(r"^\d{1,4}$")


@frozen
class PdfPlace:
    """Where a produced line stands in the PDF: ``page`` (1-based, as a PDF viewer counts
    them) and ``line`` on that page (1-based, counted from the top of the page's text,
    running heads not counted); ``segments`` ``(column, page, line)`` for a paragraph
    whose text continues on the next lines (or page)."""

    page: int
    line: int
    segments: tuple[tuple[int, int, int], ...] = ()

    def at(self, column: int) -> tuple[int, int]:
        found = (self.page, self.line)
        for start, page, line in self.segments:
            if start > column:
                break
            found = (page, line)
        return found

    def describe(self, column: int = 1) -> Message:
        page, line = self.at(column)
        return Message(f"side {page}, linje {line}", f"page {page}, line {line}")


class _Paragraph:
    """Lines being joined into one produced line."""

    def __init__(self, line: Line, text: str, bold: bool, kind: str, indent: float) -> None:
        self.lines = [line]
        self.text = text
        self.bold = bold
        self.kind = kind  # "text", "bullet", "heading"
        self.indent = indent  # where continuation lines start
        self.starts: list[tuple[int, int, int]] = []

    def add(self, line: Line, text: str, bold: bool) -> None:
        joined, column = join_wrapped(self.text, text, self.lines[-1].words[-1].soft)
        self.starts.append((column + 1, line.page, line.number))
        self.text = joined
        self.bold = self.bold and bold
        self.lines.append(line)


def without_leader(text: str) -> str | None:
    """The title before a dot leader (three dots or more, single spaces between them
    allowed, or `…`), or None when ``text`` does not end in one. A loop, not a regular
    expression: a line may be thousands of dots."""
    end = len(text.rstrip())
    cut, dots = end, 0
    while cut > 0 and text[cut - 1] in ". …":
        if text[cut - 1] == ".":
            dots += 1
        elif text[cut - 1] == "…":
            dots += 3
        elif text[cut - 2: cut] == "  ":
            break  # two spaces: the leader has ended
        cut -= 1
    title = text[:cut].strip()
    return title if dots >= 3 and title else None


class TextBuilder:
    """Turns the pages' lines into produced lines with places."""

    def __init__(self, pages: list[PageLines], vocabulary: SectionVocabulary) -> None:
        self.pages = pages
        self.vocabulary = vocabulary
        self.words = vocabulary.words
        self.out = TextOut()
        self.lines = [ln for page in pages for ln in page.lines]
        sizes: Counter[float] = Counter()
        for line in self.lines:
            sizes[round(line.size * 2) / 2] += len(line.text)
        self.body = sizes.most_common(1)[0][0] if sizes else 10.0
        heading_sizes = sorted({s for s in sizes if s >= self.body * HEADING_RATIO}, reverse=True)
        self.levels = {s: min(k + 1, 6) for k, s in enumerate(heading_sizes)}
        self.pitch = self._pitch()
        self.paragraph: _Paragraph | None = None
        self.previous: Line | None = None  # the last line produced or joined
        self.last_kind = ""
        self.ruled = {page.number: _ruled_rows(page) for page in pages}
        self.typed_toc: dict[int, str] = {}
        self.typed_toc = self._typed_toc()

    def _pitch(self) -> float:
        """Baseline distance of body lines (relative to their size)."""
        ratios = []
        for a, b in zip(self.lines, self.lines[1:]):
            if a.page == b.page and a.column == b.column and abs(a.size - b.size) < 0.5 and b.baseline > a.baseline:
                ratio = (b.baseline - a.baseline) / a.size
                if 0.8 < ratio < 2.5:
                    ratios.append(ratio)
        if not ratios:
            return 1.2
        # Lines of one paragraph are the closest common distance; paragraph gaps add to it.
        counts = Counter(round(r * 20) / 20 for r in ratios)
        common = [r for r, n in sorted(counts.items()) if n >= max(2, 0.1 * len(ratios))]
        return common[0] if common else min(ratios)

    # -- the walk

    def run(self) -> TextOut:
        lines = self.lines
        index = 0
        while index < len(lines):
            line = lines[index]
            ruled = self.ruled[line.page].get(id(line))
            if ruled is not None:
                index = self.ruled_table(index)
                continue
            if self.is_table_line(line) or self.toc_entry(line) is not None or self._wraps_into_entry(index):
                index = self.aligned_table(index)
                continue
            self.text_line(line)
            index += 1
        self.flush()
        return self.out

    # -- helpers

    def heading_level(self, line: Line) -> int:
        return self.levels.get(round(line.size * 2) / 2, 0)

    def gap_before(self, line: Line) -> float | None:
        """Baseline distance from the previous line in units of the expected pitch
        (None across a page or column change)."""
        prev = self.previous
        if prev is None or prev.page != line.page or prev.column != line.column:
            return None
        return (line.baseline - prev.baseline) / (self.pitch * max(prev.size, line.size) or 1)

    def separate(self, line: Line, kind: str) -> None:
        """A blank line before ``line`` unless it follows on at the normal distance in a
        block of the same kind."""
        gap = self.gap_before(line)
        if self.last_kind != kind or gap is None or gap > 1.3 or gap < 0:
            self.out.end_block()

    def flush(self) -> None:
        paragraph = self.paragraph
        if paragraph is None:
            return
        self.paragraph = None
        first = paragraph.lines[0]
        text = paragraph.text
        if paragraph.kind == "heading":
            level = self.heading_level(first)
            text = f"{'#' * level} {text.replace('**', '')}"
            shift = level + 1
        elif paragraph.bold and paragraph.kind == "text":
            text = f"**{text.replace('**', '')}**"
            shift = 2
        else:
            shift = 0
        if self.words.is_artefact(text.replace("**", "").lstrip("#").strip()):
            return
        self.out.add(text, PdfPlace(first.page, first.number,
                                    tuple((col + shift, page, ln) for col, page, ln in paragraph.starts)))
        if paragraph.kind == "heading":
            self.out.end_block()

    # -- text, headings, bullets

    def text_line(self, line: Line, spaced: bool = False) -> None:
        level = self.heading_level(line)
        words = line.words
        kind = "heading" if level else "text"
        indent = line.x0
        first = words[0].text
        if not level and first in _BULLETS and len(words) > 1:
            kind = "bullet"
            indent = words[1].x0
        rendered = self.render(line, kind, spaced)
        if self.paragraph is not None and self.continues(self.paragraph, line, kind, rendered):
            self.paragraph.add(line, rendered, line.bold)
            self.previous = line
            return
        list_goes_on = (kind == "bullet" and self.paragraph is not None and self.paragraph.kind == "bullet"
                        and (self.gap_before(line) or 9) <= 2.5)
        self.flush()
        if not list_goes_on:  # the items of one list stay one list, spaced or not
            self.separate(line, "heading" if level else "text")
        self.paragraph = _Paragraph(line, rendered, line.bold, kind, indent)
        self.previous = line
        self.last_kind = "heading" if level else "text"

    def render(self, line: Line, kind: str, spaced: bool = False) -> str:
        segments = line.segments
        if kind == "bullet":
            rest = [w for w in line.words[1:]]
            return "- " + render_bold([(w.text + " ", w.bold) for w in rest]).strip()
        if kind == "heading":
            return " ".join(w.text for w in line.words)
        # `1.` / `a)` / a bare number in front of a title, a head label aligned with a TAB:
        # one line of text, not a table row.
        if len(segments) == 2:
            head, tail = segments[0].text, segments[1]
            label = head.replace("**", "").rstrip(":").strip()
            if head in _BULLETS:  # a bullet and a TAB, as Word sets list items
                return f"- {self._bold_text(tail)}"
            if _LIST_NUMBER.match(head):
                return f"{head} {self._bold_text(tail)}"
            if _BARE_NUMBER.match(head) and tail.words[0].text[:1].isupper():
                return f"{head}  {self._bold_text(tail)}"
            if self.words.head_role(label) is not None:
                return f"{self._bold_text(segments[0])} {self._bold_text(tail)}"
        toc = self.toc_entry(line)
        if toc is not None:
            return toc
        return ("   " if spaced else "\t").join(self._bold_text(s) for s in segments)

    @staticmethod
    def _bold_text(segment: Segment) -> str:
        return render_bold([(w.text + " ", w.bold) for w in segment.words]).strip()

    def toc_entry(self, line: Line) -> str | None:
        """`Title.....<TAB>7` for a title, a dot leader and a page number."""
        segments = line.segments
        last = segments[-1].text
        if _PAGE.match(last) and len(segments) >= 2:
            # The leader ends the title's segment, or stands as a segment of its own.
            title = without_leader(" ".join(self._bold_text(s) for s in segments[:-1]))
            if title:
                return f"{title}.....\t{last}"
        elif len(segments) == 1:
            text = last.rstrip()
            cut = len(text)
            while cut > 0 and len(text) - cut < 4 and text[cut - 1].isdigit() and text[cut - 1].isascii():
                cut -= 1
            if cut < len(text) and (cut == 0 or not text[cut - 1].isdigit()):
                title = without_leader(text[:cut])
                if title:
                    return f"{title}.....\t{text[cut:]}"
        typed = self.typed_toc.get(id(line))
        if typed is not None:
            return typed
        return None

    def _typed_toc(self) -> dict[int, str]:
        """Lines of a TOC typed with a TAB before the page number and printed with Word's
        default tab stops: the number stands a space or two after the title, not at the
        margin. Under a TOC heading, a run of lines that each end in a page number (pages
        never going down) are entries: ``{id(line): "Title<TAB>7"}``."""
        out: dict[int, str] = {}
        lines = self.lines
        for index, line in enumerate(lines):
            if not self.words.is_toc_heading(line.text.replace("**", "")):
                continue
            run: list[tuple[Line, str, int]] = []
            for entry in lines[index + 1: index + 200]:
                if self.heading_level(entry) or entry.page > line.page + 1:
                    break
                words = entry.words
                last = words[-1].text
                if len(words) < 2 or not last.isdigit() or len(last) > 3:
                    if run:
                        break
                    continue
                title = " ".join(self._bold_text(s) for s in entry.segments)
                title = title[: len(title) - len(last)].rstrip()
                number, _, rest = title.partition(" ")
                if _BARE_NUMBER.match(number) and rest[:1].isupper():
                    title = f"{number}  {rest}"  # a number in a column of its own, as `render` writes it
                run.append((entry, title, int(last)))
            pages = [page for _, _, page in run]
            if len(run) >= 2 and pages == sorted(pages):
                for entry, title, page in run:
                    out[id(entry)] = f"{title}\t{page}"
        return out

    def continues(self, paragraph: _Paragraph, line: Line, kind: str, rendered: str) -> bool:
        """Whether ``line`` continues the paragraph (the previous line wrapped)."""
        prev = paragraph.lines[-1]
        if kind == "bullet" or "\t" in rendered or "\t" in paragraph.text:
            return False
        if kind == "heading" or paragraph.kind == "heading":
            return (kind == paragraph.kind and abs(line.size - prev.size) < 0.5
                    and (self.gap_before(line) or 9) <= 1.3)
        if abs(line.size - prev.size) > 0.15 * prev.size or line.bold != prev.bold:
            return False
        gap = self.gap_before(line)
        if gap is None:
            # A page (or column) break: the first line of the next starts at its text's edge.
            if (prev.page == line.page and prev.column == line.column) or abs(line.x0 - line.left_edge) > 3:
                return False
        elif gap > 1.3 or gap < 0:
            return False
        elif abs(line.x0 - paragraph.indent) > 3 and not (
                paragraph.kind == "bullet" and abs(line.x0 - paragraph.lines[0].x0) <= 3) and not (
                paragraph.kind == "text" and (
                abs(line.x0 - prev.x0) <= 3 or  # the lines after the first of a paragraph
                (line.x0 < paragraph.indent and abs(line.x0 - line.left_edge) <= 3))):  # after a first-line indent
            return False
        # A line that is a section heading on its own (`Beslutning`) starts a section,
        # however full the line above it: swallowing it would lose the section.
        if paragraph.kind == "text" and self.vocabulary.classify_plain(rendered) is not None:
            return False
        space = 0.3 * prev.size
        first_word = line.words[0].x1 - line.words[0].x0
        full = prev.x1 + space + first_word >= prev.right_edge - 0.5
        hyphenated = paragraph.text.endswith("-") and (prev.words[-1].soft or prev.x1 >= prev.right_edge - 4 * prev.size)
        return full or hyphenated

    # -- tables

    def is_table_line(self, line: Line) -> bool:
        if len(line.segments) < 2 or self.heading_level(line):
            return False
        rendered = self.render(line, "text")
        return "\t" in rendered and self.toc_entry(line) is None

    def aligned_table(self, index: int) -> int:
        """A run of lines with columns (or TOC entries): rows aligned to the columns of its
        fullest rows; a line that only continues some cells of the row above (a wrapped
        cell) is joined to that row."""
        lines = self.lines
        rows = [lines[index]]
        k = index + 1
        while k < len(lines):
            line = lines[k]
            prev = rows[-1]
            near = (line.page == prev.page and line.column == prev.column
                    and 0 < (line.baseline - prev.baseline) <= 2.2 * self.pitch * prev.size) or (
                line.page == prev.page + 1 and line is self._first_on(line.page) and prev is self._last_on(prev.page))
            if not near or self.heading_level(line) or self.ruled[line.page].get(id(line)) is not None:
                break
            if self.is_table_line(line) or self.toc_entry(line) is not None:
                rows.append(line)
            elif self._page_after_leader(prev, line):
                rows.append(line)  # the page number of the entry above, wrapped onto a line of its own
            elif self._wraps_into_entry(k):
                rows.append(line)  # a TOC title that wraps onto the line with its page number
            elif len(line.segments) == 1 and abs(line.x0 - min(r.x0 for r in rows)) <= 3 and self._more_rows(k):
                rows.append(line)  # a label-only row inside the table (`Anlæg/ Rådighedsbeløb`)
            elif self._continues_cells(prev, line, _columns([r for r in rows if self.toc_entry(r) is None] or rows)):
                rows.append(line)
            else:
                break
            k += 1
        if len(rows) == 1 and not self._ends_in_page(rows[0]):
            # One line with wide gaps is not a table (`Sagsnr.: 330-2018-3619   Dok.nr.: …   Åbent`).
            self.text_line(rows[0], spaced=True)
            return k
        self.flush()
        self.separate(rows[0], "table")
        columns = _columns([r for r in rows if self.toc_entry(r) is None] or rows)
        built: list[tuple[Line, list[str]]] = []
        wrapped: tuple[Line, str] | None = None  # the first line(s) of a TOC title that wrapped
        last_line = rows[0]  # the last line of the row being built
        for number, row in enumerate(rows):
            if wrapped is None and number + 1 < len(rows) and self._wraps_into_entry(index + number):
                wrapped = (row, self._bold_text(row.segments[0]))
                continue
            toc = self.toc_entry(row)
            cells_of_toc = [toc] if toc is not None else None
            if wrapped is not None:
                first_line, head = wrapped
                wrapped = None
                if self._page_after_leader(first_line, row):
                    built.append((first_line, [f"{without_leader(head)}.....\t{row.text.strip()}"]))
                    last_line = row
                    continue
                rest = toc if toc is not None else "\t".join(self._bold_text(s) for s in row.segments)
                title, _, tail = rest.partition("\t")
                joined = join_wrapped(head, title, first_line.words[-1].soft)[0]
                built.append((first_line, [f"{joined}\t{tail}"]))
                last_line = row
                continue
            if cells_of_toc is not None:
                built.append((row, cells_of_toc))
                last_line = row
                continue
            cells = [""] * len(columns)
            for segment in row.segments:
                column = _column_of(segment, columns)
                text = self._bold_text(segment)
                cells[column] = f"{cells[column]} {text}".strip() if cells[column] else text
            if built and self._continues_cells(last_line, row, columns) and len(built[-1][1]) == len(cells):
                above = built[-1][1]
                for c, text in enumerate(cells):
                    if text:
                        above[c] = join_wrapped(above[c], text)[0] if above[c] else text
                last_line = row
                continue
            built.append((row, cells))
            last_line = row
        for row, cells in built:
            while cells and not cells[-1]:
                cells.pop()
            self._emit_row(row, cells)
        self.last_kind = "table"
        return k

    def _ends_in_page(self, line: Line) -> bool:
        return self.toc_entry(line) is not None or (len(line.segments) == 2 and bool(_PAGE.match(line.segments[-1].text))
                                                    and not _PAGE.match(line.segments[0].text.replace(".", "")))

    def _wraps_into_entry(self, index: int) -> bool:
        """Line ``index`` is the first line of a TOC title that wrapped: one segment, and the
        next line, at the normal distance and the same indent, ends in the page number —
        or holds only the page number, after a title and leader that filled the line (the
        TAB before the number wrapped: Word's default tab stops, as LibreOffice prints them)."""
        lines = self.lines
        if index + 1 >= len(lines) or len(lines[index].segments) != 1:
            return False
        line, nxt = lines[index], lines[index + 1]
        if nxt.page != line.page or not 0 < (nxt.baseline - line.baseline) <= 1.15 * self.pitch * line.size:
            return False
        if self.heading_level(line):
            return False
        return (self._ends_in_page(nxt) and abs(nxt.x0 - line.x0) <= 3) or self._page_after_leader(line, nxt)

    def _page_after_leader(self, line: Line, nxt: Line) -> bool:
        """``line`` is a title and its dot leader without a page; ``nxt`` only a page number."""
        return (len(nxt.segments) == 1 and bool(_PAGE.match(nxt.text.strip()))
                and self.toc_entry(line) is None and without_leader(self._bold_text(line.segments[0])) is not None)

    def _continues_cells(self, prev: Line, line: Line, columns: list[tuple[float, float]]) -> bool:
        """``line`` holds the wrapped rest of some cells of ``prev`` (the row above)."""
        if line.page != prev.page or self.toc_entry(line) is not None or self.toc_entry(prev) is not None:
            return False
        gap = (line.baseline - prev.baseline) / (self.pitch * prev.size or 1)
        if not 0 < gap <= 1.15 or len(line.segments) >= len(prev.segments):
            return False
        used = {_column_of(s, columns) for s in prev.segments}
        mine = [_column_of(s, columns) for s in line.segments]
        if not all(c in used for c in mine):
            return False
        text = line.segments[0].text
        numeric = all(ch.isdigit() or ch in ".,-% " for ch in line.text)
        return not numeric and (text[:1].islower() or any(c != 0 for c in mine))

    def _more_rows(self, k: int) -> bool:
        """Whether a table row follows line ``k`` closely (a label row sits inside a table)."""
        lines = self.lines
        return k + 1 < len(lines) and lines[k + 1].page == lines[k].page and self.is_table_line(lines[k + 1])

    def _first_on(self, page: int) -> Line | None:
        lines = self.pages[page - 1].lines if 0 < page <= len(self.pages) else []
        return lines[0] if lines else None

    def _last_on(self, page: int) -> Line | None:
        lines = self.pages[page - 1].lines if 0 < page <= len(self.pages) else []
        return lines[-1] if lines else None

    def _emit_row(self, line: Line, cells: list[str], starts: tuple | None = None) -> None:
        text = "\t".join(cells)
        if not text.strip():
            return
        if starts is None:
            starts = []
            column = 1
            for cell in cells:
                starts.append((column, line.page, line.number))
                column += len(cell) + 1
            starts = tuple(starts[1:])
        self.out.add(text, PdfPlace(line.page, line.number, starts))
        self.previous = line

    def ruled_table(self, index: int) -> int:
        """Rows cut by the drawn rules: the lines between two horizontal rules are one row,
        the text between two vertical rules one cell."""
        lines = self.lines
        self.flush()
        self.separate(lines[index], "table")
        k = index
        while k < len(lines):
            line = lines[k]
            info = self.ruled[line.page].get(id(line))
            if info is None:
                break
            band, bounds = info
            members = [line]
            k += 1
            while k < len(lines):
                nxt = self.ruled[lines[k].page].get(id(lines[k]))
                if nxt is None or nxt[0] != band or lines[k].page != line.page:
                    break
                members.append(lines[k])
                k += 1
            cells = [""] * (len(bounds) - 1)
            for member in members:
                for word in member.words:
                    centre = (word.x0 + word.x1) / 2
                    column = next((c for c in range(len(bounds) - 1) if bounds[c] <= centre < bounds[c + 1]), None)
                    if column is None:
                        column = 0 if centre < bounds[0] else len(cells) - 1
                    text = render_bold([(word.text, word.bold)])
                    cells[column] = join_wrapped(cells[column], text, False)[0] if cells[column] else text
            cells = [_merge_bold(c) for c in cells]
            while cells and not cells[-1]:
                cells.pop()
            self._emit_row(line, cells)
        self.last_kind = "table"
        return k


def _merge_bold(cell: str) -> str:
    """`**I** **alt**` → `**I alt**`: a cell's bold words as one stretch."""
    return cell.replace("** **", " ")


def _columns(rows: list[Line]) -> list[tuple[float, float]]:
    """Column intervals from the rows with the most segments (a header cell spanning two
    columns must not merge them); then neighbouring intervals that no row uses both of
    are one column (a left-aligned header over right-aligned figures)."""
    widest = max(len(r.segments) for r in rows)
    spans = sorted((s.x0, s.x1) for r in rows if len(r.segments) >= max(2, widest - 1) for s in r.segments)
    clusters: list[list[float]] = []
    for x0, x1 in spans:
        if clusters and x0 <= clusters[-1][1] + 1:
            clusters[-1][1] = max(clusters[-1][1], x1)
        else:
            clusters.append([x0, x1])
    columns = [(a, b) for a, b in clusters] or [(0.0, 1e9)]
    used = [set() for _ in columns]
    for number, row in enumerate(rows):
        for segment in row.segments:
            used[_column_of(segment, columns)].add(number)
    merged = [columns[0]]
    merged_used = [used[0]]
    for column, rows_in in zip(columns[1:], used[1:]):
        if not (merged_used[-1] & rows_in):
            merged[-1] = (merged[-1][0], column[1])
            merged_used[-1] = merged_used[-1] | rows_in
        else:
            merged.append(column)
            merged_used.append(rows_in)
    return merged


def _column_of(segment: Segment, columns: list[tuple[float, float]]) -> int:
    best, best_overlap = 0, -1e9
    for index, (a, b) in enumerate(columns):
        overlap = min(b, segment.x1) - max(a, segment.x0)
        if overlap > best_overlap:
            best, best_overlap = index, overlap
    return best


def _ruled_rows(page: PageLines) -> dict[int, tuple[tuple[float, float], tuple[float, ...]]]:
    """For each line of ``page`` inside a ruled grid: its row band (the horizontal rules
    above and below it) and the x positions of the vertical rules that cut it."""
    rules = page.rules
    if not rules:
        return {}
    verticals = [r for r in rules if r[2] - r[0] <= 3 and r[3] - r[1] > 3]
    horizontals = [r for r in rules if r[3] - r[1] <= 3 and r[2] - r[0] > 3]
    out = {}
    for line in page.lines:
        middle = (line.top + line.bottom) / 2
        xs = sorted((r[0] + r[2]) / 2 for r in verticals if r[1] - 1 <= middle <= r[3] + 1)
        bounds: list[float] = []
        for x in xs:
            if not bounds or x - bounds[-1] > 2:
                bounds.append(x)
        if len(bounds) < 2 or not (bounds[0] - 2 <= line.x0 and line.x1 <= bounds[-1] + 2):
            continue
        above = max((r[1] for r in horizontals if r[1] <= line.top + 1 and r[0] < line.x1 and r[2] > line.x0),
                    default=None)
        below = min((r[1] for r in horizontals if r[1] >= line.bottom - 1 and r[0] < line.x1 and r[2] > line.x0),
                    default=None)
        if above is None or below is None:
            continue
        out[id(line)] = ((round(above, 1), round(below, 1)), tuple(bounds))
    return out
