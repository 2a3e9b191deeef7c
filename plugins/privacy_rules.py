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
from referatcheck.cpr import lines_with_cpr_numbers
from referatcheck.decisions import heading_body, is_closed, paragraph_sentences, verdict_of
from referatcheck.diagnostic import Severity
from referatcheck.model import (
    Heading, Item, ListBlock, Paragraph, SectionKind, Span, Table, block_text,
)
from referatcheck.rule import Rule, RuleDoc
from referatcheck.titles import clean_inline
from referatcheck.vocabulary.privacy import (
    CLOSED_MARK, CLOSING, DECISION_LABEL_LINE, LEGAL_CITATION, METADATA, NOTE_ACT, NOTE_START, NOTHING, NOTICE,
    PARTY_IN_BRACKETS, SHORT_DECISION, SIGNATURE_ITEM, SIGNATURE_LINE, SIGNATURE_SEPARATOR, WEB_ARTEFACT,
)


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
        for index, numbers in lines_with_cpr_numbers(document.source.lines, limit=_PER_LINE):
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


_NOTICE_WORDS = 12
_METADATA_LENGTH = 160
_TITLE_SLACK = 16
_SHORT_DECISION_WORDS = 15
# Words of case text that are harmless on their own (fewer than this is not a disclosure).
_MIN_WORDS = 4
# A decision longer than this in a closed item may say more than confidentiality allows.
_LONG_DECISION = 300
# Every section but the decision is case text under a closed item (attachments' titles too).
_DECISION_KINDS = frozenset({SectionKind.DECISION})


class ClosedItemText(Rule):
    """A closed item carries case text beyond its case number and a short decision."""

    code, name, family, severity = "PRV002", "closed-item-text", "PRV", Severity.ERROR
    doc = RuleDoc(
        summary_da="Et lukket punkt indeholder sagstekst ud over sagsnummer og en kort beslutning.",
        summary_en="A closed item carries case text beyond its case number and a short decision.",
        why_da="Lukkede punkter behandles for lukkede døre; i det offentlige referat må kun titel, sagsnummer og "
               "beslutningen – så vidt fortroligheden tillader – stå (styrelseslovens § 10 og § 20). Sagstekst "
               "under et lukket punkt (før første afsnit eller under et andet afsnit end beslutningen) er en mulig "
               "offentliggørelse af fortrolige oplysninger og en fejl. Tekst i beslutningen ud over en kort "
               "beslutning (`Godkendt.`, `Taget til efterretning.`, `Sagen blev behandlet.`, fremmøde og "
               "afstemning) og en lang beslutning giver en advarsel, så den kan læses igennem. Et punkt er lukket, "
               "når titlen siger det (`Lukket: …`, `… - Lukket`, `… - Lukket punkt`).",
        why_en="Closed items are treated behind closed doors; the public minutes may show only the title, the case "
               "number and the decision as far as confidentiality allows (Local Government Act §§ 10, 20). Case "
               "text under a closed item (before its first section or under any section but the decision) may "
               "publish confidential matter and is an error. Text in the decision beyond a short decision "
               "(`Godkendt.`, `Taget til efterretning.`, `Sagen blev behandlet.`, attendance and votes) and a long "
               "decision give a warning so they can be read through. An item is closed when its title says so "
               "(`Lukket: …`, `… - Lukket`, `… - Lukket punkt`).",
        wrong="## Punkt 10: Lukket: Klage over afgørelse om hjemmehjælp\n\n24/05033\n\n"
              "Borgeren er 84 år og bor alene i en lejlighed i Nordby Øst.",
        right="## Punkt 10: Lukket: Klage over afgørelse om hjemmehjælp\n\n24/05033\n\n"
              "### Beslutning\n\nGodkendt.",
    )

    def check(self, document, options) -> Iterator:
        for item in document.items:
            if not is_closed(item):
                continue
            signature = bool(SIGNATURE_ITEM.search(item.title))
            where = f"punkt {item.number}" if item.number is not None else f"punktet \"{item.title[:60]}\""
            where_en = f"item {item.number}" if item.number is not None else f"the item \"{item.title[:60]}\""
            case_text = list(_case_text(item, signature))
            if _word_count(text for _, text in case_text) >= _MIN_WORDS:
                span, _ = case_text[0]
                yield self.diagnostic(
                    document, span,
                    f"Lukket {where} (linje {item.heading_span.line}) indeholder sagstekst; "
                    f"kun sagsnummer og beslutning må offentliggøres.",
                    f"Closed {where_en} (line {item.heading_span.line}) contains case text; only the case "
                    f"number and the decision may be published.",
                    related=(item.heading_span,), subject=item.title,
                )
                continue
            decision = list(_decision_text(item))
            extra = _beyond_decision(decision)
            if _word_count(text for _, text in extra) >= _MIN_WORDS:
                span, _ = extra[0]
                yield self.diagnostic(
                    document, span,
                    f"Lukket {where} (linje {item.heading_span.line}) har tekst i beslutningen ud over en kort "
                    f"beslutning; kontrollér, at den ikke offentliggør fortrolige oplysninger.",
                    f"Closed {where_en} (line {item.heading_span.line}) has text in its decision beyond a short "
                    f"decision; check that it publishes nothing confidential.",
                    related=(item.heading_span,), subject=item.title, severity=Severity.WARNING,
                )
                continue
            length = sum(len(text) for _, text in decision)
            if length > _LONG_DECISION:
                span, _ = decision[0]
                yield self.diagnostic(
                    document, span,
                    f"Lukket {where} (linje {item.heading_span.line}) har en lang beslutning ({length} "
                    f"tegn); kontrollér, at den ikke offentliggør fortrolige oplysninger.",
                    f"Closed {where_en} (line {item.heading_span.line}) has a long decision ({length} "
                    f"characters); check that it publishes nothing confidential.",
                    related=(item.heading_span,), subject=item.title, severity=Severity.WARNING,
                )


