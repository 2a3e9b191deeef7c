"""Web-page and PDF twins of every example: the same findings on the same items.

Every minutes file in `examples/` (clean, defects, style zoo) is rendered once per test
session as a web page (`tests/twins.py`) and printed to PDF by headless Chromium (one
browser, one page reused). Each twin is read by its format plugin and linted; its
findings must be the Markdown original's:

- the web page: the same codes with the same severities at the same places — each
  finding names the line of the HTML file that the twin put the original's line on;
- the PDF: the same codes with the same severities on the same items and sections (a
  PDF line is a page and a line on it, so the comparison is by where in the document a
  finding falls), and every finding names its page and line.

A PDF's table of contents shows the pages its items really start on (the twin is
printed twice: once to find the pages, with PDFium's plain text, once with them), so
the page check TOC009 is silent on every correct twin; where a defect file's TOC has
page numbers that are wrong on purpose (TOC005), the twin keeps them wrong and TOC009
must name exactly those entries. Nothing here reads a real document.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import EXAMPLES
from referatcheck.engine import Linter
from referatcheck.formats.html import HtmlPlace, load_html
from referatcheck.formats.pdf import load_pdf
from referatcheck.formats.pdftext import PdfPlace
from referatcheck.locations import LOCATIONS
from referatcheck.model import Document
from referatcheck.parse import parse_text
from referatcheck.source import SourceText
from referatcheck.titles import clean_inline, strip_heading_marks
from referatcheck.toc_alignment import align
from chromium import require_browser
from twins import Twin, heading_pages, print_pdfs, render_html

# The encoding is a property of a text file, not of its content: a twin is UTF-8.
NOT_COMPARED = {"RC004"}


def twin_sources() -> list[Path]:
    found = []
    for folder in ("clean", "defects", "styles"):
        found += sorted(p for p in (EXAMPLES / folder).iterdir()
                        if p.suffix in (".md", ".txt") and p.name not in ("README.md", "EXPECTED.md"))
    return found


@dataclass
class Rendered:
    path: Path
    markdown: str
    web: Twin  # the web page (its TOC shows the original's page numbers)
    printed: Twin  # the page Chromium printed (its TOC shows the PDF's real pages)
    pdf: bytes
    falsified: frozenset[int]  # Markdown TOC lines whose PDF page is wrong on purpose


def _running_head(document: Document) -> str:
    title = document.head.title
    return title.text[:60] if title is not None else "Referat"


def _heading_text(document: Document, line: int) -> str:
    raw = document.source.line(line)
    heading = strip_heading_marks(raw)
    return clean_inline(heading[1] if heading else raw)


def _toc_pages(markdown: str, pdf: bytes) -> tuple[dict[int, int], frozenset[int]]:
    """TOC page numbers for a PDF twin (Markdown TOC line -> page) and the lines whose
    page is deliberately not the item's: the original's page defects, kept."""
    document = parse_text(markdown)
    toc = document.toc
    if toc is None or not any(e.page is not None for e in toc.entries):
        return {}, frozenset()
    items = list(document.items)
    last_entry = document.source.line(toc.entries[-1].span.line).split("\t")[0].rstrip(". ")
    searched = []
    for item in items:
        searched.append(_heading_text(document, item.heading_span.line))
        below = next((n for n in range(item.heading_span.end_line + 1, item.span.end_line + 1)
                      if document.source.line(n).strip()), None)
        searched.append(clean_inline(document.source.line(below)) if below else "")
    found = heading_pages(pdf, searched, clean_inline(last_entry))
    # The pages an item may be listed with: its heading's, and the next line's (a heading
    # at the foot of a page), as TOC009 accepts.
    page_of_item = {id(item): found[2 * k] for k, item in enumerate(items)}
    accepted = {id(item): {found[2 * k], found[2 * k + 1]} - {None} for k, item in enumerate(items)}
    item_of_entry = {id(p.entry): p.item for p in align(document).pairs}
    pages: dict[int, int] = {}
    falsified = set()
    previous_md = previous = None
    for entry in toc.entries:
        if entry.page is None:
            continue
        item = item_of_entry.get(id(entry))
        true = page_of_item.get(id(item)) if item is not None else None
        if previous_md is not None and entry.page < previous_md:
            page = max(previous - 1, 0)  # the original's decreasing page (TOC005), kept
        elif true is None:
            page = previous or 1
        else:
            page = max(true, previous or 0)
        if true is not None and page not in accepted[id(item)]:
            falsified.add(entry.span.line)
        pages[entry.span.line] = page
        previous_md, previous = entry.page, page
    return pages, frozenset(falsified)


@pytest.fixture(scope="session")
def rendered() -> dict[str, Rendered]:
    """Every example as a web page and a PDF, printed once per session."""
    require_browser("printing the PDF twins")
    sources = twin_sources()
    markdowns = [SourceText.from_bytes(p.read_bytes()).text for p in sources]
    webs = [render_html(md, title=p.stem) for p, md in zip(sources, markdowns)]
    heads = [_running_head(parse_text(md)) for md in markdowns]
    first = print_pdfs([(web.html, head) for web, head in zip(webs, heads)])
    # Second printing, for twins whose TOC names pages: with the pages the first showed.
    again = []
    plans = []
    for index, (md, pdf) in enumerate(zip(markdowns, first)):
        pages, falsified = _toc_pages(md, pdf)
        plans.append((pages, falsified))
        if pages:
            again.append(index)
    printed = {i: render_html(markdowns[i], title=sources[i].stem, toc_pages=plans[i][0]) for i in again}
    second = dict(zip(again, print_pdfs([(printed[i].html, heads[i]) for i in again])))
    out = {}
    for index, path in enumerate(sources):
        out[path.name] = Rendered(
            path=path, markdown=markdowns[index], web=webs[index], printed=printed.get(index, webs[index]),
            pdf=second.get(index, first[index]), falsified=plans[index][1],
        )
    return out


# ---- where a finding falls ----------------------------------------------------------------


def region(document: Document, line: int) -> tuple:
    """Where in the minutes ``line`` is: the head, the n-th TOC entry, or the n-th item
    and its k-th section (0: before the first section)."""
    toc = document.toc
    if toc is not None and toc.span.line <= line <= toc.span.end_line:
        after = [k for k, e in enumerate(toc.entries) if e.span.line >= line]
        return ("toc", after[0] if after else len(toc.entries))
    for index, item in enumerate(document.items):
        if item.span.line <= line <= item.span.end_line:
            section = next((k + 1 for k, s in enumerate(item.sections) if s.span.line <= line <= s.span.end_line), 0)
            return ("item", index, section)
    return ("head",)


def _markdown_findings(linter: Linter, rendered: Rendered):
    result = linter.lint_bytes(str(rendered.path), rendered.path.read_bytes())
    document = parse_text(rendered.markdown)
    return [d for d in result.diagnostics if d.code not in NOT_COMPARED], document


@pytest.fixture(scope="session")
def linter() -> Linter:
    return Linter()


@pytest.mark.parametrize("name", [p.name for p in twin_sources()])
def test_web_page_twin_gives_the_same_findings_at_the_same_lines(name: str, rendered, linter: Linter) -> None:
    twin = rendered[name]
    findings, _ = _markdown_findings(linter, twin)
    data = twin.web.html.encode("utf-8")
    result = linter.lint_bytes("twin.html", data)
    document = load_html("twin.html", data, linter.vocabulary)
    places = document.extra[LOCATIONS]
    md_lines = sorted(twin.web.line_of)

    def html_line(md_line: int) -> int:
        following = [n for n in md_lines if n >= md_line] or md_lines[-1:]
        return twin.web.line_of[following[0]]

    expected = Counter((d.code, d.severity.value, html_line(d.span.line)) for d in findings)
    found = Counter()
    for d in result.diagnostics:
        place = places[d.span.line - 1]
        assert isinstance(place, HtmlPlace)
        found[(d.code, d.severity.value, place.line_at(d.span.column))] += 1
        # Every finding names the HTML line, in every output format's message.
        assert d.location is not None and f"linje {place.line_at(d.span.column)} i HTML-filen" in d.display_message()
    assert found == expected


@pytest.mark.parametrize("name", [p.name for p in twin_sources()])
def test_pdf_twin_gives_the_same_findings_on_the_same_items(name: str, rendered, linter: Linter) -> None:
    twin = rendered[name]
    findings, md_document = _markdown_findings(linter, twin)
    result = linter.lint_bytes("twin.pdf", twin.pdf)
    document = load_pdf("twin.pdf", twin.pdf, linter.vocabulary)
    expected = Counter((d.code, d.severity.value, region(md_document, d.span.line)) for d in findings)
    for line in twin.falsified:
        expected[("TOC009", "warning", region(md_document, line))] += 1
    found = Counter((d.code, d.severity.value, region(document, d.span.line)) for d in result.diagnostics)
    if found != expected:  # show what differs, and the text that was read
        pytest.fail(f"missing {expected - found}\nextra {found - expected}\n\n{_numbered(document)}")
    places = document.extra[LOCATIONS]
    for d in result.diagnostics:
        place = places[d.span.line - 1]
        if d.span == (1, 1, 1, 1) and d.code.startswith("RC"):
            continue
        assert isinstance(place, PdfPlace)
        page, line = place.at(d.span.column)
        assert d.location is not None and f"side {page}, linje {line}" in d.display_message()


def _numbered(document: Document) -> str:
    return "\n".join(f"{n:4} {line}" for n, line in enumerate(document.source.lines, start=1))


@pytest.mark.parametrize("name", [p.name for p in twin_sources() if p.parent.name == "clean"])
def test_twins_of_clean_minutes_are_clean(name: str, rendered, linter: Linter) -> None:
    twin = rendered[name]
    for path, data in (("twin.html", twin.web.html.encode()), ("twin.pdf", twin.pdf)):
        result = linter.lint_bytes(path, data)
        assert [d for d in result.diagnostics if d.severity.value != "info"] == [], path


@pytest.mark.parametrize("name", ["nordby-oekonomiudvalget-2024-09-02.md", "toc-defects.md", "web-pkt.md",
                                  "combined-section.md", "table-defects.md"])
def test_twins_have_the_structure_of_the_original(name: str, rendered, linter: Linter) -> None:
    """Items, sections, case numbers, TOC entries, head fields and tables survive."""
    twin = rendered[name]
    original = parse_text(twin.markdown)
    for document in (load_html("x.html", twin.web.html.encode(), linter.vocabulary),
                     load_pdf("x.pdf", twin.pdf, linter.vocabulary)):
        assert [(i.number, i.title, i.closed, i.case_number and i.case_number.text) for i in document.items] == [
            (i.number, i.title, i.closed, i.case_number and i.case_number.text) for i in original.items
        ]
        assert [[s.kind for s in i.sections] for i in document.items] == [
            [s.kind for s in i.sections] for i in original.items
        ]
        if original.toc is not None:
            assert [(e.title, e.number, e.has_leader) for e in document.toc.entries] == [
                (e.title, e.number, e.has_leader) for e in original.toc.entries
            ]
        assert [(f.label, f.value) for f in document.head.fields] == [(f.label, f.value) for f in original.head.fields]


def test_every_example_has_twins(rendered) -> None:
    assert len(rendered) >= 30
    assert {p.parent.name for p in twin_sources()} == {"clean", "defects", "styles"}
