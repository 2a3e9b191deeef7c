"""What a recommendation asks for and what a decision records, read from an agenda item.

The rule families MTG, ITM and DEC (and anyone who needs "this meeting's decision")
read items through ``document.facts.records`` (:func:`read_records`), so the vocabulary of recommendations and decisions
lives here, once:

- a **recommendation** (`Indstilling`, `<Actor> indstiller, at:`) asks for orientation
  (`tage … til efterretning`), approval (`godkende`), discussion (`drøfte`) or a
  recommendation onward to a higher body (`at Byrådet godkender`), often as points
  `1.`, `2.` or bullets `- at …`;
- a **decision** records a verdict (`Taget til efterretning.`, `Godkendt.`,
  `Indstillingen tiltrådt.`, `Anbefales.`, `Drøftet.`, `Udsat.`, `Afvist.`), possibly
  point by point (`Punkt 1 taget til efterretning. Punkt 2 og 3 godkendt.`), or free
  text. A verdict is recognised only when a whole sentence is one of the formulas, so a
  sentence about someone's dissent (`Jens Berg (A) kunne ikke godkende …`) is never
  read as the committee's verdict.
- a decision **header** (`Beslutning Arbejdsmarkedsudvalget den 07-11-2023`,
  `Økonomiudvalgets beslutning den 2. september 2024`) names a committee and a date;
  decisions of other bodies or earlier meetings quoted in the item (under `Tidligere
  politisk behandlet`, or the chain `Beslutning Økonomiudvalget …` / `Beslutning
  Byrådet …`) are told apart from this meeting's.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata
from enum import StrEnum
from functools import lru_cache

from attrs import frozen

from referatcheck.dates import dates_in, find_dates, find_times, first_date
from referatcheck.fuzzy import edit_distance
from referatcheck.model import (
    Block, Document, Field, Heading, Item, ListBlock, Paragraph, Section, SectionKind, Span, Table,
)
from referatcheck.sentences import sentences
from referatcheck.titles import clean_inline, closed_title
from referatcheck.vocabulary.meeting import DATE_TIME_KEYS, MAYBE_COMMITTEE_KEYS, PLACE_AFTER, PLACE_WORD
from referatcheck.vocabulary.decisions import (
    AGENDA_TITLE, APPROVAL, AT_POINT, AT_WORD, BODY_ACTS, BODY_NAME, BODY_SPLIT, BULLET_AT_LINE, CLAUSE_END,
    DATE_LEAD_REVERSED, DISCUSSION, GENERIC_BODIES, HEADER_PREFIX, HEADING_BODY, HIGHER_BODIES,
    INLINE_DECISION, INLINE_POINT, JOINT_MEETING, JOIN_WORDS, LEADING_PREPOSITION, LEAD_GAP, LEAD_VERB,
    MINUTES_TITLE, NEXT_REFERENCE, NUMBER_RANGE, ORIENTATION, OTHER_CLAUSE, POINT_REF, POINT_SEPARATOR,
    POSSESSIVE, TOWARDS, VERDICT_FORMULAS,
)

# ---- the meeting ------------------------------------------------------------------------

# A head field states its date and time near the start; a runaway field (a broken export
# joining many lines) is not read to its end.
FIELD_SCAN = 500


@frozen
class Meeting:
    """Whose meeting and when, as the head states it."""

    committee: str | None
    dates: frozenset[dt.date]  # the title's date and the date field's dates
    date: dt.date | None = None  # the meeting date: the title's, else the first of the date field
    start: str | None = None  # `HH:MM`, the first valid time of a time field, the date field or the title
    place: str | None = None  # the place field, else a place named after the time (`kl. 15 i Byrådssalen`)


def read_meeting(document: Document) -> Meeting:
    """Whose meeting, when and where (read once per document by :attr:`Document.facts`)."""
    title = document.head.title
    dates: set[dt.date] = set()
    if title is not None and title.date is not None:
        dates.add(title.date)
    field = date_field(document)
    if field is not None:
        dates |= dates_in(field.value[:FIELD_SCAN])
    return Meeting(committee=committee_of(document), dates=frozenset(dates), date=_meeting_date(document),
                   start=_start_time(document), place=_place(document))


def _meeting_date(document: Document) -> dt.date | None:
    title = document.head.title
    if title is not None and title.date is not None:
        return title.date
    for field in (date_field(document), document.head.field_for("date")):
        if field is not None:
            found = first_date(field.value[:FIELD_SCAN])
            if found is not None:
                return found
    return None


_START_ROLES = ("start", "time")


def _start_time(document: Document) -> str | None:
    """The first valid time in a time or start field, else the date field, else the title."""
    head = document.head
    sources: list[tuple[str, bool]] = []  # (text, read bare `15:30` too)
    for field in head.fields:
        if field.role in _START_ROLES:
            sources.append((field.value, True))
    for field in (date_field(document), head.field_for("date")):
        if field is not None:
            sources.append((field.value, field.role in _START_ROLES))
    if head.title is not None:
        sources.append((head.title.text, False))
    for text, bare in sources:
        for mention in find_times(text[:FIELD_SCAN], bare=bare):
            if mention.valid:
                return f"{mention.hour:02d}:{mention.minute:02d}"
    return None


# Where a place named after the time ends: a dash between spaces, a wide gap, a TAB.
_PLACE_END = re.compile(r"\s[-–|]\s|\s{3,}|\t")


def _place(document: Document) -> str | None:
    """The place field's value; else a place named right after the time or date in the
    title or a head field (`Mandag 4. marts 2024 kl. 15:00 i Mødelokale 2`)."""
    field = document.head.field_for("place")
    if field is not None:
        return field.value.strip() or None
    texts = [document.head.title.text] if document.head.title is not None else []
    texts += [f.value for f in document.head.fields]
    for text in texts:
        found = PLACE_AFTER.search(text[:FIELD_SCAN])
        if found:
            place = _PLACE_END.split(text[found.end() - 1:FIELD_SCAN], maxsplit=1)[0].strip(" .")
            if place:
                return place
    return _place_line(document)


# A place on a line of its own is short: a hall, a room, an address.
_PLACE_LINE = 80


def _place_line(document: Document) -> str | None:
    """The line right under the title that is a place (`Referat – Økonomiudvalget` / `Mandag den
    4. marts 2024 kl. 14:00` / `Byrådssalen, Kragsø Rådhus`), not a label line or a sentence."""
    title = document.head.title
    if title is None:
        return None
    for block in document.head.blocks:
        if not isinstance(block, Paragraph) or not 0 < block.span.line - title.span.end_line <= 2:
            continue
        text = clean_inline(block.lines[0][:FIELD_SCAN]).strip(" \t*_")
        if len(text) <= _PLACE_LINE and ":" not in text and not text.endswith(".") and PLACE_WORD.search(text):
            return text
    return None


def committee_of(document: Document) -> str | None:
    """The meeting's committee: from the title, else from an `Udvalg` head field."""
    title = document.head.title
    if title is not None and title.committee:
        return title.committee
    for field in document.head.fields:
        value = field.value.strip()
        if field.role != "committee" or not value:
            continue
        # `Møde: Ordinært møde` names no body; `Møde: Økonomiudvalget` does.
        if field.label.casefold().rstrip(":").strip() not in MAYBE_COMMITTEE_KEYS or looks_like_body(value[:200]):
            return value
    return None


