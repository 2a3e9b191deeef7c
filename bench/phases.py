"""Where reading and checking cost time: nanoseconds per byte, phase by phase.

    python bench/phases.py                # the real corpus (../shared/corpus) and examples/
    python bench/phases.py --repeat 20    # steadier figures
    python bench/phases.py FILE…          # other minutes

Phases, each timed on its own over the same documents in one process (warm: the
grammar is built and every module imported before timing starts):

- ``lex``       the line lexer alone (facts of every line, roles of every line);
- ``parse``     the Lark LALR parse over those tokens (lexing subtracted);
- ``transform`` parse tree → Document;
- ``facts``     the per-document facts every rule reads (meeting, decisions,
                attendance, tables, TOC alignment), built once;
- one row per rule family: the rules only compare and report.

The README keeps the table of one run before and after a change of the reading layer.
"""

from __future__ import annotations

import argparse
import gc
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def documents() -> list[Path]:
    """Real minutes first; the invented examples too, so every style is in the mix."""
    paths = sorted(p for p in CORPUS.glob("*") if p.suffix in (".md", ".txt")) if CORPUS.is_dir() else []
    paths += sorted((ROOT / "examples").rglob("*.md"))
    return [p for p in paths if p.name != "README.md"]


def measure(paths: list[Path], repeat: int) -> tuple[Counter, int]:
    from referatcheck.grammar import parser
    from referatcheck.lexer import tokens
    from referatcheck.plugins import load_plugins
    from referatcheck.source import SourceText
    from referatcheck.transform import build_document

    plugins = load_plugins()
    vocabulary = plugins.vocabulary()
    lark = parser()
    sources = [SourceText.from_bytes(p.read_bytes(), str(p)) for p in paths]
    size = sum(len(p.read_bytes()) for p in paths) * repeat
    costs: Counter = Counter()
    gc.disable()  # the collector's pauses land on whichever phase runs; time it apart
    try:
        for _ in range(repeat):
            for source in sources:
                start = time.perf_counter()
                for _token in tokens(source, vocabulary):
                    pass
                lexed = time.perf_counter()
                tree = lark.parse((source, vocabulary))
                parsed = time.perf_counter()
                document = build_document(tree, source, vocabulary)
                built = time.perf_counter()
                costs["lex"] += lexed - start
                costs["parse"] += (parsed - lexed) - (lexed - start)
                costs["transform"] += built - parsed
                facts = getattr(document, "facts", None)
                if facts is not None and hasattr(facts, "build"):
                    start = time.perf_counter()
                    facts.build()
                    costs["facts"] += time.perf_counter() - start
                for rule in plugins.rules:
                    start = time.perf_counter()
                    try:
                        list(rule().check(document, rule.options))
                    except Exception:  # a crash is the tests' business, not the benchmark's
                        pass
                    costs[rule.code.rstrip("0123456789")] += time.perf_counter() - start
            gc.collect()
    finally:
        gc.enable()
    return costs, size


def main() -> int:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--repeat", type=int, default=10)
    arguments.add_argument("paths", nargs="*", type=Path, help="minutes to measure (default: corpus and examples)")
    options = arguments.parse_args()
    paths = options.paths or documents()
    if not paths:
        print("bench/phases.py: no documents found (../shared/corpus or examples/)")
        return 2
    measure(paths, 1)  # warm up: imports, grammar, regex compilation
    costs, size = measure(paths, options.repeat)
    total = sum(costs.values())
    print(f"{len(paths)} documents, {size // options.repeat:,} bytes, ×{options.repeat}")
    print(f"{'phase':<10} {'ns/byte':>8}")
    for phase in ("lex", "parse", "transform", "facts"):
        if phase in costs:
            print(f"{phase:<10} {costs.pop(phase) / size * 1e9:>8.0f}")
    for family, seconds in costs.most_common():
        print(f"{family:<10} {seconds / size * 1e9:>8.0f}")
    print(f"{'total':<10} {total / size * 1e9:>8.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
