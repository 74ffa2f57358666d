"""plan_rules (pure): the date order of a step, and the diff between two versions (hypothesis)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from carebridge.workcare import plan_rules as pr

D = dt.date(2026, 12, 1)
KINDS = ["care_leave", "care_days_off", "telework", "contact_center", "apply_certification"]

items = st.builds(
    pr.ItemFacts,
    kind=st.sampled_from(KINDS),
    starts_on=st.dates(min_value=D, max_value=D + dt.timedelta(days=20)),
    ends_on=st.none() | st.dates(min_value=D, max_value=D + dt.timedelta(days=40)),
    hours=st.none() | st.integers(min_value=1, max_value=7),
    detail=st.sampled_from(["", "a", "b"]),
)
plans = st.builds(pr.PlanFacts, goals=st.sampled_from(["x", "y"]), work_wishes=st.just(""),
                  items=st.lists(items, max_size=8).map(tuple))  # fmt: skip


@given(plans, plans)
def test_diff_puts_every_step_of_both_versions_in_exactly_one_list(old, new):
    result = pr.diff(old, new)
    olds = Counter(i.key() for i in old.items)
    news = Counter(i.key() for i in new.items)
    assert Counter(i.key() for i in [*result.unchanged, *result.removed, *(a for a, _ in result.changed)]) == olds
    assert Counter(i.key() for i in [*result.unchanged, *result.added, *(b for _, b in result.changed)]) == news
    for a, b in result.changed:
        assert (a.kind, a.starts_on) == (b.kind, b.starts_on)


@given(plans)
def test_a_version_does_not_differ_from_itself(plan):
    assert pr.diff(plan, plan).is_empty


def test_item_problems():
    assert pr.item_problems(pr.ItemFacts("care_leave", D, D - dt.timedelta(days=1))) == {"ends_on": pr.END_BEFORE_START}
    assert pr.item_problems(pr.ItemFacts("telework", D)) == {"ends_on": pr.END_REQUIRED}
    assert pr.item_problems(pr.ItemFacts("contact_center", D)) == {}  # a care step needs no end
    assert pr.item_problems(pr.ItemFacts("care_days_off", D, D + dt.timedelta(days=1), hours=2)) == {
        "ends_on": pr.HOURS_ONE_DAY
    }
    # 7.5 scheduled hours make an 8-hour day (第16条の5, rounded up): 8 hours is a whole day
    assert pr.item_problems(pr.ItemFacts("care_days_off", D, hours=8), daily_hours=8) == {"hours": pr.HOURS_TOO_MANY}
    assert pr.item_problems(pr.ItemFacts("care_days_off", D, hours=7), daily_hours=8) == {}


def test_check_from_reads_the_rules_answer_and_distrusts_the_rest():
    answer = {"request": {"allowed": False, "reasons": [{"code": "c", "article": "第11条", "message": "m"}, "junk"]}}
    assert pr.check_from(answer) == pr.MeasureCheck(False, (pr.Reason("c", "第11条", "m"),))
    assert pr.check_from({"request": None}) == pr.MeasureCheck(None)
    assert pr.check_from("nonsense") == pr.MeasureCheck(None)
    assert pr.combine(pr.MeasureCheck(True), pr.MeasureCheck(None)).allowed is None
    assert pr.combine(pr.MeasureCheck(None), pr.MeasureCheck(False)).allowed is False
