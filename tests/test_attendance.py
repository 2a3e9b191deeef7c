"""ATT: attendance notes, votes and dissents (invented snippets; corpus and examples)."""

from __future__ import annotations

import time

import pytest

from conftest import EXAMPLES, corpus_files, doc, lint
from referatcheck.attendance import Choice, NoteKind
from referatcheck.engine import Linter

MEMBERS = "Ida Kronborg (A), Jens Kold (A), Søren Kjær (C), Poul Iversen (V)"


def minutes(*decisions: str, participants: str | None = MEMBERS, head: str = "", first: int = 1,
            extra_sections: dict[int, str] | None = None) -> str:
    """Minutes with one item per decision text; item numbers start at ``first``."""
    text = "\n# REFERAT Socialudvalget d. 15-10-2024\n\n**Mødedato** Tirsdag d. 15. oktober 2024 kl. 16:00\n\n"
    if participants is not None:
        text += f"**Mødedeltagere** {participants}\n\n"
    text += head
    for offset, decision in enumerate(decisions):
        number = first + offset
        text += (
            f"# Punkt {number}: Sag nummer {number}\n\n24/0{number:04d}\n\n## Indstilling\n\n"
            f"Forvaltningen indstiller, at sagen godkendes.\n\n"
        )
        text += (extra_sections or {}).get(number, "")
        text += f"## Beslutning Socialudvalget den 15-10-2024\n\n{decision}\n\n"
    return text


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} not in text")


def found(text: str, code: str, **kwargs):
    return [(d.code, d.span.line) for d in lint(text, code, **kwargs)]


# ---- parsing the forms of the format description ------------------------------------------------


@pytest.mark.parametrize("note, kind, names, covers, misses", [
    ("Ikke til stede: Lars Holm (C)", NoteKind.ABSENT, ["Lars Holm"], [2], [1, 3]),
    ("Ikke til stede: Lars Holm (C) og Pia Dam (A)", NoteKind.ABSENT, ["Lars Holm", "Pia Dam"], [2], [3]),
    ("Ikke tilstede: Lars Holm (C)", NoteKind.ABSENT, ["Lars Holm"], [2], [3]),
    ("Fraværende: Lars Holm (C), Pia Dam (A)", NoteKind.ABSENT, ["Lars Holm", "Pia Dam"], [2], [1]),
    ("Fraværende: Britt Ravn (A), sag 1-2", NoteKind.ABSENT, ["Britt Ravn"], [1, 2], [3]),
    ("Afbud fra Ole Krog (V). I stedet mødte Ida Friis (V).", NoteKind.ABSENT, ["Ole Krog"], [2], [3]),
    ("Pia Dam (A) deltog ikke i behandlingen af punktet.", NoteKind.NOT_TAKING_PART, ["Pia Dam"], [2], [1, 3]),
    ("Pia Dam (A) deltog ikke i behandlingen af punkt 3.", NoteKind.NOT_TAKING_PART, ["Pia Dam"], [3], [2]),
    ("Ole Krog (V) forlod mødet efter punkt 1.", NoteKind.LEFT, ["Ole Krog"], [2, 3], [1]),
    ("Ole Krog (V) forlod mødet kl. 17.30.", NoteKind.LEFT, ["Ole Krog"], [3], [1, 2]),
    ("Pia Dam (A) mødte under punkt 3.", NoteKind.ARRIVED, ["Pia Dam"], [1, 2], [3]),
    ("Pia Dam (A) mødte efter punkt 1.", NoteKind.ARRIVED, ["Pia Dam"], [1], [2, 3]),
    ("Ida Friis (V) erklærede sig inhabil og forlod mødet under behandlingen.", NoteKind.DISQUALIFIED, ["Ida Friis"],
     [2], [1, 3]),
    ("Jens Berg (A) var fraværende.", NoteKind.ABSENT, ["Jens Berg"], [2], [3]),
    ("Jens Berg (A) havde meldt afbud.", NoteKind.ABSENT, ["Jens Berg"], [2], [3]),
])
def test_attendance_forms(note, kind, names, covers, misses):
    text = minutes("Godkendt.", f"Godkendt.\n\n{note}", "Godkendt.")
    attendance = doc(text).facts.attendance
    notes = [n for n in attendance.items[1].notes if n.kind is kind]
    assert notes, attendance.items[1].notes
    assert [p.name for p in notes[0].persons] == names
    assert notes[0].line == line_of(text, note.split(".")[0])
    for number in covers:
        assert notes[0].absent.covers(number), (note, number)
    for number in misses:
        assert not notes[0].absent.covers(number), (note, number)


