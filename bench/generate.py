"""Generate a benchmark corpus of minutes from the clean examples in `examples/clean/`.

Each generated document takes the head of one example, a table of contents that
matches its items, and the example's agenda items repeated ``size`` times (renumbered,
copies titled `… (del 2)`), with ``tables`` extra budget tables per item taken from
the examples. So a document of size 4 is a consistent set of minutes four times as
long as its example, and the corpus stays (nearly) free of findings: the benchmark
measures the lint, not the reporting of thousands of findings.

    python bench/generate.py OUT_DIR --docs 1000 --size 1 --tables 0
    python bench/generate.py OUT_DIR --docs 1000 --real     # copies of ../shared/corpus

`--real` copies the real minutes of `../shared/corpus` instead, one word of prose
changed in each copy, so no two files are alike (as in an archive, and as the cache
needs: identical contents would be linted once). Those copies stay under `bench/out/`
and are never committed: the corpus is not ours to publish.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "clean"
REAL_CORPUS = ROOT.parent / "shared" / "corpus"

_CLOSED_SUFFIX = re.compile(r"(\s*[-–]\s*lukket(?:\s+punkt)?)$", re.IGNORECASE)


class Template:
    """One example cut into its head, its items (title, body lines) and its tables."""

    def __init__(self, path: Path) -> None:
        from referatcheck.model import Table
        from referatcheck.parse import parse_text

        text = path.read_text(encoding="utf-8")
        document = parse_text(text, path=str(path))
        lines = text.split("\n")
        if not document.items:
            raise ValueError(f"{path}: no agenda items recognised")
        first_item = document.items[0].heading_span.line
        head_end = document.toc.heading_span.line if document.toc else first_item
        self.name = path.stem
        self.head = _trim_blank(lines[: head_end - 1])
        self.first_number = document.items[0].number or 1
        self.items: list[tuple[str, list[str]]] = []
        for index, item in enumerate(document.items):
            end = document.items[index + 1].heading_span.line - 1 if index + 1 < len(document.items) else len(lines)
            self.items.append((item.title, _trim_blank(lines[item.heading_span.end_line: end])))
        self.tables = [
            lines[block.span.line - 1: block.span.end_line]
            for item in document.items
            for section in item.sections
            for block in section.blocks
            if isinstance(block, Table) and len(block.rows) >= 3
        ]


def _trim_blank(lines: list[str]) -> list[str]:
    while lines and not lines[0].strip():
        lines = lines[1:]
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return lines


def _copy_title(title: str, copy: int) -> str:
    """`Salg af grund - Lukket punkt` → `Salg af grund (del 2) - Lukket punkt`."""
    if copy == 1:
        return title
    match = _CLOSED_SUFFIX.search(title)
    if match:
        return f"{title[: match.start()]} (del {copy}){match.group(1)}"
    return f"{title} (del {copy})"


def document_text(template: Template, size: int = 1, tables: int = 0) -> str:
    """One generated document: ``size`` times the template's items, ``tables`` extra tables each."""
    items = []
    number = template.first_number
    for copy in range(1, size + 1):
        for title, body in template.items:
            items.append((number, _copy_title(title, copy), body))
            number += 1
    out = list(template.head) + ["", "## Indholdsfortegnelse", ""]
    page = 2
    for _, title, body in items:
        out.append(f"{title}.....\t{page}")
        page += 1 + len(body) // 60
    out.append("")
    for index, (number, title, body) in enumerate(items):
        out += [f"# **Punkt {number}: {title}**", ""]
        # The case number comes first; extra tables follow it in the item's intro.
        out += body[:1]
        for k in range(tables):
            if template.tables:
                out += [""] + template.tables[(index + k) % len(template.tables)]
        out += body[1:] + [""]
    return "\n".join(out)


def templates() -> list[Template]:
    found = [Template(path) for path in sorted(EXAMPLES.glob("*.md"))]
    if not found:
        raise SystemExit(f"no examples found in {EXAMPLES}")
    return found


def generate(out_dir: str | Path, docs: int, size: int = 1, tables: int = 0) -> list[Path]:
    """Write ``docs`` documents to ``out_dir`` (cycling through the examples); returns their paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    sources = templates()
    texts = [document_text(t, size, tables) for t in sources]
    paths = []
    for i in range(docs):
        template = i % len(sources)
        # Sub-folders of 100 files, as an archive would be organised.
        path = out / f"{i // 100:03d}" / f"{sources[template].name}-{i:05d}.md"
        path.parent.mkdir(exist_ok=True)
        # A per-document marker line keeps every file's content (and cache key) distinct.
        path.write_text(texts[template] + f"\n<!-- bench document {i} -->\n", encoding="utf-8")
        paths.append(path)
    return paths


# Words that replace one word of prose in each copy of a real document.
_SWAPS = ("borgere", "kommunen", "udvalget", "indsatsen", "området", "budgettet", "planen", "sagen",
          "forslaget", "ordningen", "projektet", "rådet", "centret", "afdelingen", "aftalen", "tilbuddet")
_WORD = re.compile(r"\b[a-zæøå]{5,}\b")


def _prose_lines(lines: list[str]) -> list[int]:
    """Lines of running text (long, starting with a capital, no table or markup): a word
    changed there changes no structure."""
    return [i for i, line in enumerate(lines)
            if len(line) >= 80 and line[:1].isupper() and not any(c in line for c in "\t|#*_<")]


def real_documents() -> list[Path]:
    return sorted(p for p in REAL_CORPUS.glob("*") if p.suffix in (".md", ".txt")) if REAL_CORPUS.is_dir() else []


def generate_real(out_dir: str | Path, docs: int) -> list[Path]:
    """Write ``docs`` copies of the real minutes (cycling through them), each with one word
    of prose changed, no two alike; returns their paths."""
    sources = real_documents()
    if not sources:
        raise SystemExit(f"no real minutes found in {REAL_CORPUS}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    texts = [s.read_text(encoding="utf-8").split("\n") for s in sources]
    # Every (line, word, replacement) of a document, in a fixed order: copy k takes the k-th.
    changes = []
    for lines in texts:
        options = [(i, m.start(), m.end(), swap)
                   for swap in _SWAPS for i in _prose_lines(lines) for m in _WORD.finditer(lines[i])
                   if m.group() != swap]
        random.Random(len(changes)).shuffle(options)  # copies spread over the whole document
        changes.append(options)
    paths = []
    for n in range(docs):
        which = n % len(sources)
        copy = n // len(sources)
        options = changes[which]
        if copy >= len(options):
            raise SystemExit(f"{sources[which].name}: only {len(options)} different copies can be made")
        line, start, end, swap = options[copy]
        lines = list(texts[which])
        lines[line] = lines[line][:start] + swap + lines[line][end:]
        path = out / f"{n // 100:03d}" / f"{sources[which].stem}-{n:05d}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text("\n".join(lines), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir")
    parser.add_argument("--docs", type=int, default=100, help="number of documents (default 100)")
    parser.add_argument("--size", type=int, default=1, help="items repeated this many times (default 1)")
    parser.add_argument("--tables", type=int, default=0, help="extra tables per item (default 0)")
    parser.add_argument("--real", action="store_true", help="copies of ../shared/corpus, a word changed in each")
    args = parser.parse_args(argv)
    if args.real:
        paths = generate_real(args.out_dir, args.docs)
    else:
        paths = generate(args.out_dir, args.docs, args.size, args.tables)
    total = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} documents, {total / 1e6:.2f} MB in {args.out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
