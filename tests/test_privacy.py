"""PRV: CPR numbers anywhere, case text under closed items (invented snippets; corpus and examples)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from conftest import EXAMPLES, corpus_files, lint
from referatcheck.cpr import find_cpr_numbers, mask_cpr
from referatcheck.engine import Linter
from referatcheck.reporters import BUILTIN, ReportOptions, get_reporter

HEAD = "\n# REFERAT Socialudvalget d. 15-10-2024\n\n**Mødedato** Tirsdag d. 15. oktober 2024 kl. 16:00\n\n"


def open_item(body: str, number: int = 1) -> str:
    return (f"# Punkt {number}: Orientering om klagesager\n\n24/04950\n\n## Sagsfremstilling\n\n{body}\n\n"
            f"## Beslutning Socialudvalget den 15-10-2024\n\nTaget til efterretning.\n\n")


def closed_item(body: str, number: int = 2) -> str:
    return f"## Punkt {number}: Lukket: Klage over afgørelse om hjemmehjælp - Lukket\n\n24/05033\n\n{body}"


def found(text: str, code: str):
    return [(d.code, d.span.line, d.span.column) for d in lint(text, code)]


# ---- CPR numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text, masked", [
    ("borgeren med cpr-nr. 120384-1234 fik medhold", "120384-XXXX"),
    ("Borgeren (120384-1234) fik medhold", "120384-XXXX"),
    ("CPR-nr. 1203841234", "120384-XXXX"),
    ("personnummer: 120384 1234", "120384-XXXX"),
    ("cpr 120384–1234", "120384-XXXX"),
    ("født 29. februar 2000, 290200-4123", "290200-XXXX"),
])
def test_cpr_numbers_found(text, masked):
    assert [n.masked for n in find_cpr_numbers(text)] == [masked]


@pytest.mark.parametrize("text", [
    "20/36381", "22/24308", "15.00.15-P16-1-21", "00.01.00-G01-52-22", "330-2018-3619", "330-2024-1201",
    "tlf. 120384-1234", "Konto 120384-1234", "1.229.781", "-11.654", "07-11-2023", "kl. 15:30",
    "1203841234",  # ten digits without a CPR label: an account, EAN or phone number as likely
    "320384-1234", "121384-1234", "290201-1234",  # no such dates (29 Feb 1901)
    "120384-12345", "0120384-1234", "120384-XXXX",
])
def test_not_cpr_numbers(text):
    assert find_cpr_numbers(text) == []


def test_prv001_found_at_its_line_and_column_and_masked():
    text = HEAD + open_item("Ankestyrelsen hjemviste en sag, hvor borgeren med cpr-nr. 120384-1234 fik medhold.")
    diagnostics = lint(text, "PRV001")
    line = text.splitlines().index(next(l for l in text.splitlines() if "cpr-nr." in l)) + 1
    column = text.splitlines()[line - 1].index("120384") + 1
    assert [(d.code, d.span.line, d.span.column, d.severity.value) for d in diagnostics] == [
        ("PRV001", line, column, "error")]
    assert "120384-XXXX" in diagnostics[0].message.da and "1234" not in diagnostics[0].message.da
    assert "1234" not in diagnostics[0].message.en


def test_prv001_right_example_silent():
    assert found(HEAD + open_item("Ankestyrelsen hjemviste en sag, hvor borgeren fik medhold."), "PRV") == []


def test_prv001_anywhere_in_the_document():
    text = HEAD + "**Mødested** Rådhuset\n\nReferent: Lise Lund, 010190-1234\n\n" + open_item("Intet.")
    assert [line for _, line, _ in found(text, "PRV001")] == [text.splitlines().index("Referent: Lise Lund, 010190-1234") + 1]


@pytest.mark.parametrize("name", sorted(BUILTIN))
def test_no_report_republishes_a_cpr_number(name):
    # (numbers other than the rule's documented example, which SARIF includes)
    text = HEAD + open_item("Borgeren med CPR-nr. 050607-4321 og hendes mand, CPR-nr. 0506074322, fik medhold.")
    result = Linter(keep_documents=True).lint_text(text, path="t.md")
    assert any(d.code == "PRV001" for d in result.diagnostics)
    shown = get_reporter(name)([result], ReportOptions())
    assert "4321" not in shown and "4322" not in shown and "050607-XXXX" in shown


def test_mask_keeps_columns():
    line = "Borgeren med cpr-nr. 120384-1234 fik medhold; CPR-nr. 1203841234."
    masked = mask_cpr(line)
    assert len(masked) == len(line) and "1234" not in masked.replace("120384", "")


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2036, 12, 31)), st.integers(0, 3999))
def test_every_dashed_cpr_with_a_real_date_is_found(date, serial):
    # Serials 0000-3999 are the 1900s; 4000-3999+ for later years follow the century rule.
    if date.year >= 2000:
        serial = 4000 + serial % 1000
    number = f"{date:%d%m%y}-{serial:04d}"
    assert [n.birth_date for n in find_cpr_numbers(f"Sag om {number}.")] == [date]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="0123456789-/., \tabcCPR:", max_size=200))
def test_masking_never_leaves_a_findable_number(text):
    assert find_cpr_numbers(mask_cpr(text)) == []


# ---- closed items ---------------------------------------------------------------------------------


def test_prv002_closed_item_with_case_text():
    text = HEAD + open_item("Intet.") + closed_item(
        "Borgeren er 84 år og bor alene i en lejlighed i Nordby Øst.\n\nDatteren kan ikke længere hjælpe.\n")
    lines = text.splitlines()
    assert found(text, "PRV002") == [("PRV002", lines.index(next(l for l in lines if l.startswith("Borgeren"))) + 1, 1)]


def test_prv002_right_examples_silent():
    for body in ("", "## Beslutning\n\nGodkendt.\n", "### Beslutning Socialudvalget den 15-10-2024\n\nGodkendt.\n\n"
                 "Ikke til stede: Jens Kold (A)\n", "## Sagsfremstilling\n\nSagen behandles for lukkede døre.\n",
                 "Mødet hævet kl. 17.45.\n\nJens Kold (A)   Ida Kronborg (A)   Poul Iversen (V)\n",
                 "Beslutning: Udvalget godkendte indstillingen.\n", "Punktet er lukket for offentligheden.\n"):
        assert found(HEAD + open_item("Intet.") + closed_item(body), "PRV") == [], body


def test_prv002_case_text_in_a_section_of_a_closed_item():
    text = HEAD + closed_item("## Sagsfremstilling\n\nMedarbejderen har været sygemeldt siden marts og ønsker "
                              "fratrædelse.\n\n## Beslutning\n\nGodkendt.\n", number=1)
    lines = text.splitlines()
    assert found(text, "PRV002") == [("PRV002", lines.index(next(l for l in lines if "sygemeldt" in l)) + 1, 1)]


def test_prv002_signature_page_instructions_are_no_case_text():
    text = HEAD + ("## Punkt 1: Lukket: Underskriftsside november 2023\n\n22/24370\n\n### Sagsresumé\n\n"
                   "Brug knappen GODKENDT i venstre side for at godkende/underskrive elektronisk.\n")
    assert found(text, "PRV") == []


def test_prv002_long_decision_is_a_warning():
    decision = ("Udvalget godkendte forliget med den tidligere medarbejder. " * 8).strip()
    text = HEAD + closed_item(f"## Beslutning\n\n{decision}\n", number=1)
    diagnostics = lint(text, "PRV002")
    assert [(d.span.line, d.severity.value) for d in diagnostics] == [(text.splitlines().index(decision) + 1, "warning")]


def test_prv002_open_items_may_have_case_text():
    assert found(HEAD + open_item("Borgeren er 84 år og bor alene i en lejlighed i Nordby Øst."), "PRV") == []


CASE_TEXT = ("Borgeren er 84 år og bor alene i en lejlighed i Nordby Øst.\n\n"
             "Datteren har oplyst, at hun ikke længere kan hjælpe med rengøringen.\n")


def _line_of(text: str, start: str) -> int:
    lines = text.splitlines()
    return lines.index(next(line for line in lines if line.startswith(start))) + 1


def severities(text: str):
    return [(d.code, d.span.line, d.severity.value) for d in lint(text, "PRV")]


@pytest.mark.parametrize("body, first, severity", [
    (CASE_TEXT, "Borgeren", "error"),  # before the first section
    ("## Sagsresumé\n\n" + CASE_TEXT + "\n## Beslutning\n\nGodkendt.\n", "Borgeren", "error"),
    ("## Bilag\n\nBorgerens lægeerklæring og udtalelse fra hjemmeplejen\n", "Borgerens", "error"),  # attachments
    ("**Borgeren er 84 år og bor alene i en lejlighed**\n", "**Borgeren", "error"),  # a bold-only line
    ("## Beslutning\n\nGodkendt.\n\n" + CASE_TEXT, "Borgeren", "warning"),  # after the decision's formula
    ("## Beslutning\n\n" + CASE_TEXT + "\nGodkendt.\n", "Borgeren", "warning"),  # before it
    ("## Beslutning\n\nGodkendt. Borgeren er 84 år og bor alene i en lejlighed i Nordby Øst.\n", "Godkendt.",
     "warning"),
])
def test_prv002_case_text_anywhere_in_a_closed_item(body, first, severity):
    text = HEAD + open_item("Intet.") + closed_item(body)
    assert severities(text) == [("PRV002", _line_of(text, first), severity)]


@pytest.mark.parametrize("heading, under", [
    ("## 2. Køb af grund ved Fjordvej (Fortroligt)", ""),
    ("## Punkt 2 (Lukket): Køb af grund ved Fjordvej", ""),
    ("## Sag 2 - Lukket punkt: Køb af grund ved Fjordvej", ""),
    ("## 2. Køb af grund ved Fjordvej", "Lukket sag\n\n"),
])
def test_prv002_other_closed_item_forms(heading, under):
    text = HEAD + open_item("Intet.") + f"{heading}\n\n{under}Sagsnr.: 24/07713\n\n## Sagsfremstilling\n\n{CASE_TEXT}"
    assert severities(text) == [("PRV002", _line_of(text, "Borgeren"), "error")]
    case_line = HEAD + open_item("Intet.") + ("## 2. Køb af grund ved Fjordvej\n\n"
                                               "Sagsnr.: 24/07713   Dok.nr.: 24/07713-2   Lukket\n\n" + CASE_TEXT)
    assert severities(case_line) == [("PRV002", _line_of(case_line, "Borgeren"), "error")]


@pytest.mark.parametrize("sentence", [
    "Medarbejderen har søgt aktindsigt i sin personalesag.",
    "Borgeren modtager offentlig forsørgelse og har været ledig i tre år.",
    "Borgeren modtager ikke offentlig forsørgelse.",
    "Sagen vedrører en medarbejder, der er fortrolig med sagens akter.",
    "Ejendommen ligger ved den lukkede skole på Havnevej 12.",
])
def test_prv002_case_text_with_a_notice_word_is_still_case_text(sentence):
    text = HEAD + open_item("Intet.") + closed_item(sentence + "\n")
    assert severities(text) == [("PRV002", _line_of(text, sentence[:20]), "error")]


@pytest.mark.parametrize("body", [
    "Sagsnr.: 330-2018-3619   Dok.nr.: 330-2018-500301   Lukket\n",
    "Lukket punkt\n\nTil toppen\n\nUdskriv\n",
    "Sagen behandles for lukkede døre.\n\nSe bilag\n",
    "## Beslutning\n\nSagen blev behandlet.\n",
    "## Beslutning\n\nTaget til efterretning.\n\nFor stemte: A, C og F (6)\n\nImod stemte: V (2)\n\n"
    "Jens Kold (A) ønskede sin afvigende mening tilført protokollen.\n",
    "## Beslutning\n\nUdvalget traf beslutning i sagen.\n\nIkke til stede: Jens Kold (A)\n",
    "## Beslutning\n\nBeslutningen er fortrolig.\n",
    "## Beslutning\n\nAnbefales.\n\nEt mindretal (V og O) kan ikke anbefale indstillingen.\n",
    "Punktet behandles for lukkede døre, jf. styrelseslovens § 10, stk. 2, og forvaltningslovens § 32.\n\n"
    "## Beslutning\n\nGodkendt.\n",
])
def test_prv002_what_a_closed_item_may_show(body):
    assert severities(HEAD + open_item("Intet.") + closed_item(body)) == [], body


def test_prv002_item_closed_by_its_title_alone():
    text = HEAD + open_item("Intet.") + (
        "## Punkt 2: Salg af erhvervsgrund på Havnevej - Lukket punkt\n\n330-2024-3377\n\n"
        "Køber er Havnevej Invest ApS, der tilbyder 4,2 mio. kr. for grunden.\n")
    assert severities(text) == [("PRV002", _line_of(text, "Køber er"), "error")]


def test_prv002_a_repeated_title_is_no_case_text():
    """Web pages print an item's title two or three times (a link list, then the item)."""
    text = HEAD + open_item("Intet.") + (
        "## Punkt 2: Lukket: Lejemål til jobcenterets afdeling i Ravnsbjerg Syd\n\n24/19870\n\n"
        "6. Lejemål til jobcenterets afdeling i Ravnsbjerg Syd\n\nLukket punkt\n\n## Beslutning\n\nGodkendt.\n")
    assert severities(text) == []
    text = text.replace("Lukket punkt\n", "Lejemål til jobcenterets afdeling i Ravnsbjerg Syd hos Syd Ejendomme ApS "
                                           "til en årlig husleje på 812.000 kr.\n")
    assert severities(text) == [("PRV002", _line_of(text, "Lejemål til jobcenterets afdeling i Ravnsbjerg Syd hos"),
                                 "error")]


