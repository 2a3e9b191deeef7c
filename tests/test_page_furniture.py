"""Page furniture left in Markdown converted from a PDF: running heads, footers and page
numbers between the lines of a table or a table of contents are skipped, so the table or
TOC is read whole; lines that only look alike (a total row, a decision heading, a case
number, the title) are kept."""

from __future__ import annotations

import pytest

from conftest import doc, lint
from referatcheck.lexer import running_head
from referatcheck.model import SectionKind
from referatcheck.tables import read_tables

HEAD = """# Kultur- og Fritidsudvalget

**Dato:** 14. juni 2022

## Indholdsfortegnelse

Pkt. 42 Godkendelse af dagsorden.....\t2
Pkt. 43 Tilskud til kunstgræsbane.....\t3

Kongså Kommune – Kultur- og Fritidsudvalget – 14-06-2022\tSide 1

Pkt. 42

**Godkendelse af dagsorden**

Sagsnr. 22/4410

**Kultur- og Fritidsudvalget, 14-06-2022, pkt. 42**

Godkendt.

Pkt. 43

**Tilskud til kunstgræsbane**

Sagsnr. 22/3125

**Sagsfremstilling**

Finansieringsplan (i 1.000 kr.)

Kilde\tBeløb
Kommunalt tilskud\t1.500
Lokale og Anlægsfonden\t2.800

{furniture}

Foreningens egne midler\t1.900
I alt\t{total}

**Kultur- og Fritidsudvalget, 14-06-2022, pkt. 43**

Anbefales.
"""

FURNITURE = [
    "3",  # a bare page number
    "Kongså Kommune – Kultur- og Fritidsudvalget – 14-06-2022\t3",  # the footer of page 1, page number after a TAB
    "Kongså Kommune · Kultur- og Fritidsudvalget · 14-06-2022 · Side 3 af 9",
]


def minutes(furniture: str, total: str = "6.200") -> str:
    return HEAD.format(furniture=furniture, total=total)


def total_line(text: str) -> int:
    return text.split("\n").index(next(line for line in text.split("\n") if line.startswith("I alt"))) + 1


@pytest.mark.parametrize("furniture", FURNITURE)
def test_furniture_inside_a_label_value_table_leaves_one_correct_table(furniture):
    text = minutes(furniture)
    tables = read_tables(doc(text))
    assert len(tables) == 1 and len(tables[0].body) == 4
    assert lint(text, ("TAB", "TOC")) == []


@pytest.mark.parametrize("furniture", FURNITURE)
def test_a_wrong_total_in_a_table_split_by_furniture_is_still_found(furniture):
    text = minutes(furniture, total="6.300")
    found = [(d.code, d.severity.value, d.span.line) for d in lint(text, "TAB")]
    assert found == [("TAB001", "error", total_line(text))]


def test_a_footer_after_the_toc_is_no_toc_entry():
    document = doc(minutes("3"))
    assert [entry.title for entry in document.toc.entries] == ["Godkendelse af dagsorden", "Tilskud til kunstgræsbane"]
    assert [item.number for item in document.items] == [42, 43]


BUDGET = """# REFERAT Økonomiudvalget d. 04-03-2024

**Mødedato** Mandag d. 04. marts 2024 kl. 16:00

## Indholdsfortegnelse

12. Godkendelse af dagsorden.....\t3
13. Budgetopfølgning pr. 31. januar 2024.....\t4
14. Salg af grund.....\t6

{toc_break}

15. Høring om kollektiv trafik 2025.....\t8
16. Eventuelt.....\t10
17. Lukket: Personalesag.....\t11

Hedeby Kommune · Økonomiudvalget · 04-03-2024 · Side 2 af 12

# 12. Godkendelse af dagsorden

24/1021

## Beslutning

Godkendt.

# 13. Budgetopfølgning pr. 31. januar 2024

24/1188

## Sagsfremstilling

1.000 kr.\tKorrigeret budget\tForventet regnskab\tAfvigelse
Administration\t48.210\t47.655\t-555
Ejendomme\t22.480\t23.125\t645

{table_break}

IT og digitalisering\t15.300\t14.980\t-320
I alt\t85.990\t85.760\t{deviation}

## Beslutning

Taget til efterretning.

Hedeby Kommune · Økonomiudvalget · 04-03-2024 · Side 5 af 12

# 14. Salg af grund

23/9940

## Beslutning

Anbefales.

Hedeby Kommune · Økonomiudvalget · 04-03-2024 · Side 6 af 12

6

# 15. Høring om kollektiv trafik 2025

24/0877

## Beslutning

Drøftet.

# 16. Eventuelt

24/1022

## Beslutning

Intet.

# 17. Lukket: Personalesag

24/1290
"""

RUNNING_HEAD = "Hedeby Kommune · Økonomiudvalget · 04-03-2024"
FOOTER = RUNNING_HEAD + " · Side {page} af 12"
BREAKS = [
    RUNNING_HEAD,  # a running head without page number
    "1",  # a bare page number
    FOOTER.format(page=1) + "\n\n" + RUNNING_HEAD,  # the footer of one page and the head of the next
]


def budget(toc_break: str, table_break: str, deviation: str = "-230") -> str:
    return BUDGET.format(toc_break=toc_break, table_break=table_break, deviation=deviation)


