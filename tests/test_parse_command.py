"""`referatcheck parse`: what referatcheck understood of a file, as a tree and as JSON.

The JSON contract (version 1) is checked on the three real corpus files, with the item
numbers, lines and TOC entries read off the files themselves; a Word file goes through
the .docx loader as in `check`; bad input gives `check`'s one-line message and exit 2.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import attrs
import docx
import pytest
from click.testing import CliRunner

from conftest import CORPUS, HOLSTEBRO, SOENDERBORG, SOENDERBORG_2021, corpus_files, doc
from referatcheck.cli import main
from referatcheck.discover import collect
from referatcheck.model import Span, Unread
from referatcheck.outline import outline, outlines, read_bytes, read_file, render_tree

MINUTES = (
    "# REFERAT Kulturudvalget d. 12-03-2024\n"
    "\n"
    "**Mødedato** Tirsdag d. 12. marts 2024 kl. 16:00\n"
    "\n"
    "**Mødested** Nordby Bibliotek, Salen\n"
    "\n"
    "# Punkt 1: Godkendelse af dagsorden\n"
    "\n"
    "24/1001\n"
    "\n"
    "## Beslutning\n"
    "\n"
    "Godkendt.\n"
)


def parse(*args: str, stdin: bytes | None = None):
    """`referatcheck parse ARGS` in this process; a traceback fails the test."""
    result = CliRunner().invoke(main, ["parse", *args], input=stdin, catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.stdout + result.stderr
    return result


def parse_json(*args: str, stdin: bytes | None = None) -> dict:
    result = parse("--format", "json", "--isolated", *args, stdin=stdin)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def one_line_error(result) -> str:
    assert result.exit_code == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("referatcheck: "), result.stderr
    return lines[0]


# ---- the JSON contract on the corpus -------------------------------------------------------

OPTIONAL_STR = (str, type(None))
OPTIONAL_INT = (int, type(None))


def assert_contract(payload: dict) -> None:
    """Exactly the promised keys and types (more keys may come along)."""
    assert payload["version"] == 1 and isinstance(payload["documents"], list)
    for document in payload["documents"]:
        assert isinstance(document["path"], str)
        meeting = document["meeting"]
        assert {"committee", "date", "start", "place"} <= set(meeting)
        assert all(isinstance(meeting[key], OPTIONAL_STR) for key in ("committee", "date", "start", "place"))
        if meeting["date"] is not None:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", meeting["date"])
        if meeting["start"] is not None:
            assert re.fullmatch(r"\d{2}:\d{2}", meeting["start"])
        for entry in document["toc"]:
            assert isinstance(entry["line"], int) and isinstance(entry["title"], str)
            assert isinstance(entry["number"], OPTIONAL_STR) and isinstance(entry["page"], OPTIONAL_INT)
        for item in document["items"]:
            assert isinstance(item["line"], int) and isinstance(item["end_line"], int)
            assert item["line"] <= item["end_line"]
            assert isinstance(item["number"], OPTIONAL_STR) and isinstance(item["title"], str)
            assert isinstance(item["case_number"], OPTIONAL_STR) and isinstance(item["closed"], bool)
            for section in item["sections"]:
                assert isinstance(section["line"], int) and item["line"] < section["line"] <= item["end_line"]
                assert isinstance(section["kind"], str) and isinstance(section["heading"], str)
        for stretch in document["unread"]:
            assert isinstance(stretch["line"], int) and isinstance(stretch["reason"], str)


def test_the_corpus_is_there():
    assert len(corpus_files()) == 3, f"corpus not found at {CORPUS}"


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_json_contract_on_each_corpus_file(path: Path):
    payload = parse_json(str(path))
    assert_contract(payload)
    [document] = payload["documents"]
    assert document["path"] == str(path) and document["unread"] == []
    lines = path.read_text(encoding="utf-8").splitlines()
    # Every item line is the item's own `Punkt N:` heading; items follow each other.
    for item, following in zip(document["items"], document["items"][1:] + [None]):
        heading = lines[item["line"] - 1]
        assert re.match(r"^#{1,3} \**Punkt " + item["number"] + ":", heading), heading
        assert item["end_line"] < (following["line"] if following else len(lines) + 1)
        assert all(s["kind"] in {"summary", "recommendation", "presentation", "procedure", "finance", "history",
                                 "decision", "attachments", "other"} for s in item["sections"])
    # The TOC lists every item, in order, one line each.
    assert len(document["toc"]) == len(document["items"])
    assert [e["line"] for e in document["toc"]] == list(range(document["toc"][0]["line"],
                                                               document["toc"][0]["line"] + len(document["toc"])))


# Read off the files: `Punkt N:` headings, `Lukket:` titles, the head fields.
CORPUS_FACTS = {
    HOLSTEBRO.name: dict(
        numbers=10, closed={"9", "10"},
        lines=[22, 64, 131, 175, 229, 270, 348, 395, 407, 411],
        meeting={"committee": "Arbejdsmarkedsudvalget", "date": "2022-11-28", "start": "13:00",
                 "place": "Rådhuset, mødelokale 188"},
        pages=[3, 4, 6, 7, 9, 10, 12, 13, 14, 15],
    ),
    SOENDERBORG_2021.name: dict(
        numbers=11, closed={"10"},
        lines=[25, 63, 151, 233, 302, 383, 430, 474, 537, 560, 564],
        meeting={"committee": "Arbejdsmarkeds- og Integrationsudvalget", "date": "2021-03-03", "start": "15:30",
                 "place": "Magistratssalen, Sønderborg Rådhus"},
        pages=[3, 4, 7, 9, 12, 15, 17, 18, 20, 21, 22],
    ),
    SOENDERBORG.name: dict(
        numbers=10, closed={"9", "10"},
        lines=[25, 39, 110, 183, 328, 374, 420, 494, 530, 534],
        meeting={"committee": "Arbejdsmarkedsudvalget", "date": "2023-11-07", "start": "15:30",
                 "place": "Borgen, mødelokale Italien (F)"},
        pages=[3, 4, 7, 9, 14, 16, 18, 20, 21, 22],
    ),
}


def test_corpus_items_numbers_lines_and_meetings_in_one_run():
    payload = parse_json(*(str(p) for p in corpus_files()))
    by_name = {Path(d["path"]).name: d for d in payload["documents"]}
    assert set(by_name) == set(CORPUS_FACTS)
    for name, facts in CORPUS_FACTS.items():
        document = by_name[name]
        items = document["items"]
        assert [i["number"] for i in items] == [str(n) for n in range(1, facts["numbers"] + 1)], name
        assert [i["line"] for i in items] == facts["lines"], name
        assert {i["number"] for i in items if i["closed"]} == facts["closed"], name
        assert all(i["case_number"] for i in items), name  # every item has its case number
        assert document["meeting"] == facts["meeting"], name
        assert [e["page"] for e in document["toc"]] == facts["pages"], name
        assert all(e["number"] is None for e in document["toc"])  # the corpus TOCs are not numbered


def test_holstebro_item_details():
    [document] = parse_json(str(HOLSTEBRO))["documents"]
    first, last = document["items"][0], document["items"][-1]
    assert first["title"] == "Aktuel arbejdsmarkedssituation"
    assert first["case_number"] == "15.00.15-P16-1-21" and first["end_line"] == 62  # its last line of text, not the blank line after it
    assert [(s["line"], s["kind"], s["heading"]) for s in first["sections"]] == [
        (26, "presentation", "Sagsfremstilling"), (52, "recommendation", "Indstilling"),
        (56, "decision", "Beslutning"), (60, "attachments", "Bilag"),
    ]
    assert last["title"] == "Lukket:" and last["closed"] and last["sections"] == []
    assert last["end_line"] == len(HOLSTEBRO.read_text(encoding="utf-8").splitlines())
    assert document["toc"][0] == {"line": 11, "title": "Aktuel arbejdsmarkedssituation", "number": None,
                                  "page": 3, "leader": True}


def test_every_2021_decision_is_this_committees():
    [document] = parse_json(str(SOENDERBORG_2021))["documents"]
    decisions = [s["heading"] for i in document["items"] for s in i["sections"] if s["kind"] == "decision"]
    assert len(decisions) == 9
    assert set(decisions) == {"Beslutning Arbejdsmarkeds- og Integrationsudvalget den 03-03-2021"}


# ---- the text tree -----------------------------------------------------------------------------


def test_text_tree_shows_items_sections_and_line_numbers():
    result = parse("--isolated", str(HOLSTEBRO))
    assert result.exit_code == 0 and result.stderr == ""
    rows = result.stdout.splitlines()
    assert rows[0].strip().startswith(str(HOLSTEBRO)) and "413 lines, 10 items" in rows[0]
    assert any("meeting: committee Arbejdsmarkedsudvalget, date 2022-11-28, start 13:00" in r for r in rows)
    items = [r for r in rows if re.match(r"^\s*\d+  item \d+: ", r)]
    assert len(items) == 10
    assert re.match(r"^\s*22  item 1: Aktuel arbejdsmarkedssituation .*case 15\.00\.15-P16-1-21.*open.*22-62", items[0])
    assert re.match(r"^\s*407  item 9: Lukket: Kommunikation .*closed", items[8])
    assert any(re.match(r"^\s*5    field  Mødedato \(", r) for r in rows)
    assert any(re.match(r"^\s*9  toc: 10 entries$", r) for r in rows)
    assert any(re.match(r'^\s*56    decision: Beslutning  → "Orienteringen blev taget til efterretning\."', r)
               for r in rows)
    assert any(re.match(r"^\s*358-361      table  4 rows × 8 columns", r) for r in rows)
    assert rows[-1].strip() == "unread: none"


def test_tree_of_several_files_keeps_them_apart():
    result = parse("--isolated", str(HOLSTEBRO), str(SOENDERBORG))
    assert result.exit_code == 0
    assert result.stdout.count("unread: none") == 2 and "\n\n" in result.stdout
    assert result.stdout.index(HOLSTEBRO.name) < result.stdout.index(SOENDERBORG.name)


# ---- the pure API -------------------------------------------------------------------------------


def test_outline_and_tree_without_the_command_line():
    document = doc(MINUTES)
    data = outline(document)
    assert data["meeting"] == {"committee": "Kulturudvalget", "date": "2024-03-12", "start": "16:00",
                               "place": "Nordby Bibliotek, Salen"}
    assert [(i["line"], i["number"], i["case_number"], i["closed"]) for i in data["items"]] == [(7, "1", "24/1001", False)]
    assert data["items"][0]["sections"][0] | {"blocks": None} == {
        "line": 11, "end_line": 13, "kind": "decision", "heading": "Beslutning", "blocks": None}
    assert data["toc"] == [] and data["unread"] == []
    assert json.loads(json.dumps(outlines([document])))["version"] == 1
    tree = render_tree(document)
    assert re.search(r"^\s*7  item 1: Godkendelse af dagsorden", tree, re.MULTILINE)
    assert "toc: none" in tree


def test_unnumbered_item_and_unread_stretches():
    document = doc(MINUTES)
    item = attrs.evolve(document.items[0], number=None)
    stretch = Unread(Span(5, 1, 5, 40), "page flattened onto one line")
    document = attrs.evolve(document, items=(item,), unread=(stretch,))
    data = outline(document)
    assert data["items"][0]["number"] is None
    assert data["unread"] == [{"line": 5, "end_line": 5, "reason": "page flattened onto one line"}]
    tree = render_tree(document)
    assert "item (unnumbered): Godkendelse af dagsorden" in tree
    assert re.search(r"^\s*5    page flattened onto one line$", tree, re.MULTILINE)


@pytest.mark.parametrize("head, expected", [
    # No date in the title: the date field gives it; a bare time in a time field is the start.
    ("# REFERAT Kulturudvalget\n\n**Dato** 12. marts 2024\n\n**Tid** 15.30-17.00\n\n**Sted** Salen\n",
     {"committee": "Kulturudvalget", "date": "2024-03-12", "start": "15:30", "place": "Salen"}),
    # A `kl.` time in the title when no field gives one; an empty place field is no place.
    ("# REFERAT Kulturudvalget d. 12-03-2024 kl. 09:00\n\n**Mødested**\n",
     {"committee": "Kulturudvalget", "date": "2024-03-12", "start": "09:00", "place": None}),
    # The end time is not the start.
    ("# REFERAT Kulturudvalget d. 12-03-2024\n\n**Sluttidspunkt** kl. 18:00\n",
     {"committee": "Kulturudvalget", "date": "2024-03-12", "start": None, "place": None}),
])
def test_meeting_facts(head, expected):
    assert outline(doc(head + "\n# Punkt 1: Orientering\n\n## Beslutning\n\nTaget til efterretning.\n"))["meeting"] == expected


def test_place_and_date_fields_by_role():
    document = doc("# REFERAT Kulturudvalget\n\n**Lokation** Salen\n\n**Hvornår** 12. marts 2024 kl. 16:00\n")
    fields = tuple(
        attrs.evolve(f, role={"Lokation": "place", "Hvornår": "date"}[f.label]) for f in document.head.fields
    )
    assert len(fields) == 2
    document = attrs.evolve(document, head=attrs.evolve(document.head, fields=fields))
    assert outline(document)["meeting"] == {"committee": "Kulturudvalget", "date": "2024-03-12", "start": "16:00",
                                            "place": "Salen"}
    assert "field  Lokation (role place)" in render_tree(document)


# ---- every input format check reads ---------------------------------------------------------


def _word_minutes() -> bytes:
    word = docx.Document()
    word.add_paragraph("REFERAT Kulturudvalget d. 12-03-2024", style="Title")
    p = word.add_paragraph()
    p.add_run("Mødedato").bold = True
    p.add_run(" Tirsdag d. 12. marts 2024 kl. 16:00")
    for number, title, case in ((1, "Godkendelse af dagsorden", "24/1001"), (2, "Budget 2025", "24/1002")):
        word.add_paragraph(f"Punkt {number}: {title}", style="Heading 1")
        word.add_paragraph(case)
        if number == 2:
            word.add_paragraph("Sagsfremstilling", style="Heading 2")
            table = word.add_table(rows=2, cols=2)
            for r, row in enumerate([["Område", "Budget"], ["Drift", "10"]]):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
        word.add_paragraph("Beslutning", style="Heading 2")
        word.add_paragraph("Godkendt.")
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def test_docx_is_read_through_the_loader(tmp_path):
    path = tmp_path / "kladde.docx"
    path.write_bytes(_word_minutes())
    [document] = parse_json(str(path))["documents"]
    assert document["encoding"] == "docx"
    assert document["meeting"] == {"committee": "Kulturudvalget", "date": "2024-03-12", "start": "16:00",
                                   "place": None}
    items = document["items"]
    assert [(i["number"], i["title"], i["case_number"]) for i in items] == [
        ("1", "Godkendelse af dagsorden", "24/1001"), ("2", "Budget 2025", "24/1002")]
    assert [s["kind"] for s in items[1]["sections"]] == ["presentation", "decision"]
    assert items[0]["location"] == "paragraph 3"  # its place in Word, not only a line of the text
    tree = parse("--isolated", str(path)).stdout
    assert re.search(r"item 1: Godkendelse af dagsorden .*\[paragraph 3\]", tree)
    assert re.search(r"table  2 rows × 2 columns  \[table 1, row 1", tree)


def test_cp1252_file_is_read_and_says_so(tmp_path):
    path = tmp_path / "m.txt"
    path.write_bytes(MINUTES.encode("cp1252"))
    result = parse("--isolated", str(path))
    assert result.exit_code == 0 and "(read as cp1252)" in result.stdout
    [document] = parse_json(str(path))["documents"]
    assert document["encoding"] == "cp1252" and document["meeting"]["place"] == "Nordby Bibliotek, Salen"


def test_read_file_is_what_check_reads():
    result = read_file(str(HOLSTEBRO))
    assert result.document is not None and not result.incomplete
    again = read_bytes(str(HOLSTEBRO), HOLSTEBRO.read_bytes())
    assert outline(again.document) == outline(result.document)


def test_stdin_with_a_filename():
    [document] = parse_json("-", "--stdin-filename", "udvalg.md", stdin=MINUTES.encode())["documents"]
    assert document["path"] == "udvalg.md" and [i["number"] for i in document["items"]] == ["1"]


def test_configured_section_names_are_used(tmp_path):
    path = tmp_path / "referat.md"
    path.write_text(MINUTES.replace("## Beslutning", "## Udvalgets afgørelse"), encoding="utf-8")
    (tmp_path / "referatcheck.toml").write_text('[section-names]\n"Udvalgets afgørelse" = "decision"\n',
                                                encoding="utf-8")
    result = parse("--format", "json", str(path))
    assert result.exit_code == 0
    [item] = json.loads(result.stdout)["documents"][0]["items"]
    assert [(s["kind"], s["heading"]) for s in item["sections"]] == [("decision", "Udvalgets afgørelse")]
    [item] = parse_json(str(path))["documents"][0]["items"]  # --isolated: the file is not read
    assert all(s["kind"] != "decision" for s in item["sections"])


# ---- directories ---------------------------------------------------------------------------------


def test_directory_is_walked_like_check(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.md").write_text(MINUTES, encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_text(MINUTES, encoding="utf-8")
    (tmp_path / "kladde.docx").write_bytes(_word_minutes())
    (tmp_path / "~$kladde.docx").write_bytes(b"\x00lock")  # Word's owner file: skipped
    (tmp_path / ".skjult.md").write_text(MINUTES, encoding="utf-8")
    (tmp_path / "notes.odt").write_bytes(b"PK\x03\x04")  # not a format referatcheck reads
    payload = parse_json(str(tmp_path))
    paths = [d["path"] for d in payload["documents"]]
    assert paths == collect([str(tmp_path)])
    assert sorted(Path(p).name for p in paths) == ["a.md", "b.txt", "kladde.docx"]
    assert payload["errors"] == []


def test_folder_without_minutes_is_no_error(tmp_path):
    result = parse(str(tmp_path))
    assert result.exit_code == 0 and result.stdout == ""
    assert "no minutes found" in one_line_note(result)


def one_line_note(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    return lines[0]


# ---- bad input --------------------------------------------------------------------------------------


def _check_message(path: Path) -> str:
    """`check`'s English RC003 message for ``path``."""
    result = CliRunner().invoke(main, ["check", "--no-cache", "-j", "1", "--isolated", "--format", "json",
                                       "--lang", "en", str(path)])
    assert result.exit_code == 2
    [finding] = json.loads(result.stdout)["diagnostics"]
    assert finding["code"] == "RC003"
    return finding["message"]


