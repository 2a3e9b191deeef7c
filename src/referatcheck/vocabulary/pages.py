"""Words of printed pages: page numbers in running heads and footers, and the words
after a hyphen that show it is not a word broken at a line end.

Used by the PDF reader (:mod:`referatcheck.formats.pdflayout`,
:mod:`referatcheck.formats.pdftext`) and where wrapped lines are joined (:mod:`referatcheck.titles`).
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

#: Words that follow a hyphen at a line end when the hyphen is real: `Børne- og Skoleudvalget`.
HYPHEN_CONTINUATIONS = frozenset({"og", "eller", "samt", "til", "el.", "hhv.", "&"})
