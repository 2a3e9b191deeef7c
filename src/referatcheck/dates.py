"""Danish dates and times as written in minutes, read in one place.

`07-11-2023`, `7.11.2023`, `d. 07. november 2023`, `den 2. september 2024`,
`Tirsdag d. 07. november 2023 kl. 15:30`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

from attrs import frozen

MONTHS = {
    "januar": 1, "jan": 1, "februar": 2, "feb": 2, "marts": 3, "mar": 3, "april": 4, "apr": 4,
    "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")

_NUMERIC = re.compile(r"(?<![\d.-])(\d{1,2})[-./](\d{1,2})[-./](\d{4}|\d{2})(?![\d])")
_WORDED = re.compile(
    r"(?<!\d)(\d{1,2})\.?\s{0,3}(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s{1,3}(\d{4})(?!\d)",
    re.IGNORECASE,
)
_WEEKDAY_BEFORE = re.compile(r"(" + "|".join(WEEKDAYS) + r")\b[\s,]{0,3}(?:d(?:en)?\.?\s{0,3})?$", re.IGNORECASE)
_TIME = re.compile(r"\b(?:kl\.?\s{0,3})(\d{1,2})[:.](\d{2})(?!\d)", re.IGNORECASE)


@frozen
class DateMention:
    """A date written in text; ``date`` is None when the numbers are no real date."""

    date: dt.date | None
    weekday: str | None  # the weekday word written just before it, lower case
    start: int  # character offsets in the text searched
    end: int
    text: str


def find_dates(text: str) -> list[DateMention]:
    """Every date in ``text``, in order of appearance."""
    found: list[DateMention] = []
    for match in _NUMERIC.finditer(text):
        day, month, year = (int(g) for g in match.groups())
        if len(match.group(3)) == 2:
            year += 2000
        found.append(_mention(text, match, year, month, day))
    for match in _WORDED.finditer(text):
        day, month = int(match.group(1)), MONTHS[match.group(2).lower()]
        found.append(_mention(text, match, int(match.group(3)), month, day))
    found.sort(key=lambda m: m.start)
    return found


def _mention(text: str, match: re.Match[str], year: int, month: int, day: int) -> DateMention:
    try:
        date: dt.date | None = dt.date(year, month, day)
    except ValueError:
        date = None
    before = _WEEKDAY_BEFORE.search(text[max(0, match.start() - 20): match.start()])
    weekday = before.group(1).lower() if before else None
    return DateMention(date, weekday, match.start(), match.end(), match.group(0))


# `28.-29. november 2022`, `28. - 29. november 2022`: a meeting over two days.
_DAY_RANGE = re.compile(
    r"(?<!\d)(\d{1,2})\.?\s{0,3}[-–]\s{0,3}(?:\w{3,7}\s{1,3}(?:d(?:en)?\.?\s{0,3})?)?(\d{1,2})\.?\s{0,3}("
    + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s{1,3}(\d{4})(?!\d)",
    re.IGNORECASE,
)


def dates_in(text: str) -> set[dt.date]:
    """Every real date ``text`` names, the days of a day range (`28.-29. november`) included."""
    found = {m.date for m in find_dates(text) if m.date is not None}
    for match in _DAY_RANGE.finditer(text):
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
    """``(hour, minute)`` of the first `kl. HH:MM` in ``text``."""
    match = _TIME.search(text)
    return (int(match.group(1)), int(match.group(2))) if match else None


def weekday_name(date: dt.date) -> str:
    return WEEKDAYS[date.weekday()]


# `kl. 15:30`, `kl. 15.30`, `kl. 15`; the digits are read loosely so that a wrong time
# (`kl. 25:00`, `kl. 1530`, `kl. 15:3`) is found and can be reported, not skipped.
_KL_TIME = re.compile(r"\bkl\b\.?\s{0,3}(?:ca\.?\s{0,3})?(\d{1,4})(?:[:.](\d{1,3}))?(?![\d:])", re.IGNORECASE)
_KL_WORD = re.compile(r"\bkl\b\.?", re.IGNORECASE)
# A bare `15:30` / `15.30` in a field that holds only times (`Tid`, `Mødetidspunkt`);
# not part of a date such as `07.11.2023`.
_BARE_TIME = re.compile(r"(?<![\d.:/-])(\d{1,2})[:.](\d{2})(?![\d:]|\.\d)")


@frozen
class TimeMention:
    """A clock time written in text; ``valid`` is False for `kl. 25:00` or `kl. 15:3`."""

    hour: int | None
    minute: int | None
    valid: bool
    start: int
    end: int
    text: str


def find_times(text: str, bare: bool = False) -> list[TimeMention]:
    """Every clock time in ``text``: after `kl.`, and with ``bare`` also `15:30` alone.

    A `kl.` followed by no digits at all is returned as an invalid mention.
    """
    found: list[TimeMention] = []
    taken: list[tuple[int, int]] = []  # spans of the `kl. HH:MM` matches, in order
    for match in _KL_TIME.finditer(text):
        hours, minutes = match.group(1), match.group(2)
        hour = int(hours) if len(hours) <= 2 else None
        minute = int(minutes) if minutes is not None and len(minutes) == 2 else (0 if minutes is None else None)
        valid = hour is not None and hour <= 24 and minute is not None and minute <= 59
        found.append(TimeMention(hour, minute, valid, match.start(), match.end(), match.group(0)))
        taken.append((match.start(), match.end()))
    starts = [start for start, _ in taken]

    def inside(position: int) -> bool:
        k = bisect.bisect_right(starts, position) - 1
        return k >= 0 and position < taken[k][1]

    for match in _KL_WORD.finditer(text):
        if not inside(match.start()):
            found.append(TimeMention(None, None, False, match.start(), match.end(), match.group(0)))
    if bare:
        for match in _BARE_TIME.finditer(text):
            if inside(match.start()):
                continue
            hour, minute = int(match.group(1)), int(match.group(2))
            found.append(TimeMention(hour, minute, hour <= 24 and minute <= 59, match.start(), match.end(), match.group(0)))
    found.sort(key=lambda m: m.start)
    return found
