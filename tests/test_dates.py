"""dates.py: every date and time form of minutes-format.md §1 and §7.1, and what is no date."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest
from hypothesis import given, settings, strategies as st

from conftest import CORPUS, EXAMPLES

from referatcheck.dates import (
    MONTHS, WEEKDAYS, DateMention, dates_in, find_dates, find_time, find_times, first_date, weekday_name,
)

D = dt.date


def read(text: str) -> list[tuple[dt.date | None, str | None]]:
    return [(m.date, m.weekday) for m in find_dates(text)]


def times(text: str, bare: bool = False) -> list[tuple[int | None, int | None, bool]]:
    return [(m.hour, m.minute, m.valid) for m in find_times(text, bare=bare)]


# ---- dates that are read ----------------------------------------------------------------------

@pytest.mark.parametrize("text, date, weekday", [
    # §1: the corpus's own forms
    ("d. 07-11-2023", D(2023, 11, 7), None),
    ("Tirsdag d. 07. november 2023 kl. 15:30", D(2023, 11, 7), "tirsdag"),
    ("7.11.2023", D(2023, 11, 7), None),
    ("den 2. september 2024", D(2024, 9, 2), None),
    ("Mandag den 2. september 2024", D(2024, 9, 2), "mandag"),
    ("07-11-23", D(2023, 11, 7), None),
    ("Bilag - AMU 28.11.22 - Aktuel arbejdsmarkedssituation", D(2022, 11, 28), None),
    ("Beskaeftigelsepolitikken\\_2023-2026\\_(Godkendt\\_21-12-2022)", D(2022, 12, 21), None),
    # §7.1
    ("Dato: 29. januar 2020", D(2020, 1, 29), None),
    ("29-01-2020", D(2020, 1, 29), None),
    ("04-06-2020 09:00:00", D(2020, 6, 4), None),
    ("2020-01-29", D(2020, 1, 29), None),
    ("Onsdag, 8 september, 2021 - 16:00", D(2021, 9, 8), "onsdag"),
    ("Onsdag, April 3, 2019 - 18:00", D(2019, 4, 3), "onsdag"),
    ("Onsdag, april 3, 2019", D(2019, 4, 3), "onsdag"),
    ("Wednesday, April 3, 2019", D(2019, 4, 3), "onsdag"),
    ("Tuesday, March 3rd, 2020", D(2020, 3, 3), "tirsdag"),
    ("d. 6/11 2018", D(2018, 11, 6), None),
    ("tirsdag d. 6/11 2018", D(2018, 11, 6), "tirsdag"),
    ("6/11-2018", D(2018, 11, 6), None),
    ("Økonomiudvalget – Referat – 1. oktober 2018", D(2018, 10, 1), None),
    ("1. okt. 2018", D(2018, 10, 1), None),
    ("3. sept. 2019", D(2019, 9, 3), None),
    ("12 febr. 2019", D(2019, 2, 12), None),
    ("onsdag den 4. marts 2015 kl. 09:00", D(2015, 3, 4), "onsdag"),
    ("Referat til mødet i Udvalget for Teknik og Miljø den 22. juni 2020 kl. 17:30 i Byrådssalen",
     D(2020, 6, 22), None),
    ("Børn & Læringsudvalget - 08-09-2021", D(2021, 9, 8), None),
    ("Kultur- og Idrætsudvalget, 03-04-2019, pkt. 42", D(2019, 4, 3), None),
    ("Beslutning i Økonomiudvalget den 1. oktober 2018:", D(2018, 10, 1), None),
    ("STARTTIDSPUNKT 04-06-2020 09:00:00", D(2020, 6, 4), None),
    ("Dato: 6/11 2018", D(2018, 11, 6), None),
    ("Mødet holdes\n6/11 2018", D(2018, 11, 6), None),
    ("8 September, 2021", D(2021, 9, 8), None),
    ("3 May 2019", D(2019, 5, 3), None),
])
def test_a_date_form_is_read(text, date, weekday):
    assert read(text) == [(date, weekday)]


def test_the_mention_spans_the_date_itself_not_the_weekday():
    text = "Onsdag, April 3, 2019 - 18:00"
    mention = find_dates(text)[0]
    assert text[mention.start:mention.end] == mention.text == "April 3, 2019"
    assert isinstance(mention, DateMention)


def test_an_impossible_date_is_a_mention_without_a_date():
    assert read("31. november 2023") == [(None, None)]
    assert read("Mandag d. 31. juni 2024") == [(None, "mandag")]
    assert read("30-02-2020") == [(None, None)]
    assert dates_in("31. juni 2023") == set()


def test_several_dates_in_order():
    assert [m.date for m in find_dates("fra 1. januar 2024 til 2024-03-31 og 6/11-2018")] == [
        D(2024, 1, 1), D(2024, 3, 31), D(2018, 11, 6)]


def test_the_weekday_after_the_date_is_not_read():
    assert read("7. november 2023 (tirsdag)") == [(D(2023, 11, 7), None)]


def test_weekday_name_is_danish():
    assert weekday_name(D(2019, 4, 3)) == "onsdag"
    assert [weekday_name(D(2024, 1, 1) + dt.timedelta(days=k)) for k in range(7)] == list(WEEKDAYS)


def test_first_date_and_dates_in():
    assert first_date("Sag 22/24308 behandlet den 31. juni 2023 og igen 1. juli 2023") == D(2023, 7, 1)
    assert first_date("ingen dato her") is None
    assert dates_in("Mandag d. 28.-29. november 2022") == {D(2022, 11, 28), D(2022, 11, 29)}
    assert dates_in("Onsdag, April 3, 2019 - 18:00") == {D(2019, 4, 3)}


# ---- what is no date --------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "22/24308", "Sagsnummer: 19/2484", "Sagsid.: 15/240, Sagsinitialer: abc",
    "15.00.15-P16-1-21", "00.01.00-G01-52-22", "00.00.00-000-1-21", "85.02.02-G01-5-17",
    "Sagsnr.: 330-2018-3619   Dok.nr.: 330-2018-500301   Åbent",
    "1.229.781", "0,852", "-2.855", "2,5 mio. kr.", "12.500.000 kr.", "1.000.000",
    "side 3 af 9", "§ 17, stk. 4", "punkt 3.2.1", "side 3/9",
    "2022-2025", "# REFERAT 2022-25: Arbejdsmarkedsudvalget", "(2022-2025)", "2021-2024",
    "kl. 12.30", "12.30", "16:00 - 17:00", "09:00:00",
    "sag 6/11 2018",  # a slash date with a blank before the year needs `d.`, `den`, a weekday or a label
    "i april 2020", "november 2023", "3. bevillingsrevision 2023", "Pkt. 42 2019",
    "april 3 2019",  # month first needs the comma before the year
])
def test_no_date_is_read(text):
    assert find_dates(text) == []
    assert dates_in(text) == set()


def test_no_case_number_of_the_corpus_or_the_examples_is_a_date():
    case_line = re.compile(r"^(?:\d{2}\.\d{2}\.\d{2}-[A-Z]?\d{2,3}-\d{1,3}-\d{2}|\d{2}/\d{3,6}|\d{3}-\d{4}-\d{3,6})$")
    lines = {line.strip() for path in [*CORPUS.glob("*.md"), *EXAMPLES.glob("**/*.md")]
             for line in path.read_text(encoding="utf-8").splitlines() if case_line.match(line.strip())}
    assert len(lines) > 20
    assert [line for line in sorted(lines) if find_dates(line)] == []


# ---- times ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("kl. 9.00", [(9, 0, True)]),
    ("Kl. 19:00", [(19, 0, True)]),
    ("kl. 17.30", [(17, 30, True)]),
    ("Tidspunkt: Kl. 19:00", [(19, 0, True)]),
    ("Onsdag, April 3, 2019 - 18:00", [(18, 0, True)]),
    ("Onsdag, 8 september, 2021 - 16:00", [(16, 0, True)]),
    ("04-06-2020 09:00:00", [(9, 0, True)]),
    ("2. september 2024, 16.00", [(16, 0, True)]),
    ("16:00 - 17:00", [(16, 0, True), (17, 0, True)]),
    ("Mødet holdes 16.00-18.00 på Rådhuset", [(16, 0, True), (18, 0, True)]),
    ("onsdag den 4. marts 2015 kl. 09:00", [(9, 0, True)]),
    ("den 22. juni 2020 kl. 17:30 i Byrådssalen", [(17, 30, True)]),
    ("kl. 25:00", [(25, 0, False)]),
    ("kl. 1530", [(None, 0, False)]),
    ("kl.", [(None, None, False)]),
])
def test_a_time_form_is_read(text, expected):
    assert times(text) == expected


@pytest.mark.parametrize("text", [
    "12.30", "Sagen 22/24308", "1.229.781", "15.00.15-P16-1-21", "side 3 af 9", "2022-2025",
    "29. januar 2020", "7. november 2023 - 2.500 kr.", "07-11-2023 12.500 kr.", "16:00 - 27:00",
    "29-01-2020 25:00",
])
def test_no_time_is_read_without_kl(text):
    assert times(text) == []


def test_bare_times_in_a_time_field():
    assert times("16.00 - 18.00", bare=True) == [(16, 0, True), (18, 0, True)]
    assert times("09:00:00", bare=True) == [(9, 0, True)]
    assert times("04-06-2020 09:00:00", bare=True) == [(9, 0, True)]
    assert times("26.00", bare=True) == [(26, 0, False)]
    assert times("07.11.2023", bare=True) == []


def test_find_time():
    assert find_time("Tirsdag d. 07. november 2023 kl. 15:30") == (15, 30)
    assert find_time("Onsdag, April 3, 2019 - 18:00") == (18, 0)
    assert find_time("16:00 - 17:00") == (16, 0)
    assert find_time("kl. 25:00") == (25, 0)
    assert find_time("29. januar 2020") is None


# ---- every style, random dates: read back as themselves ---------------------------------------

_DA_MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
              "november", "december")
_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December")
_ABBREVIATIONS = ("jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec.")
_EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _styles(d: dt.date) -> dict[str, tuple[str, str | None]]:
    """Each written form of ``d`` and the weekday it names (Danish, lower case)."""
    wd, day, month, year = WEEKDAYS[d.weekday()], d.day, d.month, d.year
    return {
        "worded": (f"{day}. {_DA_MONTHS[month - 1]} {year}", None),
        "worded with weekday": (f"{wd.capitalize()} d. {day:02d}. {_DA_MONTHS[month - 1]} {year} kl. 15:30", wd),
        "den": (f"{wd} den {day}. {_DA_MONTHS[month - 1]} {year} kl. 09:00", wd),
        "abbreviated": (f"{day}. {_ABBREVIATIONS[month - 1]} {year}", None),
        "dashes": (f"{day:02d}-{month:02d}-{year}", None),
        "dots": (f"{day}.{month}.{year}", None),
        "two-digit year": (f"{day:02d}-{month:02d}-{year % 100:02d}", None),
        "with seconds": (f"{day:02d}-{month:02d}-{year} 09:00:00", None),
        "iso": (f"{year}-{month:02d}-{day:02d}", None),
        "day month comma": (f"{wd.capitalize()}, {day} {_DA_MONTHS[month - 1]}, {year} - 16:00", wd),
        "month first": (f"{wd.capitalize()}, {_EN_MONTHS[month - 1]} {day}, {year} - 18:00", wd),
        "month first danish": (f"{wd.capitalize()}, {_DA_MONTHS[month - 1]} {day}, {year}", wd),
        "english weekday": (f"{_EN_WEEKDAYS[d.weekday()]}, {_EN_MONTHS[month - 1]} {day}, {year}", wd),
        "slash blank": (f"d. {day}/{month} {year}", None),
        "slash dash": (f"{day}/{month}-{year}", None),
    }


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2099, 12, 31)))
def test_every_style_reads_back_the_date_and_its_weekday(date):
    for style, (text, weekday) in _styles(date).items():
        assert read(text) == [(date, weekday)], (style, text)
        assert read(f"Referat fra mødet {text}. Sag 22/24308 og 15.00.15-P16-1-21.") == [(date, weekday)], style


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2099, 12, 31)), st.integers(0, 23), st.integers(0, 59))
def test_every_time_style_reads_back(date, hour, minute):
    styles = {
        "kl colon": f"kl. {hour:02d}:{minute:02d}",
        "kl dot": f"Kl. {hour}.{minute:02d}",
        "after a date": f"Onsdag, {_EN_MONTHS[date.month - 1]} {date.day}, {date.year} - {hour:02d}:{minute:02d}",
        "after a numeric date": f"{date.day:02d}-{date.month:02d}-{date.year} {hour:02d}:{minute:02d}:00",
        "range": f"{hour:02d}:{minute:02d} - 23:59",
    }
    for style, text in styles.items():
        assert times(text)[0] == (hour, minute, True), (style, text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789.-/ ,:", max_size=30))
def test_digits_and_separators_never_give_a_date_from_a_case_number_shape(text):
    """Whatever is read from digit soup is a date written D-M-Y, Y-M-D or D/M Y, never a piece of a code."""
    for mention in find_dates(text):
        before = text[mention.start - 1: mention.start] if mention.start else ""
        after = text[mention.end: mention.end + 2]
        assert not before or not (before.isalnum() or before in "./-")
        assert not after[:1].isdigit()
        assert not (after[:1] in "./-" and after[1:2].isalnum())


# ---- long lines -------------------------------------------------------------------------------

@pytest.mark.parametrize("unit", ["1/1 ", "1.1.", "2020-", "3. januar ", "April 3, ", "d. 6/11 ", "16:00 - ",
                                  "Onsdag, "])
def test_a_megabyte_line_is_read_in_linear_time(unit):
    line = unit * (1_000_000 // len(unit))
    start = time.perf_counter()
    find_dates(line)
    find_times(line, bare=True)
    dates_in(line)
    assert time.perf_counter() - start < 10


def test_months_map_to_month_numbers():
    assert {MONTHS[name] for name in _DA_MONTHS} == set(range(1, 13))
    assert {MONTHS[name.lower()] for name in _EN_MONTHS} == set(range(1, 13))
