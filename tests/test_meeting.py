"""MTG rules: the meeting head. Defects are injected into the real corpus at known lines."""

from __future__ import annotations

import datetime as dt

import pytest

import attrs

from conftest import CORPUS, EXAMPLES, HOLSTEBRO, SOENDERBORG, corpus_files, doc, lint
from referatcheck.dates import dates_in, find_times
from referatcheck.model import Field, Span, Title
from referatcheck_plugins.meeting_rules import RULES as MEETING_RULES


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


# ---- heads of other agenda systems (minutes-format.md §7.1) ------------------------------------

# Each head states committee, date, time and place, in its own layout.
HEAD_SHAPES = {
    "labels with colons": "Referat\n\nUdvalg: Økonomiudvalget\n\nDato: 29. januar 2020\n\nTidspunkt: Kl. 19:00\n\n"
                          "Lokale: Byrådssalen\n",
    "Mødefakta heading": "# Referat Økonomiudvalget\n\n## Mødefakta\n\nDato: 29. januar 2020\n\nTidspunkt: Kl. 19:00\n\n"
                         "Lokale: Byrådssalen\n",
    "upper-case labels": "Referat\n\nUDVALG\n\nØkonomiudvalget\n\nSTED\n\nKanalstræde 2\n\nSTARTTIDSPUNKT\n\n"
                         "04-06-2020 09:00:00\n\nSLUTTIDSPUNKT\n\n04-06-2020 11:00:00\n",
    "title holds everything": "Referat til mødet i Udvalget for Teknik og Miljø den 22. juni 2020 kl. 17:30 i "
                              "Byrådssalen\n",
    "title holds everything, heading": "# Referat til mødet i Udvalget for Teknik og Miljø den 22. juni 2020 kl. 17:30 "
                                       "i Byrådssalen\n",
    "committee dash referat dash date": "Økonomiudvalget – Referat – 1. oktober 2018\n\nTidspunkt: Kl. 19:00\n\n"
                                        "Lokale: Byrådssalen\n",
    "committee dash date": "# Børn & Læringsudvalget - 08-09-2021\n\nKl. 16:00 - 18:00\n\nMødelokale 1, Rådhuset\n",
    "beslutningsprotokol over a date line": "Beslutningsprotokol\n\nØkonomiudvalget\n\n"
                                            "onsdag den 4. marts 2015 kl. 09:00\n\nByrådssalen\n",
    "committee line over a date line": "Social- og Sundhedsudvalget\n\n05-04-2022\n\nKl. 19:00\n\nSted: Rådhuset\n",
    "committee heading over a date line": "# Social- og Sundhedsudvalget\n\n05-04-2022\n\nKl. 19:00\n\n"
                                          "Sted: Rådhuset\n",
    "month before day": "# Referat Kultur- og Fritidsudvalget d. 03-04-2019\n\nDato: Onsdag, April 3, 2019 - 18:00\n\n"
                        "Sted: Rådhuset\n",
    "day month comma year": "# Referat Kultur- og Fritidsudvalget d. 08-09-2021\n\n"
                            "Dato: Onsdag, 8 september, 2021 - 16:00\n\nSted: Rådhuset\n",
    "iso date and time range": "# Referat Økonomiudvalget d. 29-01-2020\n\nDato: 2020-01-29\n\n"
                               "Tidspunkt: 16:00 - 17:00\n\nSted: Rådhuset\n",
    "slash date": "# Referat Økonomiudvalget d. 06-11-2018\n\nMødedato: tirsdag d. 6/11 2018 kl. 9.00\n\n"
                  "Sted: Rådhuset\n",
    "date field over its value": "# Referat Økonomiudvalget d. 29-01-2020\n\nDato:\n\n29. januar 2020\n\n"
                                "Tid: 16.00\n\nSted:\n\nRådhuset\n",
    "municipality between title and date line": "# Referat – Økonomiudvalget\n\nKragsø Kommune\n\n"
                                                "Mandag den 4. marts 2024 kl. 14:00\n\nByrådssalen, Kragsø Rådhus\n",
    "municipality, date line with a time range": "Referat fra mødet i Økonomiudvalget\nKragsø Kommune\n"
                                                 "Mandag den 4. marts 2024, kl. 14.00-15.45\nSted: Byrådssalen\n",
    "two-column pipe table": "# Økonomiudvalget\n\n| Dato | 04-03-2024 |\n|---|---|\n| Tid | 14:00 |\n"
                             "| Sted | Rådhuset |\n",
    "two-column TAB table": "# Økonomiudvalget\n\nDato\t04-03-2024\nTid\t14:00\nSted\tRådhuset\n",
    "bullets with bold labels": "# Økonomiudvalget\n\n- **Dato:** Mandag den 4. marts 2024\n- **Tidspunkt:** 14:00\n"
                                "- **Sted:** Byrådssalen\n",
    "bullets with plain labels": "# Økonomiudvalget\n\n- Dato: Mandag den 4. marts 2024\n- Tidspunkt: 14:00\n"
                                 "- Sted: Byrådssalen\n",
    "labels that lost their bold": "# Referat Økonomiudvalget d. 04-03-2024\n\nMødedato Mandag den 4. marts 2024 kl. 14:00\n\n"
                                   "Mødested Byrådssalen\n",
    "setext title over its committee and municipality": "Referat\n=======\n\n"
                                                        "Økonomiudvalget, Kragsø Kommune\n-------------------------------\n\n"
                                                        "**Dato:** Mandag den 4. marts 2024\n\n**Tid:** Kl. 14.00\n\n"
                                                        "**Sted:** Byrådssalen\n",
}

