"""The entitlement rules of 育児・介護休業法 (workcare/rules.py). Every expected figure below is
worked out by hand from the law's text (the article is named in each test), not read off the code.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from carebridge.workcare import messages, rules
from carebridge.workcare.models.choices import AgreementExclusion, LeaveKind

D = dt.date
FULL_TIME = rules.EmployeeFacts(weekly_days=5, daily_hours=Decimal("7.5"), hired_on=D(2015, 4, 1))
APRIL = rules.Policy(fiscal_year_start=(4, 1))
AS_OF = D(2026, 11, 22)


def leave(start: dt.date, end: dt.date, family: str = "mother") -> rules.Use:
    return rules.Use(kind=rules.CARE_LEAVE, family_id=family, start=start, end=end)


def day_off(day: dt.date, hours: int | None = None, family: str = "mother") -> rules.Use:
    return rules.Use(kind=rules.CARE_DAYS_OFF, family_id=family, start=day, end=day, hours=hours)


def check(request, history=(), *, employee=FULL_TIME, policy=APRIL, family=("mother",), as_of=AS_OF):
    return rules.check_request(
        request, as_of=as_of, family_ids=list(family), history=list(history), employee=employee, policy=policy
    )


def codes(reasons) -> list[str]:
    return [r.code for r in reasons]


def test_the_choice_values_are_the_rules_words():
    assert {c.value for c in LeaveKind} == set(rules.KINDS)
    assert {c.value for c in AgreementExclusion} == set(rules.EXCLUSIONS)


# --- 介護休業: 93 days and 3 periods per family member (第11条第2項) ---------------------------------


THREE_PERIODS = [
    leave(D(2025, 1, 6), D(2025, 2, 4)),  # 26 + 4 = 30 days
    leave(D(2025, 6, 2), D(2025, 7, 1)),  # 29 + 1 = 30 days
    leave(D(2026, 1, 5), D(2026, 1, 24)),  # 20 days
]


def test_a_fourth_period_is_refused_article_11_2_1():
    """第11条第2項第1号: 当該対象家族について三回の介護休業をした場合は申出できない (80 days used,
    13 days still left: the periods, not the days, are what refuses)."""
    balance = rules.care_leave_balance("mother", THREE_PERIODS, APRIL, D(2026, 11, 22))
    assert (balance.days_used, balance.days_left, balance.periods_used, balance.periods_left) == (80, 13, 3, 0)
    reasons = check(leave(D(2026, 12, 1), D(2026, 12, 3)), THREE_PERIODS)
    assert codes(reasons) == [messages.CARE_LEAVE_PERIODS_EXCEEDED.code]
    assert reasons[0].article == "育児・介護休業法 第11条第2項第1号"
    assert (
        reasons[0].message
        == "この対象家族の介護休業は既に3回取得しています（上限3回）。これ以上は分割して取得できません。"
    )


def test_the_94th_day_is_refused_and_the_93rd_allowed_article_11_2_2():
    """第11条第2項第2号・第15条第1項: 通算93日. 60 days used in two periods: a third period of
    33 days (Dec 1..Jan 2) reaches day 93; 34 days (..Jan 3) would be day 94."""
    used = THREE_PERIODS[:2]
    assert check(leave(D(2026, 12, 1), D(2027, 1, 2)), used) == []
    reasons = check(leave(D(2026, 12, 1), D(2027, 1, 3)), used)
    assert codes(reasons) == [messages.CARE_LEAVE_DAYS_EXCEEDED.code]
    assert reasons[0].article == "育児・介護休業法 第11条第2項第2号・第15条第1項"
    assert "取得済み60日、申出34日、残り33日" in reasons[0].message


def test_the_93_days_and_3_periods_are_per_family_member():
    """第11条第2項: "当該対象家族について" — the father's leave does not spend the mother's."""
    father = [leave(p.start, p.end, family="father") for p in THREE_PERIODS]
    assert check(leave(D(2026, 12, 1), D(2027, 3, 3)), father, family=("mother", "father")) == []  # 93 days


def test_a_second_leave_over_the_same_days_is_refused():
    """第15条第1項: a leave period is one span; a second record over the same days is a mistake."""
    reasons = check(leave(D(2026, 1, 20), D(2026, 1, 30)), THREE_PERIODS[2:])
    assert codes(reasons) == [messages.REQUEST_OVERLAPS.code]
    assert reasons[0].article == "育児・介護休業法 第15条第1項"


def test_a_more_generous_company_policy_wins_and_a_meaner_one_does_not_lower_the_law():
    generous = rules.Policy(fiscal_year_start=(4, 1), care_leave_days=186, care_leave_periods=4)
    assert check(leave(D(2026, 12, 1), D(2026, 12, 3)), THREE_PERIODS, policy=generous) == []
    mean = rules.Policy(fiscal_year_start=(4, 1), care_leave_days=60, care_leave_periods=1)
    balance = rules.care_leave_balance("mother", THREE_PERIODS[:1], mean, D(2026, 11, 22))
    assert (balance.days_left, balance.periods_left) == (63, 2)


def test_a_fixed_term_contract_ending_6_months_after_the_93rd_day_article_11_1():
    """第11条第1項ただし書: 開始予定日から起算して93日を経過する日から6月を経過する日までに契約が満了
    することが明らかでないこと. MHLW's own example: a start on 2022-04-01 gives 2023-01-01. So a
    contract ending on 2023-01-01 is refused, one ending on 2023-01-02 is not."""
    request = leave(D(2022, 4, 1), D(2022, 4, 30))

    def fixed_term(end):
        return rules.EmployeeFacts(weekly_days=5, daily_hours=Decimal(8), hired_on=D(2020, 4, 1), fixed_term_end=end)

    reasons = check(request, employee=fixed_term(D(2023, 1, 1)), as_of=D(2022, 3, 1))
    assert codes(reasons) == [messages.CARE_LEAVE_FIXED_TERM.code]
    assert reasons[0].article == "育児・介護休業法 第11条第1項ただし書"
    assert "（2023-01-01）" in reasons[0].message
    assert check(request, employee=fixed_term(D(2023, 1, 2)), as_of=D(2022, 3, 1)) == []


def test_care_leave_agreement_exclusions_apply_only_when_the_agreement_lists_them_article_12_2():
    """第12条第2項 (第6条第1項ただし書): 1年未満, 93日以内に退職, 週2日以下 — each only if agreed."""
    newcomer = rules.EmployeeFacts(
        weekly_days=2, daily_hours=Decimal(8), hired_on=D(2026, 6, 1), fixed_term_end=D(2027, 2, 1)
    )
    request = leave(D(2026, 12, 1), D(2026, 12, 10))
    # 2027-02-01 is 71 days after 2026-11-22 (≤ 93); the fixed-term rule also refuses it.
    assert codes(check(request, employee=newcomer)) == [messages.CARE_LEAVE_FIXED_TERM.code]
    everything = rules.Policy(fiscal_year_start=(4, 1), labor_agreement_excludes=frozenset(rules.EXCLUSIONS))
    reasons = check(request, employee=newcomer, policy=everything)
    assert codes(reasons) == [
        messages.CARE_LEAVE_FIXED_TERM.code,
        messages.CARE_LEAVE_EXCLUDED_UNDER_1_YEAR.code,
        messages.CARE_LEAVE_EXCLUDED_LEAVING_WITHIN_93_DAYS.code,
        messages.CARE_LEAVE_EXCLUDED_WEEKLY_2_DAYS.code,
    ]
    assert {r.article for r in reasons[1:]} == {rules.ART_CARE_LEAVE_AGREEMENT}


# --- 介護休暇 (第16条の5, 第16条の6) ------------------------------------------------------------


def test_hourly_care_days_off_at_7_5_hours_count_8_hours_a_day_across_the_fiscal_year():
    """第16条の5第2項・則第40条第1項 (時間単位), 1日分 = 所定労働時間 7.5 h を切り上げた 8 h.
    FY from 04-01. In FY2025: 7 h on 2026-03-30 and a whole day (8 h) on 2026-03-31 = 15 h of
    5 × 8 = 40 h: 25 h left = 3 days and 1 hour. On 2026-04-01 a new year: 5 days, nothing used."""
    history = [day_off(D(2026, 3, 30), 7), day_off(D(2026, 3, 31))]
    old = rules.care_days_off_balance(D(2026, 3, 31), 1, history, FULL_TIME, APRIL)
    assert (old.fiscal_year_start, old.entitled_days, old.used_hours, old.left_days, old.left_hours) == (
        D(2025, 4, 1),
        5,
        15,
        3,
        1,
    )
    new = rules.care_days_off_balance(D(2026, 4, 1), 1, history, FULL_TIME, APRIL)
    assert (new.fiscal_year_start, new.entitled_days, new.used_hours, new.left_days, new.left_hours) == (
        D(2026, 4, 1),
        5,
        0,
        5,
        0,
    )
    # FY2025 filled to 37 h (15 + 8 + 8 + 6): 3 h left, so 4 h are refused, 3 h allowed.
    full = [*history, day_off(D(2026, 3, 2)), day_off(D(2026, 3, 3)), day_off(D(2026, 3, 4), 6)]
    assert codes(check(day_off(D(2026, 3, 31), 4), full)) == [messages.CARE_DAYS_OFF_EXCEEDED.code]
    assert check(day_off(D(2026, 3, 31), 3), full) == []
    assert check(day_off(D(2026, 4, 1), 4), full) == []  # the new fiscal year


def test_an_hourly_request_must_be_below_the_daily_scheduled_hours_rule_40():
    """則第40条第1項: 時間（1日の所定労働時間数に満たないもの）. 7.5 h a day: 7 h yes, 8 h no."""
    assert check(day_off(D(2026, 12, 1), 7)) == []
    reasons = check(day_off(D(2026, 12, 1), 8))
    assert codes(reasons) == [messages.CARE_DAYS_OFF_HOURS.code]
    assert reasons[0].article == "育児・介護休業法 第16条の5第2項・施行規則第40条第1項"


def test_a_company_fiscal_year_from_october():
    """第16条の5第1項 "一の年度": the company's year (10-01); 2026-09-30 belongs to FY from 2025-10-01."""
    october = rules.Policy(fiscal_year_start=(10, 1))
    history = [day_off(D(2026, 9, 30)), day_off(D(2026, 10, 1), 2)]
    sept = rules.care_days_off_balance(D(2026, 9, 30), 1, history, FULL_TIME, october)
    octo = rules.care_days_off_balance(D(2026, 10, 1), 1, history, FULL_TIME, october)
    assert (sept.fiscal_year_start, sept.used_hours) == (D(2025, 10, 1), 8)
    assert (octo.fiscal_year_start, octo.used_hours, octo.left_days, octo.left_hours) == (D(2026, 10, 1), 2, 4, 6)


