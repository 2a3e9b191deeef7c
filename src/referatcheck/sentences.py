"""Sentences of a line of prose, split in one place.

A sentence ends at `.`, `!`, `?` or `;` followed by a space and a capital letter or a
digit (`… 196 mænd. 86 pct. af …`) — but not after an initial (`H.C. Østerby`, `Dennis Ø. Nielsen`) or a common
abbreviation (`pkt.`, `kl.`, `jf.`).
"""

from __future__ import annotations

import re
from typing import Iterator

_SENTENCE_END = re.compile(r"[.!?;]\s+(?=[A-ZÆØÅ0-9\"“])")
# Abbreviations that never end a sentence (`pkt. 4`, `kl. 15`, `ca. 100`, `jf. Delegationsplanen`).
_ABBREVIATIONS = {"pkt", "nr", "kl", "jf", "bl.a", "ca", "f.eks", "evt", "inkl", "ekskl", "stk", "mio", "mia", "pr",
                  "vedr", "iht", "ang", "tlf", "dvs", "ift"}
# Units and list ends that end a sentence before a capital, not before a figure (`kr. 5`).
_UNIT_ABBREVIATIONS = {"kr", "pct", "mv", "m.v", "m.fl"}
_INITIALS = re.compile(r"(?:[^\W\d_]\.){1,3}")


def sentences(text: str) -> Iterator[tuple[int, str]]:
    """``(offset, sentence)`` pairs of ``text``, in order."""
    start = 0
    for match in _SENTENCE_END.finditer(text):
        # Only the last few characters: abbreviations and initials are short (keeps this linear).
        raw_word = text[max(start, match.start() - 12): match.start() + 1].rsplit(" ", 1)[-1]
        last_word = raw_word.casefold().rstrip(".")
        if last_word in _ABBREVIATIONS or _INITIALS.fullmatch(raw_word):
            continue
        if last_word in _UNIT_ABBREVIATIONS and text[match.end()].isdigit():
            continue
        yield start, text[start: match.start() + 1]
        start = match.end()
    if start < len(text):
        yield start, text[start:]