# The head layouts of the probe (all for Økonomiudvalget's meeting of 4 March 2024 at 14:00): read
# into the meeting, so the decision rules compare with its date.
MARCH_HEADS = ["municipality between title and date line", "municipality, date line with a time range",
               "two-column pipe table", "two-column TAB table", "bullets with bold labels",
               "bullets with plain labels", "labels that lost their bold"]


@pytest.mark.parametrize("head", HEAD_SHAPES.values(), ids=list(HEAD_SHAPES))
def test_other_head_layouts_give_no_meeting_warning(head):
    assert found(head + ITEM, ("error", "warning")) == []


@pytest.mark.parametrize("head", HEAD_SHAPES.values(), ids=list(HEAD_SHAPES))
def test_a_time_and_a_place_stated_anywhere_in_the_head_are_found(head):
    assert [code for code, _, _ in found(head + ITEM) if code in ("MTG005", "MTG006")] == []


@pytest.mark.parametrize("name", [
    "labels with colons", "upper-case labels", "beslutningsprotokol over a date line",
    "committee line over a date line", "committee heading over a date line", "month before day",
    "date field over its value", "title holds everything", *MARCH_HEADS,
])
def test_a_date_stated_in_the_head_is_read(name):
    """Not even info: the head states the date, in a field or on a line of its own."""
    assert [code for code, _, _ in found(HEAD_SHAPES[name] + ITEM) if code == "MTG004"] == []


@pytest.mark.parametrize("name", ["committee line over a date line", "committee heading over a date line",
                                  "beslutningsprotokol over a date line", "labels with colons",
                                  "municipality between title and date line",
                                  "municipality, date line with a time range"])
def test_committee_and_date_on_lines_of_their_own_complete_the_title(name):
    assert [code for code, _, _ in found(HEAD_SHAPES[name] + ITEM) if code == "MTG001"] == []


def test_a_head_that_truly_lacks_a_time_is_still_info():
    head = "# Referat Økonomiudvalget d. 29-01-2020\n\nDato: 29. januar 2020\n\nLokale: Byrådssalen\n"
    assert found(head + ITEM) == [("MTG005", 3, "info")]
    blocks = "Beslutningsprotokol\n\nØkonomiudvalget\n\nonsdag den 4. marts 2015\n\nByrådssalen\n"
    assert found(blocks + ITEM) == [("MTG005", 1, "info")]


def test_a_head_that_truly_lacks_a_place_is_still_info():
    head = "# Referat Økonomiudvalget d. 29-01-2020\n\nDato: Onsdag, 29. januar 2020, kl. 16.00\n"
    assert found(head + ITEM) == [("MTG006", 1, "info")]


def test_a_head_without_any_date_still_warns():
    head = "# Referat Økonomiudvalget\n\nTidspunkt: Kl. 19:00\n\nSted: Rådhuset\n"
    result = found(head + ITEM)
    assert ("MTG004", 1, "warning") in result and ("MTG001", 1, "warning") in result


def test_a_malformed_time_in_another_time_label_is_a_warning():
    head = "# Referat Økonomiudvalget d. 29-01-2020\n\nDato: 29. januar 2020\n\nTidspunkt: Kl. 25:00\n\nSted: Rådhuset\n"
    assert found(head + ITEM) == [("MTG005", 5, "warning")]


def test_an_empty_place_field_with_the_place_elsewhere_is_info():
    head = ("# Referat til mødet i Økonomiudvalget den 29. januar 2020 kl. 17:30 i Byrådssalen\n\n"
            "**Mødedato** Onsdag d. 29. januar 2020 kl. 17:30\n\n**Mødested**\n\n**Mødedeltagere** Anne Als (A)\n")
    assert found(head + ITEM) == [("MTG006", 5, "info")]


