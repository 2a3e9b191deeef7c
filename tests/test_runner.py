"""The runner: worker processes give the serial run's output; the cache is never stale."""

from __future__ import annotations

import io
import multiprocessing
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES
from referatcheck import runner
from referatcheck.cli import main
from referatcheck.pipeline import RunSettings
from referatcheck.runner import ProgressBar, ResultCache, code_fingerprint, default_cache_dir, lint_paths

SETTINGS = RunSettings(isolated=True)


@pytest.fixture(scope="module")
def minutes(tmp_path_factory) -> list[str]:
    """Clean and defective examples (cp1252, CRLF and BOM among them) and a binary file."""
    folder = tmp_path_factory.mktemp("minutes")
    sources = sorted((EXAMPLES / "clean").glob("*.md")) + sorted((EXAMPLES / "defects").glob("*-*.*"))
    paths = []
    for i, source in enumerate(sources[:9]):
        target = folder / f"{i:02d}-{source.name}"
        shutil.copyfile(source, target)
        paths.append(str(target))
    (folder / "00-binary.md").write_bytes(b"\x89PNG\x00\x00" * 100)
    assert len(paths) + 1 >= runner.PARALLEL_MIN_FILES  # enough to use the worker pool
    return sorted(paths + [str(folder / "00-binary.md")])


@pytest.fixture(scope="module")
def serial(minutes):
    return lint_paths(minutes, SETTINGS, jobs=1, use_cache=False)


def test_parallel_results_equal_serial_and_keep_the_order(minutes, serial):
    parallel = lint_paths(minutes, SETTINGS, jobs=2, use_cache=False)
    assert [r.path for r in serial] == minutes
    assert parallel == serial
    assert any(r.diagnostics for r in serial) and any(r.incomplete for r in serial)


def test_cli_output_of_jobs_2_is_byte_identical_to_jobs_1(minutes, tmp_path):
    outputs = {}
    for jobs in ("1", "2"):
        for fmt in ("text", "json"):
            result = CliRunner().invoke(main, ["check", "--isolated", "--no-cache", "-j", jobs, "--format", fmt,
                                               *minutes])
            outputs[jobs, fmt] = (result.exit_code, result.stdout)
    assert outputs["1", "text"] == outputs["2", "text"]
    assert outputs["1", "json"] == outputs["2", "json"]
    assert outputs["1", "text"][0] == 2  # the binary file makes the lint incomplete


def test_warm_cache_gives_the_same_results(minutes, serial, tmp_path):
    cold = lint_paths(minutes, SETTINGS, jobs=2, cache_dir=tmp_path)
    entries = list((tmp_path / f"v{runner.CACHE_FORMAT}").rglob("*"))
    assert any(e.is_file() for e in entries)
    warm = lint_paths(minutes, SETTINGS, jobs=1, cache_dir=tmp_path)
    assert warm == cold == serial
    assert (tmp_path / "CACHEDIR.TAG").exists() and (tmp_path / ".gitignore").read_text() == "*\n"


def test_cache_is_used(minutes, tmp_path, monkeypatch):
    lint_paths(minutes[:3], SETTINGS, jobs=1, cache_dir=tmp_path)
    calls = []
    real = runner.lint_file
    monkeypatch.setattr(runner, "lint_file", lambda *a: calls.append(a[0]) or real(*a))
    lint_paths(minutes[:3], SETTINGS, jobs=1, cache_dir=tmp_path)
    # Only the unreadable binary file (an incomplete result) is linted again.
    assert calls == [p for p in minutes[:3] if "binary" in p]


def _lint_one(path: Path, cache: Path, settings: RunSettings = SETTINGS):
    return lint_paths([str(path)], settings, jobs=1, cache_dir=cache)[0]


def test_cache_is_never_stale_when_the_file_changes(tmp_path):
    path = tmp_path / "m.md"
    shutil.copyfile(EXAMPLES / "defects" / "toc-defects.md", path)
    first = _lint_one(path, tmp_path / "cache")
    assert any(d.code.startswith("TOC") for d in first.diagnostics)
    stat = path.stat()
    shutil.copyfile(EXAMPLES / "clean" / "nordby-teknik-og-miljoeudvalget-2024-05-06.md", path)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same mtime: content decides
    second = _lint_one(path, tmp_path / "cache")
    assert not any(d.code.startswith("TOC") for d in second.diagnostics)


def test_cache_is_never_stale_when_the_path_or_configuration_changes(tmp_path):
    folder = tmp_path / "a"
    folder.mkdir()
    source = EXAMPLES / "defects" / "toc-defects.md"
    shutil.copyfile(source, folder / "m.md")
    shutil.copyfile(source, folder / "n.md")
    first = _lint_one(folder / "m.md", tmp_path / "cache", RunSettings())
    twin = _lint_one(folder / "n.md", tmp_path / "cache", RunSettings())
    assert {d.path for d in twin.diagnostics} == {str(folder / "n.md")}  # not m.md's cached result
    (folder / "referatcheck.toml").write_text('[lint]\nignore = ["TOC"]\n')
    configured = _lint_one(folder / "m.md", tmp_path / "cache", RunSettings())
    assert any(d.code.startswith("TOC") for d in first.diagnostics)
    assert not any(d.code.startswith("TOC") for d in configured.diagnostics)
    selected = _lint_one(folder / "m.md", tmp_path / "cache", RunSettings(isolated=True, select=("TOC001",)))
    assert {d.code for d in selected.diagnostics} <= {"TOC001"}


