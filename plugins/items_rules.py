"""ITM — the agenda items: numbering, case numbers, decisions present, no empty sections.

Items are numbered consecutively from any start (running numbering over the year:
99, 100, …). Every open item carries a case number right under its heading, in one
format throughout the document. An item that asks for something (an `Indstilling`)
must record this meeting's decision (styrelseslovens § 13); closing items such as
`Eventuelt` or `Underskriftsside` often have neither, which is fine.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Iterator

from referatcheck import hookimpl
from referatcheck.decisions import heading_body, is_agenda, is_closed
from referatcheck.diagnostic import Severity
from referatcheck.lexer import case_number
from referatcheck.model import Item, Paragraph, Section, SectionKind
from referatcheck.rule import Rule, RuleDoc
from referatcheck.sections import SectionVocabulary
from referatcheck.titles import clean_inline, closed_title
from referatcheck.vocabulary import ROUTINE_TITLES
from referatcheck.vocabulary.items import (
    CASE_FORMATS, LABELLED_CASE,
)

_KNOWN = {name for name, _ in CASE_FORMATS}
_SHAPE_DIGITS = re.compile(r"\d+")
_SHAPE_LETTERS = re.compile(r"[A-Za-zÆØÅæøå]+")
# A case number written lower down stands in the item's first lines.
_INTRO_BLOCKS, _INTRO_LINES = 3, 4
# ITM003 compares with the rest of the document: case numbers are expected only when at
# least this many open numbered items (not counting routine ones), and this share of them, carry one.
_CASE_MIN_ITEMS = 2
_CASE_MIN_SHARE = 0.6


def case_format(number: str) -> str:
    """The name of a case number's format, or its shape (`A9-9-9`) when unknown."""
    for name, pattern in CASE_FORMATS:
        if pattern.fullmatch(number):
            return name
    return _SHAPE_LETTERS.sub("A", _SHAPE_DIGITS.sub("9", number))


def _quote(text: str, limit: int = 80) -> str:
    return f"\"{text if len(text) <= limit else text[: limit - 1] + '…'}\""


def _routine(item: Item) -> bool:
    return bool(ROUTINE_TITLES.match(item.title.strip()))


def _case_in_intro(item: Item) -> bool:
    """A case number written lower down, in the item's first lines (`Sagsansvarlig: …` / `Sagsnr.: 22/1234`)."""
    for block in item.intro[:_INTRO_BLOCKS]:
        if not isinstance(block, Paragraph):
            continue
        for line in block.lines[:_INTRO_LINES]:
            labelled = LABELLED_CASE.match(clean_inline(line).strip())
            if case_number(line) or (labelled and any(ch.isdigit() for ch in labelled.group(1))):
                return True
    return False


def _has_case(item: Item) -> bool:
    return item.case_number is not None or _case_in_intro(item)


def _item(item: Item, lang: str = "da") -> str:
    """`Punkt 4` / `Item 4`; an unnumbered item (`Meddelelser`) as `Punktet` / `The item`."""
    if item.number is not None:
        return f"Punkt {item.number}" if lang == "da" else f"Item {item.number}"
    return "Punktet" if lang == "da" else "The item"


def _ref(item: Item, lang: str = "da") -> str:
    """`punkt 4` / `item 4` inside a sentence; an unnumbered item by its title."""
    if item.number is not None:
        return f"punkt {item.number}" if lang == "da" else f"item {item.number}"
    return f"punktet {_quote(item.title, 60)}" if lang == "da" else f"the item {_quote(item.title, 60)}"


# ---- rules -----------------------------------------------------------------------------