def test_prv002_signature_page_with_case_text():
    text = HEAD + ("## Punkt 1: Lukket: Underskriftsside november 2023\n\n22/24370\n\n### Sagsresumé\n\n"
                   "Brug knappen GODKENDT i venstre side for at godkende/underskrive elektronisk.\n\n" + CASE_TEXT)
    assert severities(text) == [("PRV002", _line_of(text, "Borgeren er"), "error")]


def _closed_items(path):
    from referatcheck.decisions import is_closed
    from referatcheck.parse import parse_text

    return [item for item in parse_text(path.read_text(encoding="utf-8")).items if is_closed(item)]


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_prv002_case_text_added_under_each_closed_item_of_the_corpus(path):
    lines = path.read_text(encoding="utf-8").split("\n")
    closed = _closed_items(path)
    assert closed and all(item.case_number is not None for item in closed)
    for item in closed:
        at = item.case_number.span.line  # text added right after the case number
        text = "\n".join(lines[:at] + ["", *CASE_TEXT.splitlines()] + lines[at:])
        assert severities(text) == [("PRV002", at + 2, "error")], (path.name, item.number)
        decision = ["", "### **Beslutning**", "", "Godkendt.", "", *CASE_TEXT.splitlines()]
        text = "\n".join(lines[:at] + decision + lines[at:])
        assert severities(text) == [("PRV002", at + 6, "warning")], (path.name, item.number)


