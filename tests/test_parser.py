"""The parser on the real corpus and on the format variants of minutes-format.md."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import CORPUS, doc
from referatcheck.grammar import parser
from referatcheck.model import AttendanceNote, Heading, ListBlock, Paragraph, SectionKind as K, Span, Table
from referatcheck.parse import parse_document
from referatcheck.source import SourceText


def test_grammar_is_lalr_without_conflicts():
    parser(strict=True)  # raises GrammarError on any shift/reduce or reduce/reduce conflict


def _corpus(name: str):
    path = CORPUS / name
    return parse_document(SourceText.from_bytes(path.read_bytes(), path=str(path)))


# ---- corpus ---------------------------------------------------------------------------


def test_soenderborg_2023_structure():
    d = _corpus("soenderborg-arbejdsmarkedsudvalget-2023-11-07.md")
    title = d.head.title
    assert (title.committee, title.period, title.date) == ("Arbejdsmarkedsudvalget", "2022-25", dt.date(2023, 11, 7))
    assert d.head.field("Mødedato").value == "Tirsdag d. 07. november 2023 kl. 15:30"
    assert d.head.field("Mødested").value == "Borgen, mødelokale Italien (F)"
    # A name split by a hard break is one person.
    members = d.head.field("Mødedeltagere").value.split(", ")
    assert len(members) == 5 and members[3] == "Jimmy Simonsen"
    assert d.head.field("Mødedeltagere").span.end_line == 10
    assert [i.number for i in d.items] == list(range(1, 11))
    assert [i.case_number.text for i in d.items] == [
        "22/24308", "23/58769", "23/67225", "22/50594", "23/66894", "23/6186", "22/50594", "22/24327",
        "22/24346", "22/24370",
    ]
    assert d.items[3].title == "Godkendelse af 3. bevillingsrevision"
    assert [i.closed for i in d.items] == [False] * 8 + [True, True]
    assert [e.page for e in d.toc.entries] == [3, 4, 7, 9, 14, 16, 18, 20, 21, 22]
    assert [e.span.line for e in d.toc.entries] == list(range(14, 24))
    truncated = d.toc.entries[2]
    assert not truncated.has_leader and d.items[2].title.startswith(truncated.title)
    assert d.toc.entries[8].title == "Lukket: Orientering fra formand, medlemmer og direktør - november 2023 - Lukket"
    kinds = [s.kind for s in d.items[3].sections]
    assert kinds == [K.SUMMARY, K.RECOMMENDATION, K.PRESENTATION, K.FINANCE, K.DECISION, K.ATTACHMENTS]
    # The decision of item 4 is a bold-only line without `#`.
    decision = d.items[3].section(K.DECISION)
    assert decision.title == "Beslutning Arbejdsmarkedsudvalget den 07-11-2023"
    assert decision.heading_span.line == 320
    # `#### Politikområde 11: Integration` is a sub-heading of Sagsfremstilling, with its table.
    presentation = d.items[3].section(K.PRESENTATION)
    headings = [b.text for b in presentation.blocks if isinstance(b, Heading)]
    assert headings[:3] == ["Politikområde 11: Integration", "Politikområde 12: Borgerservice",
                            "Politikområde 18: Forsørgelse og beskæftigelse"]
    tables = [b for b in presentation.blocks if isinstance(b, Table)]
    # The bevillingsrevision schedule (rows with blank lines between) and three budget tables.
    first_budget = tables[1]
    assert first_budget.rows[0].texts == ("1.000 kr.", "Budget*", "Korrigeret budget**", "Forventet regnskab 2023", "Forskel")
    assert [r.span.line for r in first_budget.rows] == [245, 246, 248, 249, 250]
    assert first_budget.rows[4].cells[4].text == "-3.708"
    assert first_budget.rows[4].cells[4].span.column == len("I alt\t46.959\t27.623\t23.915\t") + 1
    # `# **Bilag**` at level 1 is still item 5's attachments.
    assert d.items[4].sections[-1].kind == K.ATTACHMENTS
    assert d.items[4].sections[-1].heading_span.line == 370


def test_holstebro_structure():
    d = _corpus("holstebro-arbejdsmarkedsudvalget-2022-11-28.md")
    assert d.head.title.committee == "Arbejdsmarkedsudvalget"
    assert d.head.title.date == dt.date(2022, 11, 28)
    assert d.head.field("Mødedeltagere") is None
    assert [i.number for i in d.items] == list(range(1, 11))
    assert d.items[0].case_number.text == "15.00.15-P16-1-21"
    assert d.items[6].case_number.text == "00.00.00-000-1-21"
    assert d.items[9].title == "Lukket:" and d.items[9].closed
    assert d.toc.entries[9].title == "Lukket:"
    assert d.items[5].title == "Forslag til prioriteringsmuligheder i den lokale beskæftigelsesindsats."
    assert [s.kind for s in d.items[0].sections] == [K.PRESENTATION, K.RECOMMENDATION, K.DECISION, K.ATTACHMENTS]
    # `### 3: Muligheder ...` inside Sagsfremstilling is a sub-heading, not a section.
    item6 = d.items[5]
    assert [s.kind for s in item6.sections] == [K.PRESENTATION, K.RECOMMENDATION, K.DECISION, K.ATTACHMENTS]
    assert "3: Muligheder for myndighedsudvikling" in [b.text for b in item6.sections[0].blocks if isinstance(b, Heading)]
    # `Baggrund.` and `Økonomi.` are run-in paragraph labels, not sections.
    assert [s.kind for s in d.items[1].sections] == [K.PRESENTATION, K.RECOMMENDATION, K.DECISION]
    budget = next(b for b in d.items[6].sections[0].blocks if isinstance(b, Table))
    assert budget.rows[-1].texts[0] == "Driftsudgifter i alt"


def test_soenderborg_2021_structure():
    d = _corpus("soenderborg-arbejdsmarkeds-og-integrationsudvalget-2021-03-03.md")
    assert d.head.title.committee == "Arbejdsmarkeds- og Integrationsudvalget"
    assert d.head.title.period == "2018-21"
    assert len(d.items) == 11 and d.items[-1].title == "Underskriftsside 03-03-2021"
    assert not d.items[-1].closed and d.items[9].closed
    assert [len(d.toc.entries), d.toc.entries[3].title] == [
        11, "Godkendelse af initiativer til det videre arbejde med befolkningsudvikling i Sønderborg Kommune"]
    item2 = d.items[1]
    assert [s.kind for s in item2.sections] == [
        K.SUMMARY, K.RECOMMENDATION, K.PRESENTATION, K.OTHER, K.FINANCE, K.DECISION, K.ATTACHMENTS]
    recommendation = item2.section(K.RECOMMENDATION)
    points = next(b for b in recommendation.blocks if isinstance(b, ListBlock))
    assert len(points.items) == 3 and points.items[0].text.startswith("at mindreforbruget på 21,8 mio. kr.")
    # `## 2. Strategisk kompetenceudvikling ...` at level 2 is a sub-heading of Sagsfremstilling.
    item5 = d.items[4]
    assert [s.kind for s in item5.sections].count(K.PRESENTATION) == 1
    assert "2. Strategisk kompetenceudvikling og uddannelsesplanlægning" in [
        b.text for b in item5.section(K.PRESENTATION).blocks if isinstance(b, Heading)]


def test_every_corpus_item_has_case_number_and_sections(corpus):
    for name, text in corpus.items():
        d = doc(text)
        assert d.items, name
        for item in d.items:
            assert item.case_number is not None or item.closed, (name, item.number)
            if not item.closed and not item.title.startswith("Underskrift"):
                assert item.section(K.DECISION) is not None, (name, item.number)


# ---- format variants ----------------------------------------------------------------


@pytest.mark.parametrize(
    "line, committee, period, date",
    [
        ("# REFERAT 2022-25: Arbejdsmarkedsudvalget d. 07-11-2023", "Arbejdsmarkedsudvalget", "2022-25", dt.date(2023, 11, 7)),
        ("# REFERAT Beskæftigelse- og Borgerserviceudvalget (2022-2025) d. 14-11-2024",
         "Beskæftigelse- og Borgerserviceudvalget", "2022-2025", dt.date(2024, 11, 14)),
        ("# **REFERAT Teknik og Miljøudvalget 2022-2025 d. 06-09-2023**", "Teknik og Miljøudvalget", "2022-2025",
         dt.date(2023, 9, 6)),
        ("# REFERAT Økonomiudvalget d. 28-11-2022", "Økonomiudvalget", None, dt.date(2022, 11, 28)),
        ("REFERAT Økonomiudvalget d. 04-06-2020", "Økonomiudvalget", None, dt.date(2020, 6, 4)),
    ],
)
def test_title_variants(line, committee, period, date):
    title = doc(f"\n\n{line}\n\n**Mødedato** Mandag\n").head.title
    assert (title.committee, title.period, title.date) == (committee, period, date)
    assert title.span.line == 3


def test_head_fields_wrap_and_labels():
    d = doc(
        "# REFERAT Udvalget d. 01-02-2024\n\n"
        "**Mødedato:** Torsdag d. 1. februar 2024 kl. 16:00\n\n"
        "**Mødedeltagere**\u00a0\u00a0Anna Holm, Bo  \nDam, Carl Berg\nDitte Lund\n\n"
        "**Fraværende med afbud** Ole Krog (V)\n\n"
        "Stedfortræder: Ida Friis (V)\n"
    )
    assert d.head.field("mødedato").value == "Torsdag d. 1. februar 2024 kl. 16:00"
    assert d.head.field("Mødedeltagere").value == "Anna Holm, Bo Dam, Carl Berg Ditte Lund"
    assert d.head.field("Fraværende med afbud").value == "Ole Krog (V)"
    assert d.head.field("Stedfortræder").value == "Ida Friis (V)"


TOC_VARIANTS = """# REFERAT Teknik og Miljøudvalget d. 06-09-2023

