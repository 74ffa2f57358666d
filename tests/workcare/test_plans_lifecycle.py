"""The 両立プラン lifecycle: draft -> agreed (immutable: the UI refuses in Japanese, the API answers
422) -> 「変更」 makes version 2 pointing to 1, and agreeing to it supersedes 1; the diff; the
plan page's query count does not grow with its steps."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from carebridge.core.services import api_token_create
from carebridge.workcare import messages, plan_rules, services
from carebridge.workcare.inputs import PlanItemInput, WorkCarePlanInput
from carebridge.workcare.models import WorkCarePlan

from . import factories_plans as fp

pytestmark = pytest.mark.django_db


def _api(client, user, method, url, data=None):
    token = api_token_create(actor=None, user=user)
    return getattr(client, method)(
        url, data=json.dumps(data or {}), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )


def test_an_agreed_plan_is_refused_by_the_services(world):
    plan = fp.agreed_plan(world, fp.employee_of(world))
    item = plan.items.first()
    calls = [
        lambda: services.workcareplan_update(actor=world.wcm_a, plan=plan, data=WorkCarePlanInput(goals="x")),
        lambda: services.planitem_add(
            actor=world.wcm_a, plan=plan, data=PlanItemInput(kind="contact_center", starts_on=fp.today())
        ),
        lambda: services.planitem_delete(actor=world.wcm_a, item=item),
    ]
    for call in calls:
        with pytest.raises(ValidationError) as caught:
            call()
        assert caught.value.messages == [messages.WORKCARE_PLAN_LOCKED]
    with pytest.raises(ValidationError) as caught:
        services.workcareplan_agree(actor=world.wcm_a, plan=plan, agreed_on=fp.today())
    assert caught.value.messages == [messages.WORKCARE_PLAN_ALREADY_AGREED]


def test_the_ui_refuses_a_locked_plan_in_japanese(world, client):
    plan = fp.agreed_plan(world, fp.employee_of(world))
    client.force_login(world.wcm_a)
    before = plan.items.count()
    response = client.post(
        f"/workcare/plans/{plan.pk}/items/new/", {"kind": "contact_center", "starts_on": "2026-12-20"}, follow=True
    )
    assert response.status_code == 200
    assert messages.WORKCARE_PLAN_LOCKED in response.content.decode()
    assert plan.items.count() == before
    page = client.get(f"/workcare/plans/{plan.pk}/").content.decode()
    assert "本人の同意" in page and "変更できません" in page
    assert f"/workcare/plans/{plan.pk}/items/new/" not in page  # no add button on a locked version


def test_the_api_answers_422_for_a_locked_plan(world, client):
    plan = fp.agreed_plan(world, fp.employee_of(world))
    response = _api(
        client, world.wcm_a, "post", f"/api/v1/workcare/plans/{plan.pk}/items",
        {"kind": "contact_center", "starts_on": "2026-12-20"},
    )  # fmt: skip
    assert response.status_code == 422, response.content
    assert "workcare_plan_locked" in response.content.decode()
    assert _api(client, world.wcm_a, "post", f"/api/v1/workcare/plans/{plan.pk}/agree").status_code == 422


def test_revise_makes_version_2_pointing_to_1_and_agreeing_supersedes_1(world, client):
    employee = fp.employee_of(world)
    v1 = fp.agreed_plan(world, employee)
    client.force_login(world.wcm_a)
    response = client.post(f"/workcare/plans/{v1.pk}/revise/")
    v2 = WorkCarePlan.objects.get(employee=employee, version=2)
    assert response.status_code == 302 and response["Location"] == f"/workcare/plans/{v2.pk}/"
    assert v2.previous_id == v1.pk
    assert v2.status == "draft"
    assert v2.goals == v1.goals
    assert [(i.kind, i.starts_on) for i in v2.items.all()] == [(i.kind, i.starts_on) for i in v1.items.all()]
    v1.refresh_from_db()
    assert v1.status == "agreed"  # in force until the new version is agreed
    # a second 変更 of the same version is refused
    with pytest.raises(ValidationError) as caught:
        services.workcareplan_revise(actor=world.wcm_a, plan=v1)
    assert caught.value.messages == [messages.WORKCARE_PLAN_REVISE_ALREADY.format(version=2)]
    # the new draft is editable; agreeing to it supersedes version 1
    fp.add(world, v2, "apply_certification", fp.days(5))
    services.workcareplan_agree(actor=world.employee, plan=v2, agreed_on=fp.today())
    v1.refresh_from_db()
    assert v1.status == "superseded"


def test_the_diff_view_shows_what_changed(world, client):
    employee = fp.employee_of(world)
    v1 = fp.agreed_plan(world, employee)
    v2 = services.workcareplan_revise(actor=world.wcm_a, plan=v1)
    services.workcareplan_update(
        actor=world.wcm_a, plan=v2, data=WorkCarePlanInput(goals="短時間勤務で続ける", work_wishes="残業は控えたい")
    )
    fp.add(world, v2, "reduced_hours_measure", fp.days(30), fp.days(200), detail="短時間勤務")
    client.force_login(world.wcm_a)
    page = client.get(f"/workcare/plans/{v2.pk}/diff/").content.decode()
    assert "第1版 → 第2版" in page
    assert "＋ 短時間勤務で続ける" in page
    assert "＋ 追加: 所定労働時間の短縮等の措置" in page
    assert "変わらない項目: 1件" in page
    assert client.get(f"/workcare/plans/{v1.pk}/diff/").status_code == 404  # no previous version


def test_plan_rules_diff_puts_every_step_in_one_list():
    d = fp.today()
    old = plan_rules.PlanFacts("a", "", (
        plan_rules.ItemFacts("care_leave", d, d), plan_rules.ItemFacts("telework", d, d),
        plan_rules.ItemFacts("contact_center", d),
    ))  # fmt: skip
    new = plan_rules.PlanFacts("b", "", (
        plan_rules.ItemFacts("care_leave", d, d), plan_rules.ItemFacts("telework", d, d, detail="週2日"),
        plan_rules.ItemFacts("apply_certification", d),
    ))  # fmt: skip
    result = plan_rules.diff(old, new)
    assert [f.name for f in result.fields] == ["goals"]
    assert [i.kind for i in result.unchanged] == ["care_leave"]
    assert [(a.kind, b.detail) for a, b in result.changed] == [("telework", "週2日")]
    assert [i.kind for i in result.added] == ["apply_certification"]
    assert [i.kind for i in result.removed] == ["contact_center"]
    assert plan_rules.diff(old, old).is_empty


def _plan_with(world, employee, n):
    plan = fp.plan_for(world, employee)
    for k in range(n):
        kind = ("care_days_off", "contact_center", "telework")[k % 3]
        if kind == "care_days_off":
            fp.add(world, plan, kind, fp.days(30 + k), hours=1)
        elif kind == "telework":
            fp.add(world, plan, kind, fp.days(30 + k), fp.days(31 + k))
        else:
            fp.add(world, plan, kind, fp.days(30 + k))
    return plan


def test_the_plan_page_query_count_does_not_grow_with_its_steps(world, client):
    employee = fp.employee_of(world)
    small, large = _plan_with(world, employee, 3), _plan_with(world, employee, 30)
    client.force_login(world.wcm_a)
    counts = []
    for plan in (small, large):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/workcare/plans/{plan.pk}/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_employee_agrees_in_the_portal(world, client):
    employee = fp.employee_of(world)
    plan = fp.plan_for(world, employee)
    fp.add(world, plan, "contact_center", fp.days(2))
    client.force_login(world.employee)
    page = client.get(f"/workcare/me/plans/{plan.pk}/").content.decode()
    assert "この内容に同意する" in page
    response = client.post(f"/workcare/me/plans/{plan.pk}/agree/", follow=True)
    assert "両立プランに同意しました" in response.content.decode()
    plan.refresh_from_db()
    assert (plan.status, plan.agreed_on) == ("agreed", fp.today())


def test_another_employee_cannot_agree(world):
    from .factories import EmployeeFactory

    employee = fp.employee_of(world)
    plan = fp.plan_for(world, employee)
    fp.add(world, plan, "contact_center", fp.days(2))
    other_user = world.manager  # a company user who is not this plan's employee
    EmployeeFactory(company=world.company, user=other_user)
    with pytest.raises(PermissionDenied) as caught:
        services.workcareplan_agree(actor=other_user, plan=plan, agreed_on=fp.today())
    assert str(caught.value) == messages.WORKCARE_PLAN_AGREE_NOT_OWN
    plan.refresh_from_db()
    assert plan.status == "draft"


def test_item_date_order_is_checked(world):
    plan = fp.plan_for(world, fp.employee_of(world))
    bad = [
        (PlanItemInput(kind="care_leave", starts_on=fp.days(10), ends_on=fp.days(5)), "ends_on",
         messages.WORKCARE_PLAN_ITEM_END_BEFORE_START),
        (PlanItemInput(kind="care_leave", starts_on=fp.days(10)), "ends_on", messages.WORKCARE_PLAN_ITEM_END_REQUIRED),
        (PlanItemInput(kind="care_days_off", starts_on=fp.days(10), hours=8), "hours",
         messages.WORKCARE_PLAN_ITEM_HOURS_TOO_MANY.format(hours=8)),  # 7.5 h a day counts as 8 h (第16条の5)
        (PlanItemInput(kind="telework", starts_on=fp.days(10), ends_on=fp.days(20), hours=2), "hours",
         messages.WORKCARE_PLAN_ITEM_HOURS_ONLY_DAYS_OFF),
    ]  # fmt: skip
    for data, field, message in bad:
        with pytest.raises(ValidationError) as caught:
            services.planitem_add(actor=world.wcm_a, plan=plan, data=data)
        assert caught.value.message_dict[field] == [message]
    assert plan.items.count() == 0


def test_every_form_page_opens(world, client):
    employee = fp.employee_of(world)
    plan = fp.plan_for(world, employee)
    item = fp.add(world, plan, "care_leave", fp.days(20), fp.days(30))
    meeting = fp.meeting_for(world, employee, plan=plan)
    client.force_login(world.wcm_a)
    for url in (
        f"/workcare/employees/{employee.pk}/plans/new/",
        f"/workcare/plans/{plan.pk}/edit/",
        f"/workcare/plans/{plan.pk}/items/new/",
        f"/workcare/plans/{plan.pk}/items/{item.pk}/edit/",
        f"/workcare/plans/{plan.pk}/agree/",
        f"/workcare/employees/{employee.pk}/meetings/new/",
        f"/workcare/meetings/{meeting.pk}/edit/",
        f"/workcare/meetings/{meeting.pk}/attendees/new/",
        f"/workcare/employees/{employee.pk}/plans/",
        f"/workcare/employees/{employee.pk}/meetings/",
    ):
        assert client.get(url).status_code == 200, url
    for url in (f"/workcare/plans/{plan.pk}/items/99999999999999999999/edit/", "/workcare/plans/0/"):
        assert client.get(url).status_code == 404, url
