"""The PDF reader on layouts other producers make, placed glyph run by glyph run.

Chromium (the twins) is one producer; Word and agenda systems set bullets with a TAB,
justify paragraphs, align head fields with tab stops, print spaced dot leaders, put a
watermark across the page and number pages in a footer. These PDFs are written with
PDFium's standard fonts (Helvetica, Helvetica-Bold) at exact positions, no browser needed.
"""

from __future__ import annotations

import io

from referatcheck.engine import Linter
from referatcheck.formats.pdf import convert, load_pdf
from referatcheck.locations import LOCATIONS
from referatcheck.pages import page_of

A4 = (595, 842)


def layout_pdf(pages: list[list[tuple]]) -> bytes:
    """One page per list of runs ``(x, y_from_top, size, text[, bold[, angle]])``."""
    import math

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    import ctypes

    document = pdfium.PdfDocument.new()

    def text_object(text: str, size: float, bold: bool):
        obj = raw.FPDFPageObj_NewTextObj(document.raw, b"Helvetica-Bold" if bold else b"Helvetica", size)
        encoded = (text + "\x00").encode("utf-16-le")
        raw.FPDFText_SetText(obj, (raw.FPDF_WCHAR * (len(encoded) // 2)).from_buffer_copy(encoded))
        return obj

    def width_of(obj) -> float:
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
        return right.value - left.value

    for runs in pages:
        page = document.new_page(*A4)
        for run in runs:
            if run[0] == "justify":  # ("justify", x, top, size, text, width): words spread evenly
                _, x, top, size, text, width = run
                objects = [text_object(word, size, False) for word in text.split()]
                widths = [width_of(obj) for obj in objects]
                gap = (width - sum(widths)) / max(len(objects) - 1, 1)
                for obj, w in zip(objects, widths):
                    raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, A4[1] - top)
                    raw.FPDFPage_InsertObject(page.raw, obj)
                    x += w + gap
                continue
            x, top, size, text = run[:4]
            bold = run[4] if len(run) > 4 else False
            angle = run[5] if len(run) > 5 else 0
            obj = text_object(text, size, bold)
            c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
            raw.FPDFPageObj_Transform(obj, c, s, -s, c, x, A4[1] - top)
            raw.FPDFPage_InsertObject(page.raw, obj)
        raw.FPDFPage_GenerateContent(page.raw)
        page.close()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def text_of(pdf: bytes) -> list[str]:
    text, _, _, _ = convert(pdf)
    return [line for line in text.split("\n") if line]


HEAD_RUNS = [
    (72, 60, 9, "Økonomiudvalget"), (440, 60, 9, "Nordby Kommune"),  # running head
    (290, 800, 9, "Side {page} af 2"),  # footer
]


def with_head(page: int, runs: list[tuple]) -> list[tuple]:
    return [(x, y, s, t.replace("{page}", str(page))) for x, y, s, t in HEAD_RUNS] + runs


def minutes_pdf(toc_page_of_item_2: int = 2) -> bytes:
    body_width = 450
    first = with_head(1, [
        (72, 110, 18, "REFERAT Økonomiudvalget d. 02-09-2024", True),
        (72, 140, 11, "Mødedato:"), (180, 140, 11, "Mandag d. 2. september 2024 kl. 16:00"),
        (72, 156, 11, "Mødested:"), (180, 156, 11, "Nordby Rådhus"),
        (72, 190, 14, "Indholdsfortegnelse", True),
        (72, 212, 11, "Godkendelse af dagsorden " + ". " * 40), (510, 212, 11, "1"),
        (72, 228, 11, "Budget 2025 " + ". " * 46), (510, 228, 11, f"{toc_page_of_item_2}"),
        (72, 270, 16, "Punkt 1: Godkendelse af dagsorden", True),
        (72, 292, 11, "24/00001"),
        (72, 316, 11, "Beslutning", True),
        (72, 334, 11, "Godkendt."),
        (150, 500, 60, "KLADDE", False, 45),  # a watermark across the page
    ])
    second = with_head(2, [
        (72, 110, 16, "Punkt 2: Budget 2025", True),
        (72, 132, 11, "24/00002"),
        (72, 156, 11, "Sagsfremstilling", True),
        ("justify", 72, 174, 11, "Budgetforslaget er i balance i alle fire år og overholder kommunens", body_width),
        ("justify", 72, 188, 11, "økonomiske politik om et overskud på den ordinære drift og et anlægs-", body_width),
        (72, 202, 11, "program på 612 mio. kr."),
        (72, 226, 11, "Indstilling", True),
        (72, 244, 11, "Administrationen indstiller, at"),
        (80, 260, 11, "•"), (100, 260, 11, "budgettet godkendes"),
        (80, 276, 11, "•"), (100, 276, 11, "anlægsprogrammet godkendes."),
        (72, 300, 11, "Beslutning", True),
        (72, 318, 11, "Godkendt."),
    ])
    return layout_pdf([first, second])


def test_other_producers_layouts_are_read():
    lines = text_of(minutes_pdf())
    assert lines == [
        "# REFERAT Økonomiudvalget d. 02-09-2024",
        "Mødedato: Mandag d. 2. september 2024 kl. 16:00",  # a tab stop, not a table
        "Mødested: Nordby Rådhus",
        "### Indholdsfortegnelse",
        "Godkendelse af dagsorden.....\t1",  # a spaced leader, the page at the right
        "Budget 2025.....\t2",
        "## Punkt 1: Godkendelse af dagsorden",
        "24/00001",
        "**Beslutning**",
        "Godkendt.",
        "## Punkt 2: Budget 2025",
        "24/00002",
        "**Sagsfremstilling**",
        "Budgetforslaget er i balance i alle fire år og overholder kommunens økonomiske politik om et overskud "
        "på den ordinære drift og et anlægsprogram på 612 mio. kr.",  # justified lines joined, `anlægs-` joined
        "**Indstilling**",
        "Administrationen indstiller, at",
        "- budgettet godkendes",  # bullet and TAB
        "- anlægsprogrammet godkendes.",
        "**Beslutning**",
        "Godkendt.",
    ]  # no running head, no footer, no watermark


def test_printed_page_numbers_and_the_toc_check():
    linter = Linter()
    document = load_pdf("x.pdf", minutes_pdf())
    assert [page_of(document, i.heading_span.line) for i in document.items] == [1, 2]
    places = document.extra[LOCATIONS]
    item = document.items[1]
    assert (places[item.heading_span.line - 1].page, places[item.heading_span.line - 1].line) == (2, 1)
    assert not [d for d in linter.lint_bytes("x.pdf", minutes_pdf()).diagnostics if d.severity.value != "info"]
    wrong = [d for d in linter.lint_bytes("x.pdf", minutes_pdf(3)).diagnostics if d.code == "TOC009"]
    assert len(wrong) == 1 and "side 1, linje 6" in wrong[0].display_message()


def test_a_toc_counting_from_elsewhere_is_one_finding():
    """Every entry off by the same number: the TOC counts pages from elsewhere."""
    pdf = layout_pdf([
        [(72, 110, 14, "Indholdsfortegnelse", True)]
        + [(72, 130 + 16 * k, 11, f"Sag nummer {k} " + ". " * 30) for k in range(1, 4)]
        + [(510, 130 + 16 * k, 11, f"{k + 10}") for k in range(1, 4)],
        *[[(72, 110, 16, f"Punkt {k}: Sag nummer {k}", True), (72, 132, 11, f"24/0000{k}"),
           (72, 156, 11, "Beslutning", True), (72, 174, 11, "Godkendt.")] for k in range(1, 4)],
    ])
    found = [d for d in Linter().lint_bytes("x.pdf", pdf).diagnostics if d.code == "TOC009"]
    assert len(found) == 1 and "Alle 3 sidetal" in found[0].message.da and "9 for høje" in found[0].message.da


def test_toc_pages_are_the_printed_ones_when_the_footers_give_them():
    """A cover page without a number: the footers say `Side 1` on the PDF's second page,
    and the TOC counts as the footers do."""
    cover = [(72, 300, 24, "Økonomiudvalget", True), (72, 340, 14, "Referat 2. september 2024")]
    first = with_head(1, [
        (72, 110, 14, "Indholdsfortegnelse", True),
        (72, 130, 11, "Godkendelse af dagsorden " + ". " * 40), (510, 130, 11, "1"),
        (72, 146, 11, "Budget 2025 " + ". " * 46), (510, 146, 11, "2"),
        (72, 190, 16, "Punkt 1: Godkendelse af dagsorden", True), (72, 212, 11, "24/00001"),
        (72, 236, 11, "Beslutning", True), (72, 254, 11, "Godkendt."),
    ])
    second = with_head(2, [
        (72, 110, 16, "Punkt 2: Budget 2025", True), (72, 132, 11, "24/00002"),
        (72, 156, 11, "Beslutning", True), (72, 174, 11, "Godkendt."),
    ])
    pdf = layout_pdf([cover, first, second])
    document = load_pdf("x.pdf", pdf)
    assert [page_of(document, i.heading_span.line) for i in document.items] == [1, 2]  # printed, not 2, 3
    assert [document.extra[LOCATIONS][i.heading_span.line - 1].page for i in document.items] == [2, 3]
    assert not [d for d in Linter().lint_bytes("x.pdf", pdf).diagnostics if d.code == "TOC009"]


def test_toc_page_number_wrapped_onto_its_own_line():
    """A title and leader that fill the line push the TAB, and the page number after it,
    onto the next line (Word's default tab stops, as LibreOffice prints them)."""
    long_title = "Forslag til prioriteringsmuligheder i den lokale beskæftigelsesindsats ......."
    pdf = layout_pdf([[
        (72, 60, 16, "REFERAT Økonomiudvalget d. 02-09-2024", True),
        (72, 100, 12, "Indholdsfortegnelse", True),
        (72, 120, 11, "Godkendelse af dagsorden ......................................"), (520, 120, 11, "2"),
        (72, 134, 11, long_title), (72, 148, 11, "10"),
        (72, 162, 11, "Meddelelser ........................................................"), (520, 162, 11, "12"),
    ]])
    assert text_of(pdf)[2:5] == [
        "Godkendelse af dagsorden.....\t2",
        "Forslag til prioriteringsmuligheder i den lokale beskæftigelsesindsats.....\t10",
        "Meddelelser.....\t12",
    ]


def test_a_digit_close_after_a_letter_is_a_word_of_its_own():
    """`beskæftig` and a page number set a point and a half after it by a near tab stop
    are two words; `COVID19`, set tight, stays one."""
    from referatcheck.formats.pdflayout import _line_of
    from referatcheck.formats.pdfpage import Glyph

    def glyphs(text: str, gap_before_digits: float) -> list[Glyph]:
        out, x = [], 72.0
        for ch in text:
            if ch.isdigit() and out and out[-1].ch.isalpha():
                x += gap_before_digits
            out.append(Glyph(ch, x, x + 6, 100, 111, 109, 11, False))
            x += 6
        return out

    assert [w.text for s in _line_of(1, glyphs("beskæftig7", 1.5)).segments for w in s.words] == ["beskæftig", "7"]
    assert [w.text for s in _line_of(1, glyphs("COVID19", 0.1)).segments for w in s.words] == ["COVID19"]
