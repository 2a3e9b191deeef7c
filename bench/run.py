"""The referatcheck benchmark: one run, every figure, one table, against the targets.

    python bench/run.py                      # everything (about 20 minutes on 2 cores)
    python bench/run.py --quick              # 200 files, no 10,000-file memory run, no reference tools
    python bench/run.py --json bench/out/after.json --compare bench/out/before.json

It builds its corpora under `bench/out/` (never committed) and times the installed
`referatcheck` command (the console script next to this Python):

- **real minutes**: copies of `../shared/corpus`, one word of prose changed in each
  (`generate.generate_real`), so no two files are alike; **generated minutes**: built
  from `examples/clean/` (`generate.generate`);
- cold MB/s per core with `-j 1` and `-j 2` (an empty cache folder: the run lints every
  file and fills the cache), then the warm run over that cache;
- one file, the whole command, as a pre-commit hook runs it (grammar tables in the
  cache, the file not), and the start-up split: python, imports, plugin discovery,
  grammar tables, first file;
- peak RSS at 1,000 and 10,000 real files with `-j 2`, and the share of a lint spent
  in the garbage collector;
- the size exponent (lint time against document size at 1×, 4×, 16×);
- ns/byte per phase (`bench/phases.py`);
- markdownlint-cli2 (installed from npm into `bench/out/npm` when missing) and
  pymarkdownlnt (into `bench/out/venv`) on the same real files, as ratios.

Figures are wall-clock times, best of several runs. Each command's CPU time is shown
next to it: on a machine shared with other jobs, CPU seconds are what wall seconds
would be on a quiet core (for a serial run), and the load average is printed too.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import generate  # noqa: E402
import phases  # noqa: E402

OUT = HERE / "out"

# (key, label, comparison, target); the verdict column of the table.
TARGETS = [
    ("real_cold_mb_s_per_core_j1", ">=", 5.0),
    ("markdownlint_cli2_ratio", ">=", 5.0),
    ("one_file_ms", "<=", 120.0),
    ("real_warm_mb_s", ">=", 50.0),
    ("peak_rss_mb_10000", "<=", 150.0),
    ("size_exponent", "<=", 1.1),
]

# Installed Python code runs from byte-code caches; an environment that forbids writing
# them (PYTHONDONTWRITEBYTECODE) would time the compilation of every module instead.
ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "REFERATCHECK_CACHE_DIR")}


def referatcheck_command() -> list[str]:
    script = Path(sys.executable).parent / "referatcheck"
    return [str(script)] if script.exists() else [sys.executable, "-m", "referatcheck.cli"]


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def run(command: list[str], **kwargs) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, the command and its workers) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, **kwargs)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def best(command: list[str], repeat: int, prepare=None, **kwargs) -> tuple[float, float]:
    """The fastest of ``repeat`` runs (wall), with its CPU time."""
    runs = []
    for _ in range(repeat):
        if prepare:
            prepare()
        runs.append(run(command, **kwargs))
    return min(runs)


def median(command_for, repeat: int) -> tuple[float, float]:
    """Median wall and CPU time of ``command_for(k)`` for k in range(repeat)."""
    runs = [run(command_for(k)) for k in range(repeat)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def size_mb(paths) -> float:
    return sum(Path(p).stat().st_size for p in paths) / 1e6


def fresh(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


# ---- referatcheck -------------------------------------------------------------------


def throughput(name: str, corpus: Path, files: list[Path], repeat: int) -> dict:
    """Cold with one worker and with two, then warm over the cache the cold run filled."""
    command = [*referatcheck_command(), "check", "--isolated"]
    mb = size_mb(files)
    cache = OUT / "cache"
    out: dict = {f"{name}_files": len(files), f"{name}_mb": round(mb, 2)}
    for jobs in (1, 2):
        wall, cpu = best([*command, "-j", str(jobs), "--cache-dir", str(cache), str(corpus)], repeat,
                         prepare=lambda: fresh(cache))
        out[f"{name}_cold_mb_s_per_core_j{jobs}"] = round(mb / wall / jobs, 2)
        out[f"{name}_cold_cpu_mb_s_j{jobs}"] = round(mb / cpu, 2)  # MB per CPU second
        out[f"{name}_cold_s_j{jobs}"] = round(wall, 2)
    # The cache the last cold run filled: every file is answered from it.
    wall, cpu = best([*command, "-j", "2", "--cache-dir", str(cache), str(corpus)], max(repeat, 3))
    out[f"{name}_warm_mb_s"] = round(mb / wall, 1)
    out[f"{name}_warm_cpu_mb_s"] = round(mb / cpu, 1)
    out[f"{name}_warm_s"] = round(wall, 3)
    return out


def one_file(files: list[Path]) -> dict:
    """`referatcheck check FILE` as a pre-commit hook runs it: the grammar tables are in the
    cache folder (an earlier run left them), the file's result is not (each run gets a
    copy it has not seen). Also without any cache, and an empty folder (start-up alone)."""
    command = referatcheck_command()
    cache = fresh(OUT / "cache-one-file")
    run([*command, "check", "--cache-dir", str(cache), str(files[-1])])  # leaves the grammar tables
    empty = fresh(OUT / "empty")
    repeat = 11
    lint = median(lambda k: [*command, "check", "--cache-dir", str(cache), str(files[k])], repeat)
    no_cache = median(lambda k: [*command, "check", "--no-cache", str(files[k])], repeat)
    nothing = median(lambda k: [*command, "check", "--cache-dir", str(cache), str(empty)], repeat)
    python = median(lambda k: [sys.executable, "-c", "pass"], repeat)
    return {
        "one_file_ms": round(lint[0] * 1000), "one_file_cpu_ms": round(lint[1] * 1000),
        "one_file_no_cache_ms": round(no_cache[0] * 1000), "one_file_no_cache_cpu_ms": round(no_cache[1] * 1000),
        "empty_folder_ms": round(nothing[0] * 1000), "empty_folder_cpu_ms": round(nothing[1] * 1000),
        "python_ms": round(python[0] * 1000), "python_cpu_ms": round(python[1] * 1000),
        "one_file_kb": round(files[0].stat().st_size / 1000),
    }


# Run in a fresh interpreter: where a one-file run's time goes, step by step.
STARTUP_PROBE = r"""
import json, sys, time
clock = time.perf_counter
marks = [clock()]
import referatcheck.cli, referatcheck.pipeline, referatcheck.runner, referatcheck.reporters.text
marks.append(clock())
from referatcheck.plugins import load_plugins
load_plugins()
marks.append(clock())
from referatcheck.grammar import parser
parser()
marks.append(clock())
from referatcheck.pipeline import RunSettings, lint_file
lint_file(sys.argv[1], open(sys.argv[1], "rb").read(), RunSettings())
marks.append(clock())
print(json.dumps([b - a for a, b in zip(marks, marks[1:])]))
"""


def startup(files: list[Path]) -> dict:
    cache = OUT / "cache-one-file"  # holds the grammar tables (one_file ran first)
    env = {**ENV, "REFERATCHECK_CACHE_DIR": str(cache)}
    runs = [json.loads(subprocess.run([sys.executable, "-c", STARTUP_PROBE, str(files[k])], env=env,
                                      capture_output=True, text=True, check=True).stdout) for k in range(7)]
    parts = [statistics.median(r[i] for r in runs) for i in range(4)]
    return {f"startup_{name}_ms": round(seconds * 1000, 1)
            for name, seconds in zip(("imports", "plugins", "grammar", "first_file"), parts)}


# Run in a fresh interpreter: the command, serially, with the collector's pauses summed.
GC_PROBE = r"""
import gc, json, sys, time
paused, started = [0.0], [0.0]
def watch(phase, info):
    if phase == "start":
        started[0] = time.process_time()
    else:
        paused[0] += time.process_time() - started[0]
