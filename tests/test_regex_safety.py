"""Every regular expression in referatcheck and its rule plugins stays linear.

Lines can be a megabyte long (a dot leader, a TAB row, a run of digits), so a pattern
that backtracks over such a run turns a lint into minutes. Two checks:

1. every pattern found in the code (compiled at module level, held by a class, or a
   literal passed to `re.search(...)` and friends) is run against long runs of the
   characters minutes are made of; each call has a time budget that a linear pattern
   meets a hundred times over and a quadratic one misses;
2. a whole-file lint (parse and every installed rule) of a file holding a 1 MB
   adversarial line finishes in well under a second (the bound is generous for CI).

The audit runs in a child process with a timeout, so a catastrophic pattern fails
the test instead of hanging the suite, and names the pattern.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import json
import pkgutil
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from referatcheck.pipeline import RunSettings, lint_file

RUN = 5_000  # characters per adversarial run: quadratic work (2.5e7 steps) shows, linear does not
BUDGET = 0.05  # seconds per call; linear patterns take a tenth of a millisecond here

UNITS = [".", " ", "\t", "0", "1.", "12,5 ", "*", "**", "_", "#", "|", "| ", "-", "- ", "–", "…", "a", "a ",
         "aa.", "[", "](", "<", "<a ", "\\", "\\*", ":", "/", "Punkt ", "kr. ", "1.000.", "\u00a0", "x\t"]
# A run alone, then followed by characters that make a pattern fail at the very end
# (where a backtracking pattern gives back its whole run before failing).
ENDINGS = ["", "x", "\t3", "\n"]


def adversarial_inputs(run: int = RUN):
    for unit in UNITS:
        body = unit * (run // len(unit))
        for ending in ENDINGS:
            yield f"{unit!r}*{run // len(unit)}+{ending!r}", "", unit, ending
        yield f"'a '+{unit!r}*n", "a ", unit, ""


def _text(prefix: str, unit: str, ending: str, run: int = RUN) -> str:
    return prefix + unit * (run // len(unit)) + ending


def _fastest(call, text: str, times: int) -> float:
    best = float("inf")
    for _ in range(times):
        start = time.perf_counter()
        call(text)
        best = min(best, time.perf_counter() - start)
    return best


def _too_slow(call, prefix: str, unit: str, ending: str) -> float | None:
    """The time of a call that misses the budget even at its best, or that grows faster
    than linearly (4× the input, more than 10× the time: a quadratic pattern takes 16×);
    None when it is fine. A slow call is timed again, at its best of several: on a busy
    machine one call can lose its time slice."""
    text = _text(prefix, unit, ending)
    start = time.perf_counter()
    call(text)
    if time.perf_counter() - start <= BUDGET:
        return None
    best = _fastest(call, text, 3)
    if best > BUDGET:
        return best
    for _attempt in range(2):
        longer = _fastest(call, _text(prefix, unit, ending, 4 * RUN), 3)
        if longer <= 10 * max(best, 1e-4):
            return None
        best = min(best, _fastest(call, text, 3))
    return longer


def _modules() -> list[str]:
    names = []
    for package in ("referatcheck", "referatcheck_plugins"):
        module = importlib.import_module(package)
        names.append(package)
        names.extend(info.name for info in pkgutil.walk_packages(module.__path__, prefix=f"{package}."))
    return sorted(names)


_SCANNING = ("search", "finditer", "findall", "sub", "subn", "split")


def _sources() -> str:
    """All source text of referatcheck and its plugins, to see how each pattern is used."""
    texts = []
    for name in _modules():
        spec = importlib.util.find_spec(name)
        if spec and spec.origin and spec.origin.endswith(".py"):
            texts.append(Path(spec.origin).read_text(encoding="utf-8"))
    return "\n".join(texts)


def _scanned(name: str, pattern: re.Pattern, sources: str) -> bool:
    """Whether a pattern is used to scan (search, sub ...) rather than only anchored
    (match, fullmatch): anchored use tries one start position, so only that is timed.
    Patterns inside containers count as scanned unless they start with an anchor."""
    short = name.rsplit(".", 1)[-1]
    if ":" in name:  # a literal passed to re.<function>: its function is in the name
        return name.rsplit("#", 1)[-1] in _SCANNING
    if "[" in short:
        return not pattern.pattern.startswith(("^", "\\A"))
    return bool(re.search(rf"\b{re.escape(short)}\.(?:{'|'.join(_SCANNING)})\(", sources))


def _patterns_in(module) -> list[tuple[str, re.Pattern]]:
    """Compiled patterns a module holds: globals, containers and class attributes."""
    found: dict[tuple[str, int], tuple[str, re.Pattern]] = {}

    def visit(name: str, value, depth: int = 0) -> None:
        if isinstance(value, re.Pattern):
            found.setdefault((value.pattern, value.flags), (name, value))
        elif depth < 3 and isinstance(value, (tuple, list, set, frozenset)):
            for i, item in enumerate(value):
                visit(f"{name}[{i}]", item, depth + 1)
        elif depth < 3 and isinstance(value, dict):
            for key, item in list(value.items()):
                visit(f"{name}[{key!r}]", item, depth + 1)
        elif depth < 2 and isinstance(value, type) and value.__module__ == module.__name__:
            for attr, item in vars(value).items():
                visit(f"{name}.{attr}", item, depth + 1)

    for name, value in vars(module).items():
        visit(f"{module.__name__}.{name}", value)
    # Literal patterns passed straight to re.search(...), re.sub(...) and friends.
    source = getattr(module, "__file__", None)
    if source and source.endswith(".py"):
        tree = ast.parse(Path(source).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                    and node.func.attr in ("compile", "search", "match", "fullmatch", "sub", "subn", "findall",
                                           "finditer", "split")
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                flags = 0
                for keyword in node.keywords:
                    if keyword.arg == "flags" and isinstance(keyword.value, ast.Attribute):
                        flags |= getattr(re, keyword.value.attr, 0)
                try:
                    pattern = re.compile(node.args[0].value, flags)
                except re.error:
                    continue
                found.setdefault((pattern.pattern, pattern.flags),
                                 (f"{module.__name__}:{node.lineno}#{node.func.attr}", pattern))
    return list(found.values())


def audit() -> dict:
    """Time every pattern on every adversarial input; prints progress so a hang names its pattern."""
    slow = []
    count = 0
    inputs = list(adversarial_inputs())
    sources = _sources()
    for module_name in _modules():
        try:
            module = importlib.import_module(module_name)
        except Exception:  # a module that does not import is its own tests' failure
            continue
        for name, pattern in _patterns_in(module):
            count += 1
            print(f"testing {name}: {pattern.pattern[:80]!r}", flush=True)
            calls = (pattern.match, pattern.search) if _scanned(name, pattern, sources) else (pattern.match,)
            for label, prefix, unit, ending in inputs:
                for call in calls:
                    elapsed = _too_slow(call, prefix, unit, ending)
                    if elapsed is not None:
                        slow.append([name, pattern.pattern, label, call.__name__, round(elapsed, 3)])
                        break  # one slow input is enough to name the pattern
                else:
                    continue
                break
    return {"patterns": count, "slow": slow}


def test_every_pattern_is_linear_on_long_runs():
    """Child process with a timeout: a catastrophic pattern fails here, naming itself."""
    try:
        child = subprocess.run(
            [sys.executable, "-c", "import json, test_regex_safety as t; print('RESULT', json.dumps(t.audit()))"],
            capture_output=True, text=True, timeout=240, cwd=Path(__file__).parent,
        )
    except subprocess.TimeoutExpired as exc:
        lines = (exc.stdout or b"").decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        last = [line for line in lines.splitlines() if line.startswith("testing")][-1:]
        pytest.fail(f"regex audit hung (catastrophic backtracking?) at: {last}")
    assert child.returncode == 0, child.stderr
    result = json.loads(child.stdout.split("RESULT ", 1)[1])
    assert result["patterns"] >= 40  # the audit really found the code's patterns
    assert result["slow"] == [], "\n".join(map(str, result["slow"]))


def test_the_audit_catches_a_backtracking_pattern():
    quadratic = re.compile(r"[\s.]+$")  # the shape of a real bug found by this audit
    text = "." * RUN + "x"
    start = time.perf_counter()
    quadratic.search(text)
    assert time.perf_counter() - start > BUDGET


def test_the_audit_finds_patterns_everywhere():
    titles = importlib.import_module("referatcheck.titles")
    names = [name for name, _ in _patterns_in(titles)]
    assert any("_HTML_TAG" in n for n in names)
    sections = importlib.import_module("referatcheck.sections")
    assert any("_PATTERNS[" in n for n, _ in _patterns_in(sections))  # inside a tuple
    tables = importlib.import_module("referatcheck.tables")
    assert any(n.startswith("referatcheck.tables:") for n, _ in _patterns_in(tables))  # re.search(r"\binden...", ...)
    vocabulary = importlib.import_module("referatcheck.vocabulary")
    assert any("SECTION_PATTERNS[" in n for n, _ in _patterns_in(vocabulary))


# ---- whole-file lints of megabyte lines ------------------------------------------------

LINE = 1_000_000
ADVERSARIAL_LINES = {
    "dot leader": "Godkendelse af dagsorden" + "." * LINE + "\t3",
    "dots then text": "Godkendelse " + "." * LINE + "x\t3",
    "tabs": "Beløb\t" + "\t" * LINE + "1",
    "digits": "7" * LINE,
    "digit groups": "1.000." * (LINE // 6),
    "amounts in cells": "12,5\t" * (LINE // 5),
    "spaces": "Punkt 1:" + " " * LINE + "x",
    "stars": "*" * LINE,
    "star words": "**a " * (LINE // 4),
    "underscores": "_" * LINE,
    "hashes": "#" * LINE,
    "pipes": "|" * LINE,
    "pipe cells": "| a " * (LINE // 4) + "|",
    "dashes": "-" * LINE,
    "dash words": "- a " * (LINE // 4),
    "brackets": "[a](" * (LINE // 4),
    "html": "<a " * (LINE // 3),
    "backslashes": "\\*" * (LINE // 2),
    "colons": "Mødedato:" * (LINE // 9),
    "dates": "d. 07-11-2023 " * (LINE // 14),
}


@pytest.mark.parametrize("kind", sorted(ADVERSARIAL_LINES))
def test_lint_of_a_megabyte_line_is_fast(kind):
    line = ADVERSARIAL_LINES[kind]
    # The line stands where each stage looks: the head, the TOC, an item and a section.
    text = (f"# REFERAT Udvalget d. 01-02-2024\n\n**Mødedato** {line[:100_000]}\n\n## Indholdsfortegnelse\n\n{line}\n\n"
            f"# Punkt 1: Eventuelt\n\n24/1001\n\n{line}\n\n## Beslutning\n\n{line[:100_000]}\n")
    lint_file("warm-up.md", b"# REFERAT Udvalget d. 01-02-2024\n", RunSettings(isolated=True))
    start = time.perf_counter()
    result = lint_file("m.md", text.encode("utf-8"), RunSettings(isolated=True))
    elapsed = time.perf_counter() - start
    assert not result.incomplete, [d.message.en for d in result.diagnostics if d.code.startswith("RC")]
    # About 2.2 MB of text: linear code takes a fraction of a second; backtracking takes minutes.
    assert elapsed < 5.0, f"{kind}: {elapsed:.2f} s"
