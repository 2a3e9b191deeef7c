"""The lint of one file: bytes → Document → rules → diagnostics.

Fault isolation lives here: a file that cannot be decoded, a plugin that did not
load and a rule that raises all become RC diagnostics, and the other rules run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Mapping

from attrs import evolve, field, frozen

from referatcheck.deadline import TimeLimitExceeded
from referatcheck.diagnostic import Diagnostic, Message, Severity, sort_diagnostics
from referatcheck.edits import Fix
from referatcheck.loading import load_with_plugins, technical
from referatcheck.locations import attach_locations
from referatcheck.model import Document, Span
from referatcheck.rule import Rule
from referatcheck.selfcheck import LegacyEncoding, PluginFailed, RuleCrashed, TimeLimit, UnreadableFile
from referatcheck.source import QuotedLines, SourceText, UndecodableInput

if TYPE_CHECKING:
    from referatcheck.plugins import Plugins
    from referatcheck.sections import SectionVocabulary

# The parser and the plugins are imported by the Linter, when it first lints: reading
# a cached FileResult (a warm run) needs neither.

_FILE_START = Span(1, 1, 1, 1)


@frozen
class FileResult:
    path: str
    diagnostics: tuple[Diagnostic, ...]
    # None when the file could not be read as text; only the lines the findings point at
    # (QuotedLines) when a long run's report quotes no more (runner.lint_paths).
    source: SourceText | QuotedLines | None
    # True when some check could not run (a rule crashed, a plugin failed, unreadable).
    incomplete: bool = False
    document: Document | None = field(default=None, eq=False, repr=False)


class Linter:
    """Runs a set of rules over files. One instance serves many files."""

    def __init__(
        self,
        plugins: Plugins | None = None,
        rules: Iterable[type[Rule]] | None = None,
        rule_options: Mapping[str, Mapping[str, Any]] | None = None,
        vocabulary: SectionVocabulary | None = None,
        keep_documents: bool = False,
    ) -> None:
        from referatcheck.plugins import load_plugins

        self.plugins = plugins or load_plugins()
        self.rules = tuple(rules) if rules is not None else self.plugins.rules
        self.rule_options = rule_options or {}
        self.vocabulary = vocabulary or self.plugins.vocabulary()
        self.keep_documents = keep_documents

    # -- entry points

    def lint_bytes(self, path: str, data: bytes) -> FileResult:
        """Read and lint one file. Under a time limit (referatcheck.deadline), a reader
        that runs out of time makes the file RC010, naming it."""
        diagnostics: list[Diagnostic] = []
        try:
            return self._lint_bytes(path, data, diagnostics)
        except TimeLimitExceeded as exc:
            return timed_out(path, exc, diagnostics)

    def _lint_bytes(self, path: str, data: bytes, diagnostics: list[Diagnostic]) -> FileResult:
        loaded = load_with_plugins(self.plugins, path, data, self.vocabulary)
        for failure in loaded.failures:
            if not failure.claimed:  # read by the others; the lint may miss what it would have read
                diagnostics.append(_self_diagnostic(
                    PluginFailed, path,
                    f"Plugin '{failure.plugin}' fejlede under læsningen af filen ({failure.reason.da}); filen er "
                    f"læst uden det.",
                    f"Plugin '{failure.plugin}' failed while reading the file ({failure.reason.en}); the file was "
                    f"read without it.",
                ))
        claimed = loaded.claimed_failure
        if claimed is not None:
            if claimed.damaged:
                return self._unreadable(path, claimed.reason.da, claimed.reason.en)
            return self._unreadable(
                path, f"plugin '{claimed.plugin}', som læser filer af denne type, fejlede ({claimed.reason.da})",
                f"plugin '{claimed.plugin}', which reads files of this type, failed ({claimed.reason.en})")
        document = loaded.document
        if document is None:
            try:
                source = SourceText.from_bytes(data, path=path)
            except UndecodableInput as exc:
                return self._unreadable(path, exc.da, str(exc), diagnostics)
            if source.encoding not in ("utf-8", "utf-8-sig"):
                diagnostics.append(
                    _self_diagnostic(
                        LegacyEncoding, path,
                        f"Filen er ikke UTF-8; den er læst som {source.encoding}.",
                        f"The file is not UTF-8; it was read as {source.encoding}.",
                    )
                )
            try:
                document = parse_document(source, self.vocabulary)
            except TimeLimitExceeded as exc:
                raise exc.at(Message("referatchecks egen læsning af teksten", "referatcheck's own reading of the text"))
            except Exception as exc:  # a parser bug must cost this file only, never the run
                reason = technical(exc)
                return self._unreadable(path, f"intern fejl i referatcheck ({reason.da})",
                                        f"internal parser error ({reason.en})", diagnostics)
        result = self.lint_document(document, diagnostics)
        if loaded.failures and not result.incomplete:
            result = evolve(result, incomplete=True)
        return result

    def lint_text(self, text: str, path: str = "<string>") -> FileResult:
        source = SourceText.from_text(text, path=path)
        return self.lint_document(parse_document(source, self.vocabulary))

    def lint_document(self, document: Document, diagnostics: list[Diagnostic] | None = None) -> FileResult:
        diagnostics = list(diagnostics or ())
        incomplete = False
        for failure in self.plugins.failures:
            incomplete = True
            diagnostics.append(
                _self_diagnostic(
                    PluginFailed, document.path,
                    f"Plugin '{failure.name}' ({failure.target}) kunne ikke indlæses: {failure.error}",
                    f"Plugin '{failure.name}' ({failure.target}) could not be loaded: {failure.error}",
                )
            )
        for position, rule_class in enumerate(self.rules):
            try:
                options = {**rule_class.options, **self.rule_options.get(rule_class.code, {})}
                found = attach_locations(document, _only_diagnostics(rule_class().check(document, options)))
            except TimeLimitExceeded as exc:
                # What the rules before it found stands; the rules after it did not run.
                exc.at(Message(f"reglen {rule_class.code} ({rule_class.name})",
                               f"rule {rule_class.code} ({rule_class.name})"))
                diagnostics.append(_time_limit_diagnostic(document.path, exc, self.rules[position + 1:]))
                incomplete = True
                break
            except Exception as exc:  # isolate foreign and buggy rules
                incomplete = True
                found = [
                    _self_diagnostic(
                        RuleCrashed, document.path,
                        f"Reglen {rule_class.code} ({rule_class.name}) fejlede: {type(exc).__name__}: {exc}",
                        f"Rule {rule_class.code} ({rule_class.name}) raised {type(exc).__name__}: {exc}",
                    )
                ]
            diagnostics.extend(found)
        return FileResult(
            path=document.path,
            diagnostics=tuple(sort_diagnostics(diagnostics)),
            source=document.source,
            incomplete=incomplete,
            document=document if self.keep_documents else None,
        )

    def _unreadable(self, path: str, da: str, en: str, earlier: list[Diagnostic] | None = None) -> FileResult:
        diagnostic = _self_diagnostic(
            UnreadableFile, path,
            f"Filen kan ikke læses og er sprunget over: {da}.",
            f"The file cannot be read and was skipped: {en}.",
        )
        return FileResult(path=path, diagnostics=(*(earlier or ()), diagnostic), source=None, incomplete=True)


def timed_out(path: str, exc: TimeLimitExceeded, earlier: list[Diagnostic] | None = None) -> FileResult:
    """The result of a file whose reading ran out of time: RC010, and nothing was linted."""
    diagnostic = _time_limit_diagnostic(path, exc, None)
    return FileResult(path=path, diagnostics=(*(earlier or ()), diagnostic), source=None, incomplete=True)


def _time_limit_diagnostic(path: str, exc: TimeLimitExceeded, not_run) -> Diagnostic:
    stage = exc.stage or Message("referatcheck", "referatcheck")
    if not_run is None:
        rest_da, rest_en = "filen er ikke kontrolleret", "the file was not checked"
    elif not_run:
        codes = ", ".join(rule.code for rule in not_run)
        rest_da, rest_en = f"disse regler blev ikke kørt: {codes}", f"these rules did not run: {codes}"
    else:
        rest_da, rest_en = "de øvrige regler blev kørt", "the other rules ran"
    return _self_diagnostic(
        TimeLimit, path,
        f"Kontrollen blev stoppet efter {_seconds(exc.seconds)} sekunder: {stage.da} blev ikke færdig; {rest_da}. "
        f"Meld fejlen til den, der har skrevet den, eller hæv `timeout` i konfigurationen, hvis filen blot er stor.",
        f"The lint was stopped after {_seconds(exc.seconds)} seconds: {stage.en} did not finish; {rest_en}. "
        f"Report it to its author, or raise `timeout` in the configuration if the file is merely large.",
    )


def _seconds(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def parse_document(source: SourceText, vocabulary: SectionVocabulary) -> Document:
    """:func:`referatcheck.parse.parse_document`, imported on the first parse."""
    from referatcheck.parse import parse_document as parse

    return parse(source, vocabulary)


def _only_diagnostics(found) -> list[Diagnostic]:
    """A rule's findings, checked: anything but Diagnostics is the rule's bug (RC002)."""
    findings = list(found)
    for finding in findings:
        if not isinstance(finding, Diagnostic):
            raise TypeError(f"yielded {type(finding).__name__} instead of a Diagnostic")
        if finding.fix is not None and not isinstance(finding.fix, Fix):
            raise TypeError(f"gave a fix of type {type(finding.fix).__name__}, not a referatcheck.edits.Fix")
    return findings


def _self_diagnostic(rule: type[Rule], path: str, da: str, en: str, severity: Severity | None = None) -> Diagnostic:
    return Diagnostic(
        code=rule.code, severity=severity or rule.severity, message=Message(da, en), path=path,
        span=_FILE_START, rule=rule.name,
    )
