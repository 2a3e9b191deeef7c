"""TXT: parts stated with `heraf` / `fordelt på` against their whole (invented snippets; corpus, examples)."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings, strategies as st

from conftest import EXAMPLES, corpus_files, lint
from referatcheck.figures import find_parts_statements

HEAD = "\n# REFERAT Socialudvalget d. 15-10-2024\n\n**Mødedato** Tirsdag d. 15. oktober 2024 kl. 16:00\n\n"


def minutes(prose: str) -> str:
    return (HEAD + "# Punkt 1: Orientering om brugertilfredshed\n\n24/04950\n\n## Sagsfremstilling\n\n"
            f"{prose}\n\n## Beslutning\n\nTaget til efterretning.\n")


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


def findings(prose: str):
    text = minutes(prose)
    return [(d.code, d.severity.value, d.span.line) for d in lint(text, "TXT")], text


def test_txt001_parts_do_not_make_the_whole():
    found, text = findings("Spørgeskemaet blev besvaret af 418 borgere, heraf 203 kvinder og 196 mænd. 86 pct. af "
                           "de adspurgte er tilfredse.")
    assert found == [("TXT001", "warning", line_of(text, "418 borgere"))]
    diagnostic = lint(text, "TXT")[0]
    assert diagnostic.span.column == text.splitlines()[diagnostic.span.line - 1].index("418") + 1
    assert "203 + 196 = 399" in diagnostic.message.da and "418" in diagnostic.message.da


def test_txt001_right_example_silent():
    assert findings("Spørgeskemaet blev besvaret af 418 borgere, heraf 203 kvinder og 215 mænd.")[0] == []


@pytest.mark.parametrize("prose", [
    # the corpus' own shapes
    "Pr. 17. november 2022 har kommunen fået anvist 342 Ukrainere, heraf 123 børn og 219 voksne. De voksne "
    "fordeler sig med 49 mænd og 170 kvinder.",
    "STAR har opgjort at 77 ukrainere er kommet i beskæftigelse. Det svarer til 59% af de jobparate, heraf mere end "
    "halvdelen i industri og rengøring.",
    "Kommunen har modtaget et ekstraordinært bloktilskud på 88,8 mio. kr., heraf 52,2 mio. kr. i "
    "beskæftigelsestilskud til forsikrede ledige.",
    # three parts, money, figures of another kind inside the list
    "Forslaget indeholder et anlægsprogram på 612 mio. kr. over de fire år, heraf 214 mio. kr. til skoler og "
    "dagtilbud, 156 mio. kr. til veje og klimatilpasning og 242 mio. kr. til øvrige projekter.",
    "Der flyttes 0,64 mio. kr. fra politikområde 21 Beskæftigelse, heraf 0,4 mio. kr. til politikområde 14 Sundhed "
    "og 0,24 mio. kr. til politikområde 22 Borgerservice.",
    "I alt 146 borgere deltog i en indsats, heraf 61 i brancheforløb og 85 i forløb med en virksomhedsmentor.",
    "I alt 146 borgere deltog fordelt på 61 i brancheforløb og 85 i forløb med en virksomhedsmentor.",
])
def test_consistent_and_unreadable_statements_are_silent(prose):
    assert findings(prose)[0] == []


@pytest.mark.parametrize("prose", [
    "120 ledige, heraf bl.a. 30 under 25 år og 40 langtidsledige.",  # not exhaustive
    "120 ledige, heraf ca. 30 kvinder og 40 mænd.",  # approximate
    "I 2024 var der 412 ledige under 30 år, heraf 187 kvinder og 200 mænd.",  # which figure is the whole?
    "Fra 2023 har 94 unge mellem 16 og 29 år været i kontakt, heraf 38 kvinder og 50 mænd.",
    "418 borgere svarede, heraf 40% kvinder og 50% mænd.",  # shares, not parts
    "418 borgere svarede, heraf 203 kvinder, 196 mænd og en del uden oplyst køn.",  # list ends in words
    "418 borgere svarede, heraf 203 kvinder og 196 mænd, mens 19 ikke svarede på spørgsmålet.",
    "Psykiatriplanen indeholder 39 anbefalinger fordelt på seks områder.",
    "Der er 146 borgere fordelt på 61 i brancheforløb og 84 i mentorforløb.",  # `fordelt på` needs `i alt`
])
def test_ambiguous_statements_are_not_checked(prose):
    assert findings(prose)[0] == []


def test_a_few_of_the_parts_is_not_a_breakdown():
    # two groups among many: silent; complementary groups or parts beyond the whole: reported
    assert findings("Der er 1.200 ledige, heraf 300 unge og 200 langtidsledige.")[0] == []
    found, text = findings("Der er 1.200 ledige, heraf 300 kvinder og 200 mænd.")
    assert found == [("TXT001", "warning", line_of(text, "1.200 ledige"))]
    found, text = findings("Der er 1.200 ledige, heraf 900 unge og 400 langtidsledige.")
    assert found == [("TXT001", "warning", line_of(text, "1.200 ledige"))]


def test_fordelt_paa_with_i_alt():
    found, text = findings("Der var i alt 146 borgere fordelt på 61 i brancheforløb og 83 i mentorforløb.")
    assert found == [("TXT001", "warning", line_of(text, "146 borgere"))]


@pytest.mark.parametrize("prose", [
    "Der er givet tilskud på 120.000 kr., 100.000 kr. og 90.000 kr., i alt 300.000 kr.",
    "Tilskuddene udgør 120.000 kr. til idræt, 100.000 kr. til kultur og 90.000 kr. til spejdere, i alt 300.000 kr.",
])
def test_total_after_its_parts(prose):
    found, text = findings(prose)
    assert found == [("TXT001", "warning", line_of(text, "120.000 kr."))]
    diagnostic = lint(text, "TXT")[0]
    assert diagnostic.span.column == text.splitlines()[diagnostic.span.line - 1].index("120.000") + 1
    assert "= 310.000" in diagnostic.message.da and "300.000" in diagnostic.message.da
    assert findings(prose.replace("i alt 300.000", "i alt 310.000"))[0] == []


@pytest.mark.parametrize("prose", [
    # another figure of the unit before the list: where does the list begin?
    "Budgettet er 2 mio. kr.; der gives 120.000 kr. til idræt og 100.000 kr. til kultur, i alt 300.000 kr.",
    "Der gives 120.000 kr. til idræt og 100.000 kr. til kultur, i alt mere end 200.000 kr.",
    "Der gives 120.000 kr. til idræt, 100.000 kr. til kultur m.fl., i alt 300.000 kr.",  # not exhaustive
    "Vi har 12 pladser i år, i alt 30 pladser.",  # one figure is no list
])
def test_total_after_unclear_lists_are_not_checked(prose):
    assert findings(prose)[0] == []


def test_three_parts_one_wrong():
    found, text = findings("Forslaget indeholder 612 mio. kr., heraf 214 mio. kr. til skoler, 156 mio. kr. til veje "
                           "og 252 mio. kr. til øvrige projekter.")
    assert found == [("TXT001", "warning", line_of(text, "612 mio. kr."))]


def test_rounding_only_is_info():
    found, text = findings("Der søges 20,0 mio. kr., heraf 4,6 mio. kr. i 2024 og 15,5 mio. kr. i 2025.")
    assert found == [("TXT001", "info", line_of(text, "20,0 mio. kr."))]
    found, _ = findings("Der søges 20,0 mio. kr., heraf 4,6 mio. kr. i 2024 og 15,6 mio. kr. i 2025.")
    assert found == [("TXT001", "warning", line_of(text, "20,0 mio. kr."))]


def test_statement_over_a_wrapped_paragraph_is_reported_at_the_whole():
    found, text = findings("Spørgeskemaet blev besvaret af 418 borgere,\nheraf 203 kvinder og 196 mænd.")
    assert found == [("TXT001", "warning", line_of(text, "418 borgere"))]


def test_list_items_are_read():
    found, text = findings("- at der flyttes 0,64 mio. kr., heraf 0,4 mio. kr. til Sundhed og 0,34 mio. kr. til "
                           "Borgerservice")
    assert found == [("TXT001", "warning", line_of(text, "0,64 mio. kr."))]


@settings(max_examples=80, deadline=None)
@given(st.integers(0, 5000), st.integers(0, 5000), st.integers(-3, 3))
def test_integer_parts_against_whole(a, b, off):
    assume(not 1900 <= a + b + off <= 2099 and a + b + off >= 0)  # a year is never taken as the whole
    text = f"Der var {a + b + off} borgere, heraf {a} kvinder og {b} mænd."
    statements = find_parts_statements(text)
    assert len(statements) == 1
    found = [(d.severity.value) for d in lint(minutes(text), "TXT")]
    if off == 0:
        assert found == []
    elif abs(off) == 1:
        assert found == ["info"]  # within the rounding intervals of the figures shown
    else:
        assert found == ["warning"]


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_corpus_gives_no_prose_findings(path, linter):
    result = linter.lint_bytes(str(path), path.read_bytes())
    assert [(d.code, d.span.line) for d in result.diagnostics if d.code.startswith("TXT")] == []


def test_corpus_sum_is_read_and_adds_up():
    path = next(p for p in corpus_files() if p.name.startswith("holstebro"))
    statements = [s for line in path.read_text(encoding="utf-8").splitlines() for s in find_parts_statements(line)]
    assert [(s.whole.text, [p.text for p in s.parts]) for s in statements] == [("342", ["123", "219"])]


def test_clean_examples_are_silent(linter):
    for path in sorted((EXAMPLES / "clean").glob("*.md")):
        result = linter.lint_bytes(str(path), path.read_bytes())
        assert [(d.code, d.span.line) for d in result.diagnostics if d.code.startswith("TXT001")] == [], path.name


def test_defect_example_found_at_its_line(linter):
    path = EXAMPLES / "defects" / "agenda-defects.md"
    result = linter.lint_bytes(str(path), path.read_bytes())
    assert [(d.code, d.span.line) for d in result.diagnostics if d.code == "TXT001"] == [("TXT001", 162)]


def test_long_line_stays_fast():
    import time

    prose = "418 borgere, heraf 203 kvinder og 196 mænd og " * 5000 + "1 " * 100000
    start = time.perf_counter()
    lint(minutes(prose), "TXT")
    assert time.perf_counter() - start < 10
