"""API of the 両立プラン (versions, timeline, agreement, 変更, PDF) and the three-party meetings.

The workplace care manager of the office uses every operation; an employee reads their own plans
and meetings and agrees to a draft. An agreed version is immutable: writes to it answer 422.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from pydantic import Strict

from carebridge.core.access import actor_of
from carebridge.core.audit import audit_view
from carebridge.core.inputs import input_from
from carebridge.core.schemas import Date, Id, InputSchema, PatchSchema, fits
from carebridge.documents.http import PDF_ANSWER, pdf_response

from . import messages, pdf_meeting, pdf_plan, plan_rules, services
from .access import (
    access_attendee,
    access_meeting,
    access_meeting_for_reading,
    access_plan,
    access_plan_employee,
    access_plan_for_reading,
    access_plan_item,
)
from .inputs import AttendeeInput, MeetingInput, PlanItemInput, WorkCarePlanInput
from .models import CareRecipient, MeetingAttendee, ThreePartyMeeting, WorkCarePlan, WorkCarePlanItem
from .selectors import plans as selectors

router = Router(tags=["両立支援"])


class WorkCareReasonOut(Schema):
    code: str
    article: str
    message: str


class WorkCareCheckOut(Schema):
    allowed: bool | None
    reasons: list[WorkCareReasonOut]


class WorkCareItemOut(Schema):
    id: int
    kind: str
    starts_on: dt.date
    ends_on: dt.date | None
    hours: int | None
    detail: str
    order: int
    check: WorkCareCheckOut | None = None


class WorkCarePlanSummaryOut(Schema):
    id: int
    employee_id: int
    version: int
    status: str
    previous_id: int | None
    agreed_on: dt.date | None


class WorkCarePlanOut(WorkCarePlanSummaryOut):
    care_recipient_id: int | None
    goals: str
    work_wishes: str
    updated_at: dt.datetime
    items: list[WorkCareItemOut]


class WorkCarePlanIn(InputSchema):
    goals: Annotated[str, fits(WorkCarePlan, "goals")]
    work_wishes: Annotated[str, fits(WorkCarePlan, "work_wishes")] = ""
    care_recipient_id: Id | None = None


class WorkCareItemIn(InputSchema):
    kind: Annotated[str, fits(WorkCarePlanItem, "kind")]
    starts_on: Annotated[Date, fits(WorkCarePlanItem, "starts_on")]
    ends_on: Annotated[Date, fits(WorkCarePlanItem, "ends_on")] | None = None
    hours: Annotated[int, Strict(), fits(WorkCarePlanItem, "hours")] | None = None
    detail: Annotated[str, fits(WorkCarePlanItem, "detail")] = ""


class WorkCareAgreeIn(InputSchema):
    agreed_on: Annotated[Date, fits(WorkCarePlan, "agreed_on")] | None = None


class WorkCareAttendeeIn(InputSchema):
    role: Annotated[str, fits(MeetingAttendee, "role")]
    name: Annotated[str, fits(MeetingAttendee, "name")]


class WorkCareAttendeeOut(Schema):
    id: int
    role: str
    name: str


class WorkCareMeetingIn(InputSchema):
    kind: Annotated[str, fits(ThreePartyMeeting, "kind")]
    held_on: Annotated[Date, fits(ThreePartyMeeting, "held_on")]
    plan_id: Id | None = None
    care_recipient_summary: Annotated[str, fits(ThreePartyMeeting, "care_recipient_summary")] = ""
    relation: Annotated[str, fits(ThreePartyMeeting, "relation")] = ""
    lives_together: Annotated[bool, Strict()] | None = None
    family_help: Annotated[str, fits(ThreePartyMeeting, "family_help")] = ""
    difficulty_hours: Annotated[str, fits(ThreePartyMeeting, "difficulty_hours")] = ""
    difficulty_days_off: Annotated[str, fits(ThreePartyMeeting, "difficulty_days_off")] = ""
    difficulty_trips: Annotated[str, fits(ThreePartyMeeting, "difficulty_trips")] = ""
    systems_wanted: Annotated[str, fits(ThreePartyMeeting, "systems_wanted")] = ""
    handover_to: Annotated[str, fits(ThreePartyMeeting, "handover_to")] = ""
    handover_when: Annotated[str, fits(ThreePartyMeeting, "handover_when")] = ""
    handover_how: Annotated[str, fits(ThreePartyMeeting, "handover_how")] = ""
    agreements: Annotated[str, fits(ThreePartyMeeting, "agreements")] = ""
    next_meeting_on: Annotated[Date, fits(ThreePartyMeeting, "next_meeting_on")] | None = None
    attendees: list[WorkCareAttendeeIn] = []


class WorkCareMeetingOut(Schema):
    id: int
    employee_id: int
    plan_id: int | None
    kind: str
    held_on: dt.date
    care_recipient_summary: str
    relation: str
    lives_together: bool | None
    family_help: str
    difficulty_hours: str
    difficulty_days_off: str
    difficulty_trips: str
    systems_wanted: str
    handover_to: str
    handover_when: str
    handover_how: str
    agreements: str
    next_meeting_on: dt.date | None
    attendees: list[WorkCareAttendeeOut]


def _check_out(check: plan_rules.MeasureCheck | None) -> dict[str, Any] | None:
    if check is None:
        return None
    return {
        "allowed": check.allowed,
        "reasons": [{"code": r.code, "article": r.article, "message": r.message} for r in check.reasons],
    }


def _item_out(item: WorkCarePlanItem, check: plan_rules.MeasureCheck | None) -> dict[str, Any]:
    """An item as a dict (a model's own `check` is Django's system-check method, not the result)."""
    return {
        "id": item.pk,
        "kind": item.kind,
        "starts_on": item.starts_on,
        "ends_on": item.ends_on,
        "hours": item.hours,
        "detail": item.detail,
        "order": item.order,
        "check": _check_out(check),
    }


def plan_out(plan: WorkCarePlan) -> dict[str, Any]:
    items = [_item_out(r.item, r.check) for r in selectors.plan_with_checks(plan)]
    return {
        "id": plan.pk,
        "employee_id": plan.employee_id,
        "version": plan.version,
        "status": plan.status,
        "previous_id": plan.previous_id,
        "agreed_on": plan.agreed_on,
        "care_recipient_id": plan.care_recipient_id,
        "goals": plan.goals,
        "work_wishes": plan.work_wishes,
        "updated_at": plan.updated_at,
        "items": items,
    }


def meeting_out(meeting: ThreePartyMeeting) -> dict[str, Any]:
    names = [f.name for f in ThreePartyMeeting._meta.concrete_fields if f.name in WorkCareMeetingOut.model_fields]
    values: dict[str, Any] = {name: getattr(meeting, name) for name in names}
    values.update(
        id=meeting.pk,
        employee_id=meeting.employee_id,
        plan_id=meeting.plan_id,
        attendees=[{"id": a.pk, "role": a.role, "name": a.name} for a in selectors.meeting_with_attendees(meeting)],
    )
    return values


@router.get(
    "/employees/{employee_id}/plans", response=list[WorkCarePlanSummaryOut], summary="両立プランの版（新しい順）"
)
def list_plans(request: HttpRequest, employee_id: int) -> Any:
    actor = actor_of(request)
    employee = access_plan_employee(actor, employee_id)
    audit_view(actor=actor, subject=employee, client_id=None)
    return list(selectors.employee_plans(employee))


@router.post(
    "/employees/{employee_id}/plans", response={201: WorkCarePlanOut}, summary="両立プランの作成（作成中の版）"
)
def create_plan(request: HttpRequest, employee_id: int, payload: WorkCarePlanIn) -> Status[Any]:
    actor = actor_of(request)
    employee = access_plan_employee(actor, employee_id, for_edit=True)
    values = payload.dict()
    recipient_id = values.pop("care_recipient_id")
    recipient = None
    if recipient_id is not None:
        recipient = CareRecipient.objects.filter(pk=recipient_id, employee=employee).first()
        if recipient is None:
            raise ValidationError({"care_recipient_id": messages.WORKCARE_PLAN_RECIPIENT_OTHER})
    plan = services.workcareplan_create(
        actor=actor, employee=employee, data=input_from(WorkCarePlanInput, values), care_recipient=recipient
    )
    return Status(201, plan_out(plan))


@router.get("/plans/{plan_id}", response=WorkCarePlanOut, summary="両立プラン（各制度の確認結果つき）")
def get_plan(request: HttpRequest, plan_id: int) -> Any:
    actor = actor_of(request)
    plan = access_plan_for_reading(actor, plan_id)
    audit_view(actor=actor, subject=plan, client_id=None)
    return plan_out(plan)


@router.post(
    "/plans/{plan_id}/items", response={201: WorkCareItemOut}, summary="タイムラインに項目を追加（同意済みは422）"
)
def create_item(request: HttpRequest, plan_id: int, payload: WorkCareItemIn) -> Status[Any]:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id, for_edit=True)
    item = services.planitem_add(actor=actor, plan=plan, data=input_from(PlanItemInput, payload.dict()))
    check = selectors.measure_checks(plan, selectors.plan_items(plan)).get(item.pk)
    return Status(201, _item_out(item, check))


@router.post("/plans/{plan_id}/agree", response=WorkCarePlanOut, summary="本人の同意（本人、または産業ケアマネが記録）")
def agree_plan(request: HttpRequest, plan_id: int, payload: WorkCareAgreeIn) -> Any:
    actor = actor_of(request)
    plan = access_plan_for_reading(actor, plan_id)
    agreed_on = payload.agreed_on or timezone.localdate()
    services.workcareplan_agree(actor=actor, plan=plan, agreed_on=agreed_on)
    return plan_out(plan)


@router.post("/plans/{plan_id}/revise", response={201: WorkCarePlanOut}, summary="変更: 新しい版を作成")
def revise_plan(request: HttpRequest, plan_id: int) -> Status[Any]:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id, for_edit=True)
    return Status(201, plan_out(services.workcareplan_revise(actor=actor, plan=plan)))


@router.get("/plans/{plan_id}/pdf", summary="両立プランPDF", response={200: None}, openapi_extra=PDF_ANSWER)
def plan_pdf(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = access_plan_for_reading(actor, plan_id)
    audit_view(actor=actor, subject=plan, client_id=None)
    rows = selectors.plan_with_checks(plan)
    data = pdf_plan.plan_pdf(plan, rows, office_name=plan.employee.company.office.name)
    return pdf_response(data, f"workcare-plan-{plan.pk}-v{plan.version}.pdf", document="両立プラン")


@router.get("/employees/{employee_id}/meetings", response=list[WorkCareMeetingOut], summary="三者面談の記録")
def list_meetings(request: HttpRequest, employee_id: int) -> Any:
    actor = actor_of(request)
    employee = access_plan_employee(actor, employee_id)
    audit_view(actor=actor, subject=employee, client_id=None)
    return [meeting_out(m) for m in selectors.employee_meetings(employee).prefetch_related("attendees")]


@router.post("/employees/{employee_id}/meetings", response={201: WorkCareMeetingOut}, summary="三者面談の記録")
def create_meeting(request: HttpRequest, employee_id: int, payload: WorkCareMeetingIn) -> Status[Any]:
    actor = actor_of(request)
    employee = access_plan_employee(actor, employee_id, for_edit=True)
    values = payload.dict()
    attendees = [input_from(AttendeeInput, row) for row in values.pop("attendees")]
    plan_id = values.pop("plan_id")
    plan = None
    if plan_id is not None:
        plan = WorkCarePlan.objects.filter(pk=plan_id, employee=employee).first()
        if plan is None:
            raise ValidationError({"plan_id": messages.WORKCARE_MEETING_PLAN_OTHER})
    meeting = services.meeting_create(
        actor=actor, employee=employee, data=input_from(MeetingInput, values), plan=plan, attendees=attendees
    )
    return Status(201, meeting_out(meeting))


@router.get("/meetings/{meeting_id}", response=WorkCareMeetingOut, summary="三者面談の記録（1件）")
def get_meeting(request: HttpRequest, meeting_id: int) -> Any:
    actor = actor_of(request)
    meeting = access_meeting_for_reading(actor, meeting_id)
    audit_view(actor=actor, subject=meeting, client_id=None)
    return meeting_out(meeting)


@router.get(
    "/meetings/{meeting_id}/pdf",
    summary="面談シート兼介護支援プランPDF",
    response={200: None},
    openapi_extra=PDF_ANSWER,
)
def meeting_pdf(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = actor_of(request)
    meeting = access_meeting_for_reading(actor, meeting_id)
    audit_view(actor=actor, subject=meeting, client_id=None)
    office = meeting.employee.company.office
    data = pdf_meeting.meeting_pdf(meeting, selectors.meeting_with_attendees(meeting), office_name=office.name)
    return pdf_response(data, f"workcare-meeting-{meeting.pk}.pdf", document="面談シート兼介護支援プラン")


# -- edits of a draft plan and of a meeting not yet final (what was agreed is never edited) -------


class WorkCarePlanPatch(PatchSchema):
    goals: Annotated[str, fits(WorkCarePlan, "goals")] | None = None
    work_wishes: Annotated[str, fits(WorkCarePlan, "work_wishes")] | None = None


@router.patch("/plans/{plan_id}", response=WorkCarePlanOut, summary="両立プランの編集（作成中の版のみ）")
def update_plan(request: HttpRequest, plan_id: int, payload: WorkCarePlanPatch) -> Any:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id, for_edit=True)
    values = payload.dict(exclude_unset=True)
    expected = values.pop("updated_at", None)
    data = input_from(WorkCarePlanInput, values, base=plan)
    return plan_out(services.workcareplan_update(actor=actor, plan=plan, data=data, expected_updated_at=expected))


class WorkCareItemPatch(PatchSchema):
    kind: Annotated[str, fits(WorkCarePlanItem, "kind")] | None = None
    starts_on: Annotated[Date, fits(WorkCarePlanItem, "starts_on")] | None = None
    ends_on: Annotated[Date, fits(WorkCarePlanItem, "ends_on")] | None = None
    hours: Annotated[int, Strict(), fits(WorkCarePlanItem, "hours")] | None = None
    detail: Annotated[str, fits(WorkCarePlanItem, "detail")] | None = None


@router.patch(
    "/plans/{plan_id}/items/{item_id}", response=WorkCareItemOut, summary="タイムラインの項目の編集（作成中の版のみ）"
)
def update_item(request: HttpRequest, plan_id: int, item_id: int, payload: WorkCareItemPatch) -> Any:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id, for_edit=True)
    item = access_plan_item(actor, plan, item_id)
    values = payload.dict(exclude_unset=True)
    expected = values.pop("updated_at", None)
    data = input_from(PlanItemInput, values, base=item)
    saved = services.planitem_update(actor=actor, item=item, data=data, expected_updated_at=expected)
    return _item_out(saved, selectors.measure_checks(plan, selectors.plan_items(plan)).get(saved.pk))


@router.delete(
    "/plans/{plan_id}/items/{item_id}", response={204: None}, summary="タイムラインの項目の削除（作成中の版のみ）"
)
def delete_item(request: HttpRequest, plan_id: int, item_id: int) -> Status[None]:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id, for_edit=True)
    services.planitem_delete(actor=actor, item=access_plan_item(actor, plan, item_id))
    return Status(204, None)


class ItemFactsOut(Schema):
    kind: str
    starts_on: dt.date
    ends_on: dt.date | None
    hours: int | None
    detail: str


class FieldChangeOut(Schema):
    name: str = Field(description="goals（目標）/ work_wishes（働き方の希望）")
    old: str
    new: str


class ChangedItemOut(Schema):
    old: ItemFactsOut
    new: ItemFactsOut


class PlanDiffOut(Schema):
    plan_id: int
    previous_id: int
    fields: list[FieldChangeOut]
    added: list[ItemFactsOut]
    removed: list[ItemFactsOut]
    changed: list[ChangedItemOut]
    unchanged: list[ItemFactsOut]


@router.get("/plans/{plan_id}/diff", response=PlanDiffOut, summary="前の版との違い")
def plan_diff(request: HttpRequest, plan_id: int) -> Any:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id)
    previous = plan.previous
    if previous is None:
        raise Http404
    audit_view(actor=actor, subject=plan, client_id=None)
    result = plan_rules.diff(
        selectors.plan_facts(previous, selectors.plan_items(previous)),
        selectors.plan_facts(plan, selectors.plan_items(plan)),
    )
    return {
        "plan_id": plan.pk,
        "previous_id": previous.pk,
        "fields": list(result.fields),
        "added": list(result.added),
        "removed": list(result.removed),
        "changed": [{"old": old, "new": new} for old, new in result.changed],
        "unchanged": list(result.unchanged),
    }


class WorkCareMeetingPatch(PatchSchema):
    kind: Annotated[str, fits(ThreePartyMeeting, "kind")] | None = None
    held_on: Annotated[Date, fits(ThreePartyMeeting, "held_on")] | None = None
    care_recipient_summary: Annotated[str, fits(ThreePartyMeeting, "care_recipient_summary")] | None = None
    relation: Annotated[str, fits(ThreePartyMeeting, "relation")] | None = None
    lives_together: Annotated[bool, Strict()] | None = None
    family_help: Annotated[str, fits(ThreePartyMeeting, "family_help")] | None = None
    difficulty_hours: Annotated[str, fits(ThreePartyMeeting, "difficulty_hours")] | None = None
    difficulty_days_off: Annotated[str, fits(ThreePartyMeeting, "difficulty_days_off")] | None = None
    difficulty_trips: Annotated[str, fits(ThreePartyMeeting, "difficulty_trips")] | None = None
    systems_wanted: Annotated[str, fits(ThreePartyMeeting, "systems_wanted")] | None = None
    handover_to: Annotated[str, fits(ThreePartyMeeting, "handover_to")] | None = None
    handover_when: Annotated[str, fits(ThreePartyMeeting, "handover_when")] | None = None
    handover_how: Annotated[str, fits(ThreePartyMeeting, "handover_how")] | None = None
    agreements: Annotated[str, fits(ThreePartyMeeting, "agreements")] | None = None
    next_meeting_on: Annotated[Date, fits(ThreePartyMeeting, "next_meeting_on")] | None = None


@router.patch("/meetings/{meeting_id}", response=WorkCareMeetingOut, summary="三者面談の記録の編集（確定前のみ）")
def update_meeting(request: HttpRequest, meeting_id: int, payload: WorkCareMeetingPatch) -> Any:
    actor = actor_of(request)
    meeting = access_meeting(actor, meeting_id, for_edit=True)
    values = payload.dict(exclude_unset=True)
    expected = values.pop("updated_at", None)
    data = input_from(MeetingInput, values, base=meeting)
    saved = services.meeting_update(actor=actor, meeting=meeting, data=data, expected_updated_at=expected)
    return meeting_out(saved)


@router.post(
    "/meetings/{meeting_id}/attendees", response={201: WorkCareAttendeeOut}, summary="出席者の追加（確定前のみ）"
)
def add_attendee(request: HttpRequest, meeting_id: int, payload: WorkCareAttendeeIn) -> Status[Any]:
    actor = actor_of(request)
    meeting = access_meeting(actor, meeting_id, for_edit=True)
    data = input_from(AttendeeInput, payload.dict())
    return Status(201, services.meeting_attendee_add(actor=actor, meeting=meeting, data=data))


@router.delete(
    "/meetings/{meeting_id}/attendees/{attendee_id}", response={204: None}, summary="出席者の削除（確定前のみ）"
)
def delete_attendee(request: HttpRequest, meeting_id: int, attendee_id: int) -> Status[None]:
    actor = actor_of(request)
    meeting = access_meeting(actor, meeting_id, for_edit=True)
    services.meeting_attendee_delete(actor=actor, attendee=access_attendee(actor, meeting, attendee_id))
    return Status(204, None)
