"""Invariants of billing.rules.calculate (hypothesis), and the figures the acceptance names: the
MHLW worked example, each rounding rule and each copay rate. Sources: the billing part of
shared/domain/kyotaku.md (介護保険法第43条・第49条の2, 平成12年厚生省告示第33号, 老企第36号)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carebridge.billing.rules import (
    ClientMonthInput,
    ClientMonthResult,
    LineInput,
    calculate,
    round_half_up_ratio,
    split_cost,
    yen,
)

PROVIDERS = ("1312345678", "1312345679", "2712345670")
# One unit price per service type (the calculator takes one 単価 per provider and type): 6級地.
PRICES = {"11": 1042, "13": 1042, "15": 1027, "16": 1033, "31": 1000}


@st.composite
def lines(draw: st.DrawFn) -> LineInput:
    kind = draw(st.sampled_from(sorted(PRICES)))
    rate = draw(st.none() | st.sampled_from([245, 224, 92, 64])) if kind in ("11", "15") else None
    return LineInput(
        provider=draw(st.sampled_from(PROVIDERS)),
        service_type=kind,
        service_code=kind + "1111",
        units=draw(st.integers(1, 1500)),
        count=draw(st.integers(0, 31)),
        unit_price=PRICES[kind],
        limit_managed=kind != "31" and draw(st.booleans() | st.just(True)),
        over_limit_units=draw(st.none() | st.integers(0, 5000)),
        rate_permille=rate,
    )


months = st.builds(
    ClientMonthInput,
    limit_units=st.sampled_from([5032, 10531, 16765, 19705, 27048, 30938, 36217]),
    copay_rate=st.sampled_from([10, 20, 30]),
    lines=st.lists(lines(), min_size=0, max_size=10),
)


def _cost(result: ClientMonthResult) -> int:
    return result.totals.total_cost + result.totals.full_pay


@settings(max_examples=300, deadline=None)
@given(months)
def test_claim_plus_copay_is_the_cost(month: ClientMonthInput) -> None:
    """保険請求額 + 利用者負担 = 費用総額, per provider and type and in total; the claim is
    floor(費用総額 × 給付率) with 給付率 = 100 − copay rate (介護保険法第49条の2)."""
    result = calculate(month)
    for g in result.groups:
        assert g.insurance_claim + g.copay == g.total_cost
        assert g.insurance_claim == g.total_cost * (100 - month.copay_rate) // 100
        assert g.total_cost == yen(g.in_limit_units, g.unit_price)
        assert g.full_pay == yen(g.over_limit_units, g.unit_price)
    t = result.totals
    assert t.insurance_claim + t.copay == t.total_cost
    assert t.client_pays == t.copay + t.full_pay


@settings(max_examples=300, deadline=None)
@given(months)
def test_in_limit_never_passes_the_limit(month: ClientMonthInput) -> None:
    """The units under limit management count against the 区分支給限度基準額 (平成12年厚生省告示
    第33号); what passes it is over-limit, exactly the excess (no kind limits here)."""
    result = calculate(month)
    assert result.in_limit_units <= result.limit_units
    assert result.in_limit_units == min(result.total_units, month.limit_units)
    assert result.over_limit_units == max(0, result.total_units - month.limit_units)


@settings(max_examples=300, deadline=None)
@given(months)
def test_allocations_add_up(month: ClientMonthInput) -> None:
    """Lines → groups → totals: each line's in-limit + over-limit = its units; a line outside limit
    management carries no excess of its own; the groups add up to the lines and the month."""
    result = calculate(month)
    assert len(result.lines) == len(month.lines)
    managed_over = 0
    for line, outcome in zip(month.lines, result.lines, strict=True):
        assert 0 <= outcome.over_limit_units <= outcome.units
        assert outcome.in_limit_units + outcome.over_limit_units == outcome.units
        if line.rate_permille is None:
            assert outcome.units == line.units * line.count
            if line.limit_managed:
                managed_over += outcome.over_limit_units
            else:
                assert outcome.over_limit_units == 0
    assert managed_over == result.over_limit_units
    for g in result.groups:
        members = [
            o
            for line, o in zip(month.lines, result.lines, strict=True)
            if (line.provider, line.service_type) == (g.provider, g.service_type)
        ]
        assert g.units == sum(o.units for o in members)
        assert g.over_limit_units == sum(o.over_limit_units for o in members)
        assert g.in_limit_units + g.over_limit_units == g.units
    assert result.totals.total_cost == sum(g.total_cost for g in result.groups)
    assert result.totals.full_pay == sum(g.full_pay for g in result.groups)


@settings(max_examples=300, deadline=None)
@given(months, st.data())
def test_more_visits_never_lower_the_cost(month: ClientMonthInput, data: st.DataObject) -> None:
    """One more visit on any line never lowers what the month costs (費用総額 + 全額負担), nor the
    units under limit management, nor what the client pays."""
    if not month.lines:
        return
    i = data.draw(st.integers(0, len(month.lines) - 1))
    more = list(month.lines)
    more[i] = dataclasses.replace(more[i], count=more[i].count + 1)
    before, after = calculate(month), calculate(dataclasses.replace(month, lines=more))
    assert _cost(after) >= _cost(before)
    assert after.total_units >= before.total_units
    assert after.totals.client_pays >= before.totals.client_pays


def _one_line(units: int, price: int, copay_rate: int = 10, limit: int = 27_048) -> ClientMonthResult:
    line = LineInput("1312345678", "16", "161111", units, 1, price)
    return calculate(ClientMonthInput(limit_units=limit, copay_rate=copay_rate, lines=[line]))


def test_mhlw_worked_example() -> None:
    """MHLW's worked example (kyotaku.md): 22,050 units × 11.10円 (55% class, 1級地) = 244,755円;
    保険請求額 floor(244,755 × 0.9) = 220,279円; 利用者負担 24,476円."""
    result = _one_line(22_050, 1110)
    (g,) = result.groups
    assert (g.total_cost, g.insurance_claim, g.copay, g.full_pay) == (244_755, 220_279, 24_476, 0)
    assert result.totals.client_pays == 24_476


@pytest.mark.parametrize(
    ("copay_rate", "claim", "copay"),
    [(10, 220_279, 24_476), (20, 195_804, 48_951), (30, 171_328, 73_427)],
)
def test_each_copay_rate(copay_rate: int, claim: int, copay: int) -> None:
    """給付率 90/80/70 for 1/2/3割負担 (介護保険法第49条の2): 244,755 × 0.8 = 195,804;
    × 0.7 = 171,328.5 → 171,328 (1円未満切り捨て); the client pays the rest."""
    (g,) = _one_line(22_050, 1110, copay_rate).groups
    assert (g.insurance_claim, g.copay) == (claim, copay)
    assert split_cost(244_755, copay_rate) == (claim, copay)


def test_rounding_cost_floors_below_one_yen() -> None:
    """費用総額 = floor(units × 単価): 387 × 10.42 = 4,032.54 → 4,032 (1円未満切り捨て)."""
    assert yen(387, 1042) == 4032
    assert _one_line(387, 1042).totals.total_cost == 4032


def test_rounding_claim_floors_and_copay_takes_the_rest() -> None:
    """保険請求額 = floor(費用総額 × 給付率): 4,032 × 0.9 = 3,628.8 → 3,628; 利用者負担 404 (not 403)."""
    assert split_cost(4032, 10) == (3628, 404)


def test_rounding_full_pay_floors_over_limit_units() -> None:
    """全額負担 = floor(over-limit units × 単価): limit 100, 387 units at 10.42 → over 287 × 10.42 =
    2,990.54 → 2,990; in-limit 100 × 10.42 = 1,042."""
    (g,) = _one_line(387, 1042, limit=100).groups
    assert (g.over_limit_units, g.full_pay, g.total_cost) == (287, 2990, 1042)


def test_rounding_rate_addition_half_up() -> None:
    """A rate-based addition is rounded half up per occurrence (老企第36号 第二の1(4)):
    1,005 × 24.5% = 246.225 → 246; 1,010 × 24.5% = 247.45 → 247; 1,020 × 24.5% = 249.9 → 250;
    2 × 25.0% = 0.5 → 1."""
    assert [round_half_up_ratio(u, 245, 1000) for u in (1005, 1010, 1020)] == [246, 247, 250]
    assert round_half_up_ratio(2, 250, 1000) == 1
    base = LineInput("1312345678", "11", "111211", 1005, 1, 1042)
    addition = LineInput("1312345678", "11", "116275", 0, 1, 1042, limit_managed=False, rate_permille=245)
    result = calculate(ClientMonthInput(limit_units=19_705, copay_rate=10, lines=[base, addition]))
    assert result.lines[1].units == 246