def date_field(document: Document) -> Field | None:
    """The head field that gives the meeting date: `Mødedato`/`Dato`, else a time field with a date."""
    explicit = document.head.field_for("date")
    if explicit is not None:
        return explicit
    wanted = DATE_TIME_KEYS
    for field in document.head.fields:
        # `Mødetidspunkt`, `STARTTIDSPUNKT` / `04-06-2020 09:00:00`: a time field that gives the date too.
        if (field.role in ("time", "start") or field.label.casefold() in wanted) and dates_in(field.value[:FIELD_SCAN]):
            return field
    return None


# ---- committee names --------------------------------------------------------------------

_PARENTHESES = re.compile(r"\([^()]{0,60}\)")


@lru_cache(maxsize=1024)  # the same few names are compared for every item of a document
def committee_key(name: str) -> str:
    """A committee name reduced for comparison.

    Case, hyphens, spaces, `og`-joins, a genitive `s` and the definite ending are
    ignored: `Arbejdsmarkeds- og Integrationsudvalgets` and `Arbejdsmarkeds- og
    Integrationsudvalget` give the same key, as do `Byråd` and `Byrådet`.
    """
    text = unicodedata.normalize("NFC", clean_inline(name)).casefold()
    text = LEADING_PREPOSITION.sub("", _PARENTHESES.sub(" ", text))
    key = "".join(ch for ch in text if ch.isalpha())
    if key.endswith(("ets", "ens")):
        key = key[:-1]
    if key.endswith(("et", "en")) and len(key) > 6:
        key = key[:-2]
    return key


