"""Where referatcheck keeps what it may throw away: results, the parser's tables and
the list of installed plugins.

Its own module because the runner, the grammar and plugin discovery all need it, and
parsing must never import the runner. The command line chooses the folder once per
run (`--cache-dir`, or none at all with `--no-cache`) with :func:`use`; everything
that caches asks :func:`folder`, so nothing is written where the user did not allow it.
"""

from __future__ import annotations

import os
from pathlib import Path

# The run's choice (see use()): a folder, None for the default folder; and whether to cache at all.
_chosen: Path | None = None
_enabled = True


def default_cache_dir() -> Path:
    """``$REFERATCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/referatcheck``, else ``~/.cache/referatcheck``.

    The default lives in the user's own cache folder, not the working directory: a
    cache inside a repository could be committed, and its entries are trusted
    (unpickled) when read.
    """
    explicit = os.environ.get("REFERATCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "referatcheck"


def use(directory: str | os.PathLike | None = None, enabled: bool = True) -> None:
    """Choose this process's cache folder: ``directory`` (None: the default), or no cache
    at all (``enabled=False``: nothing is read from or written to any cache folder)."""
    global _chosen, _enabled
    _chosen = Path(directory) if directory is not None else None
    _enabled = enabled


def choice() -> tuple[Path | None, bool]:
    """What :func:`use` was told, to hand on to worker processes that do not fork."""
    return _chosen, _enabled


def folder() -> Path | None:
    """The cache folder of this run, or None when the run caches nothing (`--no-cache`)."""
    if not _enabled:
        return None
    return _chosen if _chosen is not None else default_cache_dir()


def prepare(directory: Path) -> bool:
    """Create ``directory`` and mark it as a cache (``CACHEDIR.TAG`` for backup tools, a
    ``.gitignore`` for git); False when it cannot be written."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        tag = directory / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n# referatcheck cache\n")
            (directory / ".gitignore").write_text("*\n")
    except OSError:
        return False
    return True
