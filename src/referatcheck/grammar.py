"""Loads the Lark grammar once, with the line lexer plugged in."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from lark import Lark

from referatcheck.lexer import MinutesLexer


@lru_cache(maxsize=None)
def parser(strict: bool = False) -> Lark:
    """The LALR parser of ``grammars/minutes.lark`` (built once per process)."""
    grammar = files("referatcheck.grammars").joinpath("minutes.lark").read_text(encoding="utf-8")
    return Lark(
        grammar,
        parser="lalr",
        lexer=MinutesLexer,
        propagate_positions=False,  # spans come from the line tokens, not from tree metadata
        maybe_placeholders=False,
        strict=strict,
    )