def same_committee(a: str, b: str) -> bool:
    """Whether two names denote the same body (tolerating a letter or two in long names).

    A committee of a joint meeting counts too (`Arbejdsmarkedsudvalget` in
    `Fællesmøde mellem Arbejdsmarkedsudvalget og Børne- og Uddannelsesudvalget`), but
    `Sundhedsudvalget` is not `Social- og Sundhedsudvalget`.
    """
    ka, kb = committee_key(a), committee_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    shorter, longer = sorted((ka, kb), key=len)
    if len(shorter) >= 8 and shorter in longer and JOINT_MEETING.search(longer):
        return True
    limit = 2 if len(shorter) >= 15 else (1 if len(shorter) >= 10 else 0)
    return limit > 0 and edit_distance(ka, kb, limit) <= limit


def looks_like_body(name: str) -> bool:
    """A committee or council name (`…udvalget`, `Byrådet`, `Kommunalbestyrelsen`)."""
    cleaned = _PARENTHESES.sub(" ", clean_inline(name)).strip(" ,:;–-").casefold()
    return bool(cleaned) and cleaned not in GENERIC_BODIES and bool(BODY_NAME.fullmatch(cleaned))


# ---- decision headers -------------------------------------------------------------------


@frozen
class DecisionHeader:
    committee: str | None  # as written, when the header names a body
    date: dt.date | None
    date_text: str  # the date as written ('' when none)


def _without_date_lead(text: str) -> str:
    lead = DATE_LEAD_REVERSED.match(text[::-1])
    return text[: len(text) - lead.end()]


def parse_header(title: str) -> DecisionHeader:
    """Committee and date named in a decision section's heading text."""
    text = clean_inline(title).strip()
    possessive = POSSESSIVE.match(text)
    if possessive:
        committee_text, rest = possessive.group(1), text[possessive.end():]
    else:
        prefix = HEADER_PREFIX.match(text)
        rest = text[prefix.end():] if prefix else text
        committee_text = None
    mentions = [m for m in find_dates(rest) if m.date is not None]
    date = mentions[0] if mentions else None
    if committee_text is None:
        committee_text = rest[: date.start] if date else rest
        committee_text = _without_date_lead(committee_text)
    committee_text = _PARENTHESES.sub(" ", committee_text).strip(" ,:;()–-")
    committee = committee_text if looks_like_body(committee_text) else None
    return DecisionHeader(committee=committee, date=date.date if date else None, date_text=date.text if date else "")


# ---- recommendations --------------------------------------------------------------------


class Ask(StrEnum):
    """What a recommendation asks the committee to do."""

    ORIENTATION = "orientation"
    APPROVAL = "approval"
    DISCUSSION = "discussion"
    ONWARD = "onward"  # recommend to a higher body (Økonomiudvalget, Byrådet)


@frozen
class Point:
    number: int
    text: str
    span: Span


