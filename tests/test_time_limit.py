"""A run never hangs: a stuck rule or format plugin costs its file only (RC010, naming
it), a worker stuck where no signal reaches is stopped and replaced, and the first
Ctrl-C ends the run with exit status 130, no traceback and no partial report.

Time limits here are a fraction of a second, set through the configuration; no test
measures speed.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_fault_isolation import MINUTES, _rule, _site_with_plugin

from referatcheck.config import ConfigError
from referatcheck.deadline import TimeLimitExceeded, limit_for, time_limit
from referatcheck.engine import Linter
from referatcheck.pipeline import configuration_for

# A rule that never returns on files whose name contains "stuck" (a Python loop, which the
# timer interrupts), or, with BLOCKED, never returns where no signal reaches it.
HANGING_RULE = """\
import os, signal, time
from referatcheck import hookimpl
from referatcheck.diagnostic import Severity
from referatcheck.rule import Rule, RuleDoc

BLOCKED = {blocked}
SLEEPY = {sleepy}

class Hang(Rule):
    code, name, family, severity = "XHG001", "hang-probe", "XHG", Severity.ERROR
    doc = RuleDoc("x", "x", "x", "x", "x", "x")

    def check(self, document, options):
        if SLEEPY:
            open(os.environ["PROBE_STARTED"], "a").close()
            time.sleep(600)
        if "stuck" not in os.path.basename(document.path):
            return
        if BLOCKED:  # as C code that never returns to Python: the timer's signal waits
            signal.pthread_sigmask(signal.SIG_BLOCK, {{signal.SIGALRM}})
            time.sleep(600)
        while True:
            pass
        yield

@hookimpl
def referatcheck_rules():
    return [Hang]
"""

HANGING_FORMAT = """\
import os
from referatcheck import hookimpl

@hookimpl
def referatcheck_load_document(path, data, vocabulary):
    if "stuck" in os.path.basename(path):
        while True:
            pass
    return None