class NumberingGap(Rule):
    """Item numbers are not consecutive."""

    code, name, family, severity = "ITM001", "item-numbering-gap", "ITM", Severity.WARNING
    doc = RuleDoc(
        summary_da="Punktnumrene er ikke fortløbende: et nummer springes over, eller nummereringen går baglæns.",
        summary_en="Item numbers are not consecutive: a number is skipped or the numbering goes backwards.",
        why_da="Punkterne nummereres fortløbende (fra et vilkårligt startnummer, fx løbende over året), og "
               "beslutninger henvises til ved punktnummer. Et hul betyder som regel, at et punkt er faldet ud af "
               "referatet eller er fejlnummereret. Står hullet også i en nummereret indholdsfortegnelse (fx et "
               "lukket punkt, der ikke offentliggøres) eller står punktet dér som lukket, er fundet kun til "
               "orientering.",
        why_en="Items are numbered consecutively (from any start, e.g. running over the year), and decisions are "
               "referred to by item number. A gap usually means an item dropped out of the minutes or was "
               "misnumbered. When a numbered table of contents skips the same number (e.g. a closed item not "
               "published), or lists the missing item as closed, the finding is info only.",
        wrong="# Punkt 4: Drøftelse af sundhedspolitikken\n24/02207\n\n# Punkt 6: Godkendelse af tilskud\n24/04702",
        right="# Punkt 4: Drøftelse af sundhedspolitikken\n24/02207\n\n# Punkt 5: Godkendelse af tilskud\n24/04702",
    )

    def check(self, document, options) -> Iterator:
        numbered = [i for i in document.items if i.number is not None and i.number > 0]  # unnumbered: Meddelelser
        entries = document.toc.entries if document.toc else ()
        toc_numbers = {e.number for e in entries if e.number is not None}
        closed_in_toc = {e.number for e in entries if e.number is not None and closed_title(e.title)}
        for previous, item in zip(numbered, numbered[1:]):
            if item.number == previous.number or item.number == previous.number + 1:
                continue  # duplicates are ITM002's
            if document.unread_between(previous.heading_span.line, item.heading_span.line):
                continue  # the missing item may stand in a stretch that could not be read (RC009)
            if item.number < previous.number:
                yield self.diagnostic(
                    document, item.heading_span,
                    f"Punkt {item.number} kommer efter punkt {previous.number} (linje {previous.heading_span.line}); "
                    f"nummereringen går baglæns.",
                    f"Item {item.number} follows item {previous.number} (line {previous.heading_span.line}); the "
                    f"numbering goes backwards.",
                    related=(previous.heading_span,), subject=f"{previous.number}->{item.number}",
                )
                continue
            missing = list(range(previous.number + 1, item.number))
            shown = _numbers(missing)
            in_toc_too = bool(toc_numbers) and not any(n in toc_numbers for n in missing)
            # The TOC lists the missing items as closed: left out of the published minutes.
            closed = not in_toc_too and all(n in closed_in_toc for n in missing)
            note_da = (" (også i indholdsfortegnelsen)." if in_toc_too else
                       " (lukket ifølge indholdsfortegnelsen: udeladt af det offentliggjorte referat?)." if closed else ".")
            note_en = (" (from the table of contents too)." if in_toc_too else
                       " (closed according to the table of contents: left out of the published minutes?)." if closed
                       else ".")
            yield self.diagnostic(
                document, item.heading_span,
                f"Punkt {item.number} følger efter punkt {previous.number} (linje {previous.heading_span.line}); "
                f"{shown} mangler" + note_da,
                f"Item {item.number} follows item {previous.number} (line {previous.heading_span.line}); "
                f"{_numbers(missing, 'en')} is missing" + note_en,
                related=(previous.heading_span,), subject=f"{previous.number}->{item.number}",
                severity=Severity.INFO if in_toc_too or closed else None,
            )


# A last line this long that ends in a letter is prose cut off, not a short closing word (`Intet`).
_CUT_LINE = 60


def _numbers(numbers: list[int], lang: str = "da") -> str:
    word = ("punkt" if len(numbers) == 1 else "punkterne") if lang == "da" else ("item" if len(numbers) == 1 else "items")
    if len(numbers) > 3:
        return f"{word} {numbers[0]}–{numbers[-1]}"
    joined = (" og " if lang == "da" else " and ").join(str(n) for n in numbers)
    return f"{word} {joined}"