@frozen
class Recommendation:
    sections: tuple[Section, ...]
    text: str  # all recommendation text, lists included, joined
    asks: frozenset[Ask]
    points: tuple[Point, ...]  # numbered `1.` points or `- at …` bullets; () when none
    numbered: bool  # the points carry numbers (else they are counted in order)
    span: Span  # the first recommendation heading
    # How many points it asks about, counted over numbered points, bullets and `at`-clauses
    # of running text; None when that is uncertain (see :func:`point_count`).
    count: int | None = None

    def point_numbers(self) -> frozenset[int] | None:
        """The point numbers a decision may name (`Punkt 2 godkendt`); None when uncertain.

        Numbered points give their own numbers; otherwise points are counted in order
        (`- at …` bullets, `at`-clauses), so the numbers are 1 … count.
        """
        if self.numbered and self.points:
            return frozenset(p.number for p in self.points)
        if self.count:
            return frozenset(range(1, self.count + 1))
        if self.points:
            return frozenset(range(1, len(self.points) + 1))
        return None


def _is_other_body(name: str, meeting: Meeting) -> bool:
    name = name.strip()
    if not looks_like_body(name):
        return False
    if meeting.committee:
        return not same_committee(name, meeting.committee)
    return committee_key(name).startswith(HIGHER_BODIES)


def classify_recommendation(text: str, meeting: Meeting) -> frozenset[Ask]:
    """The kinds of request in a recommendation's text (empty when none is recognised)."""
    asks: set[Ask] = set()
    if ORIENTATION.search(text):
        asks.add(Ask.ORIENTATION)
    if APPROVAL.search(text):
        asks.add(Ask.APPROVAL)
    if DISCUSSION.search(text):
        asks.add(Ask.DISCUSSION)
    for match in BODY_ACTS.finditer(text):
        if any(_is_other_body(part, meeting) for part in BODY_SPLIT.split(match.group("body"))):
            asks.add(Ask.ONWARD)
    for match in TOWARDS.finditer(text):
        segment = match.group("body")
        end = CLAUSE_END.search(segment)
        segment = segment[: end.start()] if end else segment
        if any(_is_other_body(part, meeting) for part in BODY_SPLIT.split(segment)):
            asks.add(Ask.ONWARD)
    return frozenset(asks)


def _content(blocks: tuple[Block, ...]) -> list[Block]:
    """The blocks that carry text of the section's own (not notes or sub-headings).

    A bold-only line (`**Godkendt.**`) is text set in bold, not a sub-heading.
    """
    found: list[Block] = []
    for block in blocks:
        if isinstance(block, (Paragraph, ListBlock, Table)):
            found.append(block)
        elif isinstance(block, Heading) and block.level == 0:
            found.append(Paragraph(lines=(block.text,), span=block.span))
    return found


def _block_text(block: Block) -> str:
    if isinstance(block, ListBlock):
        return " ".join(f"{i.marker} {i.text}" for i in block.items)
    if isinstance(block, Table):
        return " ".join(" ".join(row.texts) for row in block.rows)
    return block.text


def _points(blocks: list[Block]) -> tuple[tuple[Point, ...], bool]:
    ordered = [b for b in blocks if isinstance(b, ListBlock) and b.ordered]
    if ordered:
        points = []
        for block in ordered:
            for entry in block.items:
                digits = entry.marker.rstrip(".)")
                if digits.isdigit():
                    points.append(Point(int(digits), entry.text, entry.span))
        numbers = [p.number for p in points]
        if numbers and len(set(numbers)) == len(numbers):
            return tuple(points), True
        return (), True  # two lists both starting at 1: no single numbering
    bullets = [entry for b in blocks if isinstance(b, ListBlock) for entry in b.items]
    at_bullets = [entry for entry in bullets if AT_POINT.match(entry.text)]
    if len(at_bullets) >= 2 and 2 * len(at_bullets) >= len(bullets):
        return tuple(Point(k, e.text, e.span) for k, e in enumerate(bullets, start=1)), False
    for block in blocks:
        if isinstance(block, Paragraph):
            numbers = [int(m.group(1)) for m in INLINE_POINT.finditer(block.text)]
            if len(numbers) >= 2 and numbers == list(range(numbers[0], numbers[0] + len(numbers))):
                return tuple(Point(n, "", block.span) for n in numbers), True
    return (), False


