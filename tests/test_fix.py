"""Fixes: applying edits byte for byte, the fix loop and its safety net, and every rule's fix.

The rule fixes are checked the way `--fix` uses them: the minutes are fixed, linted again,
and the fixed findings must be gone with no new finding in their place.
"""

from __future__ import annotations

import codecs
from collections import Counter

import pytest
from conftest import EXAMPLES
from snippets import CLEAN, PAGED_TITLES, TOC_DEFECTS, TOC_SHAPES, paged_minutes, shape_text

from referatcheck.diagnostic import Diagnostic, Message, Severity
from referatcheck.edits import Applicability, Edit, Fix, fixable_path
from referatcheck.engine import FileResult
from referatcheck.fixer import fix_bytes
from referatcheck.fixes import NotFixable, apply_edits, apply_to_bytes, decode_exactly, non_overlapping
from referatcheck.model import Span
from referatcheck.pipeline import lint_file


def _fix(text: str | bytes, path: str = "referat.md", unsafe: bool = False):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return fix_bytes(path, data, lint_file, unsafe=unsafe)


def _codes(result) -> Counter:
    return Counter(d.code for d in result.diagnostics)


def _fixed_text(outcome) -> str:
    return decode_exactly(outcome.fixed)[0]


# ---- edits ------------------------------------------------------------------------------


def test_edits_in_lines_of_every_line_end_and_at_the_end_of_the_file():
    text = "ab\r\ncd\ref\nslut"
    edits = [Edit.replace(Span(1, 2, 1, 3), "X"), Edit.delete(Span(2, 1, 3, 1)), Edit.insert(4, 5, "!")]
    assert apply_edits(text, edits) == "aX\r\nef\nslut!"
    assert apply_edits("a\n", [Edit.insert(2, 1, "ny\n")]) == "a\nny\n"  # after the last line end
    with pytest.raises(ValueError):
        apply_edits("a\nb\n", [Edit.replace(Span(1, 1, 1, 5), "x")])  # past the end of line 1
    with pytest.raises(ValueError):
        apply_edits("abc", [Edit.replace(Span(1, 1, 1, 3), "x"), Edit.replace(Span(1, 2, 1, 4), "y")])


def test_overlapping_fixes_wait_for_the_next_round():
    first = (Edit.replace(Span(1, 1, 1, 4), "x"),)
    overlapping = (Edit.replace(Span(1, 3, 1, 6), "y"),)
    elsewhere = (Edit.replace(Span(2, 1, 2, 2), "z"),)
    assert non_overlapping([first, overlapping, elsewhere]) == [0, 2]
    # Text inserted where another fix starts: which goes first would be a guess.
    assert non_overlapping([(Edit.insert(2, 1, "w"),), elsewhere]) == [0]


def test_bytes_outside_the_edits_stay_as_they_were():
    data = codecs.BOM_UTF8 + "Første linje\r\nIkke tilstede: Ole (A)\r\nsidste uden linjeskift".encode("utf-8")
    fixed = apply_to_bytes(data, [Edit.replace(Span(2, 6, 2, 14), "til stede")])
    assert fixed == codecs.BOM_UTF8 + "Første linje\r\nIkke til stede: Ole (A)\r\nsidste uden linjeskift".encode()
    cp1252 = "Mødested\r\nIkke tilstede\r\n".encode("cp1252")
    assert apply_to_bytes(cp1252, [Edit.replace(Span(2, 6, 2, 14), "til stede")]) == \
        "Mødested\r\nIkke til stede\r\n".encode("cp1252")
    utf16 = codecs.BOM_UTF16_LE + "æ\nIkke tilstede\n".encode("utf-16-le")
    assert apply_to_bytes(utf16, [Edit.replace(Span(2, 6, 2, 14), "til stede")]) == \
        codecs.BOM_UTF16_LE + "æ\nIkke til stede\n".encode("utf-16-le")


