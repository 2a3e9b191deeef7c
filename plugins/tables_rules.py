"""TAB — budget tables add up: totals, derived columns, percentages, units, appropriations.

Every relation is computed on intervals (XBRL Calculations 1.1, round-to-nearest; see
``referatcheck.amounts``): a figure shown as ``v`` stands for ``v ± half a unit of its
last digit``. A relation whose computed interval does not overlap the shown one is an
error; one whose exact values differ but whose intervals overlap is a rounding
difference, reported as info with both values.

The table's structure comes from ``referatcheck.tables``. One analysis per table runs
the checks in an order that lets later checks explain themselves: a cell that breaks
its own row's relation (``Korrigeret budget`` ≠ Vedtaget + Genbevillinger + Tillæg) is
a *suspect*; a column total that the suspect's expected value would make right points
at that row instead of the total row.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from decimal import Decimal
from functools import lru_cache
from typing import Iterator, Sequence

from attrs import frozen

from referatcheck import hookimpl
from referatcheck.amounts import (
    UNIT_SCALE,
    Amount,
    Interval,
    find_numbers,
    format_number,
    is_english_number,
    is_malformed_number,
)
from referatcheck.diagnostic import Severity, figures_in
from referatcheck.edits import Applicability, Edit, Fix
from referatcheck.model import Document, Span
from referatcheck.rule import Rule, RuleDoc
from referatcheck.tables import (
    CODE, PART, PERCENT, PLAIN, SUB, TOTAL, BodyRow, Column, TableView, is_subtotal_label, prose_line,
)
from referatcheck.vocabulary.tables import (
    ACCOUNTS, ADOPTED, BUDGET, CARRYOVER, CORRECTED, DIFF, DIFF_TOTAL, FORECAST, OUTSIDE, PCT_DIFF, PCT_SPENT, PERIOD,
    ROW_TOTAL, SPENT, SUPPLEMENT, WITHIN,
)
from referatcheck.titles import clean_inline

ERROR, ROUNDING, WARNING, INFO = "error", "rounding", "warning", "info"
_HUNDRED = Interval.point(100)


@frozen
class Finding:
    code: str
    level: str  # error, rounding, warning or info
    span: Span
    da: str
    en: str
    related: tuple[Span, ...] = ()
    subject: str = ""
    fix: Fix | None = None


def table_findings(document: Document) -> dict[str, tuple[Finding, ...]]:
    """All TAB findings of a document, by code: the tables are checked once
    (``document.facts.shared``) and each rule picks its own."""
    return document.facts.shared("TAB", _check_tables)


def _check_tables(document: Document) -> dict[str, tuple[Finding, ...]]:
    found: dict[str, list[Finding]] = defaultdict(list)
    for view in document.facts.tables:
        for finding in TableCheck(view).run():
            found[finding.code].append(finding)
    return {code: tuple(items) for code, items in found.items()}


# --- small helpers -----------------------------------------------------------------------


def _shown(value: Decimal, decimals: int) -> str:
    return format_number(value, decimals)


def _verdict(exact: Decimal, half: Decimal, shown: Amount) -> str:
    """Compare a computed figure (exact value ± half) with a shown one.

    The intervals ``[exact ± half]`` and ``[shown ± shown.half]`` overlap exactly when the
    values lie no further apart than the two half-widths together.
    """
    if exact == shown.value:
        return "ok"
    return ROUNDING if abs(shown.value - exact) <= half + shown.half else ERROR


def _sum(values) -> tuple[Decimal, Decimal]:
    """Exact sum and half-width of the sum of shown figures (None counts as nothing)."""
    exact = half = Decimal(0)
    for v in values:
        if v is not None:
            exact += v.value
            half += v.half
    return exact, half


def _fits(exact: Decimal, half: Decimal, shown: Amount) -> bool:
    return abs(shown.value - exact) <= half + shown.half


def _q(label: str) -> str:
    """A row or column name in quotes for a message."""
    return f'"{label}"' if label else '""'


def _col(column: Column) -> str:
    return _q(column.name) if column.name else f"kolonne {column.index + 1}"


def _col_en(column: Column) -> str:
    return _q(column.name) if column.name else f"column {column.index + 1}"


def _total_name(row: BodyRow) -> str:
    return "I alt" if row.label.casefold() == "i alt" else _q(row.label)


def _expression(values: Sequence[Decimal], decimals: int) -> str:
    """``[88905, 2310, -1200]`` → ``88.905 + 2.310 - 1.200``."""
    out = _shown(values[0], decimals)
    for value in values[1:]:
        out += (" - " if value < 0 else " + ") + _shown(abs(value), decimals)
    return out


def _with_subtotals(rows: list[int], subtotals: list[int], groups: dict[int, list[int]]) -> list[int]:
    """``rows`` with the rows each running subtotal sums left out (the subtotal stands for them)."""
    summed = {k for s in subtotals if s in rows for k in groups[s]}
    return [k for k in rows if k not in summed]


def _without_subtotals(rows: list[int], subtotals: list[int]) -> list[int]:
    """``rows`` with the running subtotals left out (their rows stand for them)."""
    return [k for k in rows if k not in subtotals]


def _abs_interval(interval: Interval) -> Interval:
    if interval.lo >= 0:
        return interval
    if interval.hi <= 0:
        return -interval
    return Interval(Decimal(0), max(-interval.lo, interval.hi))


_MAX_WORK = 300_000  # cells summed while establishing what the totals of one table cover
_FACTORS = (Decimal(1), Decimal(1000), Decimal("0.001"), Decimal(10) ** 6, Decimal(10) ** -6)
_FLOAT_FACTORS = tuple(float(f) for f in _FACTORS)


@lru_cache(maxsize=64)
def _money_mentions(prose) -> tuple:
    """Money figures in the text around tables, as intervals in kroner, sorted.

    Each is ``(lo, hi, interval, amount, line)`` (``lo``/``hi`` as floats for a quick
    search); only figures with two significant digits or more (`0,3 mio. kr.` proves
    nothing about a table's unit).
    """
    found = []
    for text, offsets in prose:
        for amount, start, _ in find_numbers(text):
            unit = {"mio.": "mio. kr.", "mia.": "mia. kr."}.get(amount.unit, amount.unit)
            if unit in UNIT_SCALE and _significant_digits(amount) >= 2:
                interval = _abs_interval(amount.interval).scaled(UNIT_SCALE[unit])
                found.append((float(interval.lo), float(interval.hi), interval, amount, prose_line(offsets, start)))
    found.sort(key=lambda m: m[0])
    return tuple(found)


_STRONG_ENGLISH = re.compile(r"\d,\d{3}[.,]|\d\.\d+,\d{3}\b|\d,\d{3}\.\d")
_UNIT_NAME = {"t.kr.": "1.000 kr.", "kr.": "kr.", "mio. kr.": "mio. kr.", "mia. kr.": "mia. kr."}


# --- the analysis of one table ----------------------------------------------------------------


class TableCheck:
    """All checks of one table; ``suspects`` links them (see the module docstring)."""

    def __init__(self, view: TableView) -> None:
        self.view = view
        self.body = view.body
        # (row index, column index) → the value the row's own relation expects there
        self.suspects: dict[tuple[int, int], Decimal] = {}
        # total cells that are not the sum of their rows → that sum
        self.total_expected: dict[tuple[int, int], Decimal] = {}
        self.structure: list[tuple[int, list[int], bool]] = []
        self.parents: dict[int, int] = {}

    def run(self) -> Iterator[Finding]:
        view = self.view
        yield from self.number_format()
        if view.problem is not None:
            if view.looks_like_budget:
                yield Finding(
                    "TAB008", INFO, view.rows[0].span,
                    f"Tabellen kunne ikke læses sikkert ({view.problem}); dens tal er ikke kontrolleret.",
                    f"The table could not be read reliably ({view.problem_en}); its figures were not checked.",
                )
            return
        if not view.numeric_columns:
            return
        self.structure, self.parents = self._total_structure()
        self.total_expected = self._expected_totals()
        if view.appropriation:
            yield from self.appropriation()
            yield from self.units()
            return
        yield from self.sum_columns()
        yield from self.differences()
        yield from self.percentages()
        yield from self.totals()
        yield from self.units()

    # -- TAB003: a column that is the sum of other columns in the same row -------------------

    def _sum_relations(self) -> list[tuple[Column, list[Column]]]:
        """``(target, components)`` for the columns that, by their names, are sums of others."""
        view = self.view
        relations = []
        corrected, adopted = view.column(CORRECTED), view.column(ADOPTED)
        if corrected and adopted and adopted.index < corrected.index:
            between = [c for c in view.numeric_columns if adopted.index < c.index < corrected.index]
            if between and all(c.role in (CARRYOVER, SUPPLEMENT, None) for c in between) and any(
                c.role in (CARRYOVER, SUPPLEMENT) for c in between
            ):
                relations.append((corrected, [adopted, *between]))
        within, outside = view.column(WITHIN), view.column(OUTSIDE)
        total = view.column(DIFF_TOTAL) or view.column(ROW_TOTAL)
        if within and outside and total:
            relations.append((total, [within, outside]))
        elif total is not None and total.role == ROW_TOTAL:
            periods = [c for c in view.numeric_columns if c.index < total.index]
            if len(periods) >= 2 and all(c.role == PERIOD for c in periods):
                relations.append((total, periods))
        return relations

    def sum_columns(self) -> Iterator[Finding]:
        for target, parts in self._sum_relations():
            results = []
            for i, row in enumerate(self.body):
                shown = row.amount(target.index)
                values = [row.amount(c.index) for c in parts]
                if shown is None or all(v is None for v in values):
                    continue
                exact, half = _sum(values)
                results.append((i, row, shown, values, exact, _verdict(exact, half, shown)))
            if not self._confirmed([r[-1] for r in results]):
                continue
            names = " + ".join(c.name or f"kolonne {c.index + 1}" for c in parts)
            names_en = " + ".join(c.name or f"column {c.index + 1}" for c in parts)
            for i, row, shown, values, exact, verdict in results:
                if verdict == "ok":
                    continue
                decimals = max([shown.decimals] + [v.decimals for v in values if v is not None])
                expr = _expression([v.value if v is not None else Decimal(0) for v in values], decimals)
                diff = _shown(abs(shown.value - exact), decimals)
                head_da = (f"{_col(target)} i rækken {_q(row.label)} er {shown.format()}, men {names} = {expr} = "
                           f"{_shown(exact, decimals)} (forskel {diff})")
                head_en = (f"{_col_en(target)} in row {_q(row.label)} is {shown.format()}, but {names_en} = {expr} = "
                           f"{_shown(exact, decimals)} (difference {diff})")
                if verdict == ERROR:
                    self.suspects[(i, target.index)] = exact
                    yield Finding("TAB003", ERROR, row.cell_span(target.index), head_da + ".", head_en + ".",
                                  subject=f"{row.label}/{target.name}")
                else:
                    yield Finding("TAB003", ROUNDING, row.cell_span(target.index),
                                  head_da + ": en afrundingsforskel inden for de viste cifre.",
                                  head_en + ": a rounding difference within the digits shown.",
                                  subject=f"{row.label}/{target.name}")

    @staticmethod
    def _confirmed(verdicts: Sequence[str]) -> bool:
        """A relation read from header names holds when the rows do not mostly break it."""
        breaks = sum(v == ERROR for v in verdicts)
        fits = len(verdicts) - breaks
        return bool(verdicts) and (breaks <= fits or len(verdicts) == 1)

    # -- TAB002: Forskel / Afvigelse, with the table's own sign convention ---------------------

    def _difference_operands(self) -> tuple[Column, Column, Column] | None:
        """The Forskel column and the two columns it is the difference of.

        By name: Forventet regnskab (or Regnskab, Forbrug) against Korrigeret budget (or
        Budget, Vedtaget budget). When several fit the names, the pair that fits the most rows
        either way round wins, the named order breaking ties.
        """
        view = self.view
        diff = view.column(DIFF)
        actuals = [c for c in (view.column(FORECAST), view.column(ACCOUNTS), view.column(SPENT)) if c]
        budgets = [c for c in (view.column(CORRECTED), view.column(BUDGET), view.column(ADOPTED)) if c]
        if diff is None or not actuals or not budgets:
            return None
        best, best_fits = None, -1
        for actual in actuals:
            for budget in budgets:
                fits = 0
                for row in self.body:
                    d, a, b = row.amount(diff.index), row.amount(actual.index), row.amount(budget.index)
                    if d is not None and a is not None and b is not None:
                        half = a.half + b.half
                        fits += _fits(a.value - b.value, half, d) or _fits(b.value - a.value, half, d)
                if fits > best_fits:
                    best, best_fits = (diff, actual, budget), fits
        return best

    def differences(self) -> Iterator[Finding]:
        operands = self._difference_operands()
        if operands is None:
            return
        diff, actual, budget = operands
        rows = []
        for i, row in enumerate(self.body):
            d, a, b = row.amount(diff.index), row.amount(actual.index), row.amount(budget.index)
            if d is None or a is None or b is None:
                continue
            half = a.half + b.half
            rows.append((i, row, d, a, b, _fits(a.value - b.value, half, d), _fits(b.value - a.value, half, d)))
        only_plus = sum(p and not m for *_, p, m in rows)
        only_minus = sum(m and not p for *_, p, m in rows)
        legend = self.view.merforbrug_positive
        if only_plus > only_minus:
            positive = True
        elif only_minus > only_plus:
            positive = False
        elif legend is not None:
            positive = legend
        else:
            if only_plus:  # as many rows each way and no legend to settle it
                yield Finding(
                    "TAB002", INFO, self.view.header[-1].span if self.view.header else self.view.rows[0].span,
                    f"Fortegnet i kolonnen {_col(diff)} kan ikke fastslås: {only_plus} rækker passer med "
                    f"{actual.name} − {budget.name} og {only_minus} med det omvendte.",
                    f"The sign of column {_col_en(diff)} cannot be established: {only_plus} rows fit "
                    f"{actual.name} − {budget.name} and {only_minus} the reverse.",
                )
            return
        first, second = (actual, budget) if positive else (budget, actual)
        agreeing = only_plus if positive else only_minus
        against = only_minus if positive else only_plus
        neither = sum(not p and not m for *_, p, m in rows)
        if against + neither > agreeing + sum(p and m for *_, p, m in rows) and len(rows) > 1:
            return  # the column is not this difference in most rows: not what the header suggests
        if legend is not None and legend != positive and agreeing >= 2 and against == 0:
            span = self.view.legend_span or self.view.rows[0].span
            yield Finding(
                "TAB002", WARNING, span,
                f"Fortegnsforklaringen passer ikke til tabellen: alle rækker bruger {first.name} − {second.name}, "
                f"men forklaringen siger det modsatte.",
                f"The sign legend contradicts the table: every row uses {first.name} − {second.name}, but the "
                f"legend says the opposite.",
            )
        for i, row, d, a, b, fits_plus, fits_minus in rows:
            x, y = (a, b) if positive else (b, a)
            exact = x.value - y.value
            verdict = _verdict(exact, x.half + y.half, d)
            if verdict == "ok":
                continue
            decimals = max(d.decimals, a.decimals, b.decimals)
            expr = f"{x.format()} − {y.format()} = {_shown(exact, decimals)}"
            diff_text = _shown(abs(d.value - exact), decimals)
            head_da = (f"{_col(diff)} i rækken {_q(row.label)} er {d.format()}, men {first.name} − {second.name} "
                       f"= {expr}")
            head_en = (f"{_col_en(diff)} in row {_q(row.label)} is {d.format()}, but {first.name} − {second.name} "
                       f"= {expr}")
            if verdict == ROUNDING:
                yield Finding("TAB002", ROUNDING, row.cell_span(diff.index),
                              head_da + f" (forskel {diff_text}): en afrundingsforskel inden for de viste cifre.",
                              head_en + f" (difference {diff_text}): a rounding difference within the digits shown.",
                              subject=f"{row.label}/{diff.name}")
                continue
            # A wrong operand cell (found by TAB003) may explain the difference instead.
            for operand in (first, second):
                expected = self.suspects.get((i, operand.index), self.total_expected.get((i, operand.index)))
                if expected is None:
                    continue
                ox = expected if operand is first else x.value
                oy = expected if operand is second else y.value
                if _fits(ox - oy, x.half + y.half, d):
                    yield Finding(
                        "TAB002", ERROR, row.cell_span(operand.index),
                        head_da + f" (forskel {diff_text}); {operand.name} i samme række stemmer heller ikke "
                        f"(forventet {_shown(expected, decimals)}), og med den værdi passer {diff.name}: mest "
                        f"sandsynligt er det cellen {operand.name}, der er forkert.",
                        head_en + f" (difference {diff_text}); {operand.name} in the same row does not add up "
                        f"either (expected {_shown(expected, decimals)}), and with that value {diff.name} fits: most "
                        f"likely the cell {operand.name} is wrong.",
                        subject=f"{row.label}/{diff.name}",
                    )
                    break
            else:
                sign_only = (fits_minus if positive else fits_plus)
                reason_da = (f"forkert fortegn; de øvrige rækker bruger {first.name} − {second.name}" if sign_only
                             else f"forskel {diff_text}")
                reason_en = (f"wrong sign; the other rows use {first.name} − {second.name}" if sign_only
                             else f"difference {diff_text}")
                self.suspects[(i, diff.index)] = exact
                yield Finding("TAB002", ERROR, row.cell_span(diff.index), head_da + f" ({reason_da}).",
                              head_en + f" ({reason_en}).", subject=f"{row.label}/{diff.name}")

    # -- TAB004: percentage columns are ratios ---------------------------------------------------

    def percentages(self) -> Iterator[Finding]:
        view = self.view
        denominators = [c for c in (view.column(CORRECTED), view.column(BUDGET), view.column(ADOPTED)) if c]
        for pct in [c for c in view.columns if c.kind == PERCENT and c.role in (PCT_SPENT, PCT_DIFF)]:
            numerator = view.column(SPENT) if pct.role == PCT_SPENT else view.column(DIFF)
            if numerator is None or not denominators:
                continue
            signs = (1,) if pct.role == PCT_SPENT else (1, -1)
            best = None
            for den in denominators:
                for sign in signs:
                    for factor in (_HUNDRED, Interval.point(1)):
                        results = self._ratio_rows(pct, numerator, den, sign, factor)
                        fits = sum(v != ERROR for *_, v in results)
                        if results and (best is None or fits > best[0]):
                            best = (fits, den, sign, factor, results)
            if best is None:
                continue
            fits, den, sign, factor, results = best
            if not self._confirmed([v for *_, v in results]):
                continue
            num_name = ("−" if sign < 0 else "") + numerator.name
            for i, row, shown, num, d, exact, verdict in results:
                if verdict == "ok":
                    continue
                decimals = shown.decimals
                pct_sign = "%" if factor == _HUNDRED else ""
                exact_text = _shown(exact, decimals + 1) if exact.is_finite() else "?"
                head_da = (f"{_col(pct)} i rækken {_q(row.label)} er {shown.format()}{pct_sign}, men "
                           f"{num_name} / {den.name} = {num.format()} / {d.format()} = {exact_text}{pct_sign}")
                head_en = (f"{_col_en(pct)} in row {_q(row.label)} is {shown.format()}{pct_sign}, but "
                           f"{num_name} / {den.name} = {num.format()} / {d.format()} = {exact_text}{pct_sign}")
                level = ERROR if verdict == ERROR else ROUNDING
                tail_da = "." if level == ERROR else ": en afrundingsforskel inden for de viste cifre."
                tail_en = "." if level == ERROR else ": a rounding difference within the digits shown."
                yield Finding("TAB004", level, row.cell_span(pct.index), head_da + tail_da, head_en + tail_en,
                              subject=f"{row.label}/{pct.name}")

    def _ratio_rows(self, pct: Column, numerator: Column, den: Column, sign: int, factor: Interval):
        results = []
        for i, row in enumerate(self.body):
            shown, num, d = row.amount(pct.index), row.amount(numerator.index), row.amount(den.index)
            if shown is None or num is None or d is None or d.value == 0:
                continue
            computed = (num.interval.scaled(sign) / d.interval) * factor
            if computed.width.is_infinite():
                continue
            exact = num.value * sign / d.value * factor.lo
            results.append((i, row, shown, num, d, exact, _ratio_verdict(computed, exact, shown)))
        return results

    # -- TAB001: total and subtotal rows ------------------------------------------------------------

    def _summable(self) -> list[Column]:
        return [c for c in self.view.columns if c.summable]

    def _total_structure(self) -> tuple[list[tuple[int, list[int], bool]], dict[int, int]]:
        """Each total row with the rows it sums (and whether that is uncertain); Heraf parents.

        A total sums one of: the plain rows since the previous total (a subtotal below
        its group), everything above it not yet summed (a grand total over subtotals), or
        the plain rows below it up to the next total (a total written on top of its
        group) — whichever fits the most columns, in that order on a tie.

        A plain row above a total may be a running subtotal (`Resultat af ordinær drift`,
        see :meth:`_running_subtotals`): the total may then sum it with the rows after it,
        or the rows it sums with the rows after it. When the total's chosen rows treat it
        so, it is a subtotal: checked against its own rows and not summed twice.
        """
        body, columns = self.body, self._summable()
        structure: list[tuple[int, list[int], bool]] = []
        parents: dict[int, int] = {}
        if not columns:
            return structure, parents
        rows = [i for i, r in enumerate(body) if r.kind in (PLAIN, TOTAL)]
        totals = [i for i in rows if body[i].kind == TOTAL]
        consumed: set[int] = set()
        last_row: int | None = None
        for i, row in enumerate(body):
            if row.kind in (PART, SUB) and last_row is not None:
                parents[i] = last_row
            elif row.kind in (PLAIN, TOTAL):
                last_row = i
        position = {k: p for p, k in enumerate(rows)}
        position[-1] = -1
        groups, proven = self._running_subtotals(columns)
        open_rows: list[int] = []  # rows above the current total not yet summed into one
        work = 0
        next_row = 0
        for n, i in enumerate(totals):
            previous = totals[n - 1] if n else -1
            following = totals[n + 1] if n + 1 < len(totals) else len(body)
            while next_row < position[i]:
                if rows[next_row] not in consumed:
                    open_rows.append(rows[next_row])
                next_row += 1
            above_group = [k for k in rows[position[previous] + 1:position[i]]
                           if body[k].kind == PLAIN and k not in consumed]
            above_all = [k for k in open_rows if k not in consumed]
            below_group = [k for k in rows[position[i] + 1:position.get(following, len(rows))]
                           if body[k].kind == PLAIN]
            # Sub-items (`- Løn`) are parts of the row above, unless the rows are all
            # written that way: then they are the rows.
            flat_group = [k for k in range(previous + 1, i) if body[k].kind in (PLAIN, SUB) and k not in consumed]
            plain_readings: list[list[int]] = []
            for candidate in (above_group, above_all, below_group, flat_group):
                if candidate and candidate not in plain_readings:
                    plain_readings.append(candidate)
            # Running subtotals above: a reading sums each of them or its rows, never both.
            # Readings with the proven ones come first (a total that fits no reading is
            # then compared with the subtotals' rows), with the others after the plain
            # readings; the rows before the subtotals (exact figures win a tie with rounded).
            readings: list[tuple[list[int], list[int]]] = []  # (rows, the subtotals it reads)
            subtotals = [k for k in above_all if k in groups]
            sure = [k for k in subtotals if k in proven]

            def read_with(subs: list[int]) -> None:
                for base in (above_all, above_group):
                    inside = [k for k in subs if k in base]
                    if inside:
                        readings.append((_without_subtotals(base, inside), inside))
                        readings.append((_with_subtotals(base, inside, groups), inside))

            read_with(sure)
            readings.extend((candidate, []) for candidate in plain_readings)
            if len(subtotals) > len(sure):
                read_with(subtotals)
            candidates: list[list[int]] = []
            for candidate, _ in readings:
                if candidate and candidate not in candidates:
                    candidates.append(candidate)
            if not candidates:
                continue
            # Bounded work: a table with thousands of totals over thousands of rows is no
            # budget table; the totals beyond the budget are left unchecked.
            work += sum(len(c) for c in candidates) * len(columns)
            if work > _MAX_WORK:
                break
            parts, uncertain = self._choose(i, candidates, columns, len(plain_readings))
            # The subtotals the chosen reading reads (its first origin) are subtotals.
            for k in next(subs for rows, subs in readings if rows == parts):
                structure.append((k, groups[k], False))
                consumed.update(groups[k])
                consumed.add(k)
            structure.append((i, parts, uncertain))
            consumed.update(parts)
            open_rows = [k for k in open_rows if k not in consumed]
        if not totals:
            top = self._unlabelled_top_total(columns)
            if top is not None:
                structure.append(top)
        return structure, parents

    def _choose(self, index: int, candidates: list[list[int]], columns: list[Column],
                plain_readings: int) -> tuple[list[int], bool]:
        scored = []
        for parts in candidates:
            results = self._evaluate(self.body[index], parts, columns)
            scored.append((sum(r[-1] != ERROR for r in results), len(results), parts))
        scored.sort(key=lambda s: -s[0])  # stable: on a tie, the nearest rows
        fits, checked, parts = scored[0]
        # Nothing fits in several columns: the rows this total covers are not established.
        # (Readings with running subtotals are no more doubt about them than the plain ones.)
        uncertain = fits == 0 and (checked >= 3 or checked >= 2 and plain_readings > 1)
        return parts, uncertain

    def _running_subtotals(self, columns: list[Column]) -> tuple[dict[int, list[int]], set[int]]:
        """Plain rows that may total the plain rows above them, each with those rows; and
        which of them are proven.

        A running subtotal (`Resultat af ordinær drift` under three rows, then `Anlæg`
        and `Resultat i alt`) sums the plain rows since the start, the previous total or
        the previous subtotal (two at least), or that subtotal and the rows since. A row
        may be one when its figures fit that sum (no column breaks it, one holds it
        exactly and is not 0) or when it is named so (`Resultat …`, `Delsum`); it is
        proven when both hold, or the figures hold exactly in two columns. Only a total
        below that fits with it read as a subtotal makes it one (see
        :meth:`_total_structure`).
        """
        groups: dict[int, list[int]] = {}
        proven: set[int] = set()
        if not any(r.kind == TOTAL for r in self.body):
            return groups, proven
        since: list[int] = []  # the plain rows since the start, the previous total or subtotal
        previous: list[int] = []  # the previous subtotal since the last total
        for i, row in enumerate(self.body):
            if row.kind == TOTAL:
                since, previous = [], []
            elif row.kind == PLAIN:
                running = previous + since
                shown = None  # (its rows, how many columns hold the sum exactly)
                for group in (since, running) if previous else (since,):
                    if len(group) >= 2:
                        results = self._evaluate(row, group, columns)
                        exact = sum(v == "ok" and amount.value != 0 for _, amount, _, _, v in results)
                        if exact >= 1 and all(v != ERROR for *_, v in results):
                            shown = group, exact
                            break
                named = is_subtotal_label(row.label)
                if shown or named and len(running) >= 2:
                    # Named only: `Resultat …` runs on from the previous result.
                    groups[i] = shown[0] if shown else running
                    if shown and (named or shown[1] >= 2):
                        proven.add(i)
                    since, previous = [], [i]
                    continue
                since.append(i)
        return groups, proven

    def totals(self) -> Iterator[Finding]:
        columns = self._summable()
        for index, parts, uncertain in self.structure:
            for column, shown, half, exact, verdict in self._evaluate(self.body[index], parts, columns):
                if verdict != "ok":
                    yield self._total_finding(index, parts, column, shown, half, exact, verdict, uncertain)
        yield from self._parts(self.parents, columns)

    def _expected_totals(self) -> dict[tuple[int, int], Decimal]:
        """Total cells that do not add up, with the sum of their rows."""
        expected = {}
        for index, parts, uncertain in self.structure:
            if uncertain:
                continue
            for column, shown, half, exact, verdict in self._evaluate(self.body[index], parts, self._summable()):
                if verdict == ERROR:
                    expected[(index, column.index)] = exact
        return expected

    def _evaluate(self, total: BodyRow, parts: list[int], columns: list[Column]):
        """Per column: (column, shown, half-width, exact sum, verdict), for columns with figures."""
        results = []
        for column in columns:
            shown = total.amount(column.index)
            values = [self.body[k].amount(column.index) for k in parts]
            if shown is None or all(v is None for v in values):
                continue
            exact, half = _sum(values)
            results.append((column, shown, half, exact, _verdict(exact, half, shown)))
        return results

    def _total_finding(self, index, parts, column, shown, half, exact, verdict, uncertain) -> Finding:
        total = self.body[index]
        decimals = max([shown.decimals] + [self.body[k].amount(column.index).decimals for k in parts
                                            if self.body[k].amount(column.index) is not None])
        diff = _shown(abs(shown.value - exact), decimals)
        head_da = (f"{_total_name(total)} i kolonnen {_col(column)} er {shown.format()}, men rækkerne "
                   f"summerer til {_shown(exact, decimals)} (forskel {diff})")
        head_en = (f"{_total_name(total)} in column {_col_en(column)} is {shown.format()}, but the rows sum to "
                   f"{_shown(exact, decimals)} (difference {diff})")
        subject = f"{total.label}/{column.name}"
        if verdict == ROUNDING:
            return Finding("TAB001", ROUNDING, total.cell_span(column.index),
                           head_da + ": en afrundingsforskel inden for de viste cifre.",
                           head_en + ": a rounding difference within the digits shown.", subject=subject)
        if uncertain:
            return Finding(
                "TAB001", INFO, total.cell_span(column.index),
                head_da + ". Summen stemmer ikke i nogen kolonne, så det er uklart hvilke rækker totalen dækker; "
                "tjek tabellen.",
                head_en + ". The sum fits no column, so which rows the total covers is unclear; check the table.",
                subject=subject,
            )
        # One row whose own relation is broken and whose expected value makes the sum right.
        explaining = []
        for k in parts:
            expected = self.suspects.get((k, column.index))
            amount = self.body[k].amount(column.index)
            if expected is None or amount is None:
                continue
            if _fits(exact - amount.value + expected, half - amount.half, shown):
                explaining.append((k, expected))
        if len(explaining) == 1:
            k, expected = explaining[0]
            row = self.body[k]
            return Finding(
                "TAB001", ERROR, row.cell_span(column.index),
                head_da + f"; mest sandsynligt rækken {_q(row.label)} (linje {row.line}), hvor {_col(column)} "
                f"efter rækkens egne tal burde være {_shown(expected, decimals)} (totalen står i linje {total.line}).",
                head_en + f"; most likely row {_q(row.label)} (line {row.line}), where {_col_en(column)} should be "
                f"{_shown(expected, decimals)} by the row's own figures (the total is on line {total.line}).",
                related=(total.cell_span(column.index),), subject=subject,
            )
        return Finding("TAB001", ERROR, total.cell_span(column.index), head_da + ".", head_en + ".", subject=subject)

    def _unlabelled_top_total(self, columns: list[Column]) -> tuple[int, list[int], bool] | None:
        """A first row that equals the sum of the rows below it is a total written on top."""
        plain = [i for i, r in enumerate(self.body) if r.kind == PLAIN]
        if len(plain) < 3:
            return None
        first, rest = plain[0], plain[1:]
        results = self._evaluate(self.body[first], rest, columns)
        fits = sum(r[-1] != ERROR for r in results)
        exact = sum(r[-1] == "ok" and r[1].value != 0 for r in results)
        breaks = len(results) - fits
        label_cell = self.body[first].cells[0]
        unlabelled = label_cell is None or not clean_inline(label_cell.text)
        # An empty label invites it, but the figures must show it: a column that is the
        # exact sum. With a label, most columns must be, two of them exactly.
        if unlabelled and exact >= 1 and fits >= breaks or exact >= 2 and fits > breaks:
            return first, rest, False
        return None

    def _parts(self, parents: dict[int, int], columns: list[Column]) -> Iterator[Finding]:
        """A `Heraf …` row cannot exceed the row it is part of."""
        for k, parent_index in parents.items():
            part, parent = self.body[k], self.body[parent_index]
            for column in columns:
                a, b = part.amount(column.index), parent.amount(column.index)
                if a is None or b is None or a.value == 0 or (a.value > 0) != (b.value > 0):
                    continue
                if _abs_interval(a.interval).lo > _abs_interval(b.interval).hi:
                    yield Finding(
                        "TAB001", ERROR, part.cell_span(column.index),
                        f"{_q(part.label)} i kolonnen {_col(column)} er {a.format()}, mere end rækken "
                        f"{_q(parent.label)} (linje {parent.line}), som den er en del af ({b.format()}).",
                        f"{_q(part.label)} in column {_col_en(column)} is {a.format()}, more than row "
                        f"{_q(parent.label)} (line {parent.line}) it is part of ({b.format()}).",
                        related=(parent.cell_span(column.index),), subject=f"{part.label}/{column.name}",
                    )

    # -- TAB005: the appropriation note balances per year ---------------------------------------------

    def appropriation(self) -> Iterator[Finding]:
        view = self.view
        flows = [(i, r) for i, r in enumerate(self.body) if r.kind in (PLAIN, SUB)]
        totals = [(i, r) for i, r in enumerate(self.body) if r.kind == TOTAL]
        balances: dict[int, tuple] = {}
        for column in view.numeric_columns:
            # The money flows balance; a `Tillægsbevilling i alt` row may be one of them.
            options = []
            for rows in (flows, flows + totals if totals else None):
                if rows:
                    values = [(i, r, r.amount(column.index)) for i, r in sorted(rows, key=lambda p: p[0])
                              if r.amount(column.index) is not None]
                    if values:
                        options.append(self._balance(values))
            if options:
                ranked = {"ok": 0, ROUNDING: 1, ERROR: 2}
                balances[column.index] = min(options, key=lambda b: ranked[b[-1]])
        for column in view.numeric_columns:
            if column.index not in balances:
                continue
            half, exact, values, verdict = balances[column.index]
            if verdict == "ok":
                continue
            decimals = max(a.decimals for _, _, a in values)
            head_da = (f"Bevillingspåtegningen balancerer ikke i kolonnen {_col(column)}: beløbene summerer til "
                       f"{_shown(exact, decimals)}, ikke 0")
            head_en = (f"The appropriation note does not balance in column {_col_en(column)}: the amounts sum to "
                       f"{_shown(exact, decimals)}, not 0")
            if verdict == ROUNDING:
                yield Finding("TAB005", ROUNDING, values[-1][1].cell_span(column.index),
                              head_da + ": en afrundingsforskel inden for de viste cifre.",
                              head_en + ": a rounding difference within the digits shown.", subject=column.name)
                continue
            # A row whose figure in a balanced column would close the gap here.
            balanced = [j for j, b in balances.items() if b[-1] == "ok" and j != column.index]
            explaining = []
            for i, row, amount in values:
                for j in balanced:
                    other = row.amount(j)
                    if other is not None and _fits(amount.value - exact, amount.half, other):
                        explaining.append((row, other))
                        break
            if len(explaining) == 1:
                row, other = explaining[0]
                other_name = next(c.name for c in view.columns if row.amount(c.index) is other)
                yield Finding(
                    "TAB005", ERROR, row.cell_span(column.index),
                    head_da + f"; mest sandsynligt rækken {_q(row.label)} (linje {row.line}), som i "
                    f"{_q(other_name)} er {other.format()}.",
                    head_en + f"; most likely row {_q(row.label)} (line {row.line}), which is {other.format()} in "
                    f"{_q(other_name)}.",
                    subject=column.name,
                )
                continue
            cash = [r for _, r, _ in values if "kassebeholdning" in r.label.casefold()]
            row = cash[-1] if cash else values[-1][1]
            yield Finding("TAB005", ERROR, row.cell_span(column.index), head_da + ".", head_en + ".",
                          subject=column.name)

    @staticmethod
    def _balance(values):
        exact, half = _sum(a for _, _, a in values)
        if exact == 0:
            return half, exact, values, "ok"
        if abs(exact) <= half:
            return half, exact, values, ROUNDING
        # An `Anlægsbevilling` row grants the authority to spend, beside the money flows;
        # some municipalities list it next to the rådighedsbeløb. Without it, it may balance.
        grants = [a for _, r, a in values if "anlægsbevilling" in r.label.casefold()]
        if grants and sum(a.value for a in grants) != exact:
            rest = exact - sum(a.value for a in grants)
            if rest == 0:
                return half, rest, values, "ok"
        return half, exact, values, ERROR

    # -- TAB006: the unit label against the figures in the text around the table --------------------

    def units(self) -> Iterator[Finding]:
        view = self.view
        if view.unit not in UNIT_SCALE or view.unit_span is None:
            return
        mentions = _money_mentions(view.prose)
        if not mentions:
            return
        scale = UNIT_SCALE[view.unit]
        starts = [m[0] for m in mentions]
        widest = max(m[1] - m[0] for m in mentions)
        matches: dict[Decimal, list] = defaultdict(list)
        for row in self.body:
            for column in view.numeric_columns:
                a = row.amount(column.index)
                # Only figures precise to about 1 %: `7` matches too much to prove anything.
                if a is None or a.unit is not None or abs(a.value) < 200 * a.half:
                    continue
                magnitude = abs(a.value)
                figure_lo, figure_hi = (magnitude - a.half) * scale, (magnitude + a.half) * scale
                float_lo, float_hi = float(figure_lo), float(figure_hi)
                for factor, float_factor in zip(_FACTORS, _FLOAT_FACTORS):
                    # a quick search in floats, confirmed in decimals
                    lo, hi = float_lo * float_factor, float_hi * float_factor
                    k = bisect_right(starts, hi * 1.000001) - 1
                    hit = None
                    while k >= 0 and mentions[k][0] >= lo - widest:
                        if mentions[k][1] >= lo * 0.999999 and Interval(figure_lo * factor, figure_hi * factor).overlaps(
                                mentions[k][2]):
                            hit = mentions[k]
                            break
                        k -= 1
                    if hit is not None:
                        matches[factor].append((row, column, a, hit[3], hit[4]))
                        break
        if matches.get(Decimal(1)) or len(matches) != 1:
            return
        factor, found = next(iter(matches.items()))
        cells = {(id(r), c.index) for r, c, *_ in found}
        if not (any(r.kind == TOTAL for r, *_ in found) or len(cells) >= 2):
            return
        found.sort(key=lambda m: (m[0].kind != TOTAL, -abs(m[2].value)))
        row, column, a, amount, line = found[0]
        true_unit = _unit_for(scale * factor)
        label = _UNIT_NAME[view.unit]
        if true_unit:
            true_da = f"tallene ser ud til at være i {_UNIT_NAME[true_unit].rstrip('.')}"
            true_en = f"the figures appear to be in {_UNIT_NAME[true_unit].rstrip('.')}"
        else:
            true_da, true_en = "enheden passer ikke", "the unit does not fit"
        yield Finding(
            "TAB006", WARNING, view.unit_span,
            f"Tabellen er angivet i {label}, men {_q(row.label)} {a.format()} (linje {row.line}) står i teksten som "
            f"{amount.text} (linje {line}): {true_da}.",
            f"The table is labelled {label}, but {_q(row.label)} {a.format()} (line {row.line}) appears in the text "
            f"as {amount.text} (line {line}): {true_en}.",
            related=(row.cell_span(column.index),), subject=view.unit,
        )

    # -- TAB007: number format --------------------------------------------------------------------------

    def number_format(self) -> Iterator[Finding]:
        view = self.view
        # Danish figures per column, whatever the column was read as (a wrong figure
        # makes a numeric column read as text).
        danish: dict[int, int] = defaultdict(int)
        for row in self.body:
            for j, value in enumerate(row.parsed):
                if j and value is not None:
                    danish[j] += 1
        if sum(danish.values()) < 2:
            return
        for row in self.body:
            for column in view.columns[1:]:
                cell = row.cells[column.index]
                if column.kind == CODE or cell is None or row.parsed[column.index] is not None:
                    continue
                if not cell.text or not any(ch.isdigit() for ch in cell.text[:60]):
                    continue
                text = clean_inline(cell.text)
                if is_english_number(text) and (_STRONG_ENGLISH.search(text) or danish[column.index] >= 1):
                    yield Finding(
                        "TAB007", WARNING, cell.span,
                        f"Tallet {_q(text)} i rækken {_q(row.label)} er skrevet på engelsk (punktum som decimaltegn"
                        f"{', komma mellem tusinder' if ',' in text else ''}); på dansk: {_as_danish(text)}.",
                        f"The number {_q(text)} in row {_q(row.label)} is written English style (decimal point"
                        f"{', thousands commas' if ',' in text else ''}); in Danish: {_as_danish(text)}.",
                        subject=text, fix=danish_number_fix(cell),
                    )
                elif is_malformed_number(text) and danish[column.index] >= 1:
                    yield Finding(
                        "TAB007", WARNING, cell.span,
                        f"Tallet {_q(text)} i rækken {_q(row.label)} er ikke et gyldigt dansk tal (punktum mellem "
                        f"hver tredje ciffer, komma som decimaltegn).",
                        f"The number {_q(text)} in row {_q(row.label)} is not a valid Danish number (a point between "
                        f"groups of three digits, a comma as the decimal mark).",
                        subject=text,
                    )


# An English-style figure inside a cell's text (markup kept): `1,234.5`, `1,234,567`, `12.5`.
_ENGLISH_FIGURE = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d{1,2})(?![\d.,])")


def danish_number_fix(cell) -> Fix | None:
    """`1,234.5` → `1.234,5` in the cell, nothing else of it touched; None unless the cell
    holds exactly one such figure."""
    found = list(_ENGLISH_FIGURE.finditer(cell.text))
    if len(found) != 1 or cell.span.end_line != cell.span.line:
        return None
    figure = found[0]
    whole, _, decimals = figure.group().replace(",", "").partition(".")
    danish = format_number(Decimal(f"{whole}.{decimals}" if decimals else whole), len(decimals))
    column = cell.span.column + figure.start()
    span = Span(cell.span.line, column, cell.span.line, column + len(figure.group()))
    return Fix.safe([Edit.replace(span, danish)], f"Skriv tallet på dansk: {danish}.",
                    f"Write the number Danish style: {danish}.")


def _ratio_verdict(computed: Interval, exact: Decimal, shown: Amount) -> str:
    if shown.interval.contains(exact) and exact.quantize(Decimal(1).scaleb(-shown.decimals)) == shown.value:
        return "ok"
    return ROUNDING if computed.overlaps(shown.interval) else ERROR


def _significant_digits(amount: Amount) -> int:
    digits = str(abs(amount.value)).replace(".", "").lstrip("0")
    return len(digits)


def _unit_for(kroner: Decimal) -> str | None:
    for unit, scale in UNIT_SCALE.items():
        if scale == kroner:
            return unit
    return None


def _as_danish(text: str) -> str:
    sign = "-" if text.lstrip().startswith(("-", "−", "–")) else ""
    digits = re.sub(r"[^\d.]", "", text.replace(",", ""))
    try:
        value = Decimal(digits)
    except Exception:  # noqa: BLE001 - a figure we cannot rewrite is quoted as it is
        return text
    decimals = len(digits.partition(".")[2])
    return sign + format_number(value, decimals) + ("%" if "%" in text else "")


# --- rules -----------------------------------------------------------------------------------------


class _TableRule(Rule):
    family = "TAB"
    options = {"tolerance": "interval"}

    def check(self, document, options) -> Iterator:
        exact = (options or {}).get("tolerance", "interval") == "exact"
        for finding in table_findings(document).get(self.code, ()):
            if finding.level == ROUNDING:
                severity = Severity.WARNING if exact else Severity.INFO
            elif finding.level == ERROR:
                severity = self.severity
            else:
                severity = Severity(finding.level)
            yield self.diagnostic(document, finding.span, finding.da, finding.en, related=finding.related,
                                  severity=severity, subject=finding.subject, fix=finding.fix,
                                  figures=figures_in(finding.en))


_BUDGET_HEAD = "1.000 kr.\tBudget\tKorrigeret budget\tForventet regnskab 2023\tForskel\n"


class TotalRow(_TableRule):
    """A total or subtotal row does not equal the sum of the rows it totals."""

    code, name, severity = "TAB001", "table-total", Severity.ERROR
    doc = RuleDoc(
        summary_da="En I alt-, Total- eller delsumsrække (`<x> i alt`, en første række uden tekst) er ikke summen "
                   "af de rækker, den dækker; en `Heraf`-række er større end rækken, den er en del af.",
        summary_en="A total or subtotal row (`I alt`, `Total`, `<x> i alt`, an unlabelled first row) is not the sum "
                   "of the rows it covers; a `Heraf` row exceeds the row it is part of.",
        why_da="En total, der ikke summerer, betyder at en celle er forkert, og byrådet træffer beslutning på "
               "forkerte tal. Tallene er afrundede, så der regnes med intervaller: kun en forskel ud over "
               "afrundingen er en fejl; en ren afrundingsforskel er info.",
        why_en="A total that does not add up means a cell is wrong, and the council decides on wrong figures. "
               "Figures are rounded, so the check uses intervals: only a difference beyond rounding is an error; a "
               "rounding-only difference is info.",
        wrong=_BUDGET_HEAD + "Integration\t29.832\t16.817\t16.925\t108\nBeboelse\t2.300\t7.179\t1.004\t-6.175\n"
                             "I alt\t32.132\t24.996\t17.929\t-6.067",
        right=_BUDGET_HEAD + "Integration\t29.832\t16.817\t16.925\t108\nBeboelse\t2.300\t7.179\t1.004\t-6.175\n"
                             "I alt\t32.132\t23.996\t17.929\t-6.067",
    )


class DifferenceColumn(_TableRule):
    """A Forskel/Afvigelse cell breaks the difference the rest of the table follows."""

    code, name, severity = "TAB002", "table-difference", Severity.ERROR
    doc = RuleDoc(
        summary_da="En `Forskel`/`Afvigelse` er ikke Forventet regnskab − Korrigeret budget (eller det omvendte, "
                   "som tabellens øvrige rækker bruger).",
        summary_en="A `Forskel`/`Afvigelse` cell is not Forventet regnskab − Korrigeret budget (or the reverse, "
                   "whichever the table's other rows use).",
        why_da="Kommuner bruger begge fortegn; hver tabel følger ét. Fortegnet aflæses af tabellens egne rækker "
               "(og en fortegnsforklaring som `+ er merforbrug`), og kun rækker, der bryder det, meldes. Et forkert "
               "fortegn vender et merforbrug til et mindreforbrug.",
        why_en="Municipalities use either sign; each table follows one. The convention is read from the table's own "
               "rows (and a legend such as `+ er merforbrug`), and only rows that break it are reported. A wrong "
               "sign turns an overspend into an underspend.",
        wrong=_BUDGET_HEAD + "Folkeskoler\t402.118\t405.630\t404.992\t-638\nSFO\t31.720\t31.720\t31.283\t437\n"
                             "Ungdomsskole\t12.406\t12.406\t12.517\t111",
        right=_BUDGET_HEAD + "Folkeskoler\t402.118\t405.630\t404.992\t-638\nSFO\t31.720\t31.720\t31.283\t-437\n"
                             "Ungdomsskole\t12.406\t12.406\t12.517\t111",
    )


class SumColumn(_TableRule):
    """A column that is the sum of other columns in its row does not add up."""

    code, name, severity = "TAB003", "table-sum-column", Severity.ERROR
    doc = RuleDoc(
        summary_da="`Korrigeret budget` ≠ `Vedtaget budget` + `Genbevillinger` + `Tillæg…`, `Afvigelse i alt` ≠ "
                   "`inden for` + `uden for`, eller en `I alt`-kolonne ≠ summen af årskolonnerne.",
        summary_en="`Korrigeret budget` ≠ `Vedtaget budget` + `Genbevillinger` + `Tillæg…`, `Afvigelse i alt` ≠ "
                   "`inden for` + `uden for`, or an `I alt` column ≠ the sum of the year columns.",
        why_da="Det korrigerede budget er det vedtagne plus de bevillinger, der siden er givet; en række, der ikke "
               "summerer, viser en glemt eller forkert bevilling.",
        why_en="The corrected budget is the adopted one plus the grants given since; a row that does not add up "
               "shows a grant left out or wrong.",
        wrong="Driftsområder (1.000 kr.)\tVedtaget budget\tGenbevillinger\tTillægsbevilling og omplaceringer\t"
              "Korrigeret budget\nAnbringelser\t88.905\t2.310\t-1.200\t87.705",
        right="Driftsområder (1.000 kr.)\tVedtaget budget\tGenbevillinger\tTillægsbevilling og omplaceringer\t"
              "Korrigeret budget\nAnbringelser\t88.905\t2.310\t-1.200\t90.015",
    )


class PercentageColumn(_TableRule):
    """A percentage column is not the ratio its header names."""

    code, name, severity = "TAB004", "table-percentage", Severity.ERROR
    doc = RuleDoc(
        summary_da="`Forbrugs %` ≠ Forbrug / Budget, eller `Afvigelse i %` ≠ Afvigelse / Korrigeret budget — "
                   "også i I alt-rækken, hvor procenten er et forhold mellem totalerne, aldrig en sum.",
        summary_en="`Forbrugs %` ≠ Forbrug / Budget, or `Afvigelse i %` ≠ Afvigelse / Korrigeret budget — in the "
                   "total row too, where the percentage is a ratio of the totals, never a sum.",
        why_da="Procenter regnes om, når tallene ændres, og glemmes let. En procent vist med én decimal står for "
               "±0,05 procentpoint.",
        why_en="Percentages must be recomputed when figures change and are easily forgotten. A percentage shown "
               "with one decimal stands for ±0.05 percentage points.",
        wrong="Politikområde (mio. kr.)\tKorrigeret budget\tForbrug pr. 31.01.2024\tForbrugs %\n"
              "Beskæftigelse\t400,2\t31,6\t7,9%\nBorgerservice\t77,6\t6,9\t8,9%\nI alt\t477,8\t38,5\t16,8%",
        right="Politikområde (mio. kr.)\tKorrigeret budget\tForbrug pr. 31.01.2024\tForbrugs %\n"
              "Beskæftigelse\t400,2\t31,6\t7,9%\nBorgerservice\t77,6\t6,9\t8,9%\nI alt\t477,8\t38,5\t8,1%",
    )


class AppropriationBalance(_TableRule):
    """A Bevillingspåtegning does not balance to zero in a year column."""

    code, name, severity = "TAB005", "appropriation-balance", Severity.ERROR
    doc = RuleDoc(
        summary_da="Bevillingspåtegningens beløb summerer ikke til 0 i et år: bevillingen er ikke finansieret.",
        summary_en="The appropriation note's amounts do not sum to 0 in a year: the grant is not financed.",
        why_da="Hvad der bevilges, skal finansieres et andet sted (et andet område, lån eller kassebeholdningen) "
               "med modsat fortegn. Rækker med tom første celle fortsætter rækken ovenover.",
        why_en="What is granted must be financed elsewhere (another area, loans or the cash reserve) with the "
               "opposite sign. Rows whose first cell is empty continue the row above.",
        wrong="Bevillingspåtegning (i 1.000 kr.)\n\n\tPolitik område\tBudget år\tOverslags år 1\n"
              "Drift\t32\t1.250\t1.250\nDrift andetsteds\t31\t-400\t-400\nKassebeholdning\t01\t-750\t-850",
        right="Bevillingspåtegning (i 1.000 kr.)\n\n\tPolitik område\tBudget år\tOverslags år 1\n"
              "Drift\t32\t1.250\t1.250\nDrift andetsteds\t31\t-400\t-400\nKassebeholdning\t01\t-850\t-850",
    )


class UnitLabel(_TableRule):
    """The table's unit label disagrees with the same figures in the text."""

    code, name, severity = "TAB006", "table-unit", Severity.WARNING
    doc = RuleDoc(
        summary_da="Tabellen er angivet i én enhed (`mio. kr.`), men teksten omkring den gengiver dens tal i en "
                   "anden størrelsesorden (I alt `4.312` står som `4,3 mio. kr.`): enhedsangivelsen er forkert.",
        summary_en="The table is labelled in one unit (`mio. kr.`), but the text around it repeats its figures at "
                   "another scale (total `4.312` appears as `4,3 mio. kr.`): the unit label is wrong.",
        why_da="En forkert enhed ganger alle tabellens tal med 1.000. Fundet kræver, at tal fra tabellen (totalen "
               "eller flere celler) går igen i teksten i en anden enhed, og at intet tal går igen i den angivne.",
        why_en="A wrong unit multiplies every figure of the table by 1,000. The finding requires figures of the "
               "table (the total or several cells) to recur in the text at another scale, and none at the labelled "
               "one.",
        wrong="Budgettet er på 4,3 mio. kr.\n\nBeløb i mio. kr.\tBudget 2024\nTagrenovering\t2.462\n"
              "Legeplads\t1.850\nI alt\t4.312",
        right="Budgettet er på 4,3 mio. kr.\n\nBeløb i 1.000 kr.\tBudget 2024\nTagrenovering\t2.462\n"
              "Legeplads\t1.850\nI alt\t4.312",
    )


class NumberFormat(_TableRule):
    """A number in a table is written English style or is malformed."""

    code, name, severity = "TAB007", "table-number-format", Severity.WARNING
    doc = RuleDoc(
        summary_da="Et tal i en tabel er skrevet på engelsk (`1,234.5`) eller er ikke et gyldigt dansk tal "
                   "(`1.23.456`).",
        summary_en="A number in a table is written English style (`1,234.5`) or is not a valid Danish number "
                   "(`1.23.456`).",
        why_da="På dansk adskiller punktum tusinder og komma decimaler. `1,234.5` læses let som 1,2345 eller "
               "1.234,5 — tallet er tvetydigt for læseren.",
        why_en="In Danish a point separates thousands and a comma decimals. `1,234.5` is easily read as 1.2345 or "
               "1,234.5 — the figure is ambiguous to the reader.",
        wrong="Nøgletal\t2023\t2024\nElever i specialklasser\t412\t438\nStøttetimer pr. uge\t1.187,5\t1,234.5",
        right="Nøgletal\t2023\t2024\nElever i specialklasser\t412\t438\nStøttetimer pr. uge\t1.187,5\t1.234,5",
    )
    fixable = Applicability.SAFE


class UnreadableTable(_TableRule):
    """A budget table whose shape could not be established was not checked."""

    code, name, severity = "TAB008", "table-unreadable", Severity.INFO
    options = {}
    doc = RuleDoc(
        summary_da="En budgettabel kunne ikke læses sikkert (rækker, der ikke flugter med overskriften, en række "
                   "uden TAB'er); dens tal er ikke kontrolleret.",
        summary_en="A budget table could not be read reliably (rows that do not line up with the header, a row "
                   "without TABs); its figures were not checked.",
        why_da="Hellere ingen kontrol end en falsk fejl: en tabel, hvis form er uklar, regnes der ikke på.",
        why_en="Better no check than a false alarm: a table whose shape is unclear is not computed on.",
        wrong="1.000 kr.\tBudget\tRegnskab\nSkoler\t100\t90\t-10\nI alt\t100\t90\t-10",
        right="1.000 kr.\tBudget\tRegnskab\tForskel\nSkoler\t100\t90\t-10\nI alt\t100\t90\t-10",
    )


RULES = (TotalRow, DifferenceColumn, SumColumn, PercentageColumn, AppropriationBalance, UnitLabel, NumberFormat,
         UnreadableTable)


@hookimpl
def referatcheck_rules():
    return RULES
