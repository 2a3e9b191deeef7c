"""The whole lint of one file as a run sees it: configuration, rules, suppressions.

`lint_file` is what the command line (serially or in worker processes) calls for each
path. It must stay a plain function of picklable arguments; everything it derives
from the configuration (the selected rules, their options, the section vocabulary,
the linter) is cached per process.

Order of filters (architecture: rules → diagnostics → filter → report):
1. configuration and command line choose the rules that run (`select`, `ignore`,
   `extend-select`, `per-file-ignores`): the others do not run at all;
2. suppression comments hide findings and add RC005–RC007 about themselves;
3. severity overrides (`severity_map`: errors and warnings, infos only when asked).
A baseline is a filter over the whole run and is applied by the command line.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, Mapping

from attrs import evolve, frozen

from referatcheck.config import Config, ConfigError, config_for
from referatcheck.deadline import DEFAULT_SECONDS, TimeLimitExceeded, limit_for, time_limit
from referatcheck.diagnostic import Diagnostic, Severity, sort_diagnostics
from referatcheck.engine import FileResult, Linter, timed_out
from referatcheck.selection import RuleSet, known_rules
from referatcheck.selfcheck import COMMENT_CODES, INCOMPLETE_CODES

if TYPE_CHECKING:  # the vocabulary's patterns are compiled when a file is linted
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
    timeout: float | None = None  # `--timeout`: seconds per file (per MB above 1 MB); None: configuration's


@frozen(eq=False)
class Profile:
    """A configuration resolved against the installed rules and the run's settings."""

    config: Config
    enabled: frozenset[str]
    # Only the codes whose severity is overridden: reported severity → shown severity.
    severity: Mapping[str, Mapping[Severity, Severity]]
    rule_options: Mapping[str, Mapping[str, Any]]
    vocabulary: SectionVocabulary

    def codes_for(self, path: str) -> frozenset[str]:
        """The codes that run on ``path`` (less its `per-file-ignores`)."""
        ignored = self.config.ignored_by_path(path)
        if not ignored:
            return self.enabled
        rules = known_rules()
        return frozenset(c for c in self.enabled if not any(_names(rules, s, c) for s in ignored))


def configuration_for(path: str, settings: RunSettings = RunSettings()) -> Config:
    """The configuration file that applies to ``path`` (raises ConfigError)."""
    return config_for(path, settings.config_file, settings.isolated)


def vocabulary_for(path: str, settings: RunSettings = RunSettings()) -> SectionVocabulary:
    """The reading vocabulary for ``path``: built in, plugins', its configuration's."""
    return _profile(configuration_for(path, settings), settings).vocabulary


def check_selectors(settings: RunSettings) -> None:
    """Raise ConfigError when a command-line selector names no rule."""
    if not (settings.select or settings.extend_select or settings.ignore):
        return  # nothing to check, and no plugin to load for it
    rules = known_rules()
    for option, selectors in (("--select", settings.select), ("--extend-select", settings.extend_select),
                              ("--ignore", settings.ignore)):
        for selector in selectors:
            if not rules.known(selector):
                raise ConfigError(f"{option}: ukendt kode eller præfiks / unknown code or prefix '{selector}'")


def lint_file(path: str, data: bytes, settings: RunSettings = RunSettings()) -> FileResult:
    """Lint one file's bytes under ``settings`` and the configuration found for ``path``,
    within the file's time limit (a stuck rule or plugin becomes RC010)."""
    config = configuration_for(path, settings)
    profile = _profile(config, settings)
    codes = profile.codes_for(path)
    try:
        with time_limit(limit_for(len(data), _seconds(config, settings))):
            result = _linter(profile, codes, settings.keep_documents).lint_bytes(path, data)
    except TimeLimitExceeded as exc:  # ran out between two stages (the engine names the stages)
        result = timed_out(path, exc)
    return _without_fixes(_finish(result, profile, codes))


def _without_fixes(result: FileResult) -> FileResult:
    """A file converted to text before it is read (a Word file) cannot take an edit of that
    text: its findings carry no fix (referatcheck.edits.fixable_path)."""
    from referatcheck.edits import fixable_path

    if fixable_path(result.path) or not any(d.fix is not None for d in result.diagnostics):
        return result
    return evolve(result, diagnostics=tuple(evolve(d, fix=None) for d in result.diagnostics))


