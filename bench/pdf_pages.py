"""PDF input: pages per second, memory, and where the time goes.

    python bench/pdf_pages.py                  # a 500-page PDF (about a minute)
    python bench/pdf_pages.py --pages 100
    python bench/pdf_pages.py --json bench/out/pdf.json

The PDF is made from the invented minutes in `examples/clean/`: each is rendered as a
web page and printed by headless Chromium (tests/twins.py, as the tests do; Debian's
`/usr/bin/chromium` through Playwright), and their pages are repeated until the PDF
has `--pages` pages. Then:

- the whole command, `referatcheck check --no-cache` in a child process: wall time,
  pages per second and the child's peak RSS;
- one conversion in this process, stage by stage: reading glyphs and rules through
  PDFium (pypdfium2: the library's calls and the thin loop around them), referatcheck's
  layout (lines, columns, running heads) and its text building (headings, tables, TOC,
  paragraphs), then parsing and the rules — with each stage's share;
- PDFium alone: its own text extraction of every page (`FPDFText_GetText`), the least
  any reader on this library pays.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))
OUT = HERE / "out"


def build_pdf(pages: int) -> bytes:
    import pypdfium2 as pdfium

    from referatcheck.parse import parse_text
    from referatcheck.source import SourceText
    from twins import print_pdfs, render_html

    sources = sorted((ROOT / "examples" / "clean").glob("*.md"))
    markdowns = [SourceText.from_bytes(p.read_bytes()).text for p in sources]
    heads = [(parse_text(md).head.title.text if parse_text(md).head.title else "Referat")[:60] for md in markdowns]
    printed = print_pdfs([(render_html(md).html, head) for md, head in zip(markdowns, heads)])
    out = pdfium.PdfDocument.new()
    while len(out) < pages:
        for data in printed:
            source = pdfium.PdfDocument(data)
            room = pages - len(out)
            if room <= 0:
                break
            out.import_pages(source, list(range(min(room, len(source)))))
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def whole_command(path: Path, pages: int) -> dict:
    script = Path(sys.executable).parent / "referatcheck"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "referatcheck.cli"]
    # A wrapper process waits for the command alone, so its children's peak RSS is the
    # command's (this process has run Chromium, whose memory would count here).
    wrapper = ("import json, resource, subprocess, sys, time; s = time.perf_counter(); "
               "r = subprocess.run(sys.argv[1:], capture_output=True); w = time.perf_counter() - s; "
               "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
               "print(json.dumps([r.returncode, w, u.ru_maxrss, len(json.loads(r.stdout)['diagnostics']), "
               "u.ru_utime + u.ru_stime]))")
    run = subprocess.run([sys.executable, "-c", wrapper, *command, "check", "--no-cache", "--format", "json", str(path)],
                         capture_output=True, text=True)
    code, wall, rss_kb, findings, cpu = json.loads(run.stdout)
    assert code in (0, 1), run.stderr
    # CPU time too: on a shared machine the wall time says more about the neighbours.
    return {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "pages_per_s": round(pages / wall, 1),
            "pages_per_cpu_s": round(pages / cpu, 1), "peak_rss_mb": round(rss_kb / 1024, 1), "findings": findings}


def stages(data: bytes) -> dict:
    from referatcheck.engine import Linter
    from referatcheck.formats import pdf as pdf_format
    from referatcheck.formats.pdflayout import drop_running_heads, number_lines, order_columns, page_lines
    from referatcheck.formats.pdfpage import open_pdf, pages
    from referatcheck.formats.pdftext import TextBuilder
    from referatcheck.parse import parse_document
    from referatcheck.source import SourceText

    linter = Linter()
    times = {}
    start = time.perf_counter()
    document = open_pdf(data)
    contents = list(pages(document, pdf_format.MAX_PAGES))
    document.close()
    times["pdfium_glyphs_and_rules"] = time.perf_counter() - start

    start = time.perf_counter()
    read = [page_lines(c) for c in contents]
    for page in read:
        order_columns(page)
    drop_running_heads(read)
    number_lines(read)
    times["layout"] = time.perf_counter() - start

    start = time.perf_counter()
    text, _ = TextBuilder(read, linter.vocabulary).run().result()
    times["text_building"] = time.perf_counter() - start

    start = time.perf_counter()
    parsed = parse_document(SourceText.from_text(text, path="x.pdf", encoding="pdf"), linter.vocabulary)
    times["parse"] = time.perf_counter() - start

    start = time.perf_counter()
    linter.lint_document(parsed)
    times["rules"] = time.perf_counter() - start

    total = sum(times.values())
    return {name: {"s": round(t, 2), "share": f"{100 * t / total:.0f} %"} for name, t in times.items()} | {
        "total_s": round(total, 2)}


def pdfium_alone(data: bytes) -> float:
    import pypdfium2 as pdfium

    start = time.perf_counter()
    document = pdfium.PdfDocument(data)
    for index in range(len(document)):
        page = document[index]
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    document.close()
    return round(time.perf_counter() - start, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    data = build_pdf(args.pages)
    path = OUT / f"minutes-{args.pages}-pages.pdf"
    path.write_bytes(data)
    results = {"pages": args.pages, "bytes": len(data)}
    results["command"] = whole_command(path, args.pages)
    results["stages"] = stages(data)
    results["pdfium_text_alone_s"] = pdfium_alone(data)
    print(json.dumps(results, indent=2, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
