"""The base class of every rule, built-in or third-party.

A rule is a class with its code, name, family, default severity and documentation;
``check(document, options)`` yields diagnostics and nothing else: it never prints,
reads files or raises for a finding.
"""

from __future__ import annotations

from typing import Any, ClassVar, Iterator, Mapping

from attrs import frozen

from referatcheck.diagnostic import Diagnostic, Message, Severity
from referatcheck.edits import Applicability
from referatcheck.model import Document, Span


@frozen
class RuleDoc:
    """Documentation shown by `referatcheck explain` and `referatcheck rules`."""

    summary_da: str
    summary_en: str
    why_da: str
    why_en: str
    wrong: str  # a snippet of minutes that triggers the rule
    right: str  # the corrected snippet

    def summary(self, lang: str = "da") -> str:
        return self.summary_en if lang == "en" else self.summary_da

    def why(self, lang: str = "da") -> str:
        return self.why_en if lang == "en" else self.why_da


class Rule:
    """Base class: subclasses set the class attributes and implement :meth:`check`."""

    code: ClassVar[str]
    name: ClassVar[str]
    family: ClassVar[str]
    severity: ClassVar[Severity]
    doc: ClassVar[RuleDoc]
    # Option names and defaults; configuration may override them per rule or family.
    options: ClassVar[Mapping[str, Any]] = {}
    # Whether findings of this rule may carry a fix (see referatcheck.edits), and how safe
    # it is: `explain`, `rules` and SARIF say so. None: the rule never fixes.
    fixable: ClassVar[Applicability | None] = None

    def check(self, document: Document, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
        raise NotImplementedError

    def diagnostic(
        self,
        document: Document,
        span: Span,
        da: str,
        en: str,
        *,
        related: tuple[Span, ...] = (),
        severity: Severity | None = None,
        subject: str = "",
        fix: Any = None,
        figures: tuple[str, ...] = (),
    ) -> Diagnostic:
        """A finding of this rule at ``span`` with the message in both languages.

        ``subject`` (what the finding is about: a title, a row label) and ``figures`` (the
        figures it compares, see :func:`referatcheck.diagnostic.figures_in`) make its
        baseline fingerprint: a recorded finding stays hidden when lines move, and comes
        back when its subject, its figures or its severity change."""
        return Diagnostic(
            code=self.code,
            severity=severity or self.severity,
            message=Message(da=da, en=en),
            path=document.path,
            span=span,
            rule=self.name,
            related=related,
            subject=subject,
            fix=fix,
            figures=tuple(figures),
        )
