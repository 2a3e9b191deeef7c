"""TAB rules: budget tables add up (src/referatcheck/tables.py, plugins/tables_rules.py).

Each check: a wrong table caught at the line to edit, the right one silent; the real
corpus gives no TAB error or warning except one documented true defect, and its
rounding-only rows give infos; tables generated from exact values and rounded for
display never give an error, and a cell moved beyond rounding always does.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import KNOWN_CORPUS_DEFECTS, CORPUS, EXAMPLES, corpus_files, doc, lint
from referatcheck.amounts import format_number
from referatcheck.tables import CODE, TOTAL
from referatcheck.vocabulary.tables import CORRECTED, DIFF, PERIOD
from referatcheck_plugins.tables_rules import RULES, AppropriationBalance, TotalRow

HEAD = "# REFERAT Udvalget d. 01-02-2024\n\n# Punkt 1: Budget\n\n24/01234\n\n## Sagsfremstilling\n\n"
HEAD_LINES = HEAD.count("\n")  # the snippet's first line is line HEAD_LINES + 1


def minutes(body: str) -> str:
    return HEAD + body.strip("\n") + "\n"


def tab(body: str, severities=("error", "warning", "info")):
    return [(d.code, d.span.line, d.severity.value) for d in lint(minutes(body), "TAB")
            if d.severity.value in severities]


def line_of(body: str, start: str) -> int:
    """The file line of the snippet line starting with ``start``."""
    for k, line in enumerate(body.strip("\n").split("\n")):
        if line.startswith(start):
            return HEAD_LINES + 1 + k
    raise AssertionError(start)


def messages(body: str, code: str, lang: str = "da") -> list[str]:
    return [d.message.text(lang) for d in lint(minutes(body), code)]


BUDGET = """1.000 kr.\tBudget*\tKorrigeret budget**\tForventet regnskab 2023\tForskel
Integration\t29.832\t16.817\t16.925\t108

Arbejdsmarkedsforanstaltninger\t14.827\t3.627\t5.986\t2.359
Beboelse\t2.300\t7.179\t1.004\t-6.175
I alt\t46.959\t27.623\t23.915\t-3.708

