"""The certification in effect and the certification period warnings (clients/rules.py).

Sources: 介護保険法第28条 (a certification is effective only within its validity), 第27条第8項 (it
takes effect from the application date); 介護保険法施行規則 第38条 (new: the part month from the day
it takes effect to that month's end + 6 months, 3–12 by the 認定審査会), 第41条 (renewal: 12 months,
3–36, up to 48 when the level is unchanged), 区分変更 like a new one (3–12) (verify, issue 9 item 9).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from carebridge.clients import rules
from carebridge.clients.rules import PeriodIssue, certification_in_effect, day_shown, period_months, period_warnings

D = dt.date


@dataclass(frozen=True)
class Line:
    name: str
    valid_from: dt.date
    valid_to: dt.date
    is_certified: bool = True


NOW = Line("要介護1", D(2026, 4, 1), D(2026, 12, 31))
NEXT = Line("要介護2", D(2027, 1, 1), D(2027, 12, 31))


def test_certification_in_effect_is_never_a_line_that_starts_later():
    """介護保険法第28条: next month's certification does not apply today (issue 9 item 13)."""
    assert certification_in_effect([NEXT, NOW], D(2026, 12, 2)) == NOW
    assert certification_in_effect([NEXT, NOW], D(2026, 12, 31)) == NOW
    assert certification_in_effect([NEXT, NOW], D(2027, 1, 1)) == NEXT


def test_certification_in_effect_prefers_certified_over_a_pending_change():
    """A 区分変更 application is 申請中 until decided; the 認定済 line stays in effect meanwhile, and a
    申請中 line alone covers its days (法第27条第8項: the decision reaches back to the application)."""
    pending = Line("区分変更申請中", D(2026, 11, 10), D(2027, 5, 31), is_certified=False)
    assert certification_in_effect([pending, NOW], D(2026, 12, 2)) == NOW
    assert certification_in_effect([pending, NOW], D(2027, 2, 1)) == pending


def test_no_certification_in_effect_outside_every_validity():
    assert certification_in_effect([NOW], D(2027, 1, 1)) is None
    assert certification_in_effect([NEXT], D(2026, 12, 2)) is None


def test_day_shown_is_today_in_this_month_and_the_month_end_of_a_past_month():
    today = D(2026, 12, 2)
    assert day_shown(D(2026, 12, 1), today) == today
    assert day_shown(D(2026, 11, 1), today) == D(2026, 11, 30)
    assert day_shown(D(2027, 1, 1), today) == D(2027, 1, 1)


def test_period_months_kisoku_38_part_month_of_a_new_certification_is_not_counted():
    """規則第38条: 申請日〜月末 + N months. 4/15〜10/31 is 6 months (May..Oct); a new one from 4/1 to
    9/30 is April + 5 months. 規則第41条: a renewal from the 1st counts its first month."""
    assert period_months(D(2026, 4, 15), D(2026, 10, 31), "new") == 6
    assert period_months(D(2026, 4, 1), D(2026, 9, 30), "new") == 5
    assert period_months(D(2026, 6, 10), D(2026, 12, 31), "change") == 6
    assert period_months(D(2026, 4, 1), D(2027, 3, 31), "renewal") == 12


def test_period_warning_kisoku_38_new_certification_3_to_12_months():
    """規則第38条: new — 3 to 12 months (standard 6)."""
    assert period_warnings(D(2026, 4, 15), D(2026, 10, 31), "new") == []
    (short,) = period_warnings(D(2026, 4, 15), D(2026, 6, 30), "new")  # May, June: 2 months
    assert (short.issue, short.months, short.allowed.low, short.allowed.high) == (PeriodIssue.TOO_SHORT, 2, 3, 12)
    (long,) = period_warnings(D(2026, 4, 15), D(2027, 5, 31), "new")  # May 2026..May 2027: 13
    assert (long.issue, long.months) == (PeriodIssue.TOO_LONG, 13)
    assert period_warnings(D(2026, 4, 15), D(2027, 4, 30), "new") == []  # 12


def test_period_warning_kubun_henkou_3_to_12_months():
    """区分変更 (法第29条): like a new certification, 3 to 12 months."""
    assert period_warnings(D(2026, 6, 10), D(2027, 6, 30), "change") == []  # Jul..Jun: 12
    (long,) = period_warnings(D(2026, 6, 10), D(2027, 7, 31), "change")
    assert (long.issue, long.months) == (PeriodIssue.TOO_LONG, 13)


def test_period_warning_kisoku_41_renewal_48_months_same_level_36_otherwise():
    """規則第41条: renewal — 3 to 36 months, up to 48 when the level is unchanged."""
    four_years = (D(2026, 4, 1), D(2030, 3, 31))
    assert period_warnings(*four_years, "renewal", same_level=True) == []
    (long,) = period_warnings(*four_years, "renewal", same_level=False)
    assert (long.issue, long.months, long.allowed.high) == (PeriodIssue.TOO_LONG, 48, 36)
    assert period_warnings(D(2026, 4, 1), D(2029, 3, 31), "renewal") == []  # 36
    (short,) = period_warnings(D(2026, 4, 1), D(2026, 5, 31), "renewal")
    assert (short.issue, short.months) == (PeriodIssue.TOO_SHORT, 2)


def test_period_warning_validity_ends_on_a_month_end():
    """規則第38条・第41条: every validity ends on the last day of a month."""
    issues = [w.issue for w in period_warnings(D(2026, 4, 1), D(2027, 3, 30), "renewal")]
    assert issues == [PeriodIssue.NOT_MONTH_END]


def test_period_ranges_are_dated_data():
    """(verify) facts are data with an effective date, not constants in the checks."""
    table = rules.period_table(D(2026, 4, 1))
    assert table is not None and table.effective_from == D(2021, 4, 1)
    assert (table.new.standard, table.renewal_same_level.high, table.renewal_other_level.high) == (6, 48, 36)
    assert rules.period_table(D(2000, 4, 1)) is None