def test_two_family_members_share_ten_days_article_16_5_1():
    """第16条の5第1項: 5 days, 10 with two or more family members — one pool for both.
    Mother 6 days (48 h) and father 3 days + 7 h (31 h): 79 h of 80 h; 1 h left."""
    family = ("mother", "father")
    history = [day_off(D(2026, 5, d)) for d in range(11, 17)]
    history += [day_off(D(2026, 6, d), family="father") for d in (1, 2, 3)] + [day_off(D(2026, 6, 4), 7, "father")]
    balance = rules.care_days_off_balance(D(2026, 11, 22), 2, history, FULL_TIME, APRIL)
    assert (balance.entitled_days, balance.used_hours, balance.left_days, balance.left_hours) == (10, 79, 0, 1)
    assert check(day_off(D(2026, 12, 1), 1, "father"), history, family=family) == []
    assert check(day_off(D(2026, 12, 1), 1, "mother"), history, family=family) == []
    refused = check(day_off(D(2026, 12, 1), 2, "mother"), history, family=family)
    assert codes(refused) == [messages.CARE_DAYS_OFF_EXCEEDED.code]
    assert refused[0].article == "育児・介護休業法 第16条の5第1項"
    # With one family member the same history is over the 5 days: nothing is left.
    one = rules.care_days_off_balance(D(2026, 11, 22), 1, history, FULL_TIME, APRIL)
    assert (one.entitled_days, one.left_days, one.left_hours) == (5, 0, 0)