@pytest.mark.parametrize("name, data", [
    ("binary.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
    ("bad-utf16.md", b"\xff\xfe\x00\xd8"),  # a lone surrogate
    ("broken.docx", b"PK\x03\x04 not really a zip"),
])
def test_unreadable_file_gives_checks_message_in_one_line_and_exit_2(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    line = one_line_error(parse("--isolated", str(path)))
    reason = _check_message(path).split(": ", 1)[1]
    assert line.startswith(f"referatcheck: {path}: ") and line.endswith(reason)
    assert "The file cannot be read and was skipped" in line


def test_unreadable_file_does_not_stop_the_others(tmp_path):
    bad, good = tmp_path / "a.md", tmp_path / "b.md"
    bad.write_bytes(b"\x00\x01\x02binary")
    good.write_text(MINUTES, encoding="utf-8")
    result = parse("--format", "json", "--isolated", str(bad), str(good))
    assert "a.md" in one_line_error(result)
    payload = json.loads(result.stdout)
    assert [d["path"] for d in payload["documents"]] == [str(good)]
    assert [e["path"] for e in payload["errors"]] == [str(bad)]


def test_missing_path_is_checks_one_line_error(tmp_path):
    line = one_line_error(parse(str(tmp_path / "nope.md")))
    assert line == f"referatcheck: {tmp_path / 'nope.md'}: findes ikke / does not exist"


def test_no_paths_and_bad_configuration_exit_2(tmp_path):
    assert "give files or folders" in one_line_error(parse())
    (tmp_path / "referatcheck.toml").write_text('[section-names]\n"Afgørelse" = "verdict"\n', encoding="utf-8")
    (tmp_path / "m.md").write_text(MINUTES, encoding="utf-8")
    assert "section" in one_line_error(parse(str(tmp_path / "m.md")))


def test_fifo_is_not_opened(tmp_path):
    import os

    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    assert "not a regular file" in one_line_error(parse("--isolated", str(fifo)))


@pytest.mark.parametrize("head, place", [
    # the place after the time, on the date line under the title
    ("# Referat Kulturudvalget\n\nMandag den 4. marts 2024 kl. 15:00 i Mødelokale 2, Rådhuset\n",
     "Mødelokale 2, Rådhuset"),
    # in the title itself
    ("# Kulturudvalget – Referat – 4. marts 2024 kl. 15.00 på Rådhuset\n", "Rådhuset"),
    # a place field wins
    ("# Referat Kulturudvalget 4. marts 2024\n\nMødested: Byrådssalen\n", "Byrådssalen"),
    # a time with no place after it names none
    ("# Referat Kulturudvalget 4. marts 2024 kl. 15:00\n", None),
])
def test_meeting_place_read_where_the_head_names_it(head, place):
    document = doc(head + "\n# Punkt 1: Budget\n\n## Beslutning\n\nGodkendt.\n")
    assert outline(document)["meeting"]["place"] == place


def test_page_furniture_of_a_pdf_transcript_ends_a_field_and_is_no_text():
    text = ("Referat\nØkonomiudvalget\nMødedato: 12. marts 2024\nAfbud: Mads Ebbesen (F)\n1\n"
            "Nordby Kommune   Økonomiudvalget   12-03-2024   Side 2 af 9\n\n"
            "Punkt 1. Godkendelse af dagsorden\n24/03102\nBeslutning\nGodkendt.\n")
    document = doc(text)
    assert document.head.field_for("absent").value == "Mads Ebbesen (F)"
    assert not any("Side 2 af 9" in block.text for block in document.head.blocks)
    assert [item.title for item in document.items] == ["Godkendelse af dagsorden"]
