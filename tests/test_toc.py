"""TOC rules: each defect kind at its line; silence on the corpus and on clean examples."""

from __future__ import annotations

import re

import pytest

from conftest import CORPUS, EXAMPLES, SOENDERBORG, corpus_files, doc, lint
from snippets import SHAPES_ITEMS, TOC_SHAPES, shape_text as _shape_text

# In SOENDERBORG the TOC entries stand on lines 14-23 and item 5's heading on line 328.


def corpus_lines() -> list[str]:
    return SOENDERBORG.read_text(encoding="utf-8").split("\n")


def toc_findings(lines: list[str]):
    return [(d.code, d.span.line) for d in lint("\n".join(lines), "TOC")]


def test_corpus_gives_no_toc_finding():
    for path in corpus_files():
        assert lint(path.read_text(encoding="utf-8"), "TOC") == [], path.name


def test_clean_examples_give_no_toc_finding():
    for path in sorted((EXAMPLES / "clean").glob("*.md")):
        assert lint(path.read_text(encoding="utf-8"), "TOC") == [], path.name


def test_near_miss_one_word_is_a_warning_showing_the_words():
    lines = corpus_lines()
    lines[17] = lines[17].replace("takster for budgetåret", "takster til budgetåret")
    found = lint("\n".join(lines), "TOC")
    assert [(d.code, d.span.line, d.severity.value) for d in found] == [("TOC003", 18, "warning")]
    message = found[0].message.da
    assert '"til"' in message and '"for"' in message and "linje 328" in message
    assert "line 328" in found[0].message.en


def test_near_miss_one_letter():
    lines = corpus_lines()
    lines[13] = lines[13].replace("dagsorden", "dagsordne")
    assert toc_findings(lines) == [("TOC003", 14)]


def test_deleted_entry_is_reported_where_it_stood():
    lines = corpus_lines()
    del lines[19]  # "Orientering om ledelsesinformation september 2023"
    found = lint("\n".join(lines), "TOC")
    assert [(d.code, d.span.line) for d in found] == [("TOC002", 20)]
    assert "Punkt 7" in found[0].message.da and "linje 419" in found[0].message.da


def test_entry_without_item():
    lines = corpus_lines()
    lines.insert(17, "Orientering om noget helt andet.....\t9")
    assert toc_findings(lines) == [("TOC001", 18)]


def test_duplicated_entry():
    lines = corpus_lines()
    lines.insert(15, lines[14])
    found = lint("\n".join(lines), "TOC")
    assert [(d.code, d.span.line) for d in found] == [("TOC001", 16)]
    assert "to gange" in found[0].message.da


def test_swapped_entries_flag_both_lines():
    lines = corpus_lines()
    lines[14], lines[15] = lines[15], lines[14]
    found = toc_findings(lines)
    assert ("TOC004", 15) in found and ("TOC004", 16) in found
    assert ("TOC005", 16) in found  # the pages came along and now decrease


def test_entry_moved_far():
    lines = corpus_lines()
    moved = lines.pop(13)
    lines.insert(22, moved)
    found = toc_findings(lines)
    assert ("TOC004", 23) in found
    assert [c for c, _ in found if c == "TOC004"] == ["TOC004"]


def test_decreasing_page():
    lines = corpus_lines()
    lines[18] = lines[18].replace("\t16", "\t12")
    assert toc_findings(lines) == [("TOC005", 19)]


def test_unrelated_title_in_place():
    lines = corpus_lines()
    lines[16] = "Godkendelse af regulativ for vejbelysning i landdistrikterne.....\t9"
    assert toc_findings(lines) == [("TOC006", 17)]


def test_truncated_entry_matches_as_prefix_but_not_when_it_differs():
    lines = corpus_lines()
    assert "beskæftig\t7" in lines[15]
    assert toc_findings(lines) == []
    lines[15] = lines[15].replace("personer med handicap", "personer uden handicap")
    assert toc_findings(lines) == [("TOC003", 16)]


def test_shortened_entry_with_leader_is_not_a_prefix_match():
    lines = corpus_lines()
    lines[17] = "Godkendelse af takster.....\t14"
    assert toc_findings(lines) == [("TOC006", 18)]


NUMBERED = """REFERAT Økonomiudvalget d. 04-06-2020

Indholdsfortegnelse

57. Godkendelse af dagsorden\t2
58. Regnskab 2019\t3
59. Eventuelt\t4

57. Godkendelse af dagsorden

330-2020-1

58. Regnskab 2019

330-2020-2

60. Eventuelt

330-2020-3
"""


def test_numbered_toc_number_mismatch():
    found = [(d.code, d.span.line) for d in lint(NUMBERED, "TOC")]
    assert found == [("TOC007", 7)]