def test_the_two_days_a_week_exclusion_applies_only_when_the_agreement_says_so():
    """第16条の6第2項 (介護休暇), 第12条第2項 (介護休業): a worker of 2 days a week may be excluded
    only by a labour agreement that says so."""
    two_days = rules.EmployeeFacts(weekly_days=2, daily_hours=Decimal(8), hired_on=D(2015, 4, 1))
    assert check(day_off(D(2026, 12, 1)), employee=two_days) == []
    assert check(leave(D(2026, 12, 1), D(2026, 12, 31)), employee=two_days) == []
    agreed = rules.Policy(fiscal_year_start=(4, 1), labor_agreement_excludes=frozenset({rules.WEEKLY_2_DAYS_OR_LESS}))
    days_off = check(day_off(D(2026, 12, 1)), employee=two_days, policy=agreed)
    assert codes(days_off) == [messages.CARE_DAYS_OFF_EXCLUDED_WEEKLY_2_DAYS.code]
    assert days_off[0].article == "育児・介護休業法 第16条の6第2項（2025年4月1日以降は週2日以下のみ）"
    assert codes(check(leave(D(2026, 12, 1), D(2026, 12, 31)), employee=two_days, policy=agreed)) == [
        messages.CARE_LEAVE_EXCLUDED_WEEKLY_2_DAYS.code
    ]
    three_days = rules.EmployeeFacts(weekly_days=3, daily_hours=Decimal(8), hired_on=D(2015, 4, 1))
    assert check(day_off(D(2026, 12, 1)), employee=three_days, policy=agreed) == []


