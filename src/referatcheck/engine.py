"""The lint of one file: bytes → Document → rules → diagnostics.

Fault isolation lives here: a file that cannot be decoded, a plugin that did not
load and a rule that raises all become RC diagnostics, and the other rules run.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from attrs import field, frozen

from referatcheck.diagnostic import Diagnostic, Message, Severity, sort_diagnostics
from referatcheck.locations import attach_locations
from referatcheck.model import Document, Span
from referatcheck.parse import parse_document
from referatcheck.plugins import Plugins, load_plugins
from referatcheck.rule import Rule
from referatcheck.sections import SectionVocabulary
from referatcheck.selfcheck import LegacyEncoding, PluginFailed, RuleCrashed, UnreadableFile
from referatcheck.source import SourceText, UndecodableInput

_FILE_START = Span(1, 1, 1, 1)


@frozen
class FileResult:
    path: str
    diagnostics: tuple[Diagnostic, ...]
    source: SourceText | None  # None when the file could not be read as text
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
        self.plugins = plugins or load_plugins()
        self.rules = tuple(rules) if rules is not None else self.plugins.rules
        self.rule_options = rule_options or {}
        self.vocabulary = vocabulary or self.plugins.vocabulary()
        self.keep_documents = keep_documents

    # -- entry points

    def lint_bytes(self, path: str, data: bytes) -> FileResult:
        diagnostics: list[Diagnostic] = []
        try:
            document = self.plugins.manager.hook.referatcheck_load_document(
                path=path, data=data, vocabulary=self.vocabulary
            )
        except UndecodableInput as exc:  # a format plugin's one-line reason (encrypted, damaged …)
            return self._unreadable(path, str(exc))
        except Exception as exc:  # a format plugin that chokes on this file
            return self._unreadable(path, f"{type(exc).__name__}: {exc}")
        if document is not None and not isinstance(document, Document):
            return self._unreadable(path, f"a format plugin returned {type(document).__name__}, not a Document")
        if document is None:
            try:
                source = SourceText.from_bytes(data, path=path)
            except UndecodableInput as exc:
                return self._unreadable(path, str(exc))
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
            except Exception as exc:  # a parser bug must cost this file only, never the run
                return self._unreadable(path, f"internal parser error {type(exc).__name__}: {exc}")
        return self.lint_document(document, diagnostics)

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
        for rule_class in self.rules:
            try:
                options = {**rule_class.options, **self.rule_options.get(rule_class.code, {})}
                found = attach_locations(document, _only_diagnostics(rule_class().check(document, options)))
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

    def _unreadable(self, path: str, reason: str) -> FileResult:
        diagnostic = _self_diagnostic(
            UnreadableFile, path,
            f"Filen kan ikke læses som tekst og er sprunget over: {reason}",
            f"The file cannot be read as text and was skipped: {reason}",
        )
        return FileResult(path=path, diagnostics=(diagnostic,), source=None, incomplete=True)


def _only_diagnostics(found) -> list[Diagnostic]:
    """A rule's findings, checked: anything but Diagnostics is the rule's bug (RC002)."""
    findings = list(found)
    for finding in findings:
        if not isinstance(finding, Diagnostic):
            raise TypeError(f"yielded {type(finding).__name__} instead of a Diagnostic")
    return findings


def _self_diagnostic(rule: type[Rule], path: str, da: str, en: str, severity: Severity | None = None) -> Diagnostic:
    return Diagnostic(
        code=rule.code, severity=severity or rule.severity, message=Message(da, en), path=path,
        span=_FILE_START, rule=rule.name,
    )
