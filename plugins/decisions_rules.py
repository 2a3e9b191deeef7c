"""DEC — decisions against recommendations, and decision headers against the meeting.

Recommendations and decisions are read by :mod:`referatcheck.decisions`. Only clear
cases are findings: a decision is compared with its recommendation only when a whole
sentence of it is a known formula (`Godkendt.`, `Taget til efterretning.`); free text
is never a finding, nor is a decision quoted from another committee or an earlier
meeting (`Tidligere politisk behandlet`).
"""

from __future__ import annotations

from typing import Iterator

from referatcheck import hookimpl
from referatcheck.dates import dates_in
from referatcheck.decisions import (
    FIELD_SCAN, Ask, ItemRecord, Verdict, date_field, is_closed, same_committee,
)
from referatcheck.diagnostic import Severity
from referatcheck.model import Document, block_text
from referatcheck.rule import Rule, RuleDoc
from referatcheck.vocabulary.decisions import AGENDA_WORD, COVERS_REST

_ASK_DA = {
    Ask.ORIENTATION: "at tage en orientering til efterretning",
    Ask.APPROVAL: "en godkendelse",
    Ask.ONWARD: "en anbefaling til et andet udvalg eller Byrådet",
    Ask.DISCUSSION: "en drøftelse",
}
_ASK_EN = {
    Ask.ORIENTATION: "taking an orientation to note",
    Ask.APPROVAL: "an approval",
    Ask.ONWARD: "a recommendation to another committee or the council",
    Ask.DISCUSSION: "a discussion",
}
_VERDICT_DA = {
    Verdict.APPROVED: "godkendt", Verdict.REJECTED: "afvist", Verdict.NOTED: "taget til efterretning",
}
_VERDICT_EN = {
    Verdict.APPROVED: "approved", Verdict.REJECTED: "rejected", Verdict.NOTED: "noted",
}


def _own_records(document: Document) -> Iterator[ItemRecord]:
    for record in document.facts.records:
        if not is_closed(record.item) and record.recommendation is not None:
            yield record


def _quote(text: str, limit: int = 80) -> str:
    return f"\"{text if len(text) <= limit else text[: limit - 1] + '…'}\""


def _item(item, lang: str = "da") -> str:
    """`punkt 4` / `item 4`; an unnumbered item (`Meddelelser`) by its title."""
    if item.number is not None:
        return f"punkt {item.number}" if lang == "da" else f"item {item.number}"
    return f"punktet {_quote(item.title, 60)}" if lang == "da" else f"the item {_quote(item.title, 60)}"


class WordingMismatch(Rule):
    """The decision's wording does not fit what was recommended."""

    code, name, family, severity = "DEC001", "decision-does-not-fit-recommendation", "DEC", Severity.WARNING
    doc = RuleDoc(
        summary_da="Beslutningens ordlyd passer ikke til indstillingen: en orientering er godkendt eller afvist, "
                   "eller en godkendelse er kun taget til efterretning.",
        summary_en="The decision's wording does not fit the recommendation: an orientation is approved or "
                   "rejected, or an approval is only noted.",
        why_da="Styrelseslovens § 13: beslutningsprotokollen skal vise, hvad udvalget besluttede. En orientering "
               "kan tages til efterretning, men ikke godkendes; en sag, der skulle godkendes, er ikke godkendt, "
               "når den kun er taget til efterretning. Ordlyden er sandsynligvis kopieret fra et andet punkt. "
               "Fri tekst og punktvise beslutninger sammenlignes ikke.",
        why_en="Styrelsesloven § 13: the beslutningsprotokol must show what the committee decided. An "
               "orientation can be noted but not approved; a matter to be approved is not approved when it is "
               "only noted. The wording was probably copied from another item. Free text and point-by-point "
               "decisions are not compared.",
        wrong="# Punkt 2: Orientering om ventelister\n24/04418\n## Indstilling\nForvaltningen indstiller til "
              "udvalget at tage\n- orienteringen til efterretning.\n## Beslutning\nGodkendt.",
        right="# Punkt 2: Orientering om ventelister\n24/04418\n## Indstilling\nForvaltningen indstiller til "
              "udvalget at tage\n- orienteringen til efterretning.\n## Beslutning\nTaget til efterretning.",
    )

    def check(self, document, options) -> Iterator:
        for record in _own_records(document):
            asks = record.recommendation.asks
            if asks == {Ask.ORIENTATION}:
                unfit = {Verdict.APPROVED, Verdict.REJECTED}
            elif asks and asks <= {Ask.APPROVAL, Ask.ONWARD}:
                unfit = {Verdict.NOTED}
            else:
                continue
            decisions = [d for d in record.own_decisions if not d.empty]
            if not decisions or any(d.by_points for d in decisions):
                continue
            statements = [s for d in decisions for s in d.statements]
            if not statements or any(s.verdict not in unfit for s in statements):
                continue
            first = statements[0]
            wanted = " og ".join(_ASK_DA[a] for a in sorted(asks))
            wanted_en = " and ".join(_ASK_EN[a] for a in sorted(asks))
            item = record.item
            yield self.diagnostic(
                document, first.span,
                f"Indstillingen til {_item(item)} (linje {record.recommendation.span.line}) er {wanted}, men "
                f"beslutningen lyder {_quote(first.text)} ({_VERDICT_DA[first.verdict]}).",
                f"The recommendation of {_item(item, 'en')} (line {record.recommendation.span.line}) is "
                f"{wanted_en}, but the decision reads {_quote(first.text)} ({_VERDICT_EN[first.verdict]}).",
                related=(record.recommendation.span, item.heading_span), subject=f"{item.title}|{first.text}",
            )


