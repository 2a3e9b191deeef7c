"""Lint many files: worker processes, a content-hash cache and a progress bar.

The runner is the only place that reads the files a run lints. It calls
``pipeline.lint_file(path, data, settings)`` for each of them, in this process or in
worker processes (``jobs``), and returns the results in the order of the paths given,
so the report of a parallel run is byte for byte that of a serial one.

The cache maps a key to a stored result. The key covers everything a result depends
on: the file's bytes and path, ``pipeline.settings_fingerprint(path, settings)``, the
referatcheck version, the versions of the installed plugin distributions, and the
size and modification time of every source file of referatcheck and of the loaded
plugins (so editing a rule in a development install cannot serve an old result).
Entries are written to a temporary file and renamed into place, so concurrent runs
never see half an entry; a damaged entry is a miss. Results of an incomplete lint
(a crashed rule, an unreadable file) are never stored.

Input files are only ever opened for reading.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
import time
from functools import lru_cache, partial
from pathlib import Path
from typing import Callable, Iterator, Sequence

from referatcheck import cachedir
from referatcheck.cachedir import default_cache_dir
from referatcheck.engine import FileResult
from referatcheck.pipeline import RunSettings, lint_file, settings_fingerprint
from referatcheck.source import SourceText

# Below this many files a worker pool costs more than it saves.
PARALLEL_MIN_FILES = 8
# The progress bar appears for at least this many files (and only on a terminal).
PROGRESS_MIN_FILES = 50
# Seconds, at least, that a worker gets beyond its file's time limit before it is stopped.
HARD_LIMIT_GRACE = 2.0
CACHE_FORMAT = "2"


def default_jobs() -> int:
    """All cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return max(1, os.cpu_count() or 1)


# ---- the cache ----------------------------------------------------------------------


