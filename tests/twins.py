"""Web-page and PDF twins of Markdown minutes, for the HTML and PDF format tests.

A twin is the same minutes as a municipality's website or agenda system would publish
them: a Markdown heading becomes `<h1>`…`<h6>`, a bold-only line `<p><strong>`, a
bullet list `<ul>`, a run of TAB rows a `<table>` (every other one without rules, so
the PDF reader meets both ruled and whitespace-aligned tables), the table of contents
a table with a dot leader and a right-aligned page number; each Markdown line of a
paragraph stays a line of its own (`<br>`), so the line structure the rules read is
the same. The PDF twin is that page printed by Chromium (`page.pdf()`), with a running
head and a page footer on every page, as agenda systems print them.

Where every Markdown line went is recorded (``Twin.line_of``: the HTML line the line's
element starts on), so a test can compare the findings on a twin with those on its
original item by item and line by line. Nothing here reads a real document: the
sources are the invented minutes in ``examples/``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from referatcheck.lexer import tokens
from referatcheck.shapes import BLANK, BOLD, BULLET, COMMENT, HEADING, NUMBERED, ROW, SEPARATOR, shape_of, split_cells
from referatcheck.source import SourceText
from referatcheck.titles import strip_heading_marks

from chromium import CHROMIUM, CHROMIUM_ARGS

_BULLET_MARK = re.compile(r"^[ \t]{0,8}[-*•–·▪]\s+")
_NUMBER_MARK = re.compile(r"^[ \t]{0,8}(\d{1,3})[.)][ \t]+")
_PAGE_CELL = re.compile(r"^\d{1,4}$")
_PAGE_AT_END = re.compile(r"\d{1,4}(?=\s*$)")
# ` 1  Title`: a number in a column of its own before the title (a tab stop in print).
_NUMBER_COLUMN = re.compile(r"^\s{0,3}(\d{1,3})\s{2,}(?=\S)")

# Print CSS of the PDF twin: A4, a body size a clerk's export uses, headings by size,
# dot leaders that fill the line, rules on every other table.
PRINT_CSS = """
@page { size: A4; margin: 22mm 20mm 20mm 20mm; }
body { font-family: "DejaVu Sans", sans-serif; font-size: 10pt; line-height: 1.35; margin: 0; }
h1 { font-size: 17pt; margin: 14pt 0 6pt; } h2 { font-size: 14.5pt; margin: 12pt 0 5pt; }
h3 { font-size: 13pt; margin: 10pt 0 4pt; } h4 { font-size: 12pt; margin: 9pt 0 3pt; }
h5 { font-size: 12pt; margin: 8pt 0 3pt; } h6 { font-size: 12pt; margin: 8pt 0 3pt; }
h1, h2, h3, h4, h5, h6 { font-weight: bold; break-after: avoid; }
p { margin: 0 0 7pt; } ul, ol { margin: 0 0 7pt; padding-left: 16pt; }
ul { list-style: none; } ul > li::before { content: "•"; display: inline-block; width: 10pt; margin-left: -12pt; }
table { border-collapse: collapse; margin: 0 0 8pt; } td { vertical-align: top; }
table.ruled td { border: 0.6pt solid #444; padding: 1.5pt 4pt; }
table.plain td { padding: 1pt 9pt 1pt 0; }
td.num { text-align: right; }
table.toc { width: 100%; table-layout: fixed; } table.toc td { padding: 0.5pt 0; }
table.toc td.title > div { display: flex; align-items: flex-end; }
table.toc td.title .fill { flex: 1 1 2em; min-width: 2em; overflow: hidden; white-space: nowrap; }
table.toc td.title .fill::after { content: "......................................................................................................................................................................................................"; }
table.toc td.page { width: 2.6em; text-align: right; padding-left: 8pt; white-space: nowrap; vertical-align: bottom; }
.hyphenate { hyphens: manual; }
nav, footer { display: none; }
"""

HEADER_TEMPLATE = (
    '<div style="font: 7.5pt DejaVu Sans, sans-serif; width: 100%; margin: 0 20mm; display: flex; '
    'justify-content: space-between;"><span>{left}</span><span>{right}</span></div>'
)
FOOTER_TEMPLATE = (
    '<div style="font: 7.5pt DejaVu Sans, sans-serif; width: 100%; text-align: center;">'
    'Side <span class="pageNumber"></span> af <span class="totalPages"></span></div>'
)


@dataclass
class Twin:
    """The web page of one Markdown file, and where each Markdown line went."""

    markdown: str
    html: str
    line_of: dict[int, int] = field(default_factory=dict)  # Markdown line -> HTML line
    toc_pages: dict[int, int] = field(default_factory=dict)  # Markdown TOC line -> page cell shown


def _inline(text: str) -> str:
    """Escaped text with `**bold**` as <strong> (an odd `**` stays literal); runs of
    spaces kept as non-breaking spaces, as web editors write them; a number standing in
    a column of its own before a title set as a tab stop."""
    column = _NUMBER_COLUMN.match(text)
    if column:
        rest = text[column.end():]
        return (f'<span style="display:inline-block;min-width:2.2em">{column.group(1)}&nbsp;&nbsp;</span>'
                f"{_inline(rest)}")
    parts = text.split("**") if text.count("**") % 2 == 0 else [text]
    out = []
    for index, part in enumerate(parts):
        escaped = html.escape(part, quote=False)
        escaped = re.sub(r" {2,}", lambda m: "&nbsp;" * len(m.group(0)), escaped)
        if escaped.startswith(" "):
            escaped = "&nbsp;" + escaped[1:]
        out.append(f"<strong>{escaped}</strong>" if index % 2 and part else escaped)
    return "".join(out)


def render_html(markdown: str, title: str = "Referat", *, toc_pages: dict[int, int] | None = None,
                standalone_css: str = "") -> Twin:
    """The web page of ``markdown``. ``toc_pages`` replaces the page cell of TOC lines
    (Markdown line -> page shown), for a PDF whose TOC names the pages it really has."""
    source = SourceText.from_text(markdown, path="twin.md")
    # A role per line; blank lines have no token.
    by_line = {t.line: t.type for t in tokens(source)}
    roles = [by_line.get(number, "BLANK") for number in range(1, len(source.lines) + 1)]
    lines = source.lines
    body: list[tuple[int | None, str]] = []  # (Markdown line, HTML text) per HTML line
    twin = Twin(markdown=markdown, html="")
    tables = 0
    i = 0
    while i < len(lines):
        number, line = i + 1, lines[i]
        shape = shape_of(line).kind
        if shape == BLANK:
            i += 1
            continue
        if shape == COMMENT:
            body.append((number, line.strip()))  # suppression comments travel in the page
            i += 1
            continue
        if shape == ROW or (shape == SEPARATOR and "\t" in line):
            rows = []
            while i < len(lines) and (shape_of(lines[i]).kind == ROW or (shape_of(lines[i]).kind == SEPARATOR and "\t" in lines[i])):
                rows.append((i + 1, lines[i]))
                i += 1
            toc = all(roles[n - 1] in ("TOC_ENTRY", "TOC_TEXT") for n, _ in rows)
            tables += 1
            body.extend(_table(rows, toc, tables, toc_pages or {}, twin))
            continue
        if shape == HEADING:
            level, text = strip_heading_marks(line)
            body.append((number, f"<h{level}>{_inline(text.replace('**', ''))}</h{level}>"))
            i += 1
            continue
        if shape == BULLET:
            body.append((None, "<ul>"))
            while i < len(lines) and shape_of(lines[i]).kind == BULLET:
                mark = _BULLET_MARK.match(lines[i])
                body.append((i + 1, f"<li>{_inline(lines[i][mark.end():])}</li>"))
                i += 1
            body.append((None, "</ul>"))
            continue
        if shape == NUMBERED and _consecutive_numbers(lines, i):
            first = int(_NUMBER_MARK.match(lines[i]).group(1))
            body.append((None, f'<ol start="{first}">'))
            while i < len(lines) and shape_of(lines[i]).kind == NUMBERED and _NUMBER_MARK.match(lines[i]):
                mark = _NUMBER_MARK.match(lines[i])
                if int(mark.group(1)) != first:
                    break
                body.append((i + 1, f"<li>{_inline(lines[i][mark.end():])}</li>"))
                first += 1
                i += 1
            body.append((None, "</ol>"))
            continue
        if roles[i] == "TOC_ENTRY" and number in (toc_pages or {}):
            # A TOC line without a TAB (`Title ..... 3`): the page number shown is replaced.
            line = _PAGE_AT_END.sub(str(toc_pages[number]), line)
            twin.toc_pages[number] = toc_pages[number]
            body.append((number, f"<p>{_inline(line.rstrip())}</p>"))
            i += 1
            continue
        # A paragraph: its lines until a blank line or a line of another shape.
        paragraph = [(number, line)]
        i += 1
        while i < len(lines) and shape_of(lines[i]).kind not in (BLANK, COMMENT, HEADING, ROW, BULLET, SEPARATOR) \
                and not (shape_of(lines[i]).kind == NUMBERED and _consecutive_numbers(lines, i)) \
                and shape_of(lines[i - 1]).kind != BOLD and shape_of(lines[i]).kind != BOLD:
            paragraph.append((i + 1, lines[i]))
            i += 1
        for k, (n, text) in enumerate(paragraph):
            start = "<p>" if k == 0 else ""
            end = "</p>" if k == len(paragraph) - 1 else "<br>"
            body.append((n, f"{start}{_inline(text.rstrip())}{end}"))
    head = [
        "<!DOCTYPE html>",
        '<html lang="da">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{html.escape(title)}</title>",
        f"<style>{standalone_css}</style>" if standalone_css else "",
        "</head>",
        "<body>",
        '<nav><a href="/">Forside</a> <a href="/politik">Politik</a></nav>',
        "<script>document.title = document.title;</script>",
        "<main>",
    ]
    head = [h for h in head if h]
    out = list(head)
    for markdown_line, text in body:
        out.append(text)
        if markdown_line is not None:
            twin.line_of[markdown_line] = len(out)
    out.extend(["</main>", '<footer><a href="#top">Til toppen</a></footer>', "</body>", "</html>"])
    twin.html = "\n".join(out) + "\n"
    return twin


def _consecutive_numbers(lines: tuple[str, ...], i: int) -> bool:
    """A run of numbered lines counting up by one (a list), not a lone `57. Title`."""
    first = _NUMBER_MARK.match(lines[i])
    nxt = _NUMBER_MARK.match(lines[i + 1]) if i + 1 < len(lines) else None
    return bool(first and nxt and int(nxt.group(1)) == int(first.group(1)) + 1)


def _table(rows: list[tuple[int, str]], toc: bool, index: int, toc_pages: dict[int, int], twin: Twin):
    if toc:
        yield None, '<table class="toc">'
        for number, line in rows:
            cells = [c.strip() for c in split_cells(line)]
            page = cells[-1] if _PAGE_CELL.match(cells[-1]) else ""
            title_cells = cells[:-1] if page else cells
            title = " ".join(c for c in title_cells if c)
            if number in toc_pages:
                page = str(toc_pages[number])
            twin.toc_pages[number] = int(page) if page else 0
            # A title with a dot leader: the leader fills the rest of the line in print.
            fill = '<span class="fill"></span>' if title.endswith(("..", "…")) else ""
            yield number, (f'<tr><td class="title"><div><span>{_inline(title)}</span>{fill}</div></td>'
                           f'<td class="page">{page}</td></tr>')
        yield None, "</table>"
        return
    yield None, f'<table class="{"ruled" if index % 2 else "plain"}">'
    for number, line in rows:
        cells = split_cells(line)
        if number in toc_pages:  # a TOC line the role pass did not call one (glued to its heading)
            cells[-1] = str(toc_pages[number])
            twin.toc_pages[number] = toc_pages[number]
        tds = "".join(
            f'<td{" class=num" if _numeric(c) else ""}>{_inline(c.strip())}</td>' for c in cells
        )
        yield number, f"<tr>{tds}</tr>"
    yield None, "</table>"


def _numeric(cell: str) -> bool:
    text = cell.strip().replace(".", "").replace(",", "").replace("-", "").replace("%", "").strip()
    return bool(text) and text.isdigit()


# ---- printing -------------------------------------------------------------------------------



def print_pdfs(pages: list[tuple[str, str]], *, header: bool = True) -> list[bytes]:
    """PDF bytes of each ``(html, running head)``, printed by one headless Chromium.

    The running head names the committee on every page and the footer says
    `Side N af M`, as agenda systems print them; the reader must drop both.
    """
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            for document, running_head in pages:
                page.set_content(_with_print_css(document), wait_until="load")
                out.append(page.pdf(
                    format="A4", print_background=False, prefer_css_page_size=True,
                    display_header_footer=header,
                    header_template=HEADER_TEMPLATE.format(left=html.escape(running_head), right="Nordby Kommune"),
                    footer_template=FOOTER_TEMPLATE,
                ))
        finally:
            browser.close()
    return out


def _with_print_css(document: str) -> str:
    style = f"<style>{PRINT_CSS}</style>"
    return document.replace("</head>", f"{style}</head>", 1) if "</head>" in document else style + document


# ---- the pages a PDF twin's items start on ---------------------------------------------------


def _squash(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").replace("\x02", "").split()).casefold()


def heading_pages(pdf: bytes, headings: list[str], after: str | None) -> list[int | None]:
    """The page each heading text first occurs on, in order, read with PDFium's plain text
    extraction (not with referatcheck's reader, which the twins test): the search starts
    after the text ``after`` (the TOC's last entry) and moves on from each heading found."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    texts = []
    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            texts.append(_squash(textpage.get_text_range()))
            textpage.close()
            page.close()
    finally:
        document.close()
    joined = ""
    starts = []
    for text in texts:
        starts.append(len(joined))
        joined += text + " "
    cursor = 0
    if after:
        found = joined.find(_squash(after))
        cursor = found + len(_squash(after)) if found >= 0 else 0
    out: list[int | None] = []
    for heading in headings:
        found = joined.find(_squash(heading), cursor) if heading.strip() else -1
        if found < 0:
            out.append(None)
            continue
        cursor = found + 1
        out.append(sum(1 for s in starts if s <= found))
    return out