class DuplicateNumber(Rule):
    """Two items carry the same number."""

    code, name, family, severity = "ITM002", "item-number-duplicate", "ITM", Severity.ERROR
    doc = RuleDoc(
        summary_da="To dagsordenspunkter har samme nummer.",
        summary_en="Two agenda items carry the same number.",
        why_da="Beslutninger og fremmødenoter henviser til punktnummeret; to punkter med samme nummer gør "
               "henvisningerne tvetydige.",
        why_en="Decisions and attendance notes refer to the item number; two items with one number make those "
               "references ambiguous.",
        wrong="# Punkt 3: Budgetopfølgning\n24/00087\n\n# Punkt 3: Takster 2025\n24/00312",
        right="# Punkt 3: Budgetopfølgning\n24/00087\n\n# Punkt 4: Takster 2025\n24/00312",
    )

    def check(self, document, options) -> Iterator:
        first: dict[int, Item] = {}
        for item in document.items:
            if item.number is None or item.number <= 0:
                continue
            if item.number in first:
                earlier = first[item.number]
                yield self.diagnostic(
                    document, item.heading_span,
                    f"Punkt {item.number} findes allerede (linje {earlier.heading_span.line}).",
                    f"Item {item.number} already exists (line {earlier.heading_span.line}).",
                    related=(earlier.heading_span,), subject=f"{item.number}|{item.title}",
                )
            else:
                first[item.number] = item


class MissingCaseNumber(Rule):
    """An open item has no case number."""

    code, name, family, severity = "ITM003", "item-without-case-number", "ITM", Severity.WARNING
    doc = RuleDoc(
        summary_da="Et åbent dagsordenspunkt har intet sagsnummer.",
        summary_en="An open agenda item has no case number.",
        why_da="Sagsnummeret under punktets overskrift forbinder beslutningen med sagen i kommunens "
               "journalsystem (aktindsigt, opfølgning). Punktet sammenlignes med resten af dokumentet: når mindst "
               "to og mindst 60 % af de åbne punkter har et sagsnummer, mangler det sandsynligvis på et nummereret "
               "åbent punkt uden. Har dokumentets punkter ingen sagsnumre (nogle kommuner trykker dem ikke), siges "
               "intet. Rutinepunkter som Godkendelse af dagsorden, Eventuelt, Meddelelser, Gensidig orientering, "
               "Spørgetid og Underskriftsside føres af nogle systemer uden sagsnummer; for dem er fundet kun til "
               "orientering, og punkter uden nummer (Meddelelser, Spørgetid) forventes ikke at have et.",
        why_en="The case number under the item heading links the decision to the case in the municipality's "
               "records (access to documents, follow-up). The item is compared with the rest of the document: "
               "when at least two and at least 60 % of the open items carry a case number, a numbered open item "
               "without one most likely lacks it. When the document's items carry none (some municipalities print "
               "none), nothing is said. Some systems file routine items such as Godkendelse af dagsorden, "
               "Eventuelt, Meddelelser, Gensidig orientering, Spørgetid and Underskriftsside without one; for those "
               "the finding is info only, and unnumbered items (Meddelelser, Spørgetid) are not expected to carry one.",
        wrong="# Punkt 5: Takster 2025\n24/04533\n\n# Punkt 6: Godkendelse af tilskud\n24/04702\n\n"
              "# Punkt 7: Orientering om brugertilfredshed\n\n## Sagsresumé\nUndersøgelsen er gennemført i august.",
        right="# Punkt 5: Takster 2025\n24/04533\n\n# Punkt 6: Godkendelse af tilskud\n24/04702\n\n"
              "# Punkt 7: Orientering om brugertilfredshed\n\n24/04871\n\n## Sagsresumé\nUndersøgelsen er "
              "gennemført i august.",
    )

    def check(self, document, options) -> Iterator:
        open_items = [item for item in document.items if not is_closed(item)]
        regular = [item for item in open_items if item.number is not None and not _routine(item)]
        carrying = sum(1 for item in regular if _has_case(item))
        if carrying < _CASE_MIN_ITEMS or carrying < _CASE_MIN_SHARE * len(regular):
            return  # this system prints no case numbers (or too few to expect one on every item)
        for item in open_items:
            if item.number is None or _has_case(item):
                continue  # an unnumbered item (`Meddelelser`, `Spørgetid`) is not expected to carry one
            yield self.diagnostic(
                document, item.heading_span,
                f"{_item(item)} {_quote(item.title)} har intet sagsnummer under overskriften, men "
                f"{carrying} af dokumentets {len(regular)} åbne punkter har et.",
                f"{_item(item, 'en')} {_quote(item.title)} has no case number under its heading, but {carrying} of "
                f"the document's {len(regular)} open items have one.",
                subject=item.title, severity=Severity.INFO if _routine(item) else None,
            )