def test_substitute_is_present_and_counted():
    text = minutes("Godkendt.\n\nAfbud fra Poul Iversen (V). I stedet mødte Karin Stald (V).")
    attendance = doc(text).facts.attendance
    substitutes = [n for n in attendance.items[0].notes if n.kind is NoteKind.SUBSTITUTE]
    assert [p.name for p in substitutes[0].persons] == ["Karin Stald"]
    present = {p.name for p in attendance.present(1)}
    assert present == {"Ida Kronborg", "Jens Kold", "Søren Kjær", "Karin Stald"}


def test_head_fields_absence_and_substitute():
    head = "**Fraværende med afbud** Poul Iversen (V)\n\n**Stedfortræder** Karin Stald (V) for Poul Iversen (V)\n\n"
    attendance = doc(minutes("Godkendt.", "Godkendt.", head=head)).facts.attendance
    kinds = {(n.kind, p.name) for n in attendance.head_notes for p in n.persons}
    assert (NoteKind.ABSENT, "Poul Iversen") in kinds and (NoteKind.SUBSTITUTE, "Karin Stald") in kinds
    assert all(n.absent.covers(2) for n in attendance.head_notes if n.kind is NoteKind.ABSENT)
    assert {p.name for p in attendance.present(2)} == {"Ida Kronborg", "Jens Kold", "Søren Kjær", "Karin Stald"}


def test_votes_are_read_with_counts_parties_and_names():
    text = minutes("Godkendt.\n\nFor stemte: A og C (3)\n\nImod stemte: Poul Iversen (V)\n\nUndlod at stemme: Ø (1)")
    ballot = doc(text).facts.attendance.items[0].ballots[0]
    assert [(v.choice, v.count, v.parties) for v in ballot.lines] == [
        (Choice.FOR, 3, ("A", "C")), (Choice.AGAINST, 1, ()), (Choice.ABSTAIN, 1, ("Ø",))]
    assert [p.name for p in ballot.lines[1].persons] == ["Poul Iversen"]
    assert ballot.total == 5


def test_wrapped_participant_name_is_one_person():
    text = minutes("Godkendt.", participants="Anne Lund Holm, Bo Kjær, Dorte Bach, Jimmy  \n"
                                             "Simonsen, Niels Ole Winther")
    participants = doc(text).facts.attendance.participants
    assert [p.name for p in participants.persons][3] == "Jimmy Simonsen"
    assert participants.complete and len(participants.persons) == 5


@pytest.mark.parametrize("listed", [
    "Jens Hansen (V)\nPia Dam (A)\nOle Krog (C)\nIda Friis (A)",  # one per line
    "Jens Hansen\nPia Dam\nOle Krog\nIda Friis",
    "Jens Hansen (V), formand\nPia Dam (A), næstformand, Ole Krog (C), Ida Friis (A)",
    "Formand Jens Hansen (V); Pia Dam (A); Ole Krog (C) og Ida Friis (A)",
])
def test_participant_list_shapes(listed):
    participants = doc(minutes("Godkendt.", participants=listed)).facts.attendance.participants
    assert [p.name for p in participants.persons] == ["Jens Hansen", "Pia Dam", "Ole Krog", "Ida Friis"]
    assert participants.complete


def test_two_vote_lines_in_one_sentence():
    text = minutes("Godkendt.\n\nFor stemte 4 (A og C), imod stemte 1 (V).")
    ballot = doc(text).facts.attendance.items[0].ballots[0]
    assert [(v.choice, v.count) for v in ballot.lines] == [(Choice.FOR, 4), (Choice.AGAINST, 1)]
    assert found(text, "ATT005") == [("ATT005", line_of(text, "For stemte"))]


# ---- ATT001 absent member acts ---------------------------------------------------------------------


def test_att001_absent_member_dissents():
    text = minutes("Godkendt.\n\nJens Kold (A) ønskede sin afvigende mening tilført protokollen.\n\n"
                   "Ikke til stede: Jens Kold (A)")
    assert found(text, "ATT001") == [("ATT001", line_of(text, "afvigende mening"))]


