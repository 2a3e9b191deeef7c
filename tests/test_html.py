"""HTML input: what the web-page reader makes of each construct, and where it says it is.

The twins (`tests/test_twins.py`) show that every example read as a web page gives the
Markdown's findings; these tests take the constructs one at a time, including those
the twins never write (rowspan, colspan, ordered lists with their own numbers, hidden
elements, layout tables, broken markup and legacy encodings).
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from referatcheck.cli import main
from referatcheck.engine import Linter
from referatcheck.formats.html import ENCODING_KEY, HtmlPlace, convert, decode_html, load_html
from referatcheck.locations import LOCATIONS
from referatcheck.sections import DEFAULT_VOCABULARY


def lines_of(html: str | bytes) -> list[str]:
    data = html.encode("utf-8") if isinstance(html, str) else html
    text, _, _ = convert(data)
    return [line for line in text.split("\n") if line]


def page(body: str) -> str:
    return f"<!DOCTYPE html><html><head><title>t</title></head><body>\n{body}\n</body></html>\n"


MINUTES = page("""<h1>REFERAT Økonomiudvalget d. 02-09-2024</h1>
<p><strong>Mødedato</strong> Mandag d. 2. september 2024 kl. 16:00</p>
<p><b>Mødested</b> Nordby Rådhus</p>
<h2>Indholdsfortegnelse</h2>
<table><tr><td>Godkendelse af dagsorden.....</td><td>2</td></tr>
<tr><td>Budget 2025.....</td><td>3</td></tr></table>
<h2>Punkt 1: Godkendelse af dagsorden</h2>
<p>24/00001</p>
<h3>Beslutning</h3>
<p>Godkendt.</p>
<h2>Punkt 2: Budget 2025</h2>
<p>24/00002</p>
<h3>Indstilling</h3>
<p>Administrationen indstiller, at budgettet godkendes.</p>
<h3>Beslutning</h3>
<p>Godkendt.</p>""")


def test_headings_bold_labels_and_head_fields():
    assert lines_of(page("<h1>REFERAT <b>Udvalget</b></h1><h3>Sags<em>fremstilling</em></h3>"
                         "<p><strong>Beslutning</strong></p><p><span style='font-weight: 700'>Indstilling</span></p>"
                         "<p><strong>Mødedato</strong> Tirsdag</p><p>Tekst med <b>fed</b> midt i.</p>")) == [
        "# REFERAT Udvalget", "### Sagsfremstilling", "**Beslutning**", "**Indstilling**",
        "**Mødedato** Tirsdag", "Tekst med **fed** midt i.",
    ]


def test_lists_show_the_numbers_a_browser_shows():
    assert lines_of(page("<ul><li>at A</li><li>at <b>B</b></li></ul>"
                         "<ol start='3'><li>tre</li><li value='7'>syv</li><li>otte</li></ol>"
                         "<ol type='a'><li>a-punkt</li></ol><ul><li>ydre<ul><li>indre</li></ul></li></ul>")) == [
        "- at A", "- at **B**", "3. tre", "7. syv", "8. otte", "a. a-punkt", "- ydre", "  - indre",
    ]


def test_table_with_rowspan_and_colspan_keeps_its_columns():
    html = page("""<table>
<tr><td></td><td>Politik område</td><td colspan="2">Budget år</td><td>Overslag</td></tr>
<tr><td rowspan="2">Drift</td><td>11</td><td>-852</td><td>-895</td><td>-895</td></tr>
<tr><td>02</td><td>150</td><td>150</td><td>150</td></tr>
<tr><td>Kassebeholdning</td><td>01</td></tr>
</table>""")
    assert lines_of(html) == [
        "\tPolitik område\tBudget år\t\tOverslag",
        "Drift\t11\t-852\t-895\t-895",
        "\t02\t150\t150\t150",
        "Kassebeholdning\t01",
    ]


def test_links_are_text_and_scripts_styles_navigation_controls_hidden_are_not():
    html = page("""<nav><a href="/">Forside</a></nav><script>var referat = "Punkt 9: Falsk";</script>