def test_bytes_that_do_not_read_back_unchanged_are_never_edited():
    undefined = b"M\xf8dested \x81\nIkke tilstede\n"  # 0x81 is no character in cp1252
    with pytest.raises(NotFixable):
        apply_to_bytes(undefined, [Edit.replace(Span(2, 6, 2, 14), "til stede")])
    with pytest.raises(NotFixable):  # an arrow has no byte in cp1252
        apply_to_bytes("Mødested\n".encode("cp1252"), [Edit.insert(1, 1, "→")])


def test_only_text_files_take_fixes():
    assert fixable_path("a.md") and fixable_path("B.TXT") and fixable_path("c.markdown") and fixable_path("-")
    assert not fixable_path("referat.docx") and not fixable_path("referat.pdf")


# ---- the fix loop -------------------------------------------------------------------------


def _finding(code: str, line: int, fix: Fix | None, subject: str = "") -> Diagnostic:
    return Diagnostic(code=code, severity=Severity.WARNING, message=Message(code, code), path="x.md",
                      span=Span(line, 1, line, 2), rule=code.lower(), fix=fix, subject=subject)


def test_a_fix_that_would_add_a_finding_is_dropped():
    """A lint that answers a fixed first line with a new finding elsewhere: that fix is never applied."""
    good = Fix.safe([Edit.replace(Span(2, 1, 2, 4), "god")], "ret", "fix")
    bad = Fix.safe([Edit.replace(Span(1, 1, 1, 4), "ond")], "ret", "fix")

    def lint(path, data):
        text = data.decode()
        found = []
        if text.startswith("abc"):
            found.append(_finding("XAA001", 1, bad))
        if "\nabc" in text:
            found.append(_finding("XAA002", 2, good))
        if text.startswith("ond"):
            found.append(_finding("XAA003", 3, None))  # what the bad fix brings
        return FileResult(path=path, diagnostics=tuple(found), source=None)

    outcome = fix_bytes("x.md", b"abc\nabc\n", lint)
    assert outcome.fixed == b"abc\ngod\n"
    assert outcome.fixed_codes == (("XAA002", 1),) and [d.code for d in outcome.result.diagnostics] == ["XAA001"]


def test_a_realistic_fix_that_would_break_a_total_is_dropped():
    """`2,500.5` made Danish would let the `I alt` row be checked and found wrong (TAB001)."""
    text = ("# Punkt 1: Budget\n\n24/00001\n\n## Sagsfremstilling\n\nBeløb i 1.000 kr.\tBudget 2024\tBudget 2025\n"
            "Skoler\t1.000\t2.000\nBørnehaver\t2,500.5\t3.000\nDagpleje\t1.500\t1.000\nI alt\t2.500\t6.000\n\n"
            "## Beslutning\n\nGodkendt.\n")
    before = lint_file("referat.md", text.encode())
    assert [d.code for d in before.diagnostics if d.fix is not None] == ["TAB007"]
    outcome = _fix(text)
    assert not outcome.changed and outcome.fixed_count == 0


# ---- the rules' fixes -----------------------------------------------------------------------


def test_toc_rebuilt_from_the_items_keeping_pages_that_still_fit():
    path = EXAMPLES / "defects" / "toc-defects.md"
    outcome = _fix(path.read_bytes(), str(path))
    before = lint_file(str(path), path.read_bytes())
    assert dict(outcome.fixed_codes) == {"TOC001": 1, "TOC002": 1, "TOC003": 1, "TOC004": 2}
    lines = _fixed_text(outcome).splitlines()[12:21]
    assert lines == [
        "Godkendelse af dagsorden - april 2024.....\t3",
        "Orientering om besøgstal på Nordby Bibliotek 2023.....\t4",  # the near miss: the item's title, its page
        "Godkendelse af fordeling af kulturpuljen 2024.....\t5",
        "Godkendelse af åbningstider i Nordby Svømmehal i sommerferien.....",  # new: no page is invented
        "Drøftelse af ny idrætspolitik.....\t8",  # the swapped pair in the items' order, pages kept
        "Orientering om status på renovering af Havbjerg Kulturhus.....\t8",
        "Godkendelse af takster for leje af kommunale lokaler 2025.....\t10",
        "Orientering fra forvaltningen - april 2024.....\t9",  # the entry without an item is gone
        "Lukket: Meddelelser fra formanden - april 2024 - Lukket.....\t13",
    ]
    # What remains is the page that was already out of order (TOC005 is not fixed), nothing new.
    assert [d.code for d in outcome.result.diagnostics] == ["TOC005"]
    assert {d.subject for d in outcome.result.diagnostics} <= {d.subject for d in before.diagnostics}
    assert not _fix(outcome.fixed, str(path)).changed  # fixing again changes nothing


