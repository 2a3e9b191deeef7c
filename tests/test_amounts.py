"""Danish amounts and interval arithmetic (src/referatcheck/amounts.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from referatcheck.amounts import (
    Amount,
    Interval,
    find_numbers,
    format_number,
    is_english_number,
    is_malformed_number,
    normalise_unit,
)

D = Decimal


@pytest.mark.parametrize(
    ("text", "value", "decimals", "unit"),
    [
        ("1.229.781", D("1229781"), 0, None),
        ("-2.855", D("-2855"), 0, None),
        ("0,852", D("0.852"), 3, None),
        ("-0,5", D("-0.5"), 1, None),
        ("\u22120,5", D("-0.5"), 1, None),
        ("–108", D("-108"), 0, None),
        ("77,7%", D("77.7"), 1, "%"),
        ("0,0 %", D("0.0"), 1, "%"),
        ("819.439 kr.", D("819439"), 0, "kr."),
        ("3,7 mio.kr.", D("3.7"), 1, "mio. kr."),
        ("178 (Inkl. 219)", D("178"), 0, None),
        ("<i>1.234</i>", D("1234"), 0, None),
        ("**-852**", D("-852"), 0, None),
        ("12*", D("12"), 0, None),
    ],
)
def test_parse(text, value, decimals, unit):
    amount = Amount.parse(text)
    assert amount is not None
    assert (amount.value, amount.decimals, amount.unit, amount.text) == (value, decimals, unit, text)


@pytest.mark.parametrize("text", ["", "  ", "-", "(123)", "Integration", "Uge 15/16", "07-11-2023", "12.5", "1,234.5", "2021-2024"])
def test_parse_rejects(text):
    assert Amount.parse(text) is None


def test_interval_is_half_a_unit_of_the_last_digit():
    assert Amount.parse("2.855").interval == Interval(D("2854.5"), D("2855.5"))
    assert Amount.parse("-0,5").interval == Interval(D("-0.55"), D("-0.45"))
    assert Amount.parse("77,7%").interval == Interval(D("77.65"), D("77.75"))


def test_interval_arithmetic():
    a, b = Interval(D(1), D(2)), Interval(D(3), D(5))
    assert a + b == Interval(D(4), D(7))
    assert a - b == Interval(D(-4), D(-1))
    assert a * b == Interval(D(3), D(10))
    assert b / a == Interval(D("1.5"), D(5))
    assert (a / Interval(D(-1), D(1))).width.is_infinite()
    assert a.overlaps(Interval(D(2), D(3))) and not a.overlaps(b)
    assert a.distance(b) == 1 and a.contains(D("1.5")) and a.width == 1


def test_units():
    assert normalise_unit("1.000 kr.") == "t.kr."
    assert normalise_unit("t.kr.") == "t.kr."
    assert normalise_unit("mio. kr.") == "mio. kr."
    assert normalise_unit("pct.") == "%"
    assert normalise_unit("kroner") == "kr."
    assert normalise_unit("stk.") is None


def test_find_numbers_in_prose():
    text = (
        "Et mindreforbrug på 3,7 mio. kr. og 50 pct. samt 175.000 kr. Mødet d. 07-11-2023 "
        "og 4.-5. november, sag 22/24308, KLE 15.00.15-P16-1-21, jf. § 41a, kl. 15:30, "
        "beløb i 1.000 kr., perioden 2021-2024, i 3. bevillingsrevision faldt det med -2.855."
    )
    found = [(a.value, a.unit, text[s:e]) for a, s, e in find_numbers(text)]
    assert found == [
        (D("3.7"), "mio. kr.", "3,7 mio. kr."),
        (D("50"), "%", "50 pct."),
        (D("175000"), "kr.", "175.000 kr."),
        (D("-2855"), None, "-2.855"),
    ]


def test_find_numbers_is_linear_on_long_lines():
    text = "1.000," * 200_000
    assert isinstance(find_numbers(text), list)
    assert Amount.parse("1" * 1_000_000) is None


@pytest.mark.parametrize("text", ["1,234.5", "1,234,567", "12.5", "0.85", "-1,234.00"])
def test_english_numbers(text):
    assert is_english_number(text)


@pytest.mark.parametrize("text", ["1.234", "1,5", "1.229.781", "-0,5", "77,7%", "2021"])
def test_danish_numbers_are_not_english(text):
    assert not is_english_number(text) and not is_malformed_number(text)


@pytest.mark.parametrize("text", ["1.23.456", "1234.567", "1.2345", "1,2,3"])
def test_malformed_numbers(text):
    assert is_malformed_number(text)


values = st.decimals(min_value=-10**9, max_value=10**9, allow_nan=False, allow_infinity=False, places=3)


@settings(max_examples=150, deadline=None)
@given(values, st.integers(min_value=0, max_value=3), st.sampled_from(["", "%", " kr.", " mio. kr."]))
def test_parse_format_round_trip(value, decimals, unit):
    text = format_number(value, decimals) + unit
    amount = Amount.parse(text)
    assert amount is not None
    assert amount.decimals == decimals
    assert amount.value == value.quantize(Decimal(1).scaleb(-decimals))
    assert amount.format() == format_number(value, decimals)
    assert Amount.parse(amount.format()).value == amount.value


@settings(max_examples=150, deadline=None)
@given(st.lists(values, min_size=1, max_size=12), st.integers(min_value=0, max_value=2))
def test_interval_sum_contains_exact_sum(exact, decimals):
    shown = [Amount.parse(format_number(v, decimals)) for v in exact]
    total = Interval.point(0)
    for amount in shown:
        total = total + amount.interval
    assert total.contains(sum(exact))
    # and the displayed total of the exact sum always overlaps the computed interval
    assert total.overlaps(Amount.parse(format_number(sum(exact), decimals)).interval)
