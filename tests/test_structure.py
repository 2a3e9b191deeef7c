"""RC008/RC009: a document that was not understood is never passed as clean."""

from __future__ import annotations

from conftest import lint

NO_ITEMS = (
    "Vesterå Kommune\n\nReferat\n\nØkonomiudvalget\n\nDato: 4. juni 2024\n\n"
    "Her er teksten fra et system, som referatcheck ikke kender.\n"
)


def _codes(text, code):
    return [(d.code, d.span.line, d.severity.value) for d in lint(text, code)]


def test_minutes_without_recognised_items_are_reported():
    assert _codes(NO_ITEMS, "RC008") == [("RC008", 3, "warning")]


def test_items_without_any_section_are_reported():
    text = "# REFERAT Økonomiudvalget d. 04-06-2024\n\n# Punkt 1: Budget\n\n24/1234\n\nTekst.\n"
    assert _codes(text, "RC008") == [("RC008", 3, "warning")]


def test_other_markdown_is_not_minutes():
    assert _codes("# Projektets README\n\nSådan installerer du værktøjet.\n", "RC008") == []


def test_corpus_and_examples_are_read(corpus):
    for name, text in corpus.items():
        assert _codes(text, "RC008") == [], name


def test_a_readme_about_referatcheck_is_not_minutes():
    text = "# referatcheck-nordby — an example plugin\n\nA plugin package for referatcheck.\n\nInstall it.\n"
    assert _codes(text, "RC008") == []