class CaseNumberFormat(Rule):
    """A case number is written in another format than the document's others."""

    code, name, family, severity = "ITM004", "case-number-format", "ITM", Severity.WARNING
    options = {"case_number_pattern": None}
    doc = RuleDoc(
        summary_da="Et sagsnummer har et andet format end dokumentets øvrige (eller end det konfigurerede mønster).",
        summary_en="A case number has another format than the document's others (or than the configured pattern).",
        why_da="Et journalsystem skriver alle sagsnumre i samme format (KLE `15.00.15-P16-1-21`, `22/24308`, "
               "SBSYS `330-2018-3619`). Et nummer i en ukendt form er typisk en tastefejl, så sagen ikke kan "
               "findes; et nummer i et andet kendt format kan skyldes et systemskifte og er kun til orientering. "
               "Med indstillingen `case_number_pattern` (et regulært udtryk) skal hvert sagsnummer passe til "
               "mønsteret.",
        why_en="A records system writes all case numbers in one format (KLE `15.00.15-P16-1-21`, `22/24308`, "
               "SBSYS `330-2018-3619`). A number in an unknown shape is usually a typo, and the case cannot be "
               "found; a number in another known format may come from a change of system and is info only. "
               "With the option `case_number_pattern` (a regular expression) every case number must match it.",
        wrong="# Punkt 1: Godkendelse af dagsorden\n22/24308\n# Punkt 2: Orientering\n23/58769\n"
              "# Punkt 3: Takster\n23/66894\n# Punkt 4: Budget\n22-50594",
        right="# Punkt 1: Godkendelse af dagsorden\n22/24308\n# Punkt 2: Orientering\n23/58769\n"
              "# Punkt 3: Takster\n23/66894\n# Punkt 4: Budget\n22/50594",
    )

    def check(self, document, options) -> Iterator:
        numbered = [item for item in document.items if item.case_number is not None]
        pattern = options.get("case_number_pattern")
        if pattern:
            compiled = _compile(str(pattern))
            for item in numbered:
                if not compiled.fullmatch(item.case_number.text):
                    yield self.diagnostic(
                        document, item.case_number.span,
                        f"Sagsnummeret {item.case_number.text} under {_ref(item)} passer ikke til mønsteret "
                        f"for sagsnumre ({pattern}).",
                        f"Case number {item.case_number.text} under {_ref(item, 'en')} does not match the case "
                        f"number pattern ({pattern}).",
                        related=(item.heading_span,), subject=item.case_number.text,
                    )
            return
        formats = [case_format(item.case_number.text) for item in numbered]
        counts = Counter(formats)
        if not counts:
            return
        dominant, count = counts.most_common(1)[0]
        if count < 3 or 4 * count < 3 * len(formats):
            return  # no format clearly dominates: nothing to be consistent with
        example = next(item.case_number.text for item, f in zip(numbered, formats) if f == dominant)
        for item, found in zip(numbered, formats):
            if found == dominant:
                continue
            known = found in _KNOWN
            yield self.diagnostic(
                document, item.case_number.span,
                f"Sagsnummeret {item.case_number.text} under {_ref(item)} har et andet format end "
                f"dokumentets øvrige {count} sagsnumre (fx {example})"
                + (f"; {found} er et kendt format, måske fra et andet system." if known else "."),
                f"Case number {item.case_number.text} under {_ref(item, 'en')} has another format than the "
                f"document's other {count} case numbers (e.g. {example})"
                + (f"; {found} is a known format, perhaps from another system." if known else "."),
                related=(item.heading_span,), subject=item.case_number.text,
                severity=Severity.INFO if known else None,
            )


@lru_cache(maxsize=16)
def _compile(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"case_number_pattern {pattern!r} is not a valid regular expression: {exc}") from None