@pytest.mark.parametrize("toc_break", BREAKS)
def test_furniture_between_two_toc_pages_leaves_one_toc(toc_break):
    text = budget(toc_break, RUNNING_HEAD)
    document = doc(text)
    assert [entry.page for entry in document.toc.entries] == [3, 4, 6, 8, 10, 11]
    assert lint(text, "TOC") == []


@pytest.mark.parametrize("table_break", [
    RUNNING_HEAD,
    "4",
    FOOTER.format(page=4) + "\n\n4\n\n" + RUNNING_HEAD,
])
def test_a_running_head_inside_a_four_column_table_leaves_one_table(table_break):
    text = budget(FOOTER.format(page=1), table_break)
    tables = read_tables(doc(text))
    assert len(tables) == 1 and len(tables[0].body) == 4
    assert lint(text, "TAB") == []
    # … and a wrong figure in it is an error at the total row, not an unsure info.
    wrong = budget(FOOTER.format(page=1), table_break, deviation="-330")
    found = [(d.code, d.severity.value, d.span.line) for d in lint(wrong, "TAB")]
    assert ("TAB001", "error", total_line(wrong)) in found
    assert {severity for _, severity, _ in found} == {"error"}


# ---- what is not furniture ------------------------------------------------------------------


def test_a_total_row_repeated_in_many_tables_is_still_a_row():
    table = "Kilde\tBeløb\nTilskud\t40\nEgne midler\t60\nI alt\t{total}\n"
    text = ("# REFERAT Økonomiudvalget d. 04-03-2024\n\n# Punkt 1: Budget\n\n24/01234\n\n## Sagsfremstilling\n\n"
            + "\nOg så:\n\n".join([*(table.format(total="100") for _ in range(3)), table.format(total="110")]))
    assert len(read_tables(doc(text))) == 4
    assert [d.code for d in lint(text, "TAB")] == ["TAB001"]


def test_a_decision_heading_repeated_under_every_item_is_no_running_head():
    text = minutes("3")
    document = doc(text)
    decisions = [item.section(SectionKind.DECISION) for item in document.items]
    assert [d.title for d in decisions] == [f"Kultur- og Fritidsudvalget, 14-06-2022, pkt. {n}" for n in (42, 43)]


def test_a_committee_and_date_line_without_section_words_under_each_item_stays_before_its_case():
    # `Økonomiudvalget 04-03-2024` as each item's title line over its case number: an item, not a head.
    text = ("# REFERAT Økonomiudvalget d. 04-03-2024\n\n"
            "Budget 2025 for Økonomiudvalget 04-03-2024\n\n24/01234\n\n## Beslutning\n\nGodkendt.\n\n"
            "Budget 2025 for Økonomiudvalget 04-03-2024\n\n24/01235\n\n## Beslutning\n\nGodkendt.\n")
    assert len(doc(text).items) == 2


def test_the_title_at_the_top_is_kept_when_the_pages_repeat_it():
    text = ("Økonomiudvalget – 04-03-2024\n\n**Mødedato** Mandag d. 04. marts 2024\n\n"
            "# Punkt 1: Budget\n\n24/01234\n\n## Beslutning\n\nGodkendt.\n\nØkonomiudvalget – 04-03-2024\n\n"
            "# Punkt 2: Eventuelt\n\n24/01235\n\n## Beslutning\n\nIntet.\n")
    document = doc(text)
    assert document.head.title is not None and "Økonomiudvalget" in document.head.title.text
    assert [item.number for item in document.items] == [1, 2]


def test_a_case_number_next_to_a_footer_is_no_page_number():
    text = budget(FOOTER.format(page=1), RUNNING_HEAD).replace(
        "# 12. Godkendelse af dagsorden\n\n24/1021", "24/1021\n# 12. Godkendelse af dagsorden")
    assert doc(text).items[0].case_number.text == "24/1021"


@pytest.mark.parametrize("line, parts", [
    ("Hedeby Kommune · Økonomiudvalget · 04-03-2024", {"municipality", "committee", "date"}),
    ("Kongså Kommune – Kultur- og Fritidsudvalget – 14-06-2022\tSide 1", {"municipality", "committee", "date"}),
    ("Referat · Børn & Læringsudvalget - 08-09-2021", {"committee", "date"}),
    ("Hedeby Kommune · Udvalget for Teknik og Miljø · 04-03-2024", {"municipality", "date"}),
    ("I alt\t100", None),
    ("Orientering fra Ældrerådet\tSide 3", None),
    ("Godkendelse af dagsorden til mødet den 4. juni 2020\t3", None),
])
def test_the_parts_of_a_running_head(line, parts):
    head = running_head(line)
    assert (head and set(head.parts)) == parts if parts else head is None


PAGED = """# REFERAT Økonomiudvalget d. 04-03-2024

# Punkt 1: Budget

24/01234

## Sagsfremstilling

Budgettet er lagt.

Tallene følger.

## Beslutning

Godkendt.

{first}

# Punkt 2: Eventuelt

24/01235

## Beslutning

Intet nyt.

Udvalget drøftede sagen.

{second}

Mødet sluttede.
"""


def paragraphs(text: str) -> list[str]:
    return [block.text for item in doc(text).items for block in item.blocks() if hasattr(block, "text")]


def test_lone_numbers_rising_through_the_document_are_page_numbers():
    assert not {"2", "3"} & set(paragraphs(PAGED.format(first="2", second="3")))


def test_lone_numbers_that_do_not_rise_stay_text():
    assert {"5", "3"} <= set(paragraphs(PAGED.format(first="5", second="3")))
