"""Danish amounts and the interval arithmetic of rounded figures, in one place.

Published figures are rounded to the digits shown. Following XBRL Calculations 1.1
(round-to-nearest), a figure shown as ``v`` whose last digit has unit ``u`` stands for
the interval ``[v - u/2, v + u/2]``: ``2.855`` is ``[2854,5; 2855,5]``, ``-0,5`` is
``[-0,55; -0,45]``, ``77,7%`` is ``[77,65; 77,75]`` percentage points. A relation
between figures is inconsistent only when the interval computed from one side does not
overlap the interval reported on the other.

Numbers are Danish: ``.`` groups thousands, ``,`` is the decimal mark. ``1,234.5`` is
English style — a defect in a Danish document, recognised by :func:`is_english_number`.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from attrs import frozen

from referatcheck.vocabulary.amounts import THOUSAND_LEAD, THOUSANDS_LABEL, UNIT_LABEL, UNIT_WORDS

from referatcheck.titles import clean_inline

__all__ = [
    "Amount",
    "Interval",
    "UNIT_SCALE",
    "find_numbers",
    "find_unit_label",
    "format_number",
    "is_english_number",
    "is_malformed_number",
    "normalise_unit",
]

_INF = Decimal("Infinity")


@frozen
class Interval:
    """A closed interval of real numbers ``[lo, hi]``; arithmetic is interval arithmetic."""

    lo: Decimal
    hi: Decimal

    @classmethod
    def point(cls, value: Decimal | int) -> Interval:
        value = Decimal(value)
        return cls(value, value)

    @property
    def width(self) -> Decimal:
        return self.hi - self.lo

    @property
    def mid(self) -> Decimal:
        return (self.lo + self.hi) / 2

    def contains(self, value: Decimal | int) -> bool:
        return self.lo <= Decimal(value) <= self.hi

    def overlaps(self, other: Interval) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def distance(self, other: Interval) -> Decimal:
        """The gap between two intervals; 0 when they overlap."""
        return max(Decimal(0), self.lo - other.hi, other.lo - self.hi)

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo)

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def __mul__(self, other: Interval) -> Interval:
        products = (self.lo * other.lo, self.lo * other.hi, self.hi * other.lo, self.hi * other.hi)
        return Interval(min(products), max(products))

    def __truediv__(self, other: Interval) -> Interval:
        # A divisor interval that contains zero makes the quotient unbounded: nothing can
        # be concluded from it, which is exactly what an unbounded interval says.
        if other.lo <= 0 <= other.hi:
            return Interval(-_INF, _INF)
        return self * Interval(1 / other.hi, 1 / other.lo)

    def scaled(self, factor: Decimal | int) -> Interval:
        return self * Interval.point(factor)


# Units, normalised. Values are kroner per unit for the money units.
UNIT_SCALE: dict[str, Decimal] = {
    "kr.": Decimal(1),
    "t.kr.": Decimal(1000),
    "mio. kr.": Decimal(10) ** 6,
    "mia. kr.": Decimal(10) ** 9,
}

_UNIT_RE = re.compile("|".join(f"(?:{p})" for p, _ in UNIT_WORDS), re.IGNORECASE)
_UNIT_PARTS = [(re.compile(p + r"\Z", re.IGNORECASE), unit) for p, unit in UNIT_WORDS]


def normalise_unit(text: str) -> str | None:
    """``"mio.kr."`` → ``"mio. kr."``, ``"1.000 kr."`` → ``"t.kr."``, ``"pct."`` → ``"%"``."""
    text = text.strip()
    for pattern, unit in _UNIT_PARTS:
        if pattern.match(text):
            return unit
    return None


# The number proper: sign, digits with optional thousands groups, optional decimals.
# hyphen-minus, U+2212 minus, en dash (exports turn minus into en dash), ÷ (Danish
# bookkeeping's minus)
_MINUS = "-−–÷"
_NUMBER = (
    r"(?P<sign>[-−–÷+]\s?)?"
    r"(?P<int>\d{1,3}(?:\.\d{3})+|\d+)"
    r"(?:,(?P<dec>\d+))?"
)
# In a cell, thousands may also be grouped by (non-breaking) spaces: `1 229 781`.
_CELL_NUMBER = _NUMBER.replace(r"(?P<int>\d{1,3}(?:\.\d{3})+|\d+)", r"(?P<int>\d{1,3}(?:\.\d{3})+|\d{1,3}(?: \d{3})+|\d+)")
_CELL = re.compile(
    r"\s{0,5}" + _CELL_NUMBER + r"\s{0,3}(?P<unit>" + _UNIT_RE.pattern + r")?"
    r"\s{0,3}(?:\((?P<note>[^()]{0,200})\))?\s{0,3}\Z",
    re.IGNORECASE,
)


_HALF = tuple(Decimal(5).scaleb(-(k + 1)) for k in range(12))


@frozen
class Amount:
    """A figure as shown: its value, the decimals shown, its unit and its text.

    ``value`` is in the unit shown (``"77,7%"`` has value ``77.7`` and unit ``"%"``).
    """

    value: Decimal
    decimals: int  # digits shown after the decimal comma
    unit: str | None
    text: str

    @property
    def half(self) -> Decimal:
        """Half a unit of the last digit shown: how far the true value may lie off."""
        return _HALF[self.decimals] if self.decimals < len(_HALF) else Decimal(5).scaleb(-(self.decimals + 1))

    @property
    def interval(self) -> Interval:
        """The values this rounded figure stands for (round-to-nearest)."""
        half = self.half
        return Interval(self.value - half, self.value + half)

    @classmethod
    def parse(cls, text: str) -> Amount | None:
        """A cell or number string in Danish format, or None when it is not one.

        ``1.229.781``, ``-2.855``, ``0,852``, ``−0,5``, ``77,7%``, ``819.439 kr.``,
        ``178 (Inkl. 219)`` (the note is ignored), markup such as ``<b>``/``**`` removed.
        A figure wholly in parentheses, ``(123)``, is not read: it may be an accounting
        negative or a mere aside, and guessing its sign would make sums wrong.
        """
        if not text or len(text) > 300:
            return None
        return _parse_cell(text)

    @classmethod
    def _from_match(cls, match: re.Match[str], text: str, unit_text: str | None) -> Amount | None:
        digits = match.group("int").replace(".", "").replace(" ", "")
        decimals = match.group("dec") or ""
        try:
            value = Decimal(f"{digits}.{decimals}" if decimals else digits)
        except InvalidOperation:  # pragma: no cover - the pattern admits digits only
            return None
        sign = (match.group("sign") or "").strip()
        if sign and sign in _MINUS:
            value = -value
        return cls(value, len(decimals), normalise_unit(unit_text) if unit_text else None, text)

    def format(self) -> str:
        """The value written back in Danish format with the decimals shown."""
        return format_number(self.value, self.decimals)


@lru_cache(maxsize=8192)
def _parse_cell(text: str) -> Amount | None:
    # Tables repeat their cells (`0`, `-`, `I alt`); an Amount is immutable, so cache.
    if not _HAS_DIGIT.search(text):
        return None
    match = _CELL.match(clean_inline(text))
    if match is None:
        return None
    return Amount._from_match(match, text, match.group("unit"))


_HAS_DIGIT = re.compile(r"\d")


def format_number(value: Decimal | int, decimals: int = 0) -> str:
    """``Decimal("-1229781.5"), 1`` → ``"-1.229.781,5"`` (Danish grouping and comma)."""
    value = Decimal(value)
    if not value.is_finite():
        return str(value)
    quantum = Decimal(1).scaleb(-decimals)
    rounded = value.quantize(quantum)
    sign = "-" if rounded < 0 else ""
    whole, _, frac = f"{abs(rounded):f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.append(whole[-3:])
        whole = whole[:-3]
    groups.append(whole)
    out = ".".join(reversed(groups))
    return sign + out + ("," + frac if decimals > 0 else "")


# --- numbers in prose --------------------------------------------------------------

_PROSE_NUMBER = re.compile(
    r"(?<![\w.,:/§\-−–])"  # not the tail of a word, a date, a time, a case number or a § reference
    r"(?P<sign>[-−–])?"
    r"(?P<int>\d{1,3}(?:\.\d{3})+|\d+)"
    r"(?:,(?P<dec>\d+))?"
    r"(?![\w/]|[.,:\-]\d)"  # not followed by more of a code: `22/24308`, `15.00.15`, `2-1`
    r"(?:\s{0,2}(?P<unit>" + _UNIT_RE.pattern + r"))?",
    re.IGNORECASE,
)
# `4. november`, `3. bevillingsrevision`, `4.-5. november`: a day or an ordinal, not an amount.
_ORDINAL_AFTER = re.compile(r"\.(?:\s{0,2}[a-zæøå]|-|–)")
_SIGN_BEFORE_OK = re.compile(r"(?:^|[\s(:;=])\Z")


def find_numbers(text: str) -> list[tuple[Amount, int, int]]:
    """Every number in prose with its character offsets ``(amount, start, end)``.

    The span includes a following unit (``3,7 mio. kr.``, ``50 pct.``, ``175.000 kr.``).
    Dates (``07-11-2023``, ``4.-5. november``), times, case numbers (``22/24308``,
    ``15.00.15-P16-1-21``), ``§ 41a`` and ordinals (``3. bevillingsrevision``) are skipped.
    """
    from referatcheck.dates import find_dates  # the one place that reads dates

    taken = [(m.start, m.end) for m in find_dates(text)]
    found: list[tuple[Amount, int, int]] = []
    for match in _PROSE_NUMBER.finditer(text):
        start, end = match.span()
        if any(a < end and start < b for a, b in taken):
            continue
        if _is_excluded(text, match):
            continue
        sign = match.group("sign")
        if sign and not _SIGN_BEFORE_OK.search(text[max(0, start - 1):start]):
            # `2021-2024`, `side 3 - 4`: a dash between things is no minus sign
            continue
        unit = match.group("unit")
        amount = Amount._from_match(match, match.group(0), unit)
        if amount is not None:
            found.append((amount, start, end))
    return found


def _is_excluded(text: str, match: re.Match[str]) -> bool:
    start = match.start()
    before = text[max(0, start - 3):start]
    if "§" in before or re.search(r"(?:kl|nr)\.?\s{0,2}\Z", text[max(0, start - 5):start], re.IGNORECASE):
        return True
    if THOUSANDS_LABEL.search(text, max(0, start - 3), match.end()) and match.group("int") == "1.000":
        return True  # `beløb i 1.000 kr.`: a unit label, not an amount
    end_digits = match.end("dec") if match.group("dec") else match.end("int")
    if match.group("unit") is None and _ORDINAL_AFTER.match(text, end_digits):
        return True
    return False


# --- unit labels of tables ----------------------------------------------------------

_FIGURE_BEFORE = re.compile(r"\d[\d.,]{0,20}\s{0,2}\Z")


def find_unit_label(text: str) -> tuple[str, int, int] | None:
    """The money unit a header cell or caption names: ``(unit, start, end)`` or None.

    ``"Driftsområder (1.000 kr.)"`` → ``"t.kr."``; ``"Beløb i mio. kr."`` → ``"mio. kr."``;
    ``"(mio.)"`` → ``"mio. kr."``; ``"udgiften er 3,7 mio. kr."`` → None (that is an amount).
    """
    if len(text) > 300:
        return None
    for match in UNIT_LABEL.finditer(text):
        if match.group("word") and _FIGURE_BEFORE.search(text, 0, match.start()):
            continue
        if match.group("thousand") and not THOUSAND_LEAD.search(text, 0, match.start()):
            continue  # `et tilskud på 1.000 kr.` is an amount
        unit = normalise_unit(match.group(0))
        unit = {"mio.": "mio. kr.", "mia.": "mia. kr."}.get(unit, unit)
        if unit in UNIT_SCALE:
            return unit, match.start(), match.end()
    return None


# --- number format -----------------------------------------------------------------

_ENGLISH = re.compile(
    r"[-−–]?\s?(?:"
    r"\d{1,3}(?:,\d{3})+\.\d+"  # 1,234.5
    r"|\d{1,3}(?:,\d{3}){2,}"  # 1,234,567
    r"|\d+\.\d{1,2}"  # 12.5, 0.85: a decimal point (a Danish group has three digits)
    r")\s{0,3}%?",
)
_MALFORMED = re.compile(
    r"[-−–]?\s?(?:"
    r"\d{4,}(?:\.\d{3})+"  # 1234.567: a group longer than three digits
    r"|\d{1,3}(?:\.\d{3})*\.\d{1,2}(?:\.\d+)+"  # 1.23.456
    r"|\d{1,3}(?:\.\d{3})*\.\d{4,}"  # 1.2345
    r"|\d+(?:,\d+){2,}"  # 1,2,3
    r"|\d{1,3}(?:\.\d{3})*,\d+\.\d+"  # 1,23.4
    r")\s{0,3}%?",
)


def is_english_number(text: str) -> bool:
    """True for an English-style figure such as ``1,234.5``, ``1,234,567`` or ``12.5``."""
    clean = clean_inline(text) if len(text) < 200 else text
    return len(clean) < 60 and _ENGLISH.fullmatch(clean) is not None


def is_malformed_number(text: str) -> bool:
    """True for a figure that is neither valid Danish nor English style (``1.23.456``)."""
    clean = clean_inline(text) if len(text) < 200 else text
    return len(clean) < 60 and _MALFORMED.fullmatch(clean) is not None and not is_english_number(clean)
