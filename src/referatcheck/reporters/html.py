"""`--format html`: one self-contained page a clerk can open in a browser.

Per document: a summary (counts by severity and family, per agenda item, and a list
of links to every finding), then the minutes rendered item by item with each finding
shown under the line it points at, with the rule's explanation. Filters by severity
and family hide findings. The page needs nothing from the network: CSS and script are
inline.

Every piece of text that comes from a document — lines, titles, paths, and messages,
which quote the document — is escaped with :func:`html.escape`, and a Content Security
Policy allows only this page's own script and style (by hash), so markup in minutes
(`<script>`, `onerror=`) is shown as text and never runs.
"""

from __future__ import annotations

import base64
import hashlib
import re
from bisect import bisect_right
from collections import Counter
from functools import lru_cache
from html import escape
from typing import Iterable, Sequence

from referatcheck.cpr import mask_cpr
from referatcheck.diagnostic import Diagnostic, sort_diagnostics
from referatcheck.engine import FileResult
from referatcheck.shapes import BOLD, BULLET, HEADING, ROW, SEPARATOR, shape_of, split_cells
from referatcheck.model import Document
from referatcheck.reporters import ReportOptions, counts
from referatcheck.reporters.wording import html_text, plural, summary_line
from referatcheck.titles import bold_only, strip_heading_marks

SEVERITIES = ("error", "warning", "info")
# Formats read by a plugin that converts them to text (SourceText.encoding), as named to a clerk.
_CONVERTED = {"docx": "Word", "pdf": "PDF", "html": "HTML"}

_LABELS = {
    "da": {
        "title": "referatcheck – rapport",
        "error": "fejl", "warning": "advarsel", "info": "info",
        "severity": "Alvorlighed", "family": "Familie", "families_column": "Familier", "total": "I alt",
        "filters": "Vis", "front": "Forside og indholdsfortegnelse",
        "items": "Pr. dagsordenspunkt", "families": "Pr. familie", "findings": "Alle fund",
        "line": "linje", "column": "kolonne", "see": "se også", "why": "Hvorfor", "minutes": "Referatet",
        "no_findings": "Ingen fund.", "no_text": "Filen kunne ikke læses; teksten kan ikke vises.",
        "item": "Punkt", "unplaced": "Fund uden placering i teksten",
        "pdf": "Linjenumre er linjer i den tekst, referatcheck har læst ud af PDF-filen (vist herunder); "
               "siden og linjen på siden i PDF-filen står ved hvert fund.",
        "html": "Linjenumre er linjer i den tekst, referatcheck har læst ud af websiden (vist herunder); "
                "linjen i HTML-filen står ved hvert fund.",
        "docx": "Linjenumre er linjer i den tekst, referatcheck har læst ud af Word-dokumentet. Ved hvert fund "
                "står, hvor du finder det i Word: punktet, overskriften over stedet og afsnittet (eller tabellen, "
                "rækken og cellen) under den overskrift.",
    },
    "en": {
        "title": "referatcheck – report",
        "error": "error", "warning": "warning", "info": "info",
        "severity": "Severity", "family": "Family", "families_column": "Families", "total": "Total",
        "filters": "Show", "front": "Front page and table of contents",
        "items": "By agenda item", "families": "By family", "findings": "All findings",
        "line": "line", "column": "column", "see": "see also", "why": "Why", "minutes": "The minutes",
        "no_findings": "No findings.", "no_text": "The file could not be read; its text cannot be shown.",
        "item": "Item", "unplaced": "Findings without a place in the text",
        "pdf": "Line numbers are lines of the text referatcheck read from the PDF (shown below); "
               "the page and the line on the page in the PDF are given with each finding.",
        "html": "Line numbers are lines of the text referatcheck read from the web page (shown below); "
                "the line of the HTML file is given with each finding.",
        "docx": "Line numbers are lines of the text referatcheck read from the Word document. Each finding says "
                "where to find it in Word: the item, the heading above the place and the paragraph (or table, "
                "row and cell) under that heading.",
    },
}