def test_no_six_month_or_one_year_exclusion_for_care_days_off_since_2025_04():
    """第16条の6第2項 (2025-04-01 改正): the 継続雇用6か月未満 exclusion is gone; a 1-year one never
    existed for 介護休暇. A worker hired 2026-10-01 under an agreement excluding under 1 year
    takes 介護休暇 on 2026-11-24 — but not 介護休業 (第12条第2項 allows that exclusion)."""
    newcomer = rules.EmployeeFacts(weekly_days=5, daily_hours=Decimal(8), hired_on=D(2026, 10, 1))
    agreed = rules.Policy(
        fiscal_year_start=(4, 1), labor_agreement_excludes=frozenset({rules.UNDER_1_YEAR, rules.LEAVING_WITHIN_93_DAYS})
    )
    assert check(day_off(D(2026, 11, 24), 2), employee=newcomer, policy=agreed) == []
    assert codes(check(leave(D(2026, 12, 1), D(2026, 12, 31)), employee=newcomer, policy=agreed)) == [
        messages.CARE_LEAVE_EXCLUDED_UNDER_1_YEAR.code
    ]
    # The dated table: before 2025-04-01 the 6-month exclusion could be agreed, from then not.
    assert rules.UNDER_6_MONTHS in rules.legal_figures(D(2025, 3, 31)).care_days_off_excludable
    assert rules.legal_figures(D(2025, 4, 1)).care_days_off_excludable == frozenset({rules.WEEKLY_2_DAYS_OR_LESS})


def test_the_legal_figures_are_dated_data():
    row = rules.legal_figures(D(2026, 11, 22))
    assert row.effective_from == D(2025, 4, 1)
    assert (row.care_leave_days, row.care_leave_periods, row.care_days_off_one, row.care_days_off_two) == (93, 3, 5, 10)
    assert (row.overtime_limit_hours_month, row.overtime_limit_hours_year) == (24, 150)  # 第17条第1項
    assert rules.legal_figures(D(2000, 1, 1)) == rules.LEGAL_FIGURES[0]


# --- 所定外労働の制限 (第16条の9), 時間外労働の制限 (第18条), 深夜業の制限 (第20条) ------------------


def limit(kind: str, start: dt.date, end: dt.date, requested_on: dt.date) -> rules.Use:
    return rules.Use(kind=kind, family_id="mother", start=start, end=end, requested_on=requested_on)


def test_work_limits_are_requested_one_month_ahead():
    """第16条の8第2項・第17条第2項・第19条第2項 (準用 第16条の9・第18条・第20条): 開始予定日の1月前まで."""
    for kind in (rules.OVERTIME_EXEMPTION, rules.OVERTIME_LIMIT, rules.NIGHT_WORK_LIMIT):
        assert check(limit(kind, D(2027, 1, 1), D(2027, 3, 31), D(2026, 12, 1))) == []
        late = check(limit(kind, D(2027, 1, 1), D(2027, 3, 31), D(2026, 12, 2)))
        assert codes(late) == [messages.REQUEST_NOTICE_LATE.code]
        assert late[0].article == rules.ARTICLES[kind]