\\*Budget før tilførte midler
"""


# --- the documentation's own examples --------------------------------------------------------
# (each rule's wrong and right example is linted in tests/test_rule_docs.py)


def test_rules_are_documented_in_both_languages():
    codes = [r.code for r in RULES]
    assert codes == [f"TAB00{k}" for k in range(1, 9)]
    for rule in RULES:
        assert rule.family == "TAB" and rule.doc.summary_da and rule.doc.summary_en and rule.doc.why_en
    assert TotalRow.options == {"tolerance": "interval"}


# --- TAB001 totals --------------------------------------------------------------------------------


def test_correct_budget_table_is_silent():
    assert tab(BUDGET) == []


def test_wrong_total_is_reported_at_the_total_row_with_both_values():
    body = BUDGET.replace("I alt\t46.959\t27.623", "I alt\t46.959\t28.623")
    found = lint(minutes(body), "TAB001")
    assert [(d.span.line, d.severity.value) for d in found] == [(line_of(body, "I alt"), "error")]
    assert found[0].message.da == (
        'I alt i kolonnen "Korrigeret budget" er 28.623, men rækkerne summerer til 27.623 (forskel 1.000).'
    )
    assert "the rows sum to 27.623 (difference 1.000)" in found[0].message.en
    # the cell is spanned: column of "28.623" on that line
    assert minutes(body).split("\n")[found[0].span.line - 1][found[0].span.column - 1:].startswith("28.623")


def test_a_cell_whose_own_row_breaks_is_named_as_the_likely_culprit():
    # Beboelse's Forskel has the wrong sign; the column total is right for the true value.
    body = BUDGET.replace("1.004\t-6.175", "1.004\t6.175")
    found = {(d.code, d.span.line) for d in lint(minutes(body), "TAB")}
    row = line_of(body, "Beboelse")
    assert found == {("TAB001", row), ("TAB002", row)}
    total = messages(body, "TAB001")[0]
    assert 'mest sandsynligt rækken "Beboelse" (linje %d)' % row in total
    assert "forskel 12.350" in total


def test_rounding_only_total_is_info_with_both_values():
    body = BUDGET.replace("I alt\t46.959", "I alt\t46.960")
    found = lint(minutes(body), "TAB")
    assert [(d.code, d.severity.value) for d in found] == [("TAB001", "info")]
    assert "46.960" in found[0].message.da and "46.959" in found[0].message.da
    assert "afrundingsforskel" in found[0].message.da


def test_tolerance_exact_reports_rounding_as_warning():
    body = BUDGET.replace("I alt\t46.959", "I alt\t46.960")
    document = doc(minutes(body))
    default = list(TotalRow().check(document, {}))
    exact = list(TotalRow().check(document, {"tolerance": "exact"}))
    assert [d.severity.value for d in default] == ["info"]
    assert [d.severity.value for d in exact] == ["warning"]


def test_error_beyond_rounding_for_many_rows():
    # Twelve rows may be off by up to 6,5 together before it is more than rounding.
    rows = "".join(f"Område {k}\t100\n" for k in range(12))
    assert tab(f"Område\t1.000 kr.\n{rows}I alt\t1.206\n") == [("TAB001", HEAD_LINES + 14, "info")]
    assert tab(f"Område\t1.000 kr.\n{rows}I alt\t1.207\n") == [("TAB001", HEAD_LINES + 14, "error")]


NESTED = """Beløb i 1.000 kr.\tBudget\tRegnskab
Skoler\t100\t90
Dagtilbud\t50\t55
Børn i alt\t150\t145
Ældrepleje\t70\t72
Sundhed\t30\t28
Voksne i alt\t100\t100
I alt\t250\t245
"""


def test_nested_subtotals_are_silent_when_right():
    assert tab(NESTED) == []


@pytest.mark.parametrize(("old", "new", "start"), [
    ("Børn i alt\t150", "Børn i alt\t160", "Børn i alt"),
    ("Voksne i alt\t100\t100", "Voksne i alt\t100\t110", "Voksne i alt"),
    ("I alt\t250", "I alt\t260", "I alt"),
])
def test_nested_subtotals_wrong(old, new, start):
    body = NESTED.replace(old, new)
    errors = tab(body, ("error",))
    assert ("TAB001", line_of(body, start), "error") in errors


GROUPS_ON_TOP = """Beløb i 1.000 kr.\tBudget\tRegnskab
Børn i alt\t150\t145
Skoler\t100\t90
Dagtilbud\t50\t55
Voksne i alt\t100\t100
Ældrepleje\t70\t72
Sundhed\t30\t28
I alt\t250\t245
"""


def test_subtotals_on_top_of_their_groups():
    assert tab(GROUPS_ON_TOP) == []
    wrong = GROUPS_ON_TOP.replace("Voksne i alt\t100\t100", "Voksne i alt\t100\t110")
    assert ("TAB001", line_of(wrong, "Voksne i alt"), "error") in tab(wrong)


RUNNING = """Mio. kr.\tRegnskab 2023
Skatter og tilskud\t-3.120,4
Driftsudgifter\t2.955,1
Renter\t3,7
Resultat af ordinær drift\t-161,6
Anlæg\t120,0
Resultat i alt\t-41,6
"""


def test_running_subtotal_is_not_summed_twice():
    # `Resultat af ordinær drift` sums the three rows above it; `Resultat i alt` is it plus Anlæg.
    assert tab(RUNNING) == []
    wrong_total = RUNNING.replace("Resultat i alt\t-41,6", "Resultat i alt\t-51,6")
    assert tab(wrong_total) == [("TAB001", line_of(wrong_total, "Resultat i alt"), "error")]
    assert "summerer til -41,6" in messages(wrong_total, "TAB001")[0]
    # A wrong subtotal: the total fits its rows without it, so the subtotal is the line to edit.
    wrong_subtotal = RUNNING.replace("drift\t-161,6", "drift\t-171,6")
    assert tab(wrong_subtotal) == [("TAB001", line_of(wrong_subtotal, "Resultat af"), "error")]
    assert "summerer til -161,6" in messages(wrong_subtotal, "TAB001")[0]
    # A rounded subtotal is a rounding difference at the subtotal, nothing more.
    rounded = RUNNING.replace("drift\t-161,6", "drift\t-161,7")
    assert tab(rounded) == [("TAB001", line_of(rounded, "Resultat af"), "info")]


def test_running_subtotals_in_a_chain():
    # Each `Resultat …` runs on from the one above it.
    body = ("Mio. kr.\tRegnskab 2023\tBudget 2024\nSkatter\t-3.120,4\t-3.200,0\nDrift\t2.955,1\t3.000,0\n"
            "Renter\t3,7\t4,0\nResultat af ordinær drift\t-161,6\t-196,0\nAnlæg\t120,0\t150,0\n"
            "Resultat efter anlæg\t-41,6\t-46,0\nFinansforskydninger\t10,0\t20,0\nResultat i alt\t-31,6\t-26,0\n")
    assert tab(body) == []
    wrong = body.replace("anlæg\t-41,6", "anlæg\t-51,6")
    assert tab(wrong) == [("TAB001", line_of(wrong, "Resultat efter"), "error")]


def test_running_subtotal_shown_by_its_figures_alone():
    body = ("1.000 kr.\tBudget\tRegnskab\nSkatter\t-500\t-510\nUdgifter\t450\t455\nNetto\t-50\t-55\n"
            "Anlæg\t20\t30\nI alt\t-30\t-25\n")
    assert tab(body) == []
    wrong = body.replace("I alt\t-30", "I alt\t-40")
    assert tab(wrong) == [("TAB001", line_of(wrong, "I alt"), "error")]


def test_a_row_that_happens_to_be_the_sum_above_is_still_a_row():
    body = "1.000 kr.\tBudget\nA\t10\nB\t20\nC\t30\nD\t40\nI alt\t100\n"
    assert tab(body) == []
    wrong = body.replace("I alt\t100", "I alt\t110")
    assert tab(wrong) == [("TAB001", line_of(wrong, "I alt"), "error")]
    assert "summerer til 100" in messages(wrong, "TAB001")[0]


def test_label_in_a_text_column_after_a_code():
    body = "Konto\tTekst\tBeløb\n01\tSkoler\t100\n02\tDagtilbud\t50\n\tI alt\t160\n"
    assert tab(body) == [("TAB001", line_of(body, "\tI alt"), "error")]


def test_codes_as_column_names():
    body = ("PO\t11\t12\t18\tI alt\nSkoler\t100\t200\t300\t600\nDagtilbud\t50\t50\t50\t150\n"
            "I alt\t150\t250\t350\t750\n")
    assert tab(body) == []
    wrong = body.replace("I alt\t150\t250", "I alt\t150\t260")
    assert tab(wrong) == [("TAB001", line_of(wrong, "I alt\t150"), "error")]


def test_appropriation_named_in_the_header():
    body = ("Bevillingspåtegning\t2024\t2025\nTillægsbevilling drift\t500\t500\n"
            "Finansiering, kassebeholdning\t-500\t-400\n")
    assert tab(body) == [("TAB005", line_of(body, "Finansiering"), "error")]


def test_qualified_totals_and_rate_columns_are_not_sums():
    body = ("Ydelse\tAntal\tPris pr. stk.\tBeløb\nA\t10\t100\t1.000\nB\t5\t200\t1.000\n"
            "I alt ekskl. refusion\t15\t\t1.500\nI alt\t15\t133\t2.000\n")
    assert tab(body) == []


def test_space_grouped_thousands_in_cells():
    body = "1.000 kr.\tBudget\nA\t1 229 781\nB\t10 000\nI alt\t1 239 781\n"
    assert tab(body) == []
    assert tab(body.replace("I alt\t1 239 781", "I alt\t1 249 781"))[0][0] == "TAB001"


def test_difference_against_the_budget_column_it_really_uses():
    # Forskel is Forventet − Budget here, not − Korrigeret budget.
    body = ("1.000 kr.\tBudget\tKorrigeret budget\tForventet regnskab\tForskel\n"
            "A\t100\t120\t110\t10\nB\t200\t150\t190\t-10\nC\t300\t330\t320\t20\n")
    assert tab(body) == []


def test_total_on_top_sums_the_rows_below():
    body = "1.000 kr.\tBudget\tRegnskab\nI alt\t300\t280\nSkoler\t200\t190\nDagtilbud\t100\t90\n"
    assert tab(body) == []
    wrong = body.replace("I alt\t300", "I alt\t310")
    assert tab(wrong) == [("TAB001", line_of(wrong, "I alt"), "error")]


def test_unlabelled_first_row_that_is_the_sum_of_the_rows_below():
    body = "1.000 kr.\tBudget\tRegnskab\n\t300\t280\nSkoler\t200\t190\nDagtilbud\t70\t60\nFritid\t30\t30\n"
    assert tab(body) == []
    wrong = body.replace("\t300\t280", "\t300\t290")
    assert tab(wrong) == [("TAB001", HEAD_LINES + 2, "error")]


def test_first_row_that_is_no_total_is_left_alone():
    body = "Nøgletal\t2023\t2024\nElever\t412\t438\nKlasser\t20\t21\nLærere\t35\t36\n"
    assert tab(body) == []


def test_heraf_rows_are_parts_not_summed():
    body = ("1.000 kr.\tBudget\nServiceudgifter\t100\nHeraf løn\t60\nHeraf øvrige\t30\n"
            "Overførsler\t50\nI alt\t150\n")
    assert tab(body) == []
    wrong = body.replace("Heraf løn\t60", "Heraf løn\t160")
    assert tab(wrong) == [("TAB001", line_of(wrong, "Heraf løn"), "error")]


def test_sub_items_are_parts_of_the_row_above():
    body = ("1.000 kr.\tBudget\nServiceudgifter\t100\n- Løn\t60\n- Drift\t40\nOverførsler\t50\n"
            "I alt\t150\n")
    assert tab(body) == []
    bulleted = "1.000 kr.\tBudget\n- Skoler\t100\n- Dagtilbud\t50\nI alt\t150\n"
    assert tab(bulleted) == []
    assert tab(bulleted.replace("I alt\t150", "I alt\t160")) == [("TAB001", HEAD_LINES + 4, "error")]


def test_percent_column_is_never_summed():
    body = "Område\tAntal\tAndel %\nA\t30\t30%\nB\t70\t70%\nI alt\t100\t50%\n"
    assert tab(body) == []


# --- TAB002 Forskel / Afvigelse -------------------------------------------------------------------------

REVERSED = """Driftsområder (1.000 kr.)\tKorrigeret budget\tForventet regnskab 2024\tAfvigelse
Veje og trafik\t49.137\t50.021\t-884
Natur og miljø\t10.338\t10.102\t236
Kollektiv trafik\t23.660\t23.660\t0
Driftsudgifter i alt\t83.135\t83.783\t-648

