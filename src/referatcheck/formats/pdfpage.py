"""A PDF's pages as glyphs and rules, read with PDFium (pypdfium2).

This is the only module that talks to the PDF library. Each page becomes a
:class:`PageContent`: its glyphs (character, box, baseline, size, bold) in top-down
coordinates, the thin lines and frames drawn on it (table rules), and whether it
carries a large image (a scan). Pages are read one at a time and closed at once, so
memory does not grow with the page count.

Why PDFium: measured on the test twins (see the README, "Dependencies and why") it
reads characters with their fonts about five times faster than pdfminer.six (and so
pdfplumber), gives the font's weight and flags besides its name, and its page objects
give the table rules; it is Apache/BSD licensed.
"""

from __future__ import annotations

import ctypes
import unicodedata
from typing import Iterator

from referatcheck.loading import UnreadableDocument

# Below this, a drawn path is a line (a table rule), not an area.
RULE_THICKNESS = 2.5
# An image covering this share of a page is a scanned page, not a logo.
SCAN_AREA = 0.25
# A page with more glyphs than this is a drawing or a data dump, not minutes: the rest
# of its glyphs are not read (bounded work per page).
MAX_GLYPHS_PER_PAGE = 60_000
# Symbol-font bullets that arrive in the Private Use Area (Word's ``Symbol`` and
# ``Wingdings`` list bullets).
_PUA_BULLETS = {0xF0B7: "•", 0xF0A7: "▪", 0xF0D8: "•", 0xF076: "•", 0xF0FC: "•", 0xF06E: "▪", 0xF02D: "-"}
_BOLD_WORDS = ("bold", "black", "heavy", "semibold", "demibold", "demi", "extrabold", "ultrabold", "fett")
_FORCE_BOLD_FLAG = 1 << 18  # PDF font descriptor flag ForceBold


class Glyph:
    """One character on a page, in top-down coordinates (points)."""

    __slots__ = ("ch", "x0", "x1", "top", "bottom", "baseline", "size", "bold", "soft")

    def __init__(self, ch: str, x0: float, x1: float, top: float, bottom: float, baseline: float, size: float,
                 bold: bool, soft: bool = False) -> None:
        self.ch, self.x0, self.x1, self.top, self.bottom = ch, x0, x1, top, bottom
        self.baseline, self.size, self.bold, self.soft = baseline, size, bold, soft


class PageContent:
    """What one page holds: glyphs, rules (``(x0, top, x1, bottom)``), a scan image or not."""

    __slots__ = ("number", "width", "height", "glyphs", "rules", "scanned", "unmapped")

    def __init__(self, number: int, width: float, height: float) -> None:
        self.number, self.width, self.height = number, width, height
        self.glyphs: list[Glyph] = []
        self.rules: list[tuple[float, float, float, float]] = []
        self.scanned = False
        self.unmapped = 0  # glyphs whose font gives no Unicode (text that cannot be read)


