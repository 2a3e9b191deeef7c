"""What referatcheck understood of a file: the outline behind `referatcheck parse`.

:func:`outline` turns a :class:`~referatcheck.model.Document` into plain data (the
JSON contract of ``parse --format json``, version 1) and :func:`render_tree` into an
indented text tree with line numbers. Both are pure functions of the document, so
tests and other tools can call them without the command line. :func:`read_file`
reads a file the way ``check`` does (format loaders such as the .docx plugin,
decoding, the parser, the configuration's section names), running no rule.

The JSON contract (more fields may be added, these stay)::

    {"version": 1, "documents": [{"path": str,
      "meeting": {"committee": str|null, "date": "YYYY-MM-DD"|null, "start": "HH:MM"|null,
                  "place": str|null},
      "toc": [{"line": int, "title": str, "number": str|null, "page": int|null}],
      "items": [{"line": int, "end_line": int, "number": str|null, "title": str,
                 "case_number": str|null, "closed": bool,
                 "sections": [{"line": int, "kind": str, "heading": str}]}],
      "unread": [{"line": int, "reason": str}]}]}

``items[].line`` is the line of the item's heading, ``end_line`` the last line of the
item; ``sections[].kind`` is a :class:`~referatcheck.model.SectionKind` value.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable, Sequence

from referatcheck.locations import place_at
from referatcheck.model import (
    AttendanceNote, Block, CaseNumber, Document, Heading, Item, ListBlock, Paragraph, Section,
    SectionKind, Span, Table,
)

__all__ = ["VERSION", "outline", "outlines", "render_tree", "read_file", "read_bytes", "meeting_facts"]

VERSION = 1

# Fields that give the start time (an end time such as `Sluttidspunkt` does not); every
# time and place label of the vocabulary has its role, so roles are all that is asked.
PREVIEW = 60  # characters of text shown for a block in the tree


# ---- reading, as `check` reads ----------------------------------------------------------


def read_bytes(path: str, data: bytes, settings=None):
    """Read ``data`` as the file ``path`` exactly as ``check`` does, running no rule.

    Returns the engine's :class:`~referatcheck.engine.FileResult`: ``.document`` is the
    Document, or None when the file could not be read (then ``.diagnostics`` holds the
    RC003 finding ``check`` would report); RC004 (not UTF-8) and RC001 (a plugin that
    did not load) come along as in ``check``. Raises ``ConfigError`` for a bad
    configuration file.
    """
    from referatcheck.engine import Linter
    from referatcheck.pipeline import RunSettings, vocabulary_for
    from referatcheck.plugins import load_plugins

    settings = settings if settings is not None else RunSettings()
    # The vocabulary of the configuration that applies, as for `check`.
    vocabulary = vocabulary_for(path, settings)
    linter = Linter(plugins=load_plugins(), rules=(), vocabulary=vocabulary, keep_documents=True)
    return linter.lint_bytes(path, data)


def read_file(path: str, settings=None):
    """Open ``path`` as ``check`` does (regular files only, never written) and :func:`read_bytes` it."""
    from referatcheck.runner import read_path

    data = read_path(path)
    return data if not isinstance(data, bytes) else read_bytes(path, data, settings)


# ---- the meeting ------------------------------------------------------------------------


def meeting_facts(document: Document) -> dict:
    """Committee, date (ISO), start time (`HH:MM`) and place of the meeting, each or None."""
    meeting = document.facts.meeting
    return {
        "committee": meeting.committee,
        "date": _iso(meeting.date),
        "start": meeting.start,
        "place": meeting.place,
    }


def _iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date is not None else None


# ---- JSON --------------------------------------------------------------------------------


def outline(document: Document) -> dict:
    """The document's outline as JSON-ready data (one entry of ``documents``)."""
    head = document.head
    title = head.title
    return {
        "path": document.path,
        "encoding": document.source.encoding,
        "lines": len(document.source.lines),
        "meeting": meeting_facts(document),
        "head": {
            "title": None if title is None else {
                "line": title.span.line, "text": title.text, "committee": title.committee,
                "period": title.period, "date": _iso(title.date),
            },
            "fields": [
                {"line": f.span.line, "end_line": f.span.end_line, "label": f.label, "role": f.role,
                 "value": f.value}
                for f in head.fields
            ],
            "blocks": [_block_data(b) for b in head.blocks],
        },
        "toc": [
            {"line": e.span.line, "title": e.title, "number": _number(e.number), "page": e.page,
             "leader": e.has_leader}
            for e in (document.toc.entries if document.toc is not None else ())
        ],
        "items": [_item_data(document, item) for item in document.items],
        "unread": [{"line": u.span.line, "end_line": u.span.end_line, "reason": u.reason} for u in document.unread],
    }