_STYLE = """
:root{--error:#b3261e;--warning:#8a5a00;--info:#0b5cad;--line:#6b6b6b;--bg:#fbfaf7}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1d;background:var(--bg)}
header.bar{position:sticky;top:0;z-index:2;background:#1f3a4d;color:#fff;padding:.5rem 1rem;display:flex;
 flex-wrap:wrap;gap:.4rem 1.2rem;align-items:center}
header.bar h1{font-size:1.1rem;margin:0 1rem 0 0}
header.bar fieldset{border:0;margin:0;padding:0;display:flex;gap:.7rem;align-items:center;flex-wrap:wrap}
header.bar legend{float:left;margin-right:.4rem;font-weight:600}
header.bar label{cursor:pointer;white-space:nowrap}
main{max-width:76rem;margin:0 auto;padding:1rem}
section.document{background:#fff;border:1px solid #ddd;border-radius:6px;padding:1rem 1.4rem;margin:1rem 0}
h2{font-size:1.25rem;margin:.2rem 0 .6rem;word-break:break-all}
h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
table.counts{border-collapse:collapse;margin:.3rem 0 1rem}
table.counts th,table.counts td{border:1px solid #ddd;padding:.2rem .6rem;text-align:right}
table.counts th:first-child,table.counts td:first-child,table.counts td.fam,table.counts th.fam{text-align:left}
td.n-error{color:var(--error);font-weight:600}td.n-warning{color:var(--warning);font-weight:600}
ol.findings{padding-left:1.4rem}ol.findings li{margin:.15rem 0}
.sev{display:inline-block;min-width:4.6rem;text-align:center;border-radius:3px;padding:0 .3rem;font-size:.8rem;
 font-weight:600;color:#fff}
.sev-error{background:var(--error)}.sev-warning{background:var(--warning)}.sev-info{background:var(--info)}
code{font:13px/1.3 ui-monospace,Consolas,monospace}
.minutes{border-top:1px solid #eee;margin-top:1rem}
.item{border-left:4px solid #c9d6df;padding-left:.8rem;margin:1rem 0}
.item.has-error{border-left-color:var(--error)}.item.has-warning{border-left-color:#d99a00}
.l{display:flex;gap:.8rem;padding:.05rem 0;white-space:pre-wrap;overflow-wrap:anywhere}
.l .ln{flex:0 0 3.2rem;text-align:right;color:var(--line);font:12px/1.9 ui-monospace,monospace;user-select:none}
.l .tx{flex:1}
.l.gap{margin-top:.55rem}
.l.h1 .tx{font-size:1.3rem;font-weight:700}.l.h2 .tx{font-size:1.15rem;font-weight:700}
.l.h3 .tx,.l.h4 .tx,.l.h5 .tx,.l.h6 .tx,.l.b .tx{font-weight:700}
.l.marked{background:#fff4d6}.l.marked.m-error{background:#fde7e5}
.tablewrap{display:flex;gap:.8rem;margin:.3rem 0}
.tablewrap .ln{flex:0 0 3.2rem}
table.src{border-collapse:collapse;font-size:.9rem}
table.src td{border:1px solid #ddd;padding:.1rem .45rem;text-align:right;white-space:pre-wrap}
table.src td.lno+td{text-align:left}
table.src td.lno{border:0;color:var(--line);font:12px ui-monospace,monospace;text-align:right}
table.src tr.marked td{background:#fff4d6}table.src tr.marked.m-error td{background:#fde7e5}
table.src td.hit{outline:2px solid var(--error);outline-offset:-2px}
table.src tr.frow td{border:0;padding:0;text-align:left;white-space:normal}
.finding{margin:.25rem 0 .5rem 4rem;padding:.4rem .6rem;border:1px solid #ddd;border-left:5px solid var(--info);
 border-radius:4px;background:#fff;scroll-margin-top:6rem}
.finding[data-severity=error]{border-left-color:var(--error)}.finding[data-severity=warning]{border-left-color:#d99a00}
.finding:target{box-shadow:0 0 0 3px #1f3a4d55}
.finding .msg{margin-left:.3rem}.finding .where{color:#555;font-size:.85rem}
.finding .doc{color:#333;font-size:.9rem;margin:.2rem 0 0}
.finding details{font-size:.88rem;color:#333}.finding summary{cursor:pointer;color:#1f3a4d}
.note{color:#555;font-size:.9rem}
[hidden]{display:none!important}
"""

_SCRIPT = """
(function(){
  function checked(name){
    var s=new Set();
    document.querySelectorAll('input[data-filter="'+name+'"]').forEach(function(b){if(b.checked)s.add(b.value);});
    return s;
  }
  function apply(){
    var sev=checked('severity'),fam=checked('family');
    document.querySelectorAll('[data-severity][data-family]').forEach(function(el){
      el.hidden=!(sev.has(el.getAttribute('data-severity'))&&fam.has(el.getAttribute('data-family')));
    });
  }
  document.querySelectorAll('input[data-filter]').forEach(function(b){b.addEventListener('change',apply);});
  apply();
})();
"""


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