# ---- counting a recommendation's points -------------------------------------------------
#
# A decision that names `punkt 7` is checked against the number of points the
# recommendation has. Besides numbered points (`1.`, `2)`), a recommendation asks in
# `at`-clauses: bullets (`- at mindreforbruget …`), bullets that complete a lead
# (`… indstiller til udvalget at tage` / `- orienteringen til efterretning.`), and running
# text (`Det indstilles, at A, at B og at C`). A count is given only when every block of
# the recommendation reads as points or as the lead of points; anything else (a sentence
# that is no `at`-clause, `, og` before a clause of another shape, a table) leaves it
# uncertain. A subordinate `…, at …` inside a point is counted as a point of its own: an
# error towards more points, so towards fewer findings.

_LEAD_GAP_LENGTH = 200
# A recommendation sentence longer than this is not read for clauses (the count is then uncertain).
_CLAUSE_TEXT = 3000
_SENTENCE_STOP = (".", "!", "?")


def _at_clauses(text: str, implicit: bool = False) -> tuple[int, bool]:
    """``(at-clauses, ambiguous)`` of one sentence of running text.

    The first clause follows a lead verb (`Det indstilles, at …`, `indstiller til
    udvalget at tage`), starts the sentence (`At tage …`), or is the sentence itself
    under a heading that ends in `at:` (``implicit``); the others are joined to it by
    `, at` / `og at` / `samt at`. An infinitive `at` (`anmodes om at finde`) is no
    clause. ``ambiguous`` is set when the sentence may hold a point of another shape.
    """
    text = clean_inline(text).strip()
    if len(text) > _CLAUSE_TEXT or OTHER_CLAUSE.search(text):
        return 0, True
    lead = LEAD_VERB.search(text)
    started = implicit and lead is None
    count = 1 if started else 0
    for match in AT_WORD.finditer(text):
        tail = text[max(0, match.start() - 12): match.start()].rstrip().casefold()  # a short window: linear
        words = tail.split()
        joined = tail.endswith(",") or (bool(words) and words[-1] in JOIN_WORDS)
        gap = match.start() - lead.end() if lead is not None else -1
        after_lead = 0 <= gap <= _LEAD_GAP_LENGTH and bool(
            LEAD_GAP.fullmatch(text[lead.end(): match.start()].strip(" ,:")))
        if match.start() == 0:
            count, started = count + 1, True
        elif started:
            count += 1 if joined else 0
        elif after_lead:
            count, started = count + 1, True
        elif joined:
            return 0, True  # `Der indstilles til beslutning om X, og at Y`: X is no at-clause
    return count, False


def _opens_clause(title: str) -> bool:
    """A heading that opens the first clause: `Administrationen indstiller, at:`."""
    words = clean_inline(title).strip().rstrip(":").rstrip().casefold().split()
    return bool(words) and (words[-1] == "at" or (words[-1].startswith("indstill") and len(words) > 1))


def _leads_in(paragraph: Paragraph, following: ListBlock) -> bool:
    """A paragraph that a bullet list completes (`… indstiller til udvalget at tage`)."""
    text = clean_inline(paragraph.text).strip()
    return not text.endswith(_SENTENCE_STOP) or _mostly_at(following)


def _mostly_at(block: ListBlock) -> bool:
    at = sum(1 for entry in block.items if AT_POINT.match(clean_inline(entry.text).strip()))
    return at > 0 and 2 * at >= len(block.items)


