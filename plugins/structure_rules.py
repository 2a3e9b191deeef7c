"""RC008–RC009 — whether referatcheck could read the document's structure at all.

Silence must mean "read, and nothing found". A document that looks like minutes (a
title with `Referat`/`Beslutningsprotokol`, head fields, a table of contents or the
usual section names) but in which no agenda item was recognised, or whose items have
none of the usual sections, was not checked: RC008 says so, as sqlfluff reports an
unparsable section. A stretch that cannot be read (a PDF page flattened onto one line)
is named by RC009, once per stretch; no structure finding is drawn from it.
"""

from __future__ import annotations

import re
from typing import Iterator

from referatcheck import hookimpl
from referatcheck.diagnostic import Severity
from referatcheck.model import Document, Heading, Paragraph, SectionKind, Span
from referatcheck.rule import Rule, RuleDoc
from referatcheck.vocabulary import SECTION_NAMES, TITLE_WORDS

_FILE_START = Span(1, 1, 1, 1)
_TITLE_WORD = re.compile(r"\b(?:" + "|".join(TITLE_WORDS) + r")\b", re.IGNORECASE)  # not `referatcheck`
# Section names that only minutes use: seeing two of them in text no item holds means
# the document has items we did not find.
_TELLING = frozenset(name for name, kind in SECTION_NAMES.items()
                     if kind in (SectionKind.RECOMMENDATION, SectionKind.DECISION, SectionKind.PRESENTATION,
                                 SectionKind.SUMMARY) and name not in ("referat", "protokol", "forslag"))


def _looks_like_minutes(document: Document) -> bool:
    head = document.head
    if document.toc is not None or head.fields:
        return True
    if head.title is not None and _TITLE_WORD.search(head.title.text) and head.blocks:
        return True  # a title over text (a bare title line alone is an empty draft: nothing to read)
    return _telling_lines(document) >= 2


def _telling_lines(document: Document) -> int:
    """Lines outside any item that carry a section name of minutes (`Beslutning`, `Indstilling`)."""
    count = 0
    for block in document.head.blocks:
        texts = [block.text] if isinstance(block, Heading) else (block.lines if isinstance(block, Paragraph) else ())
        for text in texts:
            if len(text) <= 80 and text.strip(" :*").casefold() in _TELLING:
                count += 1
    return count


class StructureNotRead(Rule):
    """The document looks like minutes, but no agenda item (or no section) was recognised."""

    code, name, family, severity = "RC008", "structure-not-read", "RC", Severity.WARNING
    doc = RuleDoc(
        summary_da="Dokumentet ligner et referat, men referatcheck kunne ikke genkende dets dagsordenspunkter.",
        summary_en="The document looks like minutes, but referatcheck could not recognise its agenda items.",
        why_da="Uden genkendte punkter kontrolleres hverken indholdsfortegnelse, sagsnumre, beslutninger, fremmøde "
               "eller lukkede punkter; et tomt resultat ville betyde \"ikke læst\", ikke \"i orden\". Kør "
               "`referatcheck parse` for at se, hvad der blev forstået, og lær referatcheck kommunens mærkater "
               "gennem konfigurationen (se README, \"Formater\"). En tom fil meldes som info.",
        why_en="Without recognised items neither the table of contents, case numbers, decisions, attendance nor "
               "closed items are checked; an empty result would mean \"not read\", not \"fine\". Run "
               "`referatcheck parse` to see what was understood, and teach referatcheck the municipality's labels "
               "through configuration (see the README, \"Formats\"). An empty file is reported as info.",
        wrong="# REFERAT Økonomiudvalget d. 04-06-2024\n\nMødested: Rådhuset\n\nDette dokument har ingen "
              "genkendelige punkter.\n",
        right="# REFERAT Økonomiudvalget d. 04-06-2024\n\nMødested: Rådhuset\n\n# Punkt 1: Godkendelse af "
              "dagsorden\n\n24/1234\n\n## Beslutning\n\nGodkendt.\n",
    )

    def check(self, document: Document, options) -> Iterator:
        if not document.items:
            if not document.source.text.strip():
                # Nothing to read is not "read, and nothing found": say so, without failing CI.
                yield self.diagnostic(document, _FILE_START, "Filen er tom; der er intet at kontrollere.",
                                      "The file is empty; there is nothing to check.", severity=Severity.INFO,
                                      subject="empty")
            elif _looks_like_minutes(document):
                yield self.diagnostic(
                    document, document.head.title.span if document.head.title else _FILE_START,
                    "Dokumentet ligner et referat, men intet dagsordenspunkt blev genkendt; strukturen er ikke "
                    "kontrolleret (kør `referatcheck parse`).",
                    "The document looks like minutes, but no agenda item was recognised; its structure was not "
                    "checked (run `referatcheck parse`).",
                )
            return
        if not any(item.sections for item in document.items):
            first = document.items[0]
            yield self.diagnostic(
                document, first.heading_span,
                f"Der blev genkendt {len(document.items)} dagsordenspunkter, men ingen af dem har de sædvanlige "
                "afsnit (Indstilling, Beslutning …); indholdet er ikke kontrolleret.",
                f"{len(document.items)} agenda items were recognised, but none has the usual sections "
                "(Indstilling, Beslutning …); their content was not checked.",
            )


class UnreadStretch(Rule):
    """A stretch of the file could not be read (a PDF page flattened onto one line)."""

    code, name, family, severity = "RC009", "unread-stretch", "RC", Severity.INFO
    doc = RuleDoc(
        summary_da="Et stykke af filen kunne ikke læses (fx en PDF-side, der er trukket sammen på én linje).",
        summary_en="A stretch of the file could not be read (e.g. a PDF page flattened onto one line).",
        why_da="Tekst trukket ud af en PDF uden layout kan samle en hel side på én linje med sidetal og "
               "sidehoveder blandet ind. Den kan ikke læses pålideligt, så referatcheck drager ingen slutninger "
               "om struktur fra den og siger det i stedet. Eksportér referatet som Word eller tekst med linjeskift.",
        why_en="Text pulled out of a PDF without layout may put a whole page on one line, with page numbers and "
               "running heads mixed in. It cannot be read reliably, so referatcheck draws no structure from it and "
               "says so instead. Export the minutes as Word or as text with line breaks.",
        wrong="# REFERAT Økonomiudvalget d. 04-06-2024\n\n" + " ".join(
            ["Side 3 af 9 Punkt 4. Budget Sagsfremstilling Teksten fortsætter. Indstilling Det indstilles, at "
             "budgettet godkendes. Beslutning Godkendt."] * 12) + "\n",
        right="# REFERAT Økonomiudvalget d. 04-06-2024\n\n# Punkt 4: Budget\n\n24/1234\n\n## Beslutning\n\nGodkendt.\n",
    )

    def check(self, document: Document, options) -> Iterator:
        for stretch in document.unread:
            yield self.diagnostic(
                document, stretch.span,
                "Denne linje kunne ikke læses som referat (en hel side på én linje?); den er ikke kontrolleret.",
                "This line could not be read as minutes (a whole page on one line?); it was not checked.",
                subject=str(stretch.span.line),
            )


RULES = (StructureNotRead, UnreadStretch)


@hookimpl
def referatcheck_rules():
    return RULES
