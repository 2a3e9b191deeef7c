"""Minutes published as a web page (.html, .htm), read into the same document model.

The page is parsed by html5lib, which builds the tree exactly as a browser does (broken
markup included), through BeautifulSoup, which keeps the source line of every tag. The
loader converts the tree to the line text the Markdown parser reads and parses that:

- `<h1>`…`<h6>` become `#` headings;
- bold (`<b>`, `<strong>`, `font-weight: bold`) becomes `**…**`, so a bold-only paragraph
  is a section label and `<strong>Mødedato</strong> Tirsdag …` a head field;
- list items become `- ` lines, or `N. ` with the number the browser shows;
- each table row becomes one line of TAB-separated cells; a cell spanning columns
  (`colspan`) or rows (`rowspan`) leaves empty cells where it reaches, so the columns
  stay aligned with the header; a table used for layout (one column, or headings and
  lists in its cells) is read as the blocks it holds;
- a link is its text; `<br>` starts a new line; scripts, styles, navigation, buttons,
  form controls, images and hidden elements are not read;
- the web artefacts of the vocabulary (`Til toppen`, `Udskriv`, `Fold alle ud` …) are
  skipped;
- a `<!-- referatcheck: … -->` comment is kept as a suppression comment.

Every produced line remembers the line of the HTML file its text starts on (and, for a
table row, the line of each cell): findings name it (*linje 42 i HTML-filen*).
"""

from __future__ import annotations

import codecs
import re

import attrs
from attrs import frozen

from referatcheck import hookimpl
from referatcheck.diagnostic import Message
from referatcheck.formats.textout import CONTROL, TextOut, render_bold, visible
from referatcheck.locations import LOCATIONS
from referatcheck.model import Document
from referatcheck.parse import parse_document
from referatcheck.sections import DEFAULT_VOCABULARY, SectionVocabulary
from referatcheck.loading import UnreadableDocument
from referatcheck.source import SourceText

SUFFIXES = (".html", ".htm", ".xhtml")
ENCODING_KEY = "html-encoding"  # in Document.extra: the page's character encoding

# Elements whose content is never minutes text.
_SKIPPED = frozenset({
    "script", "style", "noscript", "template", "head", "title", "meta", "link", "nav", "button", "select",
    "option", "optgroup", "input", "textarea", "svg", "math", "iframe", "object", "embed", "canvas", "audio",
    "video", "img", "picture", "map", "area", "datalist", "dialog", "base",
})
# Elements that start and end a block of text; everything else flows inline.
_BLOCKS = frozenset({
    "p", "div", "section", "article", "main", "header", "footer", "aside", "blockquote", "address", "figure",
    "figcaption", "details", "summary", "fieldset", "legend", "dl", "dt", "dd", "center", "form", "body", "html",
    "hr", "pre", "ul", "ol", "table", "caption", "h1", "h2", "h3", "h4", "h5", "h6",
})
# Elements that start a line of their own but no new block: list items are consecutive
# lines, as in Markdown, so a list stays one list.
_LINES = frozenset({"li", "dt", "dd"})
# Parts of a table read for layout (its cells hold headings and paragraphs): blocks.
_LAYOUT_PARTS = frozenset({"tr", "td", "th"})
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_BOLD_TAGS = frozenset({"b", "strong"})
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)\b", re.IGNORECASE)
_NOT_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:normal|lighter|[1-5]00)\b", re.IGNORECASE)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# HTML's whitespace (not NBSP, which is text).
_SPACE = re.compile(r"[ \t\n\r\f]+")
# A table larger than this is data, not minutes: read as text lines, no grid.
_MAX_SPAN = 1000

# ---- the place of a line --------------------------------------------------------------


@frozen
class HtmlPlace:
    """Where a produced line's text stands in the HTML file: ``line`` (1-based) where it
    starts, and ``segments`` ``(column, line)`` for text that continues on other lines
    (the cells of a row, a paragraph written over several source lines)."""

    line: int
    segments: tuple[tuple[int, int], ...] = ()

    def line_at(self, column: int) -> int:
        found = self.line
        for start, line in self.segments:
            if start > column:
                break
            found = line
        return found

    def describe(self, column: int = 1) -> Message:
        line = self.line_at(column)
        return Message(f"linje {line} i HTML-filen", f"line {line} of the HTML file")


