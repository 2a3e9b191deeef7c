"""Which headings open a section of an agenda item, and of which kind.

Sections are recognised by name, not by heading level. The names live in
:mod:`referatcheck.vocabulary`; plugins (`referatcheck_section_names`) and
configuration add synonyms without a grammar change. The object also carries the
rest of the run's reading vocabulary (head labels, TOC headings, artefacts), so one
value flows from configuration to the lexer.
"""

from __future__ import annotations

import re
from typing import Iterable, Mapping

from referatcheck.model import SectionKind
from referatcheck.titles import clean_inline
from referatcheck.vocabulary import (
    ADMINISTRATION_RECOMMENDS, COMBINED_SECTION, COMMITTEE_DATE_HEADING, DEFAULT, SECTION_NAMES, SECTION_PATTERNS, Vocabulary,
)

# Kept under its old name for plugins written against 0.1.
SYNONYMS = SECTION_NAMES
_PATTERNS = SECTION_PATTERNS

# Trailing blanks, colons and periods, found on the reversed text: `[\s:.]+$` is
# quadratic on a long run of them that is not at the end.
_NOT_TRAILING = re.compile(r"[^\s:.]")
_DIGIT = re.compile(r"\d")
# SectionVocabulary remembers the kinds of up to this many texts, of up to this length.
_REMEMBERED, _REMEMBERED_LENGTH = 8192, 300


class SectionVocabulary:
    """Maps heading text to a :class:`SectionKind`, with extra synonyms added as data."""

    def __init__(self, extra: Mapping[str, SectionKind | str] | None = None, words: Vocabulary = DEFAULT) -> None:
        self._names = dict(SECTION_NAMES)
        for name, kind in (extra or {}).items():
            self._names[_key(name)] = SectionKind(kind)
        self.words = words
        # Answers of classify() and classify_plain(), which the lexer and the transformer ask
        # for every heading and short line: the same headings recur in every file of a run.
        self._known: dict[tuple[bool, str], SectionKind | None] = {}

    def with_names(self, extra: Iterable[tuple[str, SectionKind | str]]) -> "SectionVocabulary":
        vocab = SectionVocabulary(words=self.words)
        vocab._names = {**self._names, **{_key(n): SectionKind(k) for n, k in extra}}
        return vocab

    def with_words(self, extra: Mapping) -> "SectionVocabulary":
        """The same section names with head labels, TOC headings or artefacts added."""
        if not extra:
            return self
        vocab = SectionVocabulary(words=self.words.extended(extra))
        vocab._names = self._names
        return vocab

    def classify(self, heading: str) -> SectionKind | None:
        """The kind of section a heading opens, or None for a sub-heading."""
        return self._remembered(False, heading)

    def classify_plain(self, line: str) -> SectionKind | None:
        """The kind for an unmarked text line, which counts only when unmistakable.

        A known name alone on its line (no trailing period: `Baggrund.` is a run-in
        paragraph label in some exports) or a decision header with a date.
        """
        return self._remembered(True, line)

    def _remembered(self, plain: bool, text: str) -> SectionKind | None:
        if len(text) > _REMEMBERED_LENGTH:
            return self._classify_plain(text) if plain else self._classify(text)
        known = self._known
        if (plain, text) not in known:
            if len(known) >= _REMEMBERED:
                known.clear()  # a run over a very large archive: start afresh, memory stays flat
            known[plain, text] = self._classify_plain(text) if plain else self._classify(text)
        return known[plain, text]

    def _classify(self, heading: str) -> SectionKind | None:
        key = _key(heading)
        if not key or len(key) > 200:
            return None
        kind = self._names.get(key)
        if kind is not None:
            return kind
        for pattern, kind in SECTION_PATTERNS:
            if pattern.match(key):
                return kind
        if ADMINISTRATION_RECOMMENDS.match(key):
            return SectionKind.RECOMMENDATION
        if _DIGIT.search(key) and COMMITTEE_DATE_HEADING.match(key):
            return SectionKind.DECISION
        return None

    def _classify_plain(self, line: str) -> SectionKind | None:
        text = clean_inline(line)
        if not text or text.endswith(".") or len(text) > 160:
            return None
        key = _key(text)
        if key in self._names:
            return self._names[key]
        if _DIGIT.search(key) and (SECTION_PATTERNS[0][0].match(key) or SECTION_PATTERNS[1][0].match(key)
                                   or COMMITTEE_DATE_HEADING.match(key)):
            return SectionKind.DECISION
        if (text.endswith(":") and SECTION_PATTERNS[2][0].match(key)) or ADMINISTRATION_RECOMMENDS.match(key):
            return SectionKind.RECOMMENDATION
        return None

    @staticmethod
    def is_combined(heading: str) -> bool:
        """`Indstilling og beslutning`: the recommendation, then the decision in one section."""
        return _key(heading) == COMBINED_SECTION


def _key(heading: str) -> str:
    text = clean_inline(heading)
    last = _NOT_TRAILING.search(text[::-1])
    return text[: len(text) - last.start()].casefold() if last else ""


DEFAULT_VOCABULARY = SectionVocabulary()
