"""Bad input: every class gets a clear one-line message and a stable exit status, never
a traceback; positions stay those of the file as given; input files are never written.

Exit statuses (README, "Robustness and performance"): 0 clean, 1 findings, 2 a path that
cannot be linted (missing, dangling link, symlink loop) or an incomplete lint (a file
skipped as unreadable: RC003). A folder with no minutes is not an error: 0, with a note
on stderr.
"""

from __future__ import annotations

import codecs
import json
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES
from referatcheck.cli import main
from referatcheck.runner import lint_path, lint_paths
from referatcheck.pipeline import RunSettings, lint_file

TOC_DEFECT = (
    "# REFERAT Kulturudvalget d. 12-03-2024\n"
    "\n"
    "## Indholdsfortegnelse\n"
    "\n"
    "Godkendelse af dagsorden.....\t2\n"
    "Udvidelse af åbningstiden i Søhøj Bibliotek.....\t3\n"
    "\n"
    "# Punkt 1: Godkendelse af dagsorden\n"
    "\n"
    "24/1001\n"
    "\n"
    "## Beslutning\n"
    "\n"
    "Godkendt.\n"
)


def run(*args: str, cwd: Path | None = None):
    """`referatcheck check ARGS` in this process (no workers, no cache); never raises."""
    runner = CliRunner()
    old = os.getcwd()
    if cwd:
        os.chdir(cwd)
    try:
        result = runner.invoke(main, ["check", "--no-cache", "-j", "1", "--isolated", *args], catch_exceptions=True)
    finally:
        os.chdir(old)
    # A traceback would show up as an exception other than SystemExit.
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result


def codes(result) -> list[tuple[str, int, int]]:
    return [(d["code"], d["line"], d["column"]) for d in json.loads(result.stdout)["diagnostics"]]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# ---- encodings and line ends ---------------------------------------------------------


def test_cp1252_is_decoded_with_an_rc004_warning_naming_the_encoding(tmp_path):
    path = write(tmp_path, "m.md", TOC_DEFECT.encode("cp1252"))
    result = run("--format", "json", "--lang", "en", str(path))
    found = json.loads(result.stdout)["diagnostics"]
    rc004 = [d for d in found if d["code"] == "RC004"]
    assert len(rc004) == 1 and "cp1252" in rc004[0]["message"] and rc004[0]["severity"] == "warning"
    assert result.exit_code == 1  # a warning; the lint itself was complete


def test_example_cp1252_file_gives_only_the_encoding_warning():
    result = lint_path(str(EXAMPLES / "defects" / "encoding-cp1252.txt"), RunSettings(isolated=True))
    bad = [d.code for d in result.diagnostics if d.severity.value in ("error", "warning")]
    assert bad == ["RC004"]
    assert not result.incomplete


VARIANTS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8-bom": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "utf-16-le-bom": lambda text: text.encode("utf-16"),  # Python writes the platform BOM
    "utf-16-be-bom": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "cp1252": lambda text: text.encode("cp1252"),
    "latin-1": lambda text: text.encode("latin-1"),
    "crlf": lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    "cr": lambda text: text.replace("\n", "\r").encode("utf-8"),
    "crlf-bom-no-final-newline": lambda text: codecs.BOM_UTF8 + text.rstrip("\n").replace("\n", "\r\n").encode(),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_positions_are_those_of_the_file_in_every_encoding_and_line_end(tmp_path, variant):
    reference = run("--format", "json", str(write(tmp_path, "ref.md", TOC_DEFECT.encode("utf-8"))))
    expected = [c for c in codes(reference)]
    assert ("TOC001", 6, 1) in expected  # the defect is found at the entry's line
    path = write(tmp_path, "m.md", VARIANTS[variant](TOC_DEFECT))
    result = run("--format", "json", str(path))
    found = [c for c in codes(result) if c[0] != "RC004"]
    assert found == expected
    assert result.exit_code == 1


def test_utf16_is_reported_as_not_utf8(tmp_path):
    path = write(tmp_path, "m.md", TOC_DEFECT.encode("utf-16"))
    result = run("--format", "json", "--lang", "en", str(path))
    messages = [d["message"] for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "RC004"]
    assert messages and "utf-16" in messages[0]


# ---- not text ------------------------------------------------------------------------

BINARIES = {
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
    "nul-in-text": TOC_DEFECT.encode("utf-8")[:40] + b"\x00" + TOC_DEFECT.encode("utf-8")[40:],
    "random": bytes((i * 7919 + 13) % 256 for i in range(5000)),
    "bad-utf16": codecs.BOM_UTF16_LE + b"\x00\xd8",  # a lone surrogate
}


