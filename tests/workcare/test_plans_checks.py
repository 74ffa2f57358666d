"""Each company measure of a 両立プラン is checked against the entitlement rules (育児・介護休業法)
and the company's policy; a refused measure can be saved as a draft, but agreeing is refused
with its reasons. Figures are hand-computed from the law's text."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from carebridge.workcare import services
from carebridge.workcare.models import CompanyPolicy, LeaveRecord
from carebridge.workcare.selectors.plans import entitlement_input, measure_checks, plan_items

from . import factories_plans as fp

pytestmark = pytest.mark.django_db


def _checks(plan):
    return measure_checks(plan, plan_items(plan))


def test_leave_30_days_days_off_by_the_hour_and_short_hours_pass_and_can_be_agreed(world):
    """介護休業 30 days (第11条: 93 days per family member), 介護休暇 3 hours (第16条の5: 5 days a
    year, by the hour) and 短時間勤務 (第23条第3項): each allowed, so the employee may agree."""
    employee = fp.employee_of(world)
    plan = fp.plan_for(world, employee)
    leave = fp.add(world, plan, "care_leave", fp.days(20), fp.days(49))  # 30 calendar days
    hours = fp.add(world, plan, "care_days_off", fp.days(60), hours=3)
    short = fp.add(world, plan, "reduced_hours_measure", fp.days(50), fp.days(50 + 364), detail="短時間勤務 6時間")
    step = fp.add(world, plan, "apply_certification", fp.days(1))
    checks = _checks(plan)
    assert (leave.ends_on - leave.starts_on).days + 1 == 30
    assert checks[leave.pk].allowed is True
    assert checks[hours.pk].allowed is True
    assert checks[short.pk].allowed is True
    assert step.pk not in checks  # a care step is not an entitlement
    services.workcareplan_agree(actor=world.employee, plan=plan, agreed_on=fp.today())
    plan.refresh_from_db()
    assert plan.status == "agreed"
    assert plan.agreed_on == fp.today()


def test_a_94th_day_of_care_leave_is_refused_with_its_article_and_blocks_agreement(world):
    """第11条第2項第2号・第15条第1項: 93 days in total per family member. 93 days in one period
    and then one more day: the second period is refused, citing the article."""
    employee = fp.employee_of(world)
    plan = fp.plan_for(world, employee)
    first = fp.add(world, plan, "care_leave", fp.days(20), fp.days(20 + 92))  # days 1..93
    extra = fp.add(world, plan, "care_leave", fp.days(200), fp.days(200))  # the 94th day
    checks = _checks(plan)
    assert checks[first.pk].allowed is True
    refused = checks[extra.pk]
    assert refused.allowed is False
    articles = " ".join(r.article for r in refused.reasons)
    assert "第11条" in articles or "第15条" in articles
    # still a draft: saved with the refused measure, but agreement is refused with the reasons
    assert plan.items.count() == 2
    with pytest.raises(ValidationError) as caught:
        services.workcareplan_agree(actor=world.wcm_a, plan=plan, agreed_on=fp.today())
    assert caught.value.messages[0].startswith("法令・会社の制度で認められない項目があるため同意できません")
    assert "第11条" in caught.value.messages[0] or "第15条" in caught.value.messages[0]
    plan.refresh_from_db()
    assert plan.status == "draft"


def test_the_ledger_counts_toward_the_plan(world):
    """Days already taken (the leave ledger) count: 90 days taken + a plan of 4 days = 94 > 93
    (第11条第2項第2号)."""
    employee = fp.employee_of(world)
    mother = fp.recipient_of(employee)
    LeaveRecord.objects.create(
        office=employee.office, employee=employee, care_recipient=mother, kind="care_leave",
        starts_on=fp.days(-200), ends_on=fp.days(-200 + 89),
    )  # fmt: skip
    plan = fp.plan_for(world, employee)
    three = fp.add(world, plan, "care_leave", fp.days(20), fp.days(22))  # days 91..93: allowed
    one_more = fp.add(world, plan, "care_leave", fp.days(40), fp.days(40))  # day 94: refused
    checks = _checks(plan)
    assert checks[three.pk].allowed is True
    assert checks[one_more.pk].allowed is False


def test_a_company_more_generous_than_the_law_wins(world):
    """A policy of 120 days of 介護休業: the 94th day is allowed (more generous than 第11条 wins)."""
    employee = fp.employee_of(world)
    CompanyPolicy.objects.filter(company=world.company).update(care_leave_days=120)
    plan = fp.plan_for(world, employee)
    fp.add(world, plan, "care_leave", fp.days(20), fp.days(20 + 92))
    extra = fp.add(world, plan, "care_leave", fp.days(200), fp.days(200))
    assert _checks(plan)[extra.pk].allowed is True


def test_telework_only_where_the_policy_offers_it(world):
    """テレワーク is an effort duty of the employer (第24条第4項), not an entitlement: a company
    without it in its policy refuses the measure, naming the article."""
    employee = fp.employee_of(world)
    CompanyPolicy.objects.filter(company=world.company).update(telework=False)
    plan = fp.plan_for(world, employee)
    telework = fp.add(world, plan, "telework", fp.days(10), fp.days(100))
    check = _checks(plan)[telework.pk]
    assert check.allowed is False
    assert check.reasons[0].code == "workcare_measure_not_in_policy"
    assert "第24条" in check.reasons[0].article


def test_the_input_is_the_json_of_the_rules(world):
    """What the plan sends to the rules: the employee, the fiscal year start, the family, the
    plan's earlier measures as history and the step as the request."""
    employee = fp.employee_of(world)
    plan = fp.plan_for(world, employee)
    first = fp.add(world, plan, "care_leave", fp.days(20), fp.days(29))
    second = fp.add(world, plan, "care_days_off", fp.days(40), hours=2)
    items = plan_items(plan)
    data = entitlement_input(plan, items, second)
    family_id = str(fp.recipient_of(employee).pk)
    assert data["employee"] == {
        "weekly_days": 5, "daily_hours": "7.50", "hired_on": "2010-04-01", "fixed_term_end": None,
    }  # fmt: skip
    assert data["company"]["fiscal_year_start"] == "04-01"
    assert data["family"] == [{"id": family_id, "relation": "parent"}]
    assert data["history"] == [
        {"kind": "care_leave", "family_id": family_id, "start": first.starts_on.isoformat(),
         "end": first.ends_on.isoformat()},
    ]  # fmt: skip
    assert data["request"] == {
        "kind": "care_days_off", "family_id": family_id, "date": second.starts_on.isoformat(), "hours": 2,
    }  # fmt: skip


