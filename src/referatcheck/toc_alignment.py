"""The table of contents aligned with the agenda items: which entry is which item.

Exact title matches anchor the alignment, truncated entries match as prefixes, and
near misses (one word or two letters) pair up inside the gaps. What stays unpaired is
an entry without an item or an item without an entry; a pair found out of order is a
wrong order. The TOC rules only report on the alignment; it is computed once per
document as one of its facts (:mod:`referatcheck.facts`).
"""

from __future__ import annotations

import difflib
from bisect import bisect_left

from attrs import frozen

from referatcheck.fuzzy import edit_distance
from referatcheck.model import Document, Item, TocEntry
from referatcheck.titles import normalise_title

# Long titles are cut at about 100 characters in the TOC, with no dot leader.
TRUNCATION_MIN_LENGTH = 60
_GAP_DP_LIMIT = 40_000


@frozen
class Pair:
    entry: TocEntry
    item: Item
    match: str  # "exact", "prefix" or "near"
    moved: bool = False  # found outside the in-order alignment
    swapped_with: TocEntry | None = None


@frozen
class Alignment:
    pairs: tuple[Pair, ...]
    mismatched: tuple[tuple[TocEntry, Item], ...]  # same slot, titles unrelated
    orphan_entries: tuple[TocEntry, ...]
    orphan_items: tuple[Item, ...]


def entry_key(entry: TocEntry) -> str:
    return normalise_title(entry.title)


def _item_key(item: Item) -> str:
    return normalise_title(item.title)


def match_kind(entry: TocEntry, item: Item) -> str | None:
    """How an entry matches an item title: "exact", "prefix", "near" or None."""
    e, i = entry_key(entry), _item_key(item)
    if e == i:
        return "exact"
    truncated = not entry.has_leader and len(e) >= TRUNCATION_MIN_LENGTH
    if truncated and len(i) > len(e):
        if i.startswith(e):
            return "prefix"
        i = i[: len(e)]
        # The cut may fall inside the differing word; compare whole words only.
        e_words, i_words = e.split(), i.split()
        if _near(e_words[:-1], i_words[:-1]) and len(e_words) > 2:
            return "near"
        return None
    return "near" if _near(e.split(), i.split()) else None


def near_titles(a: str, b: str) -> bool:
    """Two normalised titles that differ by one word or up to two letters (a near miss)."""
    return _near(a.split(), b.split())


def _near(e_words: list[str], i_words: list[str]) -> bool:
    if not e_words or not i_words:
        return False
    if edit_distance(e_words, i_words) <= 1 and max(len(e_words), len(i_words)) >= 2:
        return True
    e, i = " ".join(e_words), " ".join(i_words)
    return len(e) >= 8 and edit_distance(e, i) <= 2


