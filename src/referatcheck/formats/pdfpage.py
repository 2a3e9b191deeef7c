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

from referatcheck.source import UndecodableInput

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
_FILL_STROKE_MODES = (2, 6)  # text drawn filled and stroked: synthetic bold


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
    """The PDFium document of ``data``; UndecodableInput (one clear reason) when it cannot
    be opened: not a PDF, encrypted with a password, damaged or cut short."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    head = data[:1024]
    if b"%PDF-" not in head:
        raise UndecodableInput("ikke en PDF-fil / not a PDF file")
    if b"%%EOF" not in data[-2048:]:
        # A file cut short may still open (PDFium rebuilds what it can), but pages would
        # be missing without a word: the document as published cannot be checked.
        raise UndecodableInput("PDF-filen er afkortet eller beskadiget (ingen %%EOF til sidst) / "
                               "the PDF file is truncated or damaged (no %%EOF at its end)")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        error = raw.FPDF_GetLastError()
        if error == raw.FPDF_ERR_PASSWORD:
            raise UndecodableInput("PDF-filen er krypteret med en adgangskode / the PDF file is encrypted "
                                   "with a password") from None
        if error == raw.FPDF_ERR_SECURITY:
            raise UndecodableInput("PDF-filen bruger en ukendt sikkerhedsordning / the PDF file uses an "
                                   "unsupported security handler") from None
        raise UndecodableInput("PDF-filen er beskadiget og kan ikke åbnes / the PDF file is damaged and "
                               "cannot be opened") from None


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
    """Rules (thin paths, edges of stroked frames) and scan-sized images."""
    page_area = max(content.width * content.height, 1.0)
    height = content.height
    for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE), max_depth=3):
        try:
            left, bottom, right, top = obj.get_bounds()
        except Exception:  # an object PDFium cannot measure is not a rule
            continue
        w, h = right - left, top - bottom
        if obj.type == raw.FPDF_PAGEOBJ_IMAGE:
            if w * h >= SCAN_AREA * page_area:
                content.scanned = True
            continue
        if (w <= RULE_THICKNESS and h >= 4) or (h <= RULE_THICKNESS and w >= 4):
            content.rules.append((left, height - top, right, height - bottom))
        elif w > 4 and h > 4 and _stroked_box(obj, raw):
            t, b = height - top, height - bottom
            content.rules.extend(((left, t, right, t), (left, b, right, b), (left, t, left, b), (right, t, right, b)))
        if len(content.rules) > 20_000:  # a drawing, not a table
            break


def _stroked_box(obj, raw) -> bool:
    """A stroked rectangle (a cell frame): four or five straight segments, stroked."""
    fill = ctypes.c_int()
    stroke = ctypes.c_int()
    if not raw.FPDFPath_GetDrawMode(obj.raw, fill, stroke) or not stroke.value:
        return False
    segments = raw.FPDFPath_CountSegments(obj.raw)
    return 4 <= segments <= 5


class _FontInfo:
    __slots__ = ("bold",)

    def __init__(self, bold: bool) -> None:
        self.bold = bold


def _font_of(text_object, raw, cache: dict) -> _FontInfo:
    key = ctypes.cast(text_object, ctypes.c_void_p).value
    info = cache.get(key)
    if info is not None:
        return info
    bold = False
    font = raw.FPDFTextObj_GetFont(text_object)
    if font:
        size = raw.FPDFFont_GetBaseFontName(font, None, 0)
        if 0 < size < 512:
            buffer = ctypes.create_string_buffer(size)
            raw.FPDFFont_GetBaseFontName(font, buffer, size)
            name = buffer.value.decode("latin-1").split("+", 1)[-1].casefold()
            bold = any(word in name for word in _BOLD_WORDS)
        weight = raw.FPDFFont_GetWeight(font)
        if weight >= 600:
            bold = True
        if raw.FPDFFont_GetFlags(font) & _FORCE_BOLD_FLAG:
            bold = True
    if raw.FPDFTextObj_GetTextRenderMode(text_object) in _FILL_STROKE_MODES:
        bold = True
    info = _FontInfo(bold)
    cache[key] = info
    return info


def _read_glyphs(textpage, content: PageContent, raw) -> None:
    count = min(raw.FPDFText_CountChars(textpage), MAX_GLYPHS_PER_PAGE)
    height = content.height
    box = raw.FS_RECTF()
    matrix = raw.FS_MATRIX()
    x = ctypes.c_double()
    y = ctypes.c_double()
    fonts: dict = {}
    glyphs = content.glyphs
    get_unicode = raw.FPDFText_GetUnicode
    is_generated = raw.FPDFText_IsGenerated
    loose_box = raw.FPDFText_GetLooseCharBox
    origin = raw.FPDFText_GetCharOrigin
    text_object = raw.FPDFText_GetTextObject
    get_matrix = raw.FPDFText_GetMatrix
    map_error = raw.FPDFText_HasUnicodeMapError
    for index in range(count):
        code = get_unicode(textpage, index)
        if code in (0x0D, 0x0A) or is_generated(textpage, index):
            continue  # PDFium's own line ends and word spaces: we measure gaps ourselves
        soft = code in (0x02, 0xAD)
        if soft:
            ch = "-"
        elif code in _PUA_BULLETS:
            ch = _PUA_BULLETS[code]
        else:
            ch = chr(code) if code < 0x110000 else "\ufffd"
            if unicodedata.category(ch) in ("Cc", "Cf") and ch != "\t":
                continue
        if map_error(textpage, index) == 1:
            content.unmapped += 1
        if not loose_box(textpage, index, box):
            continue
        if get_matrix(textpage, index, matrix):
            # Rotated text (a watermark, a vertical margin note) is not part of the lines.
            scale = abs(matrix.a) + abs(matrix.d)
            if scale and (abs(matrix.b) + abs(matrix.c)) > 0.1 * scale:
                continue
        origin(textpage, index, x, y)
        obj = text_object(textpage, index)
        bold = _font_of(obj, raw, fonts).bold if obj else False
        top, bottom = height - box.top, height - box.bottom
        glyphs.append(Glyph(ch, box.left, box.right, top, bottom, height - y.value, bottom - top, bold, soft))
