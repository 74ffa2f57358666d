"""The employee's own portal through the API (/api/v1/workcare/me/…), gated as the portal pages
are: the caller is the employee (require_own_employee / access_own_*), sees only their own
records, and nothing here reaches HR or the manager (sharing is /me/sharing)."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Status

from carebridge.core.access import actor_of
from carebridge.core.audit import audit_view
from carebridge.core.schemas import Id, InputSchema, fits
from carebridge.core.services import records_listed

from .access import access_own_meeting, access_own_plan, require_own_employee
from .api_consultations import ConsultationOut, ScreeningIn, ScreeningOut
from .api_plans import WorkCareMeetingOut, WorkCarePlanOut, WorkCarePlanSummaryOut, meeting_out, plan_out
from .inputs import ConsultationInput, ScreeningInput
from .models import Consultation
from .selectors import consultations as consultation_selectors
from .selectors import plans as plan_selectors
from .services import consultations as consultation_services
from .services import plans as plan_services

router = Router(tags=["両立支援：本人"])


@router.get("/me/consultations", response=list[ConsultationOut], summary="自分の相談（本人）")
def my_consultations(request: HttpRequest) -> Any:
    actor = actor_of(request)
    employee = require_own_employee(actor)
    rows = list(consultation_selectors.consultation_list(actor, employee=employee)[:200])
    records_listed(actor=actor, subject=Consultation, client_ids=[], record_ids=[c.pk for c in rows])
    return rows


class MyConsultationIn(InputSchema):
    channel: Annotated[str, fits(Consultation, "channel")]
    content: Annotated[str, fits(Consultation, "content")]
    care_recipient_id: Id | None = None
    worries: Annotated[str, fits(Consultation, "worries")] = ""
    family_help: Annotated[str, fits(Consultation, "family_help")] = ""
    work_constraints: Annotated[str, fits(Consultation, "work_constraints")] = ""


@router.post(
    "/me/consultations",
    response={201: ConsultationOut},
    summary="相談の申込み（本人。会社＝人事・上司には伝わりません）",
)
def request_consultation(request: HttpRequest, payload: MyConsultationIn) -> Status[Any]:
    actor = actor_of(request)
    require_own_employee(actor)
    data = ConsultationInput(**payload.dict())
    return Status(201, consultation_services.consultation_request(actor=actor, data=data))


@router.post("/me/screening", response={201: ScreeningOut}, summary="セルフチェック（本人。相談中なら相談に付きます）")
def my_screening(request: HttpRequest, payload: ScreeningIn) -> Status[Any]:
    actor = actor_of(request)
    require_own_employee(actor)
    data = ScreeningInput(answers=dict(payload.answers), answered_on=payload.answered_on)
    return Status(201, consultation_services.screening_answer(actor=actor, data=data))


@router.get("/me/plans", response=list[WorkCarePlanSummaryOut], summary="自分の両立プラン（版の一覧、本人）")
def my_plans(request: HttpRequest) -> Any:
    actor = actor_of(request)
    me = require_own_employee(actor)
    audit_view(actor=actor, subject=me, client_id=None)
    return list(plan_selectors.employee_plans(me))


@router.get("/me/plans/{plan_id}", response=WorkCarePlanOut, summary="自分の両立プラン（本人）")
def my_plan(request: HttpRequest, plan_id: int) -> Any:
    actor = actor_of(request)
    plan = access_own_plan(actor, plan_id)
    audit_view(actor=actor, subject=plan, client_id=None)
    return plan_out(plan)


@router.post("/me/plans/{plan_id}/agree", response=WorkCarePlanOut, summary="両立プランへの同意（本人、今日の日付）")
def agree_my_plan(request: HttpRequest, plan_id: int) -> Any:
    actor = actor_of(request)
    plan = access_own_plan(actor, plan_id)
    plan_services.workcareplan_agree(actor=actor, plan=plan, agreed_on=timezone.localdate())
    return plan_out(plan)


@router.get("/me/meetings", response=list[WorkCareMeetingOut], summary="自分の三者面談の記録（本人）")
def my_meetings(request: HttpRequest) -> Any:
    actor = actor_of(request)
    me = require_own_employee(actor)
    audit_view(actor=actor, subject=me, client_id=None)
    return [meeting_out(m) for m in plan_selectors.employee_meetings(me).prefetch_related("attendees")]


@router.get("/me/meetings/{meeting_id}", response=WorkCareMeetingOut, summary="自分の三者面談の記録（1件、本人）")
def my_meeting(request: HttpRequest, meeting_id: int) -> Any:
    actor = actor_of(request)
    meeting = access_own_meeting(actor, meeting_id)
    audit_view(actor=actor, subject=meeting, client_id=None)
    return meeting_out(meeting)
