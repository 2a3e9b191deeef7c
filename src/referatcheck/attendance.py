"""Attendance in minutes: who was absent, left, arrived, was disqualified, voted or dissented.

Reads the meeting head (the participant list and the `Afbud` / `Fraværende` /
`Stedfortræder` fields) and every item's attendance notes, votes and named actions
into plain records; the ATT rules compare them. Three sources are not this meeting's
attendance and are left out: sections quoting earlier decisions (`Tidligere politisk
behandlet`), earlier decisions of other committees kept in the item under their own
dated `Beslutning …` heading, and case text (a Sagsfremstilling may tell a story about
people, it does not record this meeting).

Names are matched as written, case-folded; a name given with and without middle
names (`Hanne Fogh Rasmussen` / `Hanne Rasmussen`) is the same person when first and
last name agree. Everything here is deliberately conservative: a sentence that does
not have one of the known shapes yields no record.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Iterator

from attrs import field, frozen

from referatcheck.decisions import ItemRecord
from referatcheck.model import AttendanceNote, Document, Item, ListBlock, Paragraph, Section, SectionKind, Span
from referatcheck.sentences import sentences
from referatcheck.vocabulary.attendance import (
    ACT_VERBS, ATTENDANCE_HINT, CLOCK, DISSENT, ITEM_NUMBER_TAIL, ITEM_REF, LABEL, LOW, NAME_JOIN_OR_BRACKET,
    NOBODY, NOT_NAME_WORDS, PARTICLE, PARTY, PARTY_ABBREVIATIONS, PARTY_LETTERS, PARTY_WORDS, POSITION_WORDS,
    PREPOSITION, ROLE_SUFFIX, SPELLED_TOGETHER, STEDFORTRAEDER_FOR, SUBJECT_VERBS, SUBSTITUTE_FOR,
    SUBSTITUTE_NAMED_BEFORE, SUBSTITUTE_SPLIT, UP, VOTE, VOTE_CHOICES, VOTE_COUNT, VOTE_MOTION, VOTE_SPLIT,
)

if TYPE_CHECKING:
    from referatcheck.facts import Facts

# ---- parties -----------------------------------------------------------------------------


def canonical_party(party: str) -> str:
    """The party a written designation stands for (`SF` → `F`, `uden for partierne` → `UP`)."""
    text = " ".join(party.split())
    word = PARTY_WORDS.get(text.casefold())
    if word:
        return word
    return PARTY_ABBREVIATIONS.get(text, text)


def is_known_party(party: str, extra: Iterable[str] = ()) -> bool:
    canonical = canonical_party(party)
    return canonical in PARTY_LETTERS or party in extra or canonical in extra


# ---- names -------------------------------------------------------------------------------

_NAME_TOKEN = rf"(?:[{UP}][{LOW}'’]+(?:-[{UP}{LOW}][{LOW}'’]+){{0,2}}|(?:[{UP}]\.){{1,3}})"
_NAME = rf"{_NAME_TOKEN}(?: (?:{PARTICLE} )?{_NAME_TOKEN}){{1,5}}"
_PERSON = re.compile(rf"({_NAME}) ?\(({PARTY})\)")
_NAME_ONLY = re.compile(rf"^{_NAME}$")


@lru_cache(maxsize=4096)
def name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


@lru_cache(maxsize=4096)
def loose_key(name: str) -> tuple[str, str]:
    """First and last name: the identity of a person written with or without middle names."""
    words = name_key(name).split()
    return (words[0], words[-1]) if words else ("", "")


def clean_name(text: str) -> str | None:
    """The person's name in ``text`` (titles and roles removed), or None when it is no name."""
    if len(text) > 160:
        return None
    text = ROLE_SUFFIX.sub("", text.strip(" \t.,;:"))
    words = text.split()
    while words and words[0].casefold().rstrip(".,:") in NOT_NAME_WORDS:
        words = words[1:]
    candidate = " ".join(words)
    if not candidate or len(candidate) > 80 or not _NAME_ONLY.match(candidate):
        return None
    return candidate


@frozen
class Person:
    """A person named in the minutes, with the party written after the name (if any)."""

    name: str
    party: str | None  # as written inside the parentheses: `A`, `UP`, `uden for partierne`
    span: Span  # the name (and party) in the file

    @property
    def key(self) -> str:
        return name_key(self.name)

    @property
    def loose(self) -> tuple[str, str]:
        return loose_key(self.name)

    @property
    def party_key(self) -> str | None:
        return canonical_party(self.party) if self.party else None

    def label(self) -> str:
        return f"{self.name} ({self.party})" if self.party else self.name