@pytest.mark.parametrize("kind", sorted(BINARIES))
def test_binary_files_are_rc003_errors_and_skipped(tmp_path, kind):
    path = write(tmp_path, "m.md", BINARIES[kind])
    other = write(tmp_path, "other.md", TOC_DEFECT.encode())
    result = run("--format", "json", "--lang", "en", str(path), str(other))
    found = json.loads(result.stdout)["diagnostics"]
    mine = [d for d in found if d["path"] == str(path)]
    assert [d["code"] for d in mine] == ["RC003"]
    assert "\n" not in mine[0]["message"] and "skipped" in mine[0]["message"]
    # The other file is linted as usual; the run is incomplete, so exit status 2.
    assert any(d["code"] == "TOC001" and d["path"] == str(other) for d in found)
    assert result.exit_code == 2


@pytest.mark.parametrize("data", [b"", b"\n", b"   \n\t\n", codecs.BOM_UTF8, b"\r\n\r\n"])
def test_empty_files_are_clean(tmp_path, data):
    result = run(str(write(tmp_path, "m.md", data)))
    assert result.exit_code == 0, result.stdout


# ---- paths ---------------------------------------------------------------------------


def test_folder_without_minutes_says_so_and_exits_0(tmp_path):
    (tmp_path / "notes.odt").write_bytes(b"PK\x03\x04")  # not a format referatcheck reads
    (tmp_path / "sub").mkdir()
    result = run(str(tmp_path))
    assert result.exit_code == 0
    assert "no minutes found" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def _one_line_error(result) -> str:
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("referatcheck: "), result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    return lines[0]


def test_missing_path_exits_2_with_one_line(tmp_path):
    assert "does not exist" in _one_line_error(run(str(tmp_path / "nope.md")))


def test_dangling_symlink_exits_2(tmp_path):
    (tmp_path / "link.md").symlink_to(tmp_path / "gone.md")
    assert "dangling symlink" in _one_line_error(run(str(tmp_path / "link.md")))


def test_symlink_loop_exits_2(tmp_path):
    folder = tmp_path / "a"
    folder.mkdir()
    (folder / "m.md").write_text(TOC_DEFECT)
    (folder / "loop").symlink_to(folder)
    assert "loop" in _one_line_error(run(str(folder)))


def test_link_to_a_sibling_folder_is_no_loop(tmp_path):
    folder = tmp_path / "a"
    folder.mkdir()
    (folder / "m.md").write_text(TOC_DEFECT)
    (tmp_path / "b").symlink_to(folder)  # the same minutes reached twice: linted once
    result = run("--format", "json", str(tmp_path) + "/")
    assert result.exit_code == 1, result.stderr
    assert {d["path"] for d in json.loads(result.stdout)["diagnostics"]} == {str(folder / "m.md")}
    (folder / "up").symlink_to(tmp_path)
    assert "loop" in _one_line_error(run(str(tmp_path) + "/"))


def test_self_referencing_symlink_exits_2(tmp_path):
    (tmp_path / "self.md").symlink_to(tmp_path / "self.md")
    _one_line_error(run(str(tmp_path / "self.md")))


def test_unreadable_file_is_rc003_and_the_run_goes_on(tmp_path, monkeypatch):
    path = write(tmp_path, "m.md", TOC_DEFECT.encode())
    real_open = open

    def deny(file, mode="r", *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, mode, *args, **kwargs)

    import builtins

    monkeypatch.setattr(builtins, "open", deny)
    other = write(tmp_path, "other.md", TOC_DEFECT.encode())
    results = lint_paths([str(path), str(other)], RunSettings(isolated=True), jobs=1, use_cache=False)
    assert [d.code for d in results[0].diagnostics] == ["RC003"]
    assert "Permission denied" in results[0].diagnostics[0].message.en
    assert results[0].incomplete
    assert any(d.code == "TOC001" for d in results[1].diagnostics)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_by_mode_exits_2(tmp_path):
    path = write(tmp_path, "m.md", TOC_DEFECT.encode())
    path.chmod(0)
    try:
        result = run(str(path))
        assert result.exit_code == 2 and "RC003" in result.stdout
    finally:
        path.chmod(0o644)


def test_fifo_is_not_read(tmp_path):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    result = run("--format", "json", str(fifo))  # would block forever if opened
    assert [c[0] for c in codes(result)] == ["RC003"] and result.exit_code == 2


# ---- size ----------------------------------------------------------------------------
# Megabyte lines of every adversarial kind are linted in tests/test_regex_safety.py.


def test_megabyte_dot_leader_line_through_the_command_line(tmp_path):
    line = "Godkendelse af dagsorden " + "." * 1_000_000 + "x\t3"
    path = write(tmp_path, "m.md", f"# REFERAT Udvalget d. 01-02-2024\n\n## Indholdsfortegnelse\n\n{line}\n".encode())
    start = time.perf_counter()
    result = run(str(path))
    assert result.exit_code in (0, 1) and time.perf_counter() - start < 10


