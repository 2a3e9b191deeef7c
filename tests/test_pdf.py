"""PDF input: layouts the twins do not cover, the TOC page check, places and formats.

The fixtures are invented minutes written as web pages and printed by headless
Chromium once per session: a page set in two columns, a table that crosses a page
break, an item heading at the foot of a page, a TOC title hyphenated over two lines.
Each fixture checks itself first (the layout really is what the test is about, read with
PDFium's plain text), then what referatcheck reads from it.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from referatcheck.cli import main
from referatcheck.engine import Linter
from referatcheck.formats.pdf import load_pdf
from referatcheck.formats.pdftext import PdfPlace, join_wrapped
from referatcheck.locations import LOCATIONS
from referatcheck.pages import page_of
from chromium import require_browser
from twins import print_pdfs

HEAD = """<h1>REFERAT Økonomiudvalget d. 02-09-2024</h1>
<p><strong>Mødedato</strong> Mandag d. 2. september 2024 kl. 16:00</p>
<p><strong>Mødested</strong> Nordby Rådhus, Byrådssalen</p>
"""


def _item(number: int, title: str, case: str, body: str = "", decision: str = "Godkendt.") -> str:
    return (f"<h1>Punkt {number}: {title}</h1>\n<p>{case}</p>\n"
            f"<h2>Sagsfremstilling</h2>\n{body or '<p>Sagen forelægges til godkendelse.</p>'}\n"
            f"<h2>Indstilling</h2>\n<p>Administrationen indstiller, at sagen godkendes.</p>\n"
            f"<h2>Beslutning</h2>\n<p>{decision}</p>\n")


def _toc(entries: list[tuple[str, int]], css: str = "") -> str:
    rows = "".join(
        f'<tr><td class="title"><div><span{css}>{title}.....</span><span class="fill"></span></div></td>'
        f'<td class="page">{page}</td></tr>' for title, page in entries
    )
    return f'<h2>Indholdsfortegnelse</h2>\n<table class="toc">{rows}</table>\n'


PROSE = ("Budgetforslaget er i balance i alle fire år og overholder kommunens økonomiske politik om et overskud "
         "på den ordinære drift på mindst 120 mio. kr. årligt, og anlægsprogrammet er fastholdt. ")


def two_columns() -> str:
    column_text = "".join(
        _item(n, f"Orientering om område {n}", f"24/0{n}100", body=f"<p>{PROSE * 2}</p>") for n in (1, 2, 3)
    )
    return (HEAD + _toc([(f"Orientering om område {n}", 1) for n in (1, 2, 3)])
            + f'<div style="column-count: 2; column-gap: 18pt">{column_text}</div>')


def table_across_pages(total: int) -> str:
    rows = "".join(f"<tr><td>Område {k}</td><td class=num>{1000 + k}</td></tr>" for k in range(1, 61))
    expected = sum(1000 + k for k in range(1, 61))
    table = (f'<table class="ruled"><tr><td>1.000 kr.</td><td>Budget</td></tr>{rows}'
             f'<tr><td>I alt</td><td class=num>{total if total else expected}</td></tr></table>')
    return HEAD + _item(1, "Budgetopfølgning pr. 30. juni 2024", "24/01234", body=f"<p>Tabellen viser budgettet.</p>{table}")


def heading_at_foot(listed: int) -> str:
    # A spacer pushes Punkt 2's heading to the foot of page 1; its case number and
    # sections start page 2.
    return (HEAD + _toc([("Godkendelse af dagsorden", 1), ("Budget 2025", listed)])
            + _item(1, "Godkendelse af dagsorden", "24/00001")
            + '<div style="height: {spacer}mm"></div>'
            + '<h1 style="margin: 0">Punkt 2: Budget 2025</h1>'
            + '<div style="break-before: page"></div>'
            + "<p>24/00002</p>\n<h2>Sagsfremstilling</h2><p>Budgettet forelægges.</p>"
              "<h2>Indstilling</h2><p>Administrationen indstiller, at budgettet godkendes.</p>"
              "<h2>Beslutning</h2><p>Godkendt.</p>")


HYPHEN_TITLE = "Anlægsbevilling til renovering og udvidelse af Nordby Svømmehal og tilhørende parkeringsanlæg"


def hyphenated_toc() -> str:
    # The title can only break at its soft hyphen, and the TOC is too narrow for it on
    # one line: it breaks as `Svøm-` / `mehal`.
    first, rest = HYPHEN_TITLE.split("Svømmehal")
    soft = (f'<span style="white-space: nowrap">{first}Svøm</span>&shy;'
            f'<span style="white-space: nowrap">mehal{rest}</span>')
    rows = (f'<tr><td class="title"><div><span>{soft}</span><span class="fill"></span></div></td>'
            f'<td class="page">1</td></tr>'
            f'<tr><td class="title"><div><span>Eventuelt</span><span class="fill"></span></div></td>'
            f'<td class="page">1</td></tr>')
    return (HEAD + '<h2>Indholdsfortegnelse</h2>\n<table class="toc" style="width: 85%">'
            + rows + "</table>\n" + _item(1, HYPHEN_TITLE, "24/03300") + _item(2, "Eventuelt", "24/03301"))


@pytest.fixture(scope="session")
def fixtures() -> dict[str, bytes]:
    require_browser("printing the PDF fixtures")
    pages = {
        "two-columns": two_columns(),
        "table": table_across_pages(0),
        "table-wrong": table_across_pages(62_830),  # 1.000 off: an error, not rounding
        "hyphenated": hyphenated_toc(),
    }
    # Spacers to try: the lowest that keeps Punkt 2's heading on page 1 is used.
    for spacer in (120, 140, 160, 170, 180, 190):
        for listed in (1, 2, 4):
            pages[f"foot-{listed}-{spacer}"] = heading_at_foot(listed).replace("{spacer}", str(spacer))
    names = list(pages)
    printed = print_pdfs([(f"<!DOCTYPE html><html><head></head><body>{pages[n]}</body></html>",
                           "Økonomiudvalget 02-09-2024") for n in names])
    return dict(zip(names, printed))


def _page_texts(pdf: bytes) -> list[list[str]]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    out = []
    for index in range(len(document)):
        page = document[index]
        text = page.get_textpage().get_text_range()
        out.append([line.strip() for line in text.splitlines() if line.strip()])
    return out


@pytest.fixture(scope="session")
def linter() -> Linter:
    return Linter()


# ---- layouts -----------------------------------------------------------------------------------


def test_two_column_page_is_read_column_by_column(fixtures, linter):
    pdf = fixtures["two-columns"]
    document = load_pdf("x.pdf", pdf, linter.vocabulary)
    assert [(i.number, i.title) for i in document.items] == [(n, f"Orientering om område {n}") for n in (1, 2, 3)]
    for item in document.items:
        assert [s.kind.value for s in item.sections] == ["presentation", "recommendation", "decision"]
        paragraph = item.sections[0].blocks[0]
        assert paragraph.text.startswith("Budgetforslaget er i balance") and "anlægsprogrammet er fastholdt" in paragraph.text
    # The fixture really is two columns: on page 1 lines stand side by side with a gutter.
    from referatcheck.formats.pdflayout import page_lines
    from referatcheck.formats.pdfpage import open_pdf, pages

    raw = open_pdf(pdf)
    first = page_lines(next(pages(raw, 1)))
    raw.close()
    middle = first.width / 2
    assert sum(1 for ln in first.lines if ln.x0 < middle - 20 and ln.x1 > middle + 20 and any(
        s.x1 < middle < t.x0 for s, t in zip(ln.segments, ln.segments[1:]))) >= 5
    places = document.extra[LOCATIONS]
    lines = [places[i.heading_span.line - 1].line for i in document.items if places[i.heading_span.line - 1].page == 1]
    assert lines == sorted(lines)  # numbered in reading order, left column first
    result = linter.lint_bytes("x.pdf", pdf)
    assert [d for d in result.diagnostics if d.severity.value != "info"] == []


def test_table_across_a_page_break_stays_one_table(fixtures, linter):
    pdf = fixtures["table"]
    pages = _page_texts(pdf)
    assert any("Område 1" in line for line in pages[0]) and any("I alt" in line for line in pages[1])  # it crosses
    document = load_pdf("x.pdf", pdf, linter.vocabulary)
    tables = [b for item in document.items for s in item.sections for b in s.blocks if type(b).__name__ == "Table"]
    assert len(tables) == 1
    assert [r.texts for r in tables[0].rows][0] == ("1.000 kr.", "Budget")
    assert len(tables[0].rows) == 62
    assert not [d for d in linter.lint_bytes("x.pdf", pdf).diagnostics if d.code.startswith("TAB")]
    wrong = linter.lint_bytes("x.pdf", fixtures["table-wrong"])
    tab = [d for d in wrong.diagnostics if d.code == "TAB001"]
    assert len(tab) == 1 and tab[0].severity.value == "error"
    assert "side 2, linje" in tab[0].display_message()
    assert "I alt" in wrong.source.line(tab[0].span.line)


def _heading_baseline(pdf: bytes) -> float | None:
    """Where on page 1 (share of the page height from the top) Punkt 2's heading stands."""
    from referatcheck.formats.pdflayout import page_lines
    from referatcheck.formats.pdfpage import open_pdf, pages

    document = open_pdf(pdf)
    try:
        first = page_lines(next(pages(document, 1)))
    finally:
        document.close()
    found = [ln for ln in first.lines if ln.text == "Punkt 2: Budget 2025"]
    return found[0].baseline / first.height if found else None


