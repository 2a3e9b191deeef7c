"""TOC — the table of contents against the agenda items.

The entries are aligned with the items in order: exact title matches anchor the
alignment, truncated entries match as prefixes, and near misses (one word or two
letters) pair up inside the gaps. What stays unpaired is an entry without an item
or an item without an entry; a pair found out of order is a wrong order.
"""

from __future__ import annotations

import difflib
from bisect import bisect_left, bisect_right
from typing import Iterator

from referatcheck import hookimpl
from referatcheck.diagnostic import Severity
from referatcheck.edits import Applicability, Fix
from referatcheck.model import Document, Item, TocEntry
from referatcheck.pages import is_paged, page_of
from referatcheck.rule import Rule, RuleDoc
from referatcheck.titles import closed_title, normalise_title as entry_key_of
from referatcheck.toc_alignment import TRUNCATION_MIN_LENGTH, Pair, entry_key
from referatcheck.toc_rebuild import Placement, Rebuild, rebuild

def _applies(document: Document) -> bool:
    """TOC rules speak only when there is a TOC with entries and items were recognised."""
    return bool(document.toc and document.toc.entries and document.items)


# ---- the fix: the TOC rebuilt from the items (referatcheck.toc_rebuild) ---------------------


def _rebuild(document: Document) -> tuple[Rebuild, bool] | None:
    """The TOC rewritten from the items, and whether each finding's line can be fixed on its
    own (every entry stands in its item's place); None when no rebuild is safe: part of
    the file could not be read (the missing items may be there), or fewer than half the
    items have an entry (the TOC and the items may have been read wrongly), or the TOC was
    not read whole (the entries after the line it ended at would be written twice)."""
    if not _applies(document) or document.unread or document.toc.cut:
        return None
    alignment = document.facts.toc
    if 2 * len(alignment.pairs) < len(document.items) or any(not item.title.strip() for item in document.items):
        return None
    by_item = {id(p.item): p for p in alignment.pairs}
    placements = []
    for item in document.items:
        pair = by_item.get(id(item))
        if pair is None:
            placements.append(Placement(item, None))
        else:
            placements.append(Placement(item, pair.entry, pair.match, pair.moved or pair.swapped_with is not None))
    rebuilt = rebuild(document, placements)
    if rebuilt is None or not rebuilt.edits:
        return None
    entries = document.toc.entries
    local = len(entries) == len(placements) and all(
        p.entry is None or p.entry is entry for p, entry in zip(placements, entries)
    ) and not any(p.moved for p in placements)
    return rebuilt, local


def _toc_fix(document: Document, line: int) -> Fix | None:
    """The fix for a TOC finding at ``line``: that entry's line alone when every entry stands
    in its place, else the whole TOC rebuilt (worked out once per document, for all the rules)."""
    found = document.facts.shared("toc-rebuild", _rebuild)
    if found is None:
        return None
    rebuilt, local = found
    pending = len(rebuilt.pending_lines & {line}) if local else len(rebuilt.pending_lines)
    note_da = f" {pending} punkt(er) mangler sidetal; skriv dem efter prikkerne." if pending else ""
    note_en = f" {pending} entr{'y lacks' if pending == 1 else 'ies lack'} a page number; write it after the dots." \
        if pending else ""
    if local:
        edits = rebuilt.by_line.get(line, ())
        return Fix.safe(edits, "Ret linjen i indholdsfortegnelsen efter punktet." + note_da,
                        "Correct the table-of-contents line from its item." + note_en) if edits else None
    return Fix.safe(rebuilt.edits, "Byg indholdsfortegnelsen om fra dagsordenspunkterne." + note_da,
                    "Rebuild the table of contents from the agenda items." + note_en)


def _title_quote(text: str, limit: int = 90) -> str:
    return f"\"{text if len(text) <= limit else text[: limit - 1] + '…'}\""


# ---- rules -----------------------------------------------------------------------------