def test_a_moved_entry_loses_a_page_that_no_longer_fits():
    text = TOC_DEFECTS.replace("Orientering om ingenting.....\t6\n", "").replace(
        "Godkendelse af dagsorden.....\t3\nOrientering om budgettet for 2024.....\t4\n",
        "Orientering om budgettet for 2024.....\t4\nGodkendelse af dagsorden.....\t3\n")
    fixed = _fixed_text(_fix(text)).splitlines()
    assert fixed[8:11] == ["Godkendelse af dagsorden.....\t3", "Orientering om budgettet for 2024.....\t4",
                           "Godkendelse af takster for 2024.....\t5"]
    later = TOC_DEFECTS.replace("Orientering om ingenting.....\t6\n", "").replace(
        "Godkendelse af dagsorden.....\t3\n", "").replace(
        "Godkendelse af takster for 2025.....\t5\n", "Godkendelse af takster for 2024.....\t5\n"
        "Godkendelse af dagsorden.....\t9\n")
    fixed = _fixed_text(_fix(later)).splitlines()
    # Page 9 after 4 and 5 cannot be the first item's page: the entry keeps its place, not its page.
    assert fixed[8] == "Godkendelse af dagsorden....."


@pytest.mark.parametrize("style", [
    "glued-number",  # `Indholdsfortegnelse1.Titel<TAB>2`: the heading the first entry is glued to stays
    "no-dot",  # ` 1  Titel<TAB>2`
    "decision-committee-date",  # `Sager 87 - 92` / `87. Titel`: numbered, no pages
    "sag-nr-after",  # titles only
])
def test_toc_fix_keeps_each_export_style(style):
    """The first two entries swapped and a letter changed in the last: the fix gives back the clean file."""
    clean = (EXAMPLES / "styles" / f"{style}.md").read_text(encoding="utf-8")
    lines = clean.splitlines(keepends=True)
    entries = _toc_lines(clean)
    first, second, last = entries[0], entries[1], entries[-1]
    if first == _heading_line(clean):  # glued to the heading: swap the next two instead
        first, second = entries[1], entries[2]
    lines[first], lines[second] = lines[second], lines[first]
    lines[last] = lines[last].replace("e", "æ", 1)
    broken = "".join(lines)
    before = _codes(lint_file(f"{style}.md", broken.encode()))
    assert before["TOC004"] == 2 and before["TOC003"] == 1, before
    outcome = _fix(broken, f"{style}.md")
    assert _fixed_text(outcome) == clean
    assert not [d for d in outcome.result.diagnostics if d.code.startswith("TOC")]


def _heading_line(text: str) -> int:
    from referatcheck.parse import parse_text

    return parse_text(text).toc.heading_span.line - 1


def _toc_lines(text: str) -> list[int]:
    from referatcheck.parse import parse_text

    return [e.span.line - 1 for e in parse_text(text).toc.entries]


def test_numbered_toc_gets_the_items_numbers():
    path = EXAMPLES / "clean" / "nordby-oekonomiudvalget-2024-09-02.md"
    clean = path.read_text(encoding="utf-8")
    entries = _toc_lines(clean)
    lines = clean.splitlines(keepends=True)
    first = lines[entries[0]]
    number = first.split(".", 1)[0].strip()
    lines[entries[0]] = first.replace(number, str(int(number) + 40), 1)
    broken = "".join(lines)
    assert "TOC007" in _codes(lint_file("a.md", broken.encode()))
    outcome = _fix(broken, "a.md")
    assert _fixed_text(outcome) == clean and dict(outcome.fixed_codes) == {"TOC007": 1}


