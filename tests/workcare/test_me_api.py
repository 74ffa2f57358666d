"""The employee's own portal through the API: a consultation requested by the employee (status
申込み, nothing to the company), their own plans and meetings only, their agreement recorded."""

from __future__ import annotations

import pytest

from carebridge.core.services import api_token_create
from carebridge.workcare.models import Consultation

from . import factories_plans as fp
from .factories import EmployeeFactory

pytestmark = pytest.mark.django_db


def test_the_employee_sees_and_agrees_to_their_own_records_only(client, world):
    me = fp.employee_of(world)
    plan = fp.plan_for(world, me)
    fp.add(world, plan, "contact_center", fp.days(3), detail="地域包括支援センターに電話")
    other = fp.plan_for(world, EmployeeFactory(company=world.company, name="他人 次郎"))
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=None, user=world.employee)}"}
    made = client.post(
        "/api/v1/workcare/me/consultations",
        {"channel": "online", "content": "母の介護と夜勤の両立"},
        content_type="application/json",
        **auth,
    )
    assert made.status_code == 201
    row = Consultation.objects.get(pk=made.json()["id"])
    assert row.employee_id == me.pk and row.requested_by_employee and row.held_on is None
    assert [c["id"] for c in client.get("/api/v1/workcare/me/consultations", **auth).json()] == [row.pk]
    assert [p["id"] for p in client.get("/api/v1/workcare/me/plans", **auth).json()] == [plan.pk]
    assert client.get(f"/api/v1/workcare/me/plans/{other.pk}", **auth).status_code == 404
    agreed = client.post(f"/api/v1/workcare/me/plans/{plan.pk}/agree", **auth)
    assert agreed.status_code == 200 and agreed.json()["status"] == "agreed"
    assert client.get("/api/v1/workcare/me/meetings", **auth).json() == []


def test_the_meetings_cost_the_same_queries_for_one_or_three(client, world):
    """House rule: a list answers in a fixed number of queries whatever the number of rows (the
    attendees come with one prefetch)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    me = fp.employee_of(world)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=None, user=world.employee)}"}

    def meeting() -> None:
        from carebridge.workcare import services
        from carebridge.workcare.inputs import AttendeeInput, MeetingInput

        services.meeting_create(
            actor=world.wcm_a,
            employee=me,
            data=MeetingInput(kind="follow_up", held_on=fp.today()),
            plan=None,
            attendees=[AttendeeInput(role="employee", name="両立 花子"), AttendeeInput(role="other", name="産業医")],
        )

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert len(client.get("/api/v1/workcare/me/meetings", **auth).json()) >= 1
        return len(queries.captured_queries)

    meeting()
    count()  # the token's first use is noted once (last_used_at): not part of the list's cost
    one = count()
    meeting()
    meeting()
    assert count() == one