class EntryWithoutItem(Rule):
    """A TOC entry has no agenda item."""

    code, name, family, severity = "TOC001", "toc-entry-without-item", "TOC", Severity.ERROR
    doc = RuleDoc(
        summary_da="Et punkt i indholdsfortegnelsen findes ikke blandt dagsordenspunkterne.",
        summary_en="A table-of-contents entry has no matching agenda item.",
        why_da="Indholdsfortegnelsen skal svare til de behandlede punkter; en ekstra linje peger læseren på et punkt, "
               "der ikke blev behandlet, eller viser at et punkt er faldet ud af referatet. Et lukket punkt "
               "(`Lukket: …`) udelades ofte af det offentliggjorte referat; det meldes kun som info.",
        why_en="The table of contents must match the items treated; an extra entry points readers to an item that "
               "was not treated, or shows that an item dropped out of the minutes. A closed item (`Lukket: …`) is "
               "often left out of the published minutes; that is reported as info only.",
        wrong="## Indholdsfortegnelse\nGodkendelse af dagsorden.....\t3\nOrientering om budget.....\t4\n\n"
              "# Punkt 1: Godkendelse af dagsorden",
        right="## Indholdsfortegnelse\nGodkendelse af dagsorden.....\t3\n\n# Punkt 1: Godkendelse af dagsorden",
    )

    fixable = Applicability.SAFE

    def check(self, document, options) -> Iterator:
        if not _applies(document):
            return
        alignment = document.facts.toc
        first_pair: dict[str, Pair] = {}
        for p in alignment.pairs:
            first_pair.setdefault(entry_key(p.entry), p)
        for entry in alignment.orphan_entries:
            duplicate = first_pair.get(entry_key(entry))
            if duplicate is not None:
                yield self.diagnostic(
                    document, entry.span,
                    f"Indholdsfortegnelsen har {_title_quote(entry.title)} to gange (også linje {duplicate.entry.span.line}).",
                    f"The table of contents lists {_title_quote(entry.title)} twice (also line {duplicate.entry.span.line}).",
                    related=(duplicate.entry.span,), subject=entry.title,
                    fix=_toc_fix(document, entry.span.line),
                )
                continue
            if document.unread:
                continue  # the item may stand in a stretch that could not be read (RC009)
            if closed_title(entry.title):
                # Closed items are often left out of the published minutes and kept in the TOC.
                yield self.diagnostic(
                    document, entry.span,
                    f"Indholdsfortegnelsen har det lukkede punkt {_title_quote(entry.title)}, som ikke står i "
                    "referatet; det er i orden, hvis lukkede punkter udelades af det offentliggjorte referat.",
                    f"The table of contents lists the closed item {_title_quote(entry.title)}, which is not in the "
                    "minutes; that is fine if closed items are left out of the published minutes.",
                    subject=entry.title, severity=Severity.INFO,
                )
                continue
            yield self.diagnostic(
                document, entry.span,
                f"Indholdsfortegnelsen har {_title_quote(entry.title)}, men intet dagsordenspunkt har den overskrift.",
                f"The table of contents lists {_title_quote(entry.title)}, but no agenda item has that heading.",
                subject=entry.title,
                fix=_toc_fix(document, entry.span.line),
            )