def test_local_toc_findings_fix_only_their_own_line():
    result = lint_file("a.md", TOC_DEFECTS.replace("Orientering om ingenting.....\t6\n", "").encode())
    [near] = [d for d in result.diagnostics if d.code == "TOC003"]
    assert [e.span.line for e in near.fix.edits] == [near.span.line]
    assert near.fix.edits[0].content == "Godkendelse af takster for 2024.....\t5"


def test_no_toc_fix_when_part_of_the_file_could_not_be_read():
    path = EXAMPLES / "styles" / "pdf-transcript-defect.txt"
    result = lint_file(str(path), path.read_bytes())
    assert any(d.code == "RC009" for d in result.diagnostics)
    assert not [d for d in result.diagnostics if d.code.startswith("TOC") and d.fix is not None]


def test_english_number_made_danish():
    path = EXAMPLES / "defects" / "table-defects.md"
    outcome = _fix(path.read_bytes(), str(path))
    assert dict(outcome.fixed_codes) == {"TAB007": 1}
    assert "Visiterede støttetimer pr. uge\t1.187,5\t1.234,5" in _fixed_text(outcome)
    assert "TAB007" not in _codes(outcome.result)


@pytest.mark.parametrize("written, fixed", [("Ikke tilstede", "Ikke til stede"), ("Ikke Tilstede", "Ikke Til stede"),
                                            ("IKKE TILSTEDE", "IKKE TIL STEDE")])
def test_tilstede_in_two_words_in_its_own_case(written, fixed):
    path = EXAMPLES / "defects" / "agenda-defects.md"
    text = path.read_text(encoding="utf-8").replace("Ikke til stede: Søren Kjær (K)", f"{written}: Søren Kjær (K)")
    assert "ATT007" in _codes(lint_file("a.md", text.encode()))
    outcome = _fix(text, "a.md")
    assert f"{fixed}: Søren Kjær (K)" in _fixed_text(outcome) and "ATT007" not in _codes(outcome.result)


def test_weekday_and_title_date_only_with_unsafe_fixes():
    path = EXAMPLES / "defects" / "agenda-defects.md"
    data = path.read_bytes()
    result = lint_file(str(path), data)
    unsafe = {d.code: d.fix for d in result.diagnostics if d.fix is not None}
    assert {c: f.applicability for c, f in unsafe.items()} == {"MTG002": Applicability.UNSAFE,
                                                               "MTG003": Applicability.UNSAFE}
    assert not _fix(data, str(path)).changed
    outcome = _fix(data, str(path), unsafe=True)
    head = _fixed_text(outcome).splitlines()[2:5]
    assert head == ["# REFERAT 2022-25: Social- og Sundhedsudvalget d. 15-10-2024", "",
                    "**Mødedato** Tirsdag d. 15. oktober 2024 kl. 16:00"]
    assert not {"MTG002", "MTG003"} & set(_codes(outcome.result))


@pytest.mark.parametrize("title, field, expected", [
    ("# Referat Økonomiudvalget den 3. oktober 2024", "**Mødedato** Tirsdag d. 1. oktober 2024",
     "# Referat Økonomiudvalget den 1. oktober 2024"),
    ("# REFERAT Økonomiudvalget d. 2024-10-03", "**Mødedato** Tirsdag d. 1. okt. 2024",
     "# REFERAT Økonomiudvalget d. 2024-10-01"),
])
def test_title_date_written_in_the_titles_own_form(title, field, expected):
    text = f"{title}\n\n{field}\n\n**Mødested** Rådhuset\n\n# Punkt 1: Godkendelse af dagsorden\n\n24/00001\n\n" \
           "## Beslutning\n\nGodkendt.\n"
    assert "MTG003" in _codes(lint_file("a.md", text.encode()))
    assert _fixed_text(_fix(text, unsafe=True)).splitlines()[0] == expected


def test_word_files_carry_no_fix(tmp_path):
    from referatcheck.edits import fixable_path as text_file

    result = lint_file("referat.md", TOC_DEFECTS.encode())
    assert any(d.fix for d in result.diagnostics)
    assert not text_file("referat.docx")