# ---- the plugin -------------------------------------------------------------------------


@hookimpl
def referatcheck_input_suffixes():
    return list(SUFFIXES)


@hookimpl
def referatcheck_load_document(path, data, vocabulary):
    """Load an .html/.htm file; other files are not ours (None)."""
    if not str(path).lower().endswith(SUFFIXES):
        return None
    return load_html(path, data, vocabulary)


def load_html(path: str, data: bytes, vocabulary: SectionVocabulary = DEFAULT_VOCABULARY) -> Document:
    """Parse a web page's bytes into a Document with its line → HTML line map."""
    text, places, encoding = convert(data, vocabulary)
    source = SourceText.from_text(text, path=str(path), encoding="html")
    document = parse_document(source, vocabulary)
    return attrs.evolve(document, extra={**document.extra, LOCATIONS: places, ENCODING_KEY: encoding})


def convert(data: bytes, vocabulary: SectionVocabulary = DEFAULT_VOCABULARY) -> tuple[str, tuple, str]:
    """The line text of a web page, per line its :class:`HtmlPlace`, and the encoding read."""
    from bs4 import BeautifulSoup  # imported here so Markdown-only runs start fast

    markup, encoding = decode_html(data)
    depth = nesting_depth(markup)
    if depth > MAX_DEPTH:
        # html5lib checks the open elements at every tag: thousands of unclosed tags cost
        # time quadratic in their number. No real page nests this deep (browsers stop too).
        raise UnreadableDocument(f"HTML-siden er indlejret for dybt (over {MAX_DEPTH} niveauer)",
                                 f"the web page is nested too deeply (over {MAX_DEPTH} levels)")
    try:
        soup = BeautifulSoup(markup, "html5lib")
    except Exception as exc:  # html5lib accepts any text; this would be a bug in it
        raise UnreadableDocument(f"HTML-siden kan ikke læses ({exc})", f"the web page cannot be read ({exc})") from None
    walker = _Walker(vocabulary)
    walker.run(soup)
    text, places = walker.out.result()
    return text, places, encoding


MAX_DEPTH = 1000
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]{0,30})[^<>]{0,2000}?(/?)>")
# Elements that have no end tag, and those whose end tag the parser implies (a new <p>
# or <li> closes the last one): neither deepens the tree.
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                   "wbr", "p", "li", "td", "th", "tr", "option", "dt", "dd"})


def nesting_depth(markup: str) -> int:
    """How deep the tags open, roughly (a linear scan, no parse): the most start tags
    open at once that are not void or closed by the next of their kind."""
    depth = deepest = 0
    for closing, name, selfclosing in _TAG.findall(markup):
        if name.lower() in _VOID or selfclosing:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


# ---- bytes to text ----------------------------------------------------------------------

# `<meta charset="…">` and `<meta http-equiv="Content-Type" content="text/html; charset=…">`,
# looked for in the first 1024 bytes as the HTML standard's prescan does.
_META_CHARSET = re.compile(r"<meta[^>]{0,500}?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]{1,40})", re.IGNORECASE)
# Labels that mean windows-1252 to a browser (the WHATWG Encoding Standard).
_AS_CP1252 = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "cp819",
                        "ibm819", "iso_8859-1", "windows-1252", "cp1252", "x-cp1252"})


