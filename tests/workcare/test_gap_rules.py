"""The gap report against 育児・介護休業法, the 40-year window and the invoice lines (pure rules).
Expected values are hand-computed from the statute's text, never from the code's output."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from carebridge.workcare import gap_rules as g
from carebridge.workcare.invoice_rules import FeeItemFacts, InvoiceLine, invoice_lines, invoice_total

D = dt.date
ON = D(2026, 11, 22)
LEGAL = g.PolicyFacts(reduced_measures=("short_hours",))
NOTHING_MISSING = g.DutyFacts(environment_measures=1)


def codes(findings: list[g.Finding]) -> dict[str, str]:
    return {f.code: f.article for f in findings}


def test_a_policy_at_the_legal_minimum_has_no_gap():
    assert g.policy_gaps(LEGAL, ON) == []


def test_care_leave_of_92_days_is_below_93_days():
    # 第11条第2項: 介護休業 is 93 days in total per family member.
    found = g.policy_gaps(g.PolicyFacts(care_leave_days=92, reduced_measures=("flextime",)), ON)
    assert codes(found) == {"care_leave_days": "育児・介護休業法 第11条第2項・第15条第1項"}
    assert found[0].severity == g.ERROR
    assert "93日" in found[0].message


def test_care_leave_in_2_periods_is_below_3():
    found = g.policy_gaps(g.PolicyFacts(care_leave_periods=2, reduced_measures=("flextime",)), ON)
    assert codes(found) == {"care_leave_periods": "育児・介護休業法 第11条第2項"}


@pytest.mark.parametrize(("one", "two"), [(4, 10), (5, 9)])
def test_care_days_off_below_5_or_10_days(one, two):
    # 第16条の5第1項: 5 days a fiscal year, 10 with two or more family members.
    found = g.policy_gaps(
        g.PolicyFacts(care_days_off_one=one, care_days_off_two=two, reduced_measures=("staggered",)), ON
    )
    assert codes(found) == {"care_days_off_days": "育児・介護休業法 第16条の5第1項"}


def test_care_days_off_without_hourly_use():
    found = g.policy_gaps(g.PolicyFacts(care_days_off_hourly=False, reduced_measures=("staggered",)), ON)
    assert codes(found) == {"care_days_off_hourly": "育児・介護休業法 第16条の5第2項"}


def test_no_reduced_hours_measure():
    # 第23条第3項: at least one of 短時間勤務・フレックス・時差出勤・介護費用の助成.
    assert codes(g.policy_gaps(g.PolicyFacts(reduced_measures=()), ON)) == {
        "reduced_measure_none": "育児・介護休業法 第23条第3項"
    }
    # an unknown word is not a measure
    assert "reduced_measure_none" in codes(g.policy_gaps(g.PolicyFacts(reduced_measures=("nap",)), ON))


@pytest.mark.parametrize(("uses", "years"), [(1, 3), (2, 2)])
def test_reduced_measure_fewer_than_2_uses_in_3_years(uses, years):
    facts = g.PolicyFacts(reduced_measures=("short_hours",), reduced_measure_uses=uses, reduced_measure_years=years)
    assert codes(g.policy_gaps(facts, ON)) == {"reduced_measure_uses": "育児・介護休業法 第23条第3項"}


def test_two_uses_in_five_years_is_more_generous_and_fine():
    facts = g.PolicyFacts(reduced_measures=("short_hours",), reduced_measure_uses=3, reduced_measure_years=5)
    assert g.policy_gaps(facts, ON) == []


def test_work_limits_not_offered():
    facts = g.PolicyFacts(
        reduced_measures=("short_hours",), overtime_exemption=False, overtime_limit=False, night_work_limit=False
    )
    assert codes(g.policy_gaps(facts, ON)) == {
        "overtime_exemption": "育児・介護休業法 第16条の9",
        "overtime_limit": "育児・介護休業法 第18条",
        "night_work_limit": "育児・介護休業法 第20条",
    }


def test_under_1_year_exclusion_is_not_allowed_for_care_days_off_since_2025_04_01():
    # 第16条の6第2項 (2025-04-01): only workers of 2 days a week or less may be excluded from 介護休暇;
    # for 介護休業 (第12条第2項) under 1 year remains allowed.
    facts = g.PolicyFacts(reduced_measures=("short_hours",), labor_agreement_excludes=("under_1_year",))
    found = g.policy_gaps(facts, D(2025, 4, 1))
    assert codes(found) == {"exclusion_care_days_off_under_1_year": "育児・介護休業法 第16条の6第2項"}
    assert "2025年4月1日以降" in found[0].message


def test_weekly_2_days_exclusion_is_allowed_for_both():
    facts = g.PolicyFacts(reduced_measures=("short_hours",), labor_agreement_excludes=("weekly_2_days_or_less",))
    assert g.policy_gaps(facts, ON) == []


def test_legal_figures_are_effective_dated():
    assert g.legal_minimum(D(2025, 3, 31)).duties_2025 is False
    assert g.legal_minimum(D(2025, 4, 1)).duties_2025 is True
    assert g.legal_minimum(D(2025, 4, 1)).care_leave_days == 93


def test_duties_with_no_record():
    found = g.duty_gaps(g.DutyFacts(notices_pending=2, notices_overdue=1, early_info_missing=3), LEGAL, ON)
    assert codes(found) == {
        "individual_notice_pending": "育児・介護休業法 第21条第2項",
        "early_info_missing": "育児・介護休業法 第21条第3項",
        "environment_none": "育児・介護休業法 第22条第2項",
        "telework_none": "育児・介護休業法 第24条第4項",
    }
    severity = {f.code: f.severity for f in found}
    assert severity["telework_none"] == g.ADVISORY  # an effort obligation only
    assert severity["individual_notice_pending"] == g.ERROR  # one is past its due date


def test_a_notice_not_yet_due_is_a_warning():
    found = g.duty_gaps(g.DutyFacts(notices_pending=1, environment_measures=1), g.PolicyFacts(telework=True), ON)
    assert [(f.code, f.severity) for f in found] == [("individual_notice_pending", g.WARNING)]


def test_no_duties_before_2025_04_01():
    assert g.duty_gaps(g.DutyFacts(), LEGAL, D(2025, 3, 31)) == []


def test_gap_report_without_a_policy():
    found = g.gap_report(None, NOTHING_MISSING, ON)
    assert [f.code for f in found] == ["policy_missing"]


# -- the 40-year window (第21条第3項, 則第69条の8 (verify)) ----------------------------------------------------

APRIL = (4, 1)


def test_fiscal_year_of_40_for_an_ordinary_birthday():
    # Born 1986-06-15: reaches 40 at the end of 2026-06-14 → fiscal year 2026-04-01..2027-03-31.
    assert g.early_info_window(D(1986, 6, 15), g.FISCAL_YEAR_OF_40, APRIL) == (D(2026, 4, 1), D(2027, 3, 31))


def test_year_after_40_for_an_ordinary_birthday():
    # From the 40th birthday 2026-06-15 for one year: until 2027-06-14 (民法第143条).
    assert g.early_info_window(D(1986, 6, 15), g.YEAR_AFTER_40, APRIL) == (D(2026, 6, 15), D(2027, 6, 14))


def test_an_april_1_birthday_reaches_40_in_the_previous_fiscal_year():
    # Born 1986-04-01: reaches 40 at the end of 2026-03-31 (年齢計算ニ関スル法律) — fiscal year 2025.
    assert g.early_info_window(D(1986, 4, 1), g.FISCAL_YEAR_OF_40, APRIL) == (D(2025, 4, 1), D(2026, 3, 31))
    # …and the year after reaching 40 starts on the birthday 2026-04-01.
    assert g.early_info_window(D(1986, 4, 1), g.YEAR_AFTER_40, APRIL) == (D(2026, 4, 1), D(2027, 3, 31))


def test_a_february_29_birthday():
    # Born 1988-02-29: reaches 40 at the end of 2028-02-28 → fiscal year 2027-04-01..2028-03-31.
    assert g.early_info_window(D(1988, 2, 29), g.FISCAL_YEAR_OF_40, APRIL) == (D(2027, 4, 1), D(2028, 3, 31))
    # One year from 2028-02-29: 2029 has no 2/29, so the year ends on the month's last day, 2029-02-28.
    assert g.early_info_window(D(1988, 2, 29), g.YEAR_AFTER_40, APRIL) == (D(2028, 2, 29), D(2029, 2, 28))


def test_a_company_fiscal_year_from_january():
    # Born 1986-06-15, fiscal year 1/1–12/31: reaches 40 on 2026-06-14 → 2026-01-01..2026-12-31.
    assert g.early_info_window(D(1986, 6, 15), g.FISCAL_YEAR_OF_40, (1, 1)) == (D(2026, 1, 1), D(2026, 12, 31))


def test_reaches_age_for_2_29_in_a_common_year():
    # 民法第143条第2項ただし書: no corresponding day → the last day of the month.
    assert g.reaches_age(D(2000, 2, 29), 1) == D(2001, 2, 28)


def test_birth_date_range_covers_the_windows():
    low, high = g.birth_date_range(D(2026, 4, 1), D(2027, 3, 31))
    for birth in (D(1986, 4, 2), D(1987, 4, 1), D(1986, 6, 15)):
        assert low <= birth <= high


# -- discouraging wording --------------------------------------------------------------------------------


def test_discouraging_expressions_are_found():
    text = "介護休業は取得できますが、繁忙期は取得を控えてください。周囲に迷惑がかからないように。"
    assert g.discouraging_expressions(text) == ["控えて", "迷惑"]
    assert g.discouraging_expressions("介護休業・介護休暇の制度があります。申出先は人事部です。") == []


# -- invoice lines (issue 8 item 14) ----------------------------------------------------------------------


def test_invoice_lines_by_hand():
    items = [
        FeeItemFacts("相談窓口 月額", "month", 50000, 0),
        FeeItemFacts("個別相談（月3件まで月額に含む）", "consultation", 8000, 3),
        FeeItemFacts("三者面談", "meeting", 12000, 0),
        FeeItemFacts("セミナー", "seminar", 100000, 1),
    ]
    lines = invoice_lines(items, {"consultation": 5, "meeting": 2, "seminar": 1})
    # 50,000 once; 5 − 3 = 2 × 8,000 = 16,000; 2 × 12,000 = 24,000; 1 − 1 = 0 seminars.
    assert [(line.label, line.quantity, line.amount) for line in lines] == [
        ("相談窓口 月額", 1, 50000),
        ("個別相談（月3件まで月額に含む）", 2, 16000),
        ("三者面談", 2, 24000),
        ("セミナー", 0, 0),
    ]
    assert lines[1] == InvoiceLine("個別相談（月3件まで月額に含む）", "consultation", 8000, 5, 3, 2, 16000)
    assert invoice_total(lines) == 90000


def test_invoice_with_less_activity_than_included():
    lines = invoice_lines([FeeItemFacts("相談", "consultation", 8000, 3)], {"consultation": 1})
    assert (lines[0].included, lines[0].quantity, lines[0].amount) == (1, 0, 0)


# -- properties -------------------------------------------------------------------------------------------

births = st.dates(min_value=D(1940, 1, 1), max_value=D(2000, 12, 31))
starts = st.tuples(st.integers(1, 12), st.integers(1, 28))


@given(births, starts)
def test_the_fiscal_year_window_holds_the_day_of_reaching_40(birth, start):
    first, last = g.early_info_window(birth, g.FISCAL_YEAR_OF_40, start)
    assert first <= g.reaches_age(birth, 40) <= last
    assert (first.month, first.day) == start
    assert g.one_year_from(first) == last  # one fiscal year long


@given(births)
def test_the_year_after_40_starts_the_day_after_reaching_40_and_lasts_a_year(birth):
    first, last = g.early_info_window(birth, g.YEAR_AFTER_40, APRIL)
    assert first == g.reaches_age(birth, 40) + dt.timedelta(days=1)
    assert 364 <= (last - first).days <= 365


@given(
    st.lists(st.tuples(st.sampled_from(["month", "consultation", "meeting", "seminar"]), st.integers(0, 10**6),
                       st.integers(0, 50)), max_size=6),
    st.dictionaries(st.sampled_from(["consultation", "meeting", "seminar"]), st.integers(0, 500)),
)  # fmt: skip
def test_invoice_amounts_are_quantity_times_price(items, activity):
    facts = [FeeItemFacts(f"item{n}", unit, price, included) for n, (unit, price, included) in enumerate(items)]
    lines = invoice_lines(facts, activity)
    assert len(lines) == len(facts)
    for item, line in zip(facts, lines, strict=True):
        assert line.amount == line.quantity * item.unit_price
        if item.unit == "month":
            assert line.quantity == 1
        else:
            assert line.quantity == max(0, activity.get(item.unit, 0) - item.included_count)
    assert invoice_total(lines) == sum(line.amount for line in lines)
