"""Amounts: the words of money units and of the labels that say a figure is in thousands.

Part of the vocabulary (:mod:`referatcheck.vocabulary`): the Danish words and
phrases, with the patterns that find them. The reading code imports them from here.
"""

from __future__ import annotations

import re

UNIT_WORDS = (
    # (pattern, normalised unit); longest first so `mio. kr.` wins over `mio.`
    (r"mia\.?\s{0,2}kr(?:\.|oner\b)?", "mia. kr."),
    (r"mio\.?\s{0,2}kr(?:\.|oner\b)?", "mio. kr."),
    (r"millioner\s{1,2}kr(?:\.|oner\b)?", "mio. kr."),
    (r"milliarder\s{1,2}kr(?:\.|oner\b)?", "mia. kr."),
    (r"t\.?\s{0,2}kr\.?", "t.kr."),
    (r"tkr\.?", "t.kr."),
    (r"1\.000\s{0,2}kr\.?", "t.kr."),
    (r"1\.000\.000\s{0,2}kr\.?", "mio. kr."),
    (r"kr(?:\.|oner\b)?", "kr."),
    (r"mia\.", "mia."),
    (r"mio\.", "mio."),
    (r"millioner\b", "mio."),
    (r"milliarder\b", "mia."),
    (r"%", "%"),
    (r"pct\.?-?point\b", "%-point"),
    (r"procentpoint\b", "%-point"),
    (r"pct\.?", "%"),
    (r"procent\b", "%"),
)

THOUSANDS_LABEL = re.compile(r"(?:\bi|\()\s?1\.000\s{0,2}kr", re.IGNORECASE)

# `1.000 kr.`, `(i 1.000 kr.)`, `Beløb i mio. kr.`, `t.kr.`: a label, not an amount. A money
# unit right after a figure (`3,7 mio. kr.`) is an amount and is not taken as a label.
UNIT_LABEL = re.compile(
    r"(?:^|(?<=[\s(]))(?:(?P<thousand>1\.000(?:\.000)?\s{0,2}kr\.?)"
    r"|(?P<word>t\.\s?kr\.?|tkr\.?|mio\.?\s{0,2}kr\.?|mia\.?\s{0,2}kr\.?|mio\.|mia\.|kr\.|kroner))(?![\w])",
    re.IGNORECASE,
)

THOUSAND_LEAD = re.compile(r"(?:\A|\(|(?:^|\s|\()(?:i|beløb|beløb i|angivet i|opgjort i)\s|:\s)\s{0,2}\Z", re.IGNORECASE)
