"""PRV — privacy: CPR numbers, and case text under closed items.

Minutes are published (styrelseslovens § 8, stk. 7 and § 20) limited only by
confidentiality: a CPR number must never appear, and a closed item publishes at most
its case number and the decision as far as confidentiality allows.
"""

from __future__ import annotations

import re
from typing import Iterator

from referatcheck import hookimpl
from referatcheck.attendance import clean_name
from referatcheck.cpr import find_cpr_numbers
from referatcheck.diagnostic import Severity
from referatcheck.model import (
    AttendanceNote, CaseNumber, Heading, Item, ListBlock, Paragraph, SectionKind, Span, Table, block_text,
)
from referatcheck.rule import Rule, RuleDoc


class CprNumberPublished(Rule):
    """A CPR number stands in the minutes."""

    code, name, family, severity = "PRV001", "cpr-number", "PRV", Severity.ERROR
    doc = RuleDoc(
        summary_da="Referatet indeholder et CPR-nummer.",
        summary_en="The minutes contain a CPR number.",
        why_da="CPR-numre er fortrolige personoplysninger og må aldrig offentliggøres (databeskyttelsesloven § 11; "
               "styrelseslovens § 20 begrænser offentliggørelsen af referatet af hensyn til fortrolighed). "
               "Et nummer skrevet `DDMMÅÅ-NNNN` med en gyldig dato findes overalt; uden bindestreg kun, når det "
               "står efter `CPR`, `CPR-nr.` eller `personnummer`. Meddelelsen viser kun datodelen.",
        why_en="CPR numbers are confidential personal data and must never be published (Danish Data Protection Act "
               "§ 11; the Local Government Act § 20 limits publication for confidentiality). A number `DDMMYY-NNNN` "
               "with a valid date is found anywhere; without the dash only after `CPR`, `CPR-nr.` or "
               "`personnummer`. The message shows the date part only.",
        wrong="Borgeren med cpr-nr. 120384-1234 fik medhold i klagen.",
        right="Borgeren fik medhold i klagen.",
    )

    def check(self, document, options) -> Iterator:
        lines = document.source.lines
        for index, line in enumerate(lines):
            numbers = find_cpr_numbers(line, limit=_PER_LINE)
            for number in numbers[:_PER_LINE]:
                yield self.diagnostic(
                    document, Span(index + 1, number.start + 1, index + 1, number.end + 1),
                    f"Muligt CPR-nummer {number.masked} (født {number.birth_date:%d-%m-%Y}); CPR-numre må ikke "
                    f"offentliggøres.",
                    f"Possible CPR number {number.masked} (born {number.birth_date:%d-%m-%Y}); CPR numbers must not "
                    f"be published.",
                    subject=number.masked,
                )
            if len(numbers) > _PER_LINE:
                rest = numbers[_PER_LINE]
                yield self.diagnostic(
                    document, Span(index + 1, rest.start + 1, index + 1, rest.end + 1),
                    f"Linjen har flere mulige CPR-numre end de {_PER_LINE} ovenfor; CPR-numre må ikke "
                    f"offentliggøres.",
                    f"The line has more possible CPR numbers than the {_PER_LINE} above; CPR numbers must not be "
                    f"published.",
                    subject=f"{rest.masked}+",
                )


# A line with more CPR numbers than this (a list of citizens) gets one finding for the rest.
_PER_LINE = 10


# Short lines that say the item is closed, or point elsewhere, and disclose nothing.
_BOILERPLATE = re.compile(
    r"\blukke[dt]e?\b|fortrolig|offentlig|aktindsigt|^se\s{1,3}bilag|^intet\.?$|^ingen\.?$|^-$",
    re.IGNORECASE,
)
_BOILERPLATE_LENGTH = 120
# `Beslutning: Godkendt.` written as a paragraph: the decision, not case text.
_INLINE_DECISION = re.compile(r"^(?:beslutning|afgørelse)\b[^:]{0,120}:", re.IGNORECASE)
# The signature page (`Lukket: Underskriftsside`) carries instructions, not case text.
_SIGNATURE_ITEM = re.compile(r"underskrift", re.IGNORECASE)
# What follows the last item in some exports: the meeting's end and the signatures.
_CLOSING = re.compile(r"^(?:mødet\s{1,3}(?:hævet|sluttede|slut|afsluttet)|underskrift|side\s{1,3}\d|godkendt\s{1,3}af)",
                      re.IGNORECASE)
# Words of case text that are harmless on their own (fewer than this is not a disclosure).
_MIN_WORDS = 4
# A decision longer than this in a closed item may say more than confidentiality allows.
_LONG_DECISION = 300
_CASE_TEXT_KINDS = frozenset({
    SectionKind.SUMMARY, SectionKind.RECOMMENDATION, SectionKind.PRESENTATION, SectionKind.PROCEDURE,
    SectionKind.FINANCE, SectionKind.HISTORY, SectionKind.OTHER,
})