def test_the_judging_criteria_are_never_a_reason(world):
    """常時介護を必要とする状態に関する判断基準 is shown for reference only: no reason of any check
    mentions it."""
    employee = fp.employee_of(world)
    plan = fp.plan_for(world, employee)
    for n in range(4):
        fp.add(world, plan, "care_leave", fp.days(20 + 40 * n), fp.days(20 + 40 * n + 35))
    text = " ".join(r.message + r.article for c in _checks(plan).values() for r in c.reasons)
    assert text  # the 3rd period passes 93 days and the 4th is a 4th period: refused with reasons
    assert "判断基準" not in text


def test_days_off_over_several_whole_days_count_day_by_day(world):
    """第16条の5第1項: 5 days a fiscal year with one family member. Six whole days in one step
    (all in the same fiscal year, which starts on 04-01): refused, citing the article; five pass."""
    employee = fp.employee_of(world)
    plan = fp.plan_for(world, employee)
    start = fp.days(10)
    assert (start.month >= 4) == (fp.days(15).month >= 4)  # the six days share a fiscal year
    five = fp.add(world, plan, "care_days_off", start, fp.days(14))
    assert _checks(plan)[five.pk].allowed is True
    sixth = fp.add(world, plan, "care_days_off", fp.days(15), fp.days(15))
    check = _checks(plan)[sixth.pk]
    assert check.allowed is False
    assert any("第16条の5" in r.article for r in check.reasons)
