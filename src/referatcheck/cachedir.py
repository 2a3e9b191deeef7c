"""Where referatcheck keeps what it may throw away: results and the parser's tables.

Its own module because both the runner and the grammar need it, and parsing must
never import the runner.
"""

from __future__ import annotations

import os
from pathlib import Path


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