def test_no_items_recognised_is_info_only():
    text = "# REFERAT X d. 01-01-2024\n\n## Indholdsfortegnelse\n\nGodkendelse.....\t3\n\nGodkendelse\n\nGodkendt.\n"
    found = lint(text, "TOC")
    assert [(d.code, d.severity.value, d.span.line) for d in found] == [("TOC008", "info", 3)]


def test_markup_and_trailing_period_are_ignored():
    text = ("## Indholdsfortegnelse\n\nGodkendelse af \\*takster\\* for 2024.\t9\n\n"
            "# **Punkt 1: Godkendelse af *takster* for 2024.**\n\n24/1234\n")
    assert lint(text, "TOC") == []


@pytest.mark.parametrize("entry, heading", [
    ('Høring om "grøn flåde" - køretøjer', "Høring om “grøn ﬂåde” — køretøjer"),  # quotes, dash, ligature
    ("Klimaplan – status 2024", "Klimaplan - status 2024"),
    ("Trafik\u00adsikkerhedsplan 2024", "Trafiksikkerhedsplan 2024"),  # a soft hyphen is invisible
])
def test_typography_is_ignored(entry, heading):
    text = (f"## Indholdsfortegnelse\n\n{entry}.....\t9\n\n# **Punkt 1: {heading}**\n\n24/1234\n")
    assert lint(text, "TOC") == []
    wrong = text.replace("2024.....", "2025.....").replace("køretøjer.....", "biler.....")
    assert [d.code for d in lint(wrong, "TOC")] == ["TOC003"]


def test_a_toc_heading_with_a_soft_hyphen_is_read():
    text = ("## Indholds\u00adfortegnelse\n\nGodkendelse af dagsorden.....\t9\n\n"
            "# **Punkt 1: Godkendelse af referat**\n\n24/1234\n")
    assert [(d.code, d.span.line) for d in lint(text, "TOC")] == [("TOC003", 3)]


def _expected_toc_lines() -> set[int]:
    rows = (EXAMPLES / "defects" / "EXPECTED.md").read_text(encoding="utf-8").splitlines()
    return {int(m.group(1)) for row in rows if (m := re.match(r"\| `toc-defects\.md` \| (\d+) \|", row))}


def test_example_toc_defects_are_found_at_their_lines():
    path = EXAMPLES / "defects" / "toc-defects.md"
    found = {d.span.line for d in lint(path.read_text(encoding="utf-8"), "TOC")}
    expected = _expected_toc_lines()
    assert expected and expected <= found, (expected, found)


# ---- other shapes of TOC: numbered `1)`, bullet lists, tables ------------------------------

def _entry_line(text: str, title: str) -> int:
    return next(k for k, line in enumerate(text.split("\n"), 1) if title in line and "|---" not in line)


@pytest.mark.parametrize("shape", sorted(TOC_SHAPES))
def test_toc_shape_is_read_with_numbers_titles_and_pages(shape):
    text = _shape_text(TOC_SHAPES[shape])
    toc = doc(text).toc
    entries = [(e.number, e.title, e.page) for e in toc.entries]
    titles = ["Godkendelse af dagsorden", "Tilskud til foreninger", "Eventuelt"]
    numbered = "bullets-paged" not in shape
    paged = "no-pages" not in shape and "bullet" not in shape.replace("bullets-paged", "")
    assert entries == [(k + 1 if numbered else None, title, k + 2 if paged else None) for k, title in enumerate(titles)]
    assert [e.span.line for e in toc.entries] == [_entry_line(text, t) for t in titles]
    assert lint(text) == [], shape  # a correct TOC: no finding at all, so no fix offered either


@pytest.mark.parametrize("shape", sorted(TOC_SHAPES))
def test_toc_shape_defects_are_found_at_their_lines(shape):
    near = _shape_text(TOC_SHAPES[shape].replace("Tilskud til foreninger", "Tilskud til foreningerne"))
    found = lint(near, "TOC")
    assert [(d.code, d.span.line) for d in found] == [("TOC003", _entry_line(near, "foreningerne"))], shape
    assert '"foreningerne"' in found[0].message.da and '"foreninger"' in found[0].message.da
    if shape.startswith("paren") or "columns" in shape or "pipe" in shape:
        wrong = _shape_text(re.sub(r"(?m)^(\|? ?)2([)\t ])", r"\g<1>5\2", TOC_SHAPES[shape]))
        assert [(d.code, d.span.line) for d in lint(wrong, "TOC")] == [("TOC007", _entry_line(wrong, "Tilskud"))]