# Only this page's own style and script run; nothing is fetched.
_CSP = (f"default-src 'none'; style-src {_csp_hash(_STYLE)}; script-src {_csp_hash(_SCRIPT)}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'")


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def report(results: Sequence[FileResult], options: ReportOptions) -> str:
    labels = _LABELS["en" if options.lang == "en" else "da"]
    summary = counts(results)
    all_found = [d for r in results for d in r.diagnostics]
    families = sorted({_family(d) for d in all_found})
    out: list[str] = [
        "<!DOCTYPE html>",
        f'<html lang="{"en" if options.lang == "en" else "da"}"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(_CSP)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="referatcheck">',
        f"<title>{_e(labels['title'])}</title><style>{_STYLE}</style></head><body>",
        '<header class="bar">',
        f"<h1>{_e(labels['title'])}</h1>",
        f'<span class="totals">{_e(summary_line(summary, options.lang))}</span>',
        f'<fieldset class="filters" aria-label="{_e(labels["severity"])}"><legend>{_e(labels["filters"])}</legend>',
    ]
    for severity in SEVERITIES:
        out.append(f'<label><input type="checkbox" data-filter="severity" value="{severity}" checked> '
                   f'<span class="sev sev-{severity}">{_e(labels[severity])}</span></label>')
    out.append(f'</fieldset><fieldset class="filters" aria-label="{_e(labels["family"])}">')
    for family in families:
        out.append(f'<label><input type="checkbox" data-filter="family" value="{_e(family)}" checked> '
                   f"{_family_label(family, options.lang)}</label>")
    out.append("</fieldset></header><main>")
    for number, result in enumerate(results, start=1):
        out.extend(_DocumentPage(result, f"d{number}", labels, options.lang).render())
    out.append(f"</main><script>{_SCRIPT}</script></body></html>")
    return "\n".join(out) + "\n"


def _family_label(family: str, lang: str) -> str:
    """`<code>ITM</code> dagsordenspunkter`: the code a clerk sees in the findings, and
    what it stands for."""
    from referatcheck.catalog import family_name

    try:
        name = family_name(family, lang)
    except Exception:  # a broken plugin must not cost the report
        name = None
    return f"<code>{_e(family)}</code>" + (f" {_e(name)}" if name else "")


def _family(d: Diagnostic) -> str:
    rule = _rule(d.code)
    if rule is not None and getattr(rule, "family", ""):
        return rule.family
    match = re.match(r"[A-Z]+", d.code)
    return match.group(0) if match else d.code


@lru_cache(maxsize=None)
def _rule(code: str):
    from referatcheck.catalog import find_rule

    try:
        return find_rule(code)
    except Exception:  # a broken plugin must not cost the report
        return None