def point_count(sections: tuple[Section, ...]) -> int | None:
    """How many points the recommendation sections ask about; None when uncertain.

    Bullets count one point each when a lead introduces them (or they start `at`);
    a lead's own last `at`-clause is the one its bullets complete. Sentences of running
    text count their `at`-clauses; a sentence with none makes the count uncertain, as
    does a numbered list (read by the numbered points instead) or a table.
    """
    total = 0
    for section in sections:
        implicit = _opens_clause(section.title)
        blocks = _content(section.blocks)
        for index, block in enumerate(blocks):
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if isinstance(block, ListBlock):
                if block.ordered:
                    return None
                previous = blocks[index - 1] if index else None
                introduced = previous is None or (isinstance(previous, Paragraph) and _leads_in(previous, block))
                if not introduced and not _mostly_at(block):
                    return None
                total += len(block.items)
            elif isinstance(block, Paragraph):
                if isinstance(following, ListBlock) and not following.ordered and _leads_in(block, following):
                    clauses, ambiguous = _at_clauses(block.text)
                    if ambiguous:
                        return None
                    total += max(clauses - 1, 0)
                    continue
                bullets = [k for k, line in enumerate(block.lines) if BULLET_AT_LINE.match(line)]
                if bullets:  # `- at …` lines the lexer left in a paragraph
                    clauses, ambiguous = _at_clauses(" ".join(block.lines[: bullets[0]]))
                    if ambiguous:
                        return None
                    total += len(bullets) + max(clauses - 1, 0)
                    continue
                for _, sentence in sentences(block.text):
                    clauses, ambiguous = _at_clauses(sentence, implicit)
                    if ambiguous or not clauses:
                        return None
                    total += clauses
            else:
                return None
    return total or None


def recommendation_of(item: Item, meeting: Meeting) -> Recommendation | None:
    """The item's recommendation, all recommendation sections together; None when it has no text.

    `Indstilling` directly followed by `Fagcenter … indstiller, at:` is one recommendation.
    """
    sections = item.sections_of(SectionKind.RECOMMENDATION)
    blocks = [b for s in sections for b in _content(s.blocks)]
    if not blocks:
        return None
    text = " ".join(_block_text(b) for b in blocks)
    points, numbered = _points(blocks)
    count = None if numbered else point_count(sections)
    if count is not None and points:
        count = max(count, len(points))
    return Recommendation(
        sections=sections, text=text, asks=classify_recommendation(text, meeting), points=points,
        numbered=numbered, span=sections[0].heading_span, count=count,
    )


# ---- decisions --------------------------------------------------------------------------


class Verdict(StrEnum):
    """What one sentence of a decision records."""

    NOTED = "noted"
    APPROVED = "approved"
    ADOPTED = "adopted"  # `Indstillingen tiltrådt`: whatever was recommended
    DISCUSSED = "discussed"
    ONWARD = "onward"  # `Anbefales`, `Udvalget anbefaler indstillingen`
    POSTPONED = "postponed"
    REJECTED = "rejected"
    NOTHING = "nothing"  # `Intet.` under Eventuelt / Meddelelser


_VERDICTS: tuple[tuple[Verdict, re.Pattern[str]], ...] = tuple(
    (Verdict(name), pattern) for name, pattern in VERDICT_FORMULAS
)

_QUOTES = re.compile(r"[\"'”“„»«]")


def verdict_of(sentence: str) -> Verdict | None:
    """The verdict a whole sentence states, or None for free text."""
    text = _QUOTES.sub("", clean_inline(sentence)).strip().rstrip(".!").strip().casefold()
    if not text or len(text) > 300:
        return None
    for verdict, pattern in _VERDICTS:
        if pattern.match(text):
            return verdict
    return None


def _point_numbers(text: str) -> tuple[int, ...]:
    numbers: list[int] = []
    for part in POINT_SEPARATOR.split(text):
        span = NUMBER_RANGE.fullmatch(part.strip())
        if span:
            first, last = int(span.group(1)), int(span.group(2))
            if first <= last <= first + 30:
                numbers.extend(range(first, last + 1))
        elif part.strip().isdigit():
            numbers.append(int(part.strip()))
    return tuple(numbers)