def same_person(a: Person, b: Person) -> bool:
    return a.key == b.key or a.loose == b.loose


# ---- records -------------------------------------------------------------------------------


class NoteKind(StrEnum):
    ABSENT = "absent"  # Ikke til stede, Fraværende, Afbud
    NOT_TAKING_PART = "not-taking-part"  # deltog ikke i behandlingen af punktet
    DISQUALIFIED = "disqualified"  # erklærede sig inhabil
    LEFT = "left"  # forlod mødet efter punkt N
    ARRIVED = "arrived"  # mødte under punkt N
    SUBSTITUTE = "substitute"  # I stedet mødte …; Stedfortræder
    RETURNED = "returned"  # vendte tilbage: a departure noted for this person was not for good


# Kinds that say a person was not there for a whole item; LEFT and ARRIVED are about time.
ITEM_ABSENCE = frozenset({NoteKind.ABSENT, NoteKind.NOT_TAKING_PART, NoteKind.DISQUALIFIED})
TIMED_ABSENCE = frozenset({NoteKind.LEFT, NoteKind.ARRIVED})

_NO_END = 10**9


@frozen
class Scope:
    """The item numbers a note holds for: inclusive ranges (``_NO_END`` = to the last item)."""

    ranges: tuple[tuple[int, int], ...]

    def covers(self, number: int) -> bool:
        return any(lo <= number <= hi for lo, hi in self.ranges)

    @classmethod
    def items(cls, *numbers: int) -> "Scope":
        return cls(tuple((n, n) for n in numbers))

    @classmethod
    def from_(cls, first: int) -> "Scope":
        return cls(((first, _NO_END),))

    @classmethod
    def until(cls, last: int) -> "Scope":
        return cls(((-_NO_END, last),))

    @classmethod
    def everything(cls) -> "Scope":
        return cls(((-_NO_END, _NO_END),))


@frozen
class Note:
    """One attendance statement about one or more persons."""

    kind: NoteKind
    persons: tuple[Person, ...]
    # Items the person was not there for; None when the note gives no usable scope
    # (only a clock time, or an item number the document does not have).
    absent: Scope | None
    item: int | None  # the number of the item the note stands in; None in the head
    line: int
    text: str  # the sentence
    in_head: bool = False


class Choice(StrEnum):
    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"


@frozen
class VoteLine:
    """`For stemte: A, C og F (6)`, `Imod stemte: Jens Berg (A)`."""

    choice: Choice
    count: int | None  # the number of votes stated or implied by the names; None if unknown
    parties: tuple[str, ...]  # party letters as written
    persons: tuple[Person, ...]
    clean: bool  # only party letters and a count: a vote along party lines
    item: int
    span: Span
    text: str


@frozen
class Ballot:
    """The vote lines of one vote (a second `For stemte` in an item starts another ballot)."""

    lines: tuple[VoteLine, ...]
    item: int

    @property
    def total(self) -> int:
        return sum(v.count for v in self.lines if v.count is not None)


@frozen
class Act:
    """A member named as doing something in a decision: voting by name, dissenting, proposing."""

    person: Person
    dissent: bool
    item: int
    line: int
    text: str


@frozen
class ParticipantList:
    persons: tuple[Person, ...]
    complete: bool  # every entry of the field was read as a person
    span: Span
    label: str


@frozen
class ItemAttendance:
    number: int
    notes: tuple[Note, ...]
    ballots: tuple[Ballot, ...]
    acts: tuple[Act, ...]
    # A substitute statement whose person could not be read: the count of members is unknown.
    unnamed_substitute: bool
    # The item has a decision of this meeting: its attendance is recorded (notes are
    # repeated on every item while they hold, so a member not noted absent was there).
    decided: bool = False


