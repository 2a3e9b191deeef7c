"""Fault isolation: a broken plugin or rule costs only itself, never the run.

Each failure is an RC diagnostic naming the culprit, the other rules still run, and
the exit status is 2 because the lint is incomplete.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from referatcheck import engine
from referatcheck.diagnostic import Severity
from referatcheck.engine import Linter
from referatcheck.plugins import Plugins, load_plugins
from referatcheck.rule import Rule, RuleDoc

DOC = RuleDoc(summary_da="x", summary_en="x", why_da="x", why_en="x", wrong="x", right="x")

MINUTES = textwrap.dedent("""\
    # REFERAT Kulturudvalget d. 12-03-2024

    ## Indholdsfortegnelse

    Godkendelse af dagsorden.....\t2
    Et punkt der ikke findes.....\t3

    # Punkt 1: Godkendelse af dagsorden

    24/1001

    ## Beslutning

    Godkendt.
    """)


def _rule(code: str, check) -> type[Rule]:
    return type(f"Rule{code}", (Rule,), {
        "code": code, "name": f"probe-{code.lower()}", "family": "XPR", "severity": Severity.WARNING,
        "doc": DOC, "check": check,
    })


def _finds_first_line(self, document, options):
    yield self.diagnostic(document, document.head.title.span, "fundet", "found")


def _raises(self, document, options):
    raise ZeroDivisionError("division by zero in a rule")
    yield  # pragma: no cover


def _yields_garbage(self, document, options):
    yield "not a diagnostic"


def _returns_none(self, document, options):
    return None


def _raises_midway(self, document, options):
    yield self.diagnostic(document, document.head.title.span, "før", "before")
    raise KeyError("midway")


GOOD = _rule("XPR001", _finds_first_line)


@pytest.mark.parametrize("check, fragment", [
    (_raises, "ZeroDivisionError"),
    (_yields_garbage, "yielded str instead of a Diagnostic"),
    (_returns_none, "TypeError"),
    (_raises_midway, "KeyError"),
])
def test_a_crashing_rule_is_rc002_naming_it_and_the_others_still_run(check, fragment):
    bad = _rule("XPR900", check)
    result = Linter(rules=[bad, GOOD]).lint_bytes("m.md", MINUTES.encode())
    codes = [d.code for d in result.diagnostics]
    assert "XPR001" in codes  # the good rule ran
    crash = [d for d in result.diagnostics if d.code == "RC002"]
    assert len(crash) == 1 and "XPR900" in crash[0].message.en and fragment in crash[0].message.en
    assert "XPR900" in crash[0].message.da
    assert crash[0].severity is Severity.ERROR
    assert result.incomplete
    # Findings a crashing rule yielded before it raised are not reported half-done.
    assert not any(d.code == "XPR900" for d in result.diagnostics)


def test_rule_with_broken_options_is_isolated():
    bad = _rule("XPR901", _finds_first_line)
    bad.options = ["not", "a", "mapping"]
    result = Linter(rules=[bad, GOOD]).lint_bytes("m.md", MINUTES.encode())
    assert {d.code for d in result.diagnostics} >= {"RC002", "XPR001"}
    assert result.incomplete


def test_a_clean_run_is_complete():
    result = Linter(rules=[GOOD]).lint_bytes("m.md", MINUTES.encode())
    assert not result.incomplete and [d.code for d in result.diagnostics] == ["XPR001"]


def test_a_parser_bug_costs_the_file_only(monkeypatch):
    def broken(source, vocabulary):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(engine, "parse_document", broken)
    result = Linter(rules=[GOOD]).lint_bytes("m.md", MINUTES.encode())
    assert [d.code for d in result.diagnostics] == ["RC003"]
    assert "RecursionError" in result.diagnostics[0].message.en
    assert result.incomplete and result.source is None


def _plugins_with(behaviour, suffixes=None) -> Plugins:
    """The installed plugins plus a format plugin whose load hook does ``behaviour``
    (for files ending in ``suffixes``, when it declares them)."""
    import types

    from referatcheck import hookimpl
    from referatcheck.plugins import _collect_suffixes, new_manager

    hooks = {"referatcheck_load_document": hookimpl(lambda path, data, vocabulary: behaviour(path))}
    if suffixes is not None:
        hooks["referatcheck_input_suffixes"] = hookimpl(lambda: suffixes)
    manager = new_manager()
    for name, plugin in load_plugins().manager.list_name_plugin():
        manager.register(plugin, name=name)
    manager.register(types.SimpleNamespace(**hooks), name="format-probe")
    return Plugins(manager=manager, rules=load_plugins().rules, failures=(),
                   input_suffixes=_collect_suffixes(manager, []))


def _lint(plugins, path: str, data: bytes):
    return Linter(plugins=plugins, rules=load_plugins().rules).lint_bytes(path, data)


@pytest.mark.parametrize("behaviour, fragment", [
    (lambda path: 1 / 0, "ZeroDivisionError"),
    (lambda path: "a string", "returned str, not a Document"),
])
def test_a_format_plugin_that_chokes_on_files_it_claimed_is_named_in_rc003(behaviour, fragment):
    plugins = _plugins_with(behaviour, suffixes=[".xyz"])
    result = _lint(plugins, "m.xyz", MINUTES.encode())
    assert [d.code for d in result.diagnostics] == ["RC003"]
    message = result.diagnostics[0].message
    assert "'format-probe'" in message.en and fragment in message.en and "'format-probe'" in message.da
    assert result.incomplete and result.source is None


def test_other_files_and_formats_are_still_read_when_a_format_plugin_breaks():
    from test_docx import WordTwin

    plugins = _plugins_with(lambda path: 1 / 0, suffixes=[".xyz"])
    markdown = _lint(plugins, "m.md", MINUTES.encode())
    assert "TOC001" in {d.code for d in markdown.diagnostics}
    assert not any(d.code.startswith("RC") for d in markdown.diagnostics) and not markdown.incomplete
    word = _lint(plugins, "m.docx", WordTwin(MINUTES).docx_bytes())
    assert "TOC001" in {d.code for d in word.diagnostics} and not word.incomplete


def test_a_format_plugin_that_claims_nothing_and_raises_is_named_and_the_text_reader_reads_the_file():
    plugins = _plugins_with(lambda path: 1 / 0)
    result = _lint(plugins, "m.md", MINUTES.encode())
    failed = [d for d in result.diagnostics if d.code == "RC001"]
    assert len(failed) == 1 and "'format-probe'" in failed[0].message.en and "ZeroDivisionError" in failed[0].message.en
    assert "læst uden det" in failed[0].message.da
    assert "TOC001" in {d.code for d in result.diagnostics}  # the built-in reader read it
    assert result.incomplete  # the lint went on without a plugin that may have been meant for it


def test_a_damaged_file_of_a_plugins_format_is_rc003_with_the_plugins_reason():
    result = Linter().lint_bytes("kladde.docx", b"PK\x03\x04 not really a zip")
    assert [d.code for d in result.diagnostics] == ["RC003"]
    message = result.diagnostics[0].message
    assert message.da.startswith("Filen kan ikke læses og er sprunget over: ikke et gyldigt Word-dokument")
    assert "not a valid Word document" in message.en and "plugin" not in message.en


# ---- plugins discovered through entry points (in a fresh process, as a user runs them) ----

PLUGINS = {
    # name: (module source, what the RC001 message must name)
    "import_fails": ("raise ImportError('no module named lxml_probe')\n", "ImportError"),
    "rules_hook_raises": (
        "from referatcheck import hookimpl\n\n@hookimpl\ndef referatcheck_rules():\n    raise RuntimeError('rules hook')\n",
        "RuntimeError: rules hook",
    ),
    "names_hook_raises": (
        "from referatcheck import hookimpl\n\n@hookimpl\ndef referatcheck_section_names():\n"
        "    raise ValueError('names hook')\n",
        "ValueError: names hook",
    ),
    "reporters_hook_raises": (
        "from referatcheck import hookimpl\n\n@hookimpl\ndef referatcheck_reporters():\n"
        "    return 42\n",
        "TypeError",
    ),
    "rule_crashes": (
        "from referatcheck import hookimpl\nfrom referatcheck.diagnostic import Severity\n"
        "from referatcheck.rule import Rule, RuleDoc\n\n"
        "class Crash(Rule):\n"
        "    code, name, family, severity = 'XCR001', 'crash-probe', 'XCR', Severity.ERROR\n"
        "    doc = RuleDoc('x', 'x', 'x', 'x', 'x', 'x')\n"
        "    def check(self, document, options):\n"
        "        raise IndexError('crash probe')\n\n"
        "@hookimpl\ndef referatcheck_rules():\n    return [Crash]\n",
        "XCR001",
    ),
}


def _site_with_plugin(root: Path, name: str, source: str) -> Path:
    """A folder for PYTHONPATH holding one module and the dist-info that registers it."""
    site = root / name
    (site / f"probe_{name}-0.1.dist-info").mkdir(parents=True)
    (site / f"probe_{name}-0.1.dist-info" / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: probe-{name}\nVersion: 0.1\n")
    (site / f"probe_{name}-0.1.dist-info" / "entry_points.txt").write_text(
        f"[referatcheck]\nprobe_{name} = probe_{name}\n")
    (site / f"probe_{name}.py").write_text(source)
    return site


def _check(site: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")])))
    return subprocess.run([sys.executable, "-m", "referatcheck.cli", "check", "--no-cache", "--isolated", *args],
                          capture_output=True, text=True, env=env, cwd=cwd, timeout=120)


@pytest.mark.parametrize("name", sorted(PLUGINS))
def test_broken_plugin_is_reported_and_exit_status_is_2(tmp_path, name):
    source, fragment = PLUGINS[name]
    site = _site_with_plugin(tmp_path / "site", name, source)
    minutes = tmp_path / "m.md"
    minutes.write_text(MINUTES, encoding="utf-8")
    run = _check(site, "--format", "json", "--lang", "en", str(minutes), cwd=tmp_path)
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    import json

    report = json.loads(run.stdout)
    codes = {d["code"] for d in report["diagnostics"]}
    own = "RC002" if name == "rule_crashes" else "RC001"
    assert own in codes
    message = next(d["message"] for d in report["diagnostics"] if d["code"] == own)
    assert fragment in message and (name in message or "XCR001" in message)
    # The built-in rules still ran: the TOC entry without an item is found.
    assert "TOC001" in codes


def test_broken_plugin_in_parallel_run_gives_the_same_report(tmp_path):
    source, _ = PLUGINS["rule_crashes"]
    site = _site_with_plugin(tmp_path / "site", "rule_crashes", source)
    folder = tmp_path / "minutes"
    folder.mkdir()
    for i in range(12):
        (folder / f"m{i:02d}.md").write_text(MINUTES, encoding="utf-8")
    serial = _check(site, "--jobs", "1", str(folder), cwd=tmp_path)
    parallel = _check(site, "--jobs", "2", str(folder), cwd=tmp_path)
    assert serial.returncode == parallel.returncode == 2
    assert serial.stdout == parallel.stdout
    assert serial.stdout.count("RC002") == 12


@pytest.mark.parametrize("command", [("rules",), ("rules", "--format", "json"), ("explain", "XNOPE001")])
def test_rules_and_explain_report_a_plugin_that_failed_to_load(tmp_path, command):
    source, _ = PLUGINS["import_fails"]
    site = _site_with_plugin(tmp_path / "site", "import_fails", source)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")])))
    run = subprocess.run([sys.executable, "-m", "referatcheck.cli", *command], capture_output=True, text=True,
                         env=env, cwd=tmp_path, timeout=120)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "probe_import_fails" in run.stderr and "ImportError" in run.stderr
    if command[0] == "rules":
        assert "TOC001" in run.stdout  # the rules that did load are still listed