def test_cache_key_covers_versions_and_code(tmp_path):
    data = b"# REFERAT Udvalget d. 01-02-2024\n"
    a = ResultCache(tmp_path, salt="referatcheck=0.1.0").key("m.md", data, SETTINGS)
    b = ResultCache(tmp_path, salt="referatcheck=0.1.1").key("m.md", data, SETTINGS)
    assert a != b
    fingerprint = code_fingerprint()
    assert "referatcheck=" in fingerprint and "toc=referatcheck_plugins.toc_rules@" in fingerprint
    assert "toc_rules.py:" in fingerprint and "lexer.py:" in fingerprint  # source stamps: editable installs


def test_editing_a_rule_module_invalidates_the_cache():
    import referatcheck_plugins.toc_rules as toc

    def stamp() -> str:  # the fingerprint's line for toc_rules.py (other files may change meanwhile)
        code_fingerprint.cache_clear()
        return next(line for line in code_fingerprint().splitlines() if line.startswith(str(Path(toc.__file__).resolve())))

    before = stamp()
    stat = os.stat(toc.__file__)
    try:
        os.utime(toc.__file__, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        assert stamp() != before
    finally:
        os.utime(toc.__file__, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert stamp() == before
    code_fingerprint.cache_clear()


def test_damaged_cache_entries_are_misses(minutes, serial, tmp_path):
    clean = lint_paths(minutes[:4], SETTINGS, jobs=1, cache_dir=tmp_path)
    assert clean == serial[:4]
    for entry in (tmp_path / f"v{runner.CACHE_FORMAT}").rglob("*"):
        if entry.is_file():
            entry.write_bytes(entry.read_bytes()[:7])  # truncated, as after a crash
    assert lint_paths(minutes[:4], SETTINGS, jobs=1, cache_dir=tmp_path) == clean
    for entry in (tmp_path / f"v{runner.CACHE_FORMAT}").rglob("*"):
        if entry.is_file():
            entry.write_bytes(b"not a pickle at all")
    assert lint_paths(minutes[:4], SETTINGS, jobs=1, cache_dir=tmp_path) == clean


def _write_many(args):
    directory, rounds = args
    cache = ResultCache(directory, salt="s")
    result = lint_paths([str(EXAMPLES / "defects" / "toc-defects.md")], SETTINGS, jobs=1, use_cache=False)[0]
    key = cache.key(result.path, b"same", SETTINGS)
    seen = 0
    for _ in range(rounds):
        cache.put(key, result)
        got = cache.get(key)
        seen += got == result
    return seen


def test_concurrent_writers_never_leave_a_broken_entry(tmp_path):
    context = multiprocessing.get_context("fork" if sys.platform != "win32" else None)
    with context.Pool(4) as pool:
        seen = pool.map(_write_many, [(str(tmp_path), 50)] * 4)
    assert seen == [50] * 4  # every read saw a whole entry
    assert not [p for p in tmp_path.rglob("*.tmp")]  # no temporary file left behind


def test_no_cache_writes_nothing(minutes, tmp_path):
    CliRunner().invoke(main, ["check", "--isolated", "--no-cache", "--cache-dir", str(tmp_path / "c"), *minutes[:3]])
    assert not (tmp_path / "c").exists()


def test_unwritable_cache_dir_does_not_stop_the_run(minutes, serial, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    results = lint_paths(minutes[:3], SETTINGS, jobs=1, cache_dir=blocker)
    assert results == serial[:3]


def test_default_cache_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("REFERATCHECK_CACHE_DIR", str(tmp_path / "explicit"))
    assert default_cache_dir() == tmp_path / "explicit"
    monkeypatch.delenv("REFERATCHECK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "referatcheck"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_cache_dir() == Path.home() / ".cache" / "referatcheck"


def test_default_jobs_is_every_core():
    assert runner.default_jobs() == len(os.sched_getaffinity(0))


def _dies_on_the_third(path, settings, cache=None):
    """lint_path, except that the worker checking the third file dies as if killed."""
    if "02-" in os.path.basename(path):
        os._exit(9)
    return _real_lint_path(path, settings, cache)


_real_lint_path = runner.lint_path


def test_a_dead_worker_costs_only_its_file_and_is_replaced(minutes, serial, monkeypatch):
    # Workers are forked, so they see the patched function.
    monkeypatch.setattr(runner, "lint_path", _dies_on_the_third)
    results = lint_paths(minutes, SETTINGS, jobs=2, use_cache=False)
    dead = next(k for k, path in enumerate(minutes) if "02-" in os.path.basename(path))
    assert [d.code for d in results[dead].diagnostics] == ["RC003"]
    assert "stopped unexpectedly" in results[dead].diagnostics[0].message.en and results[dead].incomplete
    assert results[:dead] + results[dead + 1:] == serial[:dead] + serial[dead + 1:]


def test_progress_bar_draws_and_clears():
    stream = io.StringIO()
    bar = ProgressBar(3, stream=stream, width=10)
    for _ in range(3):
        bar.advance()
    bar.close()
    text = stream.getvalue()
    assert "3/3" in text and "[##########]" in text and text.endswith("\r")


def test_progress_bar_only_on_a_terminal(minutes, capsys, monkeypatch):
    monkeypatch.setattr(runner, "PROGRESS_MIN_FILES", 5)
    monkeypatch.setattr(runner, "lint_path", lambda path, settings, cache=None: path)  # the bar, not the lint
    lint_paths(minutes, SETTINGS, jobs=1, use_cache=False)  # stderr is captured: not a terminal
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(runner, "_stderr_is_terminal", lambda: True)
    lint_paths(minutes, SETTINGS, jobs=1, use_cache=False)
    assert f"{len(minutes)}/{len(minutes)}" in capsys.readouterr().err
    lint_paths(minutes[:3], SETTINGS, jobs=1, use_cache=False)  # few files: no bar
    assert capsys.readouterr().err == ""


# ---- what a run keeps and where it caches -------------------------------------------


def test_a_run_may_keep_only_the_lines_its_findings_quote(minutes, serial):
    quoted = lint_paths(minutes, SETTINGS, jobs=2, use_cache=False, full_source=False)
    assert [r.diagnostics for r in quoted] == [r.diagnostics for r in serial]
    for whole, kept in zip(serial, quoted):
        if whole.source is None:
            assert kept.source is None
            continue
        assert kept.source.line_count == len(whole.source.lines)
        assert set(kept.source.quoted) == {d.span.line for d in whole.diagnostics}
        for d in whole.diagnostics:
            assert kept.source.line(d.span.line) == whole.source.line(d.span.line)


def _fresh_process(args: list[str], home: Path, extra_path: Path | None = None) -> subprocess.CompletedProcess:
    """`referatcheck ARGS` in a new interpreter whose default cache folder is under ``home``;
    prints the modules it imported to stderr."""
    env = {k: v for k, v in os.environ.items() if k not in ("REFERATCHECK_CACHE_DIR", "PYTHONPATH")}
    env["XDG_CACHE_HOME"] = str(home)
    if extra_path is not None:
        env["PYTHONPATH"] = str(extra_path)
    probe = ("import sys\nfrom referatcheck.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n"
             "    pass\nprint(' '.join(sorted(sys.modules)), file=sys.stderr)\n")
    return subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, env=env, timeout=120)


def test_no_cache_writes_nothing_anywhere(tmp_path):
    minutes = tmp_path / "m.md"
    shutil.copyfile(EXAMPLES / "defects" / "toc-defects.md", minutes)
    _fresh_process(["check", "--isolated", "--no-cache", str(minutes)], tmp_path / "home")
    assert not (tmp_path / "home").exists()  # neither results nor grammar tables nor the plugin list


def test_cache_dir_holds_every_cache_and_a_warm_run_loads_no_plugin(tmp_path):
    minutes = tmp_path / "m.md"
    shutil.copyfile(EXAMPLES / "defects" / "toc-defects.md", minutes)
    args = ["check", "--isolated", "--cache-dir", str(tmp_path / "cache"), str(minutes)]
    cold = _fresh_process(args, tmp_path / "home")
    names = {p.name for p in (tmp_path / "cache").iterdir()}
    assert any(n.startswith("lark-") for n in names) and any(n.startswith("environment-") for n in names)
    assert "CACHEDIR.TAG" in names and not (tmp_path / "home").exists()
    warm = _fresh_process(args, tmp_path / "home")
    assert warm.stdout == cold.stdout and "TOC" in warm.stdout
    imported = warm.stderr.split()
    assert "referatcheck_plugins.toc_rules" in cold.stderr.split()
    assert not [m for m in imported if m.startswith(("referatcheck_plugins", "lark", "pluggy", "importlib.metadata"))]


def test_a_plugin_installed_after_a_run_is_found(tmp_path):
    """The list of installed plugins is cached; a new distribution on sys.path renews it."""
    site = tmp_path / "site"
    site.mkdir()
    minutes = tmp_path / "m.md"
    shutil.copyfile(EXAMPLES / "clean" / "nordby-oekonomiudvalget-2024-09-02.md", minutes)
    args = ["check", "--isolated", "--format", "json", "--cache-dir", str(tmp_path / "cache"), str(minutes)]
    before = _fresh_process(args, tmp_path / "home", extra_path=site)
    assert "RC001" not in before.stdout
    (site / "probe_late.py").write_text("raise ImportError('late probe')\n")
    dist = site / "probe_late-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: probe-late\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text("[referatcheck]\nprobe_late = probe_late\n")
    after = _fresh_process(args, tmp_path / "home", extra_path=site)
    assert "RC001" in after.stdout and "late probe" in after.stdout
