"""Which files a `check PATH...` run lints."""

from __future__ import annotations

import os
from pathlib import Path

# Extensions picked up when a directory is walked; a file named explicitly is linted
# whatever its extension. `.docx`, `.pdf` and `.html`/`.htm` are read by the format
# plugins in referatcheck.formats.
MINUTES_SUFFIXES = {".md", ".txt", ".markdown", ".docx", ".pdf", ".html", ".htm"}
# Hidden files, and the owner files (`~$kladde.docx`) Word keeps beside an open draft.
_SKIPPED_PREFIXES = (".", "~$")


class PathError(Exception):
    """A path given on the command line that cannot be linted (missing, unreadable, loop)."""


def collect(paths: list[str], suffixes: set[str] = MINUTES_SUFFIXES) -> list[str]:
    """Files to lint, in a stable order; directories are walked recursively."""
    found: list[str] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            if path.is_symlink():
                raise PathError(f"{raw}: symbolsk link peger ikke på noget / dangling symlink")
            raise PathError(f"{raw}: findes ikke / does not exist")
        if path.is_dir():
            found.extend(_walk(path, suffixes))
        else:
            found.append(str(path))
    seen: set[str] = set()
    unique = []
    for f in found:
        if f not in seen:
            seen.add(f)
            unique.append(f)
    return unique


def _walk(root: Path, suffixes: set[str]) -> list[str]:
    out: list[str] = []
    visited: set[tuple[int, int]] = set()
    chain: dict[str, frozenset[tuple[int, int]]] = {}  # folder -> the folders above it and itself
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=_raise):
        try:
            st = os.stat(dirpath)
        except OSError as exc:
            raise PathError(f"{dirpath}: {exc.strerror}") from None
        key = (st.st_dev, st.st_ino)
        above = chain.get(os.path.normpath(os.path.dirname(dirpath)), frozenset())
        if key in above:  # a link back to a folder it is inside of
            raise PathError(f"{dirpath}: symbolsk link-løkke / symlink loop")
        if key in visited:  # the same folder again through another link: linted once
            dirnames[:] = []
            continue
        visited.add(key)
        chain[os.path.normpath(dirpath)] = above | {key}
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if Path(name).suffix.lower() in suffixes and not name.startswith(_SKIPPED_PREFIXES):
                out.append(os.path.join(dirpath, name))
    return out


def _raise(error: OSError) -> None:
    raise PathError(f"{error.filename}: {error.strerror}")
