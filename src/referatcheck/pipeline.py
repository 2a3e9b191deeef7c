"""The whole lint of one file as a run sees it: configuration, rules, suppressions.

`lint_file` is what the command line (serially or in worker processes) calls for each
path. It must stay a plain function of picklable arguments; everything it derives
from the configuration (the selected rules, their options, the section vocabulary,
the linter) is cached per process.

Order of filters (architecture: rules → diagnostics → filter → report):
1. configuration and command line choose the rules that run (`select`, `ignore`,
   `extend-select`, `per-file-ignores`): the others do not run at all;
2. suppression comments hide findings and add RC005–RC007 about themselves;
3. severity overrides.
A baseline is a filter over the whole run and is applied by the command line.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Mapping

from attrs import evolve, frozen

from referatcheck.config import Config, ConfigError, config_for
from referatcheck.diagnostic import Diagnostic, Severity, sort_diagnostics
from referatcheck.engine import FileResult, Linter
from referatcheck.selection import RuleSet, known_rules
from referatcheck.selfcheck import INCOMPLETE_CODES
from referatcheck.sections import SectionVocabulary

__all__ = ["RunSettings", "lint_file", "settings_fingerprint", "configuration_for", "check_selectors", "ConfigError"]


@frozen
class RunSettings:
    """What the command line says for the whole run (per-file configuration is found
    from each file's folder upwards; these override it)."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    config_file: str | None = None
    isolated: bool = False  # ignore every configuration file
    # Results carry their parsed documents, for reporters that show the text by item
    # (the HTML report); they then never parse a file again.
    keep_documents: bool = False


@frozen(eq=False)
class Profile:
    """A configuration resolved against the installed rules and the run's settings."""

    config: Config
    enabled: frozenset[str]
    severity: Mapping[str, Severity]  # only the codes whose severity is overridden
    rule_options: Mapping[str, Mapping[str, Any]]
    vocabulary: SectionVocabulary

    def codes_for(self, path: str) -> frozenset[str]:
        """The codes that run on ``path`` (less its `per-file-ignores`)."""
        ignored = self.config.ignored_by_path(path)
        if not ignored:
            return self.enabled
        rules = known_rules()
        return frozenset(c for c in self.enabled if not any(rules.specificity(s, c) >= 0 for s in ignored))


def configuration_for(path: str, settings: RunSettings = RunSettings()) -> Config:
    """The configuration file that applies to ``path`` (raises ConfigError)."""
    return config_for(path, settings.config_file, settings.isolated)


def vocabulary_for(path: str, settings: RunSettings = RunSettings()) -> SectionVocabulary:
    """The reading vocabulary for ``path``: built in, plugins', its configuration's."""
    return _profile(configuration_for(path, settings), settings).vocabulary


def check_selectors(settings: RunSettings) -> None:
    """Raise ConfigError when a command-line selector names no rule."""
    rules = known_rules()
    for option, selectors in (("--select", settings.select), ("--extend-select", settings.extend_select),
                              ("--ignore", settings.ignore)):
        for selector in selectors:
            if not rules.known(selector):
                raise ConfigError(f"{option}: ukendt kode eller præfiks / unknown code or prefix '{selector}'")


def lint_file(path: str, data: bytes, settings: RunSettings = RunSettings()) -> FileResult:
    """Lint one file's bytes under ``settings`` and the configuration found for ``path``."""
    profile = _profile(configuration_for(path, settings), settings)
    codes = profile.codes_for(path)
    result = _linter(profile, codes, settings.keep_documents).lint_bytes(path, data)
    return _finish(result, profile, codes)


def settings_fingerprint(path: str, settings: RunSettings) -> str:
    """A string that changes whenever anything that affects ``lint_file(path, ...)`` changes
    (other than the file's content and the installed code), for cache keys: the
    configuration file that applies (its path and a digest of its bytes) and the run's
    settings."""
    try:
        config = configuration_for(path, settings)
    except ConfigError as exc:  # lint_file will fail the same way; never cache on it
        return f"error:{exc}"
    return repr((config.path, config.digest, settings))


# ---- resolution ------------------------------------------------------------------------


@lru_cache(maxsize=32)
def _profile(config: Config, settings: RunSettings) -> Profile:
    from referatcheck.plugins import load_plugins

    rules = known_rules()
    layers = (
        (config.select, config.extend_select, config.ignore),
        (settings.select or None, settings.extend_select, settings.ignore),
    )
    enabled = _enabled(rules, layers)
    return Profile(
        config=config,
        enabled=frozenset(enabled),
        severity=_most_specific(rules, config.severity, enabled),
        rule_options=_rule_options(rules, config.options, enabled),
        vocabulary=load_plugins().vocabulary(dict(config.section_names), config.vocabulary),
    )


def _enabled(rules: RuleSet, layers) -> set[str]:
    """Apply each layer (configuration, then command line) to the set of enabled codes.

    Within a layer the most specific selector decides (ties go to `ignore`); a layer
    with `select` switches off what it does not name.
    """
    enabled = set(rules.codes)
    for select, extend, ignore in layers:
        if select is None and not extend and not ignore:
            continue
        on_selectors = (*(select or ()), *extend)
        for code in rules.codes:
            on = max((rules.specificity(s, code) for s in on_selectors), default=-1)
            off = max((rules.specificity(s, code) for s in ignore), default=-1)
            if on < 0 and off < 0:
                if select is not None:
                    enabled.discard(code)
            elif on > off:
                enabled.add(code)
            else:
                enabled.discard(code)
    return enabled


def _most_specific(rules: RuleSet, pairs, codes) -> dict:
    """``{code: value}`` from ``(selector, value)`` pairs, the most specific selector winning."""
    out: dict = {}
    for code in codes:
        best = -1
        for selector, value in pairs:
            specificity = rules.specificity(selector, code)
            if specificity > best:
                best, out[code] = specificity, value
    return out


def _rule_options(rules: RuleSet, options, codes) -> dict[str, dict[str, Any]]:
    """Per code: family or prefix options first, then more specific ones over them."""
    out: dict[str, dict[str, Any]] = {}
    for code in codes:
        declared = rules.rules[code].options
        ranked = sorted(
            ((rules.specificity(selector, code), values) for selector, values in options),
            key=lambda pair: pair[0],
        )
        merged = {name: value for s, values in ranked if s >= 0 for name, value in values.items() if name in declared}
        if merged:
            out[code] = merged
    return out


@lru_cache(maxsize=64)
def _linter(profile: Profile, codes: frozenset[str], keep_documents: bool = False) -> Linter:
    from referatcheck.plugins import load_plugins

    plugins = load_plugins()
    return Linter(
        plugins=plugins,
        rules=[r for r in plugins.rules if r.code in codes],
        rule_options=profile.rule_options,
        vocabulary=profile.vocabulary,
        keep_documents=keep_documents,
    )


def _finish(result: FileResult, profile: Profile, codes: frozenset[str]) -> FileResult:
    from referatcheck.suppressions import apply_suppressions

    known = known_rules().rules
    # A code no rule declares cannot be configured; keep it rather than lose it silently.
    diagnostics: list[Diagnostic] = [
        d for d in result.diagnostics if d.code in codes or d.code in INCOMPLETE_CODES or d.code not in known
    ]
    if result.source is not None:
        diagnostics = apply_suppressions(result.source, diagnostics, codes, known_rules(), result.path)
    if profile.severity:
        diagnostics = [
            evolve(d, severity=profile.severity[d.code])
            if d.code in profile.severity and d.code not in INCOMPLETE_CODES else d
            for d in diagnostics
        ]
    if tuple(diagnostics) == result.diagnostics:
        return result
    return evolve(result, diagnostics=tuple(sort_diagnostics(diagnostics)))
