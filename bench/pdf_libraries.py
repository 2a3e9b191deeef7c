"""Which PDF library: pypdfium2 against pdfplumber (pdfminer.six) on the test twins.

    pip install pdfplumber            # into a scratch venv: it is not a dependency
    python bench/pdf_libraries.py     # prints a table (the README quotes it)

Both read every character of the same PDFs (the examples printed by Chromium, as in
tests/test_twins.py) with what referatcheck needs of each: the character, its box,
its font size and font name (for bold), and the drawn lines and rectangles of each
page (for ruled tables). Reported per library: seconds per page, characters read,
whether the font name, a font weight and the rules are given.
"""

from __future__ import annotations

import ctypes
import io
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def twins() -> list[bytes]:
    from referatcheck.source import SourceText
    from twins import print_pdfs, render_html

    sources = sorted((ROOT / "examples" / "clean").glob("*.md")) + sorted((ROOT / "examples" / "defects").glob("*-defects.md"))
    return print_pdfs([(render_html(SourceText.from_bytes(p.read_bytes()).text).html, p.stem) for p in sources])


def with_pdfplumber(pdfs: list[bytes]) -> dict:
    import pdfplumber

    start = time.perf_counter()
    pages = chars = rules = 0
    fonts = set()
    for data in pdfs:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                pages += 1
                for c in page.chars:
                    chars += 1
                    fonts.add((c["fontname"], round(c["size"], 1)))
                rules += len(page.lines) + len(page.rects)
                page.flush_cache()
    elapsed = time.perf_counter() - start
    return {"pages": pages, "ms_per_page": 1000 * elapsed / pages, "chars": chars, "fonts": len(fonts),
            "rules": rules, "weight": "no (name only)"}


def with_pypdfium2(pdfs: list[bytes]) -> dict:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    start = time.perf_counter()
    pages = chars = rules = 0
    fonts = set()
    box = raw.FS_RECTF()
    name = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    for data in pdfs:
        document = pdfium.PdfDocument(data)
        for index in range(len(document)):
            page = document[index]
            pages += 1
            textpage = page.get_textpage()
            for k in range(raw.FPDFText_CountChars(textpage.raw)):
                raw.FPDFText_GetUnicode(textpage.raw, k)
                raw.FPDFText_GetLooseCharBox(textpage.raw, k, box)
                length = raw.FPDFText_GetFontInfo(textpage.raw, k, name, 256, flags)
                fonts.add((name.raw[:length], round(raw.FPDFText_GetFontSize(textpage.raw, k), 1)))
                chars += 1
            rules += sum(1 for _ in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH,)))
            textpage.close()
            page.close()
        document.close()
    elapsed = time.perf_counter() - start
    return {"pages": pages, "ms_per_page": 1000 * elapsed / pages, "chars": chars, "fonts": len(fonts),
            "rules": rules, "weight": "yes (FPDFFont_GetWeight, flags)"}


def main() -> None:
    pdfs = twins()
    rows = [("pypdfium2", with_pypdfium2(pdfs))]
    try:
        rows.append(("pdfplumber (pdfminer.six)", with_pdfplumber(pdfs)))
    except ImportError:
        print("pdfplumber is not installed: pip install pdfplumber (in a scratch venv) to compare", file=sys.stderr)
    print(f"{'library':28} {'pages':>6} {'ms/page':>8} {'chars':>8} {'fonts':>6} {'rules':>6}  weight")
    for name, r in rows:
        print(f"{name:28} {r['pages']:>6} {r['ms_per_page']:>8.1f} {r['chars']:>8} {r['fonts']:>6} {r['rules']:>6}  {r['weight']}")


if __name__ == "__main__":
    main()