def _many_items(count: int) -> str:
    titles = [f"Orientering om sag nummer {i} vedrørende emne {i * 7 % 13}" for i in range(count)]
    out = ["# REFERAT Udvalget d. 01-02-2024", "", "## Indholdsfortegnelse", ""]
    out += [f"{t}.....\t{i + 2}" for i, t in enumerate(titles)]
    out.append("")
    for i, title in enumerate(titles):
        out += [f"# **Punkt {i + 1}: {title}**", "", f"24/{10000 + i}", "", "## Beslutning", "", "Godkendt.", ""]
    return "\n".join(out)


def _damaged(count: int, damage: str) -> str:
    import random

    lines = _many_items(count).split("\n")
    toc = [i for i, line in enumerate(lines) if ".....\t" in line]
    if damage == "shuffled":  # one entry in ten swapped with another anywhere in the TOC
        rng = random.Random(7)
        for _ in range(len(toc) // 20):
            a, b = rng.sample(toc, 2)
            lines[a], lines[b] = lines[b], lines[a]
    elif damage == "renamed":
        for i in toc[::2]:
            lines[i] = "Helt anden titel " + lines[i]
    return "\n".join(lines)


def _lint_time(text: str, settings: RunSettings) -> float:
    """Best of two lints: a busy machine may steal a time slice from one of them."""
    data = text.encode()
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        result = lint_file("m.md", data, settings)
        best = min(best, time.perf_counter() - start)
        assert not result.incomplete
    return best


@pytest.mark.parametrize("damage, small, large", [
    ("none", 1_000, 4_000), ("shuffled", 1_000, 4_000),
    # Every other title changed: matches alternate with mismatches, the worst case for
    # difflib's matching blocks (quadratic before the TOC module switched to a patience LCS).
    ("renamed", 2_000, 8_000),
])
def test_ten_thousand_items_toc_alignment_stays_near_linear(damage, small, large):
    toc_only = RunSettings(isolated=True, select=("TOC",))
    small_time = _lint_time(_damaged(small, damage), toc_only)
    large_time = _lint_time(_damaged(large, damage), toc_only)
    # Four times the items: linear is 4×, n^1.5 8×, quadratic 16×. Allow noise, not a square.
    assert large_time / small_time < 12, f"{damage}: {small_time:.2f} s → {large_time:.2f} s"


def test_many_items_with_every_rule_stay_near_linear():
    everything = RunSettings(isolated=True)
    # Sizes large enough that fixed costs and caches do not dominate the small run;
    # a shuffled TOC costs about n^1.5 (8× for 4× the items), a square would be 16×.
    small = _lint_time(_damaged(1_000, "shuffled"), everything)
    large = _lint_time(_damaged(4_000, "shuffled"), everything)
    assert large / small < 12, f"{small:.2f} s → {large:.2f} s"


# ---- input files are never written --------------------------------------------------


def test_input_files_are_never_written(tmp_path):
    import shutil

    folder = tmp_path / "minutes"
    shutil.copytree(EXAMPLES / "defects", folder)
    write(folder, "binary.md", BINARIES["png"])
    write(folder, "cp1252.md", TOC_DEFECT.encode("cp1252"))
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.rglob("*")}
    CliRunner().invoke(main, ["check", "-j", "2", "--cache-dir", str(tmp_path / "cache"), str(folder)])
    CliRunner().invoke(main, ["check", "-j", "1", "--cache-dir", str(tmp_path / "cache"), str(folder)])
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.rglob("*")}
    assert after == before  # same files, same bytes, same modification times


def test_an_unreadable_files_reason_is_danish_in_danish(tmp_path, monkeypatch):
    import builtins
    import errno

    path = write(tmp_path, "referat.md", TOC_DEFECT.encode())
    real_open = builtins.open

    def deny(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", deny)
    [result] = lint_paths([str(path)], RunSettings(isolated=True), jobs=1, use_cache=False)
    assert result.diagnostics[0].message.da == "Filen kan ikke læses: ingen adgang til filen"


# Last: the 50 MB document stays in the rules' per-document caches for a while, and the
# garbage collector's work on it would disturb the timing comparisons above.
def test_fifty_megabyte_file(tmp_path):
    # 50 MB of long lines (emphasis runs, dot leaders, words): read, decoded and linted
    # whole, every rule included. (Throughput on realistic minutes is the benchmark's job.)
    block = "*" * 20_000 + " tekst " + "." * 20_000 + "\n" + "Tekst " * 10_000 + "\n"
    repeats = 50_000_000 // len(block.encode()) + 1
    path = write(tmp_path, "big.md", ("# REFERAT Udvalget d. 01-02-2024\n" + block * repeats).encode())
    assert path.stat().st_size >= 50_000_000
    start = time.perf_counter()
    result = lint_path(str(path), RunSettings(isolated=True))
    assert not result.incomplete, [d.message.en for d in result.diagnostics if d.code.startswith("RC")]
    assert result.source is None or len(result.source.lines) == 1 + 2 * repeats
    assert time.perf_counter() - start < 120

