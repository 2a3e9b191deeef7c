"""Bytes to text: decoding and the line index.

Positions are fixed here, once: every later stage speaks in 1-based lines of the
file as given (LF, CRLF and lone CR all end a line) and 1-based character columns.
"""

from __future__ import annotations

import codecs
import re
from typing import Iterable, Mapping

from attrs import frozen

# Only the three real line ends count; str.splitlines() would also split on form
# feeds, U+2028 and friends, and the line numbers would no longer match an editor's.
_LINE_END = re.compile(r"\r\n|\r|\n")


class UndecodableInput(Exception):
    """The bytes are not text referatcheck can read (binary data, NUL bytes).

    ``str(exc)`` is the reason in English, ``exc.da`` in Danish."""

    def __init__(self, en: str, da: str | None = None) -> None:
        super().__init__(en)
        self.da = da or en


@frozen
class SourceText:
    """A decoded minutes file: its text, its lines, and how it was decoded."""

    path: str
    text: str
    lines: tuple[str, ...]
    encoding: str = "utf-8"

    @classmethod
    def from_text(cls, text: str, path: str = "<string>", encoding: str = "utf-8") -> "SourceText":
        if text.startswith("\ufeff"):
            text = text[1:]
        lines = tuple(_LINE_END.split(text))
        # A final line end does not open another line.
        if len(lines) > 1 and lines[-1] == "":
            lines = lines[:-1]
        return cls(path=path, text=text, lines=lines, encoding=encoding)

    @classmethod
    def from_bytes(cls, data: bytes, path: str = "<bytes>") -> "SourceText":
        text, encoding = decode(data)
        return cls.from_text(text, path=path, encoding=encoding)

    def line(self, number: int) -> str:
        """The text of 1-based line ``number`` ('' when out of range)."""
        if 1 <= number <= len(self.lines):
            return self.lines[number - 1]
        return ""

    def excerpt(self, numbers: Iterable[int]) -> "QuotedLines":
        """Only the lines ``numbers`` (1-based) of this text."""
        return QuotedLines(path=self.path, encoding=self.encoding, line_count=len(self.lines),
                           quoted={n: self.line(n) for n in sorted(set(numbers)) if 1 <= n <= len(self.lines)})


@frozen
class QuotedLines:
    """The lines of a file that its findings point at: what a result of a long run keeps
    of its source when the report quotes no more (10,000 whole files would not fit)."""

    path: str
    encoding: str
    line_count: int
    quoted: Mapping[int, str]  # 1-based line number → its text

    def line(self, number: int) -> str:
        """The text of 1-based line ``number`` ('' when it was not kept)."""
        return self.quoted.get(number, "")


def decode(data: bytes) -> tuple[str, str]:
    """Decode minutes bytes; returns (text, encoding name).

    UTF-8 (with or without BOM) and UTF-16 with BOM are read as such; other bytes
    that are not UTF-8 are read as cp1252, the encoding of Danish Windows exports.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise UndecodableInput(f"invalid UTF-16 at byte {exc.start}",
                                   f"ugyldig UTF-16 ved byte {exc.start}") from None
    if b"\x00" in data:
        offset = data.index(b"\x00")
        raise UndecodableInput(f"binary data (NUL byte at offset {offset})",
                               f"binære data (NUL-byte ved position {offset})")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _looks_binary(data):
        raise UndecodableInput("binary data (not text)", "binære data (ikke tekst)")
    return data.decode("cp1252", errors="replace"), "cp1252"


def _looks_binary(data: bytes) -> bool:
    """Many C0 control bytes (other than tab, line ends, form feed) mean not text."""
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(sample) // 100)
