"""Words of printed pages: page numbers in running heads and footers, and the words
after a hyphen that show it is not a word broken at a line end.

Used by the PDF reader (:mod:`referatcheck.formats.pdflayout`,
:mod:`referatcheck.formats.pdftext`), by the lexer, which skips the running heads and
page numbers a PDF-to-Markdown conversion leaves in the text, and where wrapped lines are
joined (:mod:`referatcheck.titles`).
"""

from __future__ import annotations

import re

#: A line that is only a page number: `3`, `- 3 -`, `Side 3`, `Side 3 af 9`, `3/9`, `Page 3 of 9`.
PAGE_NUMBER_LINE = re.compile(
    r"^(?:[-–—]\s{0,2})?(?:(?:side|page|pag\.|s\.)\s{0,2})?(\d{1,4})(?:\s{0,2}(?:af|of|/|ud af)\s{0,2}\d{1,4})?"
    r"(?:\s{0,2}[-–—])?$",
    re.IGNORECASE,
)
#: A page number inside a running head or footer: `Økonomiudvalget · Side 3 af 9`.
PAGE_IN_TEXT = re.compile(r"\b(?:side|page)\s{0,2}(\d{1,4})(?:\s{0,2}(?:af|of)\s{0,2}\d{1,4})?\b", re.IGNORECASE)

#: A page number ending a running head or footer: `… · Side 3`, `…<TAB>3`, `… Side 3 af 9`.
#: Not the year of a date (`04-03-2024`): no word, point, comma, slash or hyphen right before.
PAGE_AT_END = re.compile(
    r"(?<![\w.,/-])(?P<word>(?:side|page)\s{0,3})?(?P<page>\d{1,4})(?:\s{0,3}(?:af|of|/)\s{0,3}\d{1,4})?\s*$",
    re.IGNORECASE,
)
#: A municipality named in a running head: `Hedeby Kommune`, `Bornholms Regionskommune`.
MUNICIPALITY_NAME = re.compile(r"(?<!\w)[\w-]{2,30}\s{1,3}(?:region)?kommune\b|\b[\w-]{2,30}(?:regions)?kommune\b",
                               re.IGNORECASE)
#: The word every municipality's name holds (a cheap test before MUNICIPALITY_NAME).
MUNICIPALITY_WORD = "kommune"
#: Lower-case words inside a committee's name (`Kultur- og Fritidsudvalget`, `Børn & Læringsudvalget`).
BODY_NAME_JOINS = frozenset({"og", "&", "samt"})

#: Words that follow a hyphen at a line end when the hyphen is real: `Børne- og Skoleudvalget`.
HYPHEN_CONTINUATIONS = frozenset({"og", "eller", "samt", "til", "el.", "hhv.", "&"})
