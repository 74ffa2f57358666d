"""What to do, by when, to stay out of 運営基準減算, and what 減算 would cost (compliance/deadlines.py).

Sources: 運営基準 (平成11年厚生省令第38号) 第13条第9〜11号 (meeting → consent → delivery before the
services start), 第14号 (monitoring in every calendar month), 介護保険法第28条 (renewal before the
period ends); 指定居宅介護支援に要する費用の額の算定に関する基準 別表 イ and 注 (居宅介護支援費(Ⅰ)(ⅰ)
2024-04: 要介護1・2 1,086 units, 要介護3〜5 1,411 units; 運営基準減算 50%, none at all from the second
month); 老企第36号 (rate-based adjustments rounded half up)."""

from __future__ import annotations

import datetime as dt

from carebridge.careplans.rules import PlanFacts
from carebridge.clients.rules import RenewalFacts
from carebridge.compliance import deadlines
from carebridge.compliance.deadlines import Action
from carebridge.compliance.rules import ClientCase, Finding, Rule

D = dt.date


def plan(**kw) -> PlanFacts:
    return PlanFacts(**{"plan_id": 7, "version": 1, "reason": "new", "drafted_on": D(2026, 11, 20), **kw})


def test_care_management_fee_units_are_the_2024_table_by_care_level():
    """居宅介護支援費(Ⅰ)(ⅰ) from 2024-04-01: 要介護1・2 1,086 units, 要介護3〜5 1,411 units."""
    on = D(2026, 12, 1)
    assert [deadlines.care_management_fee_units(f"care_{n}", on) for n in range(1, 6)] == [1086, 1086, 1411, 1411, 1411]
    assert deadlines.care_management_fee_units("support_2", on) is None  # 介護予防支援: its own fee
    assert deadlines.care_management_fee_units("care_1", D(2024, 3, 31)) is None  # before the table we hold


def test_operating_standard_penalty_costs_half_the_fee_rounded_half_up_and_all_of_it_from_the_second_month():
    """運営基準減算: 所定単位数の100分の50 (1,411 × 50% = 705.5 → 706 billed, 705 lost; 1,086 → 543
    lost); 2 months or more in a row: no fee at all (1,411 lost)."""
    month = D(2026, 12, 1)
    assert deadlines.penalty_exposure_units("care_3", month, whole_fee=False) == 705
    assert deadlines.penalty_exposure_units("care_1", month, whole_fee=False) == 543
    assert deadlines.penalty_exposure_units("care_5", month, whole_fee=True) == 1411
    assert deadlines.penalty_exposure_units("support_1", month, whole_fee=False) is None


def test_monitoring_is_due_by_the_end_of_the_month():
    """第13条第14号: a visit in every calendar month — the deadline is the month's last day."""
    case = ClientCase(client_id=1)
    finding = Finding(1, Rule.MONITORING_MISSING, "…")
    (item,) = deadlines.finding_items(case, [finding], D(2026, 12, 1))
    assert (item.action, item.deadline, item.penalty_risk, item.rule) == (
        Action.MONITORING,
        D(2026, 12, 31),
        True,
        "monitoring_missing",
    )


def test_consent_delivery_and_meeting_are_due_before_the_services_start():
    """第13条第9〜11号: meeting, then consent, then delivery — all before the first service day."""
    case = ClientCase(client_id=1, plans=(plan(service_start_on=D(2026, 12, 10)),))
    found = [Finding(1, rule, "…", 7) for rule in (Rule.MEETING_MISSING, Rule.NOT_CONSENTED_BEFORE_START)]
    found.append(Finding(1, Rule.NOT_DELIVERED_BEFORE_START, "…", 7))
    items = deadlines.finding_items(case, found, D(2026, 12, 1))
    assert [(i.action, i.deadline) for i in items] == [
        (Action.MEETING, D(2026, 12, 10)),
        (Action.CONSENT, D(2026, 12, 10)),
        (Action.DELIVERY, D(2026, 12, 10)),
    ]


def test_a_renewal_is_due_before_the_certification_ends():
    """介護保険法第28条: the renewal is filed before the period ends (from 60 days before)."""
    renewal = RenewalFacts(certified=True, valid_from=D(2026, 2, 1), valid_to=D(2027, 1, 31))
    case = ClientCase(client_id=1, renewal=renewal)
    (item,) = deadlines.finding_items(case, [Finding(1, Rule.RENEWAL_NOT_FILED, "…")], D(2026, 12, 1))
    assert (item.action, item.deadline) == (Action.RENEWAL, D(2027, 1, 31))


def test_a_rule_added_later_gets_an_action_from_its_name_and_the_month_end_as_deadline():
    """Rules another change adds (a meeting at certification, a home assessment …) are not in the
    table: their name chooses the action, and the deadline defaults to the month's end."""
    assert deadlines.action_for("certification_meeting_missing") is Action.MEETING
    assert deadlines.action_for("home_assessment_missing") is Action.ASSESSMENT
    assert deadlines.action_for("start_month_monitoring_missing") is Action.MONITORING
    assert deadlines.action_for("something_new") is Action.REVIEW
    case = ClientCase(client_id=1)
    assert deadlines.deadline_for("something_new", None, case, D(2026, 2, 1)) == D(2026, 2, 28)


def test_steps_of_a_plan_not_yet_started_are_listed_with_the_start_as_deadline():
    """A plan starting next month still needs its meeting and consent before it starts; once it has
    started without them the engine reports a finding instead (never both)."""
    ahead = ClientCase(client_id=1, plans=(plan(service_start_on=D(2027, 1, 5)),))
    items = deadlines.upcoming_plan_items(ahead, D(2026, 12, 1))
    assert [(i.action, i.deadline, i.rule) for i in items] == [
        (Action.MEETING, D(2027, 1, 5), None),
        (Action.CONSENT, D(2027, 1, 5), None),
    ]
    consented = ClientCase(
        client_id=1,
        plans=(plan(service_start_on=D(2027, 1, 5), meeting_on=D(2026, 12, 1), consented_on=D(2026, 12, 2)),),
    )
    assert [i.action for i in deadlines.upcoming_plan_items(consented, D(2026, 12, 1))] == [Action.DELIVERY]
    started = ClientCase(client_id=1, plans=(plan(service_start_on=D(2026, 12, 5)),))
    assert deadlines.upcoming_plan_items(started, D(2026, 12, 1)) == []


def test_the_list_is_ordered_by_deadline_with_penalty_risks_first_on_one_day():
    items = [
        deadlines.WorkItem(action=Action.GOAL, deadline=D(2026, 12, 31), client_id=2, text="b"),
        deadlines.WorkItem(action=Action.CONSENT, deadline=D(2026, 12, 10), client_id=3, text="c"),
        deadlines.WorkItem(
            action=Action.MONITORING, deadline=D(2026, 12, 31), client_id=4, text="a", penalty_risk=True
        ),
    ]
    assert [i.text for i in deadlines.ordered(items)] == ["c", "a", "b"]
