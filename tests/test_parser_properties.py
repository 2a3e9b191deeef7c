"""Property tests: the parser is total and every span lies inside the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import corpus_files
from referatcheck.model import ListBlock, Table
from referatcheck.parse import parse_document
from referatcheck.source import SourceText

CORPUS_LINES = [p.read_text(encoding="utf-8").split("\n") for p in corpus_files()]

# Lines that exercise every role of the lexer, mixed with arbitrary text.
STRUCTURAL = [
    "# REFERAT Udvalget d. 01-02-2024", "**Mødedato** Tirsdag d. 07. november 2023 kl. 15:30", "## Indholdsfortegnelse",
    "Godkendelse af dagsorden.....\t3", "Lukket: .....\t22", "# **Punkt 1: Godkendelse**", "## Punkt 2: Lukket:",
    "22/24308", "## Indstilling", "**Beslutning Udvalget den 07-11-2023**", "- at sagen godkendes", "1. punkt",
    "1.000 kr.\tBudget\tForskel", "I alt\t1\t2", "-----\t-----", "Ikke til stede: Lars Holm (C)", "", "   ",
    "49. Godkendelse af dagsorden", "**", "#", "| a | b |", "<!-- referatcheck: disable=TOC001 -->", "Tekst.",
]

line_text = st.one_of(st.sampled_from(STRUCTURAL), st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))


def assert_spans_inside(source: SourceText, document) -> None:
    n = len(source.lines)

    def check(span):
        assert 1 <= span.line <= span.end_line <= max(n, 1), span
        assert 1 <= span.column <= len(source.line(span.line)) + 1, span
        assert 1 <= span.end_column <= len(source.line(span.end_line)) + 1, span

    if document.head.title:
        check(document.head.title.span)
    for f in document.head.fields:
        check(f.span)
        check(f.value_span)
    if document.toc:
        check(document.toc.span)
        for e in document.toc.entries:
            check(e.span)
    blocks = list(document.head.blocks)
    for item in document.items:
        check(item.span)
        check(item.heading_span)
        if item.case_number:
            check(item.case_number.span)
        for section in item.sections:
            check(section.span)
            check(section.heading_span)
        blocks.extend(item.blocks())
    for block in blocks:
        check(block.span)
        if isinstance(block, Table):
            for row in block.rows:
                check(row.span)
                for cell in row.cells:
                    check(cell.span)
        if isinstance(block, ListBlock):
            for li in block.items:
                check(li.span)


def parse(text: str):
    source = SourceText.from_text(text, path="p.md")
    return source, parse_document(source)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_text_parses(text):
    source, document = parse(text)
    assert_spans_inside(source, document)


@settings(max_examples=150, deadline=None)
@given(st.lists(line_text, max_size=40), st.sampled_from(["\n", "\r\n", "\r"]))
def test_structured_lines_parse(lines, newline):
    source, document = parse(newline.join(lines))
    assert_spans_inside(source, document)


@st.composite
def mutated_corpus(draw):
    lines = list(draw(st.sampled_from(CORPUS_LINES)))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["delete", "duplicate", "swap"]))
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(0, len(lines) - 1))
        if op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[j])
        else:
            lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


@settings(max_examples=40, deadline=None)
@given(mutated_corpus())
def test_mutated_corpus_parses_and_lints(text):
    from referatcheck.engine import Linter

    source, document = parse(text)
    assert_spans_inside(source, document)
    result = Linter().lint_document(document)
    assert not [d for d in result.diagnostics if d.code.startswith("RC")]
    for d in result.diagnostics:
        assert 1 <= d.span.line <= len(source.lines)