def decode_html(data: bytes) -> tuple[str, str]:
    """``(text, encoding)``: a BOM first, then the encoding the page declares in a meta
    tag, then UTF-8, then windows-1252 (what a browser in a Danish locale assumes)."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(name, errors="replace"), name
    if b"\x00" in data[:4096]:
        raise UnreadableDocument("binære data, ikke en HTML-side", "binary data, not a web page")
    # The prescan reads ASCII only; latin-1 maps each byte to one character, so nothing is lost.
    declared = _META_CHARSET.search(data[:1024].decode("latin-1"))
    if declared:
        label = declared.group(1).strip().lower()
        name = "cp1252" if label in _AS_CP1252 else label
        if name.startswith("utf-16"):
            name = "utf-8"  # a page that reached us as ASCII-compatible bytes cannot be UTF-16
        try:
            codecs.lookup(name)
        except LookupError:
            name = ""
        if name:
            return data.decode(name, errors="replace"), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


# ---- the walk --------------------------------------------------------------------------


class _Walker:
    """Walks the parsed page in document order, producing lines.

    The current source line is known exactly at every tag (BeautifulSoup records it)
    and is carried forward through the text between tags by counting its line ends.
    """

    def __init__(self, vocabulary: SectionVocabulary) -> None:
        self.words = vocabulary.words
        self.out = TextOut()
        self.line = 1
        self.pieces: list[tuple[str, bool]] = []
        self.length = 0  # characters in the pieces so far
        self.has_text = False  # some piece is more than whitespace
        self.piece_lines: list[tuple[int, int]] = []  # (character offset, source line) where text starts
        self.bold = 0
        self.heading = 0
        self.pre = 0
        self.list_stack: list[list] = []  # per open list: [ordered, next number, kind]
        self.prefix = ""  # a list marker waiting for the first text of its item
        self.in_item = 0  # depth of open list items: blocks inside one are lines

    def run(self, soup) -> None:
        from bs4 import Tag

        root = soup.find("html") or soup
        if isinstance(root, Tag):
            self.walk(root)
        self.flush()

    # -- text

    def text(self, raw: str, line: int) -> None:
        raw = CONTROL.sub("", raw)
        if self.pre:
            parts = raw.split("\n")
            for k, part in enumerate(parts):
                if k:
                    self.flush()
                    line += 1
                self._piece(part, line)
            return
        lead = len(raw) - len(raw.lstrip(" \t\n\r\f"))
        start_line = line + raw.count("\n", 0, lead)
        collapsed = _SPACE.sub(" ", raw)
        self._piece(collapsed, start_line)

    def _piece(self, text: str, line: int) -> None:
        if not text:
            return
        if not self.has_text:
            text = text.lstrip(" ") if not self.pre else text
            if not text:
                return
            if self.prefix:
                self.pieces.append((self.prefix, False))
                self.length += len(self.prefix)
                self.prefix = ""
        if text.strip():
            if not self.piece_lines or self.piece_lines[-1][1] != line:
                self.piece_lines.append((self.length + len(text) - len(text.lstrip()), line))
            self.has_text = True
        self.pieces.append((text, self.bold > 0 and not self.heading))
        self.length += len(text)

    def flush(self) -> None:
        """End the current line (a `<br>`, a block's end)."""
        pieces, lines, has_text = self.pieces, self.piece_lines, self.has_text
        self.pieces, self.piece_lines, self.length, self.has_text = [], [], 0, False
        if not has_text:
            return
        if self.heading:
            text = " ".join("".join(t for t, _ in pieces).split())
            line = f"{'#' * self.heading} {text}"
            shift = self.heading + 1
        else:
            raw = "".join(t for t, _ in pieces)
            # A nested list's indent and a <pre>'s leading spaces are kept.
            indent = " " * (len(raw) - len(raw.lstrip(" ")))
            line = indent + render_bold([(t, b) for t, b in pieces])
            shift = 0
        if self.words.is_artefact(visible(line).lstrip("#").strip()):
            return  # `Til toppen`, `Udskriv` … (minutes-format §7)
        self.out.add(line, _place(lines, shift, line))

    def end_block(self) -> None:
        self.flush()
        self.out.end_block()

    # -- elements

    def walk(self, root) -> None:
        """Visit ``root`` and everything in it in document order — with a stack of its
        own, not recursion: broken pages nest thousands of unclosed tags."""
        from bs4 import Comment, NavigableString, Tag

        stack: list = [(False, root)]
        while stack:
            leaving, node = stack.pop()
            if leaving:
                self.leave(node)
            elif isinstance(node, Tag):
                state = self.enter(node)
                if state is not None:
                    stack.append((True, state))
                    stack.extend((False, child) for child in reversed(list(node.children)))
            elif isinstance(node, Comment):
                self.comment(str(node))
            elif isinstance(node, NavigableString):
                if type(node) is NavigableString:  # not a CDATA, doctype or processing instruction
                    self.text(str(node), self.line)
                self.line += str(node).count("\n")

    def enter(self, tag):
        """Start an element; returns what ``leave`` needs, or None when the element was
        handled whole (skipped, a `<br>`, a table of figures)."""
        name = tag.name
        if tag.sourceline is not None:
            self.line = tag.sourceline
        if name in _SKIPPED or _hidden(tag):
            self._skip_lines(tag)
            return None
        if name == "br":
            self.flush()
            return None
        if name == "table" and self.table(tag):
            return None
        # Inside a table used for layout, rows and cells separate blocks.
        block = (name in _BLOCKS or name in _LAYOUT_PARTS) and not self.in_item
        line_element = name in _LINES or (name in _BLOCKS and not block)
        if block:
            self.end_block()
        elif line_element:
            self.flush()
        heading = _HEADINGS.get(name)
        bold = _is_bold(tag)
        if heading:
            self.heading = heading
        if bold:
            self.bold += 1
        if name == "pre":
            self.pre += 1
        if name in ("ul", "ol"):
            self.list_stack.append([name == "ol", _int(tag.get("start"), 1), (tag.get("type") or "1")])
        if name == "li":
            self.list_item(tag)
            self.in_item += 1
        return (name, block, line_element, heading, bold)

    def leave(self, state) -> None:
        name, block, line_element, heading, bold = state
        if name == "li":
            self.in_item -= 1
        if name in ("ul", "ol"):
            self.list_stack.pop()
        if name == "pre":
            self.pre -= 1
        if bold:
            self.bold -= 1
        if block:
            self.end_block()
        elif line_element:
            self.flush()
        if heading:
            self.heading = 0

    def _skip_lines(self, tag) -> None:
        """Move the line count past an element that is not read."""
        from bs4 import NavigableString

        for child in tag.descendants:
            if isinstance(child, NavigableString):
                self.line += str(child).count("\n")

    def comment(self, text: str) -> None:
        if text.strip().lower().startswith("referatcheck"):
            self.end_block()
            self.out.add(f"<!-- {text.strip()} -->", HtmlPlace(self.line))
            self.out.end_block()
        self.line += text.count("\n")

    def list_item(self, tag) -> None:
        if not self.list_stack:
            self.prefix = "- "
            return
        ordered, number, kind = self.list_stack[-1]
        depth = "  " * min(len(self.list_stack) - 1, 4)
        if ordered:
            number = _int(tag.get("value"), number)
            self.list_stack[-1][1] = number + 1
            self.prefix = f"{depth}{_list_number(number, kind)}. "
        else:
            self.prefix = f"{depth}- "

    # -- tables

    def table(self, tag) -> bool:
        """Read a table of figures, row by row; False for a table used for layout, whose
        contents are read as blocks."""
        self.end_block()
        rows = _rows(tag)
        if _is_layout(tag, rows):
            return False
        caption = tag.find("caption")
        if caption is not None and caption.find_parent("table") is tag:
            self.line = caption.sourceline or self.line
            self.walk(caption)
        grid = _Grid()
        for tr in rows:
            cells = []
            for td in _cells(tr):
                text, line = self.cell_text(td)
                cells.append((text, line, _int(td.get("colspan"), 1), _int(td.get("rowspan"), 1)))
            row_line = tr.sourceline or self.line
            laid = grid.place(cells)
            if not any(text for text, _ in laid):
                continue
            starts = []
            column = 1
            for text, line in laid:
                starts.append((column, line or row_line))
                column += len(text) + 1
            self.out.add("\t".join(text for text, _ in laid), HtmlPlace(row_line, tuple(starts)))
        self.out.end_block()
        self._resync(tag)
        return True

    def cell_text(self, td) -> tuple[str, int]:
        """A cell's text on one line (bold kept as `**…**`) and the line it starts on."""
        from bs4 import Comment, NavigableString, Tag

        pieces: list[tuple[str, bool]] = []
        start_line = None
        line = td.sourceline or self.line
        stack: list = [(child, _is_bold(td)) for child in reversed(list(td.children))]
        while stack:  # a stack, not recursion: cells of broken pages nest deeply too
            node, bold = stack.pop()
            if isinstance(node, Tag):
                if node.sourceline is not None:
                    line = node.sourceline
                if node.name in _SKIPPED or _hidden(node):
                    continue
                if node.name in _BLOCKS or node.name == "br":
                    pieces.append((" ", bold))
                inner = bold or _is_bold(node)
                stack.extend((child, inner) for child in reversed(list(node.children)))
            elif isinstance(node, NavigableString) and not isinstance(node, Comment):
                raw = str(node)
                if type(node) is NavigableString and raw.strip():
                    if start_line is None:
                        lead = len(raw) - len(raw.lstrip(" \t\n\r\f"))
                        start_line = line + raw.count("\n", 0, lead)
                    pieces.append((_SPACE.sub(" ", CONTROL.sub("", raw)), bold))
                elif type(node) is NavigableString:
                    pieces.append((" ", bold))
                line += raw.count("\n")
        text = _SPACE.sub(" ", render_bold(pieces)).strip(" ")
        return text, start_line or td.sourceline or self.line

    def _resync(self, tag) -> None:
        """After a table, the line count continues from the table's last tag."""
        from bs4 import NavigableString, Tag

        last = None
        for node in tag.descendants:
            if isinstance(node, Tag) and node.sourceline is not None:
                last = node
        if last is None:
            return
        line = last.sourceline
        for node in last.descendants:
            if isinstance(node, NavigableString):
                line += str(node).count("\n")
        self.line = max(self.line, line)


def _place(lines: list[tuple[int, int]], shift: int, produced: str) -> HtmlPlace:
    """The place of a produced line from where its pieces started. Offsets are in the
    raw pieces; the produced line adds markers, so later segments are kept as is (they
    only decide which source line a column falls on, a few characters either way)."""
    if not lines:
        return HtmlPlace(1)
    first = lines[0][1]
    segments = tuple((offset + 1 + shift, line) for offset, line in lines[1:])
    return HtmlPlace(first, segments)


def _hidden(tag) -> bool:
    if tag.has_attr("hidden") or (tag.get("aria-hidden") or "").lower() == "true":
        return True
    style = tag.get("style")
    return bool(style) and bool(_HIDDEN_STYLE.search(style))


def _is_bold(tag) -> bool:
    if tag.name in _BOLD_TAGS:
        return True
    style = tag.get("style")
    return bool(style) and bool(_BOLD_STYLE.search(style)) and not _NOT_BOLD_STYLE.search(style)


def _int(value, default: int) -> int:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return default
    return number if 0 <= number <= 100_000 else default


def _list_number(number: int, kind: str) -> str:
    if kind in ("a", "A") and 1 <= number <= 26:
        letter = chr(ord("a") + number - 1)
        return letter.upper() if kind == "A" else letter
    if kind in ("i", "I") and 1 <= number < 40:
        roman = _roman(number)
        return roman if kind == "I" else roman.lower()
    return str(number)


def _roman(value: int) -> str:
    out = ""
    for number, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= number:
            out += letters
            value -= number
    return out


def _rows(table) -> list:
    """The rows of ``table`` itself (in thead, tbody, tfoot or directly), not of tables inside it."""
    rows = []
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is table:
            rows.append(tr)
    return rows


def _cells(tr) -> list:
    return [c for c in tr.children if getattr(c, "name", None) in ("td", "th")]


def _is_layout(table, rows) -> bool:
    """A table used to lay out a page, not a table of figures: one column, or cells that
    hold headings, lists or other tables."""
    widths = [sum(_int(c.get("colspan"), 1) for c in _cells(tr)) for tr in rows]
    if not widths or max(widths) <= 1:
        return True
    for tr in rows:
        for cell in _cells(tr):
            if cell.find(["h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table"]) is not None:
                return True
    return False


class _Grid:
    """Lays out rows with `colspan`/`rowspan`: a position a span reaches is an empty cell."""

    def __init__(self) -> None:
        self.below: dict[int, int] = {}  # column -> further rows a rowspan from above covers

    def place(self, cells: list[tuple[str, int, int, int]]) -> list[tuple[str, int | None]]:
        out: list[tuple[str, int | None]] = []
        covered = {column for column, rows in self.below.items() if rows > 0}
        spans: dict[int, int] = {}
        column = 0
        for text, line, colspan, rowspan in cells:
            while column in covered:
                out.append(("", None))
                column += 1
            colspan = min(max(colspan, 1), _MAX_SPAN)
            rowspan = min(max(rowspan, 1), _MAX_SPAN)
            out.append((text, line))
            out.extend(("", None) for _ in range(colspan - 1))
            if rowspan > 1:
                spans.update(dict.fromkeys(range(column, column + colspan), rowspan - 1))
            column += colspan
        # A span reaching past the row's last cell adds no trailing empty cells: they say nothing.
        self.below = {c: rows - 1 for c, rows in self.below.items() if rows > 1}
        self.below.update(spans)
        return out
