"""`check --fix`, `--diff`, `--unsafe-fixes` from the command line: what is written, printed and exited."""

from __future__ import annotations

import io
import os
import stat

import docx
import pytest
from click.testing import CliRunner
from conftest import EXAMPLES
from snippets import CLEAN, TOC_DEFECTS, write

from referatcheck.cli import main

AGENDA = (EXAMPLES / "defects" / "agenda-defects.md").read_bytes()


def cli(*args, input=None):
    return CliRunner().invoke(main, ["check", "--no-cache", *args], input=input)


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "referat.md", TOC_DEFECTS)
    write(tmp_path / "ren.md", CLEAN)
    return tmp_path


def test_report_marks_what_fix_can_fix(folder):
    (folder / "dagsorden.md").write_bytes(AGENDA)
    run = cli("referat.md", "dagsorden.md")
    lines = run.stdout.splitlines()
    assert any(": TOC003 [warning] [*] Titlen afviger" in line for line in lines)
    assert any(": MTG002 [error] Mandag passer ikke" in line for line in lines)  # unsafe: no mark
    assert lines[-1] == "[*] 2 kan rettes med `--fix` (2 mere med `--unsafe-fixes`)."
    unsafe = cli("referat.md", "dagsorden.md", "--unsafe-fixes", "--lang", "en")
    assert any(": MTG002 [error] [*] " in line for line in unsafe.stdout.splitlines())
    assert unsafe.stdout.splitlines()[-1] == "[*] 4 fixable with `--fix`."
    assert "[*]" not in cli("ren.md").stdout


def test_fix_writes_the_file_and_reports_what_remains(folder):
    run = cli("referat.md", "--fix")
    assert (folder / "referat.md").read_text(encoding="utf-8") == CLEAN
    assert run.exit_code == 0, run.output
    assert run.stdout.splitlines()[-1] == "Rettede 2 fund; 0 tilbage."
    (folder / "dagsorden.md").write_bytes(AGENDA)
    run = cli("dagsorden.md", "--fix", "--lang", "en", "--select", "MTG,ATT")
    assert (folder / "dagsorden.md").read_bytes() == AGENDA  # only unsafe fixes: nothing written
    assert run.exit_code == 1 and run.stdout.splitlines()[-1].startswith("Fixed 0 finding(s); ")
    run = cli("dagsorden.md", "--fix", "--unsafe-fixes", "--lang", "en", "--select", "MTG")
    assert "Tirsdag d. 15. oktober" in (folder / "dagsorden.md").read_text(encoding="utf-8")
    assert run.stdout.splitlines()[-1] == "Fixed 2 finding(s); 0 remaining." and run.exit_code == 0


def test_fix_summary_goes_to_stderr_with_machine_formats(folder):
    run = cli("referat.md", "--fix", "--format", "json")
    import json

    assert json.loads(run.stdout)["diagnostics"] == []
    assert "Rettede 2 fund; 0 tilbage." in run.stderr


def test_diff_writes_nothing_and_exits_1_when_there_is_something_to_fix(folder):
    before = (folder / "referat.md").stat()
    run = cli("referat.md", "ren.md", "--diff")
    assert run.exit_code == 1
    assert (folder / "referat.md").read_text(encoding="utf-8") == TOC_DEFECTS
    assert (folder / "referat.md").stat().st_mtime_ns == before.st_mtime_ns
    assert run.stdout.splitlines()[:2] == ["--- referat.md", "+++ referat.md"]
    assert "-Godkendelse af takster for 2025.....\t5" in run.stdout.splitlines()
    assert "+Godkendelse af takster for 2024.....\t5" in run.stdout.splitlines()
    assert "-Orientering om ingenting.....\t6" in run.stdout.splitlines()
    assert "Ville rette 2 fund." in run.stderr
    clean = cli("ren.md", "--diff")
    assert clean.exit_code == 0 and clean.stdout == ""


def test_the_diff_applies_with_patch(folder):
    """The diff is a real unified diff: applying it gives what --fix writes."""
    import shutil
    import subprocess

    if shutil.which("patch") is None:
        pytest.skip("patch is not installed")
    diff = cli("referat.md", "--diff").stdout
    subprocess.run(["patch", "-p0", "-s"], input=diff.encode(), cwd=folder, check=True)
    assert (folder / "referat.md").read_text(encoding="utf-8") == CLEAN


