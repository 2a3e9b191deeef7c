"""One place that removes conversion markup, joins wrapped lines and normalises titles.

Headings, TOC entries and labels arrive with Markdown emphasis, escapes, HTML tags
and links left by the PDF/Word conversion, and wrapped over lines. Rules compare what a
reader sees, so all of that is stripped and joined here and nowhere else.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

from referatcheck.vocabulary import CLOSED_TITLE
from referatcheck.vocabulary.pages import HYPHEN_CONTINUATIONS as _CONJUNCTIONS

_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]{0,200})?/?>")
_LINK = re.compile(r"\[([^\[\]]{0,500})\]\([^()\s]{0,500}\)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
# Emphasis marks: every `*`, and `_` opening or closing a word (not snake_case): what
# removing `\*{1,3}|(?<![\w\\])_{1,3}|_{1,3}(?!\w)` in one pass leaves, in two passes that
# start with a literal `_` (so the regex engine skips to the next `_` at C speed
# instead of trying three alternatives at every position of a megabyte line).
# The lookbehind sits after the first `_`: "not after a word character or backslash".
_OPENING_UNDERSCORES = re.compile(r"_(?<![\w\\]_)_{0,2}")
# Possessive: giving back an underscore only puts another `_` (a word character) after it.
_CLOSING_UNDERSCORES = re.compile(r"__{0,2}+(?!\w)")
# A dot leader (`.....`, `…`) possibly with spaces, at the end of a TOC title. Found
# from the end of the reversed text: `[\s.…·]+$` is quadratic on a long run of dots
# that is not at the end.
_NOT_LEADER = re.compile(r"[^\s.…·]")


def clean_inline(text: str) -> str:
    """Visible text of a Markdown-ish line: emphasis, escapes, tags and links removed.

    Escaped characters are kept as the literal character (``\\_`` → ``_``).
    """
    # The same line is cleaned by the lexer and again by the transformer.
    if len(text) <= _CACHED_LENGTH:
        return _clean_inline_cached(text)
    return _clean_long_line(text)


_CACHED_LENGTH = 400


@lru_cache(maxsize=4096)
def _clean_inline_cached(text: str) -> str:
    return _clean_inline(text)


@lru_cache(maxsize=4)  # few, but up to megabytes each
def _clean_long_line(text: str) -> str:
    return _clean_inline(text)


def _clean_inline(text: str) -> str:
    # Each pass runs only when its trigger character is present: most lines carry no
    # markup, and scanning every line with every pattern dominated the lint's time.
    if "<" in text:
        text = _HTML_TAG.sub("", text)
    if "[" in text:
        text = _LINK.sub(r"\1", text)
    if "&" in text and ";" in text:
        text = html.unescape(text)  # HTML exports: `Kultur &amp; fritid`, `&nbsp;`
    # Protect escaped characters from the emphasis stripper with private-use marks.
    protected: list[str] = []

    def _protect(match: re.Match[str]) -> str:
        protected.append(match.group(1))
        return f"\ue000{len(protected) - 1}\ue001"

    if "\\" in text:
        text = _ESCAPE.sub(_protect, text)
    if "*" in text or "_" in text:
        if "_" in text:
            text = _CLOSING_UNDERSCORES.sub("", _OPENING_UNDERSCORES.sub("", text))
        text = text.replace("*", "")
    if protected:
        text = re.sub("\ue000(\\d+)\ue001", lambda m: protected[int(m.group(1))], text)
    if "\u00ad" in text:
        text = text.replace("\u00ad", "")  # a soft hyphen is invisible unless the line breaks there
    # str.split() splits on exactly the characters `\s` matches (NBSP included) and
    # drops them at both ends: the same as folding runs of spaces and stripping.
    return " ".join(text.split())


def join_wrapped(first: str, second: str, soft: bool = False) -> tuple[str, int]:
    """Text of a line continued on the next, and the 0-based column where ``second``
    starts in it: a word hyphenated at the line end is joined (`Indholds-` /
    `fortegnelse`), a real hyphen kept (`Børne-` / `og`, `2025-` / `2028`, `Børne-` /
    `Ungeudvalget`)."""
    if first.endswith("-") and len(first) >= 2 and second and first[-2].isalnum():
        before = first[:-1].rsplit(" ", 1)[-1].lstrip("*")
        after = second.split(" ", 1)[0].strip("*")
        if soft and before[-1:].isalpha():
            return first[:-1] + second, len(first) - 1
        if before[-1:].isdigit() and after[:1].isdigit():
            return first + second, len(first)
        if (after.casefold() in _CONJUNCTIONS or not after[:1].isalpha()):
            return f"{first} {second}", len(first) + 1
        if after[:1].isupper() or len(before) < 4 or not before.isalpha() or not before[1:].islower():
            return first + second, len(first)
        return first[:-1] + second, len(first) - 1
    return f"{first} {second}", len(first) + 1


def join_lines(parts: list[str]) -> str:
    """The visible text of lines that wrap one title or value, joined as :func:`join_wrapped`
    joins two."""
    text = ""
    for part in (clean_inline(p) for p in parts):
        if part:
            text = join_wrapped(text, part)[0] if text else part
    return text


def closed_title(title: str) -> bool:
    """A title that marks its item closed (`Lukket: Personalesag`, `Salg af grund - Lukket`,
    `Køb af grund (Fortroligt)`), over the item or in the TOC."""
    return bool(CLOSED_TITLE.search(clean_inline(title)))


def strip_heading_marks(line: str) -> tuple[int, str] | None:
    """``(level, text)`` of an ATX heading line (`## Title ##`), or None."""
    stripped = line.lstrip(" ")
    if len(line) - len(stripped) > 3 or not stripped.startswith("#"):
        return None
    level = len(stripped) - len(stripped.lstrip("#"))
    rest = stripped[level:]
    if level > 6 or (rest and rest[0] not in " \t"):
        return None
    rest = rest.strip()
    # A closing sequence of #s is not part of the heading.
    if rest.endswith("#"):
        without = rest.rstrip("#")
        if not without or without.endswith((" ", "\t")):
            rest = without.rstrip()
    return level, strip_heading_attributes(rest)


# A pandoc heading attribute block: `{#punkt-1}`, `{#id .class key=value}`, `{.unnumbered}`, `{-}`.
_ATTRIBUTES = re.compile(r"\{(?:-|[#.][^{}\s][^{}]{0,200})\}")


def strip_heading_attributes(text: str) -> str:
    """A heading's text without a trailing pandoc attribute block (`1. Title {#punkt-1}` →
    `1. Title`): markup, not part of the title."""
    body = text.rstrip()
    if not body.endswith("}"):
        return text
    start = body.rfind("{")
    if start <= 0 or not body[start - 1].isspace() or not _ATTRIBUTES.fullmatch(body, start):
        return text
    return body[:start].rstrip()


def bold_only(line: str) -> str | None:
    """The inner text of a line that is bold and nothing else (`**Beslutning**`)."""
    text = line.strip()
    for mark in ("**", "__"):
        if text.startswith(mark):
            body = text[len(mark):]
            # A trailing colon may sit outside the bold: `**Indstilling**:`
            for end in (mark, mark + ":"):
                if body.endswith(end) and len(body) > len(end):
                    inner = body[: -len(end)]
                    if mark not in inner and inner.strip():
                        return inner.strip() + (":" if end.endswith(":") else "")
    return None


@lru_cache(maxsize=4096)  # rules compare the same titles many times
def normalise_title(text: str) -> str:
    """A title as compared between the TOC and the items.

    Markup, a dot leader, a trailing period and case are ignored; whitespace is folded;
    typographic quotes and dashes count as the plain ones (`“grøn flåde” —` = `"grøn
    flåde" -`: a word processor curls them in one place and not the other).
    """
    text = clean_inline(text)
    text = _strip_leader(text)
    text = unicodedata.normalize("NFC", text).translate(_TYPOGRAPHY)
    return text.casefold()


_TYPOGRAPHY = str.maketrans({**dict.fromkeys("“”„‟«»″", '"'), **dict.fromkeys("‘’‚‛′", "'"),
                             **dict.fromkeys("‐‑‒–—―−", "-")})


def _strip_leader(text: str) -> str:
    """``text`` without trailing dots, ellipses, middle dots and whitespace."""
    last = _NOT_LEADER.search(text[::-1])
    return text[: len(text) - last.start()] if last else ""


def words(text: str) -> list[str]:
    return text.split()