class MissingDecision(Rule):
    """An item with a recommendation has no decision."""

    code, name, family, severity = "ITM005", "recommendation-without-decision", "ITM", Severity.ERROR
    doc = RuleDoc(
        summary_da="Et punkt med en indstilling har ingen beslutning.",
        summary_en="An item with a recommendation has no decision.",
        why_da="Styrelseslovens § 13: udvalgets beslutninger skal føres i beslutningsprotokollen. Et punkt, der "
               "indstiller noget, skal derfor have en beslutning fra dette møde, også når den blot er "
               "`Taget til efterretning.` eller `Udsat.`. Beslutninger fra andre udvalg eller tidligere møder, "
               "citeret under punktet, tæller ikke. Slutter filen midt i en sætning i et sidste punkt uden "
               "indstilling og beslutning, er eksporten sandsynligvis afkortet (advarsel).",
        why_en="Styrelsesloven § 13: the committee's decisions must be recorded in the beslutningsprotokol. An item "
               "that recommends something therefore needs a decision of this meeting, even if only "
               "`Taget til efterretning.` or `Udsat.`. Decisions of other committees or earlier meetings quoted "
               "in the item do not count. A file that ends mid-sentence in a last item with neither "
               "recommendation nor decision was probably cut off in export (warning).",
        wrong="# Punkt 8: Godkendelse af samarbejdsaftale\n24/04871\n## Indstilling\n"
              "Forvaltningen indstiller til udvalget at godkende\n- samarbejdsaftalen.\n## Bilag\nUdkast til aftale",
        right="# Punkt 8: Godkendelse af samarbejdsaftale\n24/04871\n## Indstilling\n"
              "Forvaltningen indstiller til udvalget at godkende\n- samarbejdsaftalen.\n"
              "## Beslutning Social- og Sundhedsudvalget den 15-10-2024\nGodkendt.\n## Bilag\nUdkast til aftale",
    )

    def check(self, document, options) -> Iterator:
        if is_agenda(document):
            return
        records = [r for r in document.facts.records if not is_closed(r.item) and r.recommendation is not None]
        if len(records) >= 2 and not any(d for r in records for d in r.decisions):
            # Not one decision anywhere: an agenda, or a layout whose decisions were not recognised.
            yield self.diagnostic(
                document, records[0].item.heading_span,
                f"Ingen af de {len(records)} punkter med en indstilling har en beslutning; er dokumentet en "
                f"dagsorden og ikke et referat?",
                f"None of the {len(records)} items with a recommendation has a decision; is the document an agenda "
                f"rather than minutes?",
                severity=Severity.INFO, subject="no-decisions",
            )
            return
        for record in records:
            item = record.item
            if any(not d.empty for d in record.own_decisions):
                continue
            quoted = [d for d in record.decisions if not d.this_meeting and not d.empty]
            if quoted:
                names = "; ".join(f"linje {d.heading_span.line}" for d in quoted[:3])
                names_en = "; ".join(f"line {d.heading_span.line}" for d in quoted[:3])
                yield self.diagnostic(
                    document, item.heading_span,
                    f"{_item(item)} har en indstilling, men de beslutninger der står under punktet ({names}) "
                    f"er fra et andet udvalg eller et andet møde; dette mødes beslutning mangler.",
                    f"{_item(item, 'en')} has a recommendation, but the decisions under it ({names_en}) are of "
                    f"another committee or meeting; this meeting's decision is missing.",
                    related=(record.recommendation.span, *(d.heading_span for d in quoted[:3])),
                    subject=item.title, severity=Severity.WARNING,
                )
                continue
            empty = [d for d in record.own_decisions if d.empty]
            where = (f" (overskriften på linje {empty[0].heading_span.line} står uden tekst)" if empty else "")
            where_en = (f" (the heading on line {empty[0].heading_span.line} has no text)" if empty else "")
            yield self.diagnostic(
                document, item.heading_span,
                f"{_item(item)} {_quote(item.title)} har en indstilling (linje {record.recommendation.span.line}), "
                f"men ingen beslutning{where}.",
                f"{_item(item, 'en')} {_quote(item.title)} has a recommendation (line {record.recommendation.span.line}) "
                f"but no decision{where_en}.",
                related=(record.recommendation.span, *(d.heading_span for d in empty)), subject=item.title,
            )
        yield from self._cut_off(document, records)

    def _cut_off(self, document, records) -> Iterator:
        """A file that ends mid-sentence in a last item with neither recommendation nor decision,
        while other items have decisions: an export cut off before the decision."""
        last = document.items[-1] if document.items else None
        if last is None or is_closed(last) or not any(d for r in records for d in r.decisions):
            return
        record = document.facts.record_of(last)
        if record is not None and (record.recommendation is not None or record.decisions):
            return
        lines = document.source.lines
        end = len(lines)
        while end > 0 and not lines[end - 1].strip():
            end -= 1
        text = lines[end - 1].rstrip() if end else ""
        if end <= last.heading_span.line or len(text) < _CUT_LINE or not text[-1:].isalpha():
            return
        yield self.diagnostic(
            document, last.heading_span,
            f"{_item(last)} {_quote(last.title)} har ingen beslutning, og filen slutter midt i en sætning (linje "
            f"{end}); er referatet afkortet?",
            f"{_item(last, 'en')} {_quote(last.title)} has no decision, and the file ends mid-sentence (line {end}); "
            f"were the minutes cut off?",
            related=(document.line_span(end),), subject="cut-off", severity=Severity.WARNING,
        )


