"""Which plugins are installed: the entry points of the group ``referatcheck``.

Reading every installed distribution's metadata for its entry points (and importing
``importlib.metadata`` to do it) costs more than the whole lint of a file, so the list
is kept in the cache folder, one file per Python environment, and read from the
distributions again only when one of them changes (:func:`installed_entry_points`).
Nothing here imports a plugin: the runner's cache key is made from this list too.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from functools import lru_cache
from importlib import import_module
from typing import NamedTuple

from referatcheck import cachedir

GROUP = "referatcheck"


class PluginEntry(NamedTuple):
    """One entry point of the group: ``name = module:attribute`` of a distribution."""

    name: str
    value: str
    dist: str
    version: str

    def load(self):
        """Import the module and return the object named (as ``EntryPoint.load``)."""
        match = _ENTRY_VALUE.match(self.value)
        if match is None:
            raise ValueError(f"malformed entry point {self.value!r}")
        found = import_module(match.group("module"))
        for attribute in filter(None, (match.group("attr") or "").split(".")):
            found = getattr(found, attribute)
        return found


# The syntax importlib.metadata.EntryPoint accepts: `module.path:attr.path [extras]`.
_ENTRY_VALUE = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")


@lru_cache(maxsize=1)
def installed_entry_points() -> tuple[PluginEntry, ...]:
    """The group's entry points, sorted by name.

    Kept in the cache folder as ``environment-<key>.json``, one per Python environment,
    with a stamp of every distribution's metadata on ``sys.path`` (see
    :func:`_environment_stamp`): installing, removing, upgrading or editing a
    distribution changes the stamp, and the list is read from the distributions again.
    """
    folder = cachedir.folder()
    where = folder / f"environment-{_digest(sys.executable, *sys.path)[:20]}.json" if folder else None
    stamp = _environment_stamp()
    if where is not None:
        try:
            stored = json.loads(where.read_text(encoding="utf-8"))
            if stored["stamp"] == stamp:
                return tuple(PluginEntry(*entry) for entry in stored["entry_points"])
        except (OSError, ValueError, KeyError, TypeError):
            pass  # missing or damaged: read the distributions
    from importlib.metadata import entry_points

    found = tuple(sorted(
        (PluginEntry(ep.name, ep.value, ep.dist.name if ep.dist else "?", ep.dist.version if ep.dist else "?")
         for ep in entry_points(group=GROUP)), key=lambda entry: entry.name))
    if where is not None and cachedir.prepare(where.parent):
        temporary = where.with_name(f".{where.name}.{os.getpid()}.tmp")
        try:
            temporary.write_text(json.dumps({"stamp": stamp, "entry_points": found}), encoding="utf-8")
            os.replace(temporary, where)  # atomic: a concurrent run reads all of it or nothing
        except OSError:
            pass
    return found


def _environment_stamp() -> str:
    """A digest of what the installed entry points are read from: each folder on
    ``sys.path`` and, in each, the name and the size and modification time of the
    metadata files of every distribution (``*.dist-info``, ``*.egg-info``)."""
    parts = [sys.version]
    for entry in sys.path:
        parts.append(f"path {entry}")
        try:
            with os.scandir(entry or ".") as found:
                dists = sorted(e.name for e in found if e.name.endswith((".dist-info", ".egg-info")))
        except OSError:  # a zip file, or a folder that does not exist
            dists = []
            parts.append(_file_stamp(entry))
        for dist in dists:
            for name in ("", "entry_points.txt", "METADATA", "PKG-INFO"):
                parts.append(f"{dist}/{name} {_file_stamp(os.path.join(entry, dist, name))}")
    return _digest(*parts)


def _file_stamp(path: str) -> str:
    try:
        stat = os.stat(path)
    except OSError:
        return "-"
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def _digest(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