class ResultCache:
    """Stored results by key, in a folder; every failure to read or write is a miss."""

    def __init__(self, directory: str | os.PathLike, salt: str, full_source: bool = True) -> None:
        self.directory = Path(directory) / f"v{CACHE_FORMAT}"
        # Entries of a run that keeps only the quoted source lines are smaller (a warm run
        # reads them faster) and are not what a report of whole files needs: keyed apart.
        self.full_source = full_source
        self.salt = salt if full_source else f"{salt}\nquoted lines only"
        # The salt (the code fingerprint: thousands of characters) is hashed once, not per file.
        self._salt_digest = hashlib.sha256(self.salt.encode("utf-8", "surrogatepass")).digest()
        self.writable = True
        self._marked = False

    def key(self, path: str, data: bytes, settings: RunSettings) -> str:
        # SHA-256: hardware-accelerated on most CPUs, it hashes a warm run's files faster than BLAKE2.
        digest = hashlib.sha256(self._salt_digest)
        for part in (path, settings_fingerprint(path, settings)):
            encoded = part.encode("utf-8", "surrogatepass")
            digest.update(len(encoded).to_bytes(8, "little"))
            digest.update(encoded)
        digest.update(data)
        return digest.hexdigest()

    def _file(self, key: str) -> Path:
        return self.directory / key[:2] / key

    def get(self, key: str) -> FileResult | None:
        try:
            with open(self._file(key), "rb") as handle:
                result = pickle.load(handle)
        except FileNotFoundError:
            return None
        except Exception:  # a damaged or foreign entry: lint again
            return None
        return result if isinstance(result, FileResult) else None

    def put(self, key: str, result: FileResult) -> None:
        if not self.writable:
            return
        if not self.full_source:
            result = _quoted_only(result)
        target = self._file(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._mark_folder()
            temporary = target.parent / f".{key}.{os.getpid()}.tmp"
            with open(temporary, "wb") as handle:
                pickle.dump(result, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, target)  # atomic: readers see all of it or nothing
        except OSError:
            self.writable = False  # a read-only or full disk: run on without the cache
            try:
                temporary.unlink()  # type: ignore[possibly-undefined]
            except (OSError, NameError):
                pass

    def _mark_folder(self) -> None:
        """Tell backup tools (CACHEDIR.TAG) and git (.gitignore) to leave the cache alone."""
        if not self._marked:
            self._marked = cachedir.prepare(self.directory.parent)


def _package_sources(entry) -> list[Path]:
    """The folder of the top-level package an entry point's module belongs to (or its one
    file), found without importing it."""
    from importlib.util import find_spec

    top = entry.value.partition(":")[0].strip().partition(".")[0]
    try:
        spec = find_spec(top)
    except (ImportError, ValueError):
        return []
    if spec is None:
        return []
    if spec.submodule_search_locations:  # a package (a namespace package may have several folders)
        return [Path(folder).resolve() for folder in spec.submodule_search_locations]
    return [Path(spec.origin).resolve()] if spec.origin and spec.has_location else []


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Versions and source-file stamps of referatcheck and every installed plugin.

    Made from the installed distributions' entry points and the files on disk, without
    importing a plugin: a warm run answers from the cache without loading any rule.
    """
    from referatcheck import __version__
    from referatcheck.entrypoints import installed_entry_points

    parts = [f"referatcheck={__version__}"]
    sources = {Path(__file__).resolve().parent}
    for entry in installed_entry_points():
        parts.append(f"{entry.name}={entry.value}@{entry.dist}=={entry.version}")
        sources.update(_package_sources(entry))
    for source in sorted(sources):
        files = sorted(source.rglob("*")) if source.is_dir() else [source]
        for file in files:
            if file.suffix in (".py", ".lark") and "__pycache__" not in file.parts:
                try:
                    stat = file.stat()
                except OSError:
                    continue
                parts.append(f"{file}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(parts)


# ---- one file -----------------------------------------------------------------------


def read_path(path: str) -> bytes | FileResult:
    """The bytes of a regular file (opened read-only), or the RC003 result saying why not."""
    from referatcheck.diagnostic import Message
    from referatcheck.loading import os_reason

    try:
        # A FIFO or a device named on the command line would block or never end.
        if not stat.S_ISREG(os.stat(path).st_mode):
            return _failed(path, Message("det er ikke en almindelig fil", "not a regular file"), read_error=True)
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        return _failed(path, os_reason(exc), read_error=True)


def lint_path(path: str, settings: RunSettings, cache: ResultCache | None = None) -> FileResult:
    """Read one file and lint it, through the cache when there is one. Never raises."""
    data = read_path(path)
    if isinstance(data, FileResult):
        return data
    key = None
    if cache is not None:
        key = cache.key(path, data, settings)
        cached = cache.get(key)
        if cached is not None:
            return cached
    try:
        result = lint_file(path, data, settings)
    except Exception as exc:  # a bug in referatcheck itself: report it, lint the other files
        from referatcheck.loading import technical

        return _failed(path, technical(exc), read_error=False)
    result = _slim(result, settings.keep_documents)
    if cache is not None and key is not None and not result.incomplete:
        cache.put(key, result)
    return result


def _slim(result: FileResult, keep_document: bool = False) -> FileResult:
    """What reporters need: the source only of files with findings (they quote its lines),
    and the document when the run keeps documents (the HTML report shows every file's
    text by item)."""
    if keep_document or result.document is None and (result.diagnostics or result.source is None):
        return result
    from attrs import evolve

    return evolve(result, source=result.source if result.diagnostics else None, document=None)


def _quoted_only(result: FileResult) -> FileResult:
    """The result with only the source lines its findings point at."""
    if not isinstance(result.source, SourceText):
        return result
    from attrs import evolve

    return evolve(result, source=result.source.excerpt(d.span.line for d in result.diagnostics))


def _failed(path: str, reason, read_error: bool) -> FileResult:
    """RC003 for ``path`` with ``reason`` (a Message) as the cause."""
    from referatcheck.diagnostic import Diagnostic, Message
    from referatcheck.model import Span
    from referatcheck.selfcheck import UnreadableFile

    if read_error:
        da, en = f"Filen kan ikke læses: {reason.da}", f"The file cannot be read: {reason.en}"
    else:
        da = f"Filen kunne ikke kontrolleres (intern fejl i referatcheck, {reason.da})"
        en = f"The file could not be checked (internal error in referatcheck, {reason.en})"
    diagnostic = Diagnostic(
        code=UnreadableFile.code, severity=UnreadableFile.severity, message=Message(da, en), path=path,
        span=Span(1, 1, 1, 1), rule=UnreadableFile.name,
    )
    return FileResult(path=path, diagnostics=(diagnostic,), source=None, incomplete=True)


# ---- many files ---------------------------------------------------------------------


def lint_paths(
    paths: Sequence[str],
    settings: RunSettings = RunSettings(),
    *,
    jobs: int | None = None,
    cache_dir: str | os.PathLike | None = None,
    use_cache: bool = True,
    progress: bool | None = None,
    full_source: bool = True,
) -> list[FileResult]:
    """Lint ``paths`` and return their results in the same order.

    ``jobs``: worker processes (None: all cores; 1: in this process). ``cache_dir``:
    where results are kept (None: :func:`default_cache_dir`). ``progress``: a bar on
    stderr (None: when stderr is a terminal and there are many files).
    ``full_source``: False keeps, of each file with findings, only the lines the
    findings point at (as the text, JSON and SARIF reports quote them), so that the
    memory of a run does not grow with the size of the files.
    """
    keep = (lambda result: result) if full_source else _quoted_only
    jobs = default_jobs() if not jobs or jobs < 1 else jobs
    cache = None
    if use_cache:
        cache = ResultCache(cache_dir if cache_dir is not None else default_cache_dir(), code_fingerprint(),
                            full_source=full_source)
    if progress is None:
        progress = len(paths) >= PROGRESS_MIN_FILES and _stderr_is_terminal()
    bar = ProgressBar(len(paths)) if progress else None
    results: list[FileResult | None] = [None] * len(paths)
    try:
        # Cached results first, in this process: a warm run then starts no workers at all.
        pending = list(range(len(paths)))
        if cache is not None:
            pending = []
            for index, path in enumerate(paths):
                cached = _cached(path, settings, cache)
                if cached is None:
                    pending.append(index)
                    continue
                results[index] = keep(cached)
                if bar is not None:
                    bar.advance()
        work = partial(lint_path, settings=settings, cache=cache)
        for index, result in zip(pending, _run(work, [paths[i] for i in pending], jobs, settings)):
            results[index] = keep(result)
            if bar is not None:
                bar.advance()
    finally:
        if bar is not None:
            bar.close()
    return results  # type: ignore[return-value]  # every slot is filled


def _cached(path: str, settings: RunSettings, cache: ResultCache) -> FileResult | None:
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None  # lint_path reports it
    return cache.get(cache.key(path, data, settings))


def _run(work: Callable[[str], FileResult], paths: Sequence[str], jobs: int,
         settings: RunSettings = RunSettings()) -> Iterator[FileResult]:
    jobs = min(jobs, len(paths))
    if jobs <= 1 or len(paths) < PARALLEL_MIN_FILES:
        yield from map(work, paths)
        return
    pool = _pool(jobs)
    finished = False
    try:
        # One task per file: each has its own time limit, and a worker stopped for one
        # file takes no other file's result with it.
        limits = [_hard_limit(path, settings) for path in paths]
        futures = [pool.schedule(work, args=(path,), timeout=limit) for path, limit in zip(paths, limits)]
        for index, (path, limit) in enumerate(zip(paths, limits)):
            yield _outcome(path, futures[index], limit)
            # A finished future keeps its result (the file's whole text among it): let it
            # go, or a run over 10,000 files would hold them all.
            futures[index] = None
        finished = True
    finally:
        # Ctrl-C, or the caller stopped reading: end the workers now, do not wait for them.
        if finished:
            pool.close()
        else:
            pool.stop()
        pool.join()


def _hard_limit(path: str, settings: RunSettings) -> float | None:
    """When the parent stops a worker that has not answered: the file's limit and as much
    again (the worker's own timer names the stuck rule first, unless C code blocks it)."""
    from referatcheck.pipeline import ConfigError, time_limit_for

    try:
        limit = time_limit_for(path, os.stat(path).st_size, settings)
    except (OSError, ConfigError):
        limit = time_limit_for(path, 0, RunSettings(isolated=True, timeout=settings.timeout))
    return limit + max(HARD_LIMIT_GRACE, limit) if limit > 0 else None


def _outcome(path: str, future, limit: float | None) -> FileResult:
    """A worker's result for ``path``, or the finding that says why there is none."""
    from concurrent.futures import TimeoutError as Expired

    from pebble import ProcessExpired

    from referatcheck.diagnostic import Message
    from referatcheck.loading import technical

    try:
        return future.result()
    except Expired:
        return _stopped(path, limit or 0)
    except ProcessExpired as exc:  # killed from outside (out of memory) or crashed in C
        return _failed(path, Message(f"arbejdsprocessen stoppede uventet (kode {exc.exitcode})",
                                     f"the worker process stopped unexpectedly (code {exc.exitcode})"),
                       read_error=False)
    except Exception as exc:  # a result that could not be sent back, and the like
        return _failed(path, technical(exc), read_error=False)


def _stopped(path: str, seconds: float) -> FileResult:
    from referatcheck.deadline import TimeLimitExceeded
    from referatcheck.diagnostic import Message
    from referatcheck.engine import timed_out

    exceeded = TimeLimitExceeded(seconds)
    exceeded.at(Message("en regel eller et plugin, der ikke kunne afbrydes (arbejdsprocessen er stoppet og "
                        "erstattet)",
                        "a rule or plugin that could not be interrupted (its worker process was stopped and "
                        "replaced)"))
    return timed_out(path, exceeded)


def _pool(jobs: int):
    import multiprocessing

    from pebble import ProcessPool

    # fork shares the loaded plugins and the built parser with the workers at no cost.
    # pebble replaces a worker it stops for a time limit, or that dies, with a new one.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    # A worker that is not forked learns the run's cache folder (or --no-cache) anew.
    return ProcessPool(max_workers=jobs, context=context, initializer=cachedir.use, initargs=cachedir.choice())


def _stderr_is_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


class ProgressBar:
    """`[#####.....]  412/1000 filer` on stderr, redrawn at most ten times a second."""

    def __init__(self, total: int, stream=None, width: int = 30) -> None:
        self.total, self.done, self.width = total, 0, width
        self.stream = stream or sys.stderr
        self._last = 0.0

    def advance(self) -> None:
        self.done += 1
        now = time.monotonic()
        if now - self._last >= 0.1 or self.done == self.total:
            self._last = now
            filled = self.width * self.done // max(1, self.total)
            self.stream.write(f"\r[{'#' * filled}{'.' * (self.width - filled)}] {self.done}/{self.total} filer")
            self.stream.flush()

    def close(self) -> None:
        self.stream.write("\r" + " " * (self.width + 40) + "\r")
        self.stream.flush()