def test_att001_right_example_silent():
    text = minutes("Godkendt.\n\nJens Kold (A) ønskede sin afvigende mening tilført protokollen.\n\n"
                   "Ikke til stede: Søren Kjær (C)")
    assert found(text, "ATT") == []


def test_att001_absent_member_votes_by_name_and_is_named_as_agent():
    text = minutes("Godkendt.\n\nFor stemte: Ida Kronborg (A), Jens Kold (A)\n\nIkke til stede: Jens Kold (A)",
                   "Taget til efterretning af Søren Kjær (C).\n\nFraværende: Søren Kjær (C)")
    assert found(text, "ATT001") == [
        ("ATT001", line_of(text, "For stemte")), ("ATT001", line_of(text, "efterretning af Søren"))]


def test_att001_not_taking_part_and_disqualified():
    text = minutes(
        "Godkendt.\n\nPia Dam (A) deltog ikke i behandlingen af punktet.\n\nPia Dam (A) kunne ikke tage sagen til "
        "efterretning.",
        "Godkendt.\n\nIda Friis (V) erklærede sig inhabil og forlod mødet under behandlingen.\n\n"
        "Ida Friis (V) stemte imod.",
        "Godkendt.\n\nIda Friis (V) og Pia Dam (A) ønskede deres afvigende mening tilført protokollen.",
        participants=MEMBERS + ", Pia Dam (A), Ida Friis (V)")
    assert found(text, "ATT001") == [
        ("ATT001", line_of(text, "kunne ikke tage")), ("ATT001", line_of(text, "stemte imod"))]
    assert found(text, "ATT006") == []  # disqualification holds for its item only


def test_att001_scoped_absence_sag_range():
    text = minutes("Godkendt.", "Godkendt.\n\nBritt Ravn (A) ønskede sin afvigende mening tilført protokollen.",
                   "Godkendt.\n\nBritt Ravn (A) ønskede sin afvigende mening tilført protokollen.",
                   first=128, participants=MEMBERS + ", Britt Ravn (A)",
                   head="**Fraværende** Britt Ravn (A), sag 128-129\n\n")
    assert found(text, "ATT001") == [("ATT001", line_of(text, "Britt Ravn (A) ønskede"))]


def test_att001_head_absence_superseded_by_arrival():
    head = "**Afbud** Søren Kjær (C)\n\n"
    wrong = minutes("Godkendt.", "Søren Kjær (C) kunne ikke tage sagen til efterretning.", head=head)
    assert found(wrong, "ATT001") == [("ATT001", line_of(wrong, "kunne ikke"))]
    right = minutes("Godkendt.\n\nSøren Kjær (C) mødte under punkt 2.",
                    "Søren Kjær (C) kunne ikke tage sagen til efterretning.", head=head)
    assert found(right, "ATT") == []


def test_att001_history_section_is_not_this_meetings_attendance():
    history = ("## Tidligere politisk behandlet\n\nØkonomiudvalget den 1. oktober 2024: Anbefales.\n\n"
               "Fraværende: Jens Kold (A)\n\n")
    text = minutes("Godkendt.\n\nJens Kold (A) ønskede sin afvigende mening tilført protokollen.",
                   extra_sections={1: history})
    assert found(text, "ATT") == []


def test_att001_earlier_decision_of_another_committee_is_ignored():
    earlier = ("## Beslutning Økonomiudvalget den 01-10-2024\n\nAnbefales.\n\nIkke til stede: Jens Kold (A)\n\n")
    text = minutes("Godkendt.\n\nJens Kold (A) ønskede sin afvigende mening tilført protokollen.",
                   extra_sections={1: earlier})
    assert found(text, "ATT") == []


def test_att001_person_named_as_object_is_not_acting():
    text = minutes("Udvalget sendte en hilsen til Jens Kold (A). Jens Kold (A) havde inden mødet meddelt sin "
                   "holdning.\n\nIkke til stede: Jens Kold (A)")
    assert found(text, "ATT") == []


# ---- ATT002 absent member not in the participant list ------------------------------------------------


def test_att002_member_who_left_is_missing_from_the_list():
    text = minutes("Godkendt.\n\nLone Berg (A) forlod mødet efter punkt 1.", "Godkendt.")
    assert found(text, "ATT002") == [("ATT002", line_of(text, "Lone Berg"))]


def test_att002_right_example_silent():
    text = minutes("Godkendt.\n\nLone Berg (A) forlod mødet efter punkt 1.", "Godkendt.",
                   participants=MEMBERS + ", Lone Berg (A)")
    assert found(text, "ATT") == []