def _foot(fixtures, listed: int) -> bytes:
    """The fixture whose Punkt 2 heading stands lowest on page 1, its text on page 2."""
    candidates = []
    for name, pdf in fixtures.items():
        if name.startswith(f"foot-{listed}-"):
            where = _heading_baseline(pdf)
            pages = _page_texts(pdf)
            if where is not None and len(pages) >= 2 and "24/00002" in pages[1]:
                candidates.append((where, pdf))
    assert candidates, "no spacer kept Punkt 2's heading on page 1"
    where, pdf = max(candidates, key=lambda c: c[0])
    assert where > 0.75, f"the heading stands at {where:.0%} of the page, not at its foot"
    return pdf


@pytest.mark.parametrize("listed", [1, 2])
def test_heading_at_the_foot_of_a_page(fixtures, linter, listed: int):
    """The heading stays an item heading (not a running foot), its case number on the
    next page still belongs to it, and the TOC may give either page."""
    pdf = _foot(fixtures, listed)
    document = load_pdf("x.pdf", pdf, linter.vocabulary)
    assert [(i.number, i.title, i.case_number.text) for i in document.items] == [
        (1, "Godkendelse af dagsorden", "24/00001"), (2, "Budget 2025", "24/00002")]
    assert page_of(document, document.items[1].heading_span.line) == 1
    result = linter.lint_bytes("x.pdf", pdf)
    assert [d for d in result.diagnostics if d.severity.value != "info"] == []


