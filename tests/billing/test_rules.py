"""billing.rules, hand-computed from the rules' text (kyotaku.md's billing part and the sources
cited there), never from the calculator's own output."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from carebridge.billing.rules import (
    ClientMonthInput,
    LineInput,
    calculate,
    monthly_limit,
    round_half_up_ratio,
    split_cost,
    uncovered_short_stay_days,
    yen,
)

P1, P2 = "1312345678", "1312345679"


def line(units: int, count: int = 1, *, provider: str = P1, kind: str = "11", price: int = 1110, **extra):
    return LineInput(
        provider=provider,
        service_type=kind,
        service_code=kind + "1111",
        units=units,
        count=count,
        unit_price=price,
        **extra,
    )


def test_mhlw_worked_example() -> None:
    """MHLW's worked example: 22,050 units × 11.10円 = 244,755円; 給付率 90% → 保険 220,279円
    (1円未満切り捨て), 利用者負担 24,476円."""
    result = calculate(ClientMonthInput(limit_units=27_048, copay_rate=10, lines=[line(22_050)]))
    (group,) = result.groups
    assert (group.total_cost, group.insurance_claim, group.copay, group.full_pay) == (244_755, 220_279, 24_476, 0)
    assert result.totals.client_pays == 24_476


@pytest.mark.parametrize(
    ("rate", "claim", "copay"), [(10, 220_279, 24_476), (20, 195_804, 48_951), (30, 171_328, 73_427)]
)
def test_copay_rates(rate: int, claim: int, copay: int) -> None:
    """給付率 90/80/70 for 1/2/3割 (介護保険法第49条の2): 244,755 × 0.8 = 195,804 (floor),
    × 0.7 = 171,328.5 → 171,328; the client pays the rest."""
    assert split_cost(244_755, rate) == (claim, copay)


def test_rounding_rules() -> None:
    """費用総額 floors below one yen: 387 × 10.42 = 4,032.54 → 4,032; a rate rounds half up
    (老企第36号): 1,005 × 24.5% = 246.225 → 246, 1,010 × 24.5% = 247.45 → 247, 1,020 × 24.5% = 249.9 → 250."""
    assert yen(387, 1042) == 4032
    assert round_half_up_ratio(1005, 245, 1000) == 246
    assert round_half_up_ratio(1010, 245, 1000) == 247
    assert round_half_up_ratio(1020, 245, 1000) == 250
    assert round_half_up_ratio(2, 250, 1000) == 1  # exactly .5 goes up


def test_over_limit_taken_from_the_last_line_first() -> None:
    """要介護1 (16,765 units): 10,000 + 8,000 = 18,000 → 1,235 over, from the last line."""
    result = calculate(
        ClientMonthInput(limit_units=16_765, copay_rate=10, lines=[line(10_000), line(8_000, provider=P2)])
    )
    assert [r.over_limit_units for r in result.lines] == [0, 1_235]
    assert (result.total_units, result.in_limit_units, result.over_limit_units) == (18_000, 16_765, 1_235)
    second = result.groups[1]
    assert second.full_pay == 1_235 * 1110 // 100  # 13,708.5 → 13,708
    assert second.total_cost == 6_765 * 1110 // 100


def test_named_excess_is_honoured_and_capped() -> None:
    """The care manager names 1,000 on the first line; the remaining 235 comes from the last."""
    result = calculate(
        ClientMonthInput(
            limit_units=16_765, copay_rate=10, lines=[line(10_000, over_limit_units=1_000), line(8_000, provider=P2)]
        )
    )
    assert [r.over_limit_units for r in result.lines] == [1_000, 235]
    capped = calculate(
        ClientMonthInput(limit_units=16_765, copay_rate=10, lines=[line(10_000, over_limit_units=5_000), line(8_000)])
    )
    assert capped.over_limit_units == 1_235 and "over_limit_units_reduced" in capped.notes


def test_outside_limit_lines_never_count() -> None:
    """居宅療養管理指導 is outside limit management: its units cost but never reach the limit."""
    result = calculate(
        ClientMonthInput(
            limit_units=5_000, copay_rate=10, lines=[line(5_000), line(500, kind="31", price=1000, limit_managed=False)]
        )
    )
    assert result.over_limit_units == 0 and result.total_units == 5_000
    assert result.groups[1].total_cost == 5_000


def test_treatment_improvement_addition_over_limit_part_paid_in_full() -> None:
    """処遇改善加算 24.5% on 2,000 units with 1,000 over the limit: on all units 490, on the
    in-limit 1,000 units 245: the other 245 are paid in full."""
    result = calculate(
        ClientMonthInput(
            limit_units=1_000,
            copay_rate=10,
            lines=[line(2_000, price=1000), line(0, price=1000, limit_managed=False, rate_permille=245)],
        )
    )
    addition = result.lines[1]
    assert (addition.units, addition.in_limit_units, addition.over_limit_units) == (490, 245, 245)
    (group,) = result.groups
    assert group.full_pay == (1_000 + 245) * 10 and group.total_cost == (1_000 + 245) * 10


def test_kind_limit_caps_that_kind_first() -> None:
    """An insurer's 種類支給限度 of 3,000 for 訪問介護: 4,000 units there → 1,000 over though the
    overall limit holds."""
    result = calculate(
        ClientMonthInput(
            limit_units=16_765, copay_rate=10, lines=[line(4_000), line(2_000, kind="15")], kind_limits={"11": 3_000}
        )
    )
    assert result.over_limit_units == 1_000 and result.lines[0].over_limit_units == 1_000


def test_higher_limit_on_a_mid_month_change() -> None:
    """要介護2 → 要介護3 in the month: the higher limit (27,048) for the whole month."""
    assert monthly_limit([19_705, 27_048]) == 27_048


def test_the_31st_consecutive_short_stay_day_is_not_covered() -> None:
    """Short stays across providers: 31 days in a row → the 31st is not covered; counting
    starts again on day 32 (so day 62 is the next uncovered one)."""
    start = date(2026, 10, 1)
    days = [start + timedelta(days=i) for i in range(62)]
    assert uncovered_short_stay_days(days) == [days[30], days[61]]
    assert uncovered_short_stay_days(days[:5], consecutive_before=27) == [days[3]]
    gap = [*days[:20], *days[21:40]]
    assert uncovered_short_stay_days(gap) == []