class UnknownPoint(Rule):
    """The decision refers to a recommendation point that does not exist."""

    code, name, family, severity = "DEC002", "decision-refers-to-missing-point", "DEC", Severity.WARNING
    doc = RuleDoc(
        summary_da="Beslutningen henviser til et punkt i indstillingen, som ikke findes.",
        summary_en="The decision refers to a recommendation point that does not exist.",
        why_da="Styrelseslovens § 13: det skal fremgå entydigt, hvad der blev besluttet. `Punkt 4 godkendt` under "
               "en indstilling med tre punkter er en tastefejl eller en beslutning kopieret fra et andet punkt, "
               "og det er uklart, hvilket punkt der blev godkendt. Indstillingens punkter tælles, hvad enten de er "
               "nummererede (`1.`, `2)`), punkter der begynder med `at`, eller at-sætninger i løbende tekst "
               "(`Det indstilles, at A, og at B`); kan antallet ikke afgøres sikkert, siges intet.",
        why_en="Styrelsesloven § 13: what was decided must be unambiguous. `Punkt 4 godkendt` under a "
               "recommendation with three points is a typo or a decision copied from another item, and which "
               "point was approved is unclear. The recommendation's points are counted whether numbered (`1.`, "
               "`2)`), bullets starting `at`, or `at`-clauses in running text (`Det indstilles, at A, og at B`); "
               "when their number is uncertain, nothing is said.",
        wrong="# Punkt 5: Puljen 2024\n24/01555\n## Indstilling\n1. at tage status til efterretning\n"
              "2. at godkende fordelingen\n3. at godkende overførslen\n## Beslutning\n"
              "Punkt 1 taget til efterretning. Punkt 2 og 4 godkendt.",
        right="# Punkt 5: Puljen 2024\n24/01555\n## Indstilling\n1. at tage status til efterretning\n"
              "2. at godkende fordelingen\n3. at godkende overførslen\n## Beslutning\n"
              "Punkt 1 taget til efterretning. Punkt 2 og 3 godkendt.",
    )

    def check(self, document, options) -> Iterator:
        for record in _own_records(document):
            known = record.recommendation.point_numbers()
            if not known or AGENDA_WORD.search(record.item.title):
                continue  # no recognisable points: their number is uncertain
            points = set(known)
            for decision in record.own_decisions:
                for statement in decision.statements:
                    unknown = [n for n in statement.points if n not in points]
                    if not unknown:
                        continue
                    shown = ", ".join(str(n) for n in unknown)
                    silent = _silent_points(record, points)
                    hint = f"; punkt {_list(silent)} nævnes ikke" if silent else ""
                    hint_en = f"; point {_list(silent, 'en')} is not named" if silent else ""
                    has = (f"har kun punkterne {_list(sorted(points))}" if len(points) > 1 else "har kun ét punkt")
                    has_en = (f"only has points {_list(sorted(points), 'en')}" if len(points) > 1
                              else "has only one point")
                    yield self.diagnostic(
                        document, statement.span,
                        f"Beslutningen {_quote(statement.text)} nævner punkt {shown}, men indstillingen til "
                        f"{_item(record.item)} (linje {record.recommendation.span.line}) {has}{hint}.",
                        f"The decision {_quote(statement.text)} names point {shown}, but the recommendation of "
                        f"{_item(record.item, 'en')} (line {record.recommendation.span.line}) {has_en}{hint_en}.",
                        related=(record.recommendation.span,), subject=f"{record.item.title}|{statement.text}",
                    )