En negativ afvigelse betyder merforbrug.
"""


def test_reverse_sign_convention_is_inferred_and_silent():
    assert tab(REVERSED) == []


def test_row_breaking_the_reverse_convention_is_flagged():
    body = REVERSED.replace("10.102\t236", "10.102\t-236")
    found = lint(minutes(body), "TAB002")
    assert [(d.span.line, d.severity.value) for d in found] == [(line_of(body, "Natur"), "error")]
    assert "forkert fortegn" in found[0].message.da
    assert "Korrigeret budget − Forventet regnskab 2024" in found[0].message.da


def test_magnitude_error_in_difference():
    body = BUDGET.replace("16.925\t108", "16.925\t180")
    assert ("TAB002", line_of(body, "Integration"), "error") in tab(body)


def test_legend_that_contradicts_every_row_is_a_warning_at_the_legend():
    body = REVERSED.replace("En negativ afvigelse betyder merforbrug.", "Positive tal er mindreforbrug.")
    assert tab(body) == []  # positive = mindreforbrug = Korrigeret − Forventet: consistent
    body = REVERSED.replace("En negativ afvigelse betyder merforbrug.", "+ er merforbrug")
    assert tab(body) == [("TAB002", line_of(body, "+ er merforbrug"), "warning")]


def test_legend_in_a_header_cell_and_in_parentheses():
    body = ("1.000 kr.\tKorrigeret budget\tForventet regnskab\tAfvigelse (+ = merforbrug)\n"
            "A\t100\t110\t10\nB\t100\t90\t10\n")
    assert tab(body) == [("TAB002", line_of(body, "B"), "error")]
    body = ("1.000 kr.\tKorrigeret budget\tForventet regnskab\tAfvigelse\nA\t100\t110\t10\nB\t100\t90\t10\n"
            "\n(-) angiver merforbrug\n")
    assert tab(body) == [("TAB002", line_of(body, "A"), "error")]


def test_remaining_budget_against_spending():
    body = ("1.000 kr.\tKorrigeret budget\tForbrug\tRest\tAfvigelse\nA\t100\t40\t60\t60\n"
            "B\t200\t150\t50\t50\nI alt\t300\t190\t110\t110\n")
    assert tab(body) == []
    wrong = body.replace("150\t50\t50", "150\t50\t-50")
    assert ("TAB002", line_of(wrong, "B"), "error") in tab(wrong)


def test_tie_is_settled_by_the_legend_or_left_as_info():
    body = ("1.000 kr.\tKorrigeret budget\tForventet regnskab\tForskel\nA\t100\t110\t10\nB\t100\t90\t10\n")
    assert tab(body) == [("TAB002", HEAD_LINES + 1, "info")]
    with_legend = body + "\n+ er merforbrug\n"
    assert tab(with_legend) == [("TAB002", line_of(with_legend, "B"), "error")]


def test_difference_between_other_columns_is_not_guessed():
    # Forskel here is Budget 2024 − Budget 2023: no forecast column, nothing to check.
    body = "1.000 kr.\tBudget 2023\tBudget 2024\tForskel\nA\t100\t120\t20\nB\t50\t40\t-10\n"
    assert tab(body) == []


# --- TAB003 sum columns -----------------------------------------------------------------------------------

HOLSTEBRO_STYLE = """Driftsområder (1.000 kr.)\tVedtaget budget\tGenbevillinger\tTillægsbevilling og omplaceringer\tKorrigeret budget\tForbrug pr. 31.03.2024\tForventet regnskab 2024\tAfvigelse
Veje og trafik\t48.312\t1.205\t-380\t49.137\t11.904\t50.021\t-884
Natur og miljø\t9.876\t312\t150\t10.338\t2.215\t10.102\t236
Driftsudgifter i alt\t58.188\t1.517\t-230\t59.475\t14.119\t60.123\t-648
"""


def test_corrected_budget_relation_right_and_wrong():
    assert tab(HOLSTEBRO_STYLE) == []
    body = HOLSTEBRO_STYLE.replace("9.876\t312\t150\t10.338", "9.876\t312\t150\t10.638")
    found = lint(minutes(body), "TAB003")
    assert [(d.span.line, d.severity.value) for d in found] == [(line_of(body, "Natur"), "error")]
    assert "9.876 + 312 + 150 = 10.338" in found[0].message.da


def test_afvigelse_i_alt_is_inside_plus_outside():
    body = ("Mio. kr.\tAfvigelse inden for servicerammen\tAfvigelse uden for servicerammen\tAfvigelse i alt\n"
            "Skoler\t1,2\t0,4\t1,6\nDagtilbud\t-0,3\t0,0\t-0,3\nI alt\t0,9\t0,4\t1,3\n")
    assert tab(body) == []
    wrong = body.replace("0,4\t1,6", "0,4\t1,9")
    assert ("TAB003", line_of(wrong, "Skoler"), "error") in tab(wrong)


def test_row_total_column_over_years():
    body = ("Anlægsbevilling (1.000 kr.)\t2024\t2025\tI alt\nRådgivning\t1.150\t0\t1.150\n"
            "Ombygning\t3.200\t9.850\t13.050\nI alt\t4.350\t9.850\t14.200\n")
    assert tab(body) == []
    wrong = body.replace("9.850\t13.050", "9.850\t13.500")
    found = tab(wrong, ("error",))
    assert ("TAB003", line_of(wrong, "Ombygning"), "error") in found


def test_row_total_column_over_quarters():
    body = ("1.000 kr.\t1. kvartal\t2. kvartal\t3. kvartal\t4. kvartal\tI alt\n"
            "Løn\t1.000\t1.000\t1.000\t1.000\t4.000\nDrift\t200\t250\t300\t250\t1.000\n"
            "I alt\t1.200\t1.250\t1.300\t1.250\t5.000\n")
    assert tab(body) == []
    wrong = body.replace("250\t1.000\n", "250\t1.100\n")
    assert {(code, line) for code, line, _ in tab(wrong, ("error",))} == {
        ("TAB003", line_of(wrong, "Drift")), ("TAB001", line_of(wrong, "Drift"))}


# --- TAB004 percentages ------------------------------------------------------------------------------------

PERCENT = """Politikområde (mio. kr.)\tKorrigeret budget\tForbrug pr. 31.01.2024\tForbrugs %
Beskæftigelse\t400,2\t31,6\t7,9%
Borgerservice\t77,6\t6,9\t8,9%
I alt\t477,8\t38,5\t8,1%
"""


def test_percentages_are_ratios_in_the_total_row_too():
    assert tab(PERCENT) == []
    summed = PERCENT.replace("38,5\t8,1%", "38,5\t16,8%")  # the percentages added up
    assert tab(summed) == [("TAB004", line_of(summed, "I alt"), "error")]
    row = PERCENT.replace("6,9\t8,9%", "6,9\t9,9%")
    assert tab(row) == [("TAB004", line_of(row, "Borgerservice"), "error")]


def test_afvigelse_i_procent():
    body = ("1.000 kr.\tKorrigeret budget\tForventet regnskab\tAfvigelse\tAfvigelse i %\n"
            "A\t1.000\t1.100\t100\t10,0\nB\t2.000\t1.900\t-100\t-5,0\nI alt\t3.000\t3.000\t0\t0,0\n")
    assert tab(body) == []
    wrong = body.replace("-100\t-5,0", "-100\t-15,0")
    assert tab(wrong) == [("TAB004", line_of(wrong, "B"), "error")]


# --- TAB005 Bevillingspåtegning -----------------------------------------------------------------------------

APPROPRIATION = """Bevillingspåtegning (i 1.000 kr.)

