"""What ruff users reach for: --statistics, -q, --output-format, --watch; `explain` and `rules`
on fixes; the generated rule reference the SARIF links point to."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import tomllib

import pytest
from click.testing import CliRunner
from conftest import ROOT
from snippets import CLEAN, TOC_DEFECTS, write

from referatcheck.catalog import HOMEPAGE, RULES_REFERENCE, all_rules, rules_markdown
from referatcheck.cli import main


def cli(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.md", TOC_DEFECTS)
    write(tmp_path / "b.md", TOC_DEFECTS.replace("Orientering om ingenting.....\t6\n", ""))
    return tmp_path


def test_statistics_count_each_code_most_frequent_first(folder):
    run = cli("check", "--no-cache", "--statistics", "a.md", "b.md")
    rows = [line.split("\t") for line in run.stdout.splitlines()]
    assert rows[:2] == [["2", "TOC003", "[*] toc-title-near-miss"], ["1", "TOC001", "[*] toc-entry-without-item"]]
    assert run.exit_code == 1  # the findings still decide the exit status
    data = json.loads(cli("check", "--no-cache", "--statistics", "--output-format", "json", "a.md", "b.md").stdout)
    assert data[0] == {"code": "TOC003", "name": "toc-title-near-miss", "count": 2, "fixable": 2}
    assert cli("check", "--no-cache", "--statistics", "--select", "ATT", "a.md").stdout == ""


def test_quiet_prints_the_findings_and_nothing_else(folder):
    loud = cli("check", "--no-cache", "a.md").stdout.splitlines()
    quiet = cli("check", "--no-cache", "-q", "a.md").stdout.splitlines()
    assert quiet == loud[:-2] and any("TOC001" in line for line in quiet)
    assert cli("check", "--no-cache", "--quiet", "a.md", "--fix").stdout.count("Rettede") == 0
    fixed = cli("check", "--no-cache", "-q", "a.md")
    assert fixed.exit_code == 0 and fixed.stdout == ""  # fixed above: nothing left, and nothing said


def test_output_format_is_format(folder):
    assert cli("check", "--no-cache", "--output-format", "json", "b.md").stdout == \
        cli("check", "--no-cache", "--format", "json", "b.md").stdout
    bad = cli("check", "--output-format", "yaml", "b.md")
    assert bad.exit_code == 2 and "unknown format" in bad.stderr


def test_explain_and_rules_say_whether_a_rule_can_fix():
    assert "Automatisk rettelse: ja, sikker (`--fix`)" in cli("explain", "TOC003").stdout
    assert "Automatic fix: yes, unsafe (`--fix --unsafe-fixes`)" in cli("explain", "MTG002", "--lang", "en").stdout
    assert "Automatisk rettelse: nej" in cli("explain", "TAB001").stdout
    rules = {r["code"]: r["fix"] for r in json.loads(cli("rules", "--format", "json").stdout)}
    assert rules["TOC003"] == "safe" and rules["MTG003"] == "unsafe" and rules["TAB001"] is None
    assert {code for code, fix in rules.items() if fix} == {
        "TOC001", "TOC002", "TOC003", "TOC004", "TOC006", "TOC007", "TAB007", "ATT007", "MTG002", "MTG003"}


def test_the_rule_reference_is_generated_and_up_to_date():
    builtin = [r for r in all_rules() if r.__module__.startswith("referatcheck")]
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == rules_markdown(builtin), "run: referatcheck rules --format markdown > docs/rules.md"
    for rule in builtin:  # every SARIF helpUri (RULES_REFERENCE#code) has its heading
        assert f"\n## {rule.code}\n" in committed


def test_project_urls_are_the_sarif_links():
    urls = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]
    assert urls == {"Homepage": HOMEPAGE, "Documentation": RULES_REFERENCE}


def test_watch_checks_again_after_a_change_and_ends_on_ctrl_c(tmp_path):
    minutes = write(tmp_path / "referater" / "a.md", TOC_DEFECTS)
    env = {**os.environ, "NO_COLOR": "1", "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "referatcheck.cli", "check", "--no-cache", "--watch", "referater"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    messages = _Lines(process.stderr)
    try:
        messages.wait_for("Venter på ændringer")
        deadline = time.monotonic() + 30
        while not messages.seen("kontrollerer igen"):
            # A write before the watcher has started may go unseen: write until a re-check shows.
            assert time.monotonic() < deadline, "no re-check after the file changed"
            minutes.write_text(CLEAN, encoding="utf-8")
            time.sleep(0.5)
        messages.wait_for("Venter på ændringer", after="kontrollerer igen")
    finally:
        process.send_signal(signal.SIGINT)
        stdout, _ = process.communicate(timeout=20)
    assert process.returncode == 0
    summaries = [line for line in stdout.splitlines() if "kontrolleret" in line]
    assert summaries[0].endswith("1 fejl, 1 advarsel, 0 info")
    assert summaries[-1].endswith("0 fejl, 0 advarsler, 0 info")
    assert "Traceback" not in "".join(messages.lines) and "KeyboardInterrupt" not in "".join(messages.lines)


class _Lines:
    """The lines of a stream, read by a thread as they come."""

    def __init__(self, stream) -> None:
        import threading

        self.lines: list[str] = []
        self._thread = threading.Thread(target=lambda: self.lines.extend(iter(stream.readline, "")), daemon=True)
        self._thread.start()

    def seen(self, text: str, after: str | None = None) -> bool:
        lines = list(self.lines)
        start = next((k for k, line in enumerate(lines) if after in line), len(lines)) if after else 0
        return any(text in line for line in lines[start:])

    def wait_for(self, text: str, after: str | None = None, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while not self.seen(text, after):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{text!r} not in {self.lines}")
            time.sleep(0.05)
