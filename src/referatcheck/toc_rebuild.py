"""The table of contents written again from the agenda items: the TOC rules' fix.

Each entry line of the TOC is a *slot*. The rebuilt TOC puts one entry per item, in the
items' order, into the slots; a slot keeps its own layout (indentation, `åbent`/`lukket`
in front, the number's form, the dot leader, the TAB before the page), so a rebuilt line
looks like its neighbours. What is written:

- an entry that matches its item (the same title, a prefix of a long title, or one that
  differs by a word or a letter) is moved to its item's place; its title becomes the
  item's, its number the item's, and its page number is kept — unless the entry was out
  of order and its page no longer fits between its new neighbours';
- an item without a matching entry gets a new entry without a page number: a number is
  never invented. In a TOC with page numbers such an entry ends in a dot leader
  (`Eventuelt.....`), which is where the clerk writes the page;
- entries without an item are left out; lines between entries (blank lines, comments)
  stay where they are; more items than slots add lines after the last entry, fewer
  remove the last entry lines.

Only lines whose text changes get an edit.
"""

from __future__ import annotations

import re
from typing import Sequence

from attrs import frozen

from referatcheck.edits import Edit
from referatcheck.fixes import line_end_of
from referatcheck.lexer import TOC_BULLET
from referatcheck.model import Document, Item, Span, TocEntry
from referatcheck.vocabulary import OPEN_CLOSED_LEAD, TOC_ENTRY_NUMBER as _NUMBER, TOC_HEADING_GLUED

_BLANKS = " \t\u00a0"
_INDENT = re.compile(r"[ \t\u00a0]*")
# A TOC with page numbers: an entry without one ends in this leader, so it is still read as an entry.
PENDING_LEADER = "....."


@frozen
class Placement:
    """Item ``item`` in the rebuilt TOC, from ``entry`` (None: a new entry); ``moved``: out of
    order before."""

    item: Item
    entry: TocEntry | None
    match: str | None = None  # "exact", "prefix" or "near", as the TOC rules align them
    moved: bool = False


@frozen
class EntryLine:
    """An entry line cut into its parts; concatenated they are the line."""

    head: str  # the TOC heading the first entry is glued to (`Indholdsfortegnelse`), else ""
    indent: str
    lead: str  # `åbent ` / `lukket punkt ` in front
    number: str  # `49. `, `1.`, `Punkt 4: ` with its separator ("" in an unnumbered TOC)
    title: str
    leader: str  # `.....` (the title's own final period merges into it)
    gap: str  # TAB or spaces before the page
    page: str
    tail: str  # trailing blanks

    @property
    def body(self) -> str:
        return self.indent + self.lead + self.number + self.title + self.leader + self.gap + self.page + self.tail


@frozen
class Rebuild:
    """The edits that rewrite the TOC, by the line they change (a line's several edits stay together)."""

    edits: tuple[Edit, ...]
    by_line: dict  # line → tuple of edits of that line
    pending_lines: frozenset  # lines whose edit writes an entry without its page number (a TOC with pages)


def cut(raw: str, entry: TocEntry, glued: bool) -> EntryLine | None:
    """``raw``, the line of ``entry``, in parts; None when its layout is not understood."""
    head = ""
    rest = raw
    if glued:
        stripped = raw.strip()
        match = TOC_HEADING_GLUED.match(stripped)
        if match is None:
            return None
        offset = len(raw) - len(raw.lstrip()) + match.start(2)
        head, rest = raw[:offset], raw[offset:]
    if rest.lstrip().startswith("|"):
        return None  # a TOC written as a pipe table: its cells are not rewritten
    indent = _INDENT.match(rest).group()
    bullet = TOC_BULLET.match(rest)  # a bulleted TOC keeps its bullets, as it keeps its indentation
    if bullet:
        indent = rest[:bullet.end()]
    rest = rest[len(indent):]
    lead = ""
    opened = OPEN_CLOSED_LEAD.match(rest)
    if opened and opened.end() < len(rest):
        lead, rest = rest[:opened.end()], rest[opened.end():]
    number = ""
    if entry.number is not None:
        numbered = _NUMBER.match(rest)
        if numbered is None or int(numbered.group("digits")) != entry.number:
            return None
        number, rest = rest[:numbered.end()], rest[numbered.end():]
    leader = gap = page = tail = ""
    if entry.page is not None:
        # From the end (string methods, not a pattern searched from every position of a long leader).
        stripped = rest.rstrip(_BLANKS)
        tail = rest[len(stripped):]
        digits = len(stripped) - len(stripped.rstrip("0123456789"))
        if not 1 <= digits <= 4 or int(stripped[-digits:]) != entry.page:
            return None
        page, before = stripped[-digits:], stripped[:-digits]
        title_and_leader = before.rstrip(_BLANKS)
        gap = before[len(title_and_leader):]
        rest = title_and_leader.rstrip(".…·")
        leader = title_and_leader[len(rest):]
    else:
        stripped = rest.rstrip(_BLANKS)
        tail, rest = rest[len(stripped):], stripped
        trailing = len(rest) - len(rest.rstrip(".…·"))
        if trailing >= 2:  # `Eventuelt.....`: an entry whose page is still to be written
            leader, rest = rest[len(rest) - trailing:], rest[:len(rest) - trailing]
    if not rest.strip():
        return None
    return EntryLine(head, indent, lead, number, rest, leader, gap, page, tail)


