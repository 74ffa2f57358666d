"""Three-party meetings (三者面談: 初回面談 / プラン策定面談 / フォロー面談): recorded with the MHLW
sheet's fields and attendees; final (immutable) once the plan they belong to is agreed or a week
after they were recorded — later corrections go into the next meeting's record."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from carebridge.workcare import messages, plan_rules, services
from carebridge.workcare.inputs import AttendeeInput, MeetingInput
from carebridge.workcare.models import ThreePartyMeeting

from . import factories_plans as fp

pytestmark = pytest.mark.django_db


def test_a_meeting_is_recorded_with_its_attendees_on_the_page(world, client):
    employee = fp.employee_of(world)
    client.force_login(world.wcm_a)
    response = client.post(
        f"/workcare/employees/{employee.pk}/meetings/new/",
        {
            "kind": "planning", "held_on": fp.today().isoformat(), "difficulty_trips": "出張は月1回まで",
            "handover_to": "田中さん", "agreements": "来月から短時間勤務",
            "attendee_role_1": "employee", "attendee_name_1": "両立 花子",
            "attendee_role_2": "manager", "attendee_name_2": "上司 一郎",
            "attendee_role_3": "", "attendee_name_3": "名前だけ",  # no role: not an attendee
        },
    )  # fmt: skip
    meeting = ThreePartyMeeting.objects.get(employee=employee)
    assert response.status_code == 302 and response["Location"] == f"/workcare/meetings/{meeting.pk}/"
    assert meeting.kind == "planning"
    assert [(a.role, a.name) for a in meeting.attendees.order_by("id")] == [
        ("employee", "両立 花子"), ("manager", "上司 一郎"),
    ]  # fmt: skip
    page = client.get(f"/workcare/meetings/{meeting.pk}/").content.decode()
    for text in ("プラン策定面談", "出張は月1回まで", "田中さん", "来月から短時間勤務", "上司 一郎"):
        assert text in page


def test_the_next_meeting_comes_after_this_one(world):
    employee = fp.employee_of(world)
    data = MeetingInput(kind="initial", held_on=fp.today(), next_meeting_on=fp.today())
    with pytest.raises(ValidationError) as caught:
        services.meeting_create(actor=world.wcm_a, employee=employee, data=data)
    assert caught.value.message_dict["next_meeting_on"] == [messages.WORKCARE_MEETING_NEXT_BEFORE_HELD]
    assert not ThreePartyMeeting.objects.exists()


def test_a_meeting_of_an_agreed_plan_is_final(world, client):
    employee = fp.employee_of(world)
    plan = fp.agreed_plan(world, employee)
    meeting = fp.meeting_for(world, employee, plan=plan)
    with pytest.raises(ValidationError) as caught:
        services.meeting_attendee_add(
            actor=world.wcm_a, meeting=meeting, data=AttendeeInput(role="other", name="産業医")
        )
    assert caught.value.messages == [messages.WORKCARE_MEETING_LOCKED]
    client.force_login(world.wcm_a)
    response = client.post(f"/workcare/meetings/{meeting.pk}/edit/", {"kind": "initial", "held_on": "2026-12-01"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.held_on == fp.today()  # unchanged
    page = client.get(f"/workcare/meetings/{meeting.pk}/").content.decode()
    assert "確定しています" in page


def test_a_meeting_is_final_a_week_after_it_was_recorded(world):
    employee = fp.employee_of(world)
    meeting = fp.meeting_for(world, employee)
    data = MeetingInput(kind="initial", held_on=meeting.held_on, agreements="6日後の訂正")
    ThreePartyMeeting.objects.filter(pk=meeting.pk).update(created_at=timezone.now() - dt.timedelta(days=6))
    meeting.refresh_from_db()
    services.meeting_update(actor=world.wcm_a, meeting=meeting, data=data)  # day 6: still open
    ThreePartyMeeting.objects.filter(pk=meeting.pk).update(created_at=timezone.now() - dt.timedelta(days=7))
    meeting.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        services.meeting_update(actor=world.wcm_a, meeting=meeting, data=data)
    assert caught.value.messages == [messages.WORKCARE_MEETING_LOCKED]


def test_meeting_is_final_rule():
    d = dt.date(2026, 12, 1)
    assert not plan_rules.meeting_is_final(recorded_on=d, today=d + dt.timedelta(days=6), plan_agreed=False)
    assert plan_rules.meeting_is_final(recorded_on=d, today=d + dt.timedelta(days=7), plan_agreed=False)
    assert plan_rules.meeting_is_final(recorded_on=d, today=d, plan_agreed=True)


def test_the_employee_sees_their_own_meetings_only(world, client):
    from .factories import EmployeeFactory

    employee = fp.employee_of(world)
    mine = fp.meeting_for(world, employee)
    other = fp.meeting_for(world, EmployeeFactory(company=world.company))
    client.force_login(world.employee)
    page = client.get("/workcare/me/meetings/").content.decode()
    assert f"/workcare/me/meetings/{mine.pk}/" in page
    assert f"/workcare/me/meetings/{other.pk}/" not in page
    assert client.get(f"/workcare/me/meetings/{other.pk}/").status_code == 404
    assert "通院日は時間単位の介護休暇を使う" in client.get(f"/workcare/me/meetings/{mine.pk}/").content.decode()


def test_the_api_records_a_meeting_and_refuses_a_bad_plan(world, client):
    import json

    from carebridge.core.services import api_token_create

    from .factories import EmployeeFactory

    employee = fp.employee_of(world)
    someone_elses = fp.plan_for(world, EmployeeFactory(company=world.company))
    token = api_token_create(actor=None, user=world.wcm_a)
    url = f"/api/v1/workcare/employees/{employee.pk}/meetings"
    body = {"kind": "initial", "held_on": fp.today().isoformat(), "plan_id": someone_elses.pk}
    response = client.post(url, json.dumps(body), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 422
    assert response.json()["detail"][0]["code"] == "workcare_meeting_plan_other"
    assert response.json()["detail"][0]["msg"] == messages.WORKCARE_MEETING_PLAN_OTHER
    body["plan_id"] = None
    body["attendees"] = [{"role": "hr", "name": "人事 次郎"}]
    response = client.post(url, json.dumps(body), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 201
    assert response.json()["attendees"][0]["name"] == "人事 次郎"
