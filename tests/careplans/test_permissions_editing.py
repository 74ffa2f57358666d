"""Permission matrix of editing a draft plan in place, answering a 照会, the consent check, and
of rewording a 第5表 entry and correcting a monitoring record (issue 9 items 15, 18, 19; see
tests/permission_matrix.py). Care staff edit, clerks read, the workplace care manager sees nothing."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from carebridge.careplans import services as careplans
from carebridge.careplans.inputs import ConferenceInput, InquiryInput
from carebridge.casework import services as casework
from carebridge.casework.inputs import MonitoringInput, NoteInput
from carebridge.core.dates import month_start

from ..permission_matrix import Case, changed, matrix, removed

GOAL = {"text": "介助で週2回入浴する", "period_start": "2026-04-15", "period_end": "2026-06-30"}
SERVICE = {
    "content": "配食（夕食）",
    "service_kind": "配食",
    "insured": False,
    "provider_name": "配食A",
    "frequency": "毎日",
    "period_start": "2026-04-15",
    "period_end": "2026-06-30",
}


def _plan(o: Any) -> str:
    return f"/careplans/{o['plan'].pk}"


def _api(o: Any) -> str:
    return f"/api/v1/careplans/{o['plan'].pk}"


def _service(o: Any) -> Any:
    o.service = o.short.services.first()
    return o.service


def _inquiry(o: Any) -> Any:
    data = ConferenceInput(
        held_on=o.plan.drafted_on,
        place="自宅",
        items_discussed="x",
        discussion="x",
        conclusion="x",
        inquiries=(InquiryInput(recipient="主治医 田中", sent_on=o.plan.drafted_on, question="入浴の可否"),),
    )
    o.inquiry = careplans.conference_create(actor=o.world.cm_a, plan=o.plan, data=data).inquiries.get()
    return o.inquiry


def _note(o: Any) -> Any:
    data = NoteInput(noted_on=o.plan.drafted_on, category="phone", content="長女から電話")
    o.note = casework.progress_note_create(actor=o.world.cm_a, client=o.client, data=data)
    return o.note


def _visit(o: Any) -> Any:
    today = timezone.localdate()
    data = MonitoringInput(visited_on=today)
    o.visit = casework.monitoring_record(actor=o.world.cm_a, client=o.client, month=month_start(today), data=data)
    return o.visit


def _care(o: Any) -> str:
    return f"/care/clients/{o['client'].pk}"


def _today() -> str:
    return timezone.localdate().isoformat()


CASES = [
    Case("need edit form", "get", lambda o: f"{_plan(o)}/needs/{o['need'].pk}/edit/", "careplans:need_edit",
         "cm_a", "clerk_a", 403, 200, reads_client=True),
    Case("need edit", "post", lambda o: f"{_plan(o)}/needs/{o['need'].pk}/edit/", "careplans:need_edit",
         "cm_a", "clerk_a", 403, 302, {"text": "一人で安全に入浴し続けたい"},
         post=changed("need", "text", "一人で安全に入浴し続けたい")),
    Case("goal edit form", "get", lambda o: f"{_plan(o)}/goals/{o['short'].pk}/edit/", "careplans:goal_edit",
         "cm_a", "clerk_a", 403, 200, reads_client=True),
    Case("goal edit", "post", lambda o: f"{_plan(o)}/goals/{o['short'].pk}/edit/", "careplans:goal_edit",
         "cm_a", "clerk_a", 403, 302, GOAL, post=changed("short", "text", GOAL["text"])),
    Case("service edit form", "get", lambda o: f"{_plan(o)}/services/{_service(o).pk}/edit/",
         "careplans:service_edit", "cm_a", "clerk_a", 403, 200, reads_client=True),
    Case("service edit", "post", lambda o: f"{_plan(o)}/services/{_service(o).pk}/edit/",
         "careplans:service_edit", "cm_a", "clerk_a", 403, 302, SERVICE,
         post=changed("service", "content", SERVICE["content"])),
    Case("row move", "post", lambda o: f"{_plan(o)}/rows/need/{o['need'].pk}/move/", "careplans:row_move",
         "cm_a", "clerk_a", 403, 302, {"direction": "down"}, post=changed("need", "order", 2)),
    Case("inquiry answer form", "get", lambda o: f"/careplans/inquiries/{_inquiry(o).pk}/answer/",
         "careplans:inquiry_answer", "cm_a", "clerk_a", 403, 200, reads_client=True),
    Case("inquiry answer", "post", lambda o: f"/careplans/inquiries/{_inquiry(o).pk}/answer/",
         "careplans:inquiry_answer", "cm_a", "clerk_a", 403, 302,
         lambda o: {"answer": "入浴は可", "answered_on": o.plan.drafted_on.isoformat()},
         post=changed("inquiry", "answer", "入浴は可")),
    Case("note edit form", "get", lambda o: f"{_care(o)}/notes/{_note(o).pk}/edit/", "casework:note_edit",
         "cm_a", "clerk_a", 403, 200, reads_client=True),
    Case("note edit", "post", lambda o: f"{_care(o)}/notes/{_note(o).pk}/edit/", "casework:note_edit",
         "cm_a", "clerk_a", 403, 302, {"noted_on": "2026-04-05", "category": "phone", "content": "電話（訂正）"},
         post=changed("note", "content", "電話（訂正）")),
    Case("monitoring edit form", "get", lambda o: f"{_care(o)}/monitoring/{_visit(o).pk}/edit/",
         "casework:monitoring_edit", "cm_a", "clerk_a", 403, 200, reads_client=True),
    Case("monitoring edit", "post", lambda o: f"{_care(o)}/monitoring/{_visit(o).pk}/edit/",
         "casework:monitoring_edit", "cm_a", "clerk_a", 403, 302,
         lambda o: {"reason": "記入漏れ", "visited_on": _today(), "method": "home", "service_status": "予定どおり"},
         post=changed("visit", "service_status", "予定どおり")),
    # -- API -------------------------------------------------------------------------------------------
    Case("api need edit", "patch", lambda o: f"{_api(o)}/needs/{o['need'].pk}",
         "PATCH /api/v1/careplans/{plan_id}/needs/{need_id}", "cm_a", "clerk_a", 403, 200,
         {"text": "API ニーズ"}, post=changed("need", "text", "API ニーズ")),
    Case("api need delete", "delete", lambda o: f"{_api(o)}/needs/{o['need'].pk}",
         "DELETE /api/v1/careplans/{plan_id}/needs/{need_id}", "cm_a", "clerk_a", 403, 204,
         post=removed("need")),
    Case("api goal edit", "patch", lambda o: f"{_api(o)}/goals/{o['short'].pk}",
         "PATCH /api/v1/careplans/{plan_id}/goals/{goal_id}", "cm_a", "clerk_a", 403, 200,
         {"text": "API 目標"}, post=changed("short", "text", "API 目標")),
    Case("api goal delete", "delete", lambda o: f"{_api(o)}/goals/{o['short'].pk}",
         "DELETE /api/v1/careplans/{plan_id}/goals/{goal_id}", "cm_a", "clerk_a", 403, 204,
         post=removed("short")),
    Case("api service edit", "patch", lambda o: f"{_api(o)}/services/{_service(o).pk}",
         "PATCH /api/v1/careplans/{plan_id}/services/{service_id}", "cm_a", "clerk_a", 403, 200,
         {"frequency": "週3回"}, post=changed("service", "frequency", "週3回")),
    Case("api service delete", "delete", lambda o: f"{_api(o)}/services/{_service(o).pk}",
         "DELETE /api/v1/careplans/{plan_id}/services/{service_id}", "cm_a", "clerk_a", 403, 204,
         post=removed("service")),
    Case("api move", "post", lambda o: f"{_api(o)}/needs/{o['need'].pk}/move",
         "POST /api/v1/careplans/{plan_id}/{kind}/{row_id}/move", "cm_a", "clerk_a", 403, 200,
         {"direction": "down"}, post=changed("need", "order", 2)),
    Case("api consent warnings", "get", lambda o: f"{_api(o)}/consent/warnings",
         "GET /api/v1/careplans/{plan_id}/consent/warnings", "clerk_a", "wcm_a", 404, 200, reads_client=True),
    Case("api inquiry answer", "post", lambda o: f"/api/v1/careplans/inquiries/{_inquiry(o).pk}/answer",
         "POST /api/v1/careplans/inquiries/{inquiry_id}/answer", "cm_a", "clerk_a", 403, 200,
         lambda o: {"answer": "API 回答", "answered_on": o.plan.drafted_on.isoformat()},
         post=changed("inquiry", "answer", "API 回答")),
    Case("api note edit", "patch", lambda o: f"/api/v1/clients/{o['client'].pk}/progress-notes/{_note(o).pk}",
         "PATCH /api/v1/clients/{client_id}/progress-notes/{note_id}", "cm_a", "clerk_a", 403, 200,
         {"content": "API 訂正"}, post=changed("note", "content", "API 訂正")),
    Case("api monitoring correct", "patch",
         lambda o: f"/api/v1/clients/{o['client'].pk}/monitoring/{_visit(o).pk}",
         "PATCH /api/v1/clients/{client_id}/monitoring/{visit_id}", "cm_a", "clerk_a", 403, 200,
         {"reason": "記入漏れ", "client_view": "API 訂正"}, post=changed("visit", "client_view", "API 訂正")),
]  # fmt: skip

test_anonymous, test_other_office, test_without_role, test_with_role = matrix(CASES)