def test_att002_partly_absent_member_missing_from_list():
    text = minutes("Godkendt.\n\nIkke til stede: Lone Berg (A)", "Godkendt.\n\nIkke til stede: Poul Iversen (V)")
    assert found(text, "ATT002") == [("ATT002", line_of(text, "Lone Berg"))]
    # notes are repeated on every item while they hold: item 2 without one records her as there
    text = minutes("Godkendt.\n\nIkke til stede: Lone Berg (A)", "Godkendt.")
    assert found(text, "ATT002") == [("ATT002", line_of(text, "Lone Berg"))]


def test_att002_member_absent_from_the_whole_meeting_need_not_be_listed():
    text = minutes("Godkendt.\n\nIkke til stede: Lone Berg (A)", "Godkendt.\n\nIkke til stede: Lone Berg (A)")
    assert found(text, "ATT") == []
    # ... nor when there is no participant list at all
    text = minutes("Godkendt.\n\nLone Berg (A) forlod mødet efter punkt 1.", "Godkendt.", participants=None)
    assert found(text, "ATT") == []


def test_att002_middle_name_left_out_is_the_same_person():
    text = minutes("Godkendt.\n\nIkke til stede: Hanne Rasmussen (V)", "Godkendt.\n\nIkke til stede: Jens Kold (A)",
                   participants=MEMBERS + ", Hanne Fogh Rasmussen (V)")
    assert found(text, "ATT") == []


# ---- ATT003 two party letters -----------------------------------------------------------------------


def test_att003_two_party_letters():
    text = minutes("Godkendt.\n\nIkke til stede: Søren Kjær (K)", "Godkendt.")
    assert found(text, "ATT003") == [("ATT003", line_of(text, "Ikke til stede: Søren Kjær (K)"))]


def test_att003_majority_decides_which_mention_is_odd():
    text = minutes("Godkendt.\n\nIkke til stede: Søren Kjær (K)", "Godkendt.\n\nIkke til stede: Søren Kjær (K)",
                   "Godkendt.\n\nIkke til stede: Søren Kjær (K)")
    assert found(text, "ATT003") == [("ATT003", line_of(text, "Mødedeltagere"))]


def test_att003_abbreviation_and_letter_agree():
    text = minutes("Godkendt.\n\nIkke til stede: Mette Vang (SF)", participants=MEMBERS + ", Mette Vang (F)")
    assert found(text, "ATT") == []


# ---- ATT004 unknown party letter ------------------------------------------------------------------


def test_att004_unknown_letter_is_info_once():
    text = minutes("Godkendt.\n\nIkke til stede: Lars Holm (X)", "Godkendt.\n\nIkke til stede: Lars Holm (X)",
                   participants=MEMBERS + ", Lars Holm (X)")
    diagnostics = lint(text, "ATT004")
    assert [(d.span.line, d.severity.value) for d in diagnostics] == [(line_of(text, "Mødedeltagere"), "info")]


def test_att004_configured_local_list_is_known():
    text = minutes("Godkendt.\n\nFor stemte: A, C og S (3)", participants=MEMBERS + ", Lars Holm (S)")
    assert found(text, "ATT004") == [("ATT004", line_of(text, "Mødedeltagere"))]
    linter = Linter(rule_options={"ATT004": {"extra_parties": ["S"]}})
    assert [d for d in linter.lint_text(text).diagnostics if d.code == "ATT004"] == []


# ---- ATT005 more votes than members present ----------------------------------------------------------


def test_att005_more_votes_than_members():
    text = minutes("Godkendt.\n\nFor stemte: A og C (4)\n\nImod stemte: V (1)")
    assert found(text, "ATT005") == [("ATT005", line_of(text, "For stemte"))]


def test_att005_right_example_silent():
    text = minutes("Godkendt.\n\nFor stemte: A og C (3)\n\nImod stemte: V (1)")
    assert found(text, "ATT") == []


def test_att005_absence_lowers_the_count():
    text = minutes("Godkendt.\n\nFor stemte: A og C (3)\n\nImod stemte: V (1)\n\nIkke til stede: Jens Kold (A)")
    assert found(text, "ATT005") == [("ATT005", line_of(text, "For stemte"))]


