"""ATT — attendance, absence, disqualification, votes and dissent.

The records come from :mod:`referatcheck.attendance`; the rules here only compare
them: a member noted absent who acts in the same item, a vote count above the members
present, one person with two party letters, and so on.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from typing import Iterator

from referatcheck import hookimpl
from referatcheck.attendance import (
    ITEM_ABSENCE, TIMED_ABSENCE, Attendance, Ballot, ItemAttendance, Note, NoteKind, Person, canonical_party,
    is_known_party, same_person,
)
from referatcheck.diagnostic import Severity
from referatcheck.edits import Applicability, Edit, Fix, written
from referatcheck.model import Document, Span
from referatcheck.rule import Rule, RuleDoc

_CHOICE_DA = {"for": "For", "against": "Imod", "abstain": "Undlod"}
_CHOICE_EN = {"for": "For", "against": "Against", "abstain": "Abstained"}


def _presence_signals(item: ItemAttendance) -> Iterator[tuple[Person, int, str]]:
    """Persons recorded as there in the item: ``(person, line, what)``; what is
    "act", "dissent", "vote", "disqualified" or "substitute"."""
    for act in item.acts:
        yield act.person, act.line, "dissent" if act.dissent else "act"
    for ballot in item.ballots:
        for vote in ballot.lines:
            for person in vote.persons:
                yield person, vote.span.line, "vote"
    for note in item.notes:
        if note.kind in (NoteKind.DISQUALIFIED, NoteKind.SUBSTITUTE):
            for person in note.persons:
                yield person, note.line, note.kind.value


def _absences(attendance: Attendance, person: Person, number: int) -> list[Note]:
    """Absence notes for ``person`` in item ``number``; a head-level absence does not count
    for a person whose arrival or departure is noted (the head then only approximates)."""
    notes = attendance.absences(person, number)
    timed = any(n.kind in TIMED_ABSENCE for n in attendance.absence_index.get(person.loose, ()))
    return [n for n in notes if not n.in_head] if timed else notes


_WHAT_DA = {"act": "handler", "dissent": "tager afstand", "vote": "stemmer", "disqualified": "erklærer sig inhabil",
            "substitute": "møder som stedfortræder"}
_WHAT_EN = {"act": "acts", "dissent": "dissents", "vote": "votes", "disqualified": "declares disqualification",
            "substitute": "attends as substitute"}


class AbsentActs(Rule):
    """A member noted absent acts, votes or dissents in the same item."""

    code, name, family, severity = "ATT001", "absent-member-acts", "ATT", Severity.ERROR
    doc = RuleDoc(
        summary_da="Et medlem, der er noteret fraværende, handler, stemmer eller tager afstand i samme punkt.",
        summary_en="A member noted absent acts, votes or dissents in the same item.",
        why_da="Beslutningsprotokollen skal vise, hvem der deltog i hver beslutning (styrelseslovens § 13 og "
               "forretningsordenen). Et fraværende eller inhabilt medlem kan ikke stemme eller få en afvigende "
               "mening ført til protokols; en af de to noter er forkert.",
        why_en="The protocol must show who took part in each decision (Local Government Act § 13 and the rules of "
               "procedure). An absent or disqualified member cannot vote or have a dissent recorded; one of the "
               "two notes is wrong.",
        wrong="# Punkt 3: Kvalitetsstandard for praktisk hjælp\n\n## Beslutning\n\nGodkendt.\n\n"
              "Jens Kold (A) ønskede sin afvigende mening tilført protokollen.\n\nIkke til stede: Jens Kold (A)",
        right="# Punkt 3: Kvalitetsstandard for praktisk hjælp\n\n## Beslutning\n\nGodkendt.\n\n"
              "Jens Kold (A) ønskede sin afvigende mening tilført protokollen.\n\nIkke til stede: Mette Vang (F)",
    )

    def check(self, document, options) -> Iterator:
        attendance = document.facts.attendance
        for item in attendance.items:
            for person, line, what in _presence_signals(item):
                if what in ("disqualified", "substitute"):
                    continue
                notes = [n for n in _absences(attendance, person, item.number) if n.kind in ITEM_ABSENCE]
                if not notes:
                    continue
                note = notes[0]
                where = "mødets hoved" if note.in_head else f"linje {note.line}"
                where_en = "the meeting head" if note.in_head else f"line {note.line}"
                yield self.diagnostic(
                    document, person.span,
                    f"{person.label()} {_WHAT_DA[what]} i punkt {item.number}, men er noteret fraværende for "
                    f"punktet ({where}: \"{_short(note.text)}\").",
                    f"{person.label()} {_WHAT_EN[what]} in item {item.number} but is noted absent for the item "
                    f"({where_en}: \"{_short(note.text)}\").",
                    related=(document.line_span(note.line),), subject=f"{person.key}|{item.number}",
                )


class AbsentNotListed(Rule):
    """A member noted absent for part of the meeting is missing from the participant list."""

    code, name, family, severity = "ATT002", "absent-member-not-in-participants", "ATT", Severity.WARNING
    doc = RuleDoc(
        summary_da="Et medlem, der kun var fraværende under en del af mødet, mangler på listen over mødedeltagere.",
        summary_en="A member absent for only part of the meeting is missing from the participant list.",
        why_da="Den, der forlod mødet, kom senere, var inhabil eller kun var væk under nogle punkter, deltog i "
               "mødet og skal stå blandt mødedeltagerne. Mangler navnet, er listen eller noten forkert (ofte en "
               "stavefejl i navnet). Medlemmer, der var væk hele mødet, kræves ikke på listen.",
        why_en="A member who left, arrived late, was disqualified or missed only some items took part in the "
               "meeting and belongs in the participant list. A missing name means the list or the note is wrong "
               "(often a misspelt name). Members absent for the whole meeting are not required in the list.",
        wrong="**Mødedeltagere** Ida Kronborg (A), Jens Kold (A), Poul Iversen (V)\n\n"
              "# Punkt 1: Godkendelse af dagsorden\n\n## Beslutning\n\nGodkendt.\n\n"
              "Lone Berg (A) forlod mødet efter punkt 1.\n\n# Punkt 2: Eventuelt\n\n## Beslutning\n\nIntet.",
        right="**Mødedeltagere** Ida Kronborg (A), Jens Kold (A), Poul Iversen (V), Lone Berg (A)\n\n"
              "# Punkt 1: Godkendelse af dagsorden\n\n## Beslutning\n\nGodkendt.\n\n"
              "Lone Berg (A) forlod mødet efter punkt 1.\n\n# Punkt 2: Eventuelt\n\n## Beslutning\n\nIntet.",
    )

    def check(self, document, options) -> Iterator:
        attendance = document.facts.attendance
        participants = attendance.participants
        if participants is None or not participants.complete:
            return
        reported: list[Person] = []
        decided: set[tuple[str, str]] = set()  # each person is judged once, however many notes name them
        for note in attendance.notes:
            if note.in_head or note.kind is NoteKind.SUBSTITUTE:
                continue
            for person in note.persons:
                if person.loose in decided:
                    continue
                decided.add(person.loose)
                if any(same_person(person, p) for p in participants.persons + tuple(reported)):
                    continue
                if not _attended(attendance, document, person):
                    continue
                reported.append(person)
                yield self.diagnostic(
                    document, person.span,
                    f"{person.label()} deltog i en del af mødet, men står ikke blandt {participants.label} "
                    f"(linje {participants.span.line}).",
                    f"{person.label()} attended part of the meeting but is not in {participants.label} "
                    f"(line {participants.span.line}).",
                    related=(participants.span,), subject=person.key,
                )


def _attended(attendance: Attendance, document: Document, person: Person) -> bool:
    """Whether the minutes show ``person`` at the meeting for at least part of it."""
    mine = [n for n in attendance.notes if n.kind is not NoteKind.SUBSTITUTE and any(same_person(person, p) for p in n.persons)]
    if any(n.in_head and n.kind is NoteKind.ABSENT for n in mine) and not any(n.kind in TIMED_ABSENCE for n in mine):
        return False  # absent from the whole meeting, as the head says
    if any(n.kind in (NoteKind.NOT_TAKING_PART, NoteKind.DISQUALIFIED, NoteKind.LEFT, NoteKind.ARRIVED) for n in mine):
        return True
    # Items that record attendance (a decision of this meeting, or notes): the person missing
    # from the notes of one of them was there.
    absent = _absent_for(attendance, person)
    recording = [i.number for i in attendance.items if i.notes or i.decided]
    if any(not absent(number) for number in recording):
        return True
    return any(
        same_person(person, signal) for item in attendance.items
        for signal, _, _ in _presence_signals(item)
        if not absent(item.number)
    )


def _absent_for(attendance: Attendance, person):
    """``number -> bool(attendance.absences(person, number))``, answered by bisection over
    the person's merged absence ranges: asking per item and note was quadratic in a long
    meeting where one member is noted absent item after item."""
    ranges = sorted(r for note in attendance.absence_index.get(person.loose, ()) for r in note.absent.ranges)
    merged: list[list[int]] = []
    for low, high in ranges:
        if merged and low <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], high)
        else:
            merged.append([low, high])
    starts = [low for low, _ in merged]

    def absent(number: int | None) -> bool:
        if number is None:
            # An unnumbered item (`Meddelelser`): no note can name it, so it proves
            # nothing about presence; counted as absent, it draws no finding.
            return True
        k = bisect_right(starts, number) - 1
        return k >= 0 and number <= merged[k][1]

    return absent


class TwoPartyLetters(Rule):
    """One person is written with two different party letters."""

    code, name, family, severity = "ATT003", "person-with-two-parties", "ATT", Severity.WARNING
    doc = RuleDoc(
        summary_da="Samme person står med to forskellige partibogstaver i referatet.",
        summary_en="The same person is written with two different party letters.",
        why_da="Et medlem tilhører ét parti på mødet; to bogstaver er en skrivefejl, og afstemninger efter "
               "partibogstav kan så ikke læses sikkert.",
        why_en="A member belongs to one party at a meeting; two letters are a typo, and votes recorded by party "
               "letter can then not be read safely.",
        wrong="**Mødedeltagere** Søren Kjær (C), Ida Kronborg (A)\n\n# Punkt 1: Godkendelse af dagsorden\n\n"
              "## Beslutning\n\nGodkendt.\n\nIkke til stede: Søren Kjær (K)",
        right="**Mødedeltagere** Søren Kjær (C), Ida Kronborg (A)\n\n# Punkt 1: Godkendelse af dagsorden\n\n"
              "## Beslutning\n\nGodkendt.\n\nIkke til stede: Søren Kjær (C)",
    )

    def check(self, document, options) -> Iterator:
        attendance = document.facts.attendance
        by_person: dict[str, list[Person]] = {}
        for person in attendance.mentions:
            by_person.setdefault(person.key, []).append(person)
        listed = {p.key: p for p in (attendance.participants.persons if attendance.participants else ()) if p.party}
        for key, mentions in by_person.items():
            parties = Counter(p.party_key for p in mentions)
            if len(parties) < 2:
                continue
            ranked = parties.most_common()
            if ranked[0][1] > ranked[1][1]:
                reference = ranked[0][0]
            elif key in listed:
                reference = listed[key].party_key
            else:
                reference = mentions[0].party_key
            anchor = next(p for p in mentions if p.party_key == reference)
            for person in mentions:
                if person.party_key == reference:
                    continue
                yield self.diagnostic(
                    document, person.span,
                    f"{person.name} står her med ({person.party}), men med ({anchor.party}) på linje {anchor.span.line}"
                    f"{_times(parties[reference], 'da')}.",
                    f"{person.name} is written ({person.party}) here but ({anchor.party}) on line {anchor.span.line}"
                    f"{_times(parties[reference], 'en')}.",
                    related=(anchor.span,), subject=f"{key}|{person.party}",
                )


def _times(count: int, lang: str) -> str:
    if count < 2:
        return ""
    return f" og {count - 1} andre steder" if lang == "da" else f" and {count - 1} other places"


class UnknownParty(Rule):
    """A party letter that is not one of the national lists."""

    code, name, family, severity = "ATT004", "unknown-party-letter", "ATT", Severity.INFO
    options = {"extra_parties": ()}
    doc = RuleDoc(
        summary_da="Et partibogstav er ikke et af de landsdækkende partiers bogstaver (A B C D F I K M O V Æ Ø Å, UP).",
        summary_en="A party letter is not one of the national parties' letters (A B C D F I K M O V Æ Ø Å, UP).",
        why_da="Et ukendt bogstav er ofte en tastefejl. Lokale lister har deres egne bogstaver; de kan angives med "
               "indstillingen `extra_parties` (fx `[\"S\"]` for Slesvigsk Parti).",
        why_en="An unknown letter is often a typo. Local lists have their own letters; add them with the option "
               "`extra_parties` (e.g. `[\"S\"]` for the Schleswig Party).",
        wrong="Ikke til stede: Lars Holm (X)",
        right="Ikke til stede: Lars Holm (C)",
    )

    def check(self, document, options) -> Iterator:
        extra = options.get("extra_parties") or ()
        if isinstance(extra, str):
            extra = [p.strip() for p in extra.split(",")]
        extra = {str(p).strip() for p in extra if str(p).strip()}
        attendance = document.facts.attendance
        seen: set[str] = set()
        found: list[tuple[Span, str]] = [(p.span, p.party) for p in attendance.mentions]
        for item in attendance.items:
            for ballot in item.ballots:
                for vote in ballot.lines:
                    found.extend((vote.span, party) for party in vote.parties)
        for span, party in sorted(found, key=lambda f: (f[0].line, f[0].column)):
            if party in seen or is_known_party(party, extra):
                continue
            seen.add(party)
            yield self.diagnostic(
                document, span,
                f"Partibogstavet ({party}) er ikke et kendt partibogstav; er det en tastefejl eller en lokal liste?",
                f"The party letter ({party}) is not a known party letter; a typo or a local list?",
                subject=party,
            )


class TooManyVotes(Rule):
    """More votes are recorded than members were present."""

    code, name, family, severity = "ATT005", "more-votes-than-members", "ATT", Severity.ERROR
    doc = RuleDoc(
        summary_da="En afstemning har flere stemmer, end der var medlemmer til stede.",
        summary_en="A vote records more votes than members present.",
        why_da="Stemmetallene skal vise, hvordan de tilstedeværende medlemmer stemte (styrelseslovens § 11 og "
               "§ 13). Flere stemmer end medlemmer betyder, at et tal, et partibogstav eller en fraværsnote er "
               "forkert. Medlemmerne tælles fra mødedeltagerlisten og fraværsnoterne; uden en læsbar liste "
               "kontrolleres intet.",
        why_en="Vote counts must show how the members present voted (Local Government Act §§ 11, 13). More votes "
               "than members means a count, a party letter or an absence note is wrong. Members are counted from "
               "the participant list and the absence notes; without a readable list nothing is checked.",
        wrong="**Mødedeltagere** Ida Kronborg (A), Jens Kold (A), Søren Kjær (C), Poul Iversen (V)\n\n"
              "# Punkt 6: Tilskud til frivillige sociale foreninger\n\n## Beslutning\n\nGodkendt.\n\n"
              "For stemte: A og C (4)\n\nImod stemte: V (1)",
        right="**Mødedeltagere** Ida Kronborg (A), Jens Kold (A), Søren Kjær (C), Poul Iversen (V)\n\n"
              "# Punkt 6: Tilskud til frivillige sociale foreninger\n\n## Beslutning\n\nGodkendt.\n\n"
              "For stemte: A og C (3)\n\nImod stemte: V (1)",
    )

    def check(self, document, options) -> Iterator:
        attendance = document.facts.attendance
        for item in attendance.items:
            if not item.ballots:
                continue
            present = attendance.present(item.number)
            if present is None:
                continue
            for ballot in item.ballots:
                yield from self._ballot(document, item.number, ballot, present)

    def _ballot(self, document: Document, number: int, ballot: Ballot, present: list[Person]) -> Iterator:
        total = ballot.total
        counts_da = " + ".join(f"{_CHOICE_DA[v.choice.value]} {v.count}" for v in ballot.lines if v.count is not None)
        counts_en = " + ".join(f"{_CHOICE_EN[v.choice.value]} {v.count}" for v in ballot.lines if v.count is not None)
        first = ballot.lines[0]
        if total > len(present):
            detail_da, detail_en = _party_detail(ballot, present)
            yield self.diagnostic(
                document, first.span,
                f"Punkt {number}: {counts_da} = {total} stemmer, men kun {len(present)} medlemmer var til stede"
                f"{detail_da}.",
                f"Item {number}: {counts_en} = {total} votes, but only {len(present)} members were present"
                f"{detail_en}.",
                related=tuple(v.span for v in ballot.lines[1:]), subject=f"{number}|{first.text}",
                figures=(str(total), str(len(present))),
            )
            return
        for vote in ballot.lines:
            over = _party_excess(vote, present)
            if over is None:
                continue
            members, parties = over
            yield self.diagnostic(
                document, vote.span,
                f"Punkt {number}: {vote.count} stemmer fra {parties}, men {parties} havde kun {members} medlemmer "
                f"til stede.",
                f"Item {number}: {vote.count} votes from {parties}, but {parties} had only {members} members "
                f"present.",
                subject=f"{number}|{vote.text}", figures=(str(vote.count), str(members)),
            )


def _party_excess(vote, present: list[Person]) -> tuple[int, str] | None:
    """``(members, parties)`` when a party-line vote counts more votes than its parties had present."""
    if not vote.clean or vote.count is None or any(p.party_key is None for p in present):
        return None
    wanted = {canonical_party(p) for p in vote.parties}
    members = sum(1 for p in present if p.party_key in wanted)
    if vote.count <= members:
        return None
    return members, _join(vote.parties)


def _party_detail(ballot: Ballot, present: list[Person]) -> tuple[str, str]:
    for vote in ballot.lines:
        over = _party_excess(vote, present)
        if over is not None:
            members, parties = over
            return (f"; {parties} havde {members} medlemmer til stede, ikke {vote.count}",
                    f"; {parties} had {members} members present, not {vote.count}")
    return "", ""


def _join(parties) -> str:
    parties = list(parties)
    return parties[0] if len(parties) == 1 else ", ".join(parties[:-1]) + " og " + parties[-1]


class ActsWhileGone(Rule):
    """A member recorded as there in an item before arriving or after leaving the meeting."""

    code, name, family, severity = "ATT006", "member-acts-after-leaving", "ATT", Severity.WARNING
    doc = RuleDoc(
        summary_da="Et medlem, der forlod mødet efter et punkt (eller kom senere), står som handlende i et punkt, "
                   "hvor det ikke var til stede.",
        summary_en="A member who left after an item (or arrived later) is recorded acting in an item they were "
                   "not there for.",
        why_da="Protokollen skal vise, hvem der deltog i hver beslutning. Forlod et medlem mødet efter punkt 4, kan "
               "det ikke stemme i punkt 6; enten er tidspunktet eller afstemningen forkert.",
        why_en="The protocol must show who took part in each decision. A member who left after item 4 cannot vote "
               "in item 6; either the time or the vote is wrong.",
        wrong="# Punkt 4: Budgetopfølgning\n\n## Beslutning\n\nGodkendt.\n\nOle Krog (V) forlod mødet efter punkt 4."
              "\n\n# Punkt 5: Takster 2025\n\n## Beslutning\n\nGodkendt.\n\n"
              "Ole Krog (V) ønskede sin afvigende mening tilført protokollen.",
        right="# Punkt 4: Budgetopfølgning\n\n## Beslutning\n\nGodkendt.\n\nOle Krog (V) forlod mødet efter punkt 5."
              "\n\n# Punkt 5: Takster 2025\n\n## Beslutning\n\nGodkendt.\n\n"
              "Ole Krog (V) ønskede sin afvigende mening tilført protokollen.",
    )

    def check(self, document, options) -> Iterator:
        attendance = document.facts.attendance
        for item in attendance.items:
            for person, line, what in _presence_signals(item):
                notes = [n for n in attendance.absences(person, item.number) if n.kind in TIMED_ABSENCE]
                if not notes:
                    continue
                note = notes[0]
                gone_da = "forlod mødet" if note.kind is NoteKind.LEFT else "kom først senere"
                gone_en = "left the meeting" if note.kind is NoteKind.LEFT else "arrived only later"
                span = person.span if person.span.line == line else document.line_span(line)
                yield self.diagnostic(
                    document, span,
                    f"{person.label()} {_WHAT_DA[what]} i punkt {item.number}, men {gone_da} ifølge linje "
                    f"{note.line} (\"{_short(note.text)}\").",
                    f"{person.label()} {_WHAT_EN[what]} in item {item.number}, but {gone_en} according to line "
                    f"{note.line} (\"{_short(note.text)}\").",
                    related=(document.line_span(note.line),), subject=f"{person.key}|{item.number}",
                )


class SpelledTogether(Rule):
    """`Ikke tilstede` is written in one word; the spelling is `til stede`."""

    code, name, family, severity = "ATT007", "tilstede-spelling", "ATT", Severity.INFO
    doc = RuleDoc(
        summary_da="`Ikke tilstede` skrives i to ord: `Ikke til stede`.",
        summary_en="`Ikke tilstede` is spelled in two words: `Ikke til stede`.",
        why_da="Retskrivningsordbogen skriver `til stede` i to ord. Noten læses rigtigt alligevel; det er kun "
               "til orientering.",
        why_en="The Danish spelling dictionary writes `til stede` as two words. The note is still read correctly; "
               "this is for information only.",
        wrong="Ikke tilstede: Lars Holm (C)",
        right="Ikke til stede: Lars Holm (C)",
    )
    fixable = Applicability.SAFE

    def check(self, document, options) -> Iterator:
        for line in document.facts.attendance.spelled_together:
            span = document.locate("tilstede", line, ignore_case=True) or document.line_span(line)
            yield self.diagnostic(
                document, span,
                "\"tilstede\" skrives i to ord: \"til stede\".",
                "\"tilstede\" is spelled in two words: \"til stede\".",
                fix=_two_words(document, span),
            )


def _two_words(document: Document, span: Span) -> Fix | None:
    """`tilstede` → `til stede`, in the word's own case (`Tilstede` → `Til stede`, `TILSTEDE` →
    `TIL STEDE`); None unless ``span`` is that word as written."""
    word = written(document, span)
    if word.casefold() != "tilstede":
        return None
    return Fix.safe(
        [Edit.replace(span, f"{word[:3]} {word[3:]}")],
        "Skriv \"til stede\" i to ord.", "Write \"til stede\" as two words.",
    )


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


RULES = (AbsentActs, AbsentNotListed, TwoPartyLetters, UnknownParty, TooManyVotes, ActsWhileGone, SpelledTogether)


@hookimpl
def referatcheck_rules():
    return RULES
