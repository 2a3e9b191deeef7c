"""Figures in prose: a whole and the parts a sentence says it consists of.

Only three unambiguous shapes are read, within one sentence:

- `418 borgere, heraf 203 kvinder og 196 mænd` (also `hvoraf`);
- `i alt 146 borgere fordelt på 61 i brancheforløb og 85 i mentorforløb`;
- `120.000 kr. til idræt, 100.000 kr. til kultur og 90.000 kr. til spejdere, i alt
  310.000 kr.`: the list first, the total right after it.

Everything else is left alone: a single part (`88,8 mio. kr., heraf 52,2 mio. kr.`
says nothing about the rest), a `heraf` not followed by a figure (`heraf mere end
halvdelen`), approximate or non-exhaustive lists (`ca.`, `bl.a.`, `over`), percentages,
a list that does not end in `og`, and any sentence where another figure makes it
unclear which number is the whole or a part. Figures are read by
:mod:`referatcheck.amounts` and compared as rounding intervals by the TXT rules.
"""

from __future__ import annotations

import re
from decimal import Decimal

import attrs
from attrs import frozen

from referatcheck.amounts import Amount, Interval, find_numbers
from referatcheck.model import Document, ListBlock, Paragraph, Span
from referatcheck.sentences import sentences
from referatcheck.vocabulary.figures import (
    COMPLEMENTS, FORDELT, HERAF, LAST_SEPARATOR, LIST_SEPARATOR, NOT_EXHAUSTIVE, PARTS_KEYWORDS, TOTAL_AFTER,
    TOTAL_BEFORE,
)

_MAX_GAP = 80  # characters between the whole and `heraf`: a short noun phrase
_MAX_SENTENCE = 600
# Parts making up less than this share of the whole are taken as some of its parts only.
_BREAKDOWN_SHARE = Decimal("0.75")
_LABEL_AFTER = re.compile(r"\s{0,3}([^\W\d_]{2,30})")


@frozen
class PartsStatement:
    """A whole and the parts a sentence says it consists of."""

    whole: Amount
    parts: tuple[Amount, ...]
    start: int  # offsets of the statement in the text searched (whole … last part)
    end: int
    labels: tuple[str, ...] = ()  # the word after each part (`kvinder`, `mænd`), lower case
    total_last: bool = False  # `A, B og C, i alt N`: the statement opens with the first part

    @property
    def opening(self) -> Amount:
        """The figure the statement starts with."""
        return self.parts[0] if self.total_last else self.whole

    @property
    def complementary(self) -> bool:
        """The parts name categories that together are everything (`kvinder` and `mænd`)."""
        words = set(self.labels)
        return len(words) == len(self.labels) and any(words == pair for pair in COMPLEMENTS)

    @property
    def breakdown(self) -> bool:
        """Whether the sentence reads as a full breakdown of the whole, not a few of its parts.

        `1.200 ledige, heraf 300 unge og 200 langtidsledige` names two groups among many.
        A breakdown names complementary groups, or parts that make up most of the whole
        (a figure mistyped in a full breakdown), or more than the whole.
        """
        exact = sum(p.value for p in self.parts)
        whole = self.whole.value
        return self.complementary or exact > whole or (whole > 0 and exact >= _BREAKDOWN_SHARE * whole)

    @property
    def total(self) -> Interval:
        total = Interval.point(0)
        for part in self.parts:
            total = total + part.interval
        return total


def find_parts_statements(text: str, limit: int = 50) -> list[PartsStatement]:
    """The `N X, heraf A Y og B Z` / `i alt N … fordelt på A … og B …` in ``text`` (at most
    ``limit``: a paragraph with more is a list of figures, not prose to check)."""
    folded = text.casefold()
    if not PARTS_KEYWORDS.search(folded):
        return []
    found = []
    for offset, sentence in sentences(text):
        if len(sentence) > _MAX_SENTENCE:
            continue  # not a sentence a reader checks at a glance; and it keeps the work linear
        if not PARTS_KEYWORDS.search(sentence.casefold()):
            continue
        numbers = find_numbers(sentence)
        if len(numbers) < 3:
            continue
        statements = [_statement(sentence, numbers, keyword, needs_total)
                      for pattern, needs_total in ((HERAF, False), (FORDELT, True))
                      for keyword in pattern.finditer(sentence)]
        statements += [_total_after(sentence, numbers, keyword) for keyword in TOTAL_AFTER.finditer(sentence)]
        for statement in statements:
            if statement is not None:
                found.append(attrs.evolve(statement, start=statement.start + offset, end=statement.end + offset))
                if len(found) >= limit:
                    return found
    return found