def _silent_points(record: ItemRecord, points: set[int]) -> list[int]:
    """Points a point-by-point decision leaves out (none when a global verdict covers them)."""
    decisions = [d for d in record.own_decisions if not d.empty]
    statements = [s for d in decisions for s in d.statements]
    by_points = [s for s in statements if s.points]
    if not by_points or len(by_points) < len(statements):
        return []
    if any(COVERS_REST.search(block_text(b)) for d in decisions for b in d.blocks):
        return []
    return sorted(points - {n for s in by_points for n in s.points})


def _list(numbers: list[int], lang: str = "da") -> str:
    if len(numbers) == 1:
        return str(numbers[0])
    return ", ".join(str(n) for n in numbers[:-1]) + (" og " if lang == "da" else " and ") + str(numbers[-1])


class SilentPoint(Rule):
    """A point-by-point decision is silent on some recommendation points."""

    code, name, family, severity = "DEC003", "decision-silent-on-point", "DEC", Severity.WARNING
    doc = RuleDoc(
        summary_da="Beslutningen tager stilling til indstillingens punkter ét for ét, men nævner ikke dem alle.",
        summary_en="The decision settles the recommendation's points one by one but does not name all of them.",
        why_da="Styrelseslovens § 13: hvert punkt, udvalget blev bedt om at tage stilling til, skal have en "
               "beslutning i protokollen. Når beslutningen nævner punkterne enkeltvis, står et punkt, der ikke "
               "nævnes, uden beslutning. En samlet formulering (`Godkendt.`, `I øvrigt godkendt.`) dækker alle.",
        why_en="Styrelsesloven § 13: each point the committee was asked to decide needs a decision in the "
               "protocol. When the decision names the points one by one, a point not named is left undecided. "
               "A global wording (`Godkendt.`, `I øvrigt godkendt.`) covers all.",
        wrong="# Punkt 5: Puljen 2024\n24/01555\n## Indstilling\n1. at tage status til efterretning\n"
              "2. at godkende fordelingen\n3. at godkende overførslen\n## Beslutning\n"
              "Punkt 1 taget til efterretning. Punkt 2 godkendt.",
        right="# Punkt 5: Puljen 2024\n24/01555\n## Indstilling\n1. at tage status til efterretning\n"
              "2. at godkende fordelingen\n3. at godkende overførslen\n## Beslutning\n"
              "Punkt 1 taget til efterretning. Punkt 2 og 3 godkendt.",
    )

    def check(self, document, options) -> Iterator:
        for record in _own_records(document):
            points = {p.number for p in record.recommendation.points}
            if len(points) < 2 or AGENDA_WORD.search(record.item.title):
                continue
            silent = _silent_points(record, points)
            by_points = [s for d in record.own_decisions for s in d.statements if s.points]
            if not silent or any(n not in points for s in by_points for n in s.points):
                continue  # a point named that does not exist is DEC002's, and likely the silent one
            settled = {n for s in by_points for n in s.points}
            yield self.diagnostic(
                document, by_points[0].span,
                f"Beslutningen tager stilling til punkt {_list(sorted(settled & points))} i indstillingen til "
                f"{_item(record.item)} (linje {record.recommendation.span.line}), men ikke til punkt {_list(silent)}.",
                f"The decision settles point {_list(sorted(settled & points), 'en')} of the recommendation of "
                f"{_item(record.item, 'en')} (line {record.recommendation.span.line}), but not point "
                f"{_list(silent, 'en')}.",
                related=(record.recommendation.span,), subject=f"{record.item.title}|{silent}",
            )


def _meeting_date_text(document: Document) -> str:
    """The meeting date as the head states it: the date field's, else the title's."""
    field = date_field(document)
    dates = sorted(dates_in(field.value[:FIELD_SCAN])) if field is not None else []
    if not dates and document.head.title is not None and document.head.title.date is not None:
        dates = [document.head.title.date]
    return " / ".join(d.strftime("%d-%m-%Y") for d in dates)