## Indholdsfortegnelse

Godkendelse af dagsorden.....\t3
Godkendelse af takster for 2024.\t9
2. Økonomiske Redegørelse 2023 - Teknik og Miljøudvalget.....\t19
Godkendelse af en meget lang overskrift der er blevet skåret over fordi den var for la\t20
Uden prikker\t20
Lukket: Personalesag - Lukket.....\t21
Lukket: .....\t22

# **Punkt 4: Godkendelse af dagsorden**

22/24308

# **Punkt 5: Godkendelse af takster for 2024**

22/24309

## Punkt 6: 2. Økonomiske Redegørelse 2023 - Teknik og Miljøudvalget

22/24310

### **Punkt 7: Godkendelse af en meget lang overskrift der er blevet skåret over fordi den var for lang til at stå**

22/24311

## Punkt 8: Uden prikker

22/24312

## **Punkt 9: Lukket: Personalesag - Lukket**

22/24313

## **Punkt 10: Lukket:**
"""


def test_toc_variants():
    d = doc(TOC_VARIANTS)
    titles = [e.title for e in d.toc.entries]
    assert titles == [
        "Godkendelse af dagsorden",
        "Godkendelse af takster for 2024",
        "2. Økonomiske Redegørelse 2023 - Teknik og Miljøudvalget",
        "Godkendelse af en meget lang overskrift der er blevet skåret over fordi den var for la",
        "Uden prikker",
        "Lukket: Personalesag - Lukket",
        "Lukket:",
    ]
    assert [e.number for e in d.toc.entries] == [None] * 7
    assert [e.page for e in d.toc.entries] == [3, 9, 19, 20, 20, 21, 22]
    assert [i.number for i in d.items] == [4, 5, 6, 7, 8, 9, 10]
    assert d.items[2].title == "2. Økonomiske Redegørelse 2023 - Teknik og Miljøudvalget"
    assert [i.closed for i in d.items] == [False] * 5 + [True, True]
    assert d.items[6].title == "Lukket:" and d.items[6].case_number is None


def test_numbered_items_of_other_systems():
    d = doc(
        "REFERAT Økonomiudvalget d. 04-06-2020\n\nIndholdsfortegnelse\n\n"
        "Pkt.\tTekst\tSide\n49\tGodkendelse af dagsorden til mødet den 4. juni 2020\t2\n50\tRegnskab 2019\t3\n\n"
        "49. Godkendelse af dagsorden til mødet den 4. juni 2020\n\nSagsnr.: 20/1234\n\nBeslutning\n\nGodkendt.\n\n"
        "50. Regnskab 2019\n\n330-2018-3619\n\nIndstilling\n\nAdministrationen indstiller, at:\n\n"
        "1. regnskabet godkendes\n2. overskuddet overføres\n\nØkonomiudvalgets beslutning den 4. juni 2020\n\nAnbefales.\n"
    )
    assert [(e.number, e.title, e.page) for e in d.toc.entries] == [
        (49, "Godkendelse af dagsorden til mødet den 4. juni 2020", 2), (50, "Regnskab 2019", 3)]
    assert [(i.number, i.title, i.case_number.text) for i in d.items] == [
        (49, "Godkendelse af dagsorden til mødet den 4. juni 2020", "20/1234"), (50, "Regnskab 2019", "330-2018-3619")]
    assert [s.kind for s in d.items[1].sections] == [K.RECOMMENDATION, K.DECISION]
    assert d.items[1].sections[1].title == "Økonomiudvalgets beslutning den 4. juni 2020"
    points = d.items[1].sections[0].blocks[1]
    assert isinstance(points, ListBlock) and points.ordered and len(points.items) == 2


def test_numbered_lists_are_not_items_when_punkt_items_exist():
    d = doc(
        "# Punkt 1: Orientering\n\n20/1\n\n## Sagsfremstilling\n\n1. Alle ledige\n2. Flere ledige\n\n"
        "## 2. Strategisk kompetenceudvikling\n\nTekst.\n\n# Punkt 2: Eventuelt\n\n20/2\n"
    )
    assert [i.number for i in d.items] == [1, 2]
    assert [type(b).__name__ for b in d.items[0].sections[0].blocks] == ["ListBlock", "Heading", "Paragraph"]


@pytest.mark.parametrize(
    "heading, kind",
    [
        ("**Beslutning Arbejdsmarkedsudvalget den 07-11-2023**", K.DECISION),
        ("## Beslutning i Teknik og Miljøudvalget den 06-09-2023", K.DECISION),
        ("### Arbejdsmarkeds- og Integrationsudvalgets beslutning den 29. marts 2021", K.DECISION),
        ("**Fagcenter Arbejdsmarked og Borgerservice indstiller, at:**", K.RECOMMENDATION),
        ("## Økonomi og Stab indstiller, at:", K.RECOMMENDATION),
        ("Administrationen indstiller, at:", K.RECOMMENDATION),
        ("#### Sagsresume", K.SUMMARY),
        ("## Kort resumé", K.SUMMARY),
        ("## Beskrivelse af sagen", K.PRESENTATION),
        ("**Sagens gang**", K.PROCEDURE),
        ("## Økonomiske og andre væsentlige konsekvenser", K.FINANCE),
        ("## Kobling til FN's verdensmål", K.OTHER),
        ("### Tidligere politisk behandlet", K.HISTORY),
        ("# **Bilag**", K.ATTACHMENTS),
        ("Beslutning", K.DECISION),
    ],
)
def test_section_headings_by_name_not_level(heading, kind):
    d = doc(f"# Punkt 1: Emne\n\n20/1\n\n{heading}\n\nTekst.\n")
    assert [s.kind for s in d.items[0].sections] == [kind]
    assert d.items[0].sections[0].heading_span.line == 5


@pytest.mark.parametrize("heading", ["# Politikområde 11: Integration", "### *Baggrund og historik*",
                                     "#### 4. Vi fornyer professionalismen", "**Aktiviteter**"])
def test_other_headings_are_sub_headings(heading):
    d = doc(f"# Punkt 1: Emne\n\n20/1\n\n## Sagsfremstilling\n\n{heading}\n\nTekst.\n")
    item = d.items[0]
    assert [s.kind for s in item.sections] == [K.PRESENTATION]
    assert isinstance(item.sections[0].blocks[0], Heading)


def test_recommendation_actor_line_under_indstilling_is_body():
    d = doc("# Punkt 1: Emne\n\n20/1\n\n## Indstilling\n\nForvaltningen indstiller, at:\n\n- sagen godkendes\n")
    assert [s.kind for s in d.items[0].sections] == [K.RECOMMENDATION]
    assert len(d.items[0].sections[0].blocks) == 2


@pytest.mark.parametrize("case", ["22/24308", "15.00.15-P16-1-21", "00.01.00-G01-52-22", "00.00.00-000-1-21",
                                  "330-2018-3619", "**23/6186**", "Sagsnr.: 20/1234", "J.nr. 01.02.03-P20-1-24"])
def test_case_number_formats(case):
    d = doc(f"## **Punkt 3: Emne**\n\n{case}\n\n## Beslutning\n\nGodkendt.\n")
    assert d.items[0].case_number is not None
    assert d.items[0].case_number.span.line == 3


def test_missing_case_number_is_not_a_parse_error():
    d = doc("## Punkt 3: Emne\n\n## Beslutning\n\nGodkendt.\n")
    assert d.items[0].case_number is None and d.items[0].sections[0].kind == K.DECISION


def test_blocks_attendance_and_tables():
    d = doc(
        "# Punkt 1: Emne\n\n20/1\n\n## Beslutning\n\nGodkendt.\nFor stemte: A, C og F (6)\n\n"
        "Ikke til stede: Lars Holm (C)\nFraværende: Britt Ravn (A), sag 129-138\n"
        "Afbud fra Ole Krog (V). I stedet mødte Ida Friis (V).\nPia Dam (A) deltog ikke i behandlingen af punktet.\n"
        "Ole Krog (V) forlod mødet efter punkt 4.\n"
        "Ida Friis (V) erklærede sig inhabil og forlod mødet under behandlingen.\nIkke tilstede: Lars Holm (C)\n\n"
        "## Økonomi\n\n<i>i 1.000 kr.</i>\tBudget\n-----\t-----\nA\t1\n\nB\t2\n| C | 3 |\nI alt\t3\n\n\\*Note\n"
    )
    decision, finance = d.items[0].sections
    assert isinstance(decision.blocks[0], Paragraph) and decision.blocks[0].lines[1] == "For stemte: A, C og F (6)"
    notes = [b for b in decision.blocks if isinstance(b, AttendanceNote)]
    assert [n.span.line for n in notes] == list(range(10, 17))
    table = finance.blocks[0]
    assert isinstance(table, Table)
    assert [r.separator for r in table.rows] == [False, True, False, False, False, False]
    assert [r.texts[0] for r in table.rows if not r.separator] == ["<i>i 1.000 kr.</i>", "A", "B", "C", "I alt"]
    assert table.rows[4].cells[1].text == "3" and table.rows[4].cells[1].span.column == 7
    assert finance.blocks[1].text == "*Note"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
@pytest.mark.parametrize("final", [True, False])
def test_line_numbers_in_every_line_end_style(newline, bom, final):
    lines = ["# REFERAT Udvalget d. 01-02-2024", "", "# Punkt 1: Emne", "", "20/1", "", "## Beslutning", "", "Godkendt."]
    text = newline.join(lines) + (newline if final else "")
    source = SourceText.from_bytes(bom + text.encode("utf-8"), path="x.md")
    d = parse_document(source)
    assert len(source.lines) == 9
    assert d.items[0].heading_span.line == 3
    assert d.items[0].case_number.span.line == 5
    assert d.items[0].sections[0].blocks[0].span.line == 9
    assert d.head.title.span == d.head.title.span.__class__(1, 1, 1, len(lines[0]) + 1)


def test_wrapped_bold_item_heading():
    d = doc("## **Punkt 3: Godkendelse af en lang\noverskrift om budget**\n\n20/1\n\n## Beslutning\n\nGodkendt.\n")
    assert d.items[0].title == "Godkendelse af en lang overskrift om budget"
    assert d.items[0].case_number.text == "20/1"
    assert d.items[0].heading_span.end_line == 2


def test_conversion_artefacts_are_tolerated():
    d = doc("# Punkt 1: Status på \\_projekt\\_ og [link](#) <i>kursiv</i>\n\n20/1\n")
    assert d.items[0].title == "Status på _projekt_ og link kursiv"


def test_inline_section_labels_and_punkt_toc_entries():
    d = doc(
        "## Indholdsfortegnelse\n\nPunkt 1: Godkendelse af dagsorden.....\t3\nPunkt 2: Eventuelt.....\t4\n\n"
        "## Punkt 1 - Godkendelse af dagsorden\n\n20/1234\n\n**Beslutning:** Godkendt.\n\n"
        "## Punkt 2 - Eventuelt\n\n20/1235\n\nIndstilling: Forvaltningen indstiller, at sagen drøftes.\n\n"
        "Beslutning: Drøftet.\n\nØkonomi: Ingen.\n"
    )
    assert [(e.number, e.title) for e in d.toc.entries] == [(1, "Godkendelse af dagsorden"), (2, "Eventuelt")]
    assert [i.title for i in d.items] == ["Godkendelse af dagsorden", "Eventuelt"]
    first = d.items[0].sections[0]
    assert (first.kind, first.title, first.blocks[0].text) == (K.DECISION, "Beslutning", "Godkendt.")
    assert first.blocks[0].span.column == len("**Beslutning:** ") + 1
    assert [s.kind for s in d.items[1].sections] == [K.RECOMMENDATION, K.DECISION]
    # A run-in label that is not a decision or recommendation stays text.
    assert d.items[1].sections[1].blocks[-1].text == "Økonomi: Ingen."


def test_head_field_with_tab_between_label_and_value():
    # Some exports separate label and value with a TAB; that is a field, not a table row.
    d = doc(
        "# REFERAT Teknik og Miljøudvalget d. 06-09-2023\n\n"
        "**Mødedato**\tOnsdag d. 06. september 2023 kl. 08:00\n\nMødested:\tRådhuset\n\n"
        "# Punkt 1: Eventuelt\n\n23/1\n"
    )
    fields = {f.label: f for f in d.head.fields}
    assert fields["Mødedato"].value == "Onsdag d. 06. september 2023 kl. 08:00"
    assert fields["Mødedato"].value_span.column == len("**Mødedato**\t") + 1
    assert fields["Mødested"].value == "Rådhuset"


@pytest.mark.parametrize("wrapped", [
    "## **Punkt 101: Økonomisk redegørelse for**\n## **udvalgets område**",
    "## Punkt 101: Økonomisk redegørelse for\nudvalgets område",
])
def test_item_heading_wrapped_onto_a_second_complete_line(wrapped):
    d = doc(wrapped + "\n\n23/1\n\n## Beslutning\n\nGodkendt.\n")
    item = d.items[0]
    assert (item.number, item.title) == (101, "Økonomisk redegørelse for udvalgets område")
    assert item.case_number.text == "23/1"
    assert (item.heading_span.line, item.heading_span.end_line) == (1, 2)
    assert [s.kind for s in item.sections] == [K.DECISION]


def test_heading_followed_by_section_heading_is_not_a_wrap():
    d = doc("## Punkt 1: Eventuelt\n## Beslutning\n\nIntet.\n")
    assert d.items[0].title == "Eventuelt"


def test_head_field_wrapped_after_the_hyphen_of_a_double_name():
    d = doc(
        "# REFERAT Udvalget d. 05-10-2021\n\n"
        "**Mødedeltagere**   Signe Brix (A), Torben Lykke-  \nHansen (Ø), Jimmy  \nSimonsen, Social-\nog sundhed\n\n"
        "# Punkt 1: Eventuelt\n\n21/1\n"
    )
    assert d.head.fields[0].value == "Signe Brix (A), Torben Lykke-Hansen (Ø), Jimmy Simonsen, Social- og sundhed"


def test_header_row_after_a_blank_line_starts_a_new_table():
    d = doc(
        "# Punkt 1: Budget\n\n24/1\n\n## Sagsfremstilling\n\n"
        "\t2024\t2025\nBudget\t45,2\t46,0\n\n"
        "Område\tAntal\tUdgift (1.000 kr.)\nBiblioteker\t12.000\t18.000\n\nI alt\t12.000\t18.000\n"
    )
    tables = [b for b in d.items[0].sections[0].blocks if isinstance(b, Table)]
    assert [len(t.rows) for t in tables] == [2, 3]
    # Before any figures (a two-level header split by a blank line) the rows stay one table.
    d = doc("# Punkt 1: Budget\n\n24/1\n\n## Sagsfremstilling\n\n\t2024\t\n\nOmråde\tBudget\tRegnskab\nA\t1\t2\n")
    assert [len(b.rows) for b in d.items[0].sections[0].blocks if isinstance(b, Table)] == [3]


def _tables(body: str) -> list[Table]:
    d = doc("# Punkt 1: Budget\n\n24/1\n\n## Sagsfremstilling\n\n" + body)
    return [b for b in d.items[0].sections[0].blocks if isinstance(b, Table)]


def _cells(table: Table) -> list[list[str]]:
    return [list(r.texts) for r in table.rows if not r.separator]


def test_pandoc_grid_table_with_a_cell_over_two_lines():
    tables = _tables(
        "+-------------+---------+\n| Ansøger     | Kr.     |\n+=============+=========+\n"
        "| Tilskud til | 250.000 |\n| musik       |         |\n+-------------+---------+\n"
        "| I alt       | 250.000 |\n+-------------+---------+\n"
    )
    assert len(tables) == 1
    assert _cells(tables[0]) == [["Ansøger", "Kr."], ["Tilskud til musik", "250.000"], ["I alt", "250.000"]]
    joined = [r for r in tables[0].rows if not r.separator][1]
    assert (joined.span.line, joined.span.end_line) == (10, 11)
    assert joined.cells[1].span == Span(10, 17, 10, 24)  # the figure's own place
    # Lines that each hold figures are rows written without borders between them.
    rows = _tables("+---+---+\n| A | 1 |\n| B | 2 |\n+---+---+\n")[0]
    assert _cells(rows) == [["A", "1"], ["B", "2"]]


def test_pandoc_simple_and_multi_line_tables():
    simple = _tables("  Område        Budget\n  ------------ -------\n  Skoler           100\n  I alt            100\n")
    assert _cells(simple[0]) == [["Område", "Budget"], ["Skoler", "100"], ["I alt", "100"]]
    assert simple[0].rows[2].cells[1].span == Span(9, 20, 9, 23)
    multi = _tables(
        "------------------------\nOmråde       Budget\n             2024\n------------ -----------\n"
        "Skoler til   100\nbørn\n\nI alt        100\n------------------------\n"
    )
    assert _cells(multi[0]) == [["Område", "Budget 2024"], ["Skoler til børn", "100"], ["I alt", "100"]]
    headerless = _tables("------------ -----\nSkoler       100\nI alt        100\n------------ -----\n")
    assert _cells(headerless[0]) == [["Skoler", "100"], ["I alt", "100"]]
    # A row whose text crosses a column start is read, but marked: its cells are a guess.
    crossing = _tables("Område       Budget\n------------ -----\nSkoler     1.100\n")
    assert [r.misaligned for r in crossing[0].rows if not r.separator] == [False, True]


def test_toc_as_a_pandoc_simple_table():
    d = doc(
        "Kultur- og Fritidsudvalget\n\nMødedato: Tirsdag den 9. april 2024 kl. 16:00\n\nIndholdsfortegnelse\n\n"
        "  Pkt.   Titel                       Side\n  ------ --------------------------- ------\n"
        "  1      Godkendelse af dagsorden    2\n  2      Eventuelt                   3\n\n"
        "1. Godkendelse af dagsorden\n\nSagsnr.: 24/04410\n\nBeslutning\n\nGodkendt.\n\n"
        "2. Eventuelt\n\nSagsnr.: 24/04411\n\nBeslutning\n\nIntet.\n"
    )
    assert [(e.number, e.title, e.page) for e in d.toc.entries] == [
        (1, "Godkendelse af dagsorden", 2), (2, "Eventuelt", 3)]


def test_head_as_a_pandoc_simple_table_of_labels_and_values():
    d = doc(
        "# REFERAT Økonomiudvalget\n\n  Felt     Værdi\n  -------- -----------------------------------\n"
        "  Dato     Mandag den 4. marts 2024 kl. 14:00\n  Sted     Rådhuset\n\n"
        "# Punkt 1: Godkendelse af dagsorden\n\n24/04410\n\n## Beslutning\n\nGodkendt.\n"
    )
    assert [(f.role, f.value) for f in d.head.fields] == [
        ("date", "Mandag den 4. marts 2024 kl. 14:00"), ("place", "Rådhuset")]


@pytest.mark.parametrize("body", [
    # prose with aligned spaces, no column rule
    "Vi har drøftet   sagen   100\nI alt   300\n",
    # a column rule right under a paragraph: the sentence crosses the columns
    "Vi har drøftet sagen.\n--------------- --------\nSkoler          100\n",
    # a setext underline is one run of dashes
    "Skoler og dagtilbud\n-------------------\n",
])
def test_aligned_prose_is_no_table(body):
    assert not [t for t in _tables(body) if any(not r.separator for r in t.rows)]


@pytest.mark.parametrize("line", ["# Beslutningsprotokol for Økonomiudvalget d. 04-06-2020",
                                  "# Referat fra mødet i Økonomiudvalget den 4. juni 2020"])
def test_title_lead_in_words_are_not_the_committee(line):
    title = doc(line + "\n").head.title
    assert (title.committee, title.date) == ("Økonomiudvalget", dt.date(2020, 6, 4))


def test_html_entities_are_decoded_in_titles():
    d = doc('## Indholdsfortegnelse\n\nOrientering om "Kultur & fritid".....\t4\n\n'
            '## **Punkt 3: Orientering om <i>"Kultur &amp; fritid"</i>**\n\n24/3\n')
    assert d.items[0].title == d.toc.entries[0].title == 'Orientering om "Kultur & fritid"'


@pytest.mark.parametrize("wrapped", [
    "### **Beslutning i Beskæftigelse- og Borgerserviceudvalget den**\n### **14-11-2024**",
    "**Beslutning i Beskæftigelse- og Borgerserviceudvalget den\n14-11-2024**",
])
def test_section_heading_wrapped_onto_the_next_line(wrapped):
    d = doc(
        "# Punkt 1: Takster\n\n24/1\n\n### **Fagcenter Arbejdsmarked og Borgerservice indstiller til Beskæftigelse- og**\n"
        "### **Borgerserviceudvalget, at:**\n\n- taksterne godkendes.\n\n" + wrapped + "\n\nGodkendt.\n"
    )
    kinds = [(s.kind, s.title) for s in d.items[0].sections]
    assert kinds == [
        (K.RECOMMENDATION, "Fagcenter Arbejdsmarked og Borgerservice indstiller til Beskæftigelse- og "
                           "Borgerserviceudvalget, at:"),
        (K.DECISION, "Beslutning i Beskæftigelse- og Borgerserviceudvalget den 14-11-2024"),
    ]
    assert d.items[0].sections[1].blocks[0].text == "Godkendt."


def test_consecutive_headings_naming_their_own_sections_stay_apart():
    d = doc("# Punkt 1: Takster\n\n24/1\n\n## Indstilling\n## Beslutning\n\nGodkendt.\n\n"
            "## Beslutning\nIkke til stede: Lars Holm (C)\n")
    assert [s.kind for s in d.items[0].sections] == [K.RECOMMENDATION, K.DECISION, K.DECISION]
    assert isinstance(d.items[0].sections[2].blocks[0], AttendanceNote)


# ---- setext headings, heading attributes, status lines, `Sag N` and closed forms -----------------

_HEAD = "Økonomiudvalget\n\nMødedato: Mandag den 4. marts 2024 kl. 14:00\n\nMødested: Rådhuset\n\n"
_BODY = "\n\nSagsnr.: 24/04410\n\nIndstilling\n\nForvaltningen indstiller, at sagen godkendes.\n\nBeslutning\n\nGodkendt.\n"


@pytest.mark.parametrize("title, underline, level", [
    ("Punkt 1: Godkendelse af dagsorden", "-" * 33, 2),
    ("Sag 1: Godkendelse af dagsorden", "-" * 31, 2),
    ("1. Godkendelse af dagsorden", "=" * 27, 1),
    ("1\\. Godkendelse af dagsorden {#punkt-1}", "-" * 40, 2),
])
def test_setext_heading_is_the_item_heading_and_its_underline_markup(title, underline, level):
    d = doc(_HEAD + title + "\n" + underline + _BODY)
    assert [(i.number, i.title, i.heading_span.line) for i in d.items] == [(1, "Godkendelse af dagsorden", 7)]
    assert [s.kind for s in d.items[0].sections] == [K.RECOMMENDATION, K.DECISION]
    assert d.items[0].intro == () and d.head.blocks == ()
    sub = doc(_HEAD + "Punkt 1: Emne" + _BODY + "\nBaggrund for valget\n" + underline + "\n\nTekst.\n")
    heading = sub.items[0].sections[-1].blocks[1]
    assert isinstance(heading, Heading) and (heading.text, heading.level) == ("Baggrund for valget", level)


@pytest.mark.parametrize("text", [
    "Første linje af et afsnit\nanden linje\n-----\n",  # a thematic break under a paragraph of two lines
    "Udvalget tog orienteringen til efterretning.\n-----\n",  # under a sentence
    "  Ansøger          Kr.\n  --------------- ---------\n  Musikforening    250.000\n",  # a pandoc simple table
    "Navn\tBeløb\n-----\nMusikforening\t250.000\n",  # a table's rule under a TAB row
])
def test_dashes_that_underline_no_one_line_paragraph_are_no_heading(text):
    d = doc(_HEAD + "Punkt 1: Emne" + _BODY + "\n" + text)
    assert not any(isinstance(b, Heading) for b in d.items[0].sections[-1].blocks)


def test_pandoc_heading_attributes_are_not_part_of_the_title():
    d = doc(_HEAD + "### 1. Godkendelse af dagsorden {#punkt-1 .lukket}" + _BODY)
    assert [(i.number, i.title) for i in d.items] == [(1, "Godkendelse af dagsorden")]
    assert doc(_HEAD + "## Punkt 2: Budget {2025}" + _BODY).items[0].title == "Budget {2025}"


@pytest.mark.parametrize("status, closed", [("Åben sag", False), ("Åbent punkt", False), ("Lukket sag", True),
                                            ("Lukket punkt", True)])
def test_status_line_under_the_title_is_layout(status, closed):
    d = doc(_HEAD + "1. Godkendelse af dagsorden\n" + status + _BODY + "\n2. Eventuelt\n\n" + status + _BODY)
    assert [(i.number, i.title, i.closed) for i in d.items] == [
        (1, "Godkendelse af dagsorden", closed), (2, "Eventuelt", closed)]
    assert all(i.case_number is not None and i.intro == () for i in d.items)
    unnumbered = doc(_HEAD + "Godkendelse af dagsorden\n" + status + _BODY)
    assert [(i.title, i.closed) for i in unnumbered.items] == [("Godkendelse af dagsorden", closed)]


@pytest.mark.parametrize("heading, number, title", [
    ("Sag 1: Godkendelse af dagsorden", 1, "Godkendelse af dagsorden"),
    ("Sag 23 - Regnskab 2023 - godkendelse", 23, "Regnskab 2023 - godkendelse"),
    ("## Sag 7 Budget", 7, "Budget"),
    ("Punkt 1 (Åben): Godkendelse af dagsorden", 1, "Godkendelse af dagsorden"),
    ("Punkt 1 (Åbent punkt) - Godkendelse af dagsorden", 1, "Godkendelse af dagsorden"),
])
def test_sag_and_punkt_with_status_are_numbered_items(heading, number, title):
    d = doc(_HEAD + heading + _BODY)
    assert [(i.number, i.title, i.closed) for i in d.items] == [(number, title, False)]


@pytest.mark.parametrize("text", [
    "Sag 12 blev behandlet på sidste møde.",  # a sentence
    "Sag 330-2018-3619",  # a case number, not item 330
])
def test_sag_in_a_sentence_or_case_number_is_no_item(text):
    d = doc(_HEAD + "Punkt 1: Emne" + _BODY + "\n" + text + "\n\nMere tekst.\n")
    assert [i.number for i in d.items] == [1]


def test_a_number_and_one_space_in_a_heading_numbers_the_item():
    """`# 12 Godkendelse af dagsorden`: the heading's markup is the evidence; `# 17 Lukket: …` is closed."""
    d = doc(_HEAD + "# 12 Godkendelse af dagsorden" + _BODY + "\n# 17 Lukket: Personalesag" + _BODY)
    assert [(i.number, i.title, i.closed) for i in d.items] == [
        (12, "Godkendelse af dagsorden", False), (17, "Lukket: Personalesag", True)]
    plain = doc(_HEAD + "# Punkt 1: Budget" + _BODY.replace("Godkendt.", "Godkendt.\n\n12 borgere deltog."))
    assert [i.number for i in plain.items] == [1]


