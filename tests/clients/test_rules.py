"""Certification rules (../shared/domain/kyotaku.md, "Certification" and "Billing")."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from carebridge.clients import rules


@pytest.mark.parametrize(
    ("level", "units"),
    [
        ("support_1", 5032),
        ("support_2", 10531),
        ("care_1", 16765),
        ("care_2", 19705),
        ("care_3", 27048),
        ("care_4", 30938),
        ("care_5", 36217),
    ],
)
def test_benefit_limit_follows_the_level(level, units):
    # 区分支給限度基準額, unchanged since 2019-10 (kyotaku.md "Billing").
    assert rules.benefit_limit_units(level, dt.date(2026, 4, 1)) == units


def test_jigyo_taisho_has_no_limit_of_its_own():
    assert rules.benefit_limit_units("jigyo_taisho", dt.date(2026, 4, 1)) is None


def test_no_table_before_2019_10():
    assert rules.benefit_limit_units("care_1", dt.date(2019, 9, 30)) is None


def test_renewal_window_opens_60_days_before_expiry():
    # 介護保険法第28条・施行規則: 有効期間満了の日の60日前から申請できる — expiry 5/31 → from 4/1.
    assert rules.renewal_window_opens(dt.date(2026, 5, 31)) == dt.date(2026, 4, 1)


@given(st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2035, 12, 31)), st.integers(-100, 200))
def test_renewal_hint_states(valid_to, offset):
    today = valid_to - dt.timedelta(days=offset)
    hint = rules.renewal_hint(valid_to, today)
    if offset < 0:
        assert hint.state is rules.RenewalState.EXPIRED
    elif offset <= 60:
        assert hint.state is rules.RenewalState.OPEN
    else:
        assert hint.state is rules.RenewalState.NOT_YET
    assert hint.days_left == offset


@given(st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2035, 12, 31)), st.integers(-30, 120))
def test_ends_within_60_days(today, offset):
    valid_to = today + dt.timedelta(days=offset)
    assert rules.ends_within(valid_to, today) is (0 <= offset <= 60)


@pytest.mark.parametrize(("rate", "ok"), [(10, True), (20, True), (30, True), (0, False), (15, False), (40, False)])
def test_copay_rate(rate, ok):
    # 利用者負担割合は1割・2割・3割.
    assert rules.copay_rate_valid(rate) is ok


def test_care_level_codes():
    # 要介護状態区分コード: 事業対象者 06, 要支援1 12, 要支援2 13, 要介護1–5 21–25.
    assert [rules.CARE_LEVEL_CODES[level] for level in rules.CareLevel] == [
        "06",
        "12",
        "13",
        "21",
        "22",
        "23",
        "24",
        "25",
    ]