def _case_text(item: Item, signature: bool = False) -> Iterator[tuple[Span, str]]:
    """Disclosing lines of a closed item outside its decision: ``(span, text)`` per line.

    On a signature page (``signature``) the instructions to sign are no case text.
    """
    blocks = list(item.intro)
    for section in item.sections:
        if section.kind not in _DECISION_KINDS:
            blocks.extend(section.blocks)
    title = _letters(CLOSED_MARK.sub("", item.title))
    for block in blocks:
        for span, line in _lines(block):
            if _harmless(line) or (signature and SIGNATURE_LINE.search(line)) or DECISION_LABEL_LINE.match(line):
                continue  # an inline `Beslutning: …` is the decision, left to the decision's checks
            if title and _repeats(title, _letters(line)):
                continue  # the title repeated (web pages print it two or three times)
            yield span, line


def _letters(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _repeats(title: str, line: str) -> bool:
    """A line that is the item's title again, perhaps with its number or a `Lukket` mark around it."""
    return bool(line) and (line in title or (title in line and len(line) <= len(title) + _TITLE_SLACK))


def _lines(block) -> Iterator[tuple[Span, str]]:
    """``(span, text)`` of each non-empty line of a text block (notes and case numbers have none)."""
    if isinstance(block, Paragraph):
        pieces = [(Span.of_line(block.span.line + k, line), line) for k, line in enumerate(block.lines)]
    elif isinstance(block, ListBlock):
        pieces = [(entry.span, entry.text) for entry in block.items]
    elif isinstance(block, Table):
        pieces = [(row.span, "\t".join(row.texts)) for row in block.rows]
    elif isinstance(block, Heading):
        pieces = [(block.span, block.text)]
    else:
        return
    for span, text in pieces:
        text = clean_inline(text).strip()
        if text:
            yield span, text


def _decision_text(item: Item) -> Iterator[tuple[Span, str]]:
    """The decision's sentences (notes and notices left out): its sections, and `Beslutning: …` paragraphs."""
    inline = []
    for block in item.blocks():
        if isinstance(block, Paragraph) and DECISION_LABEL_LINE.match(block.text):
            if not any(block in s.blocks for s in item.sections_of(SectionKind.DECISION)):
                inline.append(Paragraph(lines=(block.text.partition(":")[2].strip(),), span=block.span))
    for section in item.sections_of(SectionKind.DECISION):
        body = heading_body(section)
        if body:
            yield from _sentences_of(Paragraph(lines=(body,), span=section.heading_span))
        for block in section.blocks:
            yield from _sentences_of(block)
    for block in inline:
        yield from _sentences_of(block)


def _sentences_of(block) -> Iterator[tuple[Span, str]]:
    if isinstance(block, Paragraph):
        pieces = paragraph_sentences(block)
    elif isinstance(block, (ListBlock, Table)) or (isinstance(block, Heading) and block.level == 0):
        pieces = [(line, block.span) for line in block_text(block).splitlines()]
    else:
        return
    for text, span in pieces:
        text = clean_inline(text).strip()
        if text and not _harmless(text):
            yield span, text


def _beyond_decision(sentences: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """Sentences of a decision beyond a short decision.

    With a recognised short decision (`Godkendt.`, `Sagen blev behandlet.`) every other
    sentence is extra; a decision of free text keeps its first sentence as the decision.
    """
    short = [_short_decision(text) for _, text in sentences]
    if any(short):
        return [entry for entry, ok in zip(sentences, short) if not ok]
    return sentences[1:]


def _short_decision(text: str) -> bool:
    words = len(text.split())
    if words > _SHORT_DECISION_WORDS:
        return False
    return verdict_of(text) is not None or bool(SHORT_DECISION.match(text))


def _harmless(line: str) -> bool:
    """A line that discloses nothing: a notice, metadata, a web artefact, the closing, names, a note."""
    if CLOSING.match(line) or WEB_ARTEFACT.match(line) or NOTHING.match(line) or _only_names(line):
        return True
    if len(line) <= _METADATA_LENGTH and METADATA.match(line):
        return True
    notice = LEGAL_CITATION.sub("", line)
    if len(notice.split()) <= _NOTICE_WORDS and NOTICE.search(notice):
        return True
    return bool(NOTE_START.match(line)) or bool(NOTE_ACT.search(line) and PARTY_IN_BRACKETS.search(line))


def _only_names(line: str) -> bool:
    """A signature line: names (with party letters) and nothing else."""
    parts = [p for p in SIGNATURE_SEPARATOR.split(line) if p.strip()]
    return bool(parts) and len(parts) <= 30 and all(clean_name(re.sub(r"\([^()]{0,30}\)", "", p)) for p in parts)


def _word_count(texts) -> int:
    return sum(len(text.split()) for text in texts)


RULES = (CprNumberPublished, ClosedItemText)


@hookimpl
def referatcheck_rules():
    return RULES
