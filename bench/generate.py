"""Generate a benchmark corpus of minutes from the clean examples in `examples/clean/`.

Each generated document takes the head of one example, a table of contents that
matches its items, and the example's agenda items repeated ``size`` times (renumbered,
copies titled `… (del 2)`), with ``tables`` extra budget tables per item taken from
the examples. So a document of size 4 is a consistent set of minutes four times as
long as its example, and the corpus stays (nearly) free of findings: the benchmark
measures the lint, not the reporting of thousands of findings.

    python bench/generate.py OUT_DIR --docs 1000 --size 1 --tables 0
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "clean"

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir")
    parser.add_argument("--docs", type=int, default=100, help="number of documents (default 100)")
    parser.add_argument("--size", type=int, default=1, help="items repeated this many times (default 1)")
    parser.add_argument("--tables", type=int, default=0, help="extra tables per item (default 0)")
    args = parser.parse_args(argv)
    paths = generate(args.out_dir, args.docs, args.size, args.tables)
    total = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} documents, {total / 1e6:.2f} MB in {args.out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