def test_a_budget_table_is_never_a_toc():
    budget = ("| Område | Budget | Side |\n|---|---|---|\n| Drift | 120 | 2 |\n| Anlæg | 30 | 3 |\n\n"
              "Drift\t120\nAnlæg\t30\nI alt\t150\n\n")
    for front in (budget, "Dagsorden\n\n" + budget, "Indholdsfortegnelse\n\n" + budget):
        document = doc(_shape_text(front))
        assert document.toc is None or document.toc.entries == (), front
        assert len(document.items) == 3 and lint(_shape_text(front), "TOC") == []


def test_a_table_that_names_too_few_items_is_not_a_toc():
    """Without a heading or a header row only a table whose rows nearly all name items is a TOC."""
    rows = "| 1 | Godkendelse af dagsorden | 2 |\n|---|---|---|\n| 2 | Vejbelysning i landdistrikterne | 3 |\n" \
           "| 3 | Eventuelt | 4 |\n\n"
    assert doc(_shape_text(rows)).toc is None
    assert lint(_shape_text(rows), "TOC") == []
    named = rows.replace("Vejbelysning i landdistrikterne", "Tilskud til foreninger")
    assert len(doc(_shape_text("Dagsorden\n\n" + named)).toc.entries) == 3
    backwards = named.replace("| 1 |", "| 9 |").replace("| 2 |", "| 8 |").replace("| 3 |", "| 7 |")
    assert doc(_shape_text("Dagsorden\n\n" + backwards)).toc.entries == ()  # numbers that fall: not item numbers


def test_toc003_names_a_word_on_one_side_as_such():
    text = _shape_text(TOC_SHAPES["paren"].replace("Tilskud til foreninger", "Tilskud til de foreninger"))
    [found] = lint(text, "TOC")
    assert found.message.da.endswith('indholdsfortegnelsen har "de", som ikke står i overskriften.')
    assert found.message.en.endswith('the table of contents has "de", which the heading lacks.')
    text = _shape_text(TOC_SHAPES["paren"].replace("Tilskud til foreninger", "Tilskud foreninger"))
    [found] = lint(text, "TOC")
    assert found.message.da.endswith('overskriften har "til", som mangler i indholdsfortegnelsen.')
    assert "–" not in found.message.da


def test_column_toc_right_under_a_head_table_is_read():
    """`Pkt.<TAB>Tekst<TAB>Side` with no heading, a blank line under a head written as a pipe table,
    with running item numbers: read as the TOC, not as more rows of the head's table."""
    head = "| Møde | Ordinært møde |\n|---|---|\n| Sted | Rådhuset |\n| Medlemmer | Ida Holm (A) |\n\n"
    toc = "Pkt.\tTekst\tSide\n214\tGodkendelse af dagsorden\t2\n215\tTilskud til foreninger\t3\n216\tEventuelt\t4\n\n"
    items = SHAPES_ITEMS.replace("1. Godk", "214. Godk").replace("2. Tilskud", "215. Tilskud").replace(
        "3. Eventuelt", "216. Eventuelt")
    text = "Kultur- og Fritidsudvalget\n\n" + head + toc + items
    document = doc(text)
    assert [(e.number, e.title, e.page, e.span.line) for e in document.toc.entries] == [
        (214, "Godkendelse af dagsorden", 2, 9), (215, "Tilskud til foreninger", 3, 10), (216, "Eventuelt", 4, 11)]
    assert all(block.span.end_line < 8 for block in document.head.blocks)  # the head's table ends above it
    assert lint(text, "TOC") == []
    assert [(d.code, d.span.line) for d in lint(text.replace("215\tTilskud", "217\tTilskud"), "TOC")] == [("TOC007", 10)]


def test_a_closed_entry_left_out_of_the_published_minutes_is_info():
    text = ("# REFERAT Økonomiudvalget d. 04-03-2024\n\n## Indholdsfortegnelse\n\n1. Godkendelse af dagsorden\t2\n"
            "2. Lukket: Personalesag\t3\n3. Eventuelt\t4\n\n# Punkt 1: Godkendelse af dagsorden\n\n24/00211\n\n"
            "## Beslutning\n\nGodkendt.\n\n# Punkt 3: Eventuelt\n\n24/00212\n\n## Beslutning\n\nIntet.\n")
    found = [(d.code, d.span.line, d.severity.value) for d in lint(text, ("TOC", "ITM001"))]
    assert found == [("TOC001", 6, "info"), ("ITM001", 17, "info")]
    # an open entry without its item is still an error
    opened = text.replace("Lukket: Personalesag", "Personalesag")
    assert [(d.code, d.severity.value) for d in lint(opened, ("TOC001", "ITM001"))] == [
        ("TOC001", "error"), ("ITM001", "warning")]