def test_diff_marks_a_missing_final_newline(folder):
    write(folder / "uden.md", TOC_DEFECTS.rstrip("\n"))
    out = cli("uden.md", "--diff", "--select", "TOC003").stdout
    assert "\\ No newline at end of file" not in out  # the change is not at the end
    write(folder / "slut.md", TOC_DEFECTS.replace("Orientering om ingenting.....\t6\n", "") + "Ikke tilstede: Ole (A)")
    out = cli("slut.md", "--diff", "--select", "ATT007").stdout
    assert out.endswith("-Ikke tilstede: Ole (A)\n\\ No newline at end of file\n"
                        "+Ikke til stede: Ole (A)\n\\ No newline at end of file\n")


def test_stdin_fix_prints_the_fixed_text_and_reports_on_stderr(folder):
    run = cli("-", "--stdin-filename", "referat.md", "--fix", input=TOC_DEFECTS)
    assert run.stdout == CLEAN
    assert "Rettede 2 fund; 0 tilbage." in run.stderr and run.exit_code == 0
    diff = cli("-", "--stdin-filename", "referat.md", "--diff", input=TOC_DEFECTS)
    assert diff.exit_code == 1 and diff.stdout.startswith("--- referat.md\n")


def test_word_files_are_never_fixed(folder):
    document = docx.Document()
    for line in TOC_DEFECTS.splitlines():
        document.add_paragraph(line)
    data = io.BytesIO()
    document.save(data)
    (folder / "referat.docx").write_bytes(data.getvalue())
    run = cli("referat.docx", "--fix")
    assert "TOC003" in run.stdout and "[*]" not in run.stdout
    assert (folder / "referat.docx").read_bytes() == data.getvalue()
    assert run.stdout.splitlines()[-1] == "Rettede 0 fund; 2 tilbage."


def test_fix_keeps_permissions_and_writes_through_a_symbolic_link(folder):
    target = folder / "arkiv" / "referat.md"
    write(target, TOC_DEFECTS)
    target.chmod(0o640)
    link = folder / "link.md"
    link.symlink_to(target)
    assert cli("link.md", "--fix").exit_code == 0
    assert link.is_symlink() and target.read_text(encoding="utf-8") == CLEAN
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in target.parent.iterdir()] == ["referat.md"]  # no temporary file left


def test_a_file_changed_while_it_was_checked_is_not_overwritten(folder, monkeypatch):
    import referatcheck.fixrun as fixrun

    real = fixrun.fix_bytes

    def fix_while_someone_saves(path, data, *args, **kwargs):
        outcome = real(path, data, *args, **kwargs)
        write(folder / "referat.md", TOC_DEFECTS + "\nEn ny linje.\n")  # the clerk saved meanwhile
        return outcome

    monkeypatch.setattr(fixrun, "fix_bytes", fix_while_someone_saves)
    run = cli("referat.md", "--fix")
    assert (folder / "referat.md").read_text(encoding="utf-8").endswith("En ny linje.\n")
    assert "changed while being checked; not written" in run.stderr and run.exit_code == 2


def test_a_file_that_cannot_be_written_fails_the_run(folder, monkeypatch):
    import errno

    def read_only(source, target):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(os, "replace", read_only)  # a read-only file system, whoever runs the test
    run = cli("referat.md", "ren.md", "--fix")
    assert run.exit_code == 2 and "cannot be written: Read-only file system" in run.stderr
    assert (folder / "referat.md").read_text(encoding="utf-8") == TOC_DEFECTS
    assert sorted(p.name for p in folder.iterdir()) == ["referat.md", "ren.md"]  # the temporary file is gone
    assert "TOC003" in run.stdout  # the findings remain reported


@pytest.mark.parametrize("args, message", [
    (["--fix", "--diff"], "--fix and --diff cannot be used together"),
    (["--fix", "--write-baseline", "b.json"], "cannot be used with --fix or --diff"),
    (["--watch", "--fix"], "--watch cannot be used with --fix"),
    (["--statistics", "--format", "sarif"], "--statistics is written as text or json"),
])
def test_options_that_do_not_go_together(folder, args, message):
    run = cli("referat.md", *args)
    assert run.exit_code == 2 and message in run.stderr and len(run.stderr.splitlines()) == 1
    assert (folder / "referat.md").read_text(encoding="utf-8") == TOC_DEFECTS