def outlines(documents: Iterable[Document], errors: Sequence[dict] = ()) -> dict:
    """The whole JSON payload: ``{"version": 1, "documents": [...]}`` (and ``errors``:
    ``[{"path", "message"}]`` for files that could not be read)."""
    return {"version": VERSION, "documents": [outline(d) for d in documents], "errors": list(errors)}


def _item_data(document: Document, item: Item) -> dict:
    place = place_at(document, item.heading_span)
    return {
        "line": item.heading_span.line,
        "end_line": item.span.end_line,
        "number": _number(item.number),
        "title": item.title,
        "case_number": item.case_number.text if item.case_number is not None else None,
        "closed": item.closed,
        "location": place.describe().en if place is not None else None,  # Word: `paragraph 12`
        "intro": [_block_data(b) for b in item.intro],
        "sections": [
            {"line": s.heading_span.line, "end_line": s.span.end_line, "kind": s.kind.value, "heading": s.title,
             "blocks": [_block_data(b) for b in s.blocks]}
            for s in item.sections
        ],
    }


def _block_data(block: Block) -> dict:
    data: dict = {"type": _block_type(block), "line": block.span.line, "end_line": block.span.end_line}
    if isinstance(block, Table):
        data["rows"] = _row_count(block)
    elif isinstance(block, ListBlock):
        data["entries"] = len(block.items)
        data["ordered"] = block.ordered
    elif isinstance(block, (Heading, AttendanceNote, CaseNumber)):
        data["text"] = block.text
    return data


def _number(number: int | None) -> str | None:
    return None if number is None else str(number)


# ---- the text tree ------------------------------------------------------------------------


def render_tree(document: Document) -> str:
    """An indented tree with line numbers of what was understood (ends with a newline)."""
    tree = _Tree(document)
    tree.render()
    return tree.text()