def test_fixes_keep_bom_crlf_and_a_missing_final_newline():
    path = EXAMPLES / "defects" / "crlf-bom.md"
    clean = path.read_bytes()
    lines = clean.split(b"\r\n")
    swapped = lines[:]
    swapped[10], swapped[11] = lines[11], lines[10]  # TOC entries 1 and 2
    broken = b"\r\n".join(swapped)
    assert any(d.code == "TOC004" for d in lint_file(str(path), broken).diagnostics)
    outcome = _fix(broken, str(path))
    assert outcome.fixed == clean  # BOM, CRLF and the missing last newline, byte for byte


def test_a_legacy_encoded_file_is_fixed_in_its_own_encoding():
    path = EXAMPLES / "defects" / "encoding-cp1252.txt"
    clean = path.read_bytes()
    broken = clean.replace("Fordeling af lokaletilskud 2024".encode("cp1252"),
                           "Fordeling af lokaletilskud 2025".encode("cp1252"), 1)
    assert "TOC003" in _codes(lint_file(str(path), broken))
    assert _fix(broken, str(path)).fixed == clean


def test_a_file_that_cannot_be_edited_exactly_is_left_alone():
    data = CLEAN.replace("Godkendt.", "Godkendt. \x81").encode("cp1252", errors="ignore").replace(
        b"Godkendt. ", b"Godkendt. \x81", 1)
    broken = data.replace(b"takster for 2024.....", b"takster for 2025.....", 1)
    outcome = _fix(broken, "a.txt")
    assert not outcome.changed and outcome.problem and "cp1252" in outcome.problem


def test_a_plugin_rule_fixes_through_the_public_api_and_a_bad_fix_is_the_rules_bug():
    from referatcheck import api
    from referatcheck.engine import Linter

    class Shouting(api.Rule):
        """`GODKENDT.` written in capitals."""

        code, name, family, severity = "XNB900", "shouting", "XNB", api.Severity.INFO
        doc = api.RuleDoc("Råb ikke.", "Do not shout.", "-", "-", "GODKENDT.", "Godkendt.")
        fixable = api.Applicability.SAFE

        def check(self, document, options):
            for line in range(1, len(document.source.lines) + 1):
                span = document.locate("GODKENDT", line)
                if span is not None:
                    fix = api.Fix.safe([api.Edit.replace(span, api.written(document, span).capitalize())],
                                       "Små bogstaver.", "Lower case.")
                    yield self.diagnostic(document, span, "Råb ikke.", "Do not shout.", fix=fix)

    class BadFix(Shouting):
        code = "XNB901"

        def check(self, document, options):
            for finding in super().check(document, options):
                yield api.Diagnostic(**{**{k: getattr(finding, k) for k in ("code", "severity", "message", "path",
                                                                              "span", "rule")}, "fix": "ret det"})

    linter = Linter(rules=[Shouting])
    outcome = fix_bytes("a.md", "Intet.\nGODKENDT.\n".encode(), lambda path, data: linter.lint_bytes(path, data))
    assert outcome.fixed == "Intet.\nGodkendt.\n".encode() and outcome.fixed_codes == (("XNB900", 1),)
    crashed = Linter(rules=[BadFix]).lint_bytes("a.md", b"GODKENDT.\n")
    assert crashed.incomplete and "not a referatcheck.edits.Fix" in crashed.diagnostics[0].message.en


# ---- the TOC fix on other TOC shapes ------------------------------------------------------------


@pytest.mark.parametrize("shape", ["paren", "paren-no-pages", "bullets", "star-bullets", "bullets-paged",
                                   "tab-columns-no-heading", "tab-columns-no-pages"])
def test_toc_fix_in_other_shapes_keeps_numbers_and_bullets(shape):
    """A correct TOC gets no fix; a near miss is fixed back to the clean file, keeping the
    entry's number (`2)`), bullet and page: the fix never deletes what it could not read."""
    clean = shape_text(TOC_SHAPES[shape])
    assert not _fix(clean).changed
    broken = clean.replace("2) Tilskud til foreninger", "2) Tilskud til foreningerne", 1) if "paren" in shape else \
        clean.replace("Tilskud til foreninger", "Tilskud til foreningerne", 1)
    assert _codes(lint_file("a.md", broken.encode())) == Counter({"TOC003": 1})
    outcome = _fix(broken, "a.md")
    assert _fixed_text(outcome) == clean and dict(outcome.fixed_codes) == {"TOC003": 1}


