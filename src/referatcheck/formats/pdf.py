"""Minutes as the agenda system exports them: PDF, read into the same document model.

The loader rebuilds the text a reader sees (:mod:`.pdfpage` reads the glyphs and rules
with PDFium, :mod:`.pdflayout` makes lines in reading order and drops running heads,
:mod:`.pdftext` turns lines into headings, bold labels, lists, tables, TOC entries and
paragraphs) and parses that text like Markdown, so every rule works unchanged.

Each produced line remembers its page and its line on the page
(``Document.extra["locations"]``); findings name it (*side 7, linje 12*). The page each
line stands on (``Document.extra["pages"]``, see :mod:`referatcheck.pages`) lets the TOC
rules check page numbers, which no other input has.

A PDF without text (a scan: OCR is not done) or with pages whose fonts give no
readable text is reported by RC011; an encrypted, damaged or truncated PDF is an
unreadable file (RC003).
"""

from __future__ import annotations

from typing import Iterator

import attrs

from referatcheck import hookimpl
from referatcheck.diagnostic import Severity
from referatcheck.locations import LOCATIONS
from referatcheck.model import Document, Span
from referatcheck.pages import PAGES
from referatcheck.parse import parse_document
from referatcheck.rule import Rule, RuleDoc
from referatcheck.sections import DEFAULT_VOCABULARY, SectionVocabulary
from referatcheck.source import SourceText

__all__ = ["load_pdf", "convert", "NoText"]

SUFFIX = ".pdf"
# Pages read at most: minutes run to a few hundred pages; a larger file is read up to
# here and the rest named by RC011 (time and memory stay bounded).
MAX_PAGES = 3000
NO_TEXT = "pdf-no-text"  # Document.extra: pages without readable text, and why


@hookimpl
def referatcheck_input_suffixes():
    return [SUFFIX]


@hookimpl
def referatcheck_load_document(path, data, vocabulary):
    """Load a .pdf file; other files are not ours (None)."""
    if not str(path).lower().endswith(SUFFIX):
        return None
    return load_pdf(path, data, vocabulary)


@hookimpl
def referatcheck_rules():
    return (NoText,)


def load_pdf(path: str, data: bytes, vocabulary: SectionVocabulary = DEFAULT_VOCABULARY) -> Document:
    """Parse a PDF's bytes into a Document with its line → page and line map."""
    text, places, page_numbers, missing = convert(data, vocabulary)
    source = SourceText.from_text(text, path=str(path), encoding="pdf")
    document = parse_document(source, vocabulary)
    return attrs.evolve(document, extra={**document.extra, LOCATIONS: places, PAGES: page_numbers,
                                         NO_TEXT: missing})


def convert(data: bytes, vocabulary: SectionVocabulary = DEFAULT_VOCABULARY):
    """``(text, places, pages, missing)``: the line text of a PDF, per line its
    :class:`~referatcheck.formats.pdftext.PdfPlace` and the page number printed on its page (None on blank lines),
    and the pages that gave no text (``(page, reason)``)."""
    # Imported here, not at the top: this module is a plugin every run loads, and the
    # reader (PDFium's bindings, the layout statistics) is needed only for a PDF.
    from referatcheck.formats.pdflayout import (
        PageLines, drop_running_heads, number_lines, order_columns, page_lines, printed_pages_consistent,
    )
    from referatcheck.formats.pdfpage import open_pdf, pages
    from referatcheck.formats.pdftext import TextBuilder

    document = open_pdf(data)
    try:
        total = len(document)
        read: list[PageLines] = []
        for content in pages(document, MAX_PAGES):
            read.append(page_lines(content))
    finally:
        document.close()
    missing: list[tuple[int, str]] = []
    for page in read:
        if not page.lines and page.scanned:
            missing.append((page.number, "scan"))
        elif page.glyphs and page.unmapped > 0.5 * page.glyphs:
            missing.append((page.number, "unmapped"))
            page.lines = []  # glyphs without Unicode are noise, not text
    if total > MAX_PAGES:
        missing.append((MAX_PAGES + 1, "limit"))
    for page in read:
        order_columns(page)
    drop_running_heads(read)
    number_lines(read)
    out = TextBuilder(read, vocabulary).run()
    text, places = out.result()
    printed = printed_pages_consistent(read)
    label = {p.number: (p.printed if printed and p.printed is not None else p.number) for p in read}
    page_numbers = tuple(label.get(place.page) if place is not None else None for place in places)
    return text, places, page_numbers, tuple(missing)