class _Tree:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.rows: list[tuple[str, int, str]] = []  # (lines, depth, text)

    def add(self, lines: str, depth: int, text: str) -> None:
        self.rows.append((lines, depth, _printable(text)))

    def at(self, span: Span, depth: int, text: str, whole: bool = False) -> None:
        """A row for ``span`` (``whole``: show its line range), with its Word place if any."""
        lines = str(span.line)
        if whole and span.end_line > span.line:
            lines = f"{span.line}-{span.end_line}"
        place = place_at(self.document, span)
        if place is not None:
            text = f"{text}  [{place.describe().en}]"
        self.add(lines, depth, text)

    def text(self) -> str:
        width = max((len(lines) for lines, _, _ in self.rows), default=1)
        out = []
        for lines, depth, text in self.rows:
            out.append(f"{lines:>{width}}  {'  ' * depth}{text}".rstrip() if lines or depth or text else "")
        return "\n".join(out) + "\n"

    def render(self) -> None:
        document = self.document
        header = document.path
        encoding = document.source.encoding
        if encoding in ("docx", "pdf", "html"):
            kind = {"docx": "Word", "pdf": "PDF", "html": "HTML"}[encoding]
            header += f" ({kind}: lines of the text read from it; [places] in the document)"
        elif encoding not in ("utf-8", "utf-8-sig"):
            header += f" (read as {encoding})"
        self.add("", 0, f"{header}: {_count(len(document.source.lines), 'line')}, {_count(len(document.items), 'item')}")
        self.head()
        self.toc()
        for item in document.items:
            self.item(item)
        self.unread()

    def head(self) -> None:
        document, head = self.document, self.document.head
        facts = meeting_facts(document)
        shown = ", ".join(f"{key} {value}" for key, value in facts.items() if value is not None)
        missing = [key for key, value in facts.items() if value is None]
        if missing:
            shown = f"{shown}; no {', '.join(missing)}" if shown else f"no {', '.join(missing)}"
        self.add("", 0, f"meeting: {shown}")
        if head.title is not None:
            self.at(head.title.span, 1, f"title  {head.title.text}")
        else:
            self.add("", 1, "title  (none)")
        for field in head.fields:
            role = f"role {field.role}" if field.role else "no role"
            self.at(field.span, 1, f"field  {field.label} ({role}): {_preview(field.value, 2 * PREVIEW)}", whole=True)
        self.blocks(head.blocks, 1)

    def toc(self) -> None:
        toc = self.document.toc
        if toc is None:
            self.add("", 0, "toc: none")
            return
        self.at(toc.heading_span, 0, f"toc: {_count(len(toc.entries), 'entry', 'entries')}")
        for entry in toc.entries:
            number = f"{entry.number}. " if entry.number is not None else ""
            page = f"  p. {entry.page}" if entry.page is not None else "  (no page)"
            self.at(entry.span, 1, f"{number}{entry.title}{page}")

    def item(self, item: Item) -> None:
        number = f"item {item.number}" if item.number is not None else "item (unnumbered)"
        parts = [f"{number}: {item.title}"]
        parts.append(f"case {item.case_number.text}" if item.case_number is not None else "no case number")
        parts.append("closed" if item.closed else "open")
        parts.append(f"lines {item.span.line}-{item.span.end_line}")
        self.at(item.heading_span, 0, "  ·  ".join(parts))
        self.blocks(item.intro, 1)
        for section in item.sections:
            self.section(section)

    def section(self, section: Section) -> None:
        text = f"{section.kind.value}: {section.title}"
        if section.kind == SectionKind.DECISION:
            first = _decision_line(section)
            text += f"  → {_preview(first)}" if first else "  → (no decision text)"
        elif not section.blocks:
            text += "  (empty)"
        self.at(section.heading_span, 1, text)
        self.blocks(section.blocks, 2)

    def blocks(self, blocks: Sequence[Block], depth: int) -> None:
        """One row a block; a run of paragraphs is one row with its line range and count."""
        index = 0
        while index < len(blocks):
            block = blocks[index]
            if isinstance(block, Paragraph):
                end = index
                while end + 1 < len(blocks) and isinstance(blocks[end + 1], Paragraph):
                    end += 1
                span = Span.covering(block.span, blocks[end].span)
                count = end - index + 1
                label = "paragraph" if count == 1 else f"{count} paragraphs"
                self.at(span, depth, f"{label}  {_preview(block.text)}", whole=True)
                index = end + 1
                continue
            self.at(block.span, depth, _block_summary(block), whole=True)
            index += 1

    def unread(self) -> None:
        unread = self.document.unread
        if not unread:
            self.add("", 0, "unread: none")
            return
        self.add("", 0, f"unread: {_count(len(unread), 'stretch', 'stretches')}")
        for stretch in unread:
            self.at(stretch.span, 1, stretch.reason, whole=True)


def _decision_line(section: Section) -> str:
    """The first line of a decision's own text (attendance notes and sub-headings aside)."""
    for block in section.blocks:
        if isinstance(block, Paragraph):
            return block.lines[0].strip() if block.lines else ""
        if isinstance(block, ListBlock) and block.items:
            return f"{block.items[0].marker} {block.items[0].text}"
    return ""


def _block_summary(block: Block) -> str:
    if isinstance(block, Table):
        columns = max((len(r.cells) for r in block.rows if not r.separator), default=0)
        return f"table  {_count(_row_count(block), 'row')} × {_count(columns, 'column')}"
    if isinstance(block, ListBlock):
        kind = "numbered list" if block.ordered else "list"
        first = _preview(block.items[0].text) if block.items else ""
        return f"{kind}  {_count(len(block.items), 'entry', 'entries')}  {first}".rstrip()
    if isinstance(block, AttendanceNote):
        return f"attendance  {_preview(block.text, 2 * PREVIEW)}"
    if isinstance(block, Heading):
        return f"heading  {_preview(block.text)}"
    if isinstance(block, CaseNumber):
        return f"case number  {block.text}"
    return _block_type(block)


def _block_type(block: Block) -> str:
    return {
        Paragraph: "paragraph", ListBlock: "list", Table: "table", Heading: "heading",
        AttendanceNote: "attendance", CaseNumber: "case_number",
    }.get(type(block), type(block).__name__.lower())


def _row_count(table: Table) -> int:
    return sum(1 for row in table.rows if not row.separator)


def _count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


def _preview(text: str, limit: int = PREVIEW) -> str:
    text = " ".join(text.split())
    return f'"{text}"' if len(text) <= limit else f'"{text[: limit - 1]}…"'


def _printable(text: str) -> str:
    """No control characters from a file reach the terminal (escape sequences, say)."""
    return "".join(ch if ch.isprintable() else " " for ch in text)