def _total_after(sentence: str, numbers, keyword: re.Match[str]) -> PartsStatement | None:
    """`A X, B Y og C Z, i alt N`: the parts are the list of figures that ends right before
    the keyword, with N's unit; nothing else of that unit may stand before the list (then
    it cannot be told where the list begins)."""
    after = [n for n in numbers if n[1] >= keyword.end()]
    if not after or after[0][1] != keyword.end():
        return None  # `…, i alt mere end 300.000 kr.`
    whole = after[0]
    unit = whole[0].unit
    if unit in ("%", "%-point"):
        return None
    before = [n for n in numbers if n[2] <= keyword.start() and n[0].unit == unit]
    if unit is None:
        before = [n for n in before if not _is_year(n[0])]
    if len(before) < 2 or len(sentence[before[-1][2]: keyword.start()]) > _MAX_GAP:
        return None
    gaps = [sentence[a[2]: b[1]] for a, b in zip(before, before[1:])]
    if not LAST_SEPARATOR.search(gaps[-1]) or not all(LIST_SEPARATOR.search(gap) for gap in gaps):
        return None  # not one list of figures, or one that does not end in `og`
    if NOT_EXHAUSTIVE.search(sentence, 0, whole[2]):
        return None
    labels = []
    for _, _, end in before:
        label = _LABEL_AFTER.match(sentence, end)
        labels.append(label.group(1).casefold() if label else "")
    return PartsStatement(whole[0], tuple(p[0] for p in before), before[0][1], whole[2], tuple(labels),
                          total_last=True)


def _statement(sentence: str, numbers, keyword: re.Match[str], needs_total: bool) -> PartsStatement | None:
    after = [n for n in numbers if n[1] >= keyword.end()]
    if not after or after[0][1] != keyword.end():
        return None  # `heraf mere end halvdelen`, `heraf er merforbruget …`
    unit = after[0][0].unit
    if unit in ("%", "%-point"):
        return None  # shares of the whole, not parts of it
    whole = _whole(sentence, numbers, keyword, unit, needs_total)
    if whole is None:
        return None
    parts = [after[0]]
    last_gap = ""
    for number in after[1:]:
        gap = sentence[parts[-1][2]: number[1]]
        if number[0].unit != unit:
            if unit is None:
                return None  # a counted list with another figure inside: which is the part?
            continue  # `… til politikområde 14 Sundhed og 0,24 mio. kr. …`
        if not LIST_SEPARATOR.search(gap):
            return None  # a same-unit figure that is not the next list member
        parts.append(number)
        last_gap = gap
    if len(parts) < 2 or not LAST_SEPARATOR.search(last_gap):
        return None
    if NOT_EXHAUSTIVE.search(sentence, whole[1], len(sentence)):
        return None
    labels = []
    for _, _, end in parts:
        label = _LABEL_AFTER.match(sentence, end)
        labels.append(label.group(1).casefold() if label else "")
    return PartsStatement(whole[0], tuple(p[0] for p in parts), whole[1], parts[-1][2], tuple(labels))


def _whole(sentence: str, numbers, keyword: re.Match[str], unit: str | None, needs_total: bool):
    """The figure the parts belong to: the nearest before the keyword with the parts' unit.

    A count without a unit must be the only such figure before the keyword (years
    aside): in `94 unge mellem 16 og 29 år …, heraf` it cannot be told which is the whole.
    """
    before = [n for n in numbers if n[2] <= keyword.start() and n[0].unit == unit]
    if unit is None:
        before = [n for n in before if not _is_year(n[0])]
        if len(before) != 1:
            return None
    if not before:
        return None
    whole = before[-1]
    if len(sentence[whole[2]: keyword.start()]) > _MAX_GAP:
        return None
    if needs_total and not TOTAL_BEFORE.search(sentence, 0, whole[1]):
        return None
    return whole


def _is_year(amount: Amount) -> bool:
    return amount.decimals == 0 and "." not in amount.text and 1900 <= amount.value <= 2099


@frozen
class ProseStatement:
    """A parts statement and its place: from the whole's figure to the last part."""

    statement: PartsStatement
    span: Span


ProseFigures = tuple[ProseStatement, ...]


def read_figures(document: Document) -> ProseFigures:
    """Every parts statement in the document's paragraphs and list items."""
    return tuple(
        ProseStatement(statement, _span(document, lines, first_line, statement))
        for lines, first_line in _prose(document)
        for statement in find_parts_statements(" ".join(lines))
    )


def _span(document: Document, lines: tuple[str, ...], first_line: int, statement: PartsStatement) -> Span:
    """From the statement's first figure (the whole, or the first part when the total
    comes last) to its end (its line's end when the statement runs over lines)."""
    start_line = _line_of(lines, first_line, statement.start)
    end_line = _line_of(lines, first_line, statement.end - 1)
    start = document.locate(statement.opening.text, start_line)
    start_col = start.column if start is not None else 1
    end_of_line = document.line_span(end_line).end_column
    if end_line != start_line:
        return Span(start_line, start_col, end_line, end_of_line)
    return Span(start_line, start_col, end_line,
                max(start_col + 1, min(end_of_line, start_col + statement.end - statement.start)))


def _line_of(lines: tuple[str, ...], first_line: int, offset: int) -> int:
    """The file line of ``offset`` in the space-joined ``lines``."""
    position = 0
    for index, line in enumerate(lines):
        if offset < position + len(line) + 1:
            return first_line + index
        position += len(line) + 1
    return first_line + len(lines) - 1


def _prose(document: Document):
    """``(lines, first line number)`` of every paragraph and list item."""
    blocks = list(document.head.blocks)
    for item in document.items:
        blocks.extend(item.blocks())
    for block in blocks:
        if isinstance(block, Paragraph):
            yield block.lines, block.span.line
        elif isinstance(block, ListBlock):
            for entry in block.items:
                yield (entry.text,), entry.span.line