\tPolitik område\tBudget år\tOverslags år 1\tOverslags år 2\tOverslags år 3
Drift\t11\t-852\t-895\t-895\t-895
Anlæg/ Rådighedsbeløb
Finansiering via:
\t02\t150\t150\t150\t150
Drift andetsteds\t09\t71\t75\t75\t75
\t16\t631\t670\t670\t670
Kassebeholdning\t01
"""


def test_appropriation_with_label_lines_between_rows_balances():
    assert tab(APPROPRIATION) == []
    view = [v for v in doc(minutes(APPROPRIATION)).facts.tables][0]
    assert view.appropriation and view.unit == "t.kr."
    assert [c.kind for c in view.columns][1] == CODE
    assert [c.role for c in view.columns][2:] == [PERIOD] * 4
    # the continuation row takes the label above
    assert [r.label for r in view.body if r.kind == "plain"][-1] == "Drift andetsteds (16)"


def test_appropriation_that_does_not_balance():
    body = APPROPRIATION.replace("\t16\t631\t670\t670\t670", "\t16\t631\t670\t770\t670")
    found = lint(minutes(body), "TAB005")
    assert [(d.span.line, d.severity.value) for d in found] == [(line_of(body, "\t16"), "error")]
    assert "summerer til 100, ikke 0" in found[0].message.da
    assert 'mest sandsynligt rækken "Drift andetsteds (16)"' in found[0].message.da


def test_appropriation_with_a_flattened_row_is_not_computed():
    body = APPROPRIATION.replace("Kassebeholdning\t01", "Kassebeholdning 01 -500")
    assert tab(body) == [("TAB008", line_of(body, "\tPolitik"), "info")]


def test_appropriation_with_a_total_grant_row_and_sub_items():
    body = ("Bevillingspåtegning (i 1.000 kr.)\n\n\tBudget år\tOverslags år 1\n"
            "Tillægsbevilling i alt\t500\t500\n- Kassebeholdning\t-500\t-500\n")
    assert tab(body) == []
    assert tab(body.replace("-500\t-500", "-500\t-400")) == [("TAB005", HEAD_LINES + 5, "error")]


def test_appropriation_rule_options():
    assert AppropriationBalance.options == {"tolerance": "interval"}


# --- TAB006 units against prose -------------------------------------------------------------------------------

UNITS = """Begge projekter forventes afsluttet. Budgettet er i alt 4,3 mio. kr.

