"""RC008/RC009: a document that was not understood is never passed as clean."""

from __future__ import annotations

import pytest

from conftest import doc, lint

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


@pytest.mark.parametrize("text", ["", "\n\n", "  \t\n", "\ufeff"])
def test_an_empty_file_is_said_to_be_empty(text):
    assert _codes(text, "RC008") == [("RC008", 1, "info")]


def test_other_markdown_is_not_minutes():
    assert _codes("# Projektets README\n\nSådan installerer du værktøjet.\n", "RC008") == []


def test_corpus_and_examples_are_read(corpus):
    for name, text in corpus.items():
        assert _codes(text, "RC008") == [], name


def test_a_readme_about_referatcheck_is_not_minutes():
    text = "# referatcheck-nordby — an example plugin\n\nA plugin package for referatcheck.\n\nInstall it.\n"
    assert _codes(text, "RC008") == []


PLAIN_EXPORT = """Referat fra mødet i Teknisk Udvalg
Torsdag 14. marts 2024, kl. 16.30
Sted: Rådhuset, mødesal 3

Deltagere: Anna Holm (A), Bjarne Kjær (V), Carla Sønder (F)

Dagsorden
Godkendelse af dagsorden
Vejplan 2025
Eventuelt

Godkendelse af dagsorden
SAG: 24-1034
BESLUTNING
Godkendt.

Vejplan 2025
SAG: 24-1035
RESUMÉ
Forvaltningen har udarbejdet forslag til vejplan.
INDSTILLING
Forvaltningen indstiller, at vejplanen godkendes.
BESLUTNING
Godkendt.

Eventuelt
BESLUTNING
Intet.
"""


@pytest.mark.parametrize("with_toc", [True, False])
def test_a_plain_export_with_repeated_titles_and_sag_labels_is_read_and_clean(with_toc):
    # A shape beyond the style zoo: no numbers, no markup, `SAG:` labels, upper-case
    # sections, a TOC without pages whose titles stand again over their items.
    text = PLAIN_EXPORT if with_toc else PLAIN_EXPORT.replace(
        "Dagsorden\nGodkendelse af dagsorden\nVejplan 2025\nEventuelt\n\n", "")
    document = doc(text)
    assert [(i.title, i.case_number.text if i.case_number else None) for i in document.items] == [
        ("Godkendelse af dagsorden", "24-1034"), ("Vejplan 2025", "24-1035"), ("Eventuelt", None)]
    assert (document.toc is not None) == with_toc
    assert not [d for d in lint(text) if d.severity.value in ("error", "warning")]


def test_a_title_listed_twice_in_an_unpaged_toc_is_a_duplicate_entry_not_its_item():
    # Found by the fix property test: the TOC ended at the duplicate and lost its last entry.
    text = ("# REFERAT Nordby Udvalget d. 01-02-2024\n\n## Indholdsfortegnelse\n\n"
            "Orientering om ingenting\nGodkendelse af dagsorden\nOrientering om ingenting\n"
            "Orientering om budgettet for 2024\n\n# Punkt 1: Godkendelse af dagsorden\n\n24/10000\n\n"
            "## Beslutning\n\nGodkendt.\n\n# Punkt 2: Orientering om budgettet for 2024\n\n24/10001\n\n"
            "## Beslutning\n\nGodkendt.\n")
    document = doc(text)
    assert [e.title for e in document.toc.entries] == [
        "Orientering om ingenting", "Godkendelse af dagsorden", "Orientering om ingenting",
        "Orientering om budgettet for 2024"]
    assert [d.span.line for d in lint(text, "TOC001")] == [5, 7]
