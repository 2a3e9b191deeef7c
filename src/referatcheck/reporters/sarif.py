"""`--format sarif`: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

One run; the driver lists every installed rule with its documentation (summary, why,
wrong and right example) in the chosen language. Locations are relative to the
working directory (`%SRCROOT%`, the checkout in CI) and use 1-based lines and
Unicode code-point columns (`columnKind`), exactly as referatcheck counts them.
Each result carries a content fingerprint (the baseline's: code, subject and line
text), so a finding keeps its identity when lines move.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Sequence
from urllib.parse import quote

from referatcheck import __version__
from referatcheck.baseline import fingerprint
from referatcheck.catalog import HOMEPAGE
from referatcheck.engine import FileResult
from referatcheck.model import Span
from referatcheck.reporters import ReportOptions, repository_path

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT = "referatcheck/content/v1"


def artifact_location(path: str) -> dict:
    shown = repository_path(path)
    if shown.startswith("/") or Path(shown).is_absolute():
        return {"uri": Path(os.path.abspath(path)).as_uri()}
    return {"uri": quote(shown, safe="/"), "uriBaseId": "%SRCROOT%"}


def region(span: Span) -> dict:
    out = {"startLine": span.line, "startColumn": span.column}
    end_line = max(span.end_line, span.line)
    out["endLine"] = end_line
    end_column = span.end_column if end_line > span.line else max(span.end_column, span.column)
    out["endColumn"] = max(1, end_column)
    return out


def rule_descriptor(rule, lang: str) -> dict:
    from referatcheck.catalog import explain_markdown, explain_text, help_uri

    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.doc.summary(lang)},
        "fullDescription": {"text": rule.doc.why(lang)},
        "help": {"text": explain_text(rule, lang), "markdown": explain_markdown(rule, lang)},
        "helpUri": help_uri(rule),
        "defaultConfiguration": {"level": LEVELS[rule.severity.value]},
        "properties": {"tags": ["referatcheck", str(rule.family)]},
    }


def log(results: Sequence[FileResult], options: ReportOptions) -> dict:
    from referatcheck.catalog import all_rules

    lang = "en" if options.lang == "en" else "da"
    rules = list(all_rules())
    index = {rule.code: i for i, rule in enumerate(rules)}
    sarif_results = []
    for result in sorted(results, key=lambda r: r.path):
        location = artifact_location(result.path)
        seen: Counter = Counter()
        for d in sorted(result.diagnostics, key=lambda d: d.sort_key):
            content = fingerprint(d, result.source)
            seen[content] += 1
            entry = {
                "ruleId": d.code,
                "level": LEVELS[d.severity.value],
                "message": {"text": d.display_message(lang) or d.code},
                "locations": [{"physicalLocation": {"artifactLocation": location, "region": region(d.span)}}],
                "partialFingerprints": {FINGERPRINT: f"{content}:{seen[content]}"},
            }
            if d.code in index:
                entry["ruleIndex"] = index[d.code]
            if d.related:
                entry["relatedLocations"] = [
                    {
                        "id": number,
                        "physicalLocation": {"artifactLocation": location, "region": region(span)},
                        "message": {"text": f"{'line' if lang == 'en' else 'linje'} {span.line}"},
                    }
                    for number, span in enumerate(d.related, start=1)
                ]
            sarif_results.append(entry)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "referatcheck",
                "informationUri": HOMEPAGE,
                "version": __version__,
                "semanticVersion": __version__,
                "language": lang,
                "rules": [rule_descriptor(rule, lang) for rule in rules],
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
            "columnKind": "unicodeCodePoints",
            "invocations": [{"executionSuccessful": not any(r.incomplete for r in results)}],
            "results": sarif_results,
        }],
    }


def report(results: Sequence[FileResult], options: ReportOptions) -> str:
    return json.dumps(log(results, options), ensure_ascii=False, indent=2) + "\n"