Beløb i mio. kr.\tBudget 2024\tForbrug
Tagrenovering\t2.462\t1.104
Legeplads\t1.850\t612
I alt\t4.312\t1.716
"""


def test_unit_label_contradicted_by_the_text():
    found = lint(minutes(UNITS), "TAB006")
    assert [(d.span.line, d.span.column, d.severity.value) for d in found] == [
        (line_of(UNITS, "Beløb"), 1, "warning")]
    assert "1.000 kr." in found[0].message.da and "4,3 mio. kr." in found[0].message.da


def test_unit_label_that_agrees_with_the_text():
    assert tab(UNITS.replace("Beløb i mio. kr.", "Beløb i 1.000 kr.")) == []


def test_unit_label_in_thousands_but_figures_in_millions():
    body = ("Merforbruget er på 17,1 mio. kr. i alt.\n\n1.000 kr.\tForventet\nSkoler\t12,4\nDagtilbud\t4,7\n"
            "I alt\t17,1\n")
    assert tab(body) == [("TAB006", line_of(body, "1.000 kr."), "warning")]


def test_coarse_prose_figures_prove_nothing():
    body = "Et merforbrug på ca. 0,3 mio. kr.\n\nBeløb i mio. kr.\tBudget\nA\t150\nB\t177\nI alt\t327\n"
    assert tab(body) == []


# --- TAB007 number format ----------------------------------------------------------------------------------------


def test_english_and_malformed_numbers():
    body = "Nøgletal\t2023\t2024\nElever\t412\t438\nTimer\t1.187,5\t1,234.5\nBeløb\t1.23.456\t2.000\n"
    found = tab(body)
    assert ("TAB007", line_of(body, "Timer"), "warning") in found
    assert ("TAB007", line_of(body, "Beløb"), "warning") in found
    assert len(found) == 2


def test_dates_in_a_schedule_are_no_english_numbers():
    body = "Møde\tDato\tSted\nFørste\t19.4\tByråd\nAnden\t23.8\tByråd\n"
    assert tab(body) == []


# --- shapes that are not budget tables, or cannot be read ---------------------------------------------------------


@pytest.mark.parametrize("body", [
    # a schedule
    "\tUge 15/16 (april)\tFagudvalg\nFørste bevillingsrevision\t19. april\tØkonomiudvalg\n\t26. april\tByråd\n\n"
    "\tUge 33 (august)\tFagudvalg\nAnden bevillingsrevision\t23. august\tØkonomiudvalg\n",
    # amounts with kr. in the cells, no totals
    "\tBruttoudgifter 2021\tBruttoudgifter 2022\nHjælpemidler\t819.439 kr.\t1.045.133 kr.\n"
    "Personlig assistance\t6.233.456 kr.\t6.268.721 kr.\nIsbryderordning\t0 kr.\t0 kr.\n",
    # counts without totals
    "Nøgletal\t2023\t2024\nLedige\t412\t438\nAktiverede\t96\t120\n",
    # a table flattened into one value per paragraph
    "Anlægsprojekt i 1.000 kr.\n\nRestbudget 2020\n\nOverførsel til 2021\n\nPolitikområde 18\n\n215\n\n215\n",
    # dates and case numbers
    "Sag\tDato\tNr.\nA\t07-11-2023\t22/24308\nB\t14-11-2023\t22/24309\n",
    # a text column among figures
    "Område\tBudget\tBemærkning\nA\t100\tuændret\nB\t200\tnyt\nI alt\t300\t\n",
])
def test_non_budget_tables_are_silent(body):
    assert tab(body, ("error", "warning")) == []


def test_misaligned_rows_give_at_most_an_info():
    body = "1.000 kr.\tBudget\tRegnskab\nSkoler\t100\t90\t-10\nDagtilbud\t50\t60\t10\nI alt\t100\t90\t0\n"
    assert tab(body) == [("TAB008", line_of(body, "1.000 kr."), "info")]


def test_two_level_header_years_over_names():
    body = ("\t2023\t\t2024\t\n1.000 kr.\tBudget\tRegnskab\tBudget\tRegnskab\nA\t100\t90\t110\t100\n"
            "B\t50\t45\t55\t60\nI alt\t150\t135\t165\t160\n")
    view = doc(minutes(body)).facts.tables[0]
    assert [c.name for c in view.columns[1:]] == ["2023 Budget", "2023 Regnskab", "2024 Budget", "2024 Regnskab"]
    assert view.unit == "t.kr." and len(view.header) == 2
    assert tab(body) == []
    wrong = body.replace("I alt\t150\t135\t165\t160", "I alt\t150\t135\t165\t170")
    assert tab(wrong) == [("TAB001", line_of(wrong, "I alt"), "error")]


def test_pipe_table_with_separator_and_html():
    body = ("| <i>i 1.000 kr.</i> | Korrigeret budget | Forventet regnskab | Forskel |\n|---|---|---|---|\n"
            "| A | 100 | 110 | 10 |\n| B | <b>200</b> | 190 | -10 |\n| **I alt** | 300 | 300 | 0 |\n")
    view = doc(minutes(body)).facts.tables[0]
    assert view.unit == "t.kr." and view.column(CORRECTED) and view.column(DIFF)
    assert [r.kind for r in view.body][-1] == TOTAL
    assert tab(body) == []
    wrong = body.replace("| 300 | 300 |", "| 310 | 300 |")
    assert ("TAB001", line_of(wrong, "| **I alt"), "error") in tab(wrong)


GRID = """+----------------+---------+
| Ansøger        | Kr.     |
+================+=========+
| Musikforening  | 250.000 |
+----------------+---------+
| Teatergruppen  | 300.000 |
| Kulissen       |         |
+----------------+---------+
| I alt          | 550.000 |
+----------------+---------+
"""

SIMPLE = """  Område (1.000 kr.)   Korrigeret budget   Forbrug pr. 30/9   Forbrugs %
  -------------------- ------------------- ------------------ ------------
  Folkeskoler          412.300             301.000            73,0
  SFO og klubber       61.100              43.400             71,0
  I alt                473.400             344.400            72,8