class ItemWithoutEntry(Rule):
    """An agenda item is missing from the TOC."""

    code, name, family, severity = "TOC002", "item-without-toc-entry", "TOC", Severity.ERROR
    doc = RuleDoc(
        summary_da="Et dagsordenspunkt mangler i indholdsfortegnelsen.",
        summary_en="An agenda item is missing from the table of contents.",
        why_da="Læsere finder punkterne via indholdsfortegnelsen; et manglende punkt er let at overse, og det "
               "tyder på, at fortegnelsen ikke er opdateret efter en ændring af dagsordenen.",
        why_en="Readers find items through the table of contents; a missing item is easily overlooked and suggests "
               "the contents were not updated after the agenda changed.",
        wrong="## Indholdsfortegnelse\nGodkendelse af dagsorden.....\t3\n\n# Punkt 1: Godkendelse af dagsorden\n"
              "# Punkt 2: Eventuelt",
        right="## Indholdsfortegnelse\nGodkendelse af dagsorden.....\t3\nEventuelt.....\t4\n\n"
              "# Punkt 1: Godkendelse af dagsorden\n# Punkt 2: Eventuelt",
    )

    fixable = Applicability.SAFE

    def check(self, document, options) -> Iterator:
        if not _applies(document) or document.toc.cut:
            return  # the TOC ended at a line that looks like more of it: the missing entries may stand there
        toc_span = document.toc.span
        positions = _positions(document)
        for item in document.facts.toc.orphan_items:
            position = _entry_position(document, item, positions)
            yield self.diagnostic(
                document, position,
                f"Punkt {item.number} {_title_quote(item.title)} (linje {item.heading_span.line}) mangler i "
                f"indholdsfortegnelsen.",
                f"Item {item.number} {_title_quote(item.title)} (line {item.heading_span.line}) is missing from the "
                f"table of contents.",
                related=(item.heading_span, toc_span), subject=item.title,
                fix=_toc_fix(document, position.line),
            )


def _entry_position(document: Document, item: Item, positions):
    """Where the missing entry belongs: the line right after the entry of the item before.

    So a deleted TOC line is reported at the line number it had.
    """
    entries = document.toc.entries
    by_item, item_lines, entry_lines = positions
    before = bisect_left(item_lines, item.heading_span.line)  # pairs whose item stands above
    if not before:
        return entries[0].span
    anchor = by_item[before - 1].entry
    following = bisect_right(entry_lines, anchor.span.line)
    return entries[following].span if following < len(entries) else anchor.span


def _positions(document: Document):
    """Pairs sorted by item line, their item lines, and the TOC entries' lines (sorted)."""
    by_item = sorted(document.facts.toc.pairs, key=lambda p: p.item.heading_span.line)
    entry_lines = sorted(e.span.line for e in document.toc.entries)
    return by_item, [p.item.heading_span.line for p in by_item], entry_lines


class NearMiss(Rule):
    """A TOC entry differs from its item's heading by a word or a letter."""

    code, name, family, severity = "TOC003", "toc-title-near-miss", "TOC", Severity.WARNING
    doc = RuleDoc(
        summary_da="En titel i indholdsfortegnelsen afviger med et ord eller et bogstav fra punktets overskrift.",
        summary_en="A table-of-contents title differs from its item's heading by one word or letter.",
        why_da="Små afvigelser skyldes typisk en rettelse, der kun blev lavet ét sted; læseren kan ikke vide, "
               "hvilken titel der er den rigtige.",
        why_en="Small differences usually come from a correction made in one place only; the reader cannot tell "
               "which title is right.",
        wrong="## Indholdsfortegnelse\nGodkendelse af takster for 2025.....\t9\n\n"
              "# Punkt 5: Godkendelse af takster for 2024",
        right="## Indholdsfortegnelse\nGodkendelse af takster for 2024.....\t9\n\n"
              "# Punkt 5: Godkendelse af takster for 2024",
    )

    fixable = Applicability.SAFE

    def check(self, document, options) -> Iterator:
        if not _applies(document):
            return
        for pair in document.facts.toc.pairs:
            if pair.match != "near":
                continue
            difference_da, difference_en = _difference(pair.entry.title, pair.item.title, pair.entry.has_leader)
            yield self.diagnostic(
                document, pair.entry.span,
                f"Titlen afviger fra overskriften på punkt {pair.item.number} (linje {pair.item.heading_span.line}): "
                f"{difference_da}.",
                f"The title differs from the heading of item {pair.item.number} (line {pair.item.heading_span.line}): "
                f"{difference_en}.",
                related=(pair.item.heading_span,), subject=pair.entry.title,
                fix=_toc_fix(document, pair.entry.span.line),
            )