@frozen
class Attendance:
    participants: ParticipantList | None
    head_notes: tuple[Note, ...]
    items: tuple[ItemAttendance, ...]
    mentions: tuple[Person, ...]  # every person named with a party, in file order
    spelled_together: tuple[int, ...]  # lines with `Ikke tilstede`
    notes: tuple[Note, ...] = field(eq=False)  # head notes, then every item's, in order
    # Absence notes by first and last name of each person they name: lookups stay cheap.
    absence_index: dict = field(eq=False)
    item_index: dict = field(eq=False)  # item number -> its first ItemAttendance
    # Per person: notes for one item by that item's number, and the notes that span items.
    _by_item: dict = field(eq=False, alias="by_item")
    # Every absence note by the one item it is about, and per person the merged ranges of
    # the notes spanning items: what `present` needs for one item, without a scan.
    _single_notes: dict = field(eq=False, alias="single_notes")
    _wide_ranges: dict = field(eq=False, alias="wide_ranges")

    @classmethod
    def build(cls, participants, head_notes, items, mentions, spelled_together) -> "Attendance":
        notes = tuple(head_notes) + tuple(n for item in items for n in item.notes)
        # A member who came back after leaving: when is not known well enough to hold it
        # against them, so their departures say nothing.
        returned = {p.loose for n in notes if n.kind is NoteKind.RETURNED for p in n.persons}
        index: dict[tuple[str, str], list[Note]] = {}
        for note in notes:
            if note.kind is NoteKind.SUBSTITUTE or note.absent is None:
                continue
            if note.kind is NoteKind.LEFT and any(p.loose in returned for p in note.persons):
                continue
            for person in note.persons:
                entries = index.setdefault(person.loose, [])
                if not entries or entries[-1] is not note:
                    entries.append(note)
        item_index: dict[int, ItemAttendance] = {}
        for item in items:
            item_index.setdefault(item.number, item)
        by_item: dict[tuple[str, str], tuple[dict[int, list[Note]], list[Note]]] = {}
        for loose, person_notes in index.items():
            single: dict[int, list[Note]] = {}
            wide: dict[tuple, Note] = {}
            for note in person_notes:
                ranges = note.absent.ranges
                if len(ranges) == 1 and ranges[0][0] == ranges[0][1]:
                    single.setdefault(ranges[0][0], []).append(note)
                    continue
                # Of the open-ended notes of one kind (`forlod mødet` item after item) the one
                # reaching furthest covers all the others: keep it alone.
                low, high = ranges[0]
                if len(ranges) == 1 and high == _NO_END:
                    key = (note.kind, "from")
                    if key not in wide or low < wide[key].absent.ranges[0][0]:
                        wide[key] = note
                elif len(ranges) == 1 and low == -_NO_END:
                    key = (note.kind, "until")
                    if key not in wide or high > wide[key].absent.ranges[0][1]:
                        wide[key] = note
                else:
                    wide.setdefault((note.kind, ranges), note)
            by_item[loose] = (single, sorted(wide.values(), key=lambda n: n.line))
        single_notes: dict[int, list[Note]] = {}
        for note in notes:
            if note.kind is not NoteKind.SUBSTITUTE and note.absent is not None:
                ranges = note.absent.ranges
                if len(ranges) == 1 and ranges[0][0] == ranges[0][1]:
                    single_notes.setdefault(ranges[0][0], []).append(note)
        wide_ranges = {}
        for loose, (_, wide) in by_item.items():
            if wide:
                person = next(p for p in wide[0].persons if p.loose == loose)
                wide_ranges[loose] = (person, _MergedRanges.of(r for note in wide for r in note.absent.ranges))
        return cls(participants, tuple(head_notes), tuple(items), tuple(mentions), tuple(spelled_together), notes,
                   index, item_index, by_item, single_notes, wide_ranges)

    def absences(self, person: Person, number: int) -> list[Note]:
        """The notes saying ``person`` was not there for item ``number``."""
        single, wide = self._by_item.get(person.loose, ({}, ()))
        found = list(single.get(number, ()))
        spanning = self._wide_ranges.get(person.loose)
        if spanning is not None and spanning[1].covers(number):
            found.extend(note for note in wide if note.absent.covers(number))
        return found

    def present(self, number: int) -> list[Person] | None:
        """The members there for item ``number``, or None when that cannot be known.

        Participants and substitutes, minus everyone noted absent for the item. A
        participant list that could not be read completely gives None: counting too
        few members would turn a correct vote into a false finding.
        """
        if self.participants is None or not self.participants.complete:
            return None
        item = self.item_index.get(number)
        if item is None or item.unnamed_substitute:
            return None
        members: list[Person] = list(self.participants.persons)
        for note in (*self.head_notes, *item.notes):
            if note.kind is NoteKind.SUBSTITUTE and (note.absent is None or not note.absent.covers(number)):
                for person in note.persons:
                    if not any(same_person(person, m) for m in members):
                        members.append(person)
        gone: list[Person] = []
        covered = [p for n in self._single_notes.get(number, ()) for p in n.persons]
        covered += [person for person, ranges in self._wide_ranges.values() if ranges.covers(number)]
        for person in covered:
            match = _unique_match(person, members)
            if match is not None and match not in gone:
                gone.append(match)
        return [m for m in members if m not in gone]


