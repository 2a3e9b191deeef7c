"""The line text a format loader produces, with one place in the original per line.

Loaders of other formats (Word, HTML, PDF) convert a document to the Markdown-like line text
the parser reads; each produced line remembers where it came from, so a finding can
name the place in the original (:mod:`referatcheck.locations`). Blocks are separated by
one blank line, as in the Markdown the parser was written for.
"""

from __future__ import annotations

import re
from typing import Any

# Characters other than TAB and line ends never reach the parser from a converted file.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class TextOut:
    """Produced lines and their places; ``end_block`` puts one blank line between blocks."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.places: list[Any] = []

    def add(self, line: str, place: Any) -> None:
        self.lines.append(line)
        self.places.append(place)

    def end_block(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.add("", None)

    def last_text(self) -> str:
        """The last produced line with text on it ("" when there is none)."""
        return next((line for line in reversed(self.lines) if line.strip()), "")

    def result(self) -> tuple[str, tuple[Any, ...]]:
        """The text (LF line ends, a final newline) and one place per line.

        A blank line takes the place of the block after it: a finding on a blank line
        (where a missing TOC entry belongs, say) points at what follows.
        """
        lines = list(self.lines)
        places = list(self.places)
        while lines and lines[-1] == "":
            lines.pop()
            places.pop()
        following = None
        for i in range(len(places) - 1, -1, -1):
            if places[i] is None:
                places[i] = following
            else:
                following = places[i]
        return ("\n".join(lines) + "\n") if lines else "", tuple(places)


def render_bold(pieces: list[tuple[str, bool]]) -> str:
    """One line from ``(text, bold)`` pieces: bold stretches as `**…**`, whitespace kept
    outside the markers (`**Mødedato** Tirsdag …`), a line all bold as one `**…**`."""
    return join_bold(pieces).strip()


def join_bold(pieces: list[tuple[str, bool]]) -> str:
    """:func:`render_bold` with the line's own leading and trailing whitespace kept (Word
    lines keep their indentation: ` 1  Titel` is a style of its own)."""
    merged: list[list] = []
    for text, bold in pieces:
        if not text:
            continue
        if not text.strip() and merged:
            merged[-1][0] += text  # whitespace takes the formatting of what it follows
        elif merged and merged[-1][1] == bold:
            merged[-1][0] += text
        else:
            merged.append([text, bold])
    out = []
    for text, bold in merged:
        core = text.strip()
        if bold and core and "**" not in core:
            lead = text[: len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()):]
            out.append(f"{lead}**{core}**{trail}")
        else:
            out.append(text)
    return "".join(out)


def visible(line: str) -> str:
    """A produced line without its bold markers (for artefact and label checks)."""
    return line.replace("**", "").strip()