def time_limit_for(path: str, size: int, settings: RunSettings = RunSettings()) -> float:
    """Seconds the lint of ``path`` (``size`` bytes) may take; 0: no limit."""
    return limit_for(size, _seconds(configuration_for(path, settings), settings))


def _seconds(config: Config, settings: RunSettings) -> float:
    if settings.timeout is not None:
        return settings.timeout
    return config.timeout if config.timeout is not None else DEFAULT_SECONDS


def settings_fingerprint(path: str, settings: RunSettings) -> str:
    """A string that changes whenever anything that affects ``lint_file(path, ...)`` changes
    (other than the file's content and the installed code), for cache keys: the
    configuration file that applies (its path and a digest of its bytes) and the run's
    settings."""
    try:
        config = configuration_for(path, settings)
    except ConfigError as exc:  # lint_file will fail the same way; never cache on it
        return f"error:{exc}"
    return _fingerprint(config, settings)


@lru_cache(maxsize=64)  # asked for every file of a run, with the same few configurations
def _fingerprint(config: Config, settings: RunSettings) -> str:
    return repr((config.path, config.digest, settings))


# ---- resolution ------------------------------------------------------------------------


@lru_cache(maxsize=32)
def _profile(config: Config, settings: RunSettings) -> Profile:
    from referatcheck.plugins import load_plugins

    rules = known_rules()
    layers = (
        *config.layers,  # the files a configuration extends first (`extend`), then its own
        (settings.select or None, settings.extend_select, settings.ignore),
    )
    enabled = _enabled(rules, layers)
    return Profile(
        config=config,
        enabled=frozenset(enabled),
        severity={code: severity_map(rules.rules[code], override)
                  for code, override in _most_specific(rules, config.severity, enabled).items()},
        rule_options=_rule_options(rules, config.options, enabled),
        vocabulary=load_plugins().vocabulary(dict(config.section_names), config.vocabulary),
    )


def _enabled(rules: RuleSet, layers) -> set[str]:
    """Apply each layer (configuration, then command line) to the set of enabled codes.

    Within a layer the most specific selector decides (ties go to `ignore`); a layer
    with `select` switches off what it does not name — except the findings about
    suppression comments (COMMENT_CODES), which only an `ignore` naming them switches off.
    """
    enabled = set(rules.codes)
    for select, extend, ignore in layers:
        if select is None and not extend and not ignore:
            continue
        on_selectors = (*(select or ()), *extend)
        for code in rules.codes:
            on = max((rules.specificity(s, code) for s in on_selectors), default=-1)
            off = max((rules.specificity(s, code) for s in ignore if _names(rules, s, code)), default=-1)
            if on < 0 and off < 0:
                if select is not None and code not in COMMENT_CODES:
                    enabled.discard(code)
            elif on > off:
                enabled.add(code)
            else:
                enabled.discard(code)
    return enabled


def severity_map(rule, override) -> dict[Severity, Severity]:
    """What a severity override does to a rule's findings, as reported → shown.

    `TAB001 = "warning"` changes the rule's errors and warnings; its infos stay infos —
    an error rule reports an info for what is not a defect (a rounding difference, a
    table it could not read), and making that fail CI would be a surprise. A rule whose
    default severity is info has only infos to change, so for it they change too.
    Explicit pairs (`TAB001 = { info = "warning" }`) change exactly what they name."""
    if isinstance(override, Severity):
        changed = [Severity.ERROR, Severity.WARNING]
        if rule.severity is Severity.INFO:
            changed.append(Severity.INFO)
        return dict.fromkeys(changed, override)
    return dict(override)


def _names(rules: RuleSet, selector: str, code: str) -> bool:
    """Whether an `ignore` selector switches ``code`` off (`ALL` leaves COMMENT_CODES on)."""
    return rules.specificity(selector, code) > (0 if code in COMMENT_CODES else -1)


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


def _override(diagnostic: Diagnostic, mapping: Mapping[Severity, Severity] | None) -> Diagnostic:
    if not mapping or diagnostic.code in INCOMPLETE_CODES:
        return diagnostic
    shown = mapping.get(diagnostic.severity, diagnostic.severity)
    return diagnostic if shown is diagnostic.severity else evolve(diagnostic, severity=shown)


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
        diagnostics = [_override(d, profile.severity.get(d.code)) for d in diagnostics]
    if tuple(diagnostics) == result.diagnostics:
        return result
    return evolve(result, diagnostics=tuple(sort_diagnostics(diagnostics)))