<style>p { color: red }</style><noscript>Slå JavaScript til</noscript>
<p>Se <a href="bilag.pdf">bilag 3</a> om sagen.</p><button>Fold alle ud</button>
<p hidden>Skjult</p><p style="display: none">Også skjult</p><div aria-hidden="true">Ikon</div>
<select><option>Vælg møde</option></select><img alt="logo" src="x.png"><p>Slut.</p>""")
    assert lines_of(html) == ["Se bilag 3 om sagen.", "Slut."]


def test_web_artefacts_are_skipped_with_the_vocabulary_of_the_run():
    html = page("<p>Til toppen</p><a href='#'>Udskriv</a><p>Fold alle ud</p><p>Hent som fil:</p>"
                "<p>\u00a0\u00a0</p><p>·</p><p>Tilbage til forsiden</p><p>Beslutning</p>")
    assert lines_of(html) == ["Tilbage til forsiden", "Beslutning"]
    municipal = DEFAULT_VOCABULARY.with_words({"artefacts": ["Tilbage til forsiden"]})
    text, _, _ = convert(html.encode(), municipal)
    assert [line for line in text.split("\n") if line] == ["Beslutning"]


def test_br_pre_layout_tables_and_suppression_comments():
    html = page("""<p>Medlemmer: A (A),<br>B (V)</p><pre>Linje 1
  Linje 2</pre>
