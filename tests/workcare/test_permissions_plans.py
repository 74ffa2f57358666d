"""Permission matrix of the 両立プラン and three-party meeting pages and API (tests/permission_matrix.py).

Workplace care manager pages: the office's wcm_a may; a care manager of the same office gets 404
(the records do not exist for them); office B's staff get 404. The employee's portal: emp_sakura1
may, HR gets 403 (not an employee). The shared view: HR with the employee's consent may; the
employee themself (no audience) gets 404.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from carebridge.workcare.models import MeetingAttendee, ThreePartyMeeting, WorkCarePlan, WorkCarePlanItem

from ..permission_matrix import Case, Objs, changed, landed, matrix, removed
from . import factories_plans as fp


def _once(o: Objs, key: str, make: Callable[[], Any]) -> Any:
    if key not in o.__dict__:
        o.__dict__[key] = make()
    return o.__dict__[key]


def emp(o: Objs) -> Any:
    return _once(o, "wc_emp", lambda: fp.employee_of(o.world))


def plan(o: Objs) -> WorkCarePlan:
    def make() -> WorkCarePlan:
        p = fp.plan_for(o.world, emp(o))
        fp.add(o.world, p, "contact_center", fp.days(3))
        return p

    return _once(o, "wc_plan", make)


def item(o: Objs) -> WorkCarePlanItem:
    return _once(o, "wc_item", lambda: plan(o).items.first())


def agreed(o: Objs) -> WorkCarePlan:
    return _once(o, "wc_agreed", lambda: fp.agreed_plan(o.world, emp(o)))


def revised(o: Objs) -> WorkCarePlan:
    from carebridge.workcare import services

    return _once(o, "wc_revised", lambda: services.workcareplan_revise(actor=o.world.wcm_a, plan=agreed(o)))


def meeting(o: Objs) -> ThreePartyMeeting:
    return _once(o, "wc_meeting", lambda: fp.meeting_for(o.world, emp(o)))


def attendee(o: Objs) -> MeetingAttendee:
    return _once(o, "wc_attendee", lambda: meeting(o).attendees.order_by("id").first())


def shared(o: Objs) -> Any:
    def make() -> Any:
        agreed(o)
        fp.share(emp(o), "hr")
        return emp(o)

    return _once(o, "wc_shared", make)


W = "/workcare"
A = "/api/v1/workcare"
STAFF = {"with_role": "wcm_a", "without_role": "cm_a", "denied_without_role": 404}
PORTAL = {"with_role": "employee", "without_role": "hr", "denied_without_role": 403, "other_office": 403}
ITEM = {"kind": "apply_certification", "starts_on": "2026-12-20", "detail": "市役所で申請"}
MEETING = {"kind": "follow_up", "held_on": "2026-12-01", "agreements": "来月もう一度話す"}


def _status(key: str, value: str) -> Any:
    return changed(key, "status", value)


CASES = [
    # -- the workplace care manager's plan pages
    Case("plan list", "get", lambda o: f"{W}/employees/{emp(o).pk}/plans/", "workcare:employee_plans",
         allowed=200, reads_client=True, **STAFF),
    Case("plan create form", "get", lambda o: f"{W}/employees/{emp(o).pk}/plans/new/", "workcare:plan_create",
         allowed=200, reads_client=True, **STAFF),
    Case("plan create", "post", lambda o: f"{W}/employees/{emp(o).pk}/plans/new/", "workcare:plan_create",
         allowed=302, data={"goals": "仕事を続ける"}, post=landed(WorkCarePlan), **STAFF),
    Case("plan detail", "get", lambda o: f"{W}/plans/{plan(o).pk}/", "workcare:plan_detail",
         allowed=200, reads_client=True, **STAFF),
    Case("plan edit", "post", lambda o: f"{W}/plans/{plan(o).pk}/edit/", "workcare:plan_edit",
         allowed=302, data={"goals": "新しい目標", "work_wishes": ""},
         post=changed("wc_plan", "goals", "新しい目標"), **STAFF),
    Case("plan item add", "post", lambda o: f"{W}/plans/{plan(o).pk}/items/new/", "workcare:plan_item_add",
         allowed=302, data=ITEM, post=landed(WorkCarePlanItem), **STAFF),
    Case("plan item edit", "post", lambda o: f"{W}/plans/{plan(o).pk}/items/{item(o).pk}/edit/",
         "workcare:plan_item_edit", allowed=302, data={**ITEM, "kind": "contact_center", "detail": "電話で相談"},
         post=changed("wc_item", "detail", "電話で相談"), **STAFF),
    Case("plan item delete", "post", lambda o: f"{W}/plans/{plan(o).pk}/items/{item(o).pk}/delete/",
         "workcare:plan_item_delete", allowed=302, post=removed("wc_item"), **STAFF),
    Case("plan agree (recorded)", "post", lambda o: f"{W}/plans/{plan(o).pk}/agree/", "workcare:plan_agree",
         allowed=302, data=lambda o: {"agreed_on": fp.today().isoformat()}, post=_status("wc_plan", "agreed"),
         **STAFF),
    Case("plan revise", "post", lambda o: f"{W}/plans/{agreed(o).pk}/revise/", "workcare:plan_revise",
         allowed=302, post=landed(WorkCarePlan), **STAFF),
    Case("plan diff", "get", lambda o: f"{W}/plans/{revised(o).pk}/diff/", "workcare:plan_diff",
         allowed=200, reads_client=True, **STAFF),
    Case("plan pdf", "get", lambda o: f"{W}/plans/{plan(o).pk}/pdf/", "workcare:plan_pdf",
         allowed=200, reads_client=True, **STAFF),
    # -- the employee's portal
    Case("my plans", "get", lambda o: (emp(o), f"{W}/me/plans/")[1], "workcare:my_plans",
         allowed=200, reads_client=True, **PORTAL),
    Case("my plan", "get", lambda o: f"{W}/me/plans/{plan(o).pk}/", "workcare:my_plan_detail",
         allowed=200, reads_client=True, **PORTAL),
    Case("my plan agree", "post", lambda o: f"{W}/me/plans/{plan(o).pk}/agree/", "workcare:my_plan_agree",
         allowed=302, post=_status("wc_plan", "agreed"), **PORTAL),
    Case("my meetings", "get", lambda o: (emp(o), f"{W}/me/meetings/")[1], "workcare:my_meetings",
         allowed=200, reads_client=True, **PORTAL),
    Case("my meeting", "get", lambda o: f"{W}/me/meetings/{meeting(o).pk}/", "workcare:my_meeting_detail",
         allowed=200, reads_client=True, **PORTAL),
    # -- HR with the employee's consent
    Case("shared plan", "get", lambda o: f"{W}/shared/{shared(o).pk}/plan/", "workcare:shared_plan",
         with_role="hr", without_role="employee", denied_without_role=404, allowed=200, reads_client=True),
    # -- meetings
    Case("meeting list", "get", lambda o: f"{W}/employees/{emp(o).pk}/meetings/", "workcare:employee_meetings",
         allowed=200, reads_client=True, **STAFF),
    Case("meeting create", "post", lambda o: f"{W}/employees/{emp(o).pk}/meetings/new/",
         "workcare:meeting_create", allowed=302,
         data={**MEETING, "attendee_role_1": "employee", "attendee_name_1": "両立 花子"},
         post=landed(ThreePartyMeeting), **STAFF),
    Case("meeting detail", "get", lambda o: f"{W}/meetings/{meeting(o).pk}/", "workcare:meeting_detail",
         allowed=200, reads_client=True, **STAFF),
    Case("meeting edit", "post", lambda o: f"{W}/meetings/{meeting(o).pk}/edit/", "workcare:meeting_edit",
         allowed=302, data={**MEETING, "kind": "initial"}, post=changed("wc_meeting", "agreements", "来月もう一度話す"),
         **STAFF),
    Case("meeting attendee add", "post", lambda o: f"{W}/meetings/{meeting(o).pk}/attendees/new/",
         "workcare:meeting_attendee_add", allowed=302, data={"role": "other", "name": "産業医 三郎"},
         post=landed(MeetingAttendee), **STAFF),
    Case("meeting attendee delete", "post",
         lambda o: f"{W}/meetings/{meeting(o).pk}/attendees/{attendee(o).pk}/delete/",
         "workcare:meeting_attendee_delete", allowed=302, post=removed("wc_attendee"), **STAFF),
    Case("meeting pdf", "get", lambda o: f"{W}/meetings/{meeting(o).pk}/pdf/", "workcare:meeting_pdf",
         allowed=200, reads_client=True, **STAFF),
    # -- API
    Case("api plans", "get", lambda o: f"{A}/employees/{emp(o).pk}/plans",
         "GET /api/v1/workcare/employees/{employee_id}/plans", allowed=200, reads_client=True, **STAFF),
    Case("api plan create", "post", lambda o: f"{A}/employees/{emp(o).pk}/plans",
         "POST /api/v1/workcare/employees/{employee_id}/plans", allowed=201, data={"goals": "仕事を続ける"},
         post=landed(WorkCarePlan), **STAFF),
    Case("api plan", "get", lambda o: f"{A}/plans/{plan(o).pk}", "GET /api/v1/workcare/plans/{plan_id}",
         allowed=200, reads_client=True, **STAFF),
    Case("api plan item", "post", lambda o: f"{A}/plans/{plan(o).pk}/items",
         "POST /api/v1/workcare/plans/{plan_id}/items", allowed=201, data=ITEM, post=landed(WorkCarePlanItem),
         **STAFF),
    Case("api plan agree", "post", lambda o: f"{A}/plans/{plan(o).pk}/agree",
         "POST /api/v1/workcare/plans/{plan_id}/agree", allowed=200, post=_status("wc_plan", "agreed"), **STAFF),
    Case("api plan agree (employee)", "post", lambda o: f"{A}/plans/{plan(o).pk}/agree",
         "POST /api/v1/workcare/plans/{plan_id}/agree", with_role="employee", without_role="hr",
         denied_without_role=404, allowed=200, post=_status("wc_plan", "agreed")),
    Case("api plan revise", "post", lambda o: f"{A}/plans/{agreed(o).pk}/revise",
         "POST /api/v1/workcare/plans/{plan_id}/revise", allowed=201, post=landed(WorkCarePlan), **STAFF),
    Case("api plan pdf", "get", lambda o: f"{A}/plans/{plan(o).pk}/pdf", "GET /api/v1/workcare/plans/{plan_id}/pdf",
         allowed=200, reads_client=True, **STAFF),
    Case("api meetings", "get", lambda o: f"{A}/employees/{emp(o).pk}/meetings",
         "GET /api/v1/workcare/employees/{employee_id}/meetings", allowed=200, reads_client=True, **STAFF),
    Case("api meeting create", "post", lambda o: f"{A}/employees/{emp(o).pk}/meetings",
         "POST /api/v1/workcare/employees/{employee_id}/meetings", allowed=201,
         data={**MEETING, "attendees": [{"role": "employee", "name": "両立 花子"}]},
         post=landed(ThreePartyMeeting), **STAFF),
    Case("api meeting", "get", lambda o: f"{A}/meetings/{meeting(o).pk}", "GET /api/v1/workcare/meetings/{meeting_id}",
         allowed=200, reads_client=True, **STAFF),
    Case("api meeting pdf", "get", lambda o: f"{A}/meetings/{meeting(o).pk}/pdf",
         "GET /api/v1/workcare/meetings/{meeting_id}/pdf", allowed=200, reads_client=True, **STAFF),
]  # fmt: skip

test_anonymous, test_other_office, test_without_role, test_with_role = matrix(CASES)