def test_a_toc_page_past_the_item_is_reported_at_its_entry(fixtures, linter):
    pdf = _foot(fixtures, 4)
    result = linter.lint_bytes("x.pdf", pdf)
    found = [d for d in result.diagnostics if d.code == "TOC009"]
    assert len(found) == 1
    d = found[0]
    assert result.source.line(d.span.line).startswith("Budget 2025.....\t4")
    assert "siger side 4" in d.message.da and "begynder på side 1" in d.message.da
    place = load_pdf("x.pdf", pdf).extra[LOCATIONS][d.span.line - 1]
    assert place.page == 1 and f"side 1, linje {place.line}" in d.display_message()


def test_hyphenated_toc_title_is_joined(fixtures, linter):
    pdf = fixtures["hyphenated"]
    pages = _page_texts(pdf)
    assert any(line.endswith(("Svøm-", "Svøm\u2010", "Svøm\u00ad", "Svøm\x02")) for line in pages[0])  # it breaks there
    document = load_pdf("x.pdf", pdf, linter.vocabulary)
    assert [e.title for e in document.toc.entries] == [HYPHEN_TITLE, "Eventuelt"]
    result = linter.lint_bytes("x.pdf", pdf)
    assert not [d for d in result.diagnostics if d.code.startswith("TOC")]