def test_att005_party_line_vote_above_the_partys_members():
    text = minutes("Godkendt.\n\nFor stemte: A (3)\n\nImod stemte: V (1)")
    diagnostics = lint(text, "ATT005")
    assert [(d.span.line) for d in diagnostics] == [line_of(text, "For stemte")]
    assert "3 stemmer fra A, men A havde kun 2 medlemmer" in diagnostics[0].message.da


def test_att005_two_ballots_in_one_item_are_counted_apart():
    text = minutes("Ændringsforslaget fra V blev forkastet.\n\nFor stemte: V (1)\n\nImod stemte: A og C (3)\n\n"
                   "Indstillingen blev godkendt.\n\nFor stemte: A og C (3)\n\nImod stemte: V (1)")
    assert found(text, "ATT") == []


def test_att005_an_amendment_vote_is_its_own_ballot():
    """`For ændringsforslaget stemte` opens the amendment's ballot; its `Imod` is not the main vote's."""
    text = minutes("Ændringsforslag fra V:\n\nFor ændringsforslaget stemte: V (1)\n\nImod stemte: A og C (3)\n\n"
                   "Herefter blev indstillingen sat under afstemning:\n\nFor stemte: A og C (3)\n\nImod stemte: V (1)")
    assert found(text, "ATT") == []
    text = text.replace("For ændringsforslaget stemte: V (1)", "For ændringsforslaget stemte: V (2)")
    assert found(text, "ATT005") == [("ATT005", line_of(text, "For ændringsforslaget"))]


def test_att005_count_written_before_the_parties():
    text = minutes("Godkendt.\n\nFor stemte: 4 (A og C)\n\nImod stemte: 1 (V)")
    assert found(text, "ATT005") == [("ATT005", line_of(text, "For stemte"))]
    assert found(text.replace("4 (A og C)", "3 (A og C)"), "ATT") == []


@pytest.mark.parametrize("note", [
    "Fraværende: Poul Iversen (V) - Ida Friis (V) mødte som stedfortræder",
    "Fraværende: Poul Iversen (V). Ida Friis (V) mødte som stedfortræder.",
])
def test_att005_a_substitute_named_before_mødte_som_stedfortræder_is_counted(note):
    right = minutes(f"Godkendt.\n\nFor stemte: A og C (3)\n\nImod stemte: V (1)\n\n{note}")
    assert found(right, "ATT") == []
    wrong = right.replace("Imod stemte: V (1)", "Imod stemte: V (2)")
    assert found(wrong, "ATT005") == [("ATT005", line_of(wrong, "For stemte"))]


def test_att005_without_a_participant_list_nothing_is_counted():
    text = minutes("Godkendt.\n\nFor stemte: A, C og F (16)\n\nImod stemte: V (9)", participants=None)
    assert found(text, "ATT") == []


def test_att005_unreadable_participant_list_is_not_counted():
    text = minutes("Godkendt.\n\nFor stemte: A og C (4)\n\nImod stemte: V (1)",
                   participants="Udvalgets medlemmer, Ida Kronborg (A), Jens Kold (A)")
    assert found(text, "ATT005") == []


# ---- ATT006 acting after leaving / before arriving -----------------------------------------------------


def test_att006_member_acts_after_leaving():
    text = minutes("Godkendt.\n\nJens Kold (A) forlod mødet efter punkt 1.", "Godkendt.",
                   "Godkendt.\n\nJens Kold (A) ønskede sin afvigende mening tilført protokollen.")
    assert found(text, "ATT006") == [("ATT006", line_of(text, "afvigende mening"))]
    assert found(text, "ATT001") == []


def test_att006_right_example_and_arrival():
    right = minutes("Godkendt.\n\nJens Kold (A) ønskede sin afvigende mening tilført protokollen.\n\n"
                    "Jens Kold (A) forlod mødet efter punkt 1.", "Godkendt.")
    assert found(right, "ATT") == []
    early = minutes("Jens Kold (A) kunne ikke tage sagen til efterretning.", "Godkendt.\n\nJens Kold (A) mødte under "
                    "punkt 2.")
    assert found(early, "ATT006") == [("ATT006", line_of(early, "kunne ikke"))]


