"""Agenda items: case-number formats and labels the item checks read.

Part of the vocabulary (:mod:`referatcheck.vocabulary`): the Danish words and
phrases, with the patterns that find them. The reading code imports them from here.
"""

from __future__ import annotations

import re


# Case number formats of the agenda systems in use; anything else is compared by shape.
CASE_FORMATS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("KLE", re.compile(r"\d{2}\.\d{2}\.\d{2}-[A-ZÆØÅ0-9]\d{2}-\d{1,7}-\d{2}")),  # 15.00.15-P16-1-21
    ("ÅÅ/NNNNN", re.compile(r"\d{2}/\d{1,7}")),  # 22/24308 (Acadre, FirstAgenda)
    ("SBSYS", re.compile(r"\d{1,4}-\d{4}-\d{1,7}")),  # 330-2018-3619
)

# `Sagsnr.: 22/1234`, `Sagsid.: 15/240`, `J.nr. 2019-1234` at the start of a line (not `Sag nr. 24`, an item number).
LABELLED_CASE = re.compile(
    r"^(?:sags\s?n(?:r|ummer)|sagsid|j\.?\s?nr|journal\s?n(?:r|ummer))\.?\s{0,3}:?\s{0,3}(\S{3,40})", re.IGNORECASE
)

