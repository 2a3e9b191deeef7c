"""The referatcheck benchmark: one run, every figure, against the targets.

    python bench/run.py                 # everything (about ten minutes on 2 cores)
    python bench/run.py --docs 200      # a smaller corpus
    python bench/run.py --no-reference  # skip markdown-it-py, pymarkdownlnt, markdownlint-cli2
    python bench/run.py --json bench/out/results.json

It generates its corpora from `examples/clean/` (bench/generate.py) under `bench/out/`
and times the installed `referatcheck` command (the console script next to this
Python, else `python -m referatcheck.cli`):

- MB/s per core and files/s, cold (empty cache) with one worker and with all cores,
  and with a warm cache;
- one file's wall time next to `python -c pass`;
- lint time against document size at 1×, 4× and 16× and the scaling exponent
  (slope of log time over log size; 1 is linear);
- peak RSS over 1,000 files;
- reference points on the same corpus: markdown-it-py parsing alone, pymarkdownlnt
  and markdownlint-cli2 (when Node is present). These are installed into the
  benchmark's own venv and npm prefix under bench/out/, never into the project.
"""

from __future__ import annotations

import argparse
import json
import math
import os
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

OUT = HERE / "out"
TARGETS = {
    "cold_mb_per_s_per_core": (">=", 5.0),
    "one_file_ms": ("<=", 150.0),
    "scaling_exponent": ("<=", 1.1),
    "peak_rss_mb_1000_files": ("<=", 150.0),
    "warm_mb_per_s": (">=", 50.0),
}


# Installed Python code runs from byte-code caches; an environment that forbids writing
# them (PYTHONDONTWRITEBYTECODE) would time the compilation of every module instead.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def referatcheck_command() -> list[str]:
    script = Path(sys.executable).parent / "referatcheck"
    return [str(script)] if script.exists() else [sys.executable, "-m", "referatcheck.cli"]


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def timed(command: list[str], repeat: int = 1) -> float:
    """Best wall time of ``command`` (its output discarded)."""
    best = math.inf
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
        best = min(best, time.perf_counter() - start)
    return best


