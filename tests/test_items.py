"""ITM rules: numbering, case numbers, decisions present, empty sections.

Defects are injected into the real corpus (and the clean examples) at known lines.
"""

from __future__ import annotations

import re

import pytest

from conftest import CORPUS, EXAMPLES, HOLSTEBRO, SOENDERBORG, SOENDERBORG_2021, corpus_files, lint
from referatcheck.engine import Linter
from referatcheck_plugins.items_rules import RULES as ITEM_RULES


SBSYS = EXAMPLES / "clean" / "nordby-oekonomiudvalget-2024-09-02.md"
_PUNKT = re.compile(r"Punkt (\d+):")


def lines_of(path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def found(text: str, codes="ITM", rule_options=None):
    if rule_options is None:
        result = lint(text, codes)
    else:
        result = [d for d in Linter(rule_options=rule_options).lint_text(text).diagnostics if d.code.startswith(codes)]
    return [(d.code, d.span.line, d.severity.value) for d in result]


def renumbered(lines: list[str], shift, start_line: int = 1) -> list[str]:
    """Item headings from ``start_line`` on get ``shift(n)`` as their number."""
    out = list(lines)
    for k in range(start_line - 1, len(out)):
        out[k] = _PUNKT.sub(lambda m: f"Punkt {shift(int(m.group(1)))}:", out[k])
    return out


# ---- silence on correct minutes ------------------------------------------------------------


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_corpus_gives_no_item_finding(path):
    assert found(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", sorted((EXAMPLES / "clean").glob("*.md")), ids=lambda p: p.name)
def test_clean_examples_give_no_item_finding(path):
    assert found(path.read_text(encoding="utf-8")) == []


# ---- ITM001 / ITM002 numbering ------------------------------------------------------------


def test_numbering_may_start_anywhere():
    assert found("\n".join(renumbered(lines_of(SOENDERBORG), lambda n: n + 98))) == []


def test_skipped_number_reported_at_the_item_after_the_gap():
    lines = renumbered(lines_of(SOENDERBORG), lambda n: n + 1, start_line=374)  # items 6.. become 7..
    result = lint("\n".join(lines), "ITM")
    assert [(d.code, d.span.line, d.severity.value) for d in result] == [("ITM001", 374, "warning")]
    assert "punkt 6 mangler" in result[0].message.da and "linje 328" in result[0].message.da


def test_numbering_going_backwards():
    lines = lines_of(SOENDERBORG)
    lines[373] = lines[373].replace("Punkt 6:", "Punkt 2:")
    assert ("ITM001", 374, "warning") in found("\n".join(lines))


def test_gap_that_the_numbered_toc_shares_is_info():
    lines = lines_of(SBSYS)
    for k in list(range(17, 24)) + [126, 169, 197, 234, 262, 272, 276]:  # TOC entries and items 60..66
        lines[k] = re.sub(r"^(\d+)\.", lambda m: f"{int(m.group(1)) + 1}.", lines[k])
    assert found("\n".join(lines)) == [("ITM001", 127, "info")]


def test_duplicate_number_is_an_error_at_the_second_item():
    lines = lines_of(SOENDERBORG)
    lines[419] = lines[419].replace("Punkt 7:", "Punkt 6:")
    result = lint("\n".join(lines), "ITM002")
    assert [(d.code, d.span.line, d.severity.value) for d in result] == [("ITM002", 420, "error")]
    assert "linje 374" in result[0].message.da


# ---- ITM003 case number present ------------------------------------------------------------


def test_open_item_without_case_number():
    lines = lines_of(SOENDERBORG)
    assert lines[40] == "23/58769"
    lines[40] = ""
    assert found("\n".join(lines)) == [("ITM003", 39, "warning")]


def test_agenda_approval_without_case_number_is_info():
    lines = lines_of(SOENDERBORG)
    assert lines[26] == "22/24308"  # Punkt 1: Godkendelse af dagsorden
    lines[26] = ""
    assert found("\n".join(lines)) == [("ITM003", 25, "info")]


def test_closed_item_without_case_number_is_fine():
    lines = lines_of(SOENDERBORG)
    assert lines[531] == "22/24346"
    lines[531] = ""
    assert found("\n".join(lines)) == []


def test_routine_item_without_case_number_is_info():
    lines = lines_of(HOLSTEBRO)
    assert lines[396] == "00.01.57-A00-38-21"  # Punkt 8: Meddelelser
    lines[396] = ""
    assert found("\n".join(lines)) == [("ITM003", 395, "info")]


def test_case_number_lower_in_the_intro_counts():
    text = ("# Punkt 1: Budget\n\n22/24308\n\n## Beslutning\n\nGodkendt.\n\n# Punkt 2: Takster\n\n"
            "Sagsansvarlig: Jens Hansen\nSagsnr.: 23/66894\n\n## Beslutning\n\nGodkendt.\n")
    assert found(text) == []


def test_a_system_without_case_numbers_is_not_reported():
    text = "# Punkt 1: Budget\n\n## Beslutning\n\nGodkendt.\n\n# Punkt 2: Takster\n\n## Beslutning\n\nGodkendt.\n"
    assert found(text) == []


def _items(numbers_with_case: list[bool], titles: list[str] | None = None) -> str:
    """Minutes whose items carry a case number or not, in order (numbered from 1)."""
    parts = []
    for k, with_case in enumerate(numbers_with_case, start=1):
        title = titles[k - 1] if titles else f"Sag nummer {k}"
        case = f"24/0{k:04d}\n\n" if with_case else ""
        parts.append(f"# Punkt {k}: {title}\n\n{case}## Beslutning\n\nGodkendt.\n")
    return "\n".join(parts)


def _heading_lines(text: str) -> dict[int, int]:
    return {int(m.group(1)): k + 1 for k, line in enumerate(text.split("\n")) for m in [_PUNKT.search(line)] if m}


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_every_open_numbered_item_missing_its_case_number_is_reported(path):
    """Remove one case number at a time: the item is reported at its heading (info for routine items)."""
    from referatcheck.parse import parse_text

    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    for item in parse_text(text).items:
        if item.closed or item.case_number is None:
            continue
        edited_lines = list(lines)
        edited_lines[item.case_number.span.line - 1] = ""
        result = [(c, line) for c, line, _ in found("\n".join(edited_lines))]
        assert result == [("ITM003", item.heading_span.line)], (path.name, item.number)


def test_most_items_with_case_numbers_report_the_one_without():
    text = _items([True, True, False, True])
    assert found(text) == [("ITM003", _heading_lines(text)[3], "warning")]


def test_few_case_numbers_do_not_make_one_expected():
    assert found(_items([True, False, False, False])) == []  # one item only
    assert found(_items([True, True, False, False])) == []  # half of them: below 60 %
    text = _items([True, True, True, False, False])  # 60 %
    assert [line for _, line, _ in found(text)] == [_heading_lines(text)[4], _heading_lines(text)[5]]


def test_no_case_number_anywhere_says_nothing():
    from referatcheck.parse import parse_text

    lines = lines_of(SOENDERBORG)
    stripped = "\n".join(line for line in lines if not re.fullmatch(r"\d{2}/\d{4,5}", line))
    assert all(item.case_number is None for item in parse_text(stripped).items)  # a system that prints none
    assert found(stripped) == []


def test_routine_last_items_without_case_number_are_only_info():
    titles = ["Budget", "Takster", "Plan", "Eventuelt", "Spørgetid", "Evaluering af dagens møde", "Gensidig orientering"]
    text = _items([True, True, True, False, False, False, False], titles)
    headings = _heading_lines(text)
    assert found(text) == [("ITM003", headings[k], "info") for k in (4, 5, 6, 7)]


def test_an_evaluation_of_a_project_is_no_routine_item():
    lines = lines_of(HOLSTEBRO)
    assert lines[65] == "15.40.00-P20-1-21" and "Evaluering af Integrationsrådets projekt" in lines[63]
    lines[65] = ""
    assert found("\n".join(lines)) == [("ITM003", 64, "warning")]


def test_a_reference_in_body_text_is_no_case_number():
    text = _items([True, True, True, True])
    text = text.replace("24/00004\n\n", "Sagen er tidligere behandlet, jf. sagsnr. 23/66894.\n\n")
    assert found(text) == [("ITM003", _heading_lines(text)[4], "warning")]
    # `Sag nr. 4` under the title (some systems) is the item's number, not its case number.
    text = _items([True, True, True, True]).replace("24/00004\n\n", "Sag nr. 4\n\n")
    assert found(text, "ITM003") == [("ITM003", _heading_lines(text)[4], "warning")]


def test_closed_by_its_title_needs_no_case_number():
    text = _items([True, True, True, False], ["Budget", "Takster", "Plan", "Salg af erhvervsgrund - Lukket punkt"])
    assert found(text) == []


def test_item_rules_read_unnumbered_items():
    """An unnumbered item (`Meddelelser`) takes no part in numbering and is not expected to carry a case number."""
    import attrs

    from referatcheck.parse import parse_text

    text = _items([True, True, True, False, True], ["Budget", "Takster", "Plan", "Meddelelser", "Status"])
    document = parse_text(text)
    renumber = {4: None, 5: 4}  # `Meddelelser` unnumbered between Punkt 3 and Punkt 4
    items = tuple(attrs.evolve(i, number=renumber.get(i.number, i.number)) for i in document.items)
    document = attrs.evolve(document, items=items)
    findings = [(d.code, d.span.line) for rule in ITEM_RULES for d in rule().check(document, {})]
    assert findings == []
    # Without its case number, the numbered item after it is still reported.
    document = parse_text(text.replace("24/00005\n\n", ""))
    items = tuple(attrs.evolve(i, number=renumber.get(i.number, i.number)) for i in document.items)
    document = attrs.evolve(document, items=items)
    findings = [(d.code, d.span.line) for rule in ITEM_RULES for d in rule().check(document, {})]
    assert findings == [("ITM003", _heading_lines(text)[5])]


# ---- ITM004 case number format ---------------------------------------------------------------


def test_case_number_in_an_unknown_shape_is_a_warning_at_its_line():
    lines = lines_of(SOENDERBORG)
    lines[329] = "23-66894"
    result = lint("\n".join(lines), "ITM004")
    assert [(d.code, d.span.line, d.span.column, d.severity.value) for d in result] == [("ITM004", 330, 1, "warning")]
    assert "22/24308" in result[0].message.da


def test_truncated_kle_number():
    lines = lines_of(HOLSTEBRO)
    lines[176] = "15.00.00-G01-5-2"
    assert found("\n".join(lines)) == [("ITM004", 177, "warning")]


def test_case_number_in_another_known_format_is_info():
    lines = lines_of(SOENDERBORG)
    lines[329] = "330-2018-3619"
    assert found("\n".join(lines)) == [("ITM004", 330, "info")]


def test_configured_case_number_pattern():
    text = SOENDERBORG.read_text(encoding="utf-8")
    options = {"ITM004": {"case_number_pattern": r"\d{2}/\d{5}"}}
    # `23/6186` (item 6, line 376) has four digits after the slash.
    assert found(text, "ITM004", options) == [("ITM004", 376, "warning")]
    assert found(text, "ITM004", {"ITM004": {"case_number_pattern": r"\d{2}/\d{4,5}"}}) == []


def test_a_bad_configured_pattern_is_reported_not_raised():
    result = Linter(rule_options={"ITM004": {"case_number_pattern": "(unclosed"}}).lint_text(
        SOENDERBORG.read_text(encoding="utf-8"))
    assert any(d.code.startswith("RC") and "ITM004" in d.message.en for d in result.diagnostics)


def test_case_number_pattern_is_a_declared_option():
    from referatcheck_plugins.items_rules import CaseNumberFormat

    assert "case_number_pattern" in CaseNumberFormat.options


# ---- ITM005 decision present -------------------------------------------------------------------


def test_missing_decision_is_an_error_at_the_item_heading():
    lines = lines_of(SOENDERBORG)
    del lines[34:37]  # `Beslutning Arbejdsmarkedsudvalget den 07-11-2023` and `Godkendt.`
    result = lint("\n".join(lines), "ITM")
    assert [(d.code, d.span.line, d.severity.value) for d in result] == [("ITM005", 25, "error")]
    assert "linje 29" in result[0].message.da


def test_missing_decision_cites_the_legal_basis():
    from referatcheck_plugins.items_rules import MissingDecision

    assert "§ 13" in MissingDecision.doc.why_da and "§ 13" in MissingDecision.doc.why_en


def test_missing_decision_holstebro_style():
    lines = lines_of(HOLSTEBRO)
    assert lines[390] == "### Beslutning"
    del lines[390:393]
    assert found("\n".join(lines)) == [("ITM005", 348, "error")]


def test_decision_heading_without_text_is_one_finding():
    lines = lines_of(SOENDERBORG)
    lines[36] = ""  # `Godkendt.` removed, the heading stays
    result = lint("\n".join(lines), "ITM")
    assert [(d.code, d.span.line) for d in result] == [("ITM005", 25)]
    assert "linje 35" in result[0].message.da


def test_item_with_neither_recommendation_nor_decision_is_fine():
    lines = lines_of(HOLSTEBRO)
    assert lines[402] == "### **Beslutning**"  # Punkt 8: Meddelelser, `Intet.`
    del lines[402:405]
    assert found("\n".join(lines)) == []


def test_only_a_quoted_decision_of_an_earlier_meeting_is_a_warning():
    lines = lines_of(SOENDERBORG)
    lines[34] = "## Tidligere politisk behandlet\n\n## **Beslutning Arbejdsmarkedsudvalget den 03-10-2023**"
    lines[36] = "Udsat."
    text = "\n".join(lines)
    assert found(text) == [("ITM005", 25, "warning")]


def test_decision_written_into_its_heading_counts():
    lines = lines_of(SOENDERBORG)
    lines[34] = "## **Beslutning: Godkendt.**"
    lines[36] = ""
    assert found("\n".join(lines)) == []
    text = "# Punkt 9: Eventuelt\n\n22/24327\n\n## Beslutning: Intet.\n\n# Punkt 10: Lukket: Personalesag\n\n22/24346\n"
    assert found(text) == []


def test_inline_decision_label_counts():
    text = ("# REFERAT Økonomiudvalget d. 02-09-2024\n\n57. Godkendelse af dagsorden\n\n330-2024-1201\n\n"
            "Indstilling: at dagsordenen godkendes.\n\nBeslutning: Godkendt.\n")
    assert found(text) == []


def test_an_agenda_has_no_decisions_yet():
    lines = lines_of(SOENDERBORG)
    lines[2] = lines[2].replace("REFERAT", "DAGSORDEN")
    text = "\n".join(line for line in lines if "Beslutning" not in line)
    assert found(text, "ITM005") == []


def test_no_decision_recognised_anywhere_is_a_single_info():
    text = "\n".join(line for line in lines_of(SOENDERBORG) if "Beslutning" not in line)
    assert found(text, "ITM005") == [("ITM005", 25, "info")]


# ---- ITM006 empty sections ---------------------------------------------------------------------


def test_empty_section_at_its_heading():
    lines = lines_of(SOENDERBORG)
    assert lines[42] == "### **Sagsresumé**"
    del lines[43:51]  # the summary's paragraphs; `### **Indstilling**` now follows the heading
    result = lint("\n".join(lines), "ITM")
    assert [(d.code, d.span.line, d.severity.value) for d in result] == [("ITM006", 43, "warning")]
    assert "Indstilling" in result[0].message.da


def test_actor_recommendation_heading_under_indstilling_is_not_empty():
    lines = lines_of(SOENDERBORG)
    assert lines[30] == "Forvaltningen indstiller til Arbejdsmarkedsudvalget at godkende"
    lines[30] = "**Fagcenter Arbejdsmarked og Borgerservice indstiller, at:**"
    assert found("\n".join(lines)) == []


def test_history_heading_over_quoted_decisions_is_not_empty():
    lines = lines_of(SOENDERBORG)
    lines[34] = ("## Tidligere politisk behandlet\n\n## Beslutning Arbejdsmarkedsudvalget den 03-10-2023\n\nUdsat.\n\n"
                 + lines[34])
    assert found("\n".join(lines)) == []


def test_empty_attachments_at_the_end_of_an_item_are_info():
    lines = lines_of(HOLSTEBRO)
    assert lines[267] == "Indstillingen tiltrådt."  # end of Punkt 5
    lines[267] += "\n\n## Bilag\n"
    assert found("\n".join(lines)) == [("ITM006", 270, "info")]


def test_underskriftsside_with_only_a_summary_is_fine():
    text = SOENDERBORG_2021.read_text(encoding="utf-8")
    assert "Underskriftsside 03-03-2021**" in text
    assert found(text) == []


def test_agenda_defects_example():
    text = (EXAMPLES / "defects" / "agenda-defects.md").read_text(encoding="utf-8")
    assert found(text) == [("ITM001", 122, "warning"), ("ITM003", 148, "warning"), ("ITM005", 174, "error")]


_PLAIN_HEAD = "Økonomiudvalget\n\nMødedato: Mandag den 4. marts 2024 kl. 14:00\n\nMødested: Rådhuset\n\n"


@pytest.mark.parametrize("actor", ["Forvaltningen indstiller", "Direktionen indstiller", "**Administrationen indstiller:**"])
def test_missing_decision_under_an_administration_recommends_heading(actor):
    item = f"1. Budgetopfølgning\n\nSagsnr.: 24/04410\n\n{actor}\n\nat budgetopfølgningen godkendes.\n"
    assert found(_PLAIN_HEAD + item) == [("ITM005", 7, "error")]
    assert found(_PLAIN_HEAD + item + "\nBeslutning\n\nGodkendt.\n") == []


_CUT = ("# REFERAT Økonomiudvalget d. 04-03-2024\n\n# Punkt 12: Godkendelse af dagsorden\n\n24/1021\n\n## Indstilling\n\n"
        "Direktionen indstiller, at dagsordenen godkendes.\n\n## Beslutning\n\nGodkendt.\n\n"
        "# Punkt 13: Budgetopfølgning\n\n24/1188\n\n## Sagsfremstilling\n\n"
        "Budgetopfølgningen viser et forventet mindreforbrug på 0,2 mio. kr., og merforbruget skyldes primært udgif\n")


def test_minutes_cut_off_in_the_last_item_are_reported():
    assert found(_CUT, "ITM005") == [("ITM005", 15, "warning")]


@pytest.mark.parametrize("ending", [
    "udgifter til vedligehold.\n",  # a whole sentence: an item of information
    "udgifter til vedligehold.\n\n## Beslutning\n\nTaget til efterretning.\n",
])
def test_a_last_item_that_ends_as_written_is_not_cut_off(ending):
    assert found(_CUT.replace("udgif\n", ending), "ITM005") == []


def test_a_repeated_number_is_an_item_of_its_own_without_case_numbers_or_toc():
    """`## 2. …` mistyped `## 1. …` in minutes without case numbers or a TOC: the heading has
    the items' shape and sections under it, so it is item 1 again (ITM002), not text of item 1."""
    item = "## {n}. {title}\n\n### Indstilling\n\nForvaltningen indstiller, at sagen godkendes.\n\n### Beslutning\n\nGodkendt.\n\n"
    text = "# Referat Erhvervsudvalget d. 04-03-2024\n\n" + "".join(
        item.format(n=n, title=t) for n, t in ((1, "Turisme"), (1, "Havnen"), (3, "Eventuelt")))
    assert [(code, line) for code, line, _ in found(text, ("ITM001", "ITM002"))] == [("ITM002", 13), ("ITM001", 23)]