def test_a_case_number_over_a_numbered_heading_is_the_headings_not_the_line_above():
    """`Imod stemte: V (1)` / `Ikke til stede: …` / `24/0877` / `# 15 Høring …`: the case number
    is item 15's (case above), and the vote line stays in item 14's decision."""
    body = _BODY.replace("Godkendt.", "Anbefales.\n\nImod stemte: V (1)\n\nIkke til stede: Erik Sand (A)")
    text = _HEAD + "24/0876\n# 14 Salg af grund" + body.replace("\n\nSagsnr.: 24/04410", "") + (
        "\n24/0877\n# 15 Høring om kollektiv trafik" + _BODY.replace("\n\nSagsnr.: 24/04410", ""))
    d = doc(text)
    assert [(i.number, i.title, i.case_number and i.case_number.text) for i in d.items] == [
        (14, "Salg af grund", "24/0876"), (15, "Høring om kollektiv trafik", "24/0877")]


@pytest.mark.parametrize("heading", [
    "# Punkt 1: Godkendelse af dags-\norden",  # a word hyphenated at the break
    "24/04409\n# Punkt 1: Godkendelse af\n# dagsorden",  # case number above, heading on two lines
    "24/04409\n# Punkt 1: Godkendelse af\ndagsorden",
])
def test_a_wrapped_item_heading_is_one_title(heading):
    body = _BODY.replace("\n\nSagsnr.: 24/04410", "") if heading.startswith("24/") else _BODY
    d = doc(_HEAD + heading + body)
    assert [(i.number, i.title) for i in d.items] == [(1, "Godkendelse af dagsorden")]