"""


def _folder(tmp_path: Path, names: list[str], config: str = "timeout = 1\n") -> Path:
    folder = tmp_path / "referater"
    folder.mkdir()
    for name in names:
        (folder / name).write_text(MINUTES, encoding="utf-8")
    (tmp_path / "referatcheck.toml").write_text(config, encoding="utf-8")
    return folder


def _run(site: Path, *args: str, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")])))
    env.update(kwargs.pop("env", {}))
    return subprocess.run([sys.executable, "-m", "referatcheck.cli", "check", "--no-cache", *args],
                          capture_output=True, text=True, env=env, cwd=cwd, timeout=120, **kwargs)


def _by_path(report: dict) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for d in report["diagnostics"]:
        found.setdefault(Path(d["path"]).name, []).append(d)
    return found


def _linted_whole(found: list[dict]) -> bool:
    codes = {d["code"] for d in found}
    return "TOC001" in codes and not any(code.startswith("RC") for code in codes)


# ---- in one process ----------------------------------------------------------------------


def _loops(self, document, options):
    while True:
        pass
    yield  # pragma: no cover


def _swallows(self, document, options):
    try:
        while True:
            pass
    except Exception:  # a rule's own handler must not swallow the time limit
        pass
    yield  # pragma: no cover


@pytest.mark.parametrize("check", [_loops, _swallows])
def test_a_stuck_rule_is_rc010_naming_it_and_what_came_before_stands(check):
    good = _rule("XPR001", lambda self, document, options: iter([
        self.diagnostic(document, document.head.title.span, "fundet", "found")]))
    stuck, after = _rule("XPR500", check), _rule("XPR900", lambda self, d, o: iter(()))
    linter = Linter(rules=[good, stuck, after])
    Linter(rules=[good]).lint_bytes("m.md", MINUTES.encode())  # imports and parser tables: outside the limit
    with time_limit(0.2):
        result = linter.lint_bytes("m.md", MINUTES.encode())
    codes = [d.code for d in result.diagnostics]
    assert "XPR001" in codes and result.incomplete
    [timeout] = [d for d in result.diagnostics if d.code == "RC010"]
    assert "rule XPR500 (probe-xpr500)" in timeout.message.en and "reglen XPR500" in timeout.message.da
    assert "these rules did not run: XPR900" in timeout.message.en


def test_the_limit_grows_with_the_file_and_zero_means_none():
    assert limit_for(10_000, 60) == 60 and limit_for(5_000_000, 60) == 300 and limit_for(10**9, 0) == 0


def test_the_timer_is_put_back_after_the_file():
    previous = signal.getsignal(signal.SIGALRM)
    with time_limit(5):
        pass
    assert signal.getsignal(signal.SIGALRM) is previous and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    with pytest.raises(TimeLimitExceeded):
        with time_limit(0.05):
            time.sleep(5)


@pytest.mark.parametrize("value", ['"60"', "-1", "true"])
def test_a_bad_timeout_is_a_configuration_error(tmp_path, value):
    (tmp_path / "referatcheck.toml").write_text(f"timeout = {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="timeout"):
        configuration_for(str(tmp_path / "referat.md"))


# ---- through the command line, with plugins installed as a user installs them -------------


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_stuck_rule_costs_its_file_only(tmp_path, jobs):
    site = _site_with_plugin(tmp_path / "site", "hang", HANGING_RULE.format(blocked=False, sleepy=False))
    names = ["stuck.md"] + [f"m{k:02d}.md" for k in range(8)]  # 9 files: workers with -j 2
    folder = _folder(tmp_path, names)
    run = _run(site, "--jobs", jobs, "--format", "json", "--lang", "en", str(folder), cwd=tmp_path)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    found = _by_path(json.loads(run.stdout))
    [timeout] = [d for d in found["stuck.md"] if d["code"] == "RC010"]
    assert "rule XHG001 (hang-probe)" in timeout["message"]
    for name in names[1:]:  # the other files were linted whole
        assert _linted_whole(found[name])


def test_a_stuck_format_plugin_is_named(tmp_path):
    site = _site_with_plugin(tmp_path / "site", "hangfmt", HANGING_FORMAT)
    folder = _folder(tmp_path, ["stuck.md", "ok.md"])
    run = _run(site, "--jobs", "1", "--format", "json", "--lang", "en", str(folder), cwd=tmp_path)
    found = _by_path(json.loads(run.stdout))
    assert run.returncode == 2
    assert [d["code"] for d in found["stuck.md"]] == ["RC010"]
    assert "plugin 'probe_hangfmt', which was reading the file" in found["stuck.md"][0]["message"]
    assert _linted_whole(found["ok.md"])


def test_a_worker_stuck_where_no_signal_reaches_is_stopped_and_replaced(tmp_path):
    site = _site_with_plugin(tmp_path / "site", "hardhang", HANGING_RULE.format(blocked=True, sleepy=False))
    names = ["stuck-1.md", "stuck-2.md"] + [f"m{k:02d}.md" for k in range(8)]
    folder = _folder(tmp_path, names)
    # Both workers get stuck; only replaced workers can lint the other eight files.
    run = _run(site, "--jobs", "2", "--format", "json", "--lang", "en", str(folder), cwd=tmp_path)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    found = _by_path(json.loads(run.stdout))
    for name in names[:2]:
        assert [d["code"] for d in found[name]] == ["RC010"]
        assert "its worker process was stopped and replaced" in found[name][0]["message"]
    for name in names[2:]:
        assert _linted_whole(found[name])


# ---- Ctrl-C ------------------------------------------------------------------------------


@pytest.mark.parametrize("jobs, files", [("1", 2), ("2", 9)])
def test_the_first_ctrl_c_stops_the_run_with_130_and_no_report(tmp_path, jobs, files):
    site = _site_with_plugin(tmp_path / "site", "sleepy", HANGING_RULE.format(blocked=False, sleepy=True))
    folder = _folder(tmp_path, [f"m{k:02d}.md" for k in range(files)], config="timeout = 0\n")
    started = tmp_path / "started"
    report = tmp_path / "rapport.json"
    report.write_text("the previous report\n", encoding="utf-8")
    env = dict(os.environ, PROBE_STARTED=str(started),
               PYTHONPATH=os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")])))
    # Its own session, so that the signal reaches it and its workers as a terminal's Ctrl-C does.
    process = subprocess.Popen(
        [sys.executable, "-m", "referatcheck.cli", "check", "--no-cache", "--jobs", jobs, "--format", "json",
         "-o", str(report), str(folder)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not started.exists() and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
        assert started.exists(), process.communicate(timeout=5)
        os.killpg(process.pid, signal.SIGINT)  # once
        stdout, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr and stderr.strip() == "referatcheck: afbrudt / interrupted"
    assert stdout == ""
    assert report.read_text(encoding="utf-8") == "the previous report\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".rapport")] == []


def test_report_files_are_replaced_whole(tmp_path):
    from referatcheck.atomic import write_text_atomically

    target = tmp_path / "rapport.html"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)
    write_text_atomically(target, "new")
    assert target.read_text(encoding="utf-8") == "new" and target.stat().st_mode & 0o777 == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rapport.html"]