def test_work_limit_durations():
    """1か月以上1年以内 (第16条の8第2項・第17条第2項); 深夜業 1か月以上6か月以内 (第19条第2項)."""
    asked = D(2026, 11, 1)
    for kind in (rules.OVERTIME_EXEMPTION, rules.OVERTIME_LIMIT):
        assert check(limit(kind, D(2027, 1, 1), D(2027, 1, 31), asked)) == []  # exactly 1 month
        assert codes(check(limit(kind, D(2027, 1, 1), D(2027, 1, 30), asked))) == [
            messages.REQUEST_PERIOD_TOO_SHORT.code
        ]
        assert check(limit(kind, D(2027, 1, 1), D(2027, 12, 31), asked)) == []  # exactly 1 year
        assert codes(check(limit(kind, D(2027, 1, 1), D(2028, 1, 1), asked))) == [messages.REQUEST_PERIOD_TOO_LONG.code]
    assert check(limit(rules.NIGHT_WORK_LIMIT, D(2027, 1, 1), D(2027, 6, 30), asked)) == []
    too_long = check(limit(rules.NIGHT_WORK_LIMIT, D(2027, 1, 1), D(2027, 7, 1), asked))
    assert codes(too_long) == [messages.REQUEST_PERIOD_TOO_LONG.code]
    assert "6か月以内" in too_long[0].message


def test_overtime_exemption_exclusions_need_an_agreement_the_other_two_limits_do_not():
    """第16条の8第1項ただし書 (所定外労働の制限: 労使協定で除外) vs 第17条第1項各号・第19条第1項各号
    (時間外労働・深夜業の制限: 継続雇用1年未満・週2日以下 are excluded by the law itself)."""
    newcomer = rules.EmployeeFacts(weekly_days=5, daily_hours=Decimal(8), hired_on=D(2026, 6, 1))
    request = (D(2027, 1, 1), D(2027, 3, 31), D(2026, 11, 1))
    assert check(limit(rules.OVERTIME_EXEMPTION, *request), employee=newcomer) == []
    agreed = rules.Policy(fiscal_year_start=(4, 1), labor_agreement_excludes=frozenset({rules.UNDER_1_YEAR}))
    assert codes(check(limit(rules.OVERTIME_EXEMPTION, *request), employee=newcomer, policy=agreed)) == [
        messages.REQUEST_AGREEMENT_UNDER_1_YEAR.code
    ]
    for kind in (rules.OVERTIME_LIMIT, rules.NIGHT_WORK_LIMIT):
        assert codes(check(limit(kind, *request), employee=newcomer)) == [messages.REQUEST_EXCLUDED_UNDER_1_YEAR.code]


# --- 所定労働時間の短縮等の措置 (第23条第3項) ----------------------------------------------------


def measure(start: dt.date, end: dt.date) -> rules.Use:
    return rules.Use(kind=rules.REDUCED_HOURS_MEASURE, family_id="mother", start=start, end=end)


def test_reduced_hours_two_uses_within_three_years_from_the_first():
    """第23条第3項: 利用開始の日から3年以上の期間内に2回以上. First use 2025-01-06 → the window ends
    2028-01-05; a second use inside it is allowed, one ending later or a third use is not."""
    first = [measure(D(2025, 1, 6), D(2025, 6, 30))]
    assert check(measure(D(2027, 1, 4), D(2028, 1, 5)), first) == []
    late = check(measure(D(2027, 1, 4), D(2028, 1, 6)), first)
    assert codes(late) == [messages.REDUCED_HOURS_WINDOW_ENDED.code]
    assert late[0].article == "育児・介護休業法 第23条第3項"
    third = check(measure(D(2026, 4, 1), D(2026, 9, 30)), [*first, measure(D(2025, 10, 1), D(2026, 3, 31))])
    assert codes(third) == [messages.REDUCED_HOURS_USES_EXCEEDED.code]
    generous = rules.Policy(fiscal_year_start=(4, 1), reduced_hours_uses=3)
    assert (
        check(
            measure(D(2026, 4, 1), D(2026, 9, 30)), [*first, measure(D(2025, 10, 1), D(2026, 3, 31))], policy=generous
        )
        == []
    )


def test_telework_is_never_refused():
    """第24条第2項: テレワーク is an effort obligation — nothing in the law refuses it."""
    assert check(rules.Use(kind=rules.TELEWORK, family_id="", start=D(2027, 1, 1), end=D(2027, 12, 31))) == []