@frozen
class Statement:
    """One sentence of a decision that states a verdict, for some points or for all."""

    verdict: Verdict
    points: tuple[int, ...]  # the recommendation points it settles; () for the whole
    text: str
    span: Span


def statements_of(blocks: list[Block]) -> tuple[tuple[Statement, ...], bool]:
    """Verdict sentences of a decision's blocks, and whether any text was free text."""
    found: list[Statement] = []
    free = False
    for block in blocks:
        if isinstance(block, Paragraph):
            for sentence, span in _sentences(block):
                statements = _statements(sentence, span)
                if statements is None:
                    free = True
                else:
                    found.extend(statements)
        elif isinstance(block, ListBlock):
            # `1. Godkendt` / `2. Taget til efterretning`: a point-by-point list.
            for entry in block.items:
                # `2. Drøftet. Udvalget ønsker en indsats …`: the entry's first sentence
                # settles its point; what follows is free text.
                pieces = [piece for _, piece in sentences(entry.text)] or [entry.text]
                verdict = verdict_of(pieces[0])
                digits = entry.marker.rstrip(".)")
                if verdict is not None and block.ordered and digits.isdigit():
                    found.append(Statement(verdict, (int(digits),), pieces[0], entry.span))
                    free = free or any(_statements(piece, entry.span) is None for piece in pieces[1:])
                else:
                    statements = _statements(entry.text, entry.span)
                    if statements is None:
                        free = True
                    else:
                        found.extend(statements)
    return tuple(found), free


def _statements(sentence: str, span: Span) -> list[Statement] | None:
    """The verdicts of one sentence, or None when it is free text."""
    cleaned = clean_inline(sentence).strip()
    if POINT_REF.match(cleaned):
        found = []
        for clause in NEXT_REFERENCE.split(cleaned):
            reference = POINT_REF.match(clause)
            verdict = verdict_of(reference.group("rest")) if reference and reference.group("rest") else None
            numbers = _point_numbers(reference.group("nums")) if reference else ()
            if verdict is None or not numbers:
                found = []
                break
            found.append(Statement(verdict, numbers, clause, span))
        if found:
            return found
    verdict = verdict_of(cleaned)
    return [Statement(verdict, (), cleaned, span)] if verdict is not None else None


def _sentences(paragraph: Paragraph):
    """``(sentence, span of its first line)`` for each sentence of a paragraph."""
    starts = []  # offset of each line in the joined text
    offset = 0
    for line in paragraph.lines:
        starts.append(offset)
        offset += len(line.strip()) + 1
    # Split where the shared splitter does: not after `pkt.`, `nr.`, `kl.` (`Pkt. 2 godkendt.` is one sentence).
    for index, piece in sentences(paragraph.text):
        line_index = max(bisect.bisect_right(starts, max(index, 0)) - 1, 0)  # starts ascend: linear overall
        line = paragraph.span.line + line_index
        yield piece, Span(line, 1, line, len(paragraph.lines[line_index]) + 1)


def paragraph_sentences(paragraph: Paragraph):
    """``(sentence, span of the line it starts on)`` for each sentence of a paragraph."""
    return _sentences(paragraph)


@frozen
class Decision:
    """One decision section of an item (or an inline `Beslutning: …` line)."""

    header: DecisionHeader
    heading_span: Span
    blocks: tuple[Block, ...]  # the text blocks (attendance notes and sub-headings left out)
    statements: tuple[Statement, ...]
    free_text: bool  # some sentence is not a recognised formula
    in_history: bool  # quoted under `Tidligere politisk behandlet`
    this_meeting: bool  # this meeting's decision, not a quoted one
    inline: bool = False

    @property
    def empty(self) -> bool:
        return not self.blocks

    @property
    def verdicts(self) -> tuple[Verdict, ...]:
        return tuple(s.verdict for s in self.statements)

    @property
    def by_points(self) -> bool:
        """Settles some recommendation points by number."""
        return any(s.points for s in self.statements)


