"""Which headings open a section of an agenda item, and of which kind.

Sections are recognised by name, not by heading level. The names are data: plugins
(`referatcheck_section_names`) and configuration add synonyms without a grammar change.
"""

from __future__ import annotations

import re
from typing import Iterable, Mapping

from referatcheck.model import SectionKind
from referatcheck.titles import clean_inline

K = SectionKind

SYNONYMS: dict[str, SectionKind] = {
    **dict.fromkeys(["sagsresumé", "sagsresume", "resumé", "resume", "kort resumé", "kort resume", "sammenfatning"], K.SUMMARY),
    **dict.fromkeys(["indstilling", "indstillinger", "forslag til beslutning", "indstilling til beslutning"], K.RECOMMENDATION),
    **dict.fromkeys(
        ["sagsfremstilling", "beskrivelse af sagen", "baggrund", "problemstilling", "løsning", "sagens kerne",
         "sagens indhold", "sagsbeskrivelse", "beskrivelse", "sagens baggrund"],
        K.PRESENTATION,
    ),
    **dict.fromkeys(["procedure", "sagens gang", "sagsgang og sagstype", "beslutningskompetence", "sagsgang"], K.PROCEDURE),
    **dict.fromkeys(
        ["bevillingsmæssige konsekvenser", "økonomi", "økonomiske konsekvenser",
         "økonomiske og andre væsentlige konsekvenser", "økonomi og finansiering", "økonomiske forhold"],
        K.FINANCE,
    ),
    **dict.fromkeys(
        ["sundhedsmæssige konsekvenser", "lovgrundlag", "risikovurdering", "retsgrundlag", "høring",
         "kommunikation", "personalemæssige konsekvenser", "miljømæssige konsekvenser", "klimakonsekvenser",
         "kobling til fn's verdensmål", "tidsplan", "videre proces"],
        K.OTHER,
    ),
    **dict.fromkeys(["tidligere politisk behandlet", "tidligere beslutninger", "politisk behandling"], K.HISTORY),
    **dict.fromkeys(["beslutning", "beslutninger", "afgørelse"], K.DECISION),
    **dict.fromkeys(["bilag", "bilagsliste"], K.ATTACHMENTS),
}

# Headings that name a kind and go on with a committee, a date or a topic.
_PATTERNS: tuple[tuple[re.Pattern[str], SectionKind], ...] = (
    # `Beslutning Arbejdsmarkedsudvalget den 07-11-2023`, `Beslutning i Økonomiudvalget den ...`
    (re.compile(r"^beslutning(?:er)?(?:\s+(?:i|fra|truffet i)\b|\s+\S+.*\bden\b|\s+den\b|\s*[:(]).*$"), K.DECISION),
    # `Økonomiudvalgets beslutning den 29. marts 2021`, `Byrådets beslutning`
    (re.compile(r"^\S+(?:\s+\S+){0,6}s beslutning(?:\s+den\b.*)?$"), K.DECISION),
    # `Fagcenter Arbejdsmarked og Borgerservice indstiller, at:`
    (re.compile(r"^\S.{0,150}\bindstiller(?:\s+til\s+\S.{0,100})?,?\s+at:?$"), K.RECOMMENDATION),
    (re.compile(r"^kobling til fn"), K.OTHER),
    (re.compile(r"^tidligere politisk behandl"), K.HISTORY),
)

# Trailing blanks, colons and periods, found on the reversed text: `[\s:.]+$` is
# quadratic on a long run of them that is not at the end.
_NOT_TRAILING = re.compile(r"[^\s:.]")


class SectionVocabulary:
    """Maps heading text to a :class:`SectionKind`, with extra synonyms added as data."""

    def __init__(self, extra: Mapping[str, SectionKind | str] | None = None) -> None:
        self._names = dict(SYNONYMS)
        for name, kind in (extra or {}).items():
            self._names[_key(name)] = SectionKind(kind)

    def with_names(self, extra: Iterable[tuple[str, SectionKind | str]]) -> "SectionVocabulary":
        merged = {**self._names, **{_key(n): SectionKind(k) for n, k in extra}}
        vocab = SectionVocabulary()
        vocab._names = merged
        return vocab

    def classify(self, heading: str) -> SectionKind | None:
        """The kind of section a heading opens, or None for a sub-heading."""
        key = _key(heading)
        if not key or len(key) > 200:
            return None
        kind = self._names.get(key)
        if kind is not None:
            return kind
        for pattern, kind in _PATTERNS:
            if pattern.match(key):
                return kind
        return None

    def classify_plain(self, line: str) -> SectionKind | None:
        """The kind for an unmarked text line, which counts only when unmistakable.

        A known name alone on its line (no trailing period: `Baggrund.` is a run-in
        paragraph label in some exports) or a decision header with a date.
        """
        text = clean_inline(line)
        if not text or text.endswith(".") or len(text) > 160:
            return None
        key = _key(text)
        if key in self._names:
            return self._names[key]
        if _PATTERNS[0][0].match(key) and re.search(r"\d", key):
            return SectionKind.DECISION
        if _PATTERNS[1][0].match(key) and re.search(r"\d", key):
            return SectionKind.DECISION
        if text.endswith(":") and _PATTERNS[2][0].match(key):
            return SectionKind.RECOMMENDATION
        return None


def _key(heading: str) -> str:
    text = clean_inline(heading)
    last = _NOT_TRAILING.search(text[::-1])
    return text[: len(text) - last.start()].casefold() if last else ""


DEFAULT_VOCABULARY = SectionVocabulary()