class _DocumentPage:
    """The part of the page for one file."""

    def __init__(self, result: FileResult, anchor: str, labels: dict, lang: str) -> None:
        self.result, self.anchor, self.labels, self.lang = result, anchor, labels, lang
        self.findings = sort_diagnostics(result.diagnostics)
        self.ids = {id(d): f"{anchor}-f{n}" for n, d in enumerate(self.findings, start=1)}
        source = result.source
        # The report shows the document; a CPR number in it is shown masked (`120384-XXXX`).
        self.lines = tuple(mask_cpr(line) for line in source.lines) if source is not None else ()
        # A document a format plugin converted to text: which one (its note, its places).
        self.converted = source.encoding if source is not None and source.encoding in _CONVERTED else None
        self.document = _document_of(result)
        items = self.document.items if self.document is not None else ()
        self.items = items
        self.item_starts = [item.heading_span.line for item in items]
        self.by_line: dict[int, list[Diagnostic]] = {}
        self.unplaced: list[Diagnostic] = []
        for d in self.findings:
            if 1 <= d.span.line <= len(self.lines):
                self.by_line.setdefault(d.span.line, []).append(d)
            else:
                self.unplaced.append(d)

    def part_of(self, line: int) -> int:
        """0 for the front matter, k for the k-th agenda item."""
        return bisect_right(self.item_starts, line)

    def part_title(self, part: int) -> str:
        if part == 0:
            return self.labels["front"]
        item = self.items[part - 1]
        return f"{self.labels['item']} {item.number}: {item.title}"

    # -- rendering

    def render(self) -> list[str]:
        labels, result = self.labels, self.result
        out = [f'<section class="document" id="{self.anchor}">', f"<h2>{_e(result.path)}</h2>"]
        if self.converted:
            out.append(f'<p class="note">{_e(labels[self.converted])}</p>')
        if not self.findings:
            out.append(f"<p>{_e(labels['no_findings'])}</p>")
        else:
            out.extend(self.summary())
        if self.unplaced:
            out.append(f"<h3>{_e(labels['unplaced'])}</h3>")
            out.extend(self.finding_box(d) for d in self.unplaced)
        if result.source is None:
            out.append(f'<p class="note">{_e(labels["no_text"])}</p>')
        else:
            out.append(f'<div class="minutes" aria-label="{_e(labels["minutes"])}">')
            out.extend(self.minutes())
            out.append("</div>")
        out.append("</section>")
        return out

    def summary(self) -> list[str]:
        labels = self.labels
        out = [f"<h3>{_e(labels['families'])}</h3>", '<table class="counts"><thead><tr>',
               f"<th>{_e(labels['family'])}</th>"]
        out.extend(f"<th>{_e(plural(s, self.lang).capitalize())}</th>" for s in SEVERITIES)
        out.append(f"<th>{_e(labels['total'])}</th></tr></thead><tbody>")
        by_family: dict[str, Counter] = {}
        for d in self.findings:
            by_family.setdefault(_family(d), Counter())[d.severity.value] += 1
        for family in sorted(by_family):
            out.append(self._count_row(_family_label(family, self.lang), by_family[family]))
        out.append(self._count_row(f"<b>{_e(labels['total'])}</b>", Counter(d.severity.value for d in self.findings)))
        out.append("</tbody></table>")

        out.extend([f"<h3>{_e(labels['items'])}</h3>", '<table class="counts"><thead><tr>', "<th></th>"])
        out.extend(f"<th>{_e(plural(s, self.lang).capitalize())}</th>" for s in SEVERITIES)
        out.append(f"<th class=\"fam\">{_e(labels['families_column'])}</th></tr></thead><tbody>")
        by_part: dict[int, list[Diagnostic]] = {}
        for d in self.findings:
            by_part.setdefault(self.part_of(d.span.line), []).append(d)
        for part in range(len(self.items) + 1):
            found = by_part.get(part, [])
            if not found and part == 0:
                continue
            title = f'<a href="#{self.anchor}-p{part}">{_e(self.part_title(part))}</a>'
            tally = Counter(d.severity.value for d in found)
            families = ", ".join(_family_label(f, self.lang) for f in sorted({_family(d) for d in found}))
            out.append(self._count_row(title, tally, last=families))
        out.append("</tbody></table>")

        out.append(f"<h3>{_e(labels['findings'])}</h3><ol class=\"findings\">")
        for d in self.findings:
            severity = d.severity.value
            out.append(
                f'<li data-severity="{severity}" data-family="{_e(_family(d))}">'
                f'<a href="#{self.ids[id(d)]}"><span class="sev sev-{severity}">{_e(labels[severity])}</span> '
                f"<code>{_e(d.code)}</code> {_e(labels['line'])} {d.span.line}</a> "
                f"<span class=\"part\">({_e(self.part_title(self.part_of(d.span.line)))})</span> "
                f"{html_text(d.display_message(self.lang))}</li>"
            )
        out.append("</ol>")
        return out

    @staticmethod
    def _count_row(head: str, tally: Counter, last: str | None = None) -> str:
        """A row of counts by severity; the last cell is the total unless given."""
        cells = "".join(f'<td class="n-{s}">{tally[s]}</td>' if tally[s] else "<td>0</td>" for s in SEVERITIES)
        end = sum(tally.values()) if last is None else last
        last_cell = f"<td>{end}</td>" if last is None else f'<td class="fam">{end}</td>'
        return f"<tr><td>{head}</td>{cells}{last_cell}</tr>"

    def minutes(self) -> list[str]:
        out: list[str] = []
        last = len(self.lines) + 1
        starts = [1, *self.item_starts]
        for part, start in enumerate(starts):
            end = starts[part + 1] if part + 1 < len(starts) else last
            found = [d for n in range(start, end) for d in self.by_line.get(n, ())]
            worst = next((s for s in SEVERITIES if any(d.severity.value == s for d in found)), "")
            out.append(f'<section class="item{" has-" + worst if worst else ""}" id="{self.anchor}-p{part}">')
            out.extend(self._lines(start, end))
            out.append("</section>")
        return out

    def _lines(self, start: int, end: int) -> Iterable[str]:
        lines = self.lines
        n = start
        gap = False
        while n < end:
            line = lines[n - 1]
            shape = shape_of(line)
            kind = shape.kind
            if not line.strip():
                gap = True
                n += 1
                continue
            if _is_row(line, kind):
                table_end = n
                while table_end < end and _is_row(lines[table_end - 1], shape_of(lines[table_end - 1]).kind):
                    table_end += 1
                yield from self._table(n, table_end)
                n = table_end
                gap = False
                continue
            found = self.by_line.get(n, [])
            classes = ["l"]
            if gap:
                classes.append("gap")
            html = _text(line.strip())
            if kind == HEADING:
                level, heading = strip_heading_marks(line)
                classes.append(f"h{level}")
                html = _e(bold_only(heading) or heading)
            elif kind == BOLD:
                classes.append("b")
                html = _e(bold_only(line) or line.strip())
            elif kind == BULLET:
                html = "• " + _text(line.strip()[1:].strip())
            if found:
                classes.append("marked")
                if any(d.severity.value == "error" for d in found):
                    classes.append("m-error")
            yield (f'<div class="{" ".join(classes)}" id="{self.anchor}-L{n}"><span class="ln">{n}</span>'
                   f'<span class="tx">{html}</span></div>')
            yield from (self.finding_box(d) for d in found)
            gap = False
            n += 1

    def _table(self, start: int, end: int) -> Iterable[str]:
        rows = [(n, split_cells(self.lines[n - 1])) for n in range(start, end)]
        width = max(len(cells) for _, cells in rows)
        yield '<div class="tablewrap"><table class="src"><tbody>'
        for n, cells in rows:
            found = self.by_line.get(n, [])
            hit_cells = {_cell_index(self.lines[n - 1], d.span.column) for d in found}
            classes = "marked m-error" if any(d.severity.value == "error" for d in found) else "marked" if found else ""
            tds = "".join(
                f'<td class="hit">{_e(cell.strip())}</td>' if k in hit_cells else f"<td>{_e(cell.strip())}</td>"
                for k, cell in enumerate(cells)
            )
            tds += "<td></td>" * (width - len(cells))
            yield (f'<tr class="{classes}" id="{self.anchor}-L{n}"><td class="lno">{n}</td>{tds}</tr>')
            for d in found:
                yield f'<tr class="frow"><td></td><td colspan="{width}">{self.finding_box(d)}</td></tr>'
        yield "</tbody></table></div>"

    def finding_box(self, d: Diagnostic) -> str:
        labels, lang = self.labels, self.lang
        severity = d.severity.value
        rule = _rule(d.code)
        where = f"{labels['line']} {d.span.line}, {labels['column']} {d.span.column}"
        if d.location is not None:
            prefix = f"{_CONVERTED[self.converted]}: " if self.converted else ""
            where += f" · {prefix}{d.location.text(lang)}"
        related = [s.line for s in d.related if 1 <= s.line <= len(self.lines) and s.line != d.span.line]
        see = ""
        if related:
            links = ", ".join(f'<a href="#{self.anchor}-L{line}">{line}</a>' for line in dict.fromkeys(related))
            see = f" · {_e(labels['see'])} {_e(labels['line'])} {links}"
        explanation = ""
        if rule is not None and getattr(rule, "doc", None) is not None:
            explanation = (f'<p class="doc">{html_text(rule.doc.summary(lang))}</p>'
                           f"<details><summary>{_e(labels['why'])}</summary><p>{html_text(rule.doc.why(lang))}</p>"
                           "</details>")
        return (
            f'<div class="finding" id="{self.ids[id(d)]}" data-severity="{severity}" data-family="{_e(_family(d))}">'
            f'<span class="sev sev-{severity}">{_e(labels[severity])}</span> <code>{_e(d.code)}</code>'
            f'<span class="msg">{html_text(d.message.text(lang))}</span>'
            f'<div class="where">{_e(where)}{see}</div>{explanation}</div>'
        )


_BOLD = re.compile(r"\*\*([^*\n]{1,500}?)\*\*")


def _text(line: str) -> str:
    """A line of the minutes as the clerk wrote it, escaped; `**bold**` shown bold.

    The bold markup is put in after escaping, so it can only ever wrap escaped text."""
    return _BOLD.sub(r"<strong>\1</strong>", _e(line))


def _is_row(line: str, kind: str) -> bool:
    return kind == ROW or (kind == SEPARATOR and "\t" in line)


def _cell_index(line: str, column: int) -> int:
    """0-based index of the cell at 1-based ``column`` of a TAB row (-1 for other rows)."""
    return line[: max(column - 1, 0)].count("\t") if "\t" in line else -1


def _document_of(result: FileResult) -> Document | None:
    """The minutes as the run read them, to group the text by agenda item (kept by the
    run: ``RunSettings.keep_documents``); None when the file could not be read."""
    return result.document