class HeaderDate(Rule):
    """A decision header names another date than the meeting's."""

    code, name, family, severity = "DEC004", "decision-header-date", "DEC", Severity.WARNING
    doc = RuleDoc(
        summary_da="Overskriften over beslutningen nævner en anden dato end mødets.",
        summary_en="The decision header names another date than the meeting's.",
        why_da="Styrelseslovens § 13: protokollen viser, hvornår beslutningen blev truffet. En forkert dato i "
               "`Beslutning <udvalg> den …` skyldes typisk en overskrift kopieret fra et tidligere møde. "
               "Citerede beslutninger fra tidligere møder (under `Tidligere politisk behandlet`, eller ved siden "
               "af dette mødes beslutning) er ikke fund.",
        why_en="Styrelsesloven § 13: the protocol shows when the decision was made. A wrong date in "
               "`Beslutning <udvalg> den …` usually comes from a header copied from an earlier meeting. Quoted "
               "decisions of earlier meetings (under `Tidligere politisk behandlet`, or next to this meeting's "
               "decision) are not findings.",
        wrong="# REFERAT Social- og Sundhedsudvalget d. 15-10-2024\n\n# Punkt 4: Sundhedspolitik\n24/02207\n"
              "### Beslutning Social- og Sundhedsudvalget den 08-10-2024\nDrøftet.",
        right="# REFERAT Social- og Sundhedsudvalget d. 15-10-2024\n\n# Punkt 4: Sundhedspolitik\n24/02207\n"
              "### Beslutning Social- og Sundhedsudvalget den 15-10-2024\nDrøftet.",
    )

    def check(self, document, options) -> Iterator:
        meeting = document.facts.meeting
        if not meeting.dates:
            return
        for record in document.facts.records:
            for decision in record.own_decisions:
                header = decision.header
                if header.date is None or header.date in meeting.dates or decision.inline:
                    continue
                yield self.diagnostic(
                    document, decision.heading_span,
                    f"Beslutningen under {_item(record.item)} er dateret {header.date_text}, men mødet er "
                    f"{_meeting_date_text(document)}.",
                    f"The decision under {_item(record.item, 'en')} is dated {header.date_text}, but the meeting is "
                    f"on {_meeting_date_text(document)}.",
                    subject=f"{record.item.title}|{header.date_text}",
                )


class HeaderCommittee(Rule):
    """A decision header dated on the meeting day names another committee."""

    code, name, family, severity = "DEC005", "decision-header-committee", "DEC", Severity.WARNING
    doc = RuleDoc(
        summary_da="Overskriften over beslutningen nævner et andet udvalg end mødets.",
        summary_en="The decision header names another committee than the meeting's.",
        why_da="Styrelseslovens § 13: protokollen viser, hvilket udvalg der traf beslutningen. "
               "`Beslutning Økonomiudvalget den <mødedato>` i Arbejdsmarkedsudvalgets referat er typisk en "
               "overskrift kopieret fra et andet udvalgs dagsorden. Stavemåder som `Arbejdsmarkeds- og "
               "Integrationsudvalgets` og `… udvalget` regnes for samme udvalg; citerede beslutninger fra andre "
               "udvalg ved siden af dette udvalgs egen er ikke fund.",
        why_en="Styrelsesloven § 13: the protocol shows which committee made the decision. `Beslutning "
               "Økonomiudvalget den <meeting date>` in the minutes of Arbejdsmarkedsudvalget is usually a header "
               "copied from another committee's agenda. Spellings such as `Arbejdsmarkeds- og "
               "Integrationsudvalgets` and `… udvalget` count as the same committee; quoted decisions of other "
               "committees next to this committee's own are not findings.",
        wrong="# REFERAT Arbejdsmarkedsudvalget d. 07-11-2023\n\n# Punkt 1: Godkendelse af dagsorden\n22/24308\n"
              "## Beslutning Økonomiudvalget den 07-11-2023\nGodkendt.",
        right="# REFERAT Arbejdsmarkedsudvalget d. 07-11-2023\n\n# Punkt 1: Godkendelse af dagsorden\n22/24308\n"
              "## Beslutning Arbejdsmarkedsudvalget den 07-11-2023\nGodkendt.",
    )

    def check(self, document, options) -> Iterator:
        meeting = document.facts.meeting
        if not meeting.committee:
            return
        for record in document.facts.records:
            own = [d for d in record.own_decisions if d.header.committee]
            if any(same_committee(d.header.committee, meeting.committee) for d in own):
                continue  # the committee's own decision is there; others are quoted
            for decision in own:
                if decision.inline:
                    continue
                yield self.diagnostic(
                    document, decision.heading_span,
                    f"Beslutningen under {_item(record.item)} er truffet af \"{decision.header.committee}\", "
                    f"men referatet er fra \"{meeting.committee}\".",
                    f"The decision under {_item(record.item, 'en')} is by \"{decision.header.committee}\", but the "
                    f"minutes are of \"{meeting.committee}\".",
                    related=(document.head.title.span,) if document.head.title else (),
                    subject=f"{record.item.title}|{decision.header.committee}",
                )


RULES = (WordingMismatch, UnknownPoint, SilentPoint, HeaderDate, HeaderCommittee)


@hookimpl
def referatcheck_rules():
    return RULES
