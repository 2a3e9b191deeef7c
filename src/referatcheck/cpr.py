"""Danish CPR numbers (personnummer) in text, found and masked in one place.

A CPR number is `DDMMYY-SSSS`: a birth date and a four-digit serial whose first digit
fixes the century. Since 2007 not every number satisfies the modulus-11 check, so
the date is what tells a CPR number from other digits. Written without the dash, ten
digits are only taken as a CPR number when labelled (`CPR-nr.`, `personnummer`):
unlabelled they are as likely an account, an EAN or a phone number.

The rule reports them and every report masks them (`120384-XXXX`): the linter must
not republish what it warns about.
"""

from __future__ import annotations

import datetime as dt
import re

from attrs import frozen

from referatcheck.vocabulary.privacy import (
    CPR_DASHES, CPR_LABELLED, CPR_OTHER_LABEL,
)

_DASHED = re.compile(rf"(?<![\d/.,{CPR_DASHES}])(\d{{2}})(\d{{2}})(\d{{2}})[{CPR_DASHES}](\d{{4}})(?![\d{CPR_DASHES}/])")
_SIX_DIGITS = re.compile(r"\d{6}")  # every CPR number has them in a row: a cheap first look


@frozen
class CprNumber:
    start: int  # character offsets in the text searched
    end: int
    birth_date: dt.date
    labelled: bool

    @property
    def date_part(self) -> str:
        return self.birth_date.strftime("%d%m%y")

    @property
    def masked(self) -> str:
        return f"{self.date_part}-XXXX"


def birth_date(day: str, month: str, year: str, serial: str) -> dt.date | None:
    """The birth date a CPR number encodes, or None when it is no date."""
    yy, seventh = int(year), int(serial[0])
    if seventh <= 3:
        century = 1900
    elif seventh in (4, 9):
        century = 2000 if yy <= 36 else 1900
    else:
        century = 2000 if yy <= 57 else 1800
    try:
        return dt.date(century + yy, int(month), int(day))
    except ValueError:
        return None


def find_cpr_numbers(text: str, limit: int | None = None) -> list[CprNumber]:
    """CPR numbers in ``text``: dashed ones with a valid date, undashed ones only when labelled.

    With ``limit``, only the first ``limit + 1`` are looked for (enough to say "more").
    """
    if not _SIX_DIGITS.search(text):
        return []
    enough = None if limit is None else limit + 1
    labelled: dict[int, CprNumber] = {}
    for match in CPR_LABELLED.finditer(text):
        date = birth_date(*match.groups()[:3], match.group(4))
        if date is not None:
            labelled[match.start(1)] = CprNumber(match.start(1), match.end(4), date, True)
            if enough is not None and len(labelled) >= enough:
                break
    dashed: list[CprNumber] = []
    for match in _DASHED.finditer(text):
        if match.start() in labelled:
            continue
        date = birth_date(*match.groups()[:3], match.group(4))
        if date is None or CPR_OTHER_LABEL.search(text[max(0, match.start() - 30): match.start()]):
            continue
        dashed.append(CprNumber(match.start(), match.end(), date, False))
        if enough is not None and len(dashed) >= enough:
            break
    found = sorted([*labelled.values(), *dashed], key=lambda n: n.start)
    return found if enough is None else found[:enough]


def mask_cpr(text: str) -> str:
    """``text`` with the serial of every CPR number replaced by `XXXX` (columns unchanged)."""
    numbers = find_cpr_numbers(text)
    if not numbers:
        return text
    out, position = [], 0
    for number in numbers:
        out.append(text[position: number.end - 4])
        out.append("XXXX")
        position = number.end
    out.append(text[position:])
    return "".join(out)
