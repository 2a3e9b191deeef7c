"""DEC rules and the recommendation/decision reader behind them.

Defects are injected into the real corpus (and the clean examples) at known lines.
"""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import CORPUS, EXAMPLES, HOLSTEBRO, SOENDERBORG, SOENDERBORG_2021, corpus_files, doc, lint
from referatcheck.decisions import (
    Ask, Meeting, Verdict, classify_recommendation, committee_key, parse_header, same_committee, verdict_of,
)
from referatcheck_plugins.decisions_rules import RULES as DECISION_RULES


NORDBY_AMU = EXAMPLES / "clean" / "nordby-arbejdsmarkedsudvalget-2024-03-12.md"
NORDBY_OEU = EXAMPLES / "clean" / "nordby-oekonomiudvalget-2024-09-02.md"


def lines_of(path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def edited(path, line: int, old: str, new: str) -> str:
    lines = lines_of(path)
    assert old in lines[line - 1], (line, lines[line - 1])
    lines[line - 1] = lines[line - 1].replace(old, new)
    return "\n".join(lines)


def found(text: str, codes="DEC"):
    return [(d.code, d.span.line, d.severity.value) for d in lint(text, codes)]


# ---- silence on correct minutes ------------------------------------------------------------


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_corpus_gives_no_decision_finding(path):
    assert found(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", sorted((EXAMPLES / "clean").glob("*.md")), ids=lambda p: p.name)
def test_clean_examples_give_no_decision_finding(path):
    assert found(path.read_text(encoding="utf-8")) == []


def test_corpus_items_are_read_as_published():
    """The reader's view of the corpus: what each item asks for and what was decided."""
    records = {r.item.number: r for r in doc(HOLSTEBRO.read_text(encoding="utf-8")).facts.records}
    assert records[1].recommendation.asks == {Ask.ORIENTATION}  # `Til udvalgets orientering.`
    assert records[1].own_decisions[0].verdicts == (Verdict.NOTED,)
    assert records[2].recommendation.asks == {Ask.DISCUSSION}  # `Der ønskes en drøftelse …`
    assert records[2].own_decisions[0].verdicts == ()  # free text
    assert records[2].own_decisions[0].free_text
    assert Ask.ONWARD in records[5].recommendation.asks  # `indstiller til Økonomiudvalg og Byråd`
    assert records[8].recommendation is None and records[8].own_decisions[0].verdicts == (Verdict.NOTHING,)
    s23 = {r.item.number: r for r in doc(SOENDERBORG.read_text(encoding="utf-8")).facts.records}
    assert s23[5].recommendation.asks == {Ask.APPROVAL, Ask.ONWARD}  # two recommendation paragraphs
    assert len(s23[5].own_decisions[0].blocks) == 2  # and a two-paragraph decision
    assert s23[4].own_decisions[0].header.date == dt.date(2023, 11, 7)  # bold-only header line
    s21 = {r.item.number: r for r in doc(SOENDERBORG_2021.read_text(encoding="utf-8")).facts.records}
    assert s21[2].recommendation.asks == {Ask.APPROVAL, Ask.ONWARD}  # `…, at Byrådet godkender`
    assert len(s21[2].recommendation.points) == 3 and not s21[2].recommendation.numbered  # `- at …`
    assert s21[4].own_decisions[0].by_points is False  # a numbered list of initiatives is not points
    assert s21[11].recommendation is None and s21[11].decisions == ()


# ---- DEC001 wording against the recommendation ----------------------------------------------


def test_orientation_recorded_as_approved():
    result = lint(edited(SOENDERBORG, 104, "Taget til efterretning.", "Godkendt."), "DEC")
    assert [(d.code, d.span.line, d.severity.value) for d in result] == [("DEC001", 104, "warning")]
    assert "linje 53" in result[0].message.da and '"Godkendt."' in result[0].message.da


def test_orientation_recorded_as_rejected():
    assert found(edited(SOENDERBORG, 104, "Taget til efterretning.", "Afvist.")) == [("DEC001", 104, "warning")]


def test_approval_recorded_as_only_noted():
    assert found(edited(SOENDERBORG, 37, "Godkendt.", "Taget til efterretning.")) == [("DEC001", 37, "warning")]


def test_onward_recommendation_recorded_as_noted():
    assert found(edited(SOENDERBORG, 322, "Udvalget anbefaler indstillingen.", "Taget til efterretning.")) == [
        ("DEC001", 322, "warning")
    ]


@pytest.mark.parametrize("decision", [
    "Indstillingen godkendt.", "Orienteringen blev taget til efterretning.", "Drøftet.", "Udsat.",
    "Taget til efterretning af Mette Holm (C).", "Udvalget ønsker en ny orientering i marts.",
])
def test_decisions_that_fit_an_orientation(decision):
    assert found(edited(SOENDERBORG, 104, "Taget til efterretning.", decision)) == []


def test_a_dissent_sentence_is_not_the_committees_verdict():
    text = edited(SOENDERBORG, 104, "Taget til efterretning.",
                  "Taget til efterretning. Jens Berg (A) kunne ikke godkende redegørelsen.")
    assert found(text) == []


def test_discussion_with_a_free_text_decision_is_fine():
    assert found(HOLSTEBRO.read_text(encoding="utf-8")) == []  # Punkt 2


# ---- DEC002 / DEC003 recommendation points --------------------------------------------------


def test_decision_names_a_point_that_does_not_exist():
    text = edited(NORDBY_AMU, 263, "Punkt 2 og 3 godkendt.", "Punkt 2 og 4 godkendt.")
    result = lint(text, "DEC")
    assert [(d.code, d.span.line, d.severity.value) for d in result] == [("DEC002", 263, "warning")]
    assert "punkt 4" in result[0].message.da and "punkt 3 nævnes ikke" in result[0].message.da


def test_point_by_point_decision_silent_on_a_point():
    text = edited(NORDBY_AMU, 263, "Punkt 2 og 3 godkendt.", "Punkt 2 godkendt.")
    result = lint(text, "DEC")
    assert [(d.code, d.span.line, d.severity.value) for d in result] == [("DEC003", 263, "warning")]
    assert "ikke til punkt 3" in result[0].message.da


def test_point_ranges_and_remaining_points():
    assert found(edited(NORDBY_AMU, 263, "Punkt 1 taget til efterretning. Punkt 2 og 3 godkendt.",
                        "Punkt 1-3 godkendt.")) == []
    assert found(edited(NORDBY_AMU, 263, "Punkt 2 og 3 godkendt.", "Punkt 2 godkendt. I øvrigt godkendt.")) == []
    assert found(edited(NORDBY_AMU, 263, "Punkt 2 og 3 godkendt.", "Punkt 2 og 3 godkendt med bemærkninger.")) == []


def test_several_point_references_in_one_sentence():
    text = edited(NORDBY_AMU, 263, "Punkt 1 taget til efterretning. Punkt 2 og 3 godkendt.",
                  "Punkt 1 taget til efterretning, punkt 2 godkendt og punkt 3 udsat.")
    assert found(text) == []
    text = edited(NORDBY_AMU, 263, "Punkt 1 taget til efterretning. Punkt 2 og 3 godkendt.",
                  "Punkt 1 taget til efterretning, punkt 2 godkendt.")
    assert found(text) == [("DEC003", 263, "warning")]


def test_numbered_points_of_an_actor_recommendation():
    text = edited(NORDBY_OEU, 227, "Punkt 1 drøftet. Punkt 2 godkendt.", "Punkt 1 drøftet.")
    assert found(text) == [("DEC003", 227, "warning")]
    text = edited(NORDBY_OEU, 227, "Punkt 1 drøftet. Punkt 2 godkendt.", "Punkt 1 drøftet. Punkt 3 godkendt.")
    assert found(text) == [("DEC002", 227, "warning")]


def test_numbered_decision_entry_with_a_remark_settles_its_point():
    """`2. Drøftet. Udvalget ønsker …`: the entry's first sentence is the verdict."""
    text = edited(NORDBY_OEU, 227, "Punkt 1 drøftet. Punkt 2 godkendt.",
                  "\n1. Drøftet.\n2. Godkendt. Udvalget ønsker en status i juni.")
    assert found(text) == []
    text = edited(NORDBY_OEU, 227, "Punkt 1 drøftet. Punkt 2 godkendt.",
                  "\n1. Drøftet. Udvalget ønsker en status i juni.")
    assert found(text) == [("DEC003", 228, "warning")]


def test_at_bullets_are_points_counted_in_order():
    lines = lines_of(SOENDERBORG_2021)
    assert lines[144] == "Udvalget anbefaler indstillingen."  # Punkt 2: three `- at …` bullets
    lines[144] = "Punkt 1 og 2 anbefales."
    assert found("\n".join(lines)) == [("DEC003", 145, "warning")]
    lines[144] = "Punkt 1-3 anbefales."
    assert found("\n".join(lines)) == []


def test_point_by_point_decision_list():
    lines = lines_of(NORDBY_AMU)
    lines[262] = "1. Taget til efterretning\n2. Godkendt\n5. Godkendt"
    text = "\n".join(lines)
    assert found(text) == [("DEC002", 265, "warning")]


def test_agenda_item_references_are_not_points():
    text = edited(SOENDERBORG, 37, "Godkendt.", "Godkendt. Punkt 12 udgik.")
    assert found(text) == []


# ---- DEC002 counting the points of any recommendation -----------------------------------------

NORDBY_TMU = EXAMPLES / "clean" / "nordby-teknik-og-miljoeudvalget-2024-05-06.md"


def test_point_beyond_a_single_bullet_recommendation():
    """`… at tage` / `- orienteringen … til efterretning.`: one point, so `punkt 7` does not exist."""
    result = lint(edited(SOENDERBORG, 104, "Taget til efterretning.", "Indstillingens punkt 7 blev godkendt."), "DEC")
    assert [(d.code, d.span.line, d.severity.value) for d in result] == [("DEC002", 104, "warning")]
    assert "punkt 7" in result[0].message.da and "kun ét punkt" in result[0].message.da
    assert "linje 53" in result[0].message.da


def test_point_beyond_an_at_clause_in_running_text():
    # Holstebro Punkt 3: `Det indstilles, at der for 2023 meddeles en omplacering …` (one clause).
    assert found(edited(HOLSTEBRO, 167, "Indstillingen tiltrådt.", "Punkt 3 godkendt.")) == [("DEC002", 167, "warning")]
    # Holstebro Punkt 5: `… indstiller til Økonomiudvalg og Byråd, at beskæftigelsesplanen godkendes.`
    assert found(edited(HOLSTEBRO, 268, "Indstillingen tiltrådt.", "Pkt. 2 indstilles godkendt.")) == [
        ("DEC002", 268, "warning")]


def test_two_at_clauses_in_running_text_are_two_points():
    # Nordby TMU Punkt 5: `Det indstilles, at forvaltningen søger …, og at den kommunale medfinansiering …`.
    assert found(edited(NORDBY_TMU, 175, "Indstillingen tiltrådt.", "Punkt 2 og 4 indstilles godkendt.")) == [
        ("DEC002", 175, "warning")]
    assert found(edited(NORDBY_TMU, 175, "Indstillingen tiltrådt.", "Punkt 1 og 2 indstilles godkendt.")) == []


def test_two_leads_with_a_bullet_each_are_two_points():
    # Sønderborg 2023 Punkt 5: `… at godkende` / `- taksterne …` and `…, at Byrådet godkender` / `- taksterne …`.
    lines = lines_of(SOENDERBORG)
    assert lines[365] == "Forslag til takster er godkendt."
    lines[365] = "Punkt 1 godkendt. Punkt 2 anbefales."
    assert found("\n".join(lines)) == []
    lines[365] = "Punkt 1 godkendt. Punkt 3 anbefales."
    assert found("\n".join(lines)) == [("DEC002", 366, "warning")]


def test_point_beyond_an_actor_heading_ending_in_at():
    # Nordby ØU Punkt 63: heading `Administrationen indstiller, at:` over `orienteringen tages til efterretning.`
    lines = lines_of(NORDBY_OEU)
    index = lines.index("orienteringen tages til efterretning.")
    decision = next(k for k in range(index, len(lines)) if lines[k] == "Taget til efterretning.")
    lines[decision] = "Punkt 2 taget til efterretning."
    assert found("\n".join(lines)) == [("DEC002", decision + 1, "warning")]


MINUTES = """# REFERAT Nordby Udvalget d. 01-02-2024

**Mødedato** Torsdag d. 1. februar 2024 kl. 15:00

# Punkt 1: Puljen 2024

24/00001

## Indstilling

{recommendation}

## Beslutning

{decision}
"""


def _minutes(recommendation: str, decision: str) -> str:
    return MINUTES.format(recommendation=recommendation, decision=decision)


DECISION_LINE = 15


@pytest.mark.parametrize("recommendation, points", [
    ("Forvaltningen indstiller, at A godkendes, at B godkendes og at C tages til efterretning.", 3),
    ("Forvaltningen indstiller,\n\n- at A godkendes\n- at B godkendes", 2),
    ("Forvaltningen indstiller,\n- at A godkendes\n- at B godkendes\n- at C godkendes", 3),
    ("Forvaltningen indstiller,\n\n1) at A godkendes\n2) at B godkendes", 2),
    ("Det indstilles, at A godkendes, samt at B godkendes.", 2),
    ("At tage orienteringen til efterretning.", 1),
    ("Forvaltningen indstiller, at Byrådet godkender\n\n- at A flyttes\n- at B flyttes", 2),
])
def test_points_counted_in_any_shape(recommendation, points):
    lines = DECISION_LINE + recommendation.count("\n")
    named = f"Punkt {points + 1} godkendt."
    assert found(_minutes(recommendation, f"Punkt 1-{points} godkendt." if points > 1 else "Punkt 1 godkendt.")) == []
    assert found(_minutes(recommendation, named)) == [("DEC002", lines, "warning")]


@pytest.mark.parametrize("recommendation", [
    "Til udvalgets orientering.",  # no recognisable point
    "Udvalget bedes drøfte serviceniveauet for 2025.",
    "Der indstilles til beslutning om en ændret betoning, og at der udarbejdes en plan.",  # first point no at-clause
    "budgetopfølgningen godkendes, og fagudvalgene anmodes om at finde tiltag.",  # `, og` joins another clause
    "Det indstilles, at planen godkendes. Sagen sendes desuden til Handicaprådet.",  # a sentence of another shape
    "Det indstilles, at planen godkendes.\n\n- tiltag 1\n- tiltag 2",  # a list no lead introduces
    "Forvaltningen indstiller,\n\n1. at A godkendes\n\n1. at B godkendes",  # two lists both starting at 1
])
def test_uncertain_point_count_is_silent(recommendation):
    assert found(_minutes(recommendation, "Punkt 7 godkendt.")) == []


def test_uncertain_recommendations_in_the_corpus_are_silent():
    # Holstebro Punkt 1 (`Til udvalgets orientering.`) and Punkt 6 (`… til beslutning om …, og at …`).
    assert found(edited(HOLSTEBRO, 58, "Orienteringen blev taget til efterretning.", "Punkt 7 godkendt.")) == []
    assert found(edited(HOLSTEBRO, 340, "Indstillingen tiltrådt.", "Punkt 3 godkendt.")) == []


def test_recommendation_point_counts_of_the_corpus():
    s23 = {r.item.number: r.recommendation for r in doc(SOENDERBORG.read_text(encoding="utf-8")).facts.records}
    assert s23[2].count == 1 and s23[2].point_numbers() == {1}  # `at tage` / one bullet
    assert s23[5].count == 2  # two leads, one bullet each
    s21 = {r.item.number: r.recommendation for r in doc(SOENDERBORG_2021.read_text(encoding="utf-8")).facts.records}
    assert s21[2].count == 3 and s21[2].point_numbers() == {1, 2, 3}  # three `- at …` bullets
    holstebro = {r.item.number: r.recommendation for r in doc(HOLSTEBRO.read_text(encoding="utf-8")).facts.records}
    assert holstebro[1].count is None and holstebro[1].point_numbers() is None
    assert holstebro[3].count == 1 and holstebro[6].count is None
    amu = {r.item.number: r.recommendation for r in doc(NORDBY_AMU.read_text(encoding="utf-8")).facts.records}
    assert amu[5].numbered and amu[5].point_numbers() == {1, 2, 3}  # numbered `1.`, `2.`, `3.`


def test_decision_rules_read_an_unnumbered_item():
    """An item without a number (`Meddelelser`, `Spørgetid`) is named by its title, never computed on."""
    import attrs

    text = edited(SOENDERBORG, 104, "Taget til efterretning.", "Indstillingens punkt 7 blev godkendt.")
    document = doc(text)
    items = tuple(attrs.evolve(i, number=None) if i.number == 2 else i for i in document.items)
    document = attrs.evolve(document, items=items)
    found_codes = [(d.code, d.span.line) for rule in DECISION_RULES for d in rule().check(document, {})]
    assert found_codes == [("DEC002", 104)]
    message = next(rule().check(document, {}) for rule in DECISION_RULES if rule.code == "DEC002")
    assert "None" not in str(next(message).message.da)


# ---- DEC004 header date ----------------------------------------------------------------------


def test_header_with_another_date():
    result = lint(edited(SOENDERBORG, 406, "07-11-2023", "31-10-2023"), "DEC")
    assert [(d.code, d.span.line, d.severity.value) for d in result] == [("DEC004", 406, "warning")]
    assert "31-10-2023" in result[0].message.da and "07-11-2023" in result[0].message.da


def test_header_with_another_date_and_no_committee():
    text = edited(HOLSTEBRO, 391, "### Beslutning", "### Beslutning den 21-11-2022")
    assert found(text) == [("DEC004", 391, "warning")]


def test_earlier_decision_of_the_same_committee_next_to_todays_is_quoted():
    lines = lines_of(SOENDERBORG)
    lines[405] = "### **Beslutning Arbejdsmarkedsudvalget den 03-10-2023**\n\nUdsat.\n\n" + lines[405]
    assert found("\n".join(lines)) == []


def test_decisions_under_history_are_another_meetings():
    lines = lines_of(SOENDERBORG)
    assert lines[403].startswith("Økonomi- og Arbejdsmarkedsforvaltningen oplyser")
    lines[403] += ("\n\n### Tidligere politisk behandlet\n\n**Beslutning Arbejdsmarkedsudvalget den 05-09-2023**\n\n"
                   "Godkendt.\n\nIkke til stede: Jens Hansen (A)")
    assert found("\n".join(lines), ("DEC", "ITM")) == []


# ---- DEC005 header committee ------------------------------------------------------------------


def test_header_with_another_committee():
    result = lint(edited(SOENDERBORG, 364, "Arbejdsmarkedsudvalget", "Økonomiudvalget"), "DEC")
    assert [(d.code, d.span.line, d.severity.value) for d in result] == [("DEC005", 364, "warning")]
    assert "Økonomiudvalget" in result[0].message.da and "Arbejdsmarkedsudvalget" in result[0].message.da


def test_possessive_header_of_the_same_committee():
    text = edited(SOENDERBORG_2021, 55, "Beslutning Arbejdsmarkeds- og Integrationsudvalget den 03-03-2021",
                  "Arbejdsmarkeds- og Integrationsudvalgets beslutning den 3. marts 2021")
    assert found(text, ("DEC", "ITM")) == []


def test_council_minutes_quote_the_committee_chain():
    text = """# REFERAT Byrådet d. 29-11-2023

**Mødedato** Onsdag d. 29. november 2023 kl. 17:00

**Mødested** Byrådssalen

# Punkt 200: Godkendelse af 3. bevillingsrevision

22/50594

## Indstilling

Forvaltningen indstiller til Arbejdsmarkedsudvalget, at Byrådet godkender

- at 0,852 mio. kr. flyttes.

## Beslutning Arbejdsmarkedsudvalget den 07-11-2023

Udvalget anbefaler indstillingen.

## Beslutning Økonomiudvalget den 29-11-2023

Anbefales.

## Beslutning Byrådet den 29-11-2023

Godkendt.
"""
    assert found(text, ("DEC", "ITM", "MTG")) == []
    # Without the council's own decision, the committee decision dated today stands out.
    assert found(text.split("## Beslutning Byrådet")[0], "DEC") == [("DEC005", 21, "warning")]


# ---- the reader --------------------------------------------------------------------------------


def test_committee_names_compare_tolerantly():
    assert same_committee("Arbejdsmarkeds- og Integrationsudvalget", "Arbejdsmarkeds- og Integrationsudvalgets")
    assert same_committee("Teknik og Miljøudvalget", "Teknik- og Miljøudvalget")
    assert same_committee("Byråd", "Byrådet")
    assert same_committee("Beskæftigelse- og Borgerserviceudvalget", "Beskæftigelses- og Borgerserviceudvalget")
    assert not same_committee("Arbejdsmarkedsudvalget", "Arbejdsmarkeds- og Integrationsudvalget")
    assert not same_committee("Økonomiudvalget", "Arbejdsmarkedsudvalget")
    assert committee_key("Økonomiudvalgets") == committee_key("Økonomiudvalg")
    assert same_committee("for Økonomiudvalget", "Økonomiudvalget")
    assert same_committee("Fællesmøde mellem Arbejdsmarkedsudvalget og Børne- og Uddannelsesudvalget",
                          "Arbejdsmarkedsudvalget")
    assert not same_committee("Social- og Sundhedsudvalget", "Sundhedsudvalget")


@pytest.mark.parametrize("heading, committee, date", [
    ("Beslutning", None, None),
    ("Beslutning Arbejdsmarkedsudvalget den 07-11-2023", "Arbejdsmarkedsudvalget", dt.date(2023, 11, 7)),
    ("Beslutning i Økonomiudvalget den 2. september 2024", "Økonomiudvalget", dt.date(2024, 9, 2)),
    ("Økonomiudvalgets beslutning den 29. marts 2021", "Økonomiudvalget", dt.date(2021, 3, 29)),
    ("Beslutning den 08-10-2024", None, dt.date(2024, 10, 8)),
    ("Udvalgets beslutning", None, None),
])
def test_decision_headers(heading, committee, date):
    header = parse_header(heading)
    assert (header.committee, header.date) == (committee, date)


@pytest.mark.parametrize("sentence, verdict", [
    ("Godkendt.", Verdict.APPROVED), ("Taget til efterretning.", Verdict.NOTED), ("Drøftet.", Verdict.DISCUSSED),
    ("Indstillingen tiltrådt.", Verdict.ADOPTED), ("Udvalget anbefaler indstillingen.", Verdict.ONWARD),
    ("Anbefales.", Verdict.ONWARD), ("Indstilles godkendt.", Verdict.ONWARD), ("Udsat.", Verdict.POSTPONED),
    ("Ikke godkendt.", Verdict.REJECTED), ("Intet.", Verdict.NOTHING),
    ("Godkendt med bemærkning om, at planen revideres.", Verdict.APPROVED),
    ("Jens Berg (A) kunne ikke tage redegørelsen til efterretning.", None),
    ("Forslag til takster er godkendt.", None),
])
def test_verdicts(sentence, verdict):
    assert verdict_of(sentence) == verdict


def test_recommendation_kinds():
    amu = Meeting("Arbejdsmarkedsudvalget", frozenset())
    assert classify_recommendation("Til udvalgets orientering.", amu) == {Ask.ORIENTATION}
    assert classify_recommendation("at tage orienteringen til efterretning", amu) == {Ask.ORIENTATION}
    assert classify_recommendation("Indtryk fra konferencen drøftes.", amu) == {Ask.DISCUSSION}
    assert classify_recommendation("Forvaltningen indstiller til Arbejdsmarkedsudvalget at godkende dagsordenen",
                                   amu) == {Ask.APPROVAL}
    assert Ask.ONWARD in classify_recommendation("Udvalget anbefaler over for Byrådet, at planen vedtages", amu)
    council = Meeting("Byrådet", frozenset())
    assert classify_recommendation("Forvaltningen indstiller, at Byrådet godkender planen", council) == {Ask.APPROVAL}


def test_agenda_defects_example():
    text = (EXAMPLES / "defects" / "agenda-defects.md").read_text(encoding="utf-8")
    assert found(text) == [("DEC001", 66, "warning"), ("DEC004", 118, "warning")]


# ---- the committee read from a title with words naming the meeting ------------------------------

# The committee is the part of the title that is a body's name; `af ordinært møde`, `fra mødet`,
# `byrådsmødet` name the meeting. Each head holds its committee; the decision names it or another.
BODY_TITLES = {
    "committee over referat af ordinært møde": (
        "Økonomiudvalget\n\nReferat af ordinært møde mandag den 4. marts 2024 kl. 14.00 i Byrådssalen\n",
        "Økonomiudvalget", "Socialudvalget"),
    "heading over referat fra mødet": (
        "# Økonomiudvalget\n\n## Referat fra mødet mandag den 4. marts 2024 kl. 14.00\n\nSted: Byrådssalen\n",
        "Økonomiudvalget", "Socialudvalget"),
    "ekstraordinært møde i": (
        "# Referat\n\nEkstraordinært møde i Økonomiudvalget mandag den 4. marts 2024 kl. 14.00\n\nSted: Byrådssalen\n",
        "Økonomiudvalget", "Socialudvalget"),
    "byrådsmødet": (
        "# Byrådet\n\n## Referat fra byrådsmødet mandag den 4. marts 2024 kl. 18.00\n\nSted: Byrådssalen\n",
        "Byrådet", "Økonomiudvalget"),
}


def body_title_item(committee: str) -> str:
    return ("\n1. Godkendelse af dagsorden\n\nSagsnr.: 24/04410\n\nIndstilling\n\n"
            "Forvaltningen indstiller, at dagsordenen godkendes.\n\n"
            f"Beslutning i {committee} den 4. marts 2024\n\nGodkendt.\n")


@pytest.mark.parametrize("name", list(BODY_TITLES))
def test_the_committee_is_the_body_the_title_names(name):
    head, committee, other = BODY_TITLES[name]
    text = head + body_title_item(committee)
    assert doc(text).facts.meeting.committee == committee
    assert found(text, ("DEC", "ITM")) == []
    # A decision header naming another committee is still one.
    wrong = head + body_title_item(other)
    line = wrong.splitlines().index(f"Beslutning i {other} den 4. marts 2024") + 1
    assert found(wrong, "DEC") == [("DEC005", line, "warning")]