def test_a_date_field_that_is_no_date_at_all_with_a_date_line_below():
    head = "# Referat Økonomiudvalget d. 29-01-2020\n\n**Mødedato** Onsdag\n\nden 29. januar 2020 kl. 16.00\n\nSted: Rådhuset\n"
    assert [c for c, _, _ in found(head + ITEM) if c == "MTG004"] == []


def test_wrong_weekday_in_the_english_forms():
    head = "# Referat Kultur- og Fritidsudvalget d. 03-04-2019\n\nDato: {} - 18:00\n\nSted: Rådhuset\n"
    assert found(head.format("Onsdag, April 3, 2019") + ITEM) == []
    assert found(head.format("Wednesday, April 3, 2019") + ITEM) == []
    result = lint(head.format("Torsdag, April 3, 2019") + ITEM, "MTG")
    assert [(d.code, d.span.line, d.severity.value) for d in result] == [("MTG002", 3, "error")]
    assert "onsdag" in result[0].message.da and "Wednesday" in result[0].message.en


def test_a_wrong_weekday_under_a_label_line_is_reported_at_the_value():
    head = "# Referat Økonomiudvalget d. 03-04-2019\n\nMødetidspunkt\n{}, April 3, 2019 - 18:00\n\nMødested\nRådhuset\n"
    assert found(head.format("Onsdag") + ITEM, ("error", "warning")) == []
    assert found(head.format("Torsdag") + ITEM, ("error", "warning")) == [("MTG002", 4, "error")]


def test_title_date_against_a_date_in_a_new_form():
    head = "# Referat Økonomiudvalget d. 02-04-2019\n\nDato: Onsdag, April 3, 2019 - 18:00\n\nSted: Rådhuset\n"
    assert ("MTG003", 1, "error") in found(head + ITEM)


DATED_ITEM = ("\n1. Godkendelse af dagsorden\n\nSagsnr.: 24/04410\n\nIndstilling\n\n"
              "Forvaltningen indstiller, at dagsordenen godkendes.\n\n"
              "Beslutning i Økonomiudvalget den {}\n\nGodkendt.\n")


@pytest.mark.parametrize("name", MARCH_HEADS)
def test_the_meeting_is_read_from_each_head_layout(name):
    text = HEAD_SHAPES[name] + DATED_ITEM.format("4. marts 2024")
    meeting = doc(text).facts.meeting
    assert (meeting.committee, meeting.date, meeting.start) == ("Økonomiudvalget", dt.date(2024, 3, 4), "14:00")
    assert meeting.place in ("Byrådssalen", "Rådhuset", "Byrådssalen, Kragsø Rådhus")
    assert [(d.code, d.severity.value) for d in lint(text)] == []


def test_a_wrong_weekday_in_a_label_that_lost_its_bold_is_found():
    text = HEAD_SHAPES["labels that lost their bold"].replace("Mandag", "Tirsdag") + ITEM
    assert [(d.code, d.span.line) for d in lint(text, "MTG")] == [("MTG002", 3)]


def test_a_committee_line_with_its_municipality_completes_a_bare_title():
    """`Referat` / `Økonomiudvalget, Kragsø Kommune` (pandoc's setext headings): the committee is read."""
    text = HEAD_SHAPES["setext title over its committee and municipality"] + DATED_ITEM.format("4. marts 2024")
    assert doc(text).facts.meeting.committee == "Økonomiudvalget"
    assert [(d.code, d.severity.value) for d in lint(text)] == [("MTG001", "info")]  # the date is in its field


@pytest.mark.parametrize("name", MARCH_HEADS)
def test_a_decision_of_another_day_is_reported_under_each_head_layout(name):
    text = HEAD_SHAPES[name] + DATED_ITEM.format("11. marts 2024")
    line = text.splitlines().index("Beslutning i Økonomiudvalget den 11. marts 2024") + 1
    assert [(d.code, d.span.line) for d in lint(text, ("DEC", "ITM"))] == [("DEC004", line)]


@pytest.mark.parametrize("name, wrong", [
    ("municipality between title and date line", ("4. marts 2024", "31. februar 2024")),
    ("two-column pipe table", ("04-03-2024", "31-02-2024")),
    ("two-column TAB table", ("04-03-2024", "31-02-2024")),
    ("bullets with bold labels", ("4. marts 2024", "31. februar 2024")),
])
def test_an_impossible_date_is_still_reported_under_each_head_layout(name, wrong):
    head = HEAD_SHAPES[name].replace(*wrong)
    assert ("MTG004", "warning") in [(code, severity) for code, _, severity in found(head + ITEM)]