<table><tr><td><h2>Punkt 1: Budget</h2><p>24/00001</p></td></tr></table>
<!-- referatcheck: disable-next-line=TAB001 reason="fra regnskabet" --><!-- en almindelig kommentar -->
<p>I alt</p>""")
    assert lines_of(html) == [
        "Medlemmer: A (A),", "B (V)", "Linje 1", "  Linje 2", "## Punkt 1: Budget", "24/00001",
        '<!-- referatcheck: disable-next-line=TAB001 reason="fra regnskabet" -->', "I alt",
    ]


def test_each_line_names_the_line_of_the_html_file():
    html = ("<!DOCTYPE html>\n<html>\n<body>\n<h1>Titel</h1>\n<p>Første\nanden linje i kilden</p>\n"
            "<table>\n<tr>\n  <td>Drift</td>\n  <td>\n    11\n  </td>\n</tr>\n</table>\n<p>a<br>\nb</p>\n</body></html>\n")
    text, places, _ = convert(html.encode())
    produced = text.split("\n")
    where = {line: place for line, place in zip(produced, places) if line}
    assert where["# Titel"].line == 4
    assert where["Første anden linje i kilden"].line == 5
    row = where["Drift\t11"]
    assert row.line_at(1) == 9 and row.line_at(7) == 11  # each cell's own line
    assert where["a"].line == 15 and where["b"].line == 16
    assert HtmlPlace(42).describe().da == "linje 42 i HTML-filen" and HtmlPlace(42).describe().en == "line 42 of the HTML file"


def test_lines_past_65535_are_counted_exactly():
    filler = "<p>x</p>\n" * 70_000
    text, places, _ = convert(page(filler + "<p>Slut</p>").encode())
    last = [p for line, p in zip(text.split("\n"), places) if line == "Slut"][0]
    assert last.line == 70_002


def test_findings_name_the_html_line_in_every_format(tmp_path):
    broken = MINUTES.replace("Budget 2025.....</td><td>3", "Budget 2026.....</td><td>3")
    path = tmp_path / "referat.html"
    path.write_text(broken, encoding="utf-8")
    before = path.read_bytes()
    runner = CliRunner()
    for fmt in ("text", "json", "json-lines", "sarif", "junit", "github", "gitlab", "html"):
        out = runner.invoke(main, ["check", "--no-cache", "--format", fmt, str(path)])
        assert out.exit_code == 1, (fmt, out.output)
        assert "linje 7 i HTML-filen" in out.output, fmt
    assert path.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == ["referat.html"]


def test_a_clean_page_is_clean_and_parse_and_stdin_read_it(tmp_path):
    (tmp_path / "a.html").write_text(MINUTES, encoding="utf-8")
    (tmp_path / "b.htm").write_text(MINUTES, encoding="utf-8")
    runner = CliRunner()
    checked = runner.invoke(main, ["check", "--no-cache", str(tmp_path)])
    assert checked.exit_code == 0, checked.output
    assert "2 filer kontrolleret" in checked.output
    parsed = runner.invoke(main, ["parse", str(tmp_path / "a.html")])
    assert parsed.exit_code == 0 and "item 2: Budget 2025" in parsed.output and "[line 12 of the HTML file]" in parsed.output
    piped = runner.invoke(main, ["check", "--no-cache", "-", "--stdin-filename", "x.html"], input=MINUTES.encode())
    assert piped.exit_code == 0, piped.output


# ---- bad input -----------------------------------------------------------------------------


def test_broken_html_is_read_as_a_browser_reads_it():
    broken = ("<html><body><h2>Punkt 1: Budget<p>24/00001<h3>Beslutning</h2><p><b>Godkendt.<p>Ikke fed</b>"
              "</div></span><table><td>a<td>b<tr><td>c</table><!-- uafsluttet kommentar <p>skjult")
    lines = lines_of(broken)
    # As a browser does: the <p> opened inside the <h2> is part of the heading.
    assert lines[:3] == ["## Punkt 1: Budget", "## 24/00001", "### Beslutning"]
    assert "**Godkendt.**" in lines and "a\tb" in lines and "c" in lines
    assert "skjult" not in " ".join(lines)
    result = Linter().lint_bytes("x.html", broken.encode())
    assert result.source is not None and not [d for d in result.diagnostics if d.code.startswith("RC00")]


@pytest.mark.parametrize("declaration", [
    '<meta charset="windows-1252">',
    '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">',
    "<meta charset='latin1'>",
])
def test_legacy_encoding_declared_in_a_meta_tag(declaration):
    data = (f"<html><head>{declaration}</head><body><p><b>Mødedato</b> Tirsdag</p>"
            "<p>Økonomiudvalget – Ærø</p></body></html>").encode("cp1252")
    text, encoding = decode_html(data)
    assert encoding == "cp1252" and "Økonomiudvalget – Ærø" in text
    document = load_html("x.html", data)
    assert document.extra[ENCODING_KEY] == "cp1252"
    assert lines_of(data) == ["**Mødedato** Tirsdag", "Økonomiudvalget – Ærø"]
    result = Linter().lint_bytes("x.html", data)
    assert not [d for d in result.diagnostics if d.code in ("RC003", "RC004")]  # declared: no encoding warning


def test_other_encodings():
    assert decode_html("<p>Ø</p>".encode("utf-8"))[1] == "utf-8"
    assert decode_html("<p>Ø</p>".encode("cp1252"))[1] == "cp1252"  # undeclared, not UTF-8: what browsers assume
    assert decode_html(b"\xef\xbb\xbf<p>\xc3\x98</p>") == ("<p>Ø</p>", "utf-8")
    assert decode_html("<p>Ø</p>".encode("utf-16"))[0] == "<p>Ø</p>"
    assert decode_html(b'<meta charset="koi8-r"><p>\xf0</p>')[1] == "koi8-r"
    assert decode_html(b'<meta charset="x-no-such"><p>a</p>')[1] == "utf-8"


def test_binary_file_named_html_is_unreadable(tmp_path):
    path = tmp_path / "x.html"
    path.write_bytes(b"\x00\x01\x02PNG" * 100)
    out = CliRunner().invoke(main, ["check", "--no-cache", str(path)])
    assert out.exit_code == 2 and "RC003" in out.output and "Traceback" not in out.output


def test_html_findings_carry_places_and_markdown_none(tmp_path):
    document = load_html("x.html", MINUTES.encode())
    assert all(isinstance(p, HtmlPlace) for p in document.extra[LOCATIONS])
    assert document.source.encoding == "html"


def test_deep_nesting_is_read_and_pathological_nesting_refused_quickly(tmp_path):
    deep = page("<div>" * 600 + "<p>Beslutning</p>" + "<table><tr><td>a</td><td>" + "<b>" * 350
                + "1</td></tr><tr><td>b</td><td>2</td></tr></table>")
    lines = lines_of(deep)
    assert lines[0] == "Beslutning" and lines[1] == "a\t**1**" and lines[2] == "b\t2"  # no RecursionError
    path = tmp_path / "x.html"
    path.write_text(page("<div>" * 20_000 + "<p>Beslutning</p>"), encoding="utf-8")
    out = CliRunner().invoke(main, ["check", "--no-cache", str(path)])
    assert out.exit_code == 2 and "RC003" in out.output and "nested too deeply" in CliRunner().invoke(
        main, ["check", "--no-cache", "--lang", "en", str(path)]).output