# ---- real documents ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_corpus_gives_no_privacy_findings(path, linter):
    result = linter.lint_bytes(str(path), path.read_bytes())
    assert [(d.code, d.span.line) for d in result.diagnostics if d.code.startswith("PRV")] == []


def test_clean_examples_are_silent(linter):
    for path in sorted((EXAMPLES / "clean").glob("*.md")):
        result = linter.lint_bytes(str(path), path.read_bytes())
        assert [(d.code, d.span.line) for d in result.diagnostics if d.code.startswith("PRV")] == [], path.name


def test_defect_example_findings_at_their_lines(linter):
    path = EXAMPLES / "defects" / "agenda-defects.md"
    result = linter.lint_bytes(str(path), path.read_bytes())
    assert sorted((d.code, d.span.line) for d in result.diagnostics if d.code.startswith("PRV")) == [
        ("PRV001", 212), ("PRV002", 226)]


def test_long_lines_stay_fast():
    import time

    text = HEAD + open_item("120384-1234 " * 5000 + "1" * 500000 + "-" * 100000 + "CPR " * 100000)
    start = time.perf_counter()
    found = lint(text, "PRV001")
    assert len(found) == 11 and "flere" in found[-1].message.da  # ten, then one for the rest of the line
    assert time.perf_counter() - start < 10