def open_pdf(data: bytes):
    """The PDFium document of ``data``; UnreadableDocument (one clear reason) when it cannot
    be opened: not a PDF, encrypted with a password, damaged or cut short."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    head = data[:1024]
    if b"%PDF-" not in head:
        raise UnreadableDocument("ikke en PDF-fil", "not a PDF file")
    if b"%%EOF" not in data[-2048:]:
        # A file cut short may still open (PDFium rebuilds what it can), but pages would
        # be missing without a word: the document as published cannot be checked.
        raise UnreadableDocument("PDF-filen er afkortet eller beskadiget (ingen %%EOF til sidst)",
                                 "the PDF file is truncated or damaged (no %%EOF at its end)")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        error = raw.FPDF_GetLastError()
        if error == raw.FPDF_ERR_PASSWORD:
            raise UnreadableDocument("PDF-filen er krypteret med en adgangskode",
                                     "the PDF file is encrypted with a password") from None
        if error == raw.FPDF_ERR_SECURITY:
            raise UnreadableDocument("PDF-filen bruger en ukendt sikkerhedsordning",
                                     "the PDF file uses an unsupported security handler") from None
        raise UnreadableDocument("PDF-filen er beskadiget og kan ikke åbnes",
                                 "the PDF file is damaged and cannot be opened") from None


def pages(document, limit: int) -> Iterator[PageContent]:
    """The first ``limit`` pages of an open PDFium document, one at a time."""
    count = min(len(document), limit)
    for index in range(count):
        page = document[index]
        try:
            yield _read_page(page, index + 1)
        finally:
            page.close()


def _read_page(page, number: int) -> PageContent:
    import pypdfium2.raw as raw

    width, height = page.get_size()
    content = PageContent(number, width, height)
    _read_objects(page, content, raw)
    textpage = page.get_textpage()
    try:
        _read_glyphs(textpage.raw, content, raw)
    finally:
        textpage.close()
    return content


def _read_objects(page, content: PageContent, raw) -> None:
    """Rules (thin paths, edges of stroked frames) and scan-sized images. The raw API is
    used: a page may hold thousands of text objects, and wrapping each costs more than
    reading it."""
    page_area = max(content.width * content.height, 1.0)
    height = content.height
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    stack = [(None, raw.FPDFPage_CountObjects(page.raw), 0)]
    while stack:
        form, count, depth = stack.pop()
        for index in range(count):
            obj = raw.FPDFFormObj_GetObject(form, index) if form is not None else raw.FPDFPage_GetObject(page.raw, index)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_FORM and depth < 3:
                stack.append((obj, raw.FPDFFormObj_CountObjects(obj), depth + 1))
                continue
            if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE):
                continue
            if not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
                continue
            w, h = right.value - left.value, top.value - bottom.value
            if kind == raw.FPDF_PAGEOBJ_IMAGE:
                if w * h >= SCAN_AREA * page_area:
                    content.scanned = True
                continue
            if len(content.rules) > 20_000:  # a drawing, not a table
                continue
            t, b = height - top.value, height - bottom.value
            if (w <= RULE_THICKNESS and h >= 4) or (h <= RULE_THICKNESS and w >= 4):
                content.rules.append((left.value, t, right.value, b))
            elif w > 4 and h > 4 and _stroked_box(obj, raw):
                content.rules.extend(((left.value, t, right.value, t), (left.value, b, right.value, b),
                                      (left.value, t, left.value, b), (right.value, t, right.value, b)))


def _stroked_box(obj, raw) -> bool:
    """A stroked rectangle (a cell frame): four or five straight segments, stroked."""
    fill = ctypes.c_int()
    stroke = ctypes.c_int()
    if not raw.FPDFPath_GetDrawMode(obj, fill, stroke) or not stroke.value:
        return False
    segments = raw.FPDFPath_CountSegments(obj)
    return 4 <= segments <= 5


def _is_bold_name(name: bytes, flags: int) -> bool:
    """A font is bold by its name (`…-Bold`, `…Semibold`) or its ForceBold flag."""
    base = name.decode("latin-1", "replace").split("+", 1)[-1].casefold()
    return any(word in base for word in _BOLD_WORDS) or bool(flags & _FORCE_BOLD_FLAG)


def _read_glyphs(textpage, content: PageContent, raw) -> None:
    count = min(raw.FPDFText_CountChars(textpage), MAX_GLYPHS_PER_PAGE)
    height = content.height
    box = raw.FS_RECTF()
    matrix = raw.FS_MATRIX()
    x = ctypes.c_double()
    y = ctypes.c_double()
    name = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    bold_of: dict[bytes, bool] = {}
    glyphs = content.glyphs
    # Bound once: each glyph costs six calls into PDFium, the loop's whole cost.
    get_unicode = raw.FPDFText_GetUnicode
    loose_box = raw.FPDFText_GetLooseCharBox
    origin = raw.FPDFText_GetCharOrigin
    get_matrix = raw.FPDFText_GetMatrix
    font_info = raw.FPDFText_GetFontInfo
    map_error = raw.FPDFText_HasUnicodeMapError
    font_size = raw.FPDFText_GetFontSize
    for index in range(count):
        code = get_unicode(textpage, index)
        if code in (0x20, 0x0D, 0x0A, 0x09):
            # A space (PDFium's own between words too): a word break; the glyph's box says nothing.
            last = glyphs[-1] if glyphs else None
            if last is not None and last.ch != " ":
                glyphs.append(Glyph(" ", last.x1, last.x1, last.top, last.bottom, last.baseline, last.size, False))
            continue
        soft = code in (0x02, 0xAD)
        if soft:
            ch = "-"
        elif code in (0x2010, 0x2011):
            ch = "-"  # HYPHEN, NON-BREAKING HYPHEN (Chromium prints a soft hyphen's break as U+2010)
        elif code in _PUA_BULLETS:
            ch = _PUA_BULLETS[code]
        else:
            ch = chr(code) if code < 0x110000 else "\ufffd"
            if unicodedata.category(ch) in ("Cc", "Cf"):
                continue
        if index < 400 and map_error(textpage, index) == 1:
            content.unmapped += 1  # sampled: a font without Unicode garbles the whole page
        if not loose_box(textpage, index, box):
            continue
        scale = 1.0
        if get_matrix(textpage, index, matrix):
            # Rotated text (a watermark, a vertical margin note) is not part of the lines.
            spread = abs(matrix.a) + abs(matrix.d)
            if spread and (abs(matrix.b) + abs(matrix.c)) > 0.1 * spread:
                continue
            scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5 or 1.0
        # The size on the page: the font size through the text and page matrices. (A
        # glyph box's height depends on the font's metrics, which differ between fonts
        # and producers; the em does not.)
        size = font_size(textpage, index) * scale
        if size <= 0:
            continue
        origin(textpage, index, x, y)
        length = font_info(textpage, index, name, 256, flags)
        key = name.raw[:length] if 0 < length <= 256 else b""
        bold = bold_of.get(key)
        if bold is None:
            bold = bold_of[key] = _is_bold_name(key.rstrip(b"\0"), flags.value)
        baseline = height - y.value
        glyphs.append(Glyph(ch, box.left, box.right, baseline - 0.8 * size, baseline + 0.25 * size, baseline, size,
                            bold, soft))
    if glyphs and glyphs[-1].ch == " ":
        glyphs.pop()
