"""The reading vocabulary: one module, extended by configuration and by plugins."""

from __future__ import annotations

import pytest

from referatcheck.config import ConfigError, load_config
from referatcheck.parse import parse_text
from referatcheck.plugins import load_plugins
from referatcheck.vocabulary import DEFAULT, HEAD_LABELS, ROLES

MINUTES = (
    "# REFERAT Økonomiudvalget d. 04-06-2024\n\n"
    "Mødelokale/sted: Rådhuset, lokale 2\n\n"
    "Sagsliste\n\n1. Godkendelse af dagsorden\n2. Eventuelt\n\n"
    "1. Godkendelse af dagsorden\n\n24/1234\n\nBeslutning\n\nGodkendt.\n\n"
    "2. Eventuelt\n\n24/1235\n\nBeslutning\n\nIntet.\n"
)
EXTRA = {"head-labels": {"Mødelokale/sted": "place"}, "toc-headings": ["Sagsliste"]}


def test_every_head_label_has_a_known_role():
    assert set(HEAD_LABELS.values()) == ROLES
    assert DEFAULT.head_role("MØDESTED:") == "place" and DEFAULT.head_role("Starttidspunkt") == "start"
    assert DEFAULT.head_role("Sagsansvarlig") is None


def test_an_unknown_label_and_toc_heading_are_not_read():
    document = parse_text(MINUTES)
    assert document.head.field_for("place") is None
    assert document.toc is None
    assert [item.number for item in document.items] == [1, 2]


def test_a_municipality_adds_labels_through_the_vocabulary():
    vocabulary = load_plugins().vocabulary(words=EXTRA)
    document = parse_text(MINUTES, vocabulary=vocabulary)
    place = document.head.field_for("place")
    assert place is not None and place.value == "Rådhuset, lokale 2" and place.span.line == 3
    assert [entry.title for entry in document.toc.entries] == ["Godkendelse af dagsorden", "Eventuelt"]


def test_configuration_adds_labels(tmp_path):
    config = tmp_path / "referatcheck.toml"
    config.write_text(
        '[vocabulary]\ntoc-headings = ["Sagsliste"]\n\n[vocabulary.head-labels]\n"Mødelokale/sted" = "place"\n',
        encoding="utf-8",
    )
    loaded = load_config(str(config), required=True)
    vocabulary = load_plugins().vocabulary(words=loaded.vocabulary)
    document = parse_text(MINUTES, vocabulary=vocabulary)
    assert document.head.field_for("place").value == "Rådhuset, lokale 2"
    assert document.toc is not None and len(document.toc.entries) == 2


@pytest.mark.parametrize("body, key", [
    ('[vocabulary.head-labels]\n"Lokale" = "somewhere"\n', 'vocabulary.head-labels."Lokale"'),
    ('[vocabulary]\ntoc-headings = "Sagsliste"\n', "vocabulary.toc-headings"),
    ('[vocabulary]\nlabels = []\n', "vocabulary.labels"),
])
def test_a_bad_vocabulary_is_one_line_naming_the_key(tmp_path, body, key):
    config = tmp_path / "referatcheck.toml"
    config.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(str(config), required=True)
    message = str(caught.value)
    assert key in message and "\n" not in message


def test_the_attendance_prefilter_finds_every_letter_ignorecase_finds():
    """ATTENDANCE_WORDS gates ATTENDANCE_ANYWHERE: it must match wherever that can."""
    import re

    from referatcheck.vocabulary import ATTENDANCE_ANYWHERE, ATTENDANCE_WORDS

    for word in ("deltog", "forlod", "mødte", "inhabil"):
        first = word[0]
        twins = [c for c in map(chr, range(0x110000)) if re.fullmatch(first, c, re.IGNORECASE)]
        for twin in twins:
            assert ATTENDANCE_WORDS.search(twin + word[1:].upper()), (word, twin)
    for note in ("Jens Berg (A) deltog ikke i behandlingen.", "ıNHABIL I SAGEN", "Pia forlod mødet kl. 17.",
                 "I stedet MØDTE Ida Friis (V)."):
        assert ATTENDANCE_ANYWHERE.search(note) and ATTENDANCE_WORDS.search(note)