def _difference(toc_title: str, item_title: str, has_leader: bool) -> tuple[str, str]:
    """The words that differ, said in Danish and English; a word on one side only is named as
    such (an extra word in the entry, a word the entry lacks), never shown against nothing."""
    toc_words, item_words = _differing_words(toc_title, item_title, has_leader)
    if toc_words and item_words:
        return (f"indholdsfortegnelsen har \"{toc_words}\", overskriften har \"{item_words}\"",
                f"the table of contents has \"{toc_words}\", the heading has \"{item_words}\"")
    if toc_words:
        return (f"indholdsfortegnelsen har \"{toc_words}\", som ikke står i overskriften",
                f"the table of contents has \"{toc_words}\", which the heading lacks")
    return (f"overskriften har \"{item_words}\", som mangler i indholdsfortegnelsen",
            f"the heading has \"{item_words}\", which the table of contents lacks")


def _differing_words(toc_title: str, item_title: str, has_leader: bool) -> tuple[str, str]:
    a, b = toc_title.split(), item_title.split()
    # A long entry cut off without a leader is compared with as many of the heading's words.
    truncated = not has_leader and len(entry_key_of(toc_title)) >= TRUNCATION_MIN_LENGTH
    cut = b[: len(a)] if truncated and len(b) > len(a) else b
    left, right = _word_changes(a, cut)
    if not left and not right:
        left, right = _word_changes(a, b)  # the whole difference is in the words after the cut
    if not left and not right:
        return toc_title, item_title  # the words are the same; their letters or signs differ
    return " ".join(left), " ".join(right)


def _word_changes(a: list[str], b: list[str]) -> tuple[list[str], list[str]]:
    matcher = difflib.SequenceMatcher(None, [w.casefold() for w in a], [w.casefold() for w in b], autojunk=False)
    left, right = [], []
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag != "equal":
            left.extend(a[a0:a1])
            right.extend(b[b0:b1])
    return left, right


class WrongOrder(Rule):
    """The TOC lists the items in another order than the minutes."""

    code, name, family, severity = "TOC004", "toc-wrong-order", "TOC", Severity.ERROR
    doc = RuleDoc(
        summary_da="Indholdsfortegnelsen har punkterne i en anden rækkefølge end referatet.",
        summary_en="The table of contents lists the items in another order than the minutes.",
        why_da="Rækkefølgen i indholdsfortegnelsen skal være dagsordenens; ellers passer sidetal og "
               "punktnumre ikke, og læseren kan ikke stole på fortegnelsen.",
        why_en="The contents must follow the agenda's order; otherwise page numbers and item numbers do not fit "
               "and readers cannot trust the contents.",
        wrong="## Indholdsfortegnelse\nEventuelt.....\t3\nGodkendelse af dagsorden.....\t4\n\n"
              "# Punkt 1: Godkendelse af dagsorden\n# Punkt 2: Eventuelt",
        right="## Indholdsfortegnelse\nGodkendelse af dagsorden.....\t3\nEventuelt.....\t4\n\n"
              "# Punkt 1: Godkendelse af dagsorden\n# Punkt 2: Eventuelt",
    )

    fixable = Applicability.SAFE

    def check(self, document, options) -> Iterator:
        if not _applies(document):
            return
        for pair in document.facts.toc.pairs:
            if pair.moved:
                yield self.diagnostic(
                    document, pair.entry.span,
                    f"{_title_quote(pair.entry.title)} står forkert i indholdsfortegnelsen: det er punkt "
                    f"{pair.item.number} (linje {pair.item.heading_span.line}).",
                    f"{_title_quote(pair.entry.title)} is out of order in the table of contents: it is item "
                    f"{pair.item.number} (line {pair.item.heading_span.line}).",
                    related=(pair.item.heading_span,), subject=pair.entry.title,
                    fix=_toc_fix(document, pair.entry.span.line),
                )
            elif pair.swapped_with is not None:
                yield self.diagnostic(
                    document, pair.entry.span,
                    f"{_title_quote(pair.entry.title)} er byttet om med {_title_quote(pair.swapped_with.title, 50)} "
                    f"(linje {pair.swapped_with.span.line}); det er punkt {pair.item.number}.",
                    f"{_title_quote(pair.entry.title)} is swapped with {_title_quote(pair.swapped_with.title, 50)} "
                    f"(line {pair.swapped_with.span.line}); it is item {pair.item.number}.",
                    related=(pair.swapped_with.span, pair.item.heading_span), subject=pair.entry.title,
                    fix=_toc_fix(document, pair.entry.span.line),
                )


