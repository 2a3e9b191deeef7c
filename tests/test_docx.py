"""Word (.docx) input: the format plugin reads a Word draft into the same model.

The main test builds Word twins of Markdown minutes (corpus and examples) with
python-docx — headings, bold-only labels, lists, tables, a typed TOC — and checks that
each twin gives the same findings at the same places as its original: the Markdown
finding's line is mapped to the Word paragraph or table cell the twin put it in, the
Word finding's line through the loader's line → place map.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from conftest import CORPUS, EXAMPLES, corpus_files
from referatcheck.diagnostic import Message, Severity
from referatcheck.engine import Linter
from referatcheck.lexer import tokens
from referatcheck.shapes import BLANK, BOLD, BULLET, HEADING, NUMBERED, ROW, SEPARATOR, shape_of, split_cells
from referatcheck.locations import LOCATIONS, Place
from referatcheck.model import SectionKind
from referatcheck.reporters import ReportOptions, get_reporter
from referatcheck.rule import Rule, RuleDoc
from referatcheck.source import SourceText
from referatcheck.titles import strip_heading_marks
from referatcheck.formats.docx import convert, load_docx, referatcheck_load_document

_BULLET_MARK = re.compile(r"^([ \t]{0,8})[-*•–·▪]\s+")
_NUMBER_MARK = re.compile(r"^([ \t]{0,8})(\d{1,3})[.)][ \t]+")


# ---- building Word twins of Markdown minutes ---------------------------------------------


class WordTwin:
    """A Word document built line by line from Markdown minutes, remembering where each
    Markdown line went: ``("p", paragraph)`` or ``("t", table, row, cell starts)``."""

    def __init__(self, markdown: str, danish_styles: bool = False) -> None:
        self.source = SourceText.from_text(markdown, path="twin.md")
        self.word = docx.Document()
        assert len(self.word.element.body) == 1  # only the section properties: no paragraph yet
        self._heading = "Overskrift" if danish_styles else "Heading"
        if danish_styles:
            for level in range(1, 7):
                self.word.styles[f"Heading {level}"].name = f"Overskrift {level}"
        self.places: dict[int, tuple] = {}
        self.paragraphs = 0
        self.tables = 0
        self._open = None  # (kind, paragraph) a continuation line may join
        self._rows: list[tuple[int, list[str], str]] = []
        numbering = self.word.part.numbering_part.element
        self._numbering = numbering
        self._number_abstract = numbering.num_having_numId(5).abstractNumId.val  # "List Number"
        self._last_number: tuple[int, int] | None = None  # (numId, number shown)
        self._build()

    def docx_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.word.save(buffer)
        return buffer.getvalue()

    def place(self, line: int, column: int) -> tuple:
        """(paragraph, table, row, cell) of a Markdown position (a blank line: the next block)."""
        while line not in self.places and line <= len(self.source.lines):
            line += 1
        where = self.places[line]
        if where[0] == "p":
            return (where[1], 0, 0, 0)
        _, table, row, starts = where
        cell = next((number for start, number in reversed(starts) if start <= column), starts[0][1])
        return (0, table, row, cell)

    # -- building

    def _build(self) -> None:
        types = {t.line: t.type for t in tokens(self.source)}  # blank lines have no token
        for index, line in enumerate(self.source.lines):
            number = index + 1
            role = types.get(number, "BLANK")
            shape = shape_of(line).kind
            table_line = shape == ROW or (shape == SEPARATOR and "\t" in line)
            if self._rows and not (table_line and not role.startswith("TOC")):
                self._flush_table()
            if shape == BLANK:
                self._open = None
                continue
            if role in ("TOC_ENTRY", "TOC_TEXT"):
                self._paragraph(number, line)  # a typed TOC: title, TAB, page number
            elif table_line:
                self._rows.append((number, split_cells(line), line))
                self._open = None
            elif role == "ITEM_HEAD_CONT" and self._open:
                self._continue(number, line)
            elif shape == HEADING:
                level, text = strip_heading_marks(line)
                paragraph = self._new_paragraph(number, style=f"{self._heading} {level}")
                _add_runs(paragraph, text.replace("**", ""))
                self._open = ("heading", paragraph)
            elif shape == BOLD:
                self._paragraph(number, line)
            elif shape == BULLET:
                match = _BULLET_MARK.match(line)
                style = "List Bullet 2" if len(match.group(1)) >= 2 else "List Bullet"
                paragraph = self._new_paragraph(number, style=style)
                _add_runs(paragraph, line[match.end():])
                self._open = ("list", paragraph)
            elif shape == NUMBERED:
                match = _NUMBER_MARK.match(line)
                paragraph = self._new_paragraph(number, style="List Number")
                self._number(paragraph, int(match.group(2)))
                _add_runs(paragraph, line[match.end():])
                self._open = ("list", paragraph)
            elif self._open and self._open[0] in ("text", "list"):
                self._continue(number, line)
            else:
                self._open = ("text", self._paragraph(number, line))
        if self._rows:
            self._flush_table()

    def _new_paragraph(self, number: int, style: str | None = None):
        self.paragraphs += 1
        self.places[number] = ("p", self.paragraphs)
        return self.word.add_paragraph(style=style)

    def _paragraph(self, number: int, line: str):
        paragraph = self._new_paragraph(number)
        _add_runs(paragraph, line)
        self._open = None
        return paragraph

    def _continue(self, number: int, line: str) -> None:
        """A line that continues the paragraph above it: a soft line break in Word."""
        kind, paragraph = self._open
        paragraph.add_run().add_break()
        _add_runs(paragraph, line.replace("**", "") if kind == "heading" else line)
        self.places[number] = ("p", self.paragraphs)

    def _number(self, paragraph, shown: int) -> None:
        """Real Word numbering: continue the list when the number follows on, else
        start a list instance at the number shown."""
        if self._last_number and self._last_number[1] == shown - 1:
            num_id = self._last_number[0]
        else:
            num = self._numbering.add_num(self._number_abstract)
            num.add_lvlOverride(ilvl=0).add_startOverride(shown)
            num_id = num.numId
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = num_id
        self._last_number = (num_id, shown)

    def _flush_table(self) -> None:
        rows = self._rows
        self._rows = []
        self.tables += 1
        width = max(len(cells) for _, cells, _ in rows)
        table = self.word.add_table(rows=len(rows), cols=width)
        for row_index, (number, cells, line) in enumerate(rows):
            tr = table.rows[row_index]._tr
            tcs = tr.findall(qn("w:tc"))
            for tc in tcs[len(cells):]:
                tr.remove(tc)  # a short row stays short, as in the Markdown
            for tc, text in zip(tcs, cells):
                tc.findall(qn("w:p"))[0].append(_run_xml(text.strip(), bold=False))
            self.places[number] = ("t", self.tables, row_index + 1, _cell_starts(line, cells))


def _cell_starts(line: str, cells: list[str]) -> tuple[tuple[int, int], ...]:
    column = 1 if "\t" in line else line.find("|") + 2
    starts = []
    for number, raw in enumerate(cells, start=1):
        starts.append((column, number))
        column += len(raw) + 1
    return tuple(starts)


def _add_runs(paragraph, text: str) -> None:
    """Markdown `**bold**` as bold runs (an unbalanced `**` is literal text)."""
    parts = text.split("**") if text.count("**") % 2 == 0 else [text]
    for index, part in enumerate(parts):
        if part:
            paragraph._p.append(_run_xml(part, bold=index % 2 == 1))


def _run_xml(text: str, bold: bool):
    """A run; TABs become Word tab characters as Word writes them."""
    run = parse_xml(f"<w:r {nsdecls('w')}>{'<w:rPr><w:b/></w:rPr>' if bold else ''}</w:r>")
    for index, piece in enumerate(text.split("\t")):
        if index:
            run.append(parse_xml(f"<w:tab {nsdecls('w')}/>"))
        if piece:
            t = parse_xml(f'<w:t {nsdecls("w")} xml:space="preserve"></w:t>')
            t.text = piece
            run.append(t)
    return run


# ---- twins give the same findings -----------------------------------------------------------


def _twin_sources() -> list[Path]:
    files = corpus_files() + sorted((EXAMPLES / "clean").glob("*.md")) + sorted((EXAMPLES / "defects").glob("*-defects.md"))
    files += [EXAMPLES / "defects" / "crlf-bom.md"]
    return [f for f in files if f.exists()]


def _findings_md(linter: Linter, path: Path, twin: WordTwin) -> list[tuple]:
    result = linter.lint_bytes(str(path), path.read_bytes())
    return sorted((d.code, d.severity.value, twin.place(d.span.line, d.span.column)) for d in result.diagnostics)


def _findings_docx(linter: Linter, data: bytes) -> tuple[list[tuple], list]:
    result = linter.lint_bytes("twin.docx", data)
    document = load_docx("twin.docx", data, linter.vocabulary)
    places = document.extra[LOCATIONS]
    found = []
    for d in result.diagnostics:
        place = places[d.span.line - 1]
        found.append((d.code, d.severity.value, (place.paragraph, place.table, place.row, place.cell_at(d.span.column))))
    return sorted(found), list(result.diagnostics)


@pytest.mark.parametrize("path", _twin_sources(), ids=lambda p: p.name)
def test_word_twin_gives_the_same_findings_at_the_same_places(path: Path, linter: Linter) -> None:
    markdown = SourceText.from_bytes(path.read_bytes()).text
    twin = WordTwin(markdown, danish_styles="soenderborg" in path.name or "agenda" in path.name)
    expected = _findings_md(linter, path, twin)
    found, diagnostics = _findings_docx(linter, twin.docx_bytes())
    assert found == expected
    # Every finding tells the Word user where to look.
    for d in diagnostics:
        assert d.location is not None
        assert d.location.da in d.display_message("da") and d.location.en in d.display_message("en")
    if path.name == "toc-defects.md":
        assert {code for code, _, _ in found} >= {"TOC001", "TOC002", "TOC003", "TOC004", "TOC005"}


@pytest.mark.parametrize("path", _twin_sources()[:3] + [EXAMPLES / "clean" / "nordby-oekonomiudvalget-2024-09-02.md"],
                         ids=lambda p: p.name)
def test_word_twin_has_the_same_structure(path: Path, linter: Linter) -> None:
    """Items, sections, case numbers, TOC entries and tables survive the round trip."""
    from referatcheck.parse import parse_document

    markdown = SourceText.from_bytes(path.read_bytes()).text
    original = parse_document(SourceText.from_text(markdown, path="x.md"), linter.vocabulary)
    twin = load_docx("x.docx", WordTwin(markdown).docx_bytes(), linter.vocabulary)
    assert [(i.number, i.title, i.closed, i.case_number and i.case_number.text) for i in twin.items] == [
        (i.number, i.title, i.closed, i.case_number and i.case_number.text) for i in original.items
    ]
    assert [[(s.kind, s.title) for s in i.sections] for i in twin.items] == [
        [(s.kind, s.title) for s in i.sections] for i in original.items
    ]
    assert [(e.title, e.page, e.number) for e in twin.toc.entries] == [(e.title, e.page, e.number) for e in original.toc.entries]
    assert [(f.label, f.value) for f in twin.head.fields] == [(f.label, f.value) for f in original.head.fields]
    title = lambda t: t and (t.text, t.committee, t.period, t.date)  # noqa: E731
    assert title(twin.head.title) == title(original.head.title)
    assert len(original.items) >= 3


def test_the_twin_corpus_is_there() -> None:
    assert len(_twin_sources()) >= 6, f"corpus {CORPUS} or examples missing"


# ---- the conversion, piece by piece -----------------------------------------------------------


def _docx(build) -> bytes:
    word = docx.Document()
    build(word)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _lines(data: bytes) -> list[str]:
    text, _ = convert(data)
    return [line for line in text.split("\n") if line]


def test_headings_from_english_and_danish_style_names_and_outline_levels() -> None:
    def build(word):
        word.styles["Heading 3"].name = "Overskrift 3"
        word.add_paragraph("REFERAT Udvalget d. 01-02-2024", style="Title")
        word.add_paragraph("Punkt 1: Godkendelse", style="Heading 1")
        word.add_paragraph("Sagsfremstilling", style="Overskrift 3")
        custom = word.styles.add_style("Punktoverskrift", WD_STYLE_TYPE.PARAGRAPH)
        custom.base_style = word.styles["Heading 2"]
        word.add_paragraph("Punkt 2: Budget", style="Punktoverskrift")
        outlined = word.add_paragraph("Beslutning")
        outlined._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="3"/>'))

    assert _lines(_docx(build)) == [
        "# REFERAT Udvalget d. 01-02-2024",
        "# Punkt 1: Godkendelse",
        "### Sagsfremstilling",
        "## Punkt 2: Budget",
        "#### Beslutning",
    ]


def test_bold_only_paragraph_is_a_section_label_and_a_bold_label_a_head_field() -> None:
    def build(word):
        p = word.add_paragraph()
        p.add_run("Mødedato").bold = True
        p.add_run(" Tirsdag d. 7. november 2023 kl. 15:30")
        p = word.add_paragraph()
        p.add_run("Beslutning ").bold = True
        p.add_run("Arbejdsmarkedsudvalget").bold = True
        p.add_run(" ")
        word.add_paragraph("Mødested:\tBorgen, mødelokale Italien")
        strong = word.styles.add_style("Fed etiket", WD_STYLE_TYPE.CHARACTER)
        strong.font.bold = True
        p = word.add_paragraph()
        p.add_run("Indstilling", style="Fed etiket")

    assert _lines(_docx(build)) == [
        "**Mødedato** Tirsdag d. 7. november 2023 kl. 15:30",
        "**Beslutning Arbejdsmarkedsudvalget**",
        "Mødested: Borgen, mødelokale Italien",
        "**Indstilling**",
    ]


def test_lists_show_the_numbers_word_shows() -> None:
    def build(word):
        word.add_paragraph("dagsordenen.", style="List Bullet")
        for text in ("første", "anden"):
            word.add_paragraph(text, style="List Number")
        numbering = word.part.numbering_part.element
        abstract = numbering.num_having_numId(5).abstractNumId.val
        restart = numbering.add_num(abstract)
        restart.add_lvlOverride(ilvl=0).add_startOverride(57)
        for text in ("Godkendelse af dagsorden", "Budget"):
            p = word.add_paragraph(text)
            num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = 0
            num_pr.get_or_add_numId().val = restart.numId

    assert _lines(_docx(build)) == [
        "- dagsordenen.", "1. første", "2. anden", "57. Godkendelse af dagsorden", "58. Budget",
    ]


def test_letter_and_roman_numbering_and_levels() -> None:
    abstract = (
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1)"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2."/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="4"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1.%3"/></w:lvl>'
        "</w:abstractNum>"
    )

    def build(word):
        numbering = word.part.numbering_part.element
        numbering.insert(0, parse_xml(abstract))
        num = numbering.add_num(90)
        for text, level in (("a", 0), ("b", 1), ("c", 1), ("d", 2), ("e", 0), ("f", 1)):
            p = word.add_paragraph(text)
            num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = level
            num_pr.get_or_add_numId().val = num.numId

    assert _lines(_docx(build)) == ["1) a", "  a. b", "  b. c", "    1.IV d", "2) e", "  a. f"]


def test_tables_become_tab_rows_with_word_cell_places() -> None:
    def build(word):
        word.add_paragraph("Tekst før tabellen.")
        table = word.add_table(rows=3, cols=3)
        for r, row in enumerate([["1.000 kr.", "Budget", "Forbrug"], ["Integration", "29.832", "16.817"],
                                 ["I alt", "29.832", "16.817"]]):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        word.add_paragraph("Tekst efter.")

    data = _docx(build)
    text, places = convert(data)
    lines = text.split("\n")
    row = lines.index("Integration\t29.832\t16.817")
    place = places[row]
    assert (place.table, place.row) == (1, 2)
    assert place.cell_at(1) == 1 and place.cell_at(len("Integration\t") + 1) == 2 and place.cell_at(20) == 3
    assert place.describe(len("Integration\t29.832\t") + 1) == Message("tabel 1, række 2, celle 3", "table 1, row 2, cell 3")
    assert places[lines.index("Tekst efter.")] == Place(paragraph=2)
    document = load_docx("t.docx", data)
    tables = [b for b in document.head.blocks if b.__class__.__name__ == "Table"]
    assert [r.texts for r in tables[0].rows][1] == ("Integration", "29.832", "16.817")


def test_merged_cells_keep_the_columns_aligned() -> None:
    def build(word):
        table = word.add_table(rows=2, cols=3)
        top = table.cell(0, 1).merge(table.cell(0, 2))
        top.text = "2024"
        table.cell(0, 0).text = "1.000 kr."
        for c, text in enumerate(["Drift", "10", "20"]):
            table.cell(1, c).text = text

    data = _docx(build)
    text, places = convert(data)
    assert text.split("\n")[:2] == ["1.000 kr.\t2024\t", "Drift\t10\t20"]
    # The empty field after a merged cell belongs to that Word cell.
    assert places[0].cell_at(len("1.000 kr.\t2024\t") + 1) == 2


def test_head_table_and_one_column_frame() -> None:
    def build(word):
        head = word.add_table(rows=2, cols=2)
        head.cell(0, 0).text, head.cell(0, 1).text = "Mødedato:", "Tirsdag d. 7. november 2023 kl. 15:30"
        head.cell(1, 0).text, head.cell(1, 1).text = "Mødested", "Borgen"
        frame = word.add_table(rows=1, cols=1)
        frame.cell(0, 0).text = "Godkendt."

    data = _docx(build)
    assert _lines(data) == ["**Mødedato** Tirsdag d. 7. november 2023 kl. 15:30", "**Mødested** Borgen", "Godkendt."]
    document = load_docx("h.docx", data)
    assert [(f.label, f.value) for f in document.head.fields] == [
        ("Mødedato", "Tirsdag d. 7. november 2023 kl. 15:30"), ("Mødested", "Borgen")]
    text, places = convert(data)
    assert places[0].describe(len("**Mødedato** ") + 2).da == "tabel 1, række 1, celle 2"
    assert places[0].describe(1).da == "tabel 1, række 1, celle 1"


_TOC_FIELD_ENTRY = (
    '<w:p {ns}><w:pPr><w:pStyle w:val="TOC1"/><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9000"/></w:tabs></w:pPr>'
    '{begin}<w:hyperlink w:anchor="_Toc{n}" w:history="1"><w:r><w:t>{title}</w:t></w:r>'
    '<w:r><w:rPr><w:webHidden/></w:rPr><w:tab/></w:r>'
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGEREF _Toc{n} \\h </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>{page}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    "</w:hyperlink>{end}</w:p>"
)


def _toc_field(entries: list[tuple[str, int]], title: str | None = None) -> str:
    # Word's own TOC starts with its title in the style "TOC Heading" inside the control.
    paragraphs = [f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr><w:r><w:t>{title}</w:t></w:r></w:p>'] if title else []
    for n, (title, page) in enumerate(entries):
        begin = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h </w:instrText></w:r>'
                 '<w:r><w:fldChar w:fldCharType="separate"/></w:r>') if n == 0 else ""
        end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>' if n == len(entries) - 1 else ""
        paragraphs.append(_TOC_FIELD_ENTRY.format(ns=nsdecls("w"), begin=begin, end=end, n=n, title=title, page=page))
    return (f'<w:sdt {nsdecls("w")}><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr>'
            f'<w:sdtContent>{"".join(paragraphs)}</w:sdtContent></w:sdt>')


def _minutes_with_toc_field(word, entries, title: str | None = None) -> None:
    toc_style = word.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
    toc_style.element.set(qn("w:styleId"), "TOC1")
    word.add_paragraph("REFERAT Arbejdsmarkedsudvalget d. 07-11-2023", style="Heading 1")
    body = word.element.body
    body.insert(len(body) - 1, parse_xml(_toc_field(entries, title)))
    for number, title in enumerate(["Godkendelse af dagsorden", "Orientering om ledighed"], start=1):
        word.add_paragraph(f"Punkt {number}: {title}", style="Heading 1")
        word.add_paragraph(f"23/1000{number}")
        word.add_paragraph("Beslutning", style="Heading 2")
        word.add_paragraph("Godkendt.")


def test_toc_field_without_a_title_is_read_as_the_toc(linter: Linter) -> None:
    data = _docx(lambda word: _minutes_with_toc_field(word, [("Godkendelse af dagsorden", 2), ("Orientering om ledighed", 3)]))
    lines = _lines(data)
    assert lines[1:4] == ["## Indholdsfortegnelse", "Godkendelse af dagsorden\t2", "Orientering om ledighed\t3"]
    document = load_docx("toc.docx", data, linter.vocabulary)
    assert [(e.title, e.page) for e in document.toc.entries] == [("Godkendelse af dagsorden", 2), ("Orientering om ledighed", 3)]
    assert [i.title for i in document.items] == ["Godkendelse af dagsorden", "Orientering om ledighed"]
    assert [d.code for d in linter.lint_bytes("toc.docx", data).diagnostics if d.code.startswith("TOC")] == []


def test_toc_field_under_its_own_title_gets_no_second_title(linter: Linter) -> None:
    entries = [("Godkendelse af dagsorden", 2), ("Orientering om ledighed", 3)]
    data = _docx(lambda word: _minutes_with_toc_field(word, entries, title="Indhold"))
    lines = _lines(data)
    assert lines[1:4] == ["# Indhold", "Godkendelse af dagsorden\t2", "Orientering om ledighed\t3"]
    document = load_docx("toc.docx", data, linter.vocabulary)
    assert [(e.title, e.page) for e in document.toc.entries] == entries


def test_toc_field_finding_names_the_toc_paragraph(linter: Linter) -> None:
    data = _docx(lambda word: _minutes_with_toc_field(word, [("Godkendelse af dagsorden", 2), ("Orientering om lediged", 3)]))
    found = [d for d in linter.lint_bytes("toc.docx", data).diagnostics if d.code.startswith("TOC")]
    assert [d.code for d in found] == ["TOC003"]
    # The TOC field's second entry is the TOC's second paragraph (the document's third:
    # a number Word never shows, so it is not what the clerk is told).
    assert found[0].location.da.startswith("indholdsfortegnelsen, 2. afsnit")
    assert "(indholdsfortegnelsen, 2. afsnit" in found[0].display_message("da")
    assert "(the table of contents, paragraph 2" in found[0].display_message("en")


def test_tracked_changes_hidden_text_and_text_boxes() -> None:
    paragraph = (
        f'<w:p {nsdecls("w")}><w:r><w:t xml:space="preserve">Udvalget </w:t></w:r>'
        '<w:ins w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r><w:t xml:space="preserve">godkendte </w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>afviste </w:delText></w:r></w:del>'
        '<w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve">skjult </w:t></w:r>'
        '<w:r><w:t>sagen.</w:t></w:r></w:p>'
    )

    def build(word):
        body = word.element.body
        body.insert(len(body) - 1, parse_xml(paragraph))

    assert _lines(_docx(build)) == ["Udvalget godkendte sagen."]


def test_soft_line_break_keeps_a_wrapped_head_field_in_one_field() -> None:
    def build(word):
        word.add_paragraph("REFERAT Arbejdsmarkedsudvalget d. 07-11-2023", style="Heading 1")
        p = word.add_paragraph()
        p.add_run("Mødedeltagere").bold = True
        p.add_run(" Jan Jensen, Jimmy  ")
        p.add_run().add_break()
        p.add_run("Simonsen, Niels Ole Bennedsen")

    data = _docx(build)
    document = load_docx("f.docx", data)
    field = document.head.field("Mødedeltagere")
    assert field is not None and "Jimmy" in field.value and "Niels Ole Bennedsen" in field.value
    assert document.extra[LOCATIONS][field.value_span.end_line - 1] == Place(paragraph=2)


def test_odd_word_structures_are_read_without_a_crash() -> None:
    """Nested and empty tables, text boxes, page breaks, a style based on itself, list
    numbers that point nowhere: read what can be read, never raise."""
    w = nsdecls("w")
    pieces = [
        f'<w:tbl {w}/>',  # a table without rows
        f'<w:tbl {w}><w:tr/></w:tbl>',  # a row without cells
        f'<w:tbl {w}><w:tr><w:tc><w:p><w:r><w:t>Ydre</w:t></w:r></w:p>'
        '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Indre</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc>'
        '<w:tc><w:p><w:r><w:t>10</w:t></w:r></w:p></w:tc></w:tr></w:tbl>',
        f'<w:p {w}><w:r><w:t xml:space="preserve">Før </w:t></w:r><w:r><w:br w:type="page"/></w:r>'
        '<w:r><w:t>efter sideskift.</w:t></w:r></w:p>',
        f'<w:p {w}><w:r><w:pict><w:txbxContent><w:p><w:r><w:t>Tekstboks</w:t></w:r></w:p></w:txbxContent></w:pict></w:r>'
        '<w:r><w:t>Brødtekst.</w:t></w:r></w:p>',
        f'<w:p {w}><w:pPr><w:pStyle w:val="Loop"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="999"/></w:numPr></w:pPr>'
        '<w:r><w:t>Liste uden definition.</w:t></w:r></w:p>',
        f'<w:p {w}><w:pPr><w:numPr><w:ilvl w:val="7"/><w:numId w:val="5"/></w:numPr></w:pPr>'
        '<w:r><w:t>Niveau uden definition.</w:t></w:r></w:p>',
    ]

    def build(word):
        loop = word.styles.add_style("Loop", WD_STYLE_TYPE.PARAGRAPH)
        loop.element.append(parse_xml(f'<w:basedOn {nsdecls("w")} w:val="Loop"/>'))
        body = word.element.body
        for piece in pieces:
            body.insert(len(body) - 1, parse_xml(piece))

    lines = _lines(_docx(build))
    assert lines == ["Ydre\t10", "Før efter sideskift.", "Brødtekst.", "Liste uden definition.",
                     "Niveau uden definition."]


# ---- the plugin in the run --------------------------------------------------------------------


def test_other_files_are_not_ours() -> None:
    assert referatcheck_load_document(path="referat.md", data=b"# x", vocabulary=None) is None


def test_a_broken_docx_is_an_unreadable_file_not_a_crash(linter: Linter) -> None:
    result = linter.lint_bytes("kladde.docx", b"PK\x03\x04 not really a zip")
    assert [d.code for d in result.diagnostics] == ["RC003"]
    assert "Word" in result.diagnostics[0].message.da and result.incomplete


class _CellRule(Rule):
    """Flags every table cell `X` and the heading `Beslutning`, to see places reported."""

    code, name, family, severity = "ZZZ001", "test-cell", "ZZZ", Severity.WARNING
    doc = RuleDoc("t", "t", "t", "t", "t", "t")

    def check(self, document, options):
        for item in document.items:
            decision = item.section(SectionKind.DECISION)
            for block in item.blocks():
                for row in getattr(block, "rows", ()):
                    for cell in row.cells:
                        if cell.text == "X":
                            yield self.diagnostic(document, cell.span, "celle X", "cell X",
                                                  related=(decision.heading_span,) if decision else ())


def test_every_output_format_names_the_word_place() -> None:
    def build(word):
        word.add_paragraph("Punkt 1: Budget", style="Heading 1")
        word.add_paragraph("24/01234")
        word.add_paragraph("Sagsfremstilling", style="Heading 2")
        table = word.add_table(rows=2, cols=3)
        for r, row in enumerate([["Område", "Budget", "Forbrug"], ["Drift", "10", "X"]]):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        word.add_paragraph("Beslutning", style="Heading 2")
        word.add_paragraph("Godkendt.")

    linter = Linter(rules=[_CellRule])
    result = linter.lint_bytes("budget.docx", _docx(build))
    [finding] = result.diagnostics
    # The item, the section heading and the table within the section: what Word shows.
    where_da = "punkt 1, under »Sagsfremstilling«, 1. tabel, række 2, celle 3; se også overskriften »Beslutning«"
    where_en = 'item 1, under "Sagsfremstilling", table 1, row 2, cell 3; see also the heading "Beslutning"'
    assert finding.location == Message(where_da, where_en)
    text = get_reporter("text")([result], ReportOptions())
    assert "budget.docx:" in text and f"celle X ({where_da})" in text
    payload = json.loads(get_reporter("json")([result], ReportOptions(lang="en")))
    assert payload["diagnostics"][0]["message"] == f"cell X ({where_en})"
    assert set(payload["diagnostics"][0]) == {"path", "line", "column", "end_line", "end_column", "code",
                                              "severity", "message", "rule", "fix"}
    assert payload["diagnostics"][0]["fix"] is None  # a Word file takes no fix
    # The other formats carry the place in the message text too.
    for name in ("json-lines", "sarif", "junit", "github", "gitlab", "html"):
        output = get_reporter(name)([result], ReportOptions())
        assert "1. tabel, række 2, celle 3" in output, name


def test_markdown_findings_carry_no_word_location(linter: Linter) -> None:
    path = EXAMPLES / "defects" / "toc-defects.md"
    result = linter.lint_bytes(str(path), path.read_bytes())
    assert result.diagnostics and all(d.location is None for d in result.diagnostics)
    assert all(d.display_message() == d.message.da for d in result.diagnostics)


def test_cli_lints_a_docx_and_walks_it_in_a_folder(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from referatcheck.cli import main

    twin = WordTwin((EXAMPLES / "defects" / "toc-defects.md").read_text(encoding="utf-8"))
    (tmp_path / "kladde.docx").write_bytes(twin.docx_bytes())
    (tmp_path / "~$kladde.docx").write_bytes(b"\x00lock")  # Word's owner file while the draft is open
    outcome = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert outcome.exit_code == 1, outcome.output
    assert "kladde.docx:" in outcome.output and "TOC001" in outcome.output
    assert re.search(r"TOC001 \[error\] .*\(indholdsfortegnelsen, \d+\. afsnit", outcome.output)
    assert "~$" not in outcome.output


def test_word_places_are_what_a_clerk_finds_in_word() -> None:
    """Item, section heading and the paragraph within the section; related places drop
    the context they share with the finding."""
    def build(word):
        word.add_paragraph("Punkt 3: Tilskud", style="Heading 1")
        word.add_paragraph("24/01234")
        word.add_paragraph("Sagsfremstilling", style="Heading 2")
        word.add_paragraph("Første afsnit.")
        word.add_paragraph("")  # an empty paragraph is nothing a clerk counts
        word.add_paragraph("Andet afsnit.")
        word.add_paragraph("Beslutning", style="Heading 2")
        word.add_paragraph("Godkendt.")

    class SecondParagraph(_CellRule):
        def check(self, document, options):
            paragraph = document.items[0].sections[0].blocks[1]
            yield self.diagnostic(document, paragraph.span, "x", "x", related=(
                document.items[0].sections[0].blocks[0].span, document.items[0].sections[1].blocks[0].span))

    [finding] = Linter(rules=[SecondParagraph]).lint_bytes("k.docx", _docx(build)).diagnostics
    assert finding.location == Message(
        "punkt 3, under »Sagsfremstilling«, 2. afsnit; se også 1. afsnit; under »Beslutning«, 1. afsnit",
        'item 3, under "Sagsfremstilling", paragraph 2; see also paragraph 1; under "Beslutning", paragraph 1')
