"""Baselines: today's findings recorded, so an archive that adopts referatcheck late sees
only what is new.

A finding is recorded by its file (relative to the baseline file's folder), its code
and a content fingerprint — a digest of the diagnostic's severity, its ``subject``, the
``figures`` it compares and the text of its line with whitespace folded — never by its
line number, so lines inserted or removed elsewhere do not revive it, while a finding
that changed is new: a total whose rows now sum to another figure, a rounding info that
became an error. Identical findings in one file are counted, and only as many as were
recorded are hidden.

The same fingerprint gives SARIF and GitLab reports their stable fingerprints.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path
from typing import Iterable, Sequence

from attrs import evolve

from referatcheck.atomic import write_text_atomically
from referatcheck.diagnostic import Diagnostic
from referatcheck.engine import FileResult
from referatcheck.selfcheck import INCOMPLETE_CODES
from referatcheck.source import SourceText

# Version 2: the fingerprint covers severity and figures (version 1 hid a total whose
# rows had changed). A version 1 file is refused with a hint to write it again.
FORMAT_VERSION = 2


class BaselineError(Exception):
    """A baseline file that cannot be read or written (one line, naming the file)."""


def fingerprint(diagnostic: Diagnostic, source: SourceText | None) -> str:
    """What a finding is about, without where it is: code, severity, subject, and the
    figures it compares — or, for a finding that names no figures, the text of its line.

    The figures stand in for the line because they say exactly what the finding is
    about: a total's line also holds the other columns' totals, whose change is not a
    change of this finding."""
    if diagnostic.figures:
        what = " ".join(diagnostic.figures)
    else:
        line = source.line(diagnostic.span.line) if source is not None else ""
        what = " ".join(line.split())
    parts = (diagnostic.code, diagnostic.severity.value, " ".join(diagnostic.subject.split()), what)
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]


def relative_path(path: str, folder: str) -> str:
    """``path`` relative to ``folder``, with `/` separators (absolute when on another drive)."""
    absolute = os.path.abspath(path)
    try:
        return Path(os.path.relpath(absolute, folder)).as_posix()
    except ValueError:
        return Path(absolute).as_posix()


def _keys(result: FileResult, folder: str) -> Iterable[tuple[Diagnostic, tuple[str, str, str]]]:
    path = relative_path(result.path, folder)
    for diagnostic in result.diagnostics:
        yield diagnostic, (path, diagnostic.code, fingerprint(diagnostic, result.source))


def _folder(baseline_path: str) -> str:
    return os.path.dirname(os.path.abspath(baseline_path))


def write_baseline(baseline_path: str, results: Sequence[FileResult]) -> int:
    """Record every finding of ``results`` (except incomplete-lint ones); returns how many."""
    folder = _folder(baseline_path)
    counts: Counter = Counter()
    subjects: dict = {}
    for result in results:
        for diagnostic, key in _keys(result, folder):
            if diagnostic.code in INCOMPLETE_CODES:
                continue
            counts[key] += 1
            subjects.setdefault(key, diagnostic.subject)
    findings = []
    for key in sorted(counts):
        path, code, digest = key
        entry = {"path": path, "code": code, "fingerprint": digest, "count": counts[key]}
        if subjects[key]:
            entry["subject"] = subjects[key][:200]
        findings.append(entry)
    document = {"version": FORMAT_VERSION, "tool": "referatcheck", "findings": findings}
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    try:
        write_text_atomically(baseline_path, text)
    except OSError as exc:
        raise BaselineError(f"{baseline_path}: kan ikke skrives / cannot be written: {exc.strerror or exc}") from None
    return sum(counts.values())


def read_baseline(baseline_path: str) -> Counter:
    """``Counter{(path, code, fingerprint): count}`` of a baseline file."""
    try:
        document = json.loads(Path(baseline_path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise BaselineError(f"{baseline_path}: kan ikke læses / cannot be read: {exc.strerror or exc}") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{baseline_path}: ugyldig JSON / invalid JSON: {exc}") from None
    try:
        if document.get("version") == 1:
            raise BaselineError(
                f"{baseline_path}: skrevet af en ældre referatcheck, som ikke så ændrede tal; skriv den igen med "
                f"--write-baseline / written by an older referatcheck that missed changed figures; write it again "
                f"with --write-baseline")
        if document.get("version") != FORMAT_VERSION:
            raise BaselineError(f"{baseline_path}: ukendt version / unknown version {document.get('version')!r}")
        counts: Counter = Counter()
        for entry in document["findings"]:
            counts[(str(entry["path"]), str(entry["code"]), str(entry["fingerprint"]))] += int(entry.get("count", 1))
        return counts
    except (AttributeError, KeyError, TypeError, ValueError):
        raise BaselineError(f"{baseline_path}: ikke en referatcheck-baseline / not a referatcheck baseline") from None


def apply_baseline(baseline_path: str, results: Sequence[FileResult]) -> list[FileResult]:
    """``results`` without the findings recorded in the baseline (as many as were recorded)."""
    remaining = read_baseline(baseline_path)
    folder = _folder(baseline_path)
    out = []
    for result in results:
        kept = []
        for diagnostic, key in _keys(result, folder):
            if diagnostic.code not in INCOMPLETE_CODES and remaining[key] > 0:
                remaining[key] -= 1
                continue
            kept.append(diagnostic)
        out.append(result if len(kept) == len(result.diagnostics) else evolve(result, diagnostics=tuple(kept)))
    return out