class PageDecreases(Rule):
    """A TOC page number is lower than the one before it."""

    code, name, family, severity = "TOC005", "toc-page-decreases", "TOC", Severity.WARNING
    doc = RuleDoc(
        summary_da="Et sidetal i indholdsfortegnelsen er mindre end sidetallet før det.",
        summary_en="A table-of-contents page number is lower than the one before it.",
        why_da="Punkterne står i rækkefølge, så sidetallene kan ikke falde; et faldende sidetal er en tastefejl "
               "eller en forkert rækkefølge.",
        why_en="Items follow each other, so page numbers never decrease; a lower number is a typo or a wrong order.",
        wrong="## Indholdsfortegnelse\nGodkendelse af dagsorden.....\t3\nOrientering om budget.....\t2\n\n"
              "# Punkt 1: Godkendelse af dagsorden\n# Punkt 2: Orientering om budget",
        right="## Indholdsfortegnelse\nGodkendelse af dagsorden.....\t3\nOrientering om budget.....\t4\n\n"
              "# Punkt 1: Godkendelse af dagsorden\n# Punkt 2: Orientering om budget",
    )

    def check(self, document, options) -> Iterator:
        if not (document.toc and document.toc.entries):
            return
        previous: TocEntry | None = None
        for entry in document.toc.entries:
            if entry.page is None:
                continue
            if previous is not None and entry.page < previous.page:
                yield self.diagnostic(
                    document, entry.span,
                    f"Sidetallet {entry.page} er mindre end {previous.page} på linjen før (linje {previous.span.line}).",
                    f"Page {entry.page} is lower than page {previous.page} on the entry before (line {previous.span.line}).",
                    related=(previous.span,), subject=f"{entry.title}|{entry.page}",
                )
            previous = entry


class TitleMismatch(Rule):
    """A TOC entry and the item in its place have unrelated titles."""

    code, name, family, severity = "TOC006", "toc-title-mismatch", "TOC", Severity.ERROR
    doc = RuleDoc(
        summary_da="Titlen i indholdsfortegnelsen passer ikke til overskriften på punktet på samme plads.",
        summary_en="A table-of-contents title does not match the heading of the item in its place.",
        why_da="Indholdsfortegnelsen og punkterne skal have samme titler; en helt anden titel betyder, at "
               "punktet er omdøbt eller udskiftet ét sted og ikke det andet.",
        why_en="Contents and items must carry the same titles; a different title means the item was renamed or "
               "replaced in one place and not the other.",
        wrong="## Indholdsfortegnelse\nGodkendelse af dagsorden.....\t3\n\n# Punkt 1: Orientering om ledighed",
        right="## Indholdsfortegnelse\nOrientering om ledighed.....\t3\n\n# Punkt 1: Orientering om ledighed",
    )

    fixable = Applicability.SAFE

    def check(self, document, options) -> Iterator:
        if not _applies(document):
            return
        for entry, item in document.facts.toc.mismatched:
            yield self.diagnostic(
                document, entry.span,
                f"Indholdsfortegnelsen har {_title_quote(entry.title)}, men punkt {item.number} på samme plads "
                f"(linje {item.heading_span.line}) hedder {_title_quote(item.title)}.",
                f"The table of contents has {_title_quote(entry.title)}, but item {item.number} in its place "
                f"(line {item.heading_span.line}) is {_title_quote(item.title)}.",
                related=(item.heading_span,), subject=entry.title,
                fix=_toc_fix(document, entry.span.line),
            )