def test_att006_deltog_fra_punkt_is_an_arrival():
    early = minutes("Godkendt.\n\nJens Kold (A) ønskede sin afvigende mening tilført protokollen.",
                    "Godkendt.\n\nJens Kold (A) deltog fra punkt 2.")
    assert found(early, "ATT006") == [("ATT006", line_of(early, "afvigende mening"))]
    right = minutes("Godkendt.", "Godkendt.\n\nJens Kold (A) ønskede sin afvigende mening tilført protokollen.\n\n"
                    "Jens Kold (A) deltog fra punkt 2.")
    assert found(right, "ATT") == []


def test_att001_party_word_written_with_a_capital():
    text = minutes("Godkendt.\n\nPer Vang (Løsgænger) ønskede sin afvigende mening tilført protokollen.\n\n"
                   "Afbud: Per Vang (Løsgænger)", participants=MEMBERS + ", Per Vang (Løsgænger)")
    assert found(text, "ATT001") == [("ATT001", line_of(text, "afvigende mening"))]


def test_att006_member_who_came_back_is_not_held_to_leaving():
    for note in ("Jens Kold (A) forlod mødet kl. 17.00 og vendte tilbage kl. 17.30.",
                 "Jens Kold (A) forlod mødet efter punkt 1.\n\nJens Kold (A) vendte tilbage under punkt 3."):
        text = minutes(f"Godkendt.\n\n{note}", "Godkendt.",
                       "Godkendt.\n\nJens Kold (A) ønskede sin afvigende mening tilført protokollen.")
        assert found(text, "ATT") == [], note


# ---- ATT007 spelling -----------------------------------------------------------------------------------


def test_att007_tilstede_in_one_word():
    text = minutes("Godkendt.\n\nIkke tilstede: Jens Kold (A)", "Godkendt.\n\nIkke tilstede: Jens Kold (A)")
    diagnostics = lint(text, "ATT007")
    assert [(d.span.line, d.severity.value) for d in diagnostics] == [
        (line_of(text, "tilstede"), "info"), (line_of(text, "tilstede", 2), "info")]
    assert found(text.replace("tilstede", "til stede"), "ATT") == []


# ---- real documents ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_corpus_gives_no_attendance_findings(path, linter):
    result = linter.lint_bytes(str(path), path.read_bytes())
    assert [(d.code, d.span.line) for d in result.diagnostics if d.code.startswith("ATT")] == []


def test_clean_examples_are_silent(linter):
    for path in sorted((EXAMPLES / "clean").glob("*.md")):
        result = linter.lint_bytes(str(path), path.read_bytes())
        assert [(d.code, d.span.line) for d in result.diagnostics if d.code.startswith("ATT")] == [], path.name


def test_defect_example_findings_at_their_lines(linter):
    path = EXAMPLES / "defects" / "agenda-defects.md"
    result = linter.lint_bytes(str(path), path.read_bytes())
    assert sorted((d.code, d.span.line) for d in result.diagnostics if d.code.startswith("ATT")) == [
        ("ATT001", 94), ("ATT003", 38), ("ATT005", 140)]


def test_long_lines_stay_fast():
    filler = "Aaaa Bbbb (A) " * 20000 + "Ccc " * 50000
    text = minutes("Godkendt. " + filler, "Ikke til stede: " + "Aaaa Bbbb, " * 30000)
    start = time.perf_counter()
    lint(text, "ATT")
    assert time.perf_counter() - start < 5


def test_an_unnumbered_item_with_attendance_notes_crashes_no_rule():
    # Found by the fuzz test: ATT002 asked whether a member was absent from item None.
    text = (
        "# Referat Kulturudvalget 4. marts 2024\n\n**Mødedeltagere** Peter Lykke (V), Ida Holm (A)\n\n"
        "## **Meddelelser**\n\nSagsnr.: 24/1002\n\n## Beslutning\n\nTaget til efterretning.\n\n"
        "Fraværende: Lone Berg (A).\n\n"
        "# Punkt 1: Budget\n\nSagsnr.: 24/1001\n\n## Beslutning\n\nGodkendt.\n"
    )
    found = lint(text)
    assert not [d for d in found if d.code.startswith("RC")], found



def test_unnumbered_items_do_not_crash_vote_counts():
    """`1 Title` with one space is no item number: the no-dot style minutes then have
    unnumbered items, and ATT005 asked who was present for item None (it compared None
    with a number and crashed)."""
    import re

    text = re.sub(r"(?m)^ (\d)  ", r"\1 ", (EXAMPLES / "styles" / "no-dot.md").read_text(encoding="utf-8"))
    document = doc(text)
    assert any(item.number is None for item in document.items)
    assert not [d for d in lint(text) if d.code.startswith("RC00")]


