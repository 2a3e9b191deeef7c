"""Dates and times: the words around them (months and weekdays are in the core vocabulary).

Part of the vocabulary (:mod:`referatcheck.vocabulary`): the Danish words and
phrases, with the patterns that find them. The reading code imports them from here.
"""

from __future__ import annotations

import re


MONTHS = {
    # Danish, with the usual abbreviations (`okt.`, `sept.`, `febr.`)
    "januar": 1, "jan": 1, "februar": 2, "febr": 2, "feb": 2, "marts": 3, "mar": 3, "april": 4, "apr": 4,
    "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
    # English names that differ from the Danish ones (`April 3, 2019`)
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "october": 10, "oct": 10,
}

# Danish month names in full, in order (a fix writes a date in the form it found: `okt.`, `oktober`).
DANISH_MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
                 "oktober", "november", "december")

# English month names in full, for `April 3, 2019` (read by their number in MONTHS).
ENGLISH_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                  "october", "november", "december")

WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")

# English weekday names (`Wednesday, April 3, 2019`) are compared as their Danish names.
WEEKDAYS_EN = {
    "monday": "mandag", "tuesday": "tirsdag", "wednesday": "onsdag", "thursday": "torsdag", "friday": "fredag",
    "saturday": "lørdag", "sunday": "søndag",
}

MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))

# Every month name starts with one of these letters: a cheap test before the alternation,
# which is otherwise tried at every position of a long line.
MONTH_START = r"(?=[" + "".join(sorted({m[0] for m in MONTHS} | {m[0].upper() for m in MONTHS})) + r"])"

WEEKDAY_RE = "|".join(sorted((*WEEKDAYS, *WEEKDAYS_EN), key=len, reverse=True))

SLASH_SPACE_LEAD = re.compile(
    r"(?:(?<!\w)(?:d\.|den|" + WEEKDAY_RE + r")[\s,]{0,3}|:[ \t]{0,3}|(?:^|\n)[ \t]{0,3})\Z", re.IGNORECASE
)

# `April 3, 2019`, `april 3, 2019`: month before day, with the comma before the year.
MONTH_FIRST = re.compile(
    MONTH_START + r"(?<!\w)(" + MONTH_RE + r")\.?\s{1,3}(\d{1,2})(?:\.|st|nd|rd|th)?,\s{0,3}(\d{4})(?!\d)",
    re.IGNORECASE,
)

WEEKDAY_BEFORE = re.compile(
    r"(?<!\w)(" + WEEKDAY_RE + r")\b[\s,]{0,3}(?:d(?:en)?\.?\s{0,3})?\Z", re.IGNORECASE
)

# `28.-29. november 2022`, `28. - 29. november 2022`: a meeting over two days.
DAY_RANGE = re.compile(
    r"(?<!\d)(\d{1,2})\.?\s{0,3}[-–]\s{0,3}(?:\w{3,7}\s{1,3}(?:d(?:en)?\.?\s{0,3})?)?(\d{1,2})\.?\s{0,3}"
    + MONTH_START + "(" + MONTH_RE + r")\.?\s{1,3}(\d{4})(?!\d)",
    re.IGNORECASE,
)

# `kl. 15:30`, `kl. 15.30`, `kl. 15`; the digits are read loosely so that a wrong time
# (`kl. 25:00`, `kl. 1530`, `kl. 15:3`) is found and can be reported, not skipped.
KL_TIME = re.compile(r"\bkl\b\.?\s{0,3}(?:ca\.?\s{0,3})?(\d{1,4})(?:[:.](\d{1,3}))?(?![\d:])", re.IGNORECASE)

KL_WORD = re.compile(r"\bkl\b\.?", re.IGNORECASE)
