"""`--format html`: one offline page with summaries, findings in place, filters — and
document text that is only ever text."""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES
from referatcheck.cli import main
from referatcheck.engine import Linter
from referatcheck.reporters import ReportOptions, available, get_reporter

# Minutes whose text tries to run script in the report: plain tags, an event handler,
# and a tag split so that stripping tags (as titles.clean_inline does) would rebuild it.
HOSTILE = """# REFERAT Økonomiudvalget d. 02-09-2024

**Mødedato** Mandag d. 2. september 2024 kl. 16:00

## Indholdsfortegnelse

Godkendelse af dagsorden.....\t3
<scr<script>ipt>window.__pwned=1</scr</script>ipt>.....\t4

# Punkt 1: Godkendelse af dagsorden

24/01234

## Sagsfremstilling

<script>window.__pwned=1</script>

<img src=x onerror="window.__pwned=1">

Ole & Co. <b onmouseover="window.__pwned=1">"citat"</b> 'enkelt'

Beløb i 1.000 kr.\t<img src=x onerror=alert(1)>\tForbrug
Drift\t10\t12

## Beslutning

Godkendt.
"""


class _Page(HTMLParser):
    """What the tests look at: elements with ids, links, scripts and attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: dict[str, dict] = {}
        self.links: list[str] = []
        self.tags: Counter = Counter()
        self.attributes: list[tuple[str, str, str]] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.meta_csp = ""

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        attributes = dict(attrs)
        for name, value in attrs:
            self.attributes.append((tag, name, value or ""))
        if "id" in attributes:
            self.ids[attributes["id"]] = {"tag": tag, **attributes}
        if tag == "a" and "href" in attributes:
            self.links.append(attributes["href"])
        if tag == "script":
            self._in_script = True
            self.scripts.append("")
        if tag == "meta" and attributes.get("http-equiv") == "Content-Security-Policy":
            self.meta_csp = attributes["content"]

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def _report(results, lang: str = "da") -> str:
    return get_reporter("html")(results, ReportOptions(lang=lang))


def _page(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    return page


@pytest.fixture(scope="module")
def hostile_report() -> tuple[str, object]:
    result = Linter(keep_documents=True).lint_text(HOSTILE, path='<img src=x onerror="window.__pwned=1">.md')
    return _report([result]), result


def test_html_is_a_builtin_format() -> None:
    assert "html" in available()


def test_document_text_never_becomes_markup(hostile_report) -> None:
    html, result = hostile_report
    page = _page(html)
    assert page.tags["script"] == 1  # ours, at the end
    assert page.tags["img"] == 0
    assert not [a for a in page.attributes if a[1].startswith("on")]
    assert "window.__pwned" not in "".join(page.scripts)
    # Shown as text, escaped — including the tag rebuilt by stripping inner tags.
    assert "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;.md" in html  # the path
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;" in html
    assert "Ole &amp; Co. &lt;b onmouseover=&quot;window.__pwned=1&quot;&gt;&quot;citat&quot;&lt;/b&gt; &#x27;enkelt&#x27;" in html
    assert "<script>window" not in html and "<img" not in html
    # Stripping the inner tags of the TOC title rebuilds a script tag, which a finding
    # quotes: escaping, not stripping, keeps it text.
    assert any("<script>window" in d.message.da for d in result.diagnostics)
    assert re.search(r"&lt;script&gt;window\.[_a-z]*pwned=1&lt;/script&gt;", html)


def test_only_the_pages_own_script_and_style_may_run(hostile_report) -> None:
    html, _ = hostile_report
    page = _page(html)
    csp = page.meta_csp
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp
    digest = base64.b64encode(hashlib.sha256(page.scripts[0].encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    assert base64.b64encode(hashlib.sha256(style.encode()).digest()).decode() in csp
    assert html.index("Content-Security-Policy") < html.index("<style>")


def test_page_is_self_contained(hostile_report) -> None:
    html, _ = hostile_report
    page = _page(html)
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", html)
    assert page.tags["link"] == 0 and page.tags["iframe"] == 0
    assert all(link.startswith("#") for link in page.links)


def _example(name: str):
    path = EXAMPLES / "defects" / name
    return Linter(keep_documents=True).lint_bytes(str(path), path.read_bytes())


def test_every_finding_is_shown_at_its_line_and_linked_from_the_summary() -> None:
    result = _example("agenda-defects.md")
    assert len(result.diagnostics) >= 5
    html = _report([result])
    page = _page(html)
    boxes = {k: v for k, v in page.ids.items() if re.fullmatch(r"d1-f\d+", k)}
    assert len(boxes) == len(result.diagnostics)
    for anchor in boxes:
        assert page.links.count(f"#{anchor}") == 1
    # Each box sits right after its line (or its table row) in the rendered minutes.
    for n, d in enumerate(sorted(result.diagnostics, key=lambda d: d.sort_key), start=1):
        line_at = html.index(f'id="d1-L{d.span.line}"')
        box_at = html.index(f'id="d1-f{n}"')
        assert line_at < box_at
        between = html[line_at:box_at]
        assert not re.search(r'id="d1-L\d+"', between[10:]), f"finding {d.code} is not under line {d.span.line}"
        assert f'data-severity="{d.severity.value}"' in html[box_at:box_at + 200]


def test_summary_counts_per_family_and_agenda_item() -> None:
    result = _example("toc-defects.md")
    html = _report([result])
    tally = Counter(d.severity.value for d in result.diagnostics)
    row = re.search(r"<tr><td><code>TOC</code> indholdsfortegnelse</td>(.*?)</tr>", html).group(1)
    assert re.findall(r">(\d+)<", row) == [str(tally["error"]), str(tally["warning"]), str(tally["info"]),
                                           str(len(result.diagnostics))]
    # All TOC findings sit in the front matter; each agenda item has a row that links to it.
    front = re.search(r'<tr><td><a href="#d1-p0">[^<]*</a></td>(.*?)</tr>', html).group(1)
    assert re.findall(r">(\d+)<", front)[:3] == [str(tally["error"]), str(tally["warning"]), str(tally["info"])]
    page = _page(html)
    document = Linter(keep_documents=True).lint_bytes("x.md", (EXAMPLES / "defects" / "toc-defects.md").read_bytes()).document
    for part in range(len(document.items) + 1):
        assert f"#d1-p{part}" in page.links and f"d1-p{part}" in page.ids


def test_filters_offer_every_severity_and_family_present() -> None:
    results = [_example("agenda-defects.md"), _example("toc-defects.md")]
    page = _page(_report(results))
    families = {d.code.rstrip("0123456789") for r in results for d in r.diagnostics}
    values = {v for tag, name, v in page.attributes if tag == "input" and name == "value"}
    assert {"error", "warning", "info"} | families == values
    # Two documents, separate anchors.
    assert "d1" in page.ids and "d2" in page.ids and "d2-f1" in page.ids


def test_rule_explanation_is_shown(hostile_report) -> None:
    from referatcheck.catalog import find_rule

    result = _example("toc-defects.md")
    html = _report([result])
    for code in {d.code for d in result.diagnostics}:
        summary = find_rule(code).doc.summary("da")
        assert summary.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;") \
            .replace("'", "&#x27;") in html


def test_english_report() -> None:
    html = _report([_example("toc-defects.md")], lang="en")
    assert '<html lang="en">' in html and "By agenda item" in html and "Front page and table of contents" in html


def test_word_draft_report_names_word_places() -> None:
    from test_docx import WordTwin

    twin = WordTwin((EXAMPLES / "defects" / "toc-defects.md").read_text(encoding="utf-8"))
    result = Linter(keep_documents=True).lint_bytes("kladde.docx", twin.docx_bytes())
    html = _report([result])
    assert "afsnit" in html and "Word-dokumentet" in html
    for d in result.diagnostics:
        assert d.location is not None and d.location.da in html


def test_unreadable_file_still_gets_a_page() -> None:
    result = Linter(keep_documents=True).lint_bytes("kladde.docx", b"not a zip")
    html = _report([result])
    page = _page(html)
    assert "d1-f1" in page.ids and "RC003" in html and "kan ikke vises" in html


def test_minutes_without_findings_are_still_shown_item_by_item(corpus) -> None:
    name, text = sorted(corpus.items())[0]
    result = Linter(rules=[], keep_documents=True).lint_text(text, path=name)
    document = Linter(rules=[], keep_documents=True).lint_text(text, path=name).document
    html = _report([result])
    assert "Ingen fund." in html and 'class="finding"' not in html
    page = _page(html)
    assert all(f"d1-p{part}" in page.ids for part in range(len(document.items) + 1))
    assert sum(1 for key in page.ids if key.startswith("d1-L")) == sum(1 for line in document.source.lines if line.strip())


def test_cli_writes_the_report_to_output(tmp_path: Path) -> None:
    out = tmp_path / "rapport.html"
    outcome = CliRunner().invoke(main, ["check", str(EXAMPLES / "defects" / "toc-defects.md"),
                                        "--format", "html", "--output", str(out)])
    assert outcome.exit_code == 1, outcome.output
    assert outcome.output == ""
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and text.rstrip().endswith("</html>")


# ---- the clerk's Danish ----------------------------------------------------------------------


def _visible_text(html: str) -> str:
    """The page's text as a reader sees it (tags dropped, entities decoded)."""
    from html import unescape

    body = re.sub(r"<(script|style)>.*?</\1>", " ", html, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", body))


@pytest.mark.parametrize("results, expected", [
    ([("toc-defects.md",)], None),
    ([], "0 filer kontrolleret: 0 fejl, 0 advarsler, 0 info"),
])
def test_counts_are_singular_or_plural_never_both(results, expected) -> None:
    html = _report([_example(name) for (name,) in results])
    text = _visible_text(html)
    assert "(er)" not in text and "(s)" not in text and "advarsel(" not in text
    if expected:
        assert expected in text
    else:
        assert re.search(r"\b1 fil kontrolleret: \d+ fejl, (1 advarsel|\d+ advarsler), \d+ info\b", text)
    assert not re.search(r"\b1 advarsler\b|\b1 filer\b|\b[02-9] advarsel\b", text)


def test_wording_counts() -> None:
    from referatcheck.reporters.wording import count, summary_line

    assert [count(n, "warning") for n in (0, 1, 2)] == ["0 advarsler", "1 advarsel", "2 advarsler"]
    assert [count(n, "file") for n in (1, 3)] == ["1 fil", "3 filer"]
    assert summary_line({"files": 1, "errors": 1, "warnings": 1, "infos": 2}, "en") == \
        "1 file checked: 1 error, 1 warning, 2 infos"


def test_rule_texts_show_code_not_backticks() -> None:
    result = _example("table-defects.md")
    html = _report([result])
    page_text = _visible_text(html)
    assert "`" not in page_text
    assert "<code>I alt</code>" in html or "<code>&lt;x&gt; i alt</code>" in html


def test_family_codes_are_spelled_out() -> None:
    html = _report([_example("agenda-defects.md"), _example("toc-defects.md")])
    page = _page(html)
    families = {v for tag, name, v in page.attributes if tag == "input" and name == "value"} - {"error", "warning", "info"}
    from referatcheck.catalog import family_name

    for family in families:
        assert f'value="{family}" checked> <code>{family}</code> {family_name(family)}</label>' in html
    assert "<code>ITM</code> dagsordenspunkter" in html and "<code>TOC</code> indholdsfortegnelse" in html


def test_every_message_is_danish_with_lang_da() -> None:
    result = Linter().lint_bytes("kladde.docx", b"not a zip")
    text = _visible_text(_report([result]))
    assert "Filen kan ikke læses og er sprunget over: ikke et gyldigt Word-dokument" in text
    assert "not a valid" not in text and "cannot be read" not in text


def test_the_report_groups_by_item_from_the_run_s_documents_also_from_the_cache(tmp_path):
    # The reporter never parses: the run keeps the documents it read, and a cached
    # result of an HTML run carries its document too.
    minutes = EXAMPLES / "defects" / "toc-defects.md"
    pages = []
    for _ in range(2):
        report = tmp_path / "rapport.html"
        outcome = CliRunner().invoke(main, ["check", str(minutes), "--isolated", "--format", "html", "--output",
                                            str(report), "--cache-dir", str(tmp_path / "cache")])
        assert outcome.exit_code == 1, outcome.output
        pages.append(report.read_text(encoding="utf-8"))
    assert any((tmp_path / "cache").rglob("*")), "the second run was served from the cache"
    for page in pages:
        assert 'id="d1-p1"' in page and 'id="d1-p2"' in page
    assert "parse_document" not in (Path(__file__).parents[1] / "src/referatcheck/reporters/html.py").read_text()