def median_time(command: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_rss_mb(command: list[str]) -> float:
    """Largest resident set of the command or any of its worker processes."""
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
             "stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, check=True, env=ENV)
    return int(out.stdout.strip()) / 1024  # KiB on Linux


def corpus_size(paths) -> int:
    return sum(Path(p).stat().st_size for p in paths)


# ---- referatcheck -------------------------------------------------------------------


def throughput(corpus: Path, files: list[Path], jobs: int) -> dict:
    command = referatcheck_command()
    mb = corpus_size(files) / 1e6
    cache = Path(tempfile.mkdtemp(prefix="referatcheck-bench-cache-"))
    try:
        serial = timed([*command, "check", "--isolated", "-j", "1", "--cache-dir", str(cache / "a"), str(corpus)])
        parallel = timed([*command, "check", "--isolated", "-j", str(jobs), "--cache-dir", str(cache / "b"),
                          str(corpus)])
        warm = timed([*command, "check", "--isolated", "-j", str(jobs), "--cache-dir", str(cache / "b"),
                      str(corpus)], repeat=3)
        # What any run pays before its first file: interpreter, imports, plugins, grammar.
        empty = cache / "empty"
        empty.mkdir()
        startup = timed([*command, "check", "--isolated", "--cache-dir", str(cache / "b"), str(empty)], repeat=3)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    return {
        "corpus_files": len(files), "corpus_mb": round(mb, 2), "jobs": jobs,
        "cold_1_worker_s": round(serial, 2),
        "cold_mb_per_s_per_core": round(mb / serial, 3),
        "cold_files_per_s_1_worker": round(len(files) / serial, 1),
        "cold_all_cores_s": round(parallel, 2),
        "cold_mb_per_s_all_cores": round(mb / parallel, 3),
        "cold_files_per_s_all_cores": round(len(files) / parallel, 1),
        "warm_s": round(warm, 3),
        "warm_mb_per_s": round(mb / warm, 1),
        "warm_files_per_s": round(len(files) / warm, 1),
        "startup_s": round(startup, 3),
        "warm_mb_per_s_after_startup": round(mb / max(warm - startup, 1e-3), 1),
    }


def warm_runner(files: list[Path]) -> dict:
    """The warm cache without process start-up and report: `runner.lint_paths` in this process."""
    from referatcheck.pipeline import RunSettings
    from referatcheck.runner import lint_paths

    paths = [str(f) for f in files]
    settings = RunSettings(isolated=True)
    cache = Path(tempfile.mkdtemp(prefix="referatcheck-bench-cache-"))
    try:
        lint_paths(paths, settings, cache_dir=cache)
        best = math.inf
        for _ in range(3):
            start = time.perf_counter()
            lint_paths(paths, settings, cache_dir=cache)
            best = min(best, time.perf_counter() - start)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    return {"warm_runner_mb_per_s": round(corpus_size(files) / 1e6 / best, 1)}


def one_file(path: Path) -> dict:
    command = referatcheck_command()
    median_time([*command, "check", "--no-cache", str(path)], 2)  # warm the OS file cache
    lint = median_time([*command, "check", "--no-cache", str(path)], 9)
    bare = median_time([sys.executable, "-c", "pass"], 9)
    return {"one_file_ms": round(lint * 1000, 1), "python_pass_ms": round(bare * 1000, 1),
            "one_file_size_kb": round(path.stat().st_size / 1000, 1)}


def scaling(sizes=(1, 4, 16)) -> dict:
    """In-process lint time of the same minutes at 1×, 4× and 16× their items."""
    from referatcheck.pipeline import RunSettings, lint_file

    settings = RunSettings(isolated=True)
    templates = generate.templates()
    points = []
    for size in sizes:
        texts = [generate.document_text(t, size).encode("utf-8") for t in templates]
        lint_file("warm-up.md", texts[0], settings)
        best = math.inf
        for _ in range(3 if size < 16 else 2):
            start = time.perf_counter()
            for i, data in enumerate(texts):
                lint_file(f"size-{size}-{i}.md", data, settings)
            best = min(best, time.perf_counter() - start)
        points.append((sum(map(len, texts)), best))
    xs = [math.log(b) for b, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    return {
        "scaling_points": [{"size": s, "bytes": b, "seconds": round(t, 3), "mb_per_s": round(b / t / 1e6, 3)}
                           for s, (b, t) in zip(sizes, points)],
        "scaling_exponent": round(slope, 3),
    }


def memory(corpus: Path, jobs: int) -> dict:
    command = referatcheck_command()
    return {
        "peak_rss_mb_1000_files": round(peak_rss_mb([*command, "check", "--isolated", "--no-cache", "-j", "1",
                                                     str(corpus)]), 1),
        "peak_rss_mb_1000_files_all_cores": round(peak_rss_mb([*command, "check", "--isolated", "--no-cache", "-j",
                                                               str(jobs), str(corpus)]), 1),
    }


def rule_costs(files: list[Path]) -> dict:
    """Where one core's time goes: decoding and parsing, then each rule family."""
    from collections import Counter

    from referatcheck.parse import parse_document
    from referatcheck.plugins import load_plugins
    from referatcheck.source import SourceText

    plugins = load_plugins()
    vocabulary = plugins.vocabulary()
    costs: Counter = Counter()
    size = 0
    for path in files:
        data = path.read_bytes()
        size += len(data)
        start = time.perf_counter()
        document = parse_document(SourceText.from_bytes(data, str(path)), vocabulary)
        costs["parse"] += time.perf_counter() - start
        for rule in plugins.rules:
            start = time.perf_counter()
            try:
                list(rule().check(document, rule.options))
            except Exception:
                pass
            costs[rule.code] += time.perf_counter() - start
    per_byte = {k: v / size * 1e9 for k, v in costs.items()}  # ns per byte
    families: Counter = Counter()
    for code, ns in per_byte.items():
        families["parse" if code == "parse" else code.rstrip("0123456789")] += ns
    return {
        "ns_per_byte_by_stage": {k: round(v) for k, v in families.most_common()},
        "ns_per_byte_top_rules": {k: round(v) for k, v in Counter(per_byte).most_common(8) if k != "parse"},
    }


# ---- reference tools ----------------------------------------------------------------


def reference_venv() -> Path | None:
    venv = OUT / "venv"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    installed = subprocess.run([str(python), "-c", "import markdown_it, pymarkdown"], capture_output=True)
    if installed.returncode != 0:
        result = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "markdown-it-py", "pymarkdownlnt"],
                                capture_output=True, text=True)
        if result.returncode != 0:
            print(f"reference tools could not be installed: {result.stderr.strip()[-300:]}", file=sys.stderr)
            return None
    return python


