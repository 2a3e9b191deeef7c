"""Which rules a selector names, and how specifically.

A selector is `ALL`, a code (`TOC003`), a code prefix (`TOC`, `TOC00`), a family name
or a rule name (`toc-title-near-miss`). One place decides this for the configuration
(`select`, `ignore`, `per-file-ignores`, `severity`, `options`), the command line and
suppression comments, so they can never disagree.

Specificity follows ruff: when a `select` and an `ignore` both name a code, the longer
(more specific) selector wins; on a tie, `ignore` wins.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Mapping

from referatcheck.rule import Rule

ALL = "ALL"


class RuleSet:
    """The rules a run knows (plugins and RC rules), indexed for selector look-ups."""

    def __init__(self, rules: Iterable[type[Rule]]) -> None:
        self.rules: dict[str, type[Rule]] = {r.code: r for r in rules}
        self.codes: tuple[str, ...] = tuple(sorted(self.rules))
        self._names = {r.name.casefold(): r.code for r in self.rules.values()}
        self._families: dict[str, list[str]] = {}
        for rule in self.rules.values():
            self._families.setdefault(str(rule.family).casefold(), []).append(rule.code)
        self._cache: dict[str, Mapping[str, int]] = {}

    def matches(self, selector: str) -> Mapping[str, int]:
        """``{code: specificity}`` for every code ``selector`` names (empty: unknown)."""
        key = selector.strip()
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._match(key)
        return found

    def known(self, selector: str) -> bool:
        return bool(self.matches(selector))

    def specificity(self, selector: str, code: str) -> int:
        """How specifically ``selector`` names ``code``; -1 when it does not."""
        return self.matches(selector).get(code, -1)

    def _match(self, selector: str) -> Mapping[str, int]:
        if not selector:
            return {}
        if selector.upper() == ALL:
            return dict.fromkeys(self.codes, 0)
        found: dict[str, int] = {}
        upper = selector.upper()
        if upper.isalnum():
            for code in self.codes:
                if code.startswith(upper):
                    found[code] = len(upper)
        # A family whose name is not its code prefix (a plugin's `nordby` for XNB...)
        # counts like that prefix.
        for code in self._families.get(selector.casefold(), ()):
            found.setdefault(code, _letters(code))
        named = self._names.get(selector.casefold())
        if named is not None:
            found[named] = len(named)
        return found


def _letters(code: str) -> int:
    return len(code) - len(code.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ"))


@lru_cache(maxsize=1)
def known_rules() -> RuleSet:
    """Every rule installed in this process: the plugins' and referatcheck's own."""
    from referatcheck.plugins import load_plugins
    from referatcheck.selfcheck import SELF_RULES

    return RuleSet((*load_plugins().rules, *SELF_RULES))