@pytest.mark.parametrize("name, date_line", [
    ("municipality between title and date line", "Mandag den 4. marts 2024 kl. 14:00\n\n"),
    ("two-column pipe table", "| Dato | 04-03-2024 |\n|---|---|\n"),
    ("bullets with bold labels", "- **Dato:** Mandag den 4. marts 2024\n"),
])
def test_a_missing_date_is_still_reported_under_each_head_layout(name, date_line):
    head = HEAD_SHAPES[name].replace(date_line, "")
    assert ("MTG004", 1, "warning") in found(head + ITEM)


def test_a_two_column_table_of_names_in_the_head_is_no_field():
    """One row with a label (`| Medlemmer | Parti |` over names) does not make a table of fields."""
    head = HEAD_SHAPES["two-column TAB table"] + "\n| Medlemmer | Parti |\n|---|---|\n| Anne Holm | A |\n| Bo Dam | V |\n"
    document = doc(head + ITEM)
    assert [f.label for f in document.head.fields] == ["Dato", "Tid", "Sted"]
    assert len(document.head.blocks) == 1 and len(document.head.blocks[0].rows) == 4


# ---- fields by role (the lexer names what a label is for, whatever the label) ------------------


def meeting_findings(document):
    return sorted((d.code, d.span.line, d.severity.value) for rule in MEETING_RULES for d in rule().check(document, {}))


def role_head(**values):
    """A head as the rebuilt lexer gives it: `Referat` read as the title, and fields whose
    labels no list knows, named by their role."""
    given = {"committee": "Økonomiudvalget", "date": "Onsdag, April 3, 2019", "time": "19.00", "place": "Byrådssalen"}
    given.update(values)
    labels = {"committee": "Forsamling", "date": "Hvornår", "time": "Klokken", "place": "Hvor"}
    lines = ["Referat", ""]
    fields = []
    for role in ("committee", "date", "time", "place"):
        if given[role] is None:
            continue
        line = f"{labels[role]}: {given[role]}"
        number = len(lines) + 1
        lines += [line, ""]
        fields.append(Field(label=labels[role], value=given[role], span=Span.of_line(number, line),
                            value_span=Span(number, len(labels[role]) + 3, number, len(line) + 1), role=role))
    document = doc("\n".join(lines) + ITEM)
    title = Title(text="Referat", committee=None, period=None, date=None, span=Span.of_line(1, "Referat"))
    head = attrs.evolve(document.head, title=title, fields=tuple(fields), blocks=())
    return attrs.evolve(document, head=head)


def test_fields_found_by_role_whatever_their_label():
    assert meeting_findings(role_head()) == []


def test_role_fields_are_checked_like_labelled_ones():
    assert meeting_findings(role_head(date="Torsdag, April 3, 2019")) == [("MTG002", 5, "error")]
    assert meeting_findings(role_head(time="25.00")) == [("MTG005", 7, "warning")]
    assert meeting_findings(role_head(place="-")) == [("MTG006", 9, "warning")]
    # No readable date anywhere: the date field is unreadable and the title has none either.
    assert meeting_findings(role_head(date="3. april 20l9")) == [("MTG001", 1, "warning"), ("MTG004", 5, "warning")]


def test_a_bare_title_without_committee_anywhere_still_warns():
    assert meeting_findings(role_head(committee=None)) == [("MTG001", 1, "warning")]


def test_a_head_with_role_fields_but_no_time_is_info():
    assert meeting_findings(role_head(time=None)) == [("MTG005", 5, "info")]


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


@pytest.mark.parametrize("head, line", [
    ("# Referat fra byrådsmødet torsdag den 24. april 2024 kl. 18.00\n\nSted: Byrådssalen\n", 1),  # in the title
    ("Referat – Økonomiudvalget\n\nKragsø Kommune\n\nTirsdag den 4. marts 2024 kl. 14:00\n\n"  # a date line the
     "Byrådssalen, Kragsø Rådhus\n", 5),                                                       # title goes on to
])
def test_a_wrong_weekday_outside_a_date_field_is_found(head, line):
    found = [(d.code, d.span.line) for d in lint(head + ITEM, "MTG002")]
    assert found == [("MTG002", line)]
    right = head.replace("torsdag den 24", "onsdag den 24").replace("Tirsdag den 4", "Mandag den 4")
    assert lint(right + ITEM, "MTG002") == []
