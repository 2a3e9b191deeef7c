"""Plugin discovery: every entry point of the group ``referatcheck`` is loaded.

Built-in rule families are entry points too, so they are found exactly like a
third-party plugin. A plugin that fails to import is remembered, not raised: the
lint goes on with the others and reports it as an RC diagnostic.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import entry_points

import pluggy
from attrs import frozen

from referatcheck import hookspecs
from referatcheck.rule import Rule
from referatcheck.sections import DEFAULT_VOCABULARY, SectionVocabulary

GROUP = "referatcheck"


@frozen
class PluginFailure:
    name: str  # entry point name
    target: str  # module:attr it points at
    error: str  # `ExceptionType: message`


@frozen
class Plugins:
    manager: pluggy.PluginManager
    rules: tuple[type[Rule], ...]  # sorted by code
    failures: tuple[PluginFailure, ...]

    def vocabulary(self, extra: dict | None = None) -> SectionVocabulary:
        names: list[tuple[str, str]] = []
        for batch in self.manager.hook.referatcheck_section_names():
            names.extend(batch or ())
        names.extend((extra or {}).items())
        return DEFAULT_VOCABULARY.with_names(names) if names else DEFAULT_VOCABULARY

    def reporters(self) -> dict:
        found: dict = {}
        for batch in self.manager.hook.referatcheck_reporters():
            found.update(batch or {})
        return found


def new_manager() -> pluggy.PluginManager:
    manager = pluggy.PluginManager(GROUP)
    manager.add_hookspecs(hookspecs)
    return manager


@lru_cache(maxsize=1)
def load_plugins() -> Plugins:
    """Load every installed plugin once per process."""
    manager = new_manager()
    failures: list[PluginFailure] = []
    for ep in sorted(entry_points(group=GROUP), key=lambda e: e.name):
        if manager.has_plugin(ep.name):
            continue
        try:
            plugin = ep.load()
            manager.register(plugin, name=ep.name)
        except Exception as exc:  # any import-time failure of foreign code
            failures.append(PluginFailure(ep.name, ep.value, f"{type(exc).__name__}: {exc}"))
    rules = _collect_rules(manager, failures)
    return Plugins(manager=manager, rules=rules, failures=tuple(failures))


def _collect_rules(manager: pluggy.PluginManager, failures: list[PluginFailure]) -> tuple[type[Rule], ...]:
    """Ask each plugin for its rules on its own, so one broken hook costs only its rules."""
    found: dict[str, type[Rule]] = {}
    for impl in manager.hook.referatcheck_rules.get_hookimpls():
        try:
            batch = list(impl.function() or ())
            for rule in batch:
                if not (isinstance(rule, type) and issubclass(rule, Rule)) or not getattr(rule, "code", None):
                    raise TypeError(f"{rule!r} is not a Rule subclass with a code")
        except Exception as exc:
            failures.append(PluginFailure(impl.plugin_name, "referatcheck_rules", f"{type(exc).__name__}: {exc}"))
            continue
        for rule in batch:
            found.setdefault(rule.code, rule)
    return tuple(found[code] for code in sorted(found))
