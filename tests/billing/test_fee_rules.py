"""居宅介護支援費 (billing/fee_rules.py): 逓減制 boundaries, additions, 減算 and rounding.

Each test cites 指定居宅介護支援に要する費用の額の算定に関する基準 (平成12年厚生省告示第20号) 別表 as
revised for 2024-04 (令和6年厚生労働省告示第86号) and 老企第36号."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from carebridge.billing import fee_rules as fr

MONTH = dt.date(2026, 10, 1)


def _cases(n: int, level: str = "care_1", start: int = 0) -> list[fr.CaseFacts]:
    base = dt.date(2020, 1, 1)
    return [
        fr.CaseFacts(client_id=start + i + 1, care_level=level, contracted_on=base + dt.timedelta(days=start + i))
        for i in range(n)
    ]


def _steps(result: fr.ManagerFee) -> list[str]:
    return [c.step for c in result.cases]


def test_tier_one_boundary_44_45():
    """別表 イ(1): (Ⅰ)ⅰ for 取扱件数 under 45, ⅱ from the 45th case (2024-04 revision)."""
    result = fr.manager_fee(_cases(45), MONTH, fr.OfficeFacts(tier=fr.Tier.I))
    assert _steps(result)[43] == fr.Step.FIRST
    assert _steps(result)[44] == fr.Step.SECOND
    assert result.cases[43].base_units == 1086
    assert result.cases[44].base_units == 544


def test_tier_one_boundary_59_60():
    """別表 イ(1): (Ⅰ)ⅲ from the 60th case; 要介護3〜5 units 704 (ⅱ) and 422 (ⅲ)."""
    result = fr.manager_fee(_cases(60, "care_3"), MONTH, fr.OfficeFacts(tier=fr.Tier.I))
    assert (result.cases[58].step, result.cases[58].base_units) == (fr.Step.SECOND, 704)
    assert (result.cases[59].step, result.cases[59].base_units) == (fr.Step.THIRD, 422)


def test_tier_two_boundary_49_50_and_59_60():
    """別表 イ(2): (Ⅱ) (ケアプランデータ連携システム・事務職員) ⅰ under 50, ⅱ 50〜59, ⅲ from 60."""
    result = fr.manager_fee(_cases(60), MONTH, fr.OfficeFacts(tier=fr.Tier.II))
    assert (result.cases[48].step, result.cases[48].base_units) == (fr.Step.FIRST, 1086)
    assert (result.cases[49].step, result.cases[49].base_units) == (fr.Step.SECOND, 527)
    assert (result.cases[58].step, result.cases[58].base_units) == (fr.Step.SECOND, 527)
    assert (result.cases[59].step, result.cases[59].base_units) == (fr.Step.THIRD, 316)


def test_contract_date_order_not_input_order():
    """別表 イ 注: cases are counted in contract-date order: the newest contract gets the lower tier."""
    cases = list(reversed(_cases(45)))
    result = fr.manager_fee(cases, MONTH, fr.OfficeFacts())
    lower = [c.client_id for c in result.cases if c.step == fr.Step.SECOND]
    assert lower == [45]


def test_prevention_cases_weigh_a_third():
    """老企第36号 第3の7: 介護予防支援 cases count as 1/3 of a case (2024-04). 42 要介護 cases
    plus 6 要支援 ones (= 2) before them: the 43rd 要介護 case stands at position 45 → ⅱ."""
    prevention = _cases(6, "support_1")
    care = _cases(43, "care_2", start=6)
    result = fr.manager_fee(prevention + care, MONTH, fr.OfficeFacts())
    care_cases = [c for c in result.cases if c.position is not None]
    assert care_cases[41].position == 44 and care_cases[41].step == fr.Step.FIRST
    assert care_cases[42].position == 45 and care_cases[42].step == fr.Step.SECOND
    assert result.weighted_count == Fraction(45)
    assert fr.fee_table(MONTH).prevention_weight == Fraction(1, 3)


def test_operating_standard_penalty_half_rounded_half_up_and_no_initial():
    """別表 イ 注 (運営基準減算 100分の50) and 老企第36号 第2の1(3) (rounding half up per occurrence):
    1,411 × 50% = 705.5 → 706 billed. No 初回加算 in a 減算 month (別表 ロ 注)."""
    case = fr.CaseFacts(
        client_id=1,
        care_level="care_4",
        contracted_on=dt.date(2026, 10, 1),
        penalty=True,
        events=(fr.EventFacts(fr.EventKind.INITIAL, dt.date(2026, 10, 3)),),
    )
    result = fr.manager_fee([case], MONTH, fr.OfficeFacts())
    assert result.cases[0].units == 706
    assert all("初回" not in line.label for line in result.cases[0].lines)


def test_penalty_second_month_pays_nothing():
    """別表 イ 注: 運営基準減算 two months in a row: 所定単位数は算定しない."""
    case = fr.CaseFacts(1, "care_1", dt.date(2025, 1, 1), penalty=True, penalty_whole=True)
    assert fr.manager_fee([case], MONTH, fr.OfficeFacts()).cases[0].units == 0


def test_office_wide_reductions_each_rounded():
    """別表 イ 注 (業務継続計画未策定減算 1%, 高齢者虐待防止措置未実施減算 1%, 同一建物 95%),
    each rounded half up: 1,411 − 14 = 1,397; − 14 = 1,383; × 95% = 1,313.85 → 1,314 (cut 69)."""
    case = fr.CaseFacts(1, "care_5", dt.date(2025, 1, 1))
    office = fr.OfficeFacts(bcp_missing=True, abuse_prevention_missing=True, same_building=True)
    lines = fr.manager_fee([case], MONTH, office).cases[0].lines
    assert [line.units for line in lines] == [1411, -14, -14, -69]


def test_additions_and_special_office():
    """別表 ロ〜リ and ハ: 初回 300, 入院時(Ⅰ) 250, 退院・退所(Ⅲ) 900, 通院時 50, ターミナル 400,
    緊急時カンファレンス 200 twice at most, 特定事業所加算(Ⅱ) 421."""
    d = dt.date(2026, 10, 5)
    events = (
        fr.EventFacts(fr.EventKind.INITIAL, d),
        fr.EventFacts(fr.EventKind.ADMISSION, d, info_on=d),
        fr.EventFacts(fr.EventKind.DISCHARGE, d, contacts=3, conference=True),
        fr.EventFacts(fr.EventKind.OUTPATIENT, d),
        fr.EventFacts(fr.EventKind.TERMINAL, d),
        *[fr.EventFacts(fr.EventKind.EMERGENCY_CONFERENCE, d)] * 3,
        fr.EventFacts(fr.EventKind.OUTPATIENT, dt.date(2026, 9, 30)),  # last month: not counted
    )
    case = fr.CaseFacts(1, "care_1", dt.date(2025, 1, 1), events=events)
    fee = fr.manager_fee([case], MONTH, fr.OfficeFacts(special=fr.Special.II)).cases[0]
    assert fee.units == 1086 + 300 + 250 + 900 + 50 + 400 + 200 + 200 + 421


def test_admission_classes():
    """別表 ホ: (Ⅰ) on the day of admission (the next day when admitted after hours), (Ⅱ) the day
    after or the one after that (within 3 days counting the admission day); later: nothing."""
    d = dt.date(2026, 10, 5)
    ev = fr.EventFacts
    assert fr.admission_class(ev(fr.EventKind.ADMISSION, d, info_on=d)) == "1"
    assert fr.admission_class(ev(fr.EventKind.ADMISSION, d, info_on=d + dt.timedelta(1), after_hours=True)) == "1"
    assert fr.admission_class(ev(fr.EventKind.ADMISSION, d, info_on=d + dt.timedelta(1))) == "2"
    assert fr.admission_class(ev(fr.EventKind.ADMISSION, d, info_on=d + dt.timedelta(2))) == "2"
    assert fr.admission_class(ev(fr.EventKind.ADMISSION, d, info_on=d + dt.timedelta(3))) is None
    assert fr.admission_class(ev(fr.EventKind.ADMISSION, d)) is None


def test_discharge_classes():
    """別表 ヘ: (Ⅰ)イ 450, (Ⅰ)ロ 600, (Ⅱ)イ 600, (Ⅱ)ロ 750, (Ⅲ) 900."""
    d = dt.date(2026, 10, 5)
    table = fr.fee_table(d)
    got = [
        table.discharge[fr.discharge_class(fr.EventFacts(fr.EventKind.DISCHARGE, d, contacts=n, conference=c)) or ""]
        for n, c in [(1, False), (1, True), (2, False), (2, True), (3, True)]
    ]
    assert got == [450, 600, 600, 750, 900]


def test_concentration_penalty_and_yen():
    """別表 イ 注 (特定事業所集中減算 200 units) and 告示第93号 (6級地 70% class 10.42円):
    (1,086 − 200) × 10.42 = 9,232.12 → 9,232円."""
    case = fr.CaseFacts(1, "care_2", dt.date(2025, 1, 1), concentration=True)
    fee = fr.manager_fee([case], MONTH, fr.OfficeFacts(unit_price_100=1042)).cases[0]
    assert (fee.units, fee.yen) == (886, 9232)


def test_unconfirmed_event_earns_nothing():
    """An event whose conditions are not confirmed adds nothing."""
    d = dt.date(2026, 10, 5)
    case = fr.CaseFacts(
        1, "care_1", dt.date(2025, 1, 1), events=(fr.EventFacts(fr.EventKind.TERMINAL, d, confirmed=False),)
    )
    assert fr.manager_fee([case], MONTH, fr.OfficeFacts()).units == 1086


def test_special_addition_not_with_penalties():
    """厚生労働大臣が定める基準 第84号: 特定事業所加算 is not paid while 運営基準減算 or 特定事業所集中減算
    applies; a month with no fee at all (2か月以上) earns no 加算."""
    d = dt.date(2026, 10, 5)
    office = fr.OfficeFacts(special=fr.Special.I)
    plain = fr.CaseFacts(1, "care_1", dt.date(2025, 1, 1))
    assert fr.manager_fee([plain], MONTH, office).units == 1086 + 519
    half = fr.CaseFacts(1, "care_1", dt.date(2025, 1, 1), penalty=True)
    assert fr.manager_fee([half], MONTH, office).units == 543
    conc = fr.CaseFacts(1, "care_1", dt.date(2025, 1, 1), concentration=True)
    assert fr.manager_fee([conc], MONTH, office).units == 886
    whole = fr.CaseFacts(
        1,
        "care_1",
        dt.date(2025, 1, 1),
        penalty=True,
        penalty_whole=True,
        events=(fr.EventFacts(fr.EventKind.TERMINAL, d),),
    )
    assert fr.manager_fee([whole], MONTH, office).units == 0


@settings(deadline=None, max_examples=60)  # the machine is shared: no per-example deadline
@given(
    levels=st.lists(st.sampled_from([*fr.CARE_LEVELS, *fr.PREVENTION_LEVELS]), max_size=90),
    tier=st.sampled_from(list(fr.Tier)),
)
def test_invariants(levels: list[str], tier: fr.Tier):
    """The office total is the sum of the cases; steps never go back up in contract order; every
    要介護 case earns a positive fee; a case's yen is floor(units × 単価)."""
    cases = [fr.CaseFacts(i + 1, level, dt.date(2020, 1, 1) + dt.timedelta(days=i)) for i, level in enumerate(levels)]
    result = fr.manager_fee(cases, MONTH, fr.OfficeFacts(tier=tier, unit_price_100=1105))  # 3級地 70%: 11.05円
    assert result.units == sum(c.units for c in result.cases)
    steps = [c.step for c in result.cases if c.step is not None]
    order = [fr.Step.FIRST, fr.Step.SECOND, fr.Step.THIRD]
    assert [order.index(s) for s in steps] == sorted(order.index(s) for s in steps)
    assert all(c.units > 0 for c in result.cases if c.step is not None)
    assert all(c.yen == c.units * 1105 // 100 for c in result.cases)
    assert result.weighted_count == sum(1 if lv in fr.CARE_LEVELS else Fraction(1, 3) for lv in levels)
