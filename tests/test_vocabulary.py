"""The reading vocabulary: one module, extended by configuration and by plugins."""

from __future__ import annotations

from pathlib import Path

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


def test_no_module_outside_the_vocabulary_spells_danish_words_in_its_patterns():
    # The drift the vocabulary ended: copies of the same Danish words in many modules.
    import ast
    import re as regex

    syntax = regex.compile(r"\\[a-zA-Z]|\[[^\]]*\]|\(\?[:=!<P][^)]*?|\{\d*,?\d*\}|\?P<\w+>")
    danish = regex.compile(
        r"[æøåÆØÅ]|\b(?:og|til|af|den|det|at|for|fra|med|punkt|udvalg\w*|referat|beslutning\w*|indstilling\w*"
        r"|mødet?|sag\w*|kr|mio|heraf|lukket|dato|side)\b", regex.IGNORECASE)
    root = Path(__file__).resolve().parents[1]
    found = []
    for path in [*(root / "src" / "referatcheck").rglob("*.py"), *(root / "plugins").glob("*.py")]:
        if "vocabulary" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "attr", "") in
                    ("compile", "match", "search", "fullmatch", "sub", "findall", "finditer", "split")):
                continue
            for sub in ast.walk(node.args[0]) if node.args else ():
                if isinstance(sub, ast.Constant) and isinstance(sub.value, str) and danish.search(syntax.sub(" ", sub.value)):
                    found.append(f"{path.relative_to(root)}:{node.lineno}")
    assert not found, f"Danish words in patterns outside referatcheck.vocabulary: {found}"