class NumberMismatch(Rule):
    """A numbered TOC entry carries another number than its item."""

    code, name, family, severity = "TOC007", "toc-number-mismatch", "TOC", Severity.ERROR
    doc = RuleDoc(
        summary_da="Et nummereret punkt i indholdsfortegnelsen har et andet nummer end dagsordenspunktet.",
        summary_en="A numbered table-of-contents entry carries another number than its agenda item.",
        why_da="Punktnumre bruges til at henvise til beslutninger; et forkert nummer sender læseren til et andet punkt.",
        why_en="Item numbers are how decisions are referred to; a wrong number sends readers to another item.",
        wrong="Indholdsfortegnelse\n\n57. Godkendelse af dagsorden\t2\n59. Eventuelt\t3\n\n"
              "57. Godkendelse af dagsorden\n\n330-2020-1\n\n58. Eventuelt\n\n330-2020-2",
        right="Indholdsfortegnelse\n\n57. Godkendelse af dagsorden\t2\n58. Eventuelt\t3\n\n"
              "57. Godkendelse af dagsorden\n\n330-2020-1\n\n58. Eventuelt\n\n330-2020-2",
    )

    fixable = Applicability.SAFE

    def check(self, document, options) -> Iterator:
        if not _applies(document):
            return
        for pair in document.facts.toc.pairs:
            if pair.entry.number is not None and pair.item.number and pair.entry.number != pair.item.number:
                yield self.diagnostic(
                    document, pair.entry.span,
                    f"Indholdsfortegnelsen nummererer {_title_quote(pair.entry.title, 60)} som {pair.entry.number}, "
                    f"men punktet er nummer {pair.item.number} (linje {pair.item.heading_span.line}).",
                    f"The table of contents numbers {_title_quote(pair.entry.title, 60)} as {pair.entry.number}, "
                    f"but the item is number {pair.item.number} (line {pair.item.heading_span.line}).",
                    related=(pair.item.heading_span,), subject=pair.entry.title,
                    fix=_toc_fix(document, pair.entry.span.line),
                )


class NoItemsRecognised(Rule):
    """A TOC was found, but no agenda items: the TOC could not be checked."""

    code, name, family, severity = "TOC008", "toc-without-items", "TOC", Severity.INFO
    doc = RuleDoc(
        summary_da="Der er en indholdsfortegnelse, men ingen dagsordenspunkter blev genkendt; den er ikke kontrolleret.",
        summary_en="A table of contents was found but no agenda items were recognised; it was not checked.",
        why_da="Punkter genkendes på `Punkt N:` eller `N. Titel` efterfulgt af et sagsnummer. Andre former kan "
               "ikke kontrolleres mod indholdsfortegnelsen.",
        why_en="Items are recognised by `Punkt N:` or `N. Title` followed by a case number. Other shapes cannot be "
               "checked against the contents.",
        wrong="## Indholdsfortegnelse\nGodkendelse af dagsorden.....\t3\n\nGodkendelse af dagsorden\n\nGodkendt.",
        right="## Indholdsfortegnelse\nGodkendelse af dagsorden.....\t3\n\n# Punkt 1: Godkendelse af dagsorden\n\n"
              "24/01234",
    )

    def check(self, document, options) -> Iterator:
        if document.toc and document.toc.entries and not document.items:
            yield self.diagnostic(
                document, document.toc.heading_span,
                f"Indholdsfortegnelsen har {len(document.toc.entries)} punkter, men ingen dagsordenspunkter blev "
                f"genkendt, så den er ikke kontrolleret.",
                f"The table of contents has {len(document.toc.entries)} entries, but no agenda items were "
                f"recognised, so it was not checked.",
            )