def write(template: EntryLine, item: Item, page: str | None, paged: bool, head: str) -> str:
    """The line of ``item`` in ``template``'s layout, with ``page`` (None: without one)."""
    lead = template.lead
    if lead:
        word = "lukket" if item.closed else "åbent"
        first = OPEN_CLOSED_LEAD.match(lead)
        rest = lead[first.end(1):] if first else " "
        written = first.group(1) if first else lead
        lead = (word.capitalize() if written[:1].isupper() else word) + rest
    number = template.number
    if number:
        if item.number is None:
            number = ""
        else:
            found = _NUMBER.match(number)
            start, end = found.span("digits")
            number = number[:start] + str(item.number) + number[end:]
    if not paged:
        return head + template.indent + lead + number + item.title
    if page is None:
        return head + template.indent + lead + number + item.title + PENDING_LEADER
    gap = template.gap if (template.gap or template.leader) else "\t"
    return head + template.indent + lead + number + item.title + template.leader + gap + page


def rebuild(document: Document, placements: Sequence[Placement]) -> Rebuild | None:
    """The edits that make the TOC list ``placements`` in order; None when the TOC's layout
    is not understood well enough to rewrite it."""
    toc = document.toc
    entries = toc.entries
    if not entries or any(e.span.end_line != e.span.line for e in entries):
        return None
    source = document.source
    parts: dict[int, EntryLine] = {}
    for entry in entries:
        glued = entry.span.line == toc.heading_span.line
        cut_line = cut(source.line(entry.span.line), entry, glued)
        if cut_line is None:
            return None
        parts[id(entry)] = cut_line
    paged = any(e.page is not None for e in entries)
    pages = _pages(placements)
    slots = [e.span.line for e in entries]
    new_lines: list[str] = []
    pending: set[int] = set()
    for k, placement in enumerate(placements):
        slot_entry = entries[min(k, len(entries) - 1)]
        head = parts[id(slot_entry)].head if k < len(entries) else ""
        page = pages[k]
        if placement.entry is not None:
            own = parts[id(placement.entry)]
            # A title cut off at ~100 characters (a prefix of the item's) is as the TOC writes it.
            keep = (placement.match in ("exact", "prefix") or _same_title(own.title, placement.item.title)) \
                and (placement.entry.number is None or placement.entry.number == placement.item.number) \
                and page == (own.page or None)
            line = head + own.body if keep else write(own, placement.item, page, paged, head)
        else:
            template = parts[id(slot_entry)]
            if paged and not template.leader and "\t" in template.number:
                # Columns without a dot leader (`2<TAB>Title<TAB>3`): a line still waiting for its
                # page would not read back as an entry, so the TOC is not rewritten.
                return None
            line = write(template, placement.item, None, paged, head)
        if paged and page is None and (placement.entry is None or placement.entry.page is not None):
            pending.add(slots[min(k, len(slots) - 1)])  # lines added after the last entry are edits of it
        new_lines.append(line)
    edits: list[Edit] = []
    for k, line_number in enumerate(slots):
        raw = source.line(line_number)
        if k < len(new_lines):
            if new_lines[k] != raw:
                edits.append(Edit.replace(Span(line_number, 1, line_number, len(raw) + 1), new_lines[k]))
        else:  # fewer items than entry lines: the surplus lines go, with their line ends
            edits.append(Edit.delete(Span(line_number, 1, line_number + 1, 1)))
    if len(new_lines) > len(slots):
        last = slots[-1]
        raw = source.line(last)
        end = line_end_of(source.text, last)
        added = "".join(end + line for line in new_lines[len(slots):])
        edits.append(Edit.insert(last, len(raw) + 1, added))
    by_line: dict[int, tuple[Edit, ...]] = {}
    for edit in edits:
        by_line[edit.span.line] = by_line.get(edit.span.line, ()) + (edit,)
    return Rebuild(tuple(sorted(edits)), by_line, frozenset(pending))


def _same_title(written: str, title: str) -> bool:
    """Whether an entry's title as written is ``title`` (markup and the leader's period aside)."""
    from referatcheck.titles import normalise_title

    return normalise_title(written) == normalise_title(title)


def _pages(placements: Sequence[Placement]) -> list[str | None]:
    """The page each placement keeps: its entry's, unless the entry was out of order and its
    page does not fit between the pages kept before it and those of the entries in order after it."""
    pages = [str(p.entry.page) if p.entry is not None and p.entry.page is not None else None for p in placements]
    for k, placement in enumerate(placements):
        if not placement.moved or pages[k] is None:
            continue
        value = int(pages[k])
        before = [int(p) for p in pages[:k] if p is not None]
        after = [int(pages[j]) for j in range(k + 1, len(placements))
                 if pages[j] is not None and not placements[j].moved]
        if (before and value < max(before)) or (after and value > min(after)):
            pages[k] = None
    return pages