# ---- the page check never touches other formats -------------------------------------------------


def test_toc_page_check_is_for_pdf_only(linter):
    from test_docx import WordTwin

    markdown = ("# REFERAT Udvalget d. 01-02-2024\n\n## Indholdsfortegnelse\n\nGodkendelse af dagsorden.....\t7\n"
                "Eventuelt.....\t9\n\n# Punkt 1: Godkendelse af dagsorden\n\n24/00001\n\n## Beslutning\n\nGodkendt.\n\n"
                "# Punkt 2: Eventuelt\n\n24/00002\n\n## Beslutning\n\nIntet.\n")
    assert not [d for d in linter.lint_text(markdown, "x.md").diagnostics if d.code == "TOC009"]
    word = linter.lint_bytes("x.docx", WordTwin(markdown).docx_bytes())
    assert word.source is not None and not [d for d in word.diagnostics if d.code == "TOC009"]


# ---- pieces ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("first, second, soft, joined", [
    ("Indholds-", "fortegnelse", False, "Indholdsfortegnelse"),
    ("Børne-", "og Skoleudvalget", False, "Børne- og Skoleudvalget"),
    ("budget 2025-", "2028", False, "budget 2025-2028"),
    ("Børne-", "Ungeudvalget", False, "Børne-Ungeudvalget"),
    ("cpr-", "nummer", False, "cpr-nummer"),
    ("Svøm-", "mehal", True, "Svømmehal"),
    ("Personalesag -", "Lukket", False, "Personalesag - Lukket"),
    ("slut.", "Næste", False, "slut. Næste"),
])
def test_join_wrapped(first, second, soft, joined):
    text, column = join_wrapped(first, second, soft)
    assert text == joined
    assert text[column:].startswith(second)


def test_pdf_place_names_page_and_line():
    place = PdfPlace(7, 12, ((40, 7, 13), (120, 8, 1)))
    assert place.describe().da == "side 7, linje 12" and place.describe().en == "page 7, line 12"
    assert place.describe(50).da == "side 7, linje 13"
    assert place.describe(200).en == "page 8, line 1"


def test_every_output_format_names_the_pdf_place(fixtures, tmp_path):
    path = tmp_path / "referat.pdf"
    path.write_bytes(fixtures["table-wrong"])
    runner = CliRunner()
    for fmt in ("text", "json", "json-lines", "sarif", "junit", "github", "gitlab", "html"):
        out = runner.invoke(main, ["check", "--no-cache", "--format", fmt, str(path)])
        assert out.exit_code == 1, (fmt, out.output)
        assert "side 2, linje" in out.output, fmt
    report = json.loads(runner.invoke(main, ["check", "--no-cache", "--format", "json", str(path)]).output)
    assert report["diagnostics"][0]["path"].endswith("referat.pdf")
    html = runner.invoke(main, ["check", "--no-cache", "--format", "html", str(path)]).output
    assert "PDF" in html and "I alt" in html  # the report shows the text that was read


def test_cli_check_parse_and_stdin_read_pdf(fixtures, tmp_path):
    folder = tmp_path / "referater"
    folder.mkdir()
    (folder / "moede.pdf").write_bytes(fixtures["table-wrong"])
    before = (folder / "moede.pdf").read_bytes()
    runner = CliRunner()
    walked = runner.invoke(main, ["check", "--no-cache", str(folder)])
    assert walked.exit_code == 1 and "moede.pdf:" in walked.output and "TAB001" in walked.output
    parsed = runner.invoke(main, ["parse", str(folder / "moede.pdf")])
    assert parsed.exit_code == 0 and "item 1: Budgetopfølgning pr. 30. juni 2024" in parsed.output
    assert "[page 1, line" in parsed.output
    piped = runner.invoke(main, ["check", "--no-cache", "-", "--stdin-filename", "x.pdf"], input=fixtures["table-wrong"])
    assert piped.exit_code == 1 and "x.pdf:" in piped.output and "TAB001" in piped.output
    assert (folder / "moede.pdf").read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["moede.pdf"]  # nothing written
