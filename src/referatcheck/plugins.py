"""Plugin discovery: every entry point of the group ``referatcheck`` is loaded.

Built-in rule families are entry points too, so they are found exactly like a
third-party plugin. A plugin that fails to import is remembered, not raised: the
lint goes on with the others and reports it as an RC diagnostic.

Which entry points are installed is read by :mod:`referatcheck.entrypoints`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from attrs import frozen

from referatcheck.entrypoints import GROUP, installed_entry_points
from referatcheck.rule import Rule
from referatcheck.sections import DEFAULT_VOCABULARY, SectionVocabulary

if TYPE_CHECKING:
    import pluggy


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
    # Asked once at load time, each plugin on its own (see _collect), like the rules.
    section_names: tuple[tuple[str, str], ...] = ()
    extra_reporters: tuple[tuple[str, object], ...] = ()
    words: tuple[dict, ...] = ()  # what referatcheck_vocabulary hooks returned
    # (plugin name, suffixes) of the format plugins that declared what they read.
    input_suffixes: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def vocabulary(self, extra: dict | None = None, words: tuple = ()) -> SectionVocabulary:
        """The run's vocabulary: built in, then plugins', then the configuration's."""
        names = [*self.section_names, *(extra or {}).items()]
        vocabulary = DEFAULT_VOCABULARY.with_names(names) if names else DEFAULT_VOCABULARY
        for added in (*self.words, _as_mapping(words)):
            vocabulary = vocabulary.with_words(added)
        return vocabulary

    def reporters(self) -> dict:
        return dict(self.extra_reporters)


def new_manager() -> pluggy.PluginManager:
    import pluggy  # here, not above: a run answered from the cache never loads a plugin

    from referatcheck import hookspecs

    manager = pluggy.PluginManager(GROUP)
    manager.add_hookspecs(hookspecs)
    return manager


@lru_cache(maxsize=1)
def load_plugins() -> Plugins:
    """Load every installed plugin once per process."""
    manager = new_manager()
    failures: list[PluginFailure] = []
    for ep in installed_entry_points():
        if manager.has_plugin(ep.name):
            continue
        try:
            plugin = ep.load()
            manager.register(plugin, name=ep.name)
        except Exception as exc:  # any import-time failure of foreign code
            failures.append(PluginFailure(ep.name, ep.value, f"{type(exc).__name__}: {exc}"))
    rules = _collect_rules(manager, failures)
    names = _collect(manager.hook.referatcheck_section_names, failures, lambda batch: [(n, k) for n, k in batch])
    reporters = _collect(manager.hook.referatcheck_reporters, failures, lambda batch: list(dict(batch).items()))
    words = _collect(manager.hook.referatcheck_vocabulary, failures, lambda batch: [_as_mapping(batch)])
    suffixes = _collect_suffixes(manager, failures)
    return Plugins(manager=manager, rules=rules, failures=tuple(failures), section_names=tuple(names),
                   extra_reporters=tuple(reporters), words=tuple(words), input_suffixes=suffixes)


def _as_mapping(words) -> dict:
    """A vocabulary addition as a mapping (configuration gives it as pairs)."""
    if isinstance(words, dict):
        return {key: dict(value) if key == "head-labels" else list(value) for key, value in words.items()}
    return {key: dict(value) if key == "head-labels" else list(value) for key, value in words}


def _collect(hook, failures: list[PluginFailure], convert) -> list:
    """Call one hook's implementations one by one: a plugin whose hook raises (or returns
    something of the wrong shape) is a failure of that plugin, not of the run."""
    found: list = []
    for impl in hook.get_hookimpls():
        try:
            found.extend(convert(impl.function() or ()))
        except Exception as exc:
            failures.append(PluginFailure(impl.plugin_name, hook.name, f"{type(exc).__name__}: {exc}"))
    return found


def _collect_suffixes(manager: pluggy.PluginManager, failures: list[PluginFailure]) -> tuple:
    """``(plugin name, suffixes)`` per format plugin that declares its suffixes."""
    found = []
    for impl in manager.hook.referatcheck_input_suffixes.get_hookimpls():
        try:
            batch = impl.function()
            suffixes = (batch,) if isinstance(batch, str) else tuple(batch or ())
            if not all(isinstance(s, str) and s.startswith(".") for s in suffixes):
                raise TypeError(f"{batch!r} is not a list of suffixes such as ['.docx']")
        except Exception as exc:
            failures.append(PluginFailure(impl.plugin_name, "referatcheck_input_suffixes",
                                          f"{type(exc).__name__}: {exc}"))
            continue
        if suffixes:
            found.append((impl.plugin_name, tuple(s.lower() for s in suffixes)))
    return tuple(found)


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