gc.callbacks.append(watch)
from referatcheck.cli import main
start = time.process_time()
try:
    main(["check", "--isolated", "--no-cache", "-j", "1", "--format", "json", *sys.argv[1:]])
except SystemExit:
    pass
total = time.process_time() - start
print(json.dumps([paused[0], total]), file=sys.stderr)
"""


def gc_share(corpus: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", GC_PROBE, str(corpus)], env=ENV, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True, check=True).stderr
    paused, total = json.loads(out.strip().splitlines()[-1])
    return {"gc_share_pct": round(100 * paused / total, 1)}


def peak_rss_mb(command: list[str]) -> float:
    """Largest resident set of the command or any of its worker processes."""
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
             "stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, check=True, env=ENV)
    return int(out.stdout.strip()) / 1024  # KiB on Linux


def memory(corpora: dict[int, Path]) -> dict:
    command = [*referatcheck_command(), "check", "--isolated", "--no-cache", "-j", "2"]
    peaks = {count: round(peak_rss_mb([*command, str(corpus)])) for count, corpus in corpora.items()}
    out: dict = {"peak_rss_mb": peaks}
    if 10000 in peaks:
        out["peak_rss_mb_10000"] = peaks[10000]
    return out


def scaling(sizes=(1, 4, 16)) -> dict:
    """In-process lint time (CPU) of the same generated minutes at 1×, 4× and 16× their items."""
    from referatcheck.pipeline import RunSettings, lint_file

    settings = RunSettings(isolated=True)
    templates = generate.templates()
    points = []
    for size in sizes:
        texts = [generate.document_text(t, size).encode("utf-8") for t in templates]
        lint_file("warm-up.md", texts[0], settings)
        fastest = math.inf
        for _ in range(5 if size < 16 else 3):
            start = time.process_time()
            for i, data in enumerate(texts):
                lint_file(f"size-{size}-{i}.md", data, settings)
            fastest = min(fastest, time.process_time() - start)
        points.append((sum(map(len, texts)), fastest))
    xs = [math.log(b) for b, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    return {"size_exponent": round(slope, 3),
            "size_mb_s": [round(b / t / 1e6, 2) for b, t in points]}


def phase_costs(repeat: int) -> dict:
    """ns/byte per phase on the real minutes (bench/phases.py, in this process)."""
    paths = generate.real_documents()
    phases.measure(paths, 1)  # warm up: imports, grammar, regex compilation
    costs, size = phases.measure(paths, repeat)
    return {"ns_per_byte": {name: round(ns) for name, ns in phases.ns_per_byte(costs, size).items()}}


# ---- reference tools ----------------------------------------------------------------


def reference_python() -> Path | None:
    venv = OUT / "venv"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    if subprocess.run([str(python), "-c", "import pymarkdown"], capture_output=True).returncode != 0:
        print("… installing pymarkdownlnt into bench/out/venv", file=sys.stderr)
        result = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "pymarkdownlnt"],
                                capture_output=True, text=True)
        if result.returncode != 0:
            print(f"bench: pymarkdownlnt could not be installed (pip): {result.stderr.strip()[-300:]}",
                  file=sys.stderr)
            return None
    return python


def markdownlint_cli2() -> tuple[Path | None, str]:
    """The markdownlint-cli2 script under bench/out/npm, installed from npm when missing."""
    binary = OUT / "npm" / "node_modules" / ".bin" / "markdownlint-cli2"
    if binary.exists():
        return binary, ""
    if not shutil.which("npm") or not shutil.which("node"):
        return None, "not run: Node.js and npm are not installed (apt-get install nodejs npm)"
    print("… installing markdownlint-cli2 from npm into bench/out/npm", file=sys.stderr)
    result = subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(OUT / "npm"),
                             "markdownlint-cli2"], capture_output=True, text=True)
    if result.returncode != 0 or not binary.exists():
        reason = (result.stderr.strip() or result.stdout.strip())[-300:]
        return None, f"not run: `npm install markdownlint-cli2` failed: {reason}"
    return binary, ""


def references(corpus: Path, files: list[Path], results: dict, sample: int) -> dict:
    out: dict = {}
    mb = size_mb(files)
    binary, why = markdownlint_cli2()
    if binary is None:
        print(f"bench: markdownlint-cli2 {why}", file=sys.stderr)
        out["markdownlint_cli2"] = why
    else:
        # Run from bench/out: no configuration file of the project applies. Its default
        # rules, over the same files as the cold `-j 1` run.
        wall, cpu = best([str(binary), f"{corpus.relative_to(OUT)}/**/*.md"], 2, cwd=OUT)
        out["markdownlint_cli2_mb_s"] = round(mb / wall, 2)
        out["markdownlint_cli2_cpu_mb_s"] = round(mb / cpu, 2)
        out["markdownlint_cli2_ratio"] = round(results["real_cold_mb_s_per_core_j1"] / out["markdownlint_cli2_mb_s"], 2)
        # The same per CPU second: on a shared machine, who got the cores is luck.
        out["markdownlint_cli2_cpu_ratio"] = round(results["real_cold_cpu_mb_s_j1"] / out["markdownlint_cli2_cpu_mb_s"], 2)
    python = reference_python()
    if python is not None:
        # pymarkdownlnt is slow: a sample, and referatcheck on the very same sample.
        subset = [str(f) for f in files[:sample]]
        sample_mb = size_mb(subset)
        wall, _ = best([str(python.parent / "pymarkdown"), "scan", *subset], 1)
        out["pymarkdownlnt_mb_s"] = round(sample_mb / wall, 3)
        ours, _ = best([*referatcheck_command(), "check", "--isolated", "--no-cache", "-j", "1", *subset], 2)
        out["pymarkdownlnt_ratio"] = round(wall / ours, 1)
        out["pymarkdownlnt_files"] = len(subset)
    return out


# ---- the table ----------------------------------------------------------------------

ROWS = [
    # (label, key or callable giving the cell, target key)
    ("cold, real minutes, `-j 1` (MB/s per core)", lambda r: f"{r['real_cold_mb_s_per_core_j1']} ({r['real_cold_cpu_mb_s_j1']} per CPU s)", "real_cold_mb_s_per_core_j1"),
    ("cold, real minutes, `-j 2` (MB/s per core)", lambda r: f"{r['real_cold_mb_s_per_core_j2']} ({r['real_cold_cpu_mb_s_j2']} per CPU s)", None),
    ("cold, generated minutes, `-j 1` (MB/s per core)", lambda r: f"{r['generated_cold_mb_s_per_core_j1']} ({r['generated_cold_cpu_mb_s_j1']} per CPU s)", None),
    ("cold, generated minutes, `-j 2` (MB/s per core)", lambda r: f"{r['generated_cold_mb_s_per_core_j2']} ({r['generated_cold_cpu_mb_s_j2']} per CPU s)", None),
    ("markdownlint-cli2, same real files (MB/s; referatcheck `-j 1` ×)", lambda r: f"{r['markdownlint_cli2_mb_s']} ({r.get('markdownlint_cli2_cpu_mb_s', '–')} per CPU s); **{r['markdownlint_cli2_ratio']}×** ({r.get('markdownlint_cli2_cpu_ratio', '–')}× per CPU s)" if "markdownlint_cli2_mb_s" in r else r.get("markdownlint_cli2", "not run"), "markdownlint_cli2_ratio"),
    ("pymarkdownlnt, a sample of the real files (MB/s; referatcheck ×)", lambda r: f"{r['pymarkdownlnt_mb_s']} ({r['pymarkdownlnt_files']} files); {r['pymarkdownlnt_ratio']}×", None),
    ("one file, whole command (ms)", lambda r: f"{r['one_file_ms']} (CPU {r['one_file_cpu_ms']}; {r['one_file_kb']} KB)", "one_file_ms"),
    ("one file, `--no-cache` (ms)", lambda r: f"{r['one_file_no_cache_ms']} (CPU {r['one_file_no_cache_cpu_ms']})", None),
    ("start-up: python / empty folder, whole command (ms)", lambda r: f"{r['python_ms']} / {r['empty_folder_ms']} (CPU {r['python_cpu_ms']} / {r['empty_folder_cpu_ms']})", None),
    ("start-up in process: imports / plugins / grammar / first file (ms)", lambda r: f"{r['startup_imports_ms']} / {r['startup_plugins_ms']} / {r['startup_grammar_ms']} / {r['startup_first_file_ms']}", None),
    ("warm cache, real minutes, whole command (MB/s)", lambda r: f"{r['real_warm_mb_s']} ({r['real_warm_s']} s; {r['real_warm_cpu_mb_s']} per CPU s)", "real_warm_mb_s"),
    ("warm cache, generated minutes, whole command (MB/s)", lambda r: f"{r['generated_warm_mb_s']} ({r['generated_warm_s']} s)", None),
    ("peak RSS, real files, `-j 2`, largest process (MB)", lambda r: "; ".join(f"{int(n):,} files: {mb}" for n, mb in r["peak_rss_mb"].items()), "peak_rss_mb_10000"),
    ("garbage collector, share of a `-j 1` lint", lambda r: f"{r['gc_share_pct']} %", None),
    ("size exponent (1×, 4×, 16× items; MB/s)", lambda r: f"{r['size_exponent']} ({', '.join(map(str, r['size_mb_s']))})", "size_exponent"),
    ("ns/byte per phase, real minutes (CPU)", lambda r: ", ".join(f"{k} {v}" for k, v in r["ns_per_byte"].items() if v), None),
]


def cell(results: dict, key) -> str:
    try:
        return str(key(results) if callable(key) else results[key])
    except (KeyError, TypeError):
        return "–"


def verdict(results: dict, key: str | None) -> str:
    if key is None:
        return ""
    op, target = next((o, t) for k, o, t in TARGETS if k == key)
    value = results.get(key)
    if not isinstance(value, (int, float)):
        return f"{op} {target:g}: not measured"
    ok = value >= target if op == ">=" else value <= target
    return f"{op} {target:g}: {'met' if ok else '**missed**'}"


def table(results: dict, before: dict | None) -> str:
    head = ["figure", *(["before"] if before else []), "measured", "target"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for label, key, target in ROWS:
        cells = [label, *([cell(before, key)] if before else []), cell(results, key), verdict(results, target)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def machine() -> str:
    model = ""
    try:
        model = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{model or platform.processor()}, {cores()} cores, Python {platform.python_version()}, {platform.system()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="referatcheck benchmark")
    parser.add_argument("--docs", type=int, default=1000, help="files in the throughput corpora (default 1000)")
    parser.add_argument("--memory-docs", type=int, default=10000, help="files of the large memory run (default 10000)")
    parser.add_argument("--repeat", type=int, default=2, help="cold runs of each kind; the fastest counts")
    parser.add_argument("--quick", action="store_true", help="200 files, no large memory run, no reference tools")
    parser.add_argument("--no-reference", action="store_true", help="skip markdownlint-cli2 and pymarkdownlnt")
    parser.add_argument("--sample", type=int, default=50, help="real files given to pymarkdownlnt (slow; default 50)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--compare", metavar="FILE", help="JSON of an earlier run: shown as the `before` column")
    args = parser.parse_args(argv)
    if args.quick:
        args.docs, args.memory_docs, args.no_reference = 200, 0, True

    print("… corpora", file=sys.stderr, flush=True)
    real_corpus = OUT / f"real-{args.docs}"
    real = generate.generate_real(fresh(real_corpus), args.docs)
    generated_corpus = OUT / f"generated-{args.docs}"
    generated = generate.generate(fresh(generated_corpus), args.docs, size=1, tables=0)
    memory_corpora = {args.docs: real_corpus}
    if args.memory_docs:
        large = OUT / f"real-{args.memory_docs}"
        generate.generate_real(fresh(large), args.memory_docs)
        memory_corpora[args.memory_docs] = large

    results: dict = {"date": datetime.date.today().isoformat(), "machine": machine(),
                     "load_before": round(os.getloadavg()[0], 1)}
    steps = [
        ("cold and warm, real minutes", lambda: throughput("real", real_corpus, real, args.repeat)),
        ("cold and warm, generated minutes", lambda: throughput("generated", generated_corpus, generated, args.repeat)),
        ("one file", lambda: one_file(real)),
        ("start-up split", lambda: startup(real)),
        ("garbage collector", lambda: gc_share(real_corpus)),
        ("peak RSS", lambda: memory(memory_corpora)),
        ("size exponent", scaling),
        ("phases", lambda: phase_costs(5)),
    ]
    if not args.no_reference:
        steps.append(("markdownlint-cli2 and pymarkdownlnt", lambda: references(real_corpus, real, results, args.sample)))
    for name, step in steps:
        print(f"… {name}", file=sys.stderr, flush=True)
        results.update(step())
    results["load_after"] = round(os.getloadavg()[0], 1)

    before = json.loads(Path(args.compare).read_text()) if args.compare else None
    print(f"{results['date']}, {results['machine']}; load average {results['load_before']} → {results['load_after']}")
    if before:
        print(f"before: {before.get('date')}, load average {before.get('load_before')} → {before.get('load_after')}")
    print()
    print(table(results, before))
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