# --- invariants (hypothesis) ----------------------------------------------------------------------

FAMILY = ("mother", "father", "aunt")
days = st.dates(min_value=D(2024, 1, 1), max_value=D(2028, 12, 31))


@st.composite
def uses(draw: st.DrawFn) -> rules.Use:
    family = draw(st.sampled_from(FAMILY))
    start = draw(days)
    if draw(st.booleans()):
        return leave(start, start + dt.timedelta(days=draw(st.integers(0, 120))), family)
    return day_off(start, draw(st.one_of(st.none(), st.integers(1, 12))), family)


employees = st.builds(
    rules.EmployeeFacts,
    weekly_days=st.integers(1, 7),
    daily_hours=st.decimals(min_value=Decimal("1"), max_value=Decimal("12"), places=2),
    hired_on=st.just(D(2015, 4, 1)),
)
policies = st.builds(
    rules.Policy,
    fiscal_year_start=st.tuples(st.integers(1, 12), st.integers(1, 28)),
    care_leave_days=st.one_of(st.none(), st.integers(0, 400)),
    care_leave_periods=st.one_of(st.none(), st.integers(0, 6)),
    care_days_off_one=st.one_of(st.none(), st.integers(0, 20)),
    care_days_off_two=st.one_of(st.none(), st.integers(0, 30)),
)


def assert_balances_add_up(history, employee, policy, as_of, family_count):
    family = FAMILY[:family_count]
    book = rules.ledger(as_of, family, history, employee, policy)
    for balance in book.care_leave:
        assert balance.days_used + balance.days_left == balance.days_entitled >= 93
        assert balance.periods_used + balance.periods_left == balance.periods_entitled >= 3
        assert balance.days_left >= 0 and balance.periods_left >= 0
    off = book.care_days_off
    unit = rules.day_unit_hours(employee.daily_hours)
    assert off.used_hours + off.left_days * unit + off.left_hours == off.entitled_days * unit
    assert 0 <= off.left_hours < unit
    assert off.entitled_days >= (5 if family_count == 1 else 10)


@settings(max_examples=150, deadline=None)
@given(st.lists(uses(), max_size=25), employees, policies, days, st.integers(1, 3))
def test_used_plus_left_is_entitled_for_any_history(history, employee, policy, as_of, family_count):
    """第11条第2項・第16条の5第1項: whatever was recorded, used + left = entitled (uses beyond the
    entitlement count as the entitlement used up, never as a negative balance)."""
    assert_balances_add_up(history, employee, policy, as_of, family_count)


@settings(max_examples=100, deadline=None)
@given(st.lists(uses(), max_size=25), employees, policies, days, st.integers(1, 3))
def test_a_ledger_kept_through_the_rules_never_overdraws(requests, employee, policy, as_of, family_count):
    """A ledger that records only what the rules allow: used + left = entitled, and the raw sums of
    the records never exceed the entitlement (93 days / 3 periods per member; the year's hours)."""
    family = FAMILY[:family_count]
    history: list[rules.Use] = []
    for request in requests:
        if request.family_id not in family:
            continue
        if not rules.check_request(
            request, as_of=as_of, family_ids=family, history=history, employee=employee, policy=policy
        ):
            history.append(request)
    assert_balances_add_up(history, employee, policy, as_of, family_count)
    days_entitled, periods_entitled = rules.care_leave_entitlement(policy, as_of)
    unit = rules.day_unit_hours(employee.daily_hours)
    for member in family:
        mine = [u for u in history if u.kind == rules.CARE_LEAVE and u.family_id == member]
        assert sum((u.end - u.start).days + 1 for u in mine) <= days_entitled
        assert len(mine) <= periods_entitled
    for use in history:
        if use.kind == rules.CARE_DAYS_OFF:
            start = rules.fiscal_year_start(use.start, policy.fiscal_year_start)
            same_year = [
                u
                for u in history
                if u.kind == rules.CARE_DAYS_OFF and rules.fiscal_year_start(u.start, policy.fiscal_year_start) == start
            ]
            entitled = rules.care_days_off_entitled(len(family), policy, use.start)
            assert sum(rules.use_hours(u, unit) for u in same_year) <= entitled * unit