# ---- RC011 ----------------------------------------------------------------------------------


class NoText(Rule):
    """A PDF (or some of its pages) has no text layer: a scan, and OCR is not done."""

    code, name, family, severity = "RC011", "pdf-without-text", "RC", Severity.WARNING
    doc = RuleDoc(
        summary_da="PDF-filen (eller nogle af dens sider) har ingen tekst, der kan læses — fx en scanning; "
                   "referatcheck laver ikke tekstgenkendelse (OCR).",
        summary_en="The PDF (or some of its pages) has no text that can be read — a scan, say; referatcheck does "
                   "not do optical character recognition (OCR).",
        why_da="En scannet side er et billede: der er ingen tekst at kontrollere, så et tomt resultat ville betyde "
               "\"ikke læst\", ikke \"i orden\". Eksportér referatet fra dagsordenssystemet som PDF med tekst (ikke "
               "scannet), eller kør OCR, før filen kontrolleres. Sider, hvis skrifttyper ikke har tegnkort til "
               "Unicode, kan heller ikke læses.",
        why_en="A scanned page is a picture: there is no text to check, so an empty result would mean \"not "
               "read\", not \"fine\". Export the minutes from the agenda system as a PDF with text (not scanned), "
               "or run OCR before checking the file. Pages whose fonts have no Unicode map cannot be read either.",
        wrong="(en PDF med scannede sider / a PDF of scanned pages)",
        right="(den samme PDF eksporteret med tekst / the same PDF exported with text)",
    )

    def check(self, document: Document, options) -> Iterator:
        missing = document.extra.get(NO_TEXT) or ()
        if not missing:
            return
        numbers = [page for page, reason in missing if reason != "limit"]
        limit = [page for page, reason in missing if reason == "limit"]
        start = Span(1, 1, 1, 1)
        if numbers:
            nothing = not document.source.text.strip()
            listed = _pages_text(numbers)
            if nothing:
                da = ("PDF-filen har ingen tekst (en scanning?); referatcheck laver ikke tekstgenkendelse (OCR), "
                      "så intet er kontrolleret.")
                en = ("The PDF has no text (a scan?); referatcheck does not do OCR, so nothing was checked.")
            else:
                da = (f"{listed[0]} i PDF-filen har ingen tekst, der kan læses (scannet?); referatcheck laver ikke "
                      f"tekstgenkendelse (OCR), så {'den' if len(numbers) == 1 else 'de'} er ikke kontrolleret.")
                en = (f"{listed[1]} of the PDF {'has' if len(numbers) == 1 else 'have'} no readable text (scanned?); "
                      f"referatcheck does not do OCR, so {'it was' if len(numbers) == 1 else 'they were'} not checked.")
            yield self.diagnostic(document, start, da, en, subject=",".join(map(str, numbers)),
                                  severity=None if nothing else Severity.INFO)
        if limit:
            yield self.diagnostic(
                document, start,
                f"PDF-filen har mere end {MAX_PAGES} sider; kun de første {MAX_PAGES} er læst.",
                f"The PDF has more than {MAX_PAGES} pages; only the first {MAX_PAGES} were read.",
                severity=Severity.INFO, subject="limit",
            )


def _pages_text(numbers: list[int]) -> tuple[str, str]:
    shown = ", ".join(map(str, numbers[:10])) + (" …" if len(numbers) > 10 else "")
    if len(numbers) == 1:
        return f"Side {shown}", f"Page {shown}"
    return f"Siderne {shown}", f"Pages {shown}"