def test_a_line_of_text_under_a_heading_is_not_its_rest():
    body = _BODY.replace("\n\nSagsnr.: 24/04410", "")
    d = doc(_HEAD + "24/04409\n# Punkt 1: Godkendelse af dagsorden\nDagsordenen blev godkendt." + body)
    assert [i.title for i in d.items] == ["Godkendelse af dagsorden"]


def test_a_number_with_a_thousands_point_opening_a_paragraph_is_no_item():
    """`11.460 besøg i 2023.` right under a section heading, sections after it: still text."""
    body = _BODY.replace("Indstilling\n\n", "Sagsresumé\n\n11.460 besøg i 2023.\n\nIndstilling\n\n")
    d = doc(_HEAD + "1. Godkendelse af dagsorden" + _BODY + "\n2. Sygeplejeklinikker" + body)
    assert [(i.number, i.title) for i in d.items] == [(1, "Godkendelse af dagsorden"), (2, "Sygeplejeklinikker")]


@pytest.mark.parametrize("heading, under, title", [
    ("4. Køb af grund ved Fjordvej (Fortroligt)", "", "Køb af grund ved Fjordvej (Fortroligt)"),
    ("Punkt 4 (Lukket): Køb af grund ved Fjordvej", "", "Køb af grund ved Fjordvej"),
    ("Sag 4 - Lukket punkt: Køb af grund ved Fjordvej", "", "Lukket punkt: Køb af grund ved Fjordvej"),
    ("4. Køb af grund ved Fjordvej", "   Dok.nr.: 24/04410-2   Lukket", "Køb af grund ved Fjordvej"),
])
def test_closed_item_forms(heading, under, title):
    d = doc(_HEAD + heading + _BODY.replace("24/04410", "24/04410" + under))
    assert [(i.number, i.title, i.closed) for i in d.items] == [(4, title, True)]
    assert d.items[0].case_number.text == "24/04410"