@frozen
class _MergedRanges:
    """Sorted, merged inclusive ranges of item numbers, asked by bisection."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, ranges: Iterable[tuple[int, int]]) -> "_MergedRanges":
        merged: list[list[int]] = []
        for low, high in sorted(ranges):
            if merged and low <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], high)
            else:
                merged.append([low, high])
        return cls(tuple(m[0] for m in merged), tuple(m[1] for m in merged))

    def covers(self, number: int | None) -> bool:
        if number is None:  # an unnumbered item is in no range of item numbers
            return False
        k = bisect_right(self.starts, number) - 1
        return k >= 0 and number <= self.ends[k]


def _unique_match(person: Person, members: list[Person]) -> Person | None:
    exact = [m for m in members if m.key == person.key]
    if len(exact) == 1:
        return exact[0]
    loose = [m for m in members if m.loose == person.loose]
    return loose[0] if len(loose) == 1 else None


# ---- sentence shapes ---------------------------------------------------------------------------

_SUBJECT_VERBS: tuple[tuple[re.Pattern[str], NoteKind], ...] = tuple(
    (pattern, NoteKind(kind)) for pattern, kind in SUBJECT_VERBS
)


# ---- parsing one sentence ----------------------------------------------------------------------


class _Reader:
    """Reads sentences of one part of the document (the head or one item)."""

    def __init__(self, document: Document, item_numbers: tuple[int, ...]) -> None:
        self.document = document
        self.item_numbers = frozenset(item_numbers)

    # -- persons

    def persons(self, text: str, line: int, last_line: int | None = None) -> tuple[Person, ...]:
        """The persons of a list such as `Lars Holm (C) og Pia Dam (A)` (party optional)."""
        found: list[Person] = []
        for part in _split_top(text):
            several = self._run_of_persons(part, line, last_line)
            if several:  # `Jens Hansen (V) Pia Dam (A)`: one name per line, lines joined
                found.extend(several)
                continue
            match = _PERSON.search(part) if "(" in part else None
            name = clean_name(part[: match.start(2) - 1].strip(" (")) if match else None
            if name is not None:
                found.append(self._person(name, match.group(2), line, last_line))
                continue
            name = clean_name(part)
            if name is not None:
                found.append(self._person(name, None, line, last_line))
        return tuple(found)

    def _run_of_persons(self, part: str, line: int, last_line: int | None) -> list[Person]:
        """Two or more `Name (P)` with nothing else between them, or []."""
        if part.count("(") < 2 or len(part) > 600:
            return []
        matches = list(_PERSON.finditer(part))
        if len(matches) < 2:
            return []
        rest = _PERSON.sub(" ", part)
        if rest.strip(" ,.;"):
            return []
        names = [clean_name(m.group(1)) for m in matches]
        if any(n is None for n in names):
            return []
        return [self._person(n, m.group(2), line, last_line) for n, m in zip(names, matches)]

    def named_with_party(self, text: str, line: int) -> list[tuple[Person, int, int]]:
        """Every `Name (P)` in ``text`` with its offsets."""
        found = []
        for match in _PERSON.finditer(text):
            name = clean_name(match.group(1))
            if name is None:
                continue
            found.append((self._person(name, match.group(2), line), match.start(), match.end()))
        return found

    def _person(self, name: str, party: str | None, line: int, last_line: int | None = None) -> Person:
        """The person with the span of its name in the file (on ``line`` … ``last_line``)."""
        document = self.document
        span = (document.locate(name, line, last_line, through=")" if party else "", reach=len(party or "") + 3)
                # A name wrapped over two lines: point at its first word.
                or document.locate(name.split()[0], line, last_line)
                or document.line_span(line))
        return Person(name, party, span)

    # -- scope

    def scope(self, sentence: str, kind: NoteKind, item: int | None) -> Scope | None:
        """The items ``kind`` makes a person miss, from the sentence or from where it stands."""
        refs = list(ITEM_REF.finditer(sentence))
        if refs:
            return self._explicit_scope(refs, kind)
        timed = CLOCK.search(sentence) is not None
        if item is None:  # the head: the whole meeting, unless only a time is given
            if kind in ITEM_ABSENCE and not timed:
                return Scope.everything()
            return None
        if kind in ITEM_ABSENCE:
            return None if timed else Scope.items(item)
        if kind is NoteKind.LEFT:
            return Scope.from_(item + 1)
        if kind is NoteKind.ARRIVED:
            return Scope.until(item - 1)
        return None

    def _explicit_scope(self, refs: list[re.Match[str]], kind: NoteKind) -> Scope | None:
        ranges: list[tuple[int, int]] = []
        for ref in refs:
            numbers = [int(ref.group("first"))]
            more = ref.group("more")
            lo_hi = None
            if more:
                tail = ITEM_NUMBER_TAIL.findall(more)
                if tail and tail[0][0] in ("-", "–", "til"):
                    lo_hi = (numbers[0], int(tail[0][1]))
                else:
                    numbers += [int(n) for _, n in tail]
            referenced = list(range(lo_hi[0], lo_hi[1] + 1)) if lo_hi else numbers
            if lo_hi and lo_hi[1] < lo_hi[0]:
                return None
            if not any(n in self.item_numbers for n in referenced):
                return None  # the numbers are not this document's items
            before = PREPOSITION.search(ref.string[max(0, ref.start() - 40): ref.start()])
            prep = before.group("prep").casefold().split() if before else []
            first, last = (lo_hi or (min(numbers), max(numbers)))
            if kind is NoteKind.LEFT:
                ranges.append((last + 1 if prep[:1] in (["efter"], ["under"], []) else last, _NO_END))
            elif kind is NoteKind.ARRIVED:
                ranges.append((-_NO_END, first if prep[:1] == ["efter"] else first - 1))
            elif prep[:1] == ["efter"]:
                ranges.append((last + 1, _NO_END))
            elif prep[:1] == ["fra"]:
                ranges.append((first, _NO_END))
            elif prep[:1] in (["til"], ["indtil"]):
                ranges.append((-_NO_END, last))
            elif prep[:1] == ["før"]:
                ranges.append((-_NO_END, first - 1))
            elif lo_hi:
                ranges.append(lo_hi)
            else:
                ranges.extend((n, n) for n in numbers)
        return Scope(tuple(ranges))

    # -- notes

    def notes(self, sentence: str, line: int, item: int | None, in_head: bool = False) -> list[Note]:
        """The attendance notes one sentence makes (none when it has no known shape)."""
        text = sentence.strip().strip("*_").strip()
        if not text or len(text) > 600:
            return []
        text = re.sub(r"^[-*•]\s{0,3}", "", text)
        label = LABEL.match(text)
        if label:
            return self._labelled(label, text, line, item, in_head)
        match = SUBSTITUTE_FOR.match(text)
        if match:
            notes = [self._note(NoteKind.SUBSTITUTE, self.persons(match.group("who"), line), text, line, item, in_head)]
            notes.append(self._note(NoteKind.ABSENT, self.persons(match.group("for"), line), text, line, item, in_head))
            return [n for n in notes if n.persons]
        split = SUBSTITUTE_SPLIT.search(text)
        if split and split.start() < 3:  # `I stedet mødte Ida Friis (V).`
            persons = self.persons(text[split.end():], line)
            return [self._note(NoteKind.SUBSTITUTE, persons, text, line, item, in_head)] if persons else [
                self._note(NoteKind.SUBSTITUTE, (), text, line, item, in_head)]
        for pattern, kind in _SUBJECT_VERBS:
            verb = pattern.search(text)
            if verb is None:
                continue
            persons = self.persons(text[: verb.start()], line)
            if not persons:
                return []
            if kind is NoteKind.LEFT and re.search(r"inhabil", text, re.I):
                kind = NoteKind.DISQUALIFIED
            return [self._note(kind, persons, text, line, item, in_head)]
        return []

    def _labelled(self, label: re.Match[str], text: str, line: int, item: int | None, in_head: bool) -> list[Note]:
        word = " ".join(label.group("label").casefold().split())
        rest = label.group("rest")
        if word.startswith("stedfortræder") or word.startswith("mødt som"):
            notes = []
            for part in _split_top(rest):
                pair = STEDFORTRAEDER_FOR.match(part)
                if pair:
                    notes.append(self._note(NoteKind.SUBSTITUTE, self.persons(pair.group("who"), line), text, line, item, in_head))
                    notes.append(self._note(NoteKind.ABSENT, self.persons(pair.group("for"), line), text, line, item, in_head))
                else:
                    notes.append(self._note(NoteKind.SUBSTITUTE, self.persons(part, line), text, line, item, in_head))
            return [n for n in notes if n.persons]
        kind = NoteKind.ABSENT
        if word.startswith("deltog ikke i") and not word.endswith("mødet"):
            kind = NoteKind.NOT_TAKING_PART
        substitutes: tuple[Person, ...] = ()
        unnamed = False
        named_before = SUBSTITUTE_NAMED_BEFORE.search(rest)
        split = None if named_before else SUBSTITUTE_SPLIT.search(rest)
        if named_before:
            substitutes = self.persons(named_before.group("who"), line)
            unnamed = not substitutes
            rest = rest[: named_before.start()]
        elif split:
            substitutes = self.persons(rest[split.end():], line)
            unnamed = not substitutes
            rest = rest[: split.start()]
        persons = self.persons(rest, line)
        notes = [self._note(kind, persons, text, line, item, in_head)] if persons else []
        if substitutes or unnamed:
            notes.append(self._note(NoteKind.SUBSTITUTE, substitutes, text, line, item, in_head))
        return notes

    def _note(self, kind: NoteKind, persons: tuple[Person, ...], text: str, line: int, item: int | None,
              in_head: bool) -> Note:
        absent = None if kind in (NoteKind.SUBSTITUTE, NoteKind.RETURNED) else self.scope(text, kind, item)
        return Note(kind, persons, absent, item, line, text, in_head)

    # -- votes and acts

    def vote(self, sentence: str, line: int, item: int) -> VoteLine | None:
        text = sentence.strip().strip("*_").strip()
        text = re.sub(r"^[-*•]\s{0,3}", "", text)
        if len(text) > 400:
            return None
        match = VOTE.match(text)
        if not match:
            return None
        label = VOTE_MOTION.sub("", " ".join(match.group("label").casefold().split()))
        body = match.group("body").strip().rstrip(".")
        if not match.group("colon") and ("stem" not in label or not body):
            return None
        choice = _CHOICES[label]
        count = int(match.group("n")) if match.group("n") else None
        stated = VOTE_COUNT.search(body)
        if stated:
            count = int(stated.group(1))
            body = (body[: stated.start()] + body[stated.end():]).strip()
        elif re.fullmatch(r"\d{1,3}", body):
            count, body = int(body), ""
        elif (first := re.match(r"(\d{1,3})\s{1,3}(?=\()", body)) is not None:
            count, body = int(first.group(1)), body[first.end():]  # `For stemte: 7 (A, F og Ø)`
        if re.fullmatch(r"(?:ingen|0|-|–)", body, re.I):
            count, body = 0, ""
        parties: list[str] = []
        persons: list[Person] = []
        clean = True
        inner = body.strip()
        if inner.startswith("(") and inner.endswith(")"):  # `For stemte 6 (A, C og F)`
            inner = inner[1:-1]
        for part in _split_top(inner):
            if not part:
                continue
            if re.fullmatch(rf"[{UP}]{{1,3}}", part):
                parties.append(part)
                continue
            named = self.persons(part, line)
            if len(named) == 1 and named[0].party:
                persons.append(named[0])
            else:
                clean = False  # party names, exceptions (`A undtagen …`), free text
        if count is None and persons and not parties and clean:
            count = len(persons)  # `Imod stemte: Jens Berg (A) og Pia Dam (A)`
        clean = clean and not persons and bool(parties)
        return VoteLine(choice, count, tuple(parties), tuple(persons), clean, item, self.document.line_span(line), text)

    def acts(self, sentence: str, line: int, item: int) -> list[Act]:
        """Persons a decision sentence names as its subject or agent."""
        if len(sentence) > 3000 or ATTENDANCE_HINT.search(sentence):
            return []
        dissent = DISSENT.search(sentence) is not None
        found = []
        named = self.named_with_party(sentence, line)
        for index, (person, start, end) in enumerate(named):
            if _is_subject_or_agent(sentence, named, index):
                found.append(Act(person, dissent, item, line, sentence.strip()))
        return found


_CHOICES = {label: Choice(choice) for label, choice in VOTE_CHOICES.items()}


def _split_top(text: str) -> list[str]:
    """Split a list of names on `,` `og` `samt` outside parentheses."""
    parts, depth, start = [], 0, 0
    out = []
    for index, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in ",;&":
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    for part in parts:
        # ` og ` / ` samt ` outside parentheses
        pieces, depth, begin = [], 0, 0
        for match in NAME_JOIN_OR_BRACKET.finditer(part):
            token = match.group(0)
            if token == "(":
                depth += 1
            elif token == ")":
                depth = max(0, depth - 1)
            elif depth == 0:
                pieces.append(part[begin: match.start()])
                begin = match.end()
        pieces.append(part[begin:])
        out.extend(p.strip(" .:") for p in pieces if p.strip(" .:"))
    return out


def _is_subject_or_agent(sentence: str, named: list[tuple[Person, int, int]], index: int) -> bool:
    """A person named at the start of a clause before a verb, or after `af` (`stillet af X (A)`)."""
    _, start, end = named[index]
    before = sentence[:start].rstrip()
    # Walk back over a preceding run of persons joined by `,` / `og`.
    k = index
    while k > 0:
        prev_end = named[k - 1][2]
        gap = sentence[prev_end: named[k][1]].strip()
        if gap in (",", "og", ", og", "samt"):
            k -= 1
            before = sentence[: named[k][1]].rstrip()
        else:
            break
    words = before.split()
    opener = not words or before.endswith((".", ":", ";", ",")) or words[-1].casefold() in (
        "og", "men", "idet", "hvor", "mens", "da", "hvorefter", "formand", "formanden", "næstformand")
    if len(words) >= 2 and words[-1].casefold() == "af" and words[-2].casefold() != "vegne":
        return True  # `taget til efterretning af Mette Holm (C)`, `stillet af …`
    if not opener:
        return False
    # The run must be followed by a verb or a colon, not end the sentence (`... til Jens Berg (A).`).
    m = index
    while m + 1 < len(named) and sentence[named[m][2]: named[m + 1][1]].strip() in (",", "og", ", og", "samt"):
        m += 1
    after = sentence[named[m][2]:].lstrip()
    return after.startswith(":") or _act_verb(after)


_FIRST_WORDS = re.compile(r"([^\W\d_]{2,20})(?:\s{1,3}([^\W\d_]{2,10}))?")


def _act_verb(text: str) -> bool:
    """Whether ``text`` starts with a verb of taking part."""
    match = _FIRST_WORDS.match(text)
    if match is None:
        return False
    word, following = match.group(1).casefold(), (match.group(2) or "").casefold()
    return word in ACT_VERBS or (word in ("var", "er") and following in POSITION_WORDS)


# ---- the document ------------------------------------------------------------------------------

# Case text tells stories; attendance is recorded under the decision, or in the item's
# notes before the first section and after the attachments.
_CASE_TEXT = frozenset({SectionKind.SUMMARY, SectionKind.RECOMMENDATION, SectionKind.PRESENTATION,
                        SectionKind.PROCEDURE, SectionKind.FINANCE})


def own_sections(item: Item, record: ItemRecord | None) -> list[Section]:
    """The item's sections that record this meeting: not `Tidligere politisk behandlet`,
    and not a decision :mod:`referatcheck.decisions` reads as quoted (another committee's
    or an earlier meeting's, kept in the item under its own dated heading)."""
    quoted = {d.heading_span for d in (record.decisions if record else ()) if not d.this_meeting}
    return [s for s in item.sections if s.kind is not SectionKind.HISTORY and s.heading_span not in quoted]


def read_attendance(document: Document, facts: "Facts") -> Attendance:
    """Everything the minutes record about attendance and votes (read once per document
    by :attr:`Document.facts`, whose decision records say which sections are this
    meeting's)."""
    numbers = tuple(item.number for item in document.items)
    reader = _Reader(document, numbers)
    spelled_together: list[int] = []
    mentions: list[Person] = []

    participants = _participants(document, reader)
    head_notes: list[Note] = []
    for field in document.head.fields:
        value = field.value.strip()
        if not value or NOBODY.match(value) or field.role not in _NOTE_LABEL:
            continue
        # Read under the role's own label, so a label a municipality configured
        # (`Forfald`, `Afbud/fravær`) is read like `Fraværende`.
        head_notes.extend(reader.notes(f"{_NOTE_LABEL[field.role]}: {value}", field.span.line, None, in_head=True))
    for block in document.head.blocks:
        for line, text in _block_lines(block):
            for _, sentence in sentences(text):
                head_notes.extend(reader.notes(sentence, line, None, in_head=True))
    for line, text in _head_lines(document):
        if SPELLED_TOGETHER.search(text):
            spelled_together.append(line)

    items: list[ItemAttendance] = []
    for item in document.items:
        notes: list[Note] = []
        votes: list[VoteLine] = []
        acts: list[Act] = []
        unnamed = False
        own = own_sections(item, facts.record_of(item))
        decided = any(s.kind is SectionKind.DECISION and s.blocks for s in own)
        blocks = [(None, b) for b in item.intro] + [(s, b) for s in own for b in s.blocks]
        for section, block in blocks:
            decision = section is not None and section.kind is SectionKind.DECISION
            case_text = section is not None and section.kind in _CASE_TEXT
            if isinstance(block, AttendanceNote):
                if case_text and not LABEL.match(block.text):
                    continue
                lines = [(block.span.line, block.text)]
            elif decision and isinstance(block, (Paragraph, ListBlock)):
                lines = _block_lines(block)
            else:
                continue
            for line, text in lines:
                if SPELLED_TOGETHER.search(text):
                    spelled_together.append(line)
                for _, sentence in sentences(text):
                    found = reader.notes(sentence, line, item.number)
                    if found:
                        notes.extend(found)
                        unnamed = unnamed or any(n.kind is NoteKind.SUBSTITUTE and not n.persons for n in found)
                        continue
                    if not decision:
                        continue
                    found_votes = [reader.vote(part, line, item.number) for part in VOTE_SPLIT.split(sentence)]
                    if found_votes[0] is not None:
                        votes.extend(v for v in found_votes if v is not None)
                        continue
                    acts.extend(reader.acts(sentence, line, item.number))
        items.append(ItemAttendance(item.number, tuple(notes), _ballots(votes, item.number), tuple(acts), unnamed,
                                    decided))

    if participants is not None:
        mentions.extend(p for p in participants.persons if p.party)
    for note in head_notes:
        mentions.extend(p for p in note.persons if p.party)
    for item_att in items:
        for note in item_att.notes:
            mentions.extend(p for p in note.persons if p.party)
        for ballot in item_att.ballots:
            for vote in ballot.lines:
                mentions.extend(vote.persons)
        mentions.extend(act.person for act in item_att.acts)
    unique: dict[tuple, Person] = {}
    for person in mentions:
        unique.setdefault((person.key, person.party, person.span), person)
    ordered = sorted(unique.values(), key=lambda p: (p.span.line, p.span.column))
    return Attendance.build(participants, head_notes, items, ordered, sorted(set(spelled_together)))


def _ballots(votes: list[VoteLine], item: int) -> tuple[Ballot, ...]:
    ballots: list[list[VoteLine]] = []
    for vote in votes:
        if not ballots or any(v.choice is vote.choice for v in ballots[-1]):
            ballots.append([])
        ballots[-1].append(vote)
    return tuple(Ballot(tuple(lines), item) for lines in ballots)


# Head fields whose role records attendance, and the label their value is read under.
_NOTE_LABEL = {"absent": "Fraværende", "substitute": "Stedfortræder"}


def _participants(document: Document, reader: _Reader) -> ParticipantList | None:
    """The participant list (`Mødedeltagere`), read from the joined field value.

    Wrapped lines are joined first, so a name broken over two lines (`Jimmy··\nSimonsen`)
    is one person. ``complete`` is False when some entry is not a name: the list then
    cannot be used to count members.
    """
    for field in document.head.fields:
        if field.role != "members" or not field.value.strip():
            continue
        # Without commas a list spread over lines has one name per line; with commas a
        # line break is only wrapping (possibly inside a name).
        if "," in field.value or ";" in field.value:
            entries = _split_top(field.value)
        else:
            entries = [part for text in field.lines for part in _split_top(text)]
        persons: list[Person] = []
        complete = True
        for part in entries:
            found = reader.persons(part, field.span.line, last_line=field.span.end_line)
            if found:
                persons.extend(found)
            elif part.casefold().strip(" .") not in NOT_NAME_WORDS:
                complete = False
        # Five names in a row may be two people whose separator was lost.
        if any(len(p.name.split()) >= 5 for p in persons):
            complete = False
        if len(persons) < 2:
            return None
        return ParticipantList(tuple(persons), complete, field.span, field.label)
    return None


def _head_lines(document: Document) -> Iterator[tuple[int, str]]:
    for field in document.head.fields:
        yield field.span.line, f"{field.label} {field.value}"
    for block in document.head.blocks:
        yield from _block_lines(block)


def _block_lines(block) -> list[tuple[int, str]]:
    if isinstance(block, Paragraph):
        return [(block.span.line + i, text) for i, text in enumerate(block.lines)]
    if isinstance(block, ListBlock):
        return [(entry.span.line, entry.text) for entry in block.items]
    if isinstance(block, AttendanceNote):
        return [(block.span.line, block.text)]
    return []
