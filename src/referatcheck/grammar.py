"""Loads the Lark grammar once, with the line lexer plugged in."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from lark import Lark

from referatcheck import cachedir
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
        # The LALR tables, kept in the run's cache folder (Lark checks a digest of the
        # grammar and options before using them): a third of a cold start saved.
        cache=_tables_file(strict),
    )


def _tables_file(strict: bool) -> str | bool:
    """Where the tables are kept: the run's cache folder (`--cache-dir`); with
    `--no-cache` nowhere (False: Lark builds them in memory and writes nothing)."""
    import lark

    folder = cachedir.folder()
    if folder is None or not cachedir.prepare(folder):
        return False
    return str(folder / f"lark-{lark.__version__}-tables{'-strict' if strict else ''}.pickle")