class PageMismatch(Rule):
    """In a PDF, a TOC entry's page number is not the page its item starts on."""

    code, name, family, severity = "TOC009", "toc-page-mismatch", "TOC", Severity.WARNING
    doc = RuleDoc(
        summary_da="Sidetallet i indholdsfortegnelsen er ikke den side, punktet begynder på i PDF-filen.",
        summary_en="A table-of-contents page number is not the page the item starts on in the PDF.",
        why_da="Læseren slår op på sidetallet; et forkert sidetal sender til et andet punkt og viser, at "
               "fortegnelsen ikke blev opdateret, efter at referatet blev ændret. Kun en PDF har sider, så reglen "
               "gælder kun PDF-filer; et punkt, hvis overskrift står nederst på en side, må stå med den side eller "
               "den næste.",
        why_en="Readers turn to the page number; a wrong one sends them to another item and shows the contents "
               "were not updated after the minutes changed. Only a PDF has pages, so the rule applies to PDF files "
               "only; an item whose heading stands at the foot of a page may be listed with that page or the next.",
        wrong="(PDF) Indholdsfortegnelse\nGodkendelse af dagsorden ........ 2\nBudget 2025 ........ 3\n"
              "... side 4: Punkt 2: Budget 2025",
        right="(PDF) Indholdsfortegnelse\nGodkendelse af dagsorden ........ 2\nBudget 2025 ........ 4\n"
              "... side 4: Punkt 2: Budget 2025",
    )

    def check(self, document, options) -> Iterator:
        if not is_paged(document) or not _applies(document):
            return
        checked = []
        for pair in document.facts.toc.pairs:
            entry, item = pair.entry, pair.item
            if entry.page is None:
                continue
            starts = page_of(document, item.heading_span.line)
            if starts is None:
                continue
            accepted = {starts}
            # A heading at the foot of a page: its text begins on the next one.
            below = next((page_of(document, n) for n in range(item.heading_span.end_line + 1, item.span.end_line + 1)
                          if page_of(document, n) is not None), None)
            if below is not None:
                accepted.add(below)
            checked.append((entry, item, starts, accepted))
        wrong = [(entry, item, starts) for entry, item, starts, accepted in checked if entry.page not in accepted]
        offsets = {entry.page - starts for entry, _, starts in wrong}
        if len(wrong) >= 3 and len(wrong) == len(checked) and len(offsets) == 1:
            # Every entry off by the same number: the TOC counts pages from elsewhere (an
            # added cover page, a page of a larger document). One finding says so.
            entry, item, starts = wrong[0]
            shift = offsets.pop()
            yield self.diagnostic(
                document, entry.span,
                f"Alle {len(wrong)} sidetal i indholdsfortegnelsen er {abs(shift)} {'for høje' if shift > 0 else 'for lave'}: "
                f"fx begynder punkt {item.number} {_title_quote(item.title, 60)} på side {starts} "
                f"(linje {item.heading_span.line}), ikke side {entry.page}.",
                f"All {len(wrong)} page numbers in the table of contents are {abs(shift)} too "
                f"{'high' if shift > 0 else 'low'}: item {item.number} {_title_quote(item.title, 60)} starts on page "
                f"{starts} (line {item.heading_span.line}), not page {entry.page}.",
                related=(item.heading_span,), subject=f"{entry.title}|offset",
            )
            return
        for entry, item, starts in wrong:
            yield self.diagnostic(
                document, entry.span,
                f"Indholdsfortegnelsen siger side {entry.page}, men punkt {item.number} {_title_quote(item.title, 60)} "
                f"begynder på side {starts} (linje {item.heading_span.line}).",
                f"The table of contents says page {entry.page}, but item {item.number} {_title_quote(item.title, 60)} "
                f"starts on page {starts} (line {item.heading_span.line}).",
                related=(item.heading_span,), subject=f"{entry.title}|{entry.page}",
            )


RULES = (EntryWithoutItem, ItemWithoutEntry, NearMiss, WrongOrder, PageDecreases, TitleMismatch, NumberMismatch,
         NoItemsRecognised, PageMismatch)


@hookimpl
def referatcheck_rules():
    return RULES