def align(document: Document) -> Alignment:
    """The alignment of the document's TOC entries with its items."""
    entries = document.toc.entries if document.toc else ()
    items = document.items
    e_keys = [entry_key(e) for e in entries]
    i_keys = [_item_key(i) for i in items]
    pairs: list[Pair] = []
    loose_entries: list[TocEntry] = []
    loose_items: list[Item] = []
    mismatched: list[tuple[TocEntry, Item]] = []
    e_pos = i_pos = 0
    for block in _matching_blocks(e_keys, i_keys):
        gap_pairs, gap_e, gap_i = _align_gap(entries[e_pos:block.a], items[i_pos:block.b])
        pairs.extend(gap_pairs)
        loose_entries.extend(gap_e)
        loose_items.extend(gap_i)
        for k in range(block.size):
            pairs.append(Pair(entries[block.a + k], items[block.b + k], "exact"))
        e_pos, i_pos = block.a + block.size, block.b + block.size
    # An entry whose item stands elsewhere: wrong order (or a duplicate entry).
    if len(loose_entries) * len(loose_items) <= _GAP_DP_LIMIT:
        for entry in list(loose_entries):
            for item in loose_items:
                kind = match_kind(entry, item)
                if kind is not None:
                    pairs.append(Pair(entry, item, kind, moved=True))
                    loose_entries.remove(entry)
                    loose_items.remove(item)
                    break
    else:  # too many to compare pairwise (a TOC of thousands of lines): exact titles only
        by_key: dict[str, list[Item]] = {}
        for item in loose_items:
            by_key.setdefault(_item_key(item), []).append(item)
        taken: set[int] = set()  # ids: list.remove() would compare whole items, again and again
        for entry in loose_entries:
            candidates = by_key.get(entry_key(entry))
            if candidates:
                item = candidates.pop(0)
                pairs.append(Pair(entry, item, "exact", moved=True))
                taken.update((id(entry), id(item)))
        loose_entries = [e for e in loose_entries if id(e) not in taken]
        loose_items = [i for i in loose_items if id(i) not in taken]
    pairs = _mark_swaps(pairs)
    # Left-overs between the same neighbours are one entry renamed beyond recognition.
    orphan_entries, orphan_items = [], []
    for entry, item in _same_slot(loose_entries, loose_items, pairs):
        if entry is not None and item is not None:
            mismatched.append((entry, item))
        elif entry is not None:
            orphan_entries.append(entry)
        else:
            orphan_items.append(item)
    pairs.sort(key=lambda p: p.entry.span.line)
    return Alignment(tuple(pairs), tuple(mismatched), tuple(orphan_entries), tuple(orphan_items))


@frozen
class _Block:
    a: int
    b: int
    size: int


# difflib's matching blocks are quadratic when matches alternate with mismatches (a TOC
# with every other title changed); beyond this many key pairs a linear-logarithmic
# longest common subsequence of the titles that occur once on each side is used instead.
_DIFFLIB_LIMIT = 1_000_000


def _matching_blocks(a: list[str], b: list[str]) -> list:
    """Runs of equal keys in order, ending with the sentinel ``(len(a), len(b), 0)``."""
    if len(a) * len(b) <= _DIFFLIB_LIMIT:
        return difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    count_a: dict[str, int] = {}
    for key in a:
        count_a[key] = count_a.get(key, 0) + 1
    where_b: dict[str, int] = {}
    for j, key in enumerate(b):
        where_b[key] = -1 if key in where_b else j
    # Pairs of titles unique on both sides, in entry order; their item positions' longest
    # increasing subsequence is the longest in-order alignment of them (patience diff).
    pairs = [(i, where_b[key]) for i, key in enumerate(a) if count_a[key] == 1 and where_b.get(key, -1) >= 0]
    tails: list[int] = []  # tails[k]: index in pairs of the smallest end of an increasing run of length k+1
    parent = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        n = _bisect_tails(pairs, tails, j)
        if n > 0:
            parent[k] = tails[n - 1]
        if n == len(tails):
            tails.append(k)
        else:
            tails[n] = k
    chain = []
    k = tails[-1] if tails else -1
    while k >= 0:
        chain.append(pairs[k])
        k = parent[k]
    chain.reverse()
    blocks: list[_Block] = []
    for i, j in chain:
        last = blocks[-1] if blocks else None
        if last is not None and last.a + last.size == i and last.b + last.size == j:
            blocks[-1] = _Block(last.a, last.b, last.size + 1)
        else:
            blocks.append(_Block(i, j, 1))
    blocks.append(_Block(len(a), len(b), 0))
    return blocks


def _bisect_tails(pairs, tails: list[int], j: int) -> int:
    low, high = 0, len(tails)
    while low < high:
        middle = (low + high) // 2
        if pairs[tails[middle]][1] < j:
            low = middle + 1
        else:
            high = middle
    return low


