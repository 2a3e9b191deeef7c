"""`--fix` and `--diff` over a run: which files, the fix loop for each, and what becomes of it.

Files are only written with `--fix`, each one atomically (a temporary file beside it,
renamed over it, with the file's permissions), and only when its bytes are still those
that were checked: a file an editor saved in the meantime is left alone. `--diff`
writes nothing; it renders a unified diff per file. Standard input is never written
anywhere; its fixed text is the caller's to print.
"""

from __future__ import annotations

import os
import stat
import tempfile
from typing import Sequence

from attrs import frozen

from referatcheck.edits import fixable_path
from referatcheck.engine import FileResult
from referatcheck.fixer import FixOutcome, applicable, fix_bytes
from referatcheck.fixes import line_starts


@frozen
class FixRun:
    """The run's results after fixing (in the order given) and what was done."""

    results: tuple[FileResult, ...]
    outcomes: tuple[FixOutcome, ...]  # one per file with an applicable fix
    problems: tuple[str, ...] = ()  # `path: reason` of files that could not be fixed or written
    write_failed: bool = False  # a file could not be written: the run did not do what was asked

    @property
    def fixed(self) -> int:
        return sum(o.fixed_count for o in self.outcomes)


def apply_fixes(results: Sequence[FileResult], settings, *, unsafe: bool, write: bool,
                stdin: tuple[str, bytes] | None = None) -> FixRun:
    """Fix every file of ``results`` that has an applicable fix; write them when ``write``.

    ``stdin`` is ``(name, bytes)`` of the minutes read from standard input, if any.
    """
    from referatcheck.pipeline import lint_file
    from referatcheck.runner import read_path

    def lint(path: str, data: bytes) -> FileResult:
        return lint_file(path, data, settings)

    out, outcomes, problems = [], [], []
    write_failed = False
    for result in results:
        if not fixable_path(result.path) or not any(applicable(d, unsafe) for d in result.diagnostics):
            out.append(result)
            continue
        if stdin is not None and result.path == stdin[0]:
            data = stdin[1]
        else:
            data = read_path(result.path)
            if isinstance(data, FileResult):  # gone or unreadable since it was checked
                out.append(data)
                continue
        outcome = fix_bytes(result.path, data, lint, unsafe=unsafe)
        outcomes.append(outcome)
        if outcome.problem:
            problems.append(f"{result.path}: {outcome.problem}")
        if write and outcome.changed and not (stdin is not None and result.path == stdin[0]):
            error = write_atomically(result.path, outcome.fixed, expected=data)
            if error is not None:
                problems.append(f"{result.path}: {error}")
                write_failed = True
                out.append(result)
                outcomes[-1] = FixOutcome(result.path, data, data, result)
                continue
        out.append(outcome.result)
    return FixRun(tuple(out), tuple(outcomes), tuple(problems), write_failed)


def write_atomically(path: str, data: bytes, expected: bytes) -> str | None:
    """Replace the file at ``path`` (through a symbolic link: its target) with ``data``,
    unless it no longer holds ``expected``. Returns None, or why it was not written."""
    target = os.path.realpath(path)
    temporary = None
    try:
        with open(target, "rb") as handle:
            if handle.read() != expected:
                return "ændret under kontrollen; ikke skrevet / changed while being checked; not written"
        mode = stat.S_IMODE(os.stat(target).st_mode)
        descriptor, temporary = tempfile.mkstemp(prefix=".referatcheck-", suffix=".tmp",
                                                 dir=os.path.dirname(target))
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)  # atomic: readers see the old file or the new, never half
        temporary = None
        return None
    except OSError as exc:
        return f"kan ikke skrives / cannot be written: {exc.strerror or exc}"
    finally:
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass


def unified_diff(path: str, before: bytes, after: bytes) -> str:
    """A unified diff of the text of ``before`` and ``after`` (3 lines of context), as
    `patch -p0` and `git apply` read it; a last line without a line end is marked as git does."""
    import difflib

    from referatcheck.fixes import decode_exactly

    old, new = _lines(decode_exactly(before)[0]), _lines(decode_exactly(after)[0])
    out = []
    for line in difflib.unified_diff(old, new, fromfile=path, tofile=path):
        out.append(line)
        if not line.endswith(("\n", "\r")):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


def _lines(text: str) -> list[str]:
    """Lines with their own line ends (only LF, CRLF and CR end a line, as everywhere here)."""
    starts = line_starts(text)
    return [text[starts[k]:starts[k + 1]] for k in range(len(starts) - 1)]
