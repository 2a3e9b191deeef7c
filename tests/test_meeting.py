"""MTG rules: the meeting head. Defects are injected into the real corpus at known lines."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import CORPUS, EXAMPLES, HOLSTEBRO, SOENDERBORG, corpus_files, lint
from referatcheck.dates import dates_in, find_times
from referatcheck_plugins.meeting import RULES as MEETING_RULES



# Both files: title on line 3, Mødedato on line 5, Mødested on line 7.
TITLE, DATE, PLACE = 3, 5, 7

ITEM = """
# Punkt 1: Godkendelse af dagsorden

22/24308

## Indstilling

Forvaltningen indstiller til Arbejdsmarkedsudvalget at godkende

- dagsordenen.

## Beslutning

Godkendt.
"""


def lines_of(path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def edited(path, line: int, old: str, new: str) -> str:
    lines = lines_of(path)
    assert old in lines[line - 1], (line, lines[line - 1])
    lines[line - 1] = lines[line - 1].replace(old, new)
    return "\n".join(lines)


def found(text: str, severities=("error", "warning", "info")):
    return [(d.code, d.span.line, d.severity.value) for d in lint(text, "MTG") if d.severity.value in severities]


# ---- silence on correct minutes ------------------------------------------------------------


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_corpus_gives_no_meeting_finding(path):
    assert found(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", sorted((EXAMPLES / "clean").glob("*.md")), ids=lambda p: p.name)
def test_clean_examples_give_no_meeting_finding(path):
    assert found(path.read_text(encoding="utf-8")) == []


def test_a_markdown_file_that_is_not_minutes_is_left_alone():
    assert found("# Expected findings\n\nSome notes about the examples.\n") == []


# ---- MTG001 title ----------------------------------------------------------------------------


def test_title_without_committee():
    text = edited(SOENDERBORG, TITLE, "Arbejdsmarkedsudvalget ", "")
    assert found(text) == [("MTG001", TITLE, "warning")]


def test_committee_in_a_head_field_instead_of_the_title():
    head = "# REFERAT d. 07-11-2023\n\nUdvalg: Arbejdsmarkedsudvalget\n\n**Mødedato** Tirsdag d. 07. november 2023 kl. 15:30\n\n**Mødested** Borgen\n"
    assert found(head + ITEM) == []


def test_title_without_date_but_with_a_meeting_date_is_info():
    text = edited(SOENDERBORG, TITLE, " d. 07-11-2023", "")
    assert found(text) == [("MTG001", TITLE, "info")]


def test_minutes_without_any_title_are_info():
    assert found("**Mødedato** Tirsdag d. 07. november 2023 kl. 15:30\n\n**Mødested** Borgen\n" + ITEM) == [
        ("MTG001", 1, "info")
    ]


# ---- MTG002 weekday --------------------------------------------------------------------------


def test_wrong_weekday_at_the_meeting_date_line():
    result = lint(edited(SOENDERBORG, DATE, "Tirsdag", "Onsdag"), "MTG")
    assert [(d.code, d.span.line, d.severity.value) for d in result] == [("MTG002", DATE, "error")]
    assert "tirsdag" in result[0].message.da and "Tuesday" in result[0].message.en


def test_wrong_weekday_holstebro():
    assert found(edited(HOLSTEBRO, DATE, "Mandag", "Tirsdag")) == [("MTG002", DATE, "error")]


def test_weekday_after_the_date_or_abbreviated_is_not_read():
    head = "# REFERAT Arbejdsmarkedsudvalget d. 07-11-2023\n\n**Mødedato** 7. november 2023 (tirsdag) kl. 15:30\n\n**Mødested** Borgen\n"
    assert found(head + ITEM) == []


# ---- MTG003 title date against the meeting date ---------------------------------------------


def test_title_date_differs_reported_at_the_title_when_headers_agree_with_the_meeting_date():
    result = lint(edited(SOENDERBORG, TITLE, "07-11-2023", "08-11-2023"), "MTG")
    assert [(d.code, d.span.line, d.severity.value) for d in result] == [("MTG003", TITLE, "error")]
    assert "8 beslutningsoverskrifter" in result[0].message.da


def test_meeting_date_differs_reported_at_the_date_line_when_headers_agree_with_the_title():
    lines = lines_of(SOENDERBORG)
    lines[DATE - 1] = lines[DATE - 1].replace("Tirsdag d. 07.", "Onsdag d. 08.")
    assert found("\n".join(lines)) == [("MTG003", DATE, "error")]


def test_title_date_differs_without_decision_headers_is_reported_at_the_title():
    assert found(edited(HOLSTEBRO, TITLE, "28-11-2022", "29-11-2022")) == [("MTG003", TITLE, "error")]


def test_a_two_day_meeting_covers_the_title_date():
    head = ("# REFERAT Arbejdsmarkedsudvalget d. 28-11-2022\n\n**Mødedato** Mandag d. 28.-29. november 2022 "
            "kl. 13:00\n\n**Mødested** Rådhuset\n")
    assert found(head + ITEM) == []


# ---- MTG004 meeting date ----------------------------------------------------------------------


def test_impossible_meeting_date():
    result = lint(edited(SOENDERBORG, DATE, "07. november", "31. november"), "MTG")
    codes = [(d.code, d.span.line, d.severity.value) for d in result]
    assert ("MTG004", DATE, "warning") in codes
    assert "31. november 2023 findes ikke" in next(d for d in result if d.code == "MTG004").message.da


def test_misspelt_month_makes_the_date_unreadable():
    assert ("MTG004", DATE, "warning") in found(edited(SOENDERBORG, DATE, "november", "novembr"))


def test_missing_date_field_with_a_dated_title_is_info():
    lines = lines_of(HOLSTEBRO)
    lines[DATE - 1] = ""
    result = found("\n".join(lines))
    assert ("MTG004", TITLE, "info") in result
    assert all(severity == "info" for _, _, severity in result)


def test_no_meeting_date_anywhere_is_a_warning():
    text = "# REFERAT Arbejdsmarkedsudvalget\n\n**Mødested** Borgen\n" + ITEM
    assert ("MTG004", 1, "warning") in found(text)


# ---- MTG005 time ------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["kl. 25:30", "kl. 15:75", "kl. 1530", "kl. 15:3"])
def test_malformed_time(bad):
    assert found(edited(SOENDERBORG, DATE, "kl. 15:30", bad)) == [("MTG005", DATE, "warning")]


def test_missing_time_is_info():
    assert found(edited(HOLSTEBRO, DATE, " kl. 13:00", "")) == [("MTG005", DATE, "info")]


def test_time_in_a_separate_field():
    head = "# REFERAT Økonomiudvalget d. 02-09-2024\n\nDato: Mandag den 2. september 2024\n\nTid: {}\n\nSted: Rådhuset\n"
    assert found(head.format("16.00 - 18.00") + ITEM) == []
    assert found(head.format("26.00") + ITEM) == [("MTG005", 5, "warning")]


def test_date_and_time_in_mødetidspunkt():
    head = "# REFERAT Økonomiudvalget d. 02-09-2024\n\nMødetidspunkt: 2. september 2024, kl. 16.00\n\nMødested: Rådhuset\n"
    assert found(head + ITEM) == []


# ---- MTG006 place -----------------------------------------------------------------------------


def test_empty_place():
    assert found(edited(SOENDERBORG, PLACE, "Borgen, mødelokale Italien (F)", "")) == [("MTG006", PLACE, "warning")]


def test_missing_place_is_info():
    lines = lines_of(HOLSTEBRO)
    lines[PLACE - 1] = ""
    assert found("\n".join(lines)) == [("MTG006", TITLE, "info")]


# ---- dates.py helpers used here ---------------------------------------------------------------


def test_find_times():
    def read(text, bare=False):
        return [(m.hour, m.minute, m.valid) for m in find_times(text, bare=bare)]

    assert read("Tirsdag d. 07. november 2023 kl. 15:30") == [(15, 30, True)]
    assert read("kl. 15") == [(15, 0, True)]
    assert read("kl. ca. 9.30") == [(9, 30, True)]
    assert read("kl. 25:00") == [(25, 0, False)]
    assert read("kl.") == [(None, None, False)]
    assert read("07.11.2023 15.30", bare=True) == [(15, 30, True)]
    assert read("15.30 - 17.00", bare=True) == [(15, 30, True), (17, 0, True)]


def test_dates_in_reads_day_ranges():
    assert dates_in("Mandag d. 28.-29. november 2022") == {dt.date(2022, 11, 28), dt.date(2022, 11, 29)}
    assert dates_in("31. juni 2023") == set()


def test_a_runaway_date_field_is_fast():
    import time

    text = "# REFERAT Udvalget d. 01-01-2024\n**Mødedato** " + "kl. 1" * 200_000 + ITEM
    start = time.perf_counter()
    lint(text, "MTG")
    assert time.perf_counter() - start < 5


def test_agenda_defects_example():
    text = (EXAMPLES / "defects" / "agenda-defects.md").read_text(encoding="utf-8")
    assert found(text, ("error", "warning")) == [("MTG003", 3, "error"), ("MTG002", 5, "error")]


@pytest.mark.parametrize("rule", MEETING_RULES, ids=lambda r: r.code)
def test_rule_documentation_examples(rule):
    """`referatcheck explain` shows a wrong example the rule finds and a right one it accepts."""
    assert rule.code.startswith("MTG") and rule.family == "MTG"
    assert [d.code for d in lint(rule.doc.wrong, rule.code)] and rule.doc.summary_en and rule.doc.why_en
    assert lint(rule.doc.right, rule.code) == []