def _align_gap(entries, items) -> tuple[list[Pair], list[TocEntry], list[Item]]:
    """Order-preserving best pairing of a gap's entries and items (prefix/near matches)."""
    if not entries or not items:
        return [], list(entries), list(items)
    m, n = len(entries), len(items)
    weight = {"exact": 3, "prefix": 3, "near": 2}
    if m * n > _GAP_DP_LIMIT:
        # A huge gap: only compare entries and items at the same offset. Pairs on one
        # diagonal never cross, so the best pairing takes every one of them (what the
        # table below would find, without its quadratic time and memory).
        pairs, left_e, left_i = [], [], []
        for k in range(min(m, n)):
            kind = match_kind(entries[k], items[k])
            if kind:
                pairs.append(Pair(entries[k], items[k], kind))
            else:
                left_e.append(entries[k])
                left_i.append(items[k])
        return pairs, left_e + list(entries[n:]), left_i + list(items[m:])
    kinds = {(a, b): match_kind(entries[a], items[b]) for a in range(m) for b in range(n)}
    score = [[0] * (n + 1) for _ in range(m + 1)]
    for a in range(m - 1, -1, -1):
        for b in range(n - 1, -1, -1):
            best = max(score[a + 1][b], score[a][b + 1])
            kind = kinds.get((a, b))
            if kind:
                best = max(best, weight[kind] + score[a + 1][b + 1])
            score[a][b] = best
    pairs, left_e, left_i = [], [], []
    a = b = 0
    while a < m and b < n:
        kind = kinds.get((a, b))
        if kind and score[a][b] == weight[kind] + score[a + 1][b + 1]:
            pairs.append(Pair(entries[a], items[b], kind))
            a, b = a + 1, b + 1
        elif score[a + 1][b] >= score[a][b + 1]:
            left_e.append(entries[a])
            a += 1
        else:
            left_i.append(items[b])
            b += 1
    left_e.extend(entries[a:])
    left_i.extend(items[b:])
    return pairs, left_e, left_i


def _mark_swaps(pairs: list[Pair]) -> list[Pair]:
    """A moved entry one place off has swapped with its neighbour: flag both."""
    in_order = sorted((p for p in pairs if not p.moved), key=lambda p: p.entry.span.line)
    result = [p for p in pairs if p.moved]
    partners: dict[int, TocEntry] = {}
    if result:
        entry_rank = {line: k for k, line in enumerate(sorted(x.entry.span.line for x in pairs))}
        item_rank = {line: k for k, line in enumerate(sorted(x.item.heading_span.line for x in pairs))}
        by_entry_rank = {entry_rank[p.entry.span.line]: p for p in in_order}
        for moved in result:
            # The partner holds the moved item's place and sits right next to the entry:
            # its entry's rank is the moved item's rank, and the other way round.
            me, mi = entry_rank[moved.entry.span.line], item_rank[moved.item.heading_span.line]
            p = by_entry_rank.get(mi)
            if p is None or p.item.heading_span.line == moved.item.heading_span.line:
                continue
            if abs(mi - me) == 1 and item_rank[p.item.heading_span.line] == me:
                partners[id(p)] = moved.entry
    out = list(result)
    for p in in_order:
        if id(p) in partners:
            out.append(Pair(p.entry, p.item, p.match, moved=False, swapped_with=partners[id(p)]))
        else:
            out.append(p)
    return out


def _same_slot(entries: list[TocEntry], items: list[Item], pairs: list[Pair]):
    """Group left-over entries and items by the anchors around them; pair one-to-one."""
    anchor_entries = sorted(p.entry.span.line for p in pairs if not p.moved)
    anchor_items = sorted(p.item.heading_span.line for p in pairs if not p.moved)

    def slot_of_entry(entry: TocEntry) -> int:  # anchors whose entry stands above it
        return bisect_left(anchor_entries, entry.span.line)

    def slot_of_item(item: Item) -> int:
        return bisect_left(anchor_items, item.heading_span.line)

    by_slot: dict[int, tuple[list, list]] = {}
    for e in entries:
        by_slot.setdefault(slot_of_entry(e), ([], []))[0].append(e)
    for i in items:
        by_slot.setdefault(slot_of_item(i), ([], []))[1].append(i)
    for slot in sorted(by_slot):
        es, its = by_slot[slot]
        for k in range(max(len(es), len(its))):
            yield (es[k] if k < len(es) else None, its[k] if k < len(its) else None)
