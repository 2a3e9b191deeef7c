"""The meeting head: labels of date, time, place and committee; place words.

Part of the vocabulary (:mod:`referatcheck.vocabulary`): the Danish words and
phrases, with the patterns that find them. The reading code imports them from here.
"""

from __future__ import annotations

import re

from referatcheck.vocabulary import HEAD_LABELS


def _labels(*roles: str) -> frozenset[str]:
    """The head labels (folded) that have one of ``roles`` in :data:`HEAD_LABELS`."""
    return frozenset(label for label, role in HEAD_LABELS.items() if role in roles)


# The label sets the meeting rules ask about, all from the one table of head labels.
DATE_KEYS = _labels("date")
TIME_ROLES = ("time", "start", "end")
TIME_KEYS = _labels(*TIME_ROLES)
# A time field may give the date too (`Mødetidspunkt: 04-06-2020 09:00`).
DATE_TIME_KEYS = _labels("time", "start")
PLACE_KEYS = _labels("place") | {"mødelokaler"}
MAYBE_COMMITTEE_KEYS = frozenset({"møde", "organ"})  # a body's name only when the value looks like one
COMMITTEE_KEYS = _labels("committee") - MAYBE_COMMITTEE_KEYS

MINUTES_WORDS = re.compile(r"\b(?:referat|beslutningsprotokol|protokol|dagsorden)\b", re.IGNORECASE)

KNOWN_LABEL_KEYS = frozenset(HEAD_LABELS) | PLACE_KEYS | {"mødefakta"}

# `… kl. 17:30 i Byrådssalen`, `… 2020 på Rådhuset`: a place named right after the time or date.
PLACE_AFTER = re.compile(
    r"(?:\d{1,2}[:.]\d{2}|\d{4})(?:\s{0,3}[-–]\s{0,3}\d{1,2}[:.]\d{2})?[\s,]{1,3}(?:i|på)\s{1,3}[A-ZÆØÅ\"'„«]"
)

# A line that is a place: a hall, a room, a town hall, a street address, an online meeting.
PLACE_WORD = re.compile(
    r"(?:sal(?:en)?|salon|rådhus(?:et)?|lokale(?:t)?|mødelokale|vej|gade|stræde|allé|alle|torv(?:et)?"
    r"|plads(?:en)?|center|centret|hus(?:et)?|skole(?:n)?|bibliotek(?:et)?|teams|skype|zoom|online"
    r"|virtuel(?:t)?|digital(?:t)?)\b",
    re.IGNORECASE,
)

LEAD_WORDS = re.compile(
    r"^\s*(?:(?:referat|beslutningsprotokol|protokol|dagsorden)\b\s*)?(?:(?:til|fra|for)\s+)?(?:mødet\s+i\s+)?",
    re.IGNORECASE,
)

WEEKDAYS_IN_ENGLISH = {
    "mandag": "Monday", "tirsdag": "Tuesday", "onsdag": "Wednesday", "torsdag": "Thursday", "fredag": "Friday",
    "lørdag": "Saturday", "søndag": "Sunday",
}
