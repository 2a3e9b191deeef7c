"""Writing a file so that readers see the old content or the new, never half of either.

A report (`--output`) or a baseline is written to a temporary file beside the target
and renamed over it. A run interrupted before the rename (Ctrl-C, a full disk) leaves
the previous file as it was and no temporary file behind.
"""

from __future__ import annotations

import os
import tempfile


def write_text_atomically(path: str | os.PathLike, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` in one step (raises OSError; the target is then untouched)."""
    target = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(target))
    handle, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding=encoding, newline="") as stream:
            stream.write(text)
        os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def _mode_for(target: str) -> int:
    """The mode the file would get from a plain open(): an existing file's, else 0o666
    less the umask (mkstemp's own 0o600 would hide a shared report from colleagues)."""
    try:
        return os.stat(target).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