def test_open_status_at_the_end_of_the_case_line_keeps_the_item_open():
    d = doc(_HEAD + "4. Køb af grund ved Fjordvej" + _BODY.replace("24/04410", "24/04410   Åbent"))
    assert [(i.number, i.closed) for i in d.items] == [(4, False)]


@pytest.mark.parametrize("line", ["Forvaltningen indstiller", "Direktionen indstiller:", "**Administrationen indstiller**",
                                  "Teknik- og Miljøforvaltningen indstiller, at"])
def test_administration_recommends_alone_on_its_line_opens_the_recommendation(line):
    d = doc(_HEAD + "1. Budgetopfølgning\n\nSagsnr.: 24/04410\n\n" + line + "\n\nat budgetopfølgningen godkendes.\n")
    assert [s.kind for s in d.items[0].sections] == [K.RECOMMENDATION]
    assert d.items[0].sections[0].blocks[0].lines == ("at budgetopfølgningen godkendes.",)


def test_administration_recommends_inside_a_paragraph_is_text():
    d = doc(_HEAD + "1. Budgetopfølgning\n\nSagsnr.: 24/04410\n\nSagsfremstilling\n\nPå den baggrund\n"
            "Forvaltningen indstiller\nat budgettet godkendes.\n")
    assert [s.kind for s in d.items[0].sections] == [K.PRESENTATION]
