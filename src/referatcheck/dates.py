"""Danish dates and times as written in minutes, read in one place.

Dates: `07-11-2023`, `7.11.2023`, `07-11-23`, `6/11-2018`, `d. 6/11 2018`, ISO `2020-01-29`,
`d. 07. november 2023`, `den 2. september 2024`, `1. okt. 2018`, `8 september, 2021`,
`April 3, 2019` (month before day, English or Danish month name), each possibly after a
weekday (`Tirsdag d.`, `Onsdag,`, `Wednesday,`).

Times: `kl. 15:30`, `Kl. 19:00`, `kl. 9.00`, a time right after a date
(`Onsdag, April 3, 2019 - 18:00`, `04-06-2020 09:00:00`), a range `16:00 - 17:00`, and in
fields that hold only times a bare `15.30`.

Precision: case numbers (`22/24308`, `15.00.15-P16-1-21`, `330-2018-3619`), amounts
(`1.229.781`, `2,5`), election periods (`2022-2025`), page references and times (`12.30`)
are no dates. Every pattern uses bounded repetition only, so it is linear on long lines.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

from attrs import frozen

from referatcheck.vocabulary.calendar import (
    DANISH_MONTHS, DAY_RANGE, ENGLISH_MONTHS, KL_TIME, KL_WORD, MONTHS, MONTH_FIRST, MONTH_RE, MONTH_START,
    SLASH_SPACE_LEAD, WEEKDAYS, WEEKDAYS_EN, WEEKDAY_BEFORE, WEEKDAY_RE,
)


_DIGIT = re.compile(r"\d")

# `07-11-2023`, `7.11.2023`, `6/11-2018`, `07-11-23`. Not the tail or head of a code: no
# letter, digit, dot, slash or dash before (`P16-1-21`, `330-2018-3619`), and no
# `-G01`, `.5`, `/24` after (`00.01.00-G01-52-22`). An underscore may stand before
# (`Godkendt\_21-12-2022` in an attachment's file name).
_NUMERIC = re.compile(r"(?<![^\W_]|[./-])(\d{1,2})([-./])(\d{1,2})([-./])(\d{4}|\d{2})(?!\d|[-./]\w)")
# `6/11 2018` (a blank before the year): only after `d.`, `den`, a weekday or a label.
_SLASH_SPACE = re.compile(r"(?<![^\W_]|[./-])(\d{1,2})/(\d{1,2})[ \t\u00a0]{1,2}(\d{4})(?!\d|[-./]\w)")
# `2020-01-29`.
_ISO = re.compile(r"(?<![^\W_]|[./-])(\d{4})-(\d{1,2})-(\d{1,2})(?!\d|[-./]\w)")
# `29. januar 2020`, `1. okt. 2018`, `8 september, 2021`.
_WORDED = re.compile(
    r"(?<![\d,])(\d{1,2})\.?\s{0,3}" + MONTH_START + "(" + MONTH_RE + r")\.?,?\s{1,3}(\d{4})(?!\d)",
    re.IGNORECASE,
)


@frozen
class DateMention:
    """A date written in text; ``date`` is None when the numbers are no real date."""

    date: dt.date | None
    weekday: str | None  # the weekday word written just before it, lower case, in Danish
    start: int  # character offsets in the text searched (the date itself, not the weekday)
    end: int
    text: str


def find_dates(text: str) -> list[DateMention]:
    """Every date in ``text``, in order of appearance."""
    found: list[DateMention] = []
    if not _DIGIT.search(text):
        return found
    for match in _NUMERIC.finditer(text):
        day, _, month, _, year = match.groups()
        found.append(_mention(text, match, int(year) + (2000 if len(year) == 2 else 0), int(month), int(day)))
    for match in _SLASH_SPACE.finditer(text):
        if SLASH_SPACE_LEAD.search(text[max(0, match.start() - 12): match.start()]):
            day, month, year = (int(g) for g in match.groups())
            found.append(_mention(text, match, year, month, day))
    for match in _ISO.finditer(text):
        year, month, day = (int(g) for g in match.groups())
        found.append(_mention(text, match, year, month, day))
    for match in _WORDED.finditer(text):
        day, month = int(match.group(1)), MONTHS[match.group(2).lower()]
        found.append(_mention(text, match, int(match.group(3)), month, day))
    for match in MONTH_FIRST.finditer(text) if "," in text else ():
        month, day = MONTHS[match.group(1).lower()], int(match.group(2))
        found.append(_mention(text, match, int(match.group(3)), month, day))
    found.sort(key=lambda m: (m.start, -m.end))
    kept: list[DateMention] = []
    for mention in found:  # two readings of the same characters: keep the first, longest
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept


def _mention(text: str, match: re.Match[str], year: int, month: int, day: int) -> DateMention:
    try:
        date: dt.date | None = dt.date(year, month, day)
    except ValueError:
        date = None
    before = WEEKDAY_BEFORE.search(text[max(0, match.start() - 24): match.start()])
    weekday = _danish_weekday(before.group(1)) if before else None
    return DateMention(date, weekday, match.start(), match.end(), match.group(0))


def _danish_weekday(word: str) -> str:
    word = word.lower()
    return WEEKDAYS_EN.get(word, word)


def dates_in(text: str) -> set[dt.date]:
    """Every real date ``text`` names, the days of a day range (`28.-29. november`) included."""
    found = {m.date for m in find_dates(text) if m.date is not None}
    for match in DAY_RANGE.finditer(text) if ("-" in text or "–" in text) else ():
        first, last = int(match.group(1)), int(match.group(2))
        month, year = MONTHS[match.group(3).lower()], int(match.group(4))
        for day in range(first, min(last, 31) + 1):
            try:
                found.add(dt.date(year, month, day))
            except ValueError:
                pass
    return found


def first_date(text: str) -> dt.date | None:
    for mention in find_dates(text):
        if mention.date is not None:
            return mention.date
    return None


def find_time(text: str) -> tuple[int, int] | None:
    """``(hour, minute)`` of the first clock time in ``text`` (`kl. 15:30`, `… 2019 - 18:00`,
    `16:00 - 17:00`); a `kl.` time is given even when out of range (`kl. 25:00`)."""
    for mention in find_times(text):
        if mention.hour is not None and mention.minute is not None:
            return mention.hour, mention.minute
    return None


def weekday_name(date: dt.date) -> str:
    return WEEKDAYS[date.weekday()]


# ---- writing: what a fix puts in place of a wrong weekday or date --------------------------

_WEEKDAYS_IN_ENGLISH = {danish: english for english, danish in WEEKDAYS_EN.items()}


def weekday_at(text: str, mention: DateMention) -> tuple[int, int] | None:
    """Offsets in ``text`` of the weekday word written before ``mention`` (None: none is)."""
    window = max(0, mention.start - 24)
    before = WEEKDAY_BEFORE.search(text[window:mention.start])
    return (window + before.start(1), window + before.end(1)) if before else None


def spell_weekday(weekday: str, like: str) -> str:
    """The Danish ``weekday`` written as the word ``like`` is: in English when ``like`` is
    English (`Wednesday`), and in its case (`Tirsdag`, `TIRSDAG`, `tirsdag`)."""
    word = _WEEKDAYS_IN_ENGLISH[weekday] if like.lower() in WEEKDAYS_EN else weekday
    return _in_case_of(word, like)


def restyle_date(text: str, date: dt.date) -> str | None:
    """``date`` written in the form of the date ``text`` (`17-10-2024` → `15-10-2024`, `1. okt.
    2024` → `3. okt. 2024`, `April 3, 2024` → `May 2, 2024`); None for a form not known here."""
    forms = ((_NUMERIC, "d.m.y"), (_SLASH_SPACE, "dmy"), (_ISO, "ymd"), (_WORDED, "dMy"), (MONTH_FIRST, "Mdy"))
    for pattern, kinds in forms:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        out = text
        for index in reversed(range(len(kinds))):
            kind = kinds[index]
            if kind == ".":
                continue
            start, end = match.span(index + 1)
            old = match.group(index + 1)
            if kind == "M":
                new, abbreviated = _month_name(old, date.month, english_first=pattern is MONTH_FIRST)
                if not abbreviated and out[end:end + 1] == "." and old.lower() not in _ALL_MONTHS:
                    end += 1  # `okt.` → `maj`: no abbreviation dot
            else:
                new = _date_number(kind, old, date, fixed_width=pattern in (_NUMERIC, _ISO))
            out = out[:start] + new + out[end:]
        return out
    return None


_ALL_MONTHS = frozenset((*DANISH_MONTHS, *ENGLISH_MONTHS))


def _date_number(kind: str, old: str, date: dt.date, fixed_width: bool) -> str:
    if kind == "y":
        return str(date.year) if len(old) == 4 else f"{date.year % 100:02d}"
    value = date.day if kind == "d" else date.month
    # `07-11-2023` keeps two digits; `17. oktober` → `2. maj`, but `07. november` → `02. maj`.
    padded = len(old) == 2 and (fixed_width or old.startswith("0"))
    return f"{value:02d}" if padded else str(value)


def _month_name(old: str, month: int, english_first: bool) -> tuple[str, bool]:
    """Month ``month`` named in the language, length and case of ``old``; and whether abbreviated."""
    lower = old.lower()
    english = lower in ENGLISH_MONTHS and (english_first or lower not in DANISH_MONTHS)
    full = (ENGLISH_MONTHS if english else DANISH_MONTHS)[month - 1]
    if lower in _ALL_MONTHS:
        return _in_case_of(full, old), False
    if len(full) <= 4:  # `maj`, `juni`, `juli` are not abbreviated
        return _in_case_of(full, old), False
    return _in_case_of(full[:3], old), True


def _in_case_of(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    return word.capitalize() if like[:1].isupper() else word


# A bare `15:30` / `15.30` / `09:00:00` in a field that holds only times (`Tid`,
# `Mødetidspunkt`); not part of a date such as `07.11.2023`.
_BARE_TIME = re.compile(r"(?<![\d.:/-])(\d{1,2})[:.](\d{2})(?::\d{2})?(?![\d:]|\.\d)")
# A time right after a date: `… 2019 - 18:00`, `04-06-2020 09:00:00`, `… 2021, 16.00`
# (matched at the end of the date).
_AFTER_DATE = re.compile(
    r"[ \t\u00a0]{0,3}(?:,[ \t\u00a0]{0,3})?(?:[-–][ \t\u00a0]{0,3})?(\d{1,2})[:.](\d{2})(?::(\d{2}))?(?![\d:]|[.,]\d)"
)
# `16:00 - 17:00`, `16.00-18.00`: a range of two times (the same separator in both).
_TIME_RANGE = re.compile(
    r"(?<![\w.:/,-])(\d{1,2})([:.])(\d{2})[ \t\u00a0]{0,3}[-–][ \t\u00a0]{0,3}(\d{1,2})\2(\d{2})(?![\d:]|[.,]\d)"
)


@frozen
class TimeMention:
    """A clock time written in text; ``valid`` is False for `kl. 25:00` or `kl. 15:3`."""

    hour: int | None
    minute: int | None
    valid: bool
    start: int
    end: int
    text: str


def _in_range(hour: int, minute: int) -> bool:
    return hour <= 24 and minute <= 59


def find_times(text: str, bare: bool = False) -> list[TimeMention]:
    """Every clock time in ``text``: after `kl.`, right after a date (`… 2019 - 18:00`,
    `04-06-2020 09:00:00`), a range (`16:00 - 17:00`), and with ``bare`` also `15:30` alone.

    A `kl.` followed by no digits at all, or by digits that are no time, is returned as an
    invalid mention; the other forms are taken only when they are real times.
    """
    found: list[TimeMention] = []
    taken: list[tuple[int, int]] = []  # spans already read, kept in order of their start

    def inside(position: int) -> bool:
        k = bisect.bisect_right(taken, (position, float("inf"))) - 1
        return k >= 0 and position < taken[k][1]

    def take(mention: TimeMention) -> None:
        found.append(mention)
        bisect.insort(taken, (mention.start, mention.end))

    for match in KL_TIME.finditer(text):
        hours, minutes = match.group(1), match.group(2)
        hour = int(hours) if len(hours) <= 2 else None
        minute = int(minutes) if minutes is not None and len(minutes) == 2 else (0 if minutes is None else None)
        valid = hour is not None and minute is not None and _in_range(hour, minute)
        found.append(TimeMention(hour, minute, valid, match.start(), match.end(), match.group(0)))
        taken.append((match.start(), match.end()))
    for match in KL_WORD.finditer(text):
        if not inside(match.start()):
            found.append(TimeMention(None, None, False, match.start(), match.end(), match.group(0)))
    if _DIGIT.search(text):
        for date in find_dates(text):
            match = _AFTER_DATE.match(text, date.end)
            if match is None or inside(match.start(1)):
                continue
            hour, minute, second = int(match.group(1)), int(match.group(2)), match.group(3)
            if _in_range(hour, minute) and (second is None or int(second) <= 59):
                take(TimeMention(hour, minute, True, match.start(1), match.end(), text[match.start(1):match.end()]))
        for match in _TIME_RANGE.finditer(text):
            if inside(match.start()):
                continue
            first = (int(match.group(1)), int(match.group(3)))
            last = (int(match.group(4)), int(match.group(5)))
            if not (_in_range(*first) and _in_range(*last)):
                continue
            take(TimeMention(*first, True, match.start(1), match.end(3), text[match.start(1):match.end(3)]))
            if not inside(match.start(4)):
                take(TimeMention(*last, True, match.start(4), match.end(5), text[match.start(4):match.end(5)]))
    if bare:
        for match in _BARE_TIME.finditer(text):
            if inside(match.start()):
                continue
            hour, minute = int(match.group(1)), int(match.group(2))
            found.append(TimeMention(hour, minute, _in_range(hour, minute), match.start(), match.end(), match.group(0)))
    found.sort(key=lambda m: m.start)
    return found