"""


@pytest.mark.parametrize(("table", "total", "wrong_total", "total_line"), [
    (GRID, "| 550.000 |", "| 650.000 |", "| I alt"),
    (SIMPLE, "473.400             344.400", "473.400             354.400", "  I alt"),
])
def test_pandoc_grid_and_simple_tables_are_checked(table, total, wrong_total, total_line):
    assert tab(table) == []
    wrong = table.replace(total, wrong_total)
    assert ("TAB001", line_of(wrong, total_line), "error") in tab(wrong)


def test_pandoc_table_that_does_not_line_up_is_said_not_read():
    crossing = SIMPLE.replace("  SFO og klubber       61.100 ", "  SFO og klubber     61.100   ")
    assert tab(crossing) == [("TAB008", line_of(crossing, "  Område"), "info")]


def test_caption_unit_and_blank_lines_between_rows():
    body = "Fordeling (i 1.000 kr.):\n\nIndsats\tBeløb\nA\t1.100\n\nB\t800\n\nI alt\t1.900\n"
    view = doc(minutes(body)).facts.tables[0]
    assert view.unit == "t.kr." and view.unit_span.line == line_of(body, "Fordeling")
    assert tab(body) == []


def test_huge_tables_are_bounded_work():
    import time

    wide = "1.234\t" * 100_000
    many_totals = "\n".join(f"R{k}\t{k}" if k % 2 else f"S{k} i alt\t{k}" for k in range(1_999))
    for body in (wide, many_totals):
        start = time.perf_counter()
        tab(body)
        assert time.perf_counter() - start < 5


# --- the real corpus ----------------------------------------------------------------------------------------------

S2021 = "soenderborg-arbejdsmarkeds-og-integrationsudvalget-2021-03-03.md"
S2023 = "soenderborg-arbejdsmarkedsudvalget-2023-11-07.md"


# Rounding-only rows of the corpus, all in the 2023 minutes (Politikområde 12 and 18).
CORPUS_ROUNDING = {
    (S2023, "TAB001", 269, "Budget"),  # 2.053 + 69.183 + 10.251 + 335 = 81.822, shown 81.821
    (S2023, "TAB001", 269, "Korrigeret budget"),  # the same rows, 81.822, shown 81.821
    (S2023, "TAB002", 269, "Forskel"),  # 78.967 − 81.821 = −2.854, shown −2.855
    (S2023, "TAB002", 280, "Forskel"),  # 529.937 − 529.598 = 339, shown 340
    (S2023, "TAB002", 287, "Forskel"),  # 36.748 − 36.133 = 615, shown 614
    (S2023, "TAB002", 290, "Forskel"),  # 45.783 − 46.199 = −416, shown −415
    (S2023, "TAB002", 291, "Forskel"),  # 63.336 − 66.906 = −3.570, shown −3.571
}


def _corpus_tab():
    for path in corpus_files():
        for d in lint(path.read_text(encoding="utf-8"), "TAB"):
            yield path.name, d


def test_corpus_gives_no_tab_error_or_warning_but_the_documented_defect():
    bad = {(name, d.code, d.span.line) for name, d in _corpus_tab() if d.severity.value != "info"}
    assert bad == KNOWN_CORPUS_DEFECTS


def test_corpus_unit_defect_message():
    found = [d for name, d in _corpus_tab() if name == S2021 and d.code == "TAB006"]
    assert len(found) == 1
    assert "mio. kr." in found[0].message.da and "-73.153" in found[0].message.da and "1.000 kr." in \
        found[0].message.da


def test_corpus_rounding_rows_give_infos():
    infos = {(name, d.code, d.span.line, d.subject.split("/")[-1]) for name, d in _corpus_tab()
             if d.severity.value == "info"}
    assert infos == CORPUS_ROUNDING


def test_corpus_tables_are_read():
    text = (CORPUS / S2023).read_text(encoding="utf-8")
    views = doc(text).facts.tables
    appropriation = [v for v in views if v.appropriation]
    assert len(appropriation) == 1 and appropriation[0].unit == "t.kr."
    schedule = [v for v in views if v.span.line == 215][0]
    assert not schedule.numeric_columns  # dates and weeks, no amounts
    holstebro = (CORPUS / "holstebro-arbejdsmarkedsudvalget-2022-11-28.md").read_text(encoding="utf-8")
    [view] = doc(holstebro).facts.tables
    assert [c.role for c in view.columns[1:]] == [
        "adopted-budget", "carry-over", "supplementary", "corrected-budget", "spent", "forecast", "difference"]


@pytest.mark.parametrize(("line", "old", "new", "codes"), [
    (286, "196.617", "196.917", {("TAB001", 292), ("TAB002", 286)}),  # Fleksjob's Korrigeret budget
    (292, "1.229.781", "1.239.781", {("TAB001", 292)}),  # the Budget total
    (249, "-6.175", "6.175", {("TAB001", 249), ("TAB002", 249)}),  # Beboelse's Forskel sign
    (309, "\t75\t75\t75", "\t75\t85\t75", {("TAB005", 309)}),  # the appropriation, Overslags år 2
])
def test_injected_corpus_errors(line, old, new, codes):
    lines = (CORPUS / S2023).read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    found = {(d.code, d.span.line) for d in lint("\n".join(lines), "TAB") if d.severity.value == "error"}
    assert found == codes


def test_holstebro_appropriation_free_table_injected():
    path = CORPUS / "holstebro-arbejdsmarkedsudvalget-2022-11-28.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[359] = lines[359].replace("105.572\t16\t-9.718\t95.870", "105.572\t16\t-9.718\t95.970")
    found = {(d.code, d.span.line) for d in lint("\n".join(lines), "TAB") if d.severity.value == "error"}
    assert ("TAB003", 360) in found


# --- the examples -----------------------------------------------------------------------------------------------


def test_clean_examples_give_only_rounding_infos():
    for path in sorted((EXAMPLES / "clean").glob("*.md")):
        found = lint(path.read_text(encoding="utf-8"), "TAB")
        assert all(d.severity.value == "info" and "afrunding" in d.message.da for d in found), path.name


def test_table_defects_example_at_the_expected_lines():
    path = EXAMPLES / "defects" / "table-defects.md"
    found = {(d.code, d.span.line) for d in lint(path.read_text(encoding="utf-8"), "TAB")
             if d.severity.value != "info"}
    assert found == {
        ("TAB001", 59), ("TAB001", 72), ("TAB002", 72),
        ("TAB001", 106), ("TAB002", 106), ("TAB003", 106),
        ("TAB005", 152), ("TAB006", 176), ("TAB007", 207),
    }


# --- properties: rounding is never an error, a moved cell always is -----------------------------------------------

NAMES = ["Skoler", "Dagtilbud", "Ældrepleje", "Sundhed", "Kultur", "Veje", "Natur", "Fritid"]
exact_value = st.integers(min_value=100_000, max_value=90_000_000).map(lambda v: Decimal(v) / 1000)


def _round(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


@st.composite
def budget_tables(draw):
    n = draw(st.integers(min_value=2, max_value=6))
    decimals = draw(st.integers(min_value=0, max_value=1))
    forecast_minus_budget = draw(st.booleans())
    rows = []
    for k in range(n):
        budget, corrected = draw(exact_value), draw(exact_value)
        forecast = corrected + draw(st.integers(min_value=-5_000_000, max_value=5_000_000)) / Decimal(1000)
        rows.append([budget, corrected, forecast])
    totals = [sum(r[j] for r in rows) for j in range(3)]
    table = [(NAMES[k], r) for k, r in enumerate(rows)] + [("I alt", totals)]
    cells = []
    for label, (budget, corrected, forecast) in table:
        diff = forecast - corrected if forecast_minus_budget else corrected - forecast
        cells.append([label] + [_round(v, decimals) for v in (budget, corrected, forecast, diff)])
    return decimals, cells


def _render(cells, decimals) -> str:
    head = "1.000 kr.\tBudget\tKorrigeret budget\tForventet regnskab\tForskel\n"
    return head + "".join(
        "\t".join([row[0]] + [format_number(v, decimals) for v in row[1:]]) + "\n" for row in cells)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(budget_tables())
def test_rounded_exact_tables_never_give_an_error(table):
    decimals, cells = table
    found = tab(_render(cells, decimals), ("error", "warning"))
    assert found == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(budget_tables(), st.data())
def test_a_cell_moved_beyond_rounding_gives_an_error_at_its_row_or_total(table, data):
    decimals, cells = table
    n = len(cells) - 1
    row = data.draw(st.integers(min_value=0, max_value=n))
    column = data.draw(st.integers(min_value=1, max_value=4))
    units = data.draw(st.integers(min_value=n + 2, max_value=10 * (n + 2)))
    sign = data.draw(st.sampled_from([1, -1]))
    cells[row][column] += sign * units * Decimal(1).scaleb(-decimals)
    found = tab(_render(cells, decimals), ("error",))
    first = HEAD_LINES + 2  # the first body row
    assert found, cells
    assert {line for _, line, _ in found} & {first + row, first + n}, (found, row)


@st.composite
def grant_tables(draw):
    """Vedtaget + Genbevillinger + Tillæg = Korrigeret; Forbrugs % = Forbrug / Korrigeret."""
    n = draw(st.integers(min_value=2, max_value=5))
    rows = []
    for k in range(n):
        adopted = Decimal(draw(st.integers(10_000_000, 900_000_000))) / 1000
        carry = Decimal(draw(st.integers(0, 9_000_000))) / 1000
        extra = Decimal(draw(st.integers(-9_000_000, 9_000_000))) / 1000
        spent = adopted * draw(st.integers(10, 1_200)) / 1000  # up to 120 % spent: ratios stay precise
        rows.append((NAMES[k], [adopted, carry, extra, adopted + carry + extra, spent]))
    totals = [sum(r[1][j] for r in rows) for j in range(5)]
    cells = []
    for label, values in rows + [("I alt", totals)]:
        shown = [_round(v, 0) for v in values]
        cells.append([label] + shown + [_round(values[4] / values[3] * 100, 1)])
    return cells


def _render_grants(cells) -> str:
    head = ("Driftsområder (1.000 kr.)\tVedtaget budget\tGenbevillinger\tTillægsbevilling og omplaceringer\t"
            "Korrigeret budget\tForbrug pr. 31.10.2024\tForbrugs %\n")
    return head + "".join(
        "\t".join([row[0]] + [format_number(v) for v in row[1:6]] + [format_number(row[6], 1) + "%"]) + "\n"
        for row in cells)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(grant_tables(), st.data())
def test_rounded_grant_tables_hold_and_a_moved_cell_breaks_them(cells, data):
    assert tab(_render_grants(cells), ("error", "warning")) == []
    n = len(cells) - 1
    row = data.draw(st.integers(min_value=0, max_value=n))
    column = data.draw(st.integers(min_value=1, max_value=6))
    sign = data.draw(st.sampled_from([1, -1]))
    if column == 6:  # the percentage: well beyond what the rounded figures allow
        cells[row][6] += sign * Decimal(data.draw(st.integers(50, 300))) / 10
    else:
        cells[row][column] += sign * data.draw(st.integers(min_value=n + 2, max_value=50 * (n + 2)))
    found = tab(_render_grants(cells), ("error",))
    first = HEAD_LINES + 2
    assert found and {line for _, line, _ in found} & {first + row, first + n}, (found, row, column)


@st.composite
def appropriations(draw):
    years = 4
    grants = [draw(st.integers(min_value=-3_000, max_value=3_000)) for _ in range(years)]
    n = draw(st.integers(min_value=1, max_value=3))
    shares = []
    rest = [-g for g in grants]
    for k in range(n - 1):
        share = [draw(st.integers(min_value=-2_000, max_value=2_000)) for _ in range(years)]
        shares.append(share)
        rest = [r - s for r, s in zip(rest, share)]
    shares.append(rest)
    return grants, shares


def _appropriation(grants, shares) -> str:
    lines = ["Bevillingspåtegning (i 1.000 kr.)", "",
             "\tPolitik område\tBudget år\tOverslags år 1\tOverslags år 2\tOverslags år 3",
             "Drift\t11\t" + "\t".join(format_number(g) for g in grants), "Finansiering via:\t\t\t\t\t"]
    for k, share in enumerate(shares):
        label = "Drift andetsteds" if k == 0 else ""
        lines.append(f"{label}\t{k + 12:02d}\t" + "\t".join(format_number(v) for v in share))
    return "\n".join(lines) + "\nKassebeholdning\t01\t\t\t\t\n"


@settings(max_examples=30, deadline=None)
@given(appropriations(), st.data())
def test_appropriations_balance_and_a_moved_cell_does_not(note, data):
    grants, shares = note
    assert tab(_appropriation(grants, shares), ("error", "warning")) == []
    year = data.draw(st.integers(min_value=0, max_value=3))
    beyond_rounding = len(shares) + 2  # 1 + len(shares) figures, each ±0,5
    grants[year] += data.draw(st.sampled_from([-1, 1])) * data.draw(st.integers(beyond_rounding, 500))
    assert [code for code, _, _ in tab(_appropriation(grants, shares), ("error",))] == ["TAB005"]


cell_text = st.one_of(
    st.sampled_from(["", "-", "---", "|", "I alt", "Heraf x", "- Løn", "1.000 kr.", "(123)", "12,5%", "1,234.5",
                     "÷ 7", "Forskel", "Korrigeret budget", "Forbrugs %", "Bevillingspåtegning", "<b>", "**", "01",
                     "2024", "Overslags år 1", "Afvigelse i %", "Vedtaget budget", "Genbevillinger", "Tillæg"]),
    st.integers(min_value=-10**7, max_value=10**7).map(format_number),
    st.text(alphabet="0123456789.,-% kr", max_size=12),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(cell_text, min_size=1, max_size=6), min_size=1, max_size=8))
def test_any_table_is_read_without_a_crash(rows):
    text = "\n".join("\t".join(r) if len(r) > 1 else r[0] + "\t" for r in rows)
    found = lint(minutes(text))
    assert not [d for d in found if d.code.startswith("RC")]


@pytest.mark.parametrize("body", ["-----\t-----\n", "|---|---|\n", "-----\t-----\n\n-----\t-----\n",
                                  "Bevillingspåtegning\n\n-----\t-----\n", "\t\t\n"])
def test_degenerate_tables(body):
    assert not [d for d in lint(minutes(body)) if d.code.startswith(("RC", "TAB"))]


@pytest.mark.parametrize("next_table", [
    "Budget i 1.000 kr.\tBudget\tForbrug\nNordskolen\t10.000\t7.750\nI alt\t10.000\t7.750\n",
    "(mio. kr.)\t2021\t2022\nUdgift\t3,5\t3,5\nFinansiering\t-3,5\t-3,5\nNetto\t0,0\t0,0\n",
])
def test_appropriation_note_ends_where_the_next_table_begins(next_table):
    # A table right after the note (one blank line apart) is not more rows of the note.
    assert tab(APPROPRIATION + "\n" + next_table, ("error", "warning")) == []
