"""`--watch`: check again whenever minutes or a configuration file change, until Ctrl-C.

File events come from watchfiles (notify underneath: inotify, FSEvents, ReadDirectoryChangesW;
polling where those are missing, or with `WATCHFILES_FORCE_POLLING=1`). A burst of events —
an editor saving through a temporary file — is one change (debounced). Folders named are
watched with their subfolders; for a file named, its folder is watched and only that file
(and configuration files) count. Ctrl-C ends the watch with exit status 0.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Callable, Sequence

from referatcheck.config import CONFIG_FILES
from referatcheck.discover import MINUTES_SUFFIXES

_MESSAGES = {
    "da": {"start": "Overvåger {what} for ændringer (Ctrl-C stopper).",
           "again": "[{time}] Ændret: {what}; kontrollerer igen.",
           "wait": "Venter på ændringer …"},
    "en": {"start": "Watching {what} for changes (Ctrl-C stops).",
           "again": "[{time}] Changed: {what}; checking again.",
           "wait": "Waiting for changes …"},
}
DEBOUNCE_MS = 300


class Watched:
    """Which changes count: the files named, minutes below the folders named, configuration files."""

    def __init__(self, paths: Sequence[str], extra_files: Sequence[str] = ()) -> None:
        self.files = {os.path.abspath(p) for p in (*paths, *extra_files) if not os.path.isdir(p)}
        self.folders = [os.path.abspath(p) for p in paths if os.path.isdir(p)]
        roots = set(self.folders) | {os.path.dirname(f) for f in self.files}
        # A folder inside another watched one adds nothing but duplicate events.
        self.roots = sorted(r for r in roots if not any(r != o and r.startswith(o + os.sep) for o in roots))

    def __call__(self, change, path: str) -> bool:
        path = os.path.abspath(path)
        name = os.path.basename(path)
        if name.startswith(".referatcheck-") and name.endswith(".tmp"):  # our own atomic writes
            return False
        if path in self.files or name in CONFIG_FILES:
            return True
        return name.lower().endswith(tuple(MINUTES_SUFFIXES)) and any(path.startswith(folder + os.sep) for folder in self.folders)


def watch(paths: Sequence[str], run: Callable[[], int], *, lang: str = "da", quiet: bool = False,
          extra_files: Sequence[str] = (), debounce_ms: int = DEBOUNCE_MS, stream=None) -> int:
    """Run ``run`` now and after every relevant change, until interrupted; exit status 0."""
    import logging

    import watchfiles

    # watchfiles says "KeyboardInterrupt caught, stopping watch" on Ctrl-C: that is how a watch ends.
    logging.getLogger("watchfiles").setLevel(logging.ERROR)
    stream = stream or sys.stderr
    text = _MESSAGES["en" if lang == "en" else "da"]
    watched = Watched(paths, extra_files)

    def say(line: str) -> None:
        if not quiet:
            stream.write(line + "\n")
            stream.flush()

    say(text["start"].format(what=", ".join(paths)))
    _run(run)
    say(text["wait"])
    changes_seen = watchfiles.watch(*watched.roots, watch_filter=watched, debounce=debounce_ms,
                                    raise_interrupt=False, ignore_permission_denied=True)
    for changes in changes_seen:
        names = sorted({os.path.relpath(path) for _, path in changes})
        say(text["again"].format(time=time.strftime("%H:%M:%S"), what=", ".join(names[:5])
                                 + (" …" if len(names) > 5 else "")))
        _run(run)
        say(text["wait"])
    return 0


def _run(run: Callable[[], int]) -> int:
    """One check; a failure that would end a plain run (bad configuration, a missing file)
    is reported by ``run`` itself and the watch goes on."""
    try:
        return run()
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