@frozen
class ItemRecord:
    item: Item
    recommendation: Recommendation | None
    decisions: tuple[Decision, ...]  # in order, quoted ones included

    @property
    def own_decisions(self) -> tuple[Decision, ...]:
        return tuple(d for d in self.decisions if d.this_meeting)


def decisions_of(item: Item, meeting: Meeting) -> tuple[Decision, ...]:
    """All decision sections of an item, each marked as this meeting's or quoted."""
    raw: list[tuple[Section, bool, DecisionHeader]] = []
    in_history = False
    for section in item.sections:
        if section.kind is SectionKind.HISTORY:
            in_history = True
        elif section.kind is SectionKind.DECISION:
            raw.append((section, in_history, parse_header(section.title)))
        else:
            in_history = False
    dated_here = any(h.date is not None and h.date in meeting.dates for _, _, h in raw)
    decisions = []
    for index, (section, history, header) in enumerate(raw):
        blocks = tuple(_content(section.blocks))
        body = heading_body(section)
        if body is not None:
            blocks = (Paragraph(lines=(body,), span=section.heading_span), *blocks)
        statements, free = statements_of(list(blocks))
        own = _is_own(header, meeting, history, dated_here, last=index == len(raw) - 1)
        decisions.append(Decision(header, section.heading_span, blocks, statements, free, history, own))
    if not any(d.this_meeting for d in decisions):
        decisions.extend(_inline_decisions(item))
    return tuple(decisions)


def heading_body(section: Section) -> str | None:
    """The decision written into its heading (`## Beslutning: Godkendt.`), if any.

    A header such as `Beslutning: Arbejdsmarkedsudvalget den 07-11-2023` names who and
    when, not what, and gives None.
    """
    if section.kind is not SectionKind.DECISION:
        return None
    match = HEADING_BODY.match(section.title)
    if not match:
        return None
    rest = match.group(1).strip()
    if verdict_of(rest) is not None:
        return rest
    header = parse_header(section.title)
    return rest if header.date is None and header.committee is None else None


def _is_own(header: DecisionHeader, meeting: Meeting, in_history: bool, dated_here: bool, last: bool) -> bool:
    same = (
        None if header.committee is None or meeting.committee is None
        else same_committee(header.committee, meeting.committee)
    )
    if header.date is not None and meeting.dates:
        if header.date in meeting.dates:
            return True
        # Another date: a quoted decision, unless it can only be this meeting's, misdated.
        return not in_history and not dated_here and same is not False
    if same is not None:
        return same and not in_history
    return not in_history or last


def _inline_decisions(item: Item) -> list[Decision]:
    found = []
    in_history = False
    blocks = [(False, b) for b in item.intro]
    for section in item.sections:
        in_history = section.kind is SectionKind.HISTORY or (in_history and section.kind is SectionKind.DECISION)
        blocks.extend((in_history, b) for b in section.blocks)
    for history, block in blocks:
        if history or not isinstance(block, Paragraph) or not INLINE_DECISION.match(block.text):
            continue
        label, _, rest = block.text.partition(":")
        body = Paragraph(lines=(rest.strip(),), span=block.span)
        statements, free = statements_of([body])
        header = parse_header(label)
        found.append(Decision(header, block.span, (body,), statements, free, False, True, inline=True))
    return found


def is_closed(item: Item) -> bool:
    """A closed item: so marked by the reader, or its title says so (`Lukket: …`, `… - Lukket punkt`)."""
    return item.closed or closed_title(item.title)


def is_agenda(document: Document) -> bool:
    """A published agenda (`DAGSORDEN …`), where no decisions are recorded yet."""
    title = document.head.title
    return title is not None and bool(AGENDA_TITLE.search(title.text)) and not MINUTES_TITLE.search(title.text)


def read_records(document: Document, meeting: Meeting) -> tuple[ItemRecord, ...]:
    """Recommendation and decisions of every item (read once per document by
    :attr:`Document.facts`)."""
    return tuple(
        ItemRecord(item, recommendation_of(item, meeting), decisions_of(item, meeting)) for item in document.items
    )