def test_a_configured_absence_label_is_read_as_an_absence():
    # Attendance asks the field's role, so a municipality's own label counts like `Fraværende`.
    from referatcheck.parse import parse_text
    from referatcheck.sections import DEFAULT_VOCABULARY

    text = "# Referat Kulturudvalget 4. marts 2024\n\nSygemeldt: Lone Berg (A)\n\n# Punkt 1: Budget\n\n## Beslutning\n\nGodkendt.\n"
    plain = parse_text(text).facts.attendance
    assert not [n for n in plain.notes if n.in_head]
    vocabulary = DEFAULT_VOCABULARY.with_words({"head-labels": {"Sygemeldt": "absent"}})
    notes = [n for n in parse_text(text, vocabulary=vocabulary).facts.attendance.notes if n.in_head]
    assert [(n.kind, [p.name for p in n.persons]) for n in notes] == [(NoteKind.ABSENT, ["Lone Berg"])]


# ---- a city council's member list on one plain head line -----------------------------------------------

_FIRST = ["Anne", "Bent", "Carla", "Dorte", "Erik", "Finn", "Gitte", "Hans", "Inge", "Jens", "Karen"]
_LAST = ["Holm", "Krog", "Dam"]
_PARTIES = "A" * 10 + "V" * 8 + "C" * 4 + "F" * 3 + "Ø" * 2 + "O" * 2 + "B" * 2
COUNCIL = ", ".join(f"{_FIRST[k % 11]} {_LAST[k // 11]} ({party})" for k, party in enumerate(_PARTIES))


def council_minutes(votes: str, label: str = "Medlemmer") -> str:
    return ("Byrådet\nReferat\nMødedato: 12.03.2024 kl. 19.00\nMødested: Byrådssalen\n"
            f"{label}: Anders Borg (A), borgmester, {COUNCIL}\n\n"
            "Punkt 1: Godkendelse af regnskab 2023\n\n24/00001\n\nIndstilling\n\n"
            "Forvaltningen indstiller, at regnskabet godkendes.\n\nBeslutning\n\nGodkendt.\n\n" + votes)


@pytest.mark.parametrize("label", ["Medlemmer", "Deltagere", "Udvalgsmedlemmer"])
def test_a_full_councils_member_list_on_one_plain_line_is_read(label):
    """A `Medlemmer:` line of 32 names (about 600 characters) is a head field, not dropped."""
    text = council_minutes("For stemte: A og V (19)\n\nImod stemte: C, F, Ø, O og B (13)", label)
    assert len(text.splitlines()[4]) > 500
    participants = doc(text).facts.attendance.participants
    assert participants is not None and len(participants.persons) == 32 and participants.complete
    assert found(text, "ATT") == []
    wrong = council_minutes("For stemte: A og V (20)\n\nImod stemte: C, F, Ø, O og B (13)", label)
    assert found(wrong, "ATT005") == [("ATT005", line_of(wrong, "For stemte"))]


@pytest.mark.parametrize("label", ["Medlemmer:", "- **Medlemmer:**", "- Medlemmer:"])
def test_a_member_list_of_bullets_under_its_label_is_read(label):
    """`Medlemmer:` (itself a bullet or not) over one bulleted name a line: the names, not the bullets."""
    text = (f"# Økonomiudvalget\n\n- **Dato:** Mandag den 4. marts 2024 kl. 14:00\n- **Sted:** Byrådssalen\n{label}\n"
            "  - Anne Holm (A)\n  - Bo Dam (V)\n  - Carl Krog (C)\n- **Afbud:** Bo Dam (V)\n\n"
            "# Punkt 1: Godkendelse af dagsorden\n\n22/24308\n\n## Indstilling\n\n"
            "Forvaltningen indstiller, at dagsordenen godkendes.\n\n## Beslutning\n\nGodkendt.\n\n{}\n")
    participants = doc(text.format("")).facts.attendance.participants
    assert participants is not None and [p.name for p in participants.persons] == ["Anne Holm", "Bo Dam", "Carl Krog"]
    assert found(text.format("For stemte: A og C (2)"), "ATT") == []
    wrong = text.format("For stemte: A, C og V (3)")
    assert found(wrong, "ATT005") == [("ATT005", line_of(wrong, "For stemte"))]