@pytest.mark.parametrize("shape", ["pipe-table", "pipe-table-no-heading", "bullet-links"])
def test_a_toc_whose_lines_cannot_be_rewritten_gets_no_fix(shape):
    """Pipe-table cells and link markup are not rewritten: the finding stands, with no fix."""
    broken = shape_text(TOC_SHAPES[shape]).replace("Tilskud til foreninger", "Tilskud til foreningerne", 1)
    found = [d for d in lint_file("a.md", broken.encode()).diagnostics if d.code.startswith("TOC")]
    assert [d.code for d in found] == ["TOC003"] and found[0].fix is None
    assert not _fix(broken, "a.md").changed


# ---- no TOC fix on a TOC not read whole ----------------------------------------------------------

_WRAPPED_TOC = ("Punkt 1. Godkendelse af dagsorden.....\t2\n"
                "Punkt 2. Anlægsbevilling til renovering af Fjordby Svømmehal og etablering af nyt omklædnings-\n"
                "rum.....\t6\n"
                "Punkt 3. Udpegning af medlem til Fjordby Havns bestyrelse.....\t8\n"
                "Punkt 4. Eventuelt.....\t9\n")


def test_a_toc_cut_short_gets_no_fix_that_would_write_entries_twice():
    """A TOC that ends at a line with more entries under it (here a sub-heading between two
    entries) was not read whole: no TOC002 for the items listed below it, and no 'safe' fix
    for what was read (a rebuild would append the entries that are already there)."""
    toc = _WRAPPED_TOC.replace("Punkt 3.", "## Lukkede punkter\n\nPunkt 3.")
    text = paged_minutes(toc, titles=["Godkendelse af referat"] + PAGED_TITLES[1:])
    found = [d for d in lint_file("a.md", text.encode()).diagnostics if d.code.startswith("TOC")]
    assert [(d.code, d.span.line) for d in found] == [("TOC003", 9)] and found[0].fix is None
    assert not _fix(text, "a.md").changed
    assert not _fix(text.replace("Godkendelse af referat", "Vejbelysning"), "a.md").changed  # TOC006: no fix


def test_a_wrapped_entry_is_not_written_again_by_the_fix():
    """An entry wrapped onto two lines is one entry: a correct TOC gets no fix, and a defect
    elsewhere in it never adds the wrapped item as a new entry."""
    clean = paged_minutes(_WRAPPED_TOC)
    assert not _fix(clean).changed
    broken = clean.replace("Havns bestyrelse.....", "Havns bestyrelser.....", 1)
    outcome = _fix(broken)
    assert not outcome.changed or _fixed_text(outcome) == clean
    assert _codes(lint_file("a.md", broken.encode())) == Counter({"TOC003": 1})


def test_no_fix_is_promised_for_a_column_toc_it_cannot_rewrite():
    """`2<TAB>Title<TAB>3` without a leader: an entry still waiting for its page would not read
    back as an entry, so TOC006 comes without a fix (it used to promise `[*]` and fix nothing)."""
    from conftest import lint

    text = ("# REFERAT Økonomiudvalget d. 04-03-2024\n\n## Indholdsfortegnelse\n\nPkt.\tTekst\tSide\n"
            "1\tGodkendelse af dagsorden\t2\n2\tNoget helt andet om vejene\t3\n\n"
            "# Punkt 1: Godkendelse af dagsorden\n\n24/1\n\n## Beslutning\n\nGodkendt.\n\n"
            "# Punkt 2: Budgetopfølgning\n\n24/2\n\n## Beslutning\n\nGodkendt.\n")
    found = [d for d in lint(text, "TOC")]
    assert [(d.code, d.span.line) for d in found] == [("TOC006", 7)]
    assert found[0].fix is None
