"""Budget tables: the words of column names, row labels and units.

Part of the vocabulary (:mod:`referatcheck.vocabulary`): the Danish words and
phrases, with the patterns that find them. The reading code imports them from here.
"""

from __future__ import annotations

import re


DIFF = "difference"  # Forskel, Afvigelse

DIFF_TOTAL = "difference-total"  # Afvigelse i alt (= inden for + uden for)

WITHIN = "within"  # ... inden for servicerammen

OUTSIDE = "outside"  # ... uden for servicerammen

CORRECTED = "corrected-budget"  # Korrigeret budget

ADOPTED = "adopted-budget"  # Vedtaget budget, Oprindeligt budget

CARRYOVER = "carry-over"  # Genbevillinger

SUPPLEMENT = "supplementary"  # Tillægsbevilling(er) og omplaceringer

BUDGET = "budget"  # Budget (plain)

FORECAST = "forecast"  # Forventet regnskab, Forventet forbrug, Skøn, Prognose

ACCOUNTS = "accounts"  # Regnskab

SPENT = "spent"  # Forbrug (pr. dato)

PCT_SPENT = "percent-spent"  # Forbrugs %, Forbrugsprocent

PCT_DIFF = "percent-difference"  # Afvigelse i %

ROW_TOTAL = "row-total"  # I alt / Total as a column

PERIOD = "period"  # 2024, Budget år, Overslags år 1

PERCENT_NAME = re.compile(r"%|\bpct\b|procent|\bandel\b", re.IGNORECASE)

CODE_NAMES = re.compile(
    r"^(?:politik\s?område|politikområde(?:\s?nr\.?)?|po(?:\s?nr\.?)?|konto(?:nr\.?|nummer)?|hovedkonto|funktion"
    r"|nr\.?|pkt\.?|punkt|kode|art|sted|år|årstal|id)$",
    re.IGNORECASE,
)

PERIOD_NAME = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|overslags?\s?år|budget\s?år", re.IGNORECASE)

# Column names that are periods: an `I alt` column beside them is their row sum.
PERIOD_COLUMN = re.compile(
    r"(?:19|20)\d\d|overslags?\s?år|budget\s?år|\d\.\s?(?:kvartal|halvår)|\bq[1-4]\b|"
    r"^(?:januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|okt|nov|dec)\.?$",
    re.IGNORECASE,
)

TOTAL_LABEL = re.compile(
    r"(?:^|\s)i\s?alt(?:\s|$|:)|^(?:sub|hoved)?totalt?(?:\s|$|:)|\stotal$|^sum(?:\s|$|:)|^sammenlagt\b"
    r"|^samlet(?:$|\s(?:i alt|total|sum)\b)",
    re.IGNORECASE,
)

# A running subtotal named as one without `i alt` (`Resultat af ordinær drift`,
# `Delsum`): only a total below it that fits with it as a subtotal confirms it.
SUBTOTAL_LABEL = re.compile(r"^(?:del|mellem)?(?:resultat|sum|total)\b", re.IGNORECASE)

PART_LABEL = re.compile(r"^[-–•]?\s?(?:heraf|deraf|herunder|heri)\b", re.IGNORECASE)

# `I alt ekskl. refusion`, `Total inkl. moms`: a total of something other than the rows.
QUALIFIED_TOTAL = re.compile(r"\b(?:ekskl|eksklusiv|excl|inkl|inklusiv|incl|uden|fraregnet|korrigeret for)\b",
                              re.IGNORECASE)

# Columns of rates and averages: their total row is no sum (`Pris pr. stk.`, `Gns.`),
# unlike `Forbrug pr. 31.10.2022`.
RATE_NAME = re.compile(
    r"\bpr\.?\s{1,2}(?!\d)|\bper\b|gennemsnit|\bgns\b|\bsnit\b|takst|\bpris|\bandel|\bsats|\brate\b|indeks"
    r"|\bkvote|\bmedian|nøgletal|\bgrad\b",
    re.IGNORECASE,
)

APPROPRIATION = re.compile(r"bevillingspåtegning", re.IGNORECASE)

OUTLOOK_HEADER = re.compile(r"overslags?\s?år|budget\s?år", re.IGNORECASE)

# Sign legends: `+ er merforbrug`, `Positive tal er merforbrug`, `En negativ afvigelse
# betyder merforbrug`, `- = mindreforbrug`.
LEGEND = re.compile(
    r"\(?(?P<sign>\+|plus|positiv\w*|-|–|÷|minus|negativ\w*)\)?\s{0,3}(?:tal|beløb|afvigelser?|forskel)?\s{0,3}"
    r"(?:er|=|betyder|angiver|viser|udtrykker)\s{1,3}(?:et\s{1,3}|en\s{1,3})?(?P<what>mer|mindre)(?:forbrug|udgift)",
    re.IGNORECASE,
)

THOUSANDS_HEADER = re.compile(r"\(?\s{0,2}(?:(?:beløb\s)?i\s)?1\.000(?:\.000)?\s{0,2}kr\.?\s{0,2}\)?", re.IGNORECASE)

# A year as a column name (`2024`).
YEAR_NAME = re.compile(r"(?:19|20)\d\d")


# The column terms: a header name → the role of its column, tried in this order.
def column_role(name: str) -> str | None:
    """The role a header name gives its column, or None."""
    n = " ".join(name.casefold().replace("*", " ").split())
    if not n:
        return None
    if PERCENT_NAME.search(n):
        if "forbrug" in n:
            return PCT_SPENT
        if "afvigelse" in n or "forskel" in n:
            return PCT_DIFF
        return None
    if re.search(r"\binden\s?for\b", n):
        return WITHIN
    if re.search(r"\buden\s?for\b", n):
        return OUTSIDE
    if ("afvigelse" in n or "forskel" in n) and re.search(r"\bi\s?alt\b", n):
        return DIFF_TOTAL
    if re.fullmatch(r"(?:i\s?alt|total|totalt|sum|samlet)", n):
        return ROW_TOTAL
    if re.match(r"(?:forskel|afvigelse|difference)\b", n) or re.search(r"mer-?\s?/\s?mindre|merforbrug|mindreforbrug", n):
        return DIFF
    if re.search(r"\bkorr(?:\.|igeret)\s?budget|^korrigeret\b", n):
        return CORRECTED
    if re.search(r"\b(?:vedtaget|oprindeligt?)\s?budget|^vedtaget\b", n):
        return ADOPTED
    if n.startswith("genbevilling"):
        return CARRYOVER
    if n.startswith("tillæg"):
        return SUPPLEMENT
    if re.match(r"forv(?:entet|\.)\s?(?:regnskab|forbrug|resultat)|skøn\b|prognose\b|forventet\b", n):
        return FORECAST
    if n.startswith("regnskab"):
        return ACCOUNTS
    if n.startswith("forbrug"):
        return SPENT
    if YEAR_NAME.fullmatch(n) or OUTLOOK_HEADER.search(n) or (PERIOD_COLUMN.search(n) and not n.startswith("budget")):
        return PERIOD
    if n.startswith("budget"):
        return BUDGET
    return None
