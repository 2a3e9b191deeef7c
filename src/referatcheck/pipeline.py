"""The whole lint of one file as a run sees it: configuration, rules, suppressions.

`lint_file` is what the command line (serially or in worker processes) calls for each
path. It must stay a plain function of picklable arguments.
"""

from __future__ import annotations

from functools import lru_cache

from attrs import frozen

from referatcheck.engine import FileResult, Linter


@frozen
class RunSettings:
    """What the command line says for the whole run (per-file configuration is found
    from each file's folder upwards)."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    config_file: str | None = None


@lru_cache(maxsize=None)
def _linter() -> Linter:
    return Linter()


def lint_file(path: str, data: bytes, settings: RunSettings = RunSettings()) -> FileResult:
    """Lint one file's bytes under ``settings``."""
    return _linter().lint_bytes(path, data)


def settings_fingerprint(path: str, settings: RunSettings) -> str:
    """A string that changes whenever anything that affects ``lint_file(path, ...)`` changes
    (other than the file's content), for cache keys."""
    return repr(settings)