class ClosedItemText(Rule):
    """A closed item carries case text beyond its case number and a short decision."""

    code, name, family, severity = "PRV002", "closed-item-text", "PRV", Severity.ERROR
    doc = RuleDoc(
        summary_da="Et lukket punkt indeholder sagstekst ud over sagsnummer og en kort beslutning.",
        summary_en="A closed item carries case text beyond its case number and a short decision.",
        why_da="Lukkede punkter behandles for lukkede døre; i det offentlige referat må kun titel, sagsnummer og "
               "beslutningen – så vidt fortroligheden tillader – stå (styrelseslovens § 10 og § 20). Sagstekst "
               "under et lukket punkt er en mulig offentliggørelse af fortrolige oplysninger. En lang beslutning "
               "giver en advarsel, så den kan læses igennem.",
        why_en="Closed items are treated behind closed doors; the public minutes may show only the title, the case "
               "number and the decision as far as confidentiality allows (Local Government Act §§ 10, 20). Case "
               "text under a closed item may publish confidential matter. A long decision gives a warning so it "
               "can be read through.",
        wrong="## Punkt 10: Lukket: Klage over afgørelse om hjemmehjælp\n\n24/05033\n\n"
              "Borgeren er 84 år og bor alene i en lejlighed i Nordby Øst.",
        right="## Punkt 10: Lukket: Klage over afgørelse om hjemmehjælp\n\n24/05033\n\n"
              "### Beslutning\n\nGodkendt.",
    )

    def check(self, document, options) -> Iterator:
        for item in document.items:
            if not item.closed or _SIGNATURE_ITEM.search(item.title):
                continue
            case_text = list(_case_text(item))
            if _word_count(text for _, text in case_text) >= _MIN_WORDS:
                span, _ = case_text[0]
                yield self.diagnostic(
                    document, span,
                    f"Lukket punkt {item.number} (linje {item.heading_span.line}) indeholder sagstekst; "
                    f"kun sagsnummer og beslutning må offentliggøres.",
                    f"Closed item {item.number} (line {item.heading_span.line}) contains case text; only the case "
                    f"number and the decision may be published.",
                    related=(item.heading_span,), subject=item.title,
                )
                continue
            decision = list(_decision_text(item))
            length = sum(len(text) for _, text in decision)
            if length > _LONG_DECISION:
                span, _ = decision[0]
                yield self.diagnostic(
                    document, span,
                    f"Lukket punkt {item.number} (linje {item.heading_span.line}) har en lang beslutning ({length} "
                    f"tegn); kontrollér, at den ikke offentliggør fortrolige oplysninger.",
                    f"Closed item {item.number} (line {item.heading_span.line}) has a long decision ({length} "
                    f"characters); check that it publishes nothing confidential.",
                    related=(item.heading_span,), subject=item.title, severity=Severity.WARNING,
                )


def _case_text(item: Item) -> Iterator[tuple[Span, str]]:
    """Disclosing text of a closed item outside its decision: ``(span, text)`` per block."""
    blocks = list(item.intro)
    for section in item.sections:
        if section.kind in _CASE_TEXT_KINDS:
            blocks.extend(section.blocks)
    for block in blocks:
        text = _disclosing(block, inline_decisions=False)
        if text:
            yield block.span, text


def _decision_text(item: Item) -> Iterator[tuple[Span, str]]:
    """The decision's text: its sections, and `Beslutning: …` lines written as paragraphs."""
    for section in item.sections_of(SectionKind.DECISION):
        for block in section.blocks:
            text = _disclosing(block)
            if text:
                yield block.span, text
    for block in item.blocks():
        if isinstance(block, Paragraph) and _INLINE_DECISION.match(block.text):
            if not any(block in s.blocks for s in item.sections_of(SectionKind.DECISION)):
                yield block.span, block.text.partition(":")[2].strip()


def _disclosing(block, inline_decisions: bool = True) -> str:
    """The text of a block that may disclose something ('' for notes, numbers, boilerplate).

    Outside the decision, an inline `Beslutning: …` line is the decision and is left to
    the decision's length check (``inline_decisions=False`` drops it here).
    """
    if isinstance(block, (AttendanceNote, CaseNumber, Heading)):
        return ""
    if not isinstance(block, (Paragraph, ListBlock, Table)):
        return ""
    kept = []
    for line in block_text(block).splitlines():
        line = line.strip()
        if not line or _CLOSING.match(line) or _only_names(line):
            continue
        if len(line) <= _BOILERPLATE_LENGTH and _BOILERPLATE.search(line):
            continue
        if not inline_decisions and _INLINE_DECISION.match(line):
            continue
        kept.append(line)
    return " ".join(kept)


def _only_names(line: str) -> bool:
    """A signature line: names (with party letters) and nothing else."""
    parts = [p for p in re.split(r",|\t|\s{3,}|\bog\b", line) if p.strip()]
    return bool(parts) and len(parts) <= 30 and all(clean_name(re.sub(r"\([^()]{0,30}\)", "", p)) for p in parts)


def _word_count(texts) -> int:
    return sum(len(text.split()) for text in texts)


RULES = (CprNumberPublished, ClosedItemText)


@hookimpl
def referatcheck_rules():
    return RULES