def markdownlint_cli2() -> Path | None:
    if not shutil.which("npm") or not shutil.which("node"):
        return None
    prefix = OUT / "npm"
    binary = prefix / "node_modules" / ".bin" / "markdownlint-cli2"
    if not binary.exists():
        result = subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(prefix),
                                 "markdownlint-cli2"], capture_output=True, text=True)
        if result.returncode != 0 or not binary.exists():
            print(f"markdownlint-cli2 could not be installed: {result.stderr.strip()[-300:]}", file=sys.stderr)
            return None
    return binary


def references(files: list[Path], subset: int) -> dict:
    out: dict = {}
    python = reference_venv()
    sample = files[:subset]
    mb_all, mb_sample = corpus_size(files) / 1e6, corpus_size(sample) / 1e6
    if python is not None:
        parse = ("import sys, time; from markdown_it import MarkdownIt; md = MarkdownIt('commonmark'); "
                 "texts = [open(p, encoding='utf-8').read() for p in sys.argv[1:]]; t = time.perf_counter(); "
                 "[md.parse(t_) for t_ in texts]; print(time.perf_counter() - t)")
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
            listing.write("\n".join(map(str, files)))
        seconds = float(subprocess.run(
            [str(python), "-c", parse.replace("sys.argv[1:]", f"open({listing.name!r}).read().split(chr(10))")],
            capture_output=True, text=True, check=True).stdout)
        os.unlink(listing.name)
        out["markdown_it_py_parse_mb_per_s"] = round(mb_all / seconds, 3)
        pymarkdown = [str(python.parent / "pymarkdown"), "scan"]
        seconds = timed([*pymarkdown, *map(str, sample)])
        out["pymarkdownlnt_mb_per_s"] = round(mb_sample / seconds, 3)
        out["pymarkdownlnt_one_file_ms"] = round(median_time([*pymarkdown, str(files[0])], 3) * 1000, 1)
    binary = markdownlint_cli2()
    if binary is not None:
        seconds = timed([str(binary), *map(str, sample)])
        out["markdownlint_cli2_mb_per_s"] = round(mb_sample / seconds, 3)
        out["markdownlint_cli2_one_file_ms"] = round(median_time([str(binary), str(files[0])], 3) * 1000, 1)
    else:
        out["markdownlint_cli2"] = "not run (no Node.js)"
    command = referatcheck_command()
    seconds = timed([*command, "check", "--isolated", "--no-cache", "-j", "1", *map(str, sample)])
    out["referatcheck_same_sample_mb_per_s_1_worker"] = round(mb_sample / seconds, 3)
    out["reference_sample_files"] = len(sample)
    return out


# ---- report -------------------------------------------------------------------------


def verdicts(results: dict) -> list[str]:
    lines = []
    for key, (op, target) in TARGETS.items():
        value = results.get(key)
        if value is None:
            continue
        ok = value >= target if op == ">=" else value <= target
        ratio = value / target if op == ">=" else target / value
        lines.append(f"  {key:<32} {value:>10} (target {op} {target}) "
                     f"{'met' if ok else f'MISSED: {ratio:.2f}× of target'}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="referatcheck benchmark")
    parser.add_argument("--docs", type=int, default=1000, help="documents in the throughput corpus (default 1000)")
    parser.add_argument("--jobs", type=int, default=cores(), help="workers for the all-cores runs")
    parser.add_argument("--reference-files", type=int, default=50, help="files given to the reference linters")
    parser.add_argument("--no-reference", action="store_true", help="skip the reference tools")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args(argv)

    corpus = OUT / f"corpus-{args.docs}"
    if corpus.exists():
        shutil.rmtree(corpus)
    files = generate.generate(corpus, args.docs, size=1, tables=0)
    print(f"corpus: {len(files)} files, {corpus_size(files) / 1e6:.2f} MB in {corpus}", file=sys.stderr)

    results: dict = {"python": sys.version.split()[0], "cores": cores()}
    for name, step in [
        ("throughput", lambda: throughput(corpus, files, args.jobs)),
        ("warm cache in process", lambda: warm_runner(files)),
        ("one file", lambda: one_file(files[0])),
        ("scaling", scaling),
        ("memory", lambda: memory(corpus, args.jobs)),
        ("rule costs", lambda: rule_costs(files[:30])),
        *([] if args.no_reference else [("reference tools", lambda: references(files, args.reference_files))]),
    ]:
        print(f"… {name}", file=sys.stderr, flush=True)
        results.update(step())

    print(json.dumps(results, indent=2, ensure_ascii=False))
    print("\ntargets:")
    print("\n".join(verdicts(results)))
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