class EmptySection(Rule):
    """A section heading is followed directly by another section heading or the item's end."""

    code, name, family, severity = "ITM006", "empty-section", "ITM", Severity.WARNING
    doc = RuleDoc(
        summary_da="Et afsnit i et punkt er tomt: overskriften følges straks af en ny afsnitsoverskrift eller "
                   "punktets afslutning.",
        summary_en="A section of an item is empty: its heading is followed directly by another section heading "
                   "or the end of the item.",
        why_da="Et tomt afsnit betyder som regel, at teksten er gået tabt ved redigering eller eksport. En "
               "overskrift lige over et afsnit af samme slags (`Indstilling` over `Fagcenter … indstiller, at:`) "
               "og `Tidligere politisk behandlet` lige over citerede beslutninger er ikke tomme. Et tomt "
               "`Bilag`-afsnit er kun til orientering.",
        why_en="An empty section usually means text was lost in editing or export. A heading right above a "
               "section of the same kind (`Indstilling` above `Fagcenter … indstiller, at:`) and `Tidligere "
               "politisk behandlet` right above quoted decisions are not empty. An empty `Bilag` section is info "
               "only.",
        wrong="# Punkt 2: Orientering\n23/58769\n## Sagsresumé\n## Indstilling\nAt tage orienteringen til "
              "efterretning.\n## Beslutning\nTaget til efterretning.",
        right="# Punkt 2: Orientering\n23/58769\n## Sagsresumé\nNetværket har 28 medlemmer.\n## Indstilling\n"
              "At tage orienteringen til efterretning.\n## Beslutning\nTaget til efterretning.",
    )

    def check(self, document, options) -> Iterator:
        for record in document.facts.records:
            item = record.item
            sections = item.sections
            for index, section in enumerate(sections):
                if section.blocks or heading_body(section) is not None:
                    continue
                following = sections[index + 1] if index + 1 < len(sections) else None
                if following is not None and _introduces(section, following):
                    continue
                if section.kind is SectionKind.DECISION and record.recommendation is not None and not is_closed(item):
                    continue  # a missing decision is ITM005's error
                before = (f"afsnittet {_quote(following.title)} (linje {following.heading_span.line})"
                          if following else "punktets afslutning")
                before_en = (f"the section {_quote(following.title)} (line {following.heading_span.line})"
                             if following else "the end of the item")
                yield self.diagnostic(
                    document, section.heading_span,
                    f"Afsnittet {_quote(section.title)} i {_ref(item)} er tomt; overskriften følges straks af "
                    f"{before}.",
                    f"The section {_quote(section.title)} in {_ref(item, 'en')} is empty; its heading is followed "
                    f"directly by {before_en}.",
                    related=(following.heading_span,) if following else (), subject=f"{item.title}|{section.title}",
                    severity=Severity.INFO if section.kind is SectionKind.ATTACHMENTS else None,
                )


def _introduces(section: Section, following: Section) -> bool:
    """A heading that introduces what follows: same kind, history over quoted decisions, or
    `Indstilling og beslutning` over the decision (an item with no recommendation)."""
    if following.kind == section.kind and section.kind is not SectionKind.OTHER:
        return True  # `OTHER` sections are unrelated topics (Høring, Kommunikation, …)
    if following.kind is SectionKind.DECISION and SectionVocabulary.is_combined(section.title):
        return True
    return section.kind is SectionKind.HISTORY and following.kind is SectionKind.DECISION


RULES = (NumberingGap, DuplicateNumber, MissingCaseNumber, CaseNumberFormat, MissingDecision, EmptySection)


@hookimpl
def referatcheck_rules():
    return RULES
