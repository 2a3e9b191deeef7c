"""PDFs that cannot be read as they should: one clear line, never a crash, nothing written.

Built here without a browser: a small text PDF written with PDFium (pypdfium2) in the
standard Helvetica font, then encrypted (pypdf), scanned (the page as a picture),
cut short, damaged, or repeated to 500 pages. The time and memory a 500-page PDF takes
are measured by `bench/pdf_pages.py`, not asserted here.
"""

from __future__ import annotations

import io
import os

import pytest
from click.testing import CliRunner

from referatcheck.cli import main
from referatcheck.engine import Linter
from referatcheck.formats import pdf as pdf_format
from referatcheck.formats.pdf import load_pdf

LINES = [
    (18, "REFERAT Økonomiudvalget d. 02-09-2024"),
    (11, "Mødedato: Mandag d. 2. september 2024 kl. 16:00"),
    (11, "Mødested: Nordby Rådhus"),
    (16, "Punkt 1: Godkendelse af dagsorden"),
    (11, "24/00001"),
    (13, "Beslutning"),
    (11, "Godkendt."),
]


def text_pdf(pages: int = 1, lines=LINES) -> bytes:
    """A PDF of ``pages`` pages, each holding ``lines`` (size, text) from the top."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    document = pdfium.PdfDocument.new()
    font = raw.FPDFText_LoadStandardFont(document.raw, b"Helvetica")
    for _ in range(pages):
        page = document.new_page(595, 842)
        y = 780.0
        for size, text in lines:
            obj = raw.FPDFPageObj_NewTextObj(document.raw, b"Helvetica", size)
            encoded = (text + "\x00").encode("utf-16-le")
            raw.FPDFText_SetText(obj, (raw.FPDF_WCHAR * (len(encoded) // 2)).from_buffer_copy(encoded))
            raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 60, y)
            raw.FPDFPage_InsertObject(page.raw, obj)
            y -= size * 1.8
        raw.FPDFPage_GenerateContent(page.raw)
        page.close()
    assert font is not None
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def scanned_pdf(pages: int = 1, keep_text_pages: int = 0) -> bytes:
    """A scan: each page a picture of a text page and no text; the first
    ``keep_text_pages`` pages keep their text."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(text_pdf(1))
    bitmap = source[0].render(scale=1)
    document = pdfium.PdfDocument.new()
    if keep_text_pages:
        document.import_pages(pdfium.PdfDocument(text_pdf(keep_text_pages)))
    for _ in range(pages):
        page = document.new_page(595, 842)
        image = pdfium.PdfImage.new(document)
        image.set_bitmap(bitmap)
        image.set_matrix(pdfium.PdfMatrix().scale(595, 842))
        page.insert_obj(image)
        page.gen_content()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def encrypted_pdf(user_password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf())))
    writer.encrypt(user_password=user_password, owner_password="ejer", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def check(tmp_path, name: str, data: bytes):
    """`referatcheck check` on one file; the file is never changed and nothing is written."""
    path = tmp_path / name
    path.write_bytes(data)
    mtime = os.stat(path).st_mtime_ns
    result = CliRunner().invoke(main, ["check", "--no-cache", str(path)])
    assert "Traceback" not in result.output
    assert path.read_bytes() == data and os.stat(path).st_mtime_ns == mtime
    assert [p.name for p in tmp_path.iterdir()] == [name]
    return result


def test_the_builder_makes_a_readable_pdf():
    document = load_pdf("x.pdf", text_pdf())
    assert [(i.number, i.title, i.case_number.text) for i in document.items] == [(1, "Godkendelse af dagsorden", "24/00001")]


def test_encrypted_with_a_password_is_unreadable(tmp_path):
    result = check(tmp_path, "hemmelig.pdf", encrypted_pdf("hemmelig"))
    assert result.exit_code == 2
    findings = [line for line in result.output.splitlines() if "RC003" in line]
    assert len(findings) == 1 and "krypteret med en adgangskode" in findings[0]


def test_encrypted_without_a_user_password_is_read(tmp_path):
    """Owner-only encryption (printing or copying restricted) opens without a password."""
    data = encrypted_pdf("")
    assert b"/Encrypt" in data
    document = load_pdf("x.pdf", data)
    assert [i.title for i in document.items] == ["Godkendelse af dagsorden"]


def test_scan_without_text_is_rc010_and_says_no_ocr(tmp_path):
    result = check(tmp_path, "scannet.pdf", scanned_pdf(2))
    assert result.exit_code == 1
    findings = [line for line in result.output.splitlines() if "RC011" in line]
    assert len(findings) == 1 and "[warning]" in findings[0]
    assert "ingen tekst" in findings[0] and "OCR" in findings[0]
    english = CliRunner().invoke(main, ["check", "--no-cache", "--lang", "en", str(tmp_path / "scannet.pdf")])
    assert "no text" in english.output and "does not do OCR" in english.output


def test_scanned_pages_among_text_pages_are_named(tmp_path):
    linter = Linter()
    result = linter.lint_bytes("x.pdf", scanned_pdf(2, keep_text_pages=1))
    found = [d for d in result.diagnostics if d.code == "RC011"]
    assert len(found) == 1 and found[0].severity.value == "info"
    assert "Siderne 2, 3" in found[0].message.da and "Pages 2, 3" in found[0].message.en


@pytest.mark.parametrize("name, damage, reason", [
    ("afkortet.pdf", lambda data: data[: len(data) // 2], "afkortet"),
    ("beskadiget.pdf", lambda data: data[:20] + b"\x00\xff" * 400 + b"\n%%EOF\n", "beskadiget"),
    ("ikke-pdf.pdf", lambda data: b"Dette er en tekstfil med et forkert navn.\n", "ikke en PDF-fil"),
    ("tom.pdf", lambda data: b"", "ikke en PDF-fil"),
])
def test_truncated_damaged_and_foreign_files_are_unreadable(tmp_path, name, damage, reason):
    result = check(tmp_path, name, damage(text_pdf(3)))
    assert result.exit_code == 2
    findings = [line for line in result.output.splitlines() if "RC003" in line]
    assert len(findings) == 1 and reason in findings[0], result.output


def test_a_500_page_pdf_is_read_page_by_page():
    """All 500 pages are read and every line knows its page (time and memory: bench/)."""
    document = load_pdf("x.pdf", text_pdf(500, lines=LINES[3:]))
    assert len(document.items) == 500
    places = document.extra["locations"]
    last = document.items[-1]
    assert places[last.heading_span.line - 1].page == 500


def test_pages_past_the_limit_are_named(monkeypatch):
    monkeypatch.setattr(pdf_format, "MAX_PAGES", 20)
    linter = Linter()
    result = linter.lint_bytes("x.pdf", text_pdf(30, lines=LINES[3:]))
    found = [d for d in result.diagnostics if d.code == "RC011"]
    assert len(found) == 1 and "mere end 20 sider" in found[0].message.da and found[0].severity.value == "info"
    assert len(load_pdf("x.pdf", text_pdf(30, lines=LINES[3:])).items) == 20  # the first 20 pages read
