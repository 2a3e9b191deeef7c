"""Applying edits: to text, and to a file's bytes so that nothing outside an edit changes.

A file is decoded exactly as referatcheck reads it (UTF-8 with or without BOM, UTF-16
with BOM, cp1252), edited, and encoded back the same way: the BOM, the line ends, the
encoding and every byte outside the edits stay as they were. A file whose bytes would
not come back unchanged (a cp1252 byte with no character, say) is not edited at all.

Edits that overlap cannot be applied together: :func:`non_overlapping` keeps the first
of them (in order of position) and leaves the rest for the next round, as ruff does.
"""

from __future__ import annotations

import codecs
import re
from typing import Iterable, Sequence

from referatcheck.edits import Edit
from referatcheck.source import decode

_LINE_END = re.compile(r"\r\n|\r|\n")


class NotFixable(Exception):
    """The file's bytes cannot be edited without changing bytes outside the edits."""


def line_starts(text: str) -> list[int]:
    """Offsets of the start of every line (the three real line ends only, as in source.py),
    plus one past the end, so that line ``n`` (1-based) starts at ``starts[n - 1]``."""
    starts = [0]
    starts.extend(match.end() for match in _LINE_END.finditer(text))
    if starts[-1] != len(text):
        starts.append(len(text))
    return starts


def offset(text: str, starts: Sequence[int], line: int, column: int) -> int:
    """The character offset of 1-based ``line`` and ``column`` (raises ValueError outside the text)."""
    if line < 1 or line > len(starts):
        raise ValueError(f"line {line} is outside the text")
    if line == len(starts):  # the end of the file, after its last line end
        if column != 1:
            raise ValueError(f"column {column} is outside the text")
        return starts[-1]
    start, end = starts[line - 1], starts[line]
    content_end = end  # the line's own characters end before its line end
    while content_end > start and text[content_end - 1] in "\r\n":
        content_end -= 1
    target = start + column - 1
    if column < 1 or target > content_end:
        raise ValueError(f"column {column} is outside line {line}")
    return target


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with ``edits`` applied (they must not overlap; raises ValueError if they do)."""
    starts = line_starts(text)
    placed = sorted(
        (offset(text, starts, e.span.line, e.span.column), offset(text, starts, e.span.end_line, e.span.end_column),
         e.content)
        for e in edits
    )
    out: list[str] = []
    position = 0
    for start, end, content in placed:
        if start < position or end < start:
            raise ValueError("overlapping edits")
        out.append(text[position:start])
        out.append(content)
        position = end
    out.append(text[position:])
    return "".join(out)


def overlaps(a: Sequence[Edit], b: Sequence[Edit]) -> bool:
    """Whether any edit of ``a`` touches the text of any edit of ``b`` (two insertions at one
    place count as overlapping: their order would be a guess)."""
    for x in a:
        for y in b:
            x0, x1 = (x.span.line, x.span.column), (x.span.end_line, x.span.end_column)
            y0, y1 = (y.span.line, y.span.column), (y.span.end_line, y.span.end_column)
            if x0 < y1 and y0 < x1:
                return True
            if x0 == y0 or (x0 == x1 and y0 < x0 < y1) or (y0 == y1 and x0 < y0 < x1):
                return True
    return False


def non_overlapping(groups: Sequence[Sequence[Edit]]) -> list[int]:
    """Indices of the groups to apply together: in order of their first edit, each one that
    overlaps none taken before it."""
    order = sorted(range(len(groups)), key=lambda k: min(groups[k]) if groups[k] else Edit.insert(1, 1, ""))
    taken: list[int] = []
    for k in order:
        if not any(overlaps(groups[k], groups[j]) for j in taken):
            taken.append(k)
    return sorted(taken)


# ---- bytes ------------------------------------------------------------------------------


def _codec(data: bytes) -> tuple[bytes, str]:
    """The byte-order mark of ``data`` and the codec of the rest, as :func:`source.decode` reads it."""
    if data.startswith(codecs.BOM_UTF8):
        return codecs.BOM_UTF8, "utf-8"
    if data.startswith(codecs.BOM_UTF16_LE):
        return codecs.BOM_UTF16_LE, "utf-16-le"
    if data.startswith(codecs.BOM_UTF16_BE):
        return codecs.BOM_UTF16_BE, "utf-16-be"
    _, encoding = decode(data)
    return b"", "utf-8" if encoding == "utf-8" else encoding


def decode_exactly(data: bytes) -> tuple[str, bytes, str]:
    """``(text, bom, codec)`` such that ``bom + text.encode(codec) == data``; raises NotFixable
    otherwise. ``text`` is the text referatcheck reads (positions of findings refer to it)."""
    bom, codec = _codec(data)
    body = data[len(bom):]
    try:
        text = body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        raise NotFixable(f"the bytes are not valid {codec}") from None
    if text.startswith("\ufeff"):  # a second BOM would be read as none; leave such a file alone
        raise NotFixable("a byte-order mark inside the text")
    try:
        same = text.encode(codec) == body
    except UnicodeEncodeError:
        same = False
    if not same:
        raise NotFixable(f"the bytes do not read back unchanged as {codec}")
    return text, bom, codec


def apply_to_bytes(data: bytes, edits: Iterable[Edit]) -> bytes:
    """``data`` with ``edits`` applied to its text; every other byte unchanged.

    Raises NotFixable when the file cannot be edited that way or an edit's text has no
    bytes in the file's encoding (an `ø` in a file that is not Unicode has, `→` has not).
    """
    text, bom, codec = decode_exactly(data)
    edited = apply_edits(text, edits)
    try:
        return bom + edited.encode(codec)
    except UnicodeEncodeError as exc:
        raise NotFixable(f"{exc.object[exc.start:exc.end]!r} cannot be written as {codec}") from None


def line_end_of(text: str, line: int | None = None) -> str:
    """The line end to write in ``text``: that of ``line`` if it has one, else the first in
    the file, else LF."""
    if line is not None:
        starts = line_starts(text)
        if 1 <= line < len(starts):
            end = starts[line]
            match = _LINE_END.search(text, max(starts[line - 1], end - 2), end)
            if match is not None and match.end() == end:
                return match.group()
    match = _LINE_END.search(text)
    return match.group() if match else "\n"
