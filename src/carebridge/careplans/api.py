"""API of care plans (versions), meetings, consent and delivery, and the plan set PDF."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema, Status

from carebridge.clients.services import client_viewed
from carebridge.core.access import access_client, access_office_record
from carebridge.core.models import User
from carebridge.directory.models import Provider

from . import messages, pdf, selectors, services
from .models import CarePlan, Goal

router = Router(tags=["careplans"])


class PlanSummary(Schema):
    id: int
    version: int
    status: str
    reason: str
    drafted_on: dt.date
    replaces_id: int | None
    service_start_on: dt.date | None


class ServiceOut(Schema):
    id: int
    content: str
    insured: bool
    service_type_code: str
    service_kind: str
    provider_id: int | None
    provider_name: str
    frequency: str
    period_start: dt.date
    period_end: dt.date


class GoalOut(Schema):
    id: int
    term: str
    text: str
    period_start: dt.date
    period_end: dt.date
    parent_id: int | None


class NeedOut(Schema):
    id: int
    text: str


class PlanOut(PlanSummary):
    client_id: int
    plan_origin: str
    intentions: str
    board_opinion: str
    policy: str
    living_support_reason: str
    daily_activities: str
    non_weekly_services: str
    certification_id: int | None
    assessment_id: int | None


class PlanIn(Schema):
    drafted_on: dt.date
    reason: str = "new"
    plan_origin: str = "initial"
    intentions: str = ""
    board_opinion: str = ""
    policy: str = ""
    living_support_reason: str = ""
    daily_activities: str = ""
    non_weekly_services: str = ""


class PlanPatch(Schema):
    drafted_on: dt.date | None = None
    reason: str | None = None
    plan_origin: str | None = None
    intentions: str | None = None
    board_opinion: str | None = None
    policy: str | None = None
    living_support_reason: str | None = None
    daily_activities: str | None = None
    non_weekly_services: str | None = None


class NeedIn(Schema):
    text: str


class GoalIn(Schema):
    term: str
    text: str
    period_start: dt.date
    period_end: dt.date
    parent_id: int | None = None


class ServiceIn(Schema):
    content: str
    service_kind: str
    frequency: str
    period_start: dt.date
    period_end: dt.date
    insured: bool = True
    provider_id: int | None = None
    provider_name: str = ""
    service_type_code: str = ""
    short_stay_days: int = 0


class AttendeeIn(Schema):
    kind: str
    name: str
    affiliation: str = ""
    relation: str = ""


class InquiryIn(Schema):
    recipient: str
    sent_on: dt.date
    question: str
    answer: str = ""
    answered_on: dt.date | None = None


class ConferenceIn(Schema):
    held_on: dt.date
    place: str
    items_discussed: str
    discussion: str
    conclusion: str
    count: int = 1
    remaining_issues: str = ""
    next_date: str = ""
    attendees: list[AttendeeIn] = []
    inquiries: list[InquiryIn] = []


class ConferenceOut(Schema):
    id: int
    plan_id: int
    held_on: dt.date
    place: str
    count: int
    items_discussed: str
    discussion: str
    conclusion: str
    remaining_issues: str


class ConsentIn(Schema):
    consented_on: dt.date
    signer_name: str
    signer_relation: str = "本人"
    method: str = "signature"


class ConsentOut(Schema):
    id: int
    plan_id: int
    consented_on: dt.date
    signer_name: str
    signer_relation: str
    method: str


class DeliveryIn(Schema):
    delivered_on: dt.date
    method: str = "hand"
    provider_id: int | None = None


class DeliveryOut(Schema):
    id: int
    plan_id: int
    provider_id: int | None
    delivered_on: dt.date
    method: str


class ActivateIn(Schema):
    service_start_on: dt.date


class ReviseIn(Schema):
    drafted_on: dt.date
    reason: str = "change"


def _actor(request: HttpRequest) -> User:
    return request.auth  # type: ignore[attr-defined,no-any-return]


def _plan(actor: User, plan_id: int) -> CarePlan:
    return access_office_record(actor, CarePlan.objects.select_related("client"), plan_id, "care.view")


def _provider(actor: User, provider_id: int | None) -> Provider | None:
    if provider_id is None:
        return None
    provider = Provider.objects.filter(pk=provider_id, office_id=actor.office_id).first()
    if provider is None:
        raise ValidationError({"provider": messages.PROVIDER_OTHER_OFFICE})
    return provider


@router.get("/clients/{client_id}/careplans", response=list[PlanSummary], summary="居宅サービス計画の版（新しい順）")
def list_plans(request: HttpRequest, client_id: int) -> Any:
    actor = _actor(request)
    client = access_client(actor, client_id, permission="care.view")
    client_viewed(actor=actor, client=client)
    return list(selectors.plan_list(client=client))


@router.post("/clients/{client_id}/careplans", response={201: PlanOut}, summary="計画の原案を作成")
def create_plan(request: HttpRequest, client_id: int, payload: PlanIn) -> Status[Any]:
    actor = _actor(request)
    client = access_client(actor, client_id, permission="care.view")
    return Status(201, services.careplan_create(actor=actor, client=client, **payload.dict()))


@router.get("/careplans/{plan_id}", response=PlanOut, summary="計画の取得")
def get_plan(request: HttpRequest, plan_id: int) -> Any:
    actor = _actor(request)
    plan = _plan(actor, plan_id)
    client_viewed(actor=actor, client=plan.client)
    return plan


@router.patch("/careplans/{plan_id}", response=PlanOut, summary="計画の更新（原案のみ。同意済みは422）")
def update_plan(request: HttpRequest, plan_id: int, payload: PlanPatch) -> Any:
    actor = _actor(request)
    plan = _plan(actor, plan_id)
    return services.careplan_update(actor=actor, plan=plan, **payload.dict(exclude_unset=True))


@router.get("/careplans/{plan_id}/needs", response=list[NeedOut], summary="第2表のニーズ")
def list_needs(request: HttpRequest, plan_id: int) -> Any:
    actor = _actor(request)
    plan = _plan(actor, plan_id)
    client_viewed(actor=actor, client=plan.client)
    return list(plan.needs.all())


@router.post("/careplans/{plan_id}/needs", response={201: NeedOut}, summary="ニーズの追加")
def create_need(request: HttpRequest, plan_id: int, payload: NeedIn) -> Status[Any]:
    actor = _actor(request)
    return Status(201, services.need_add(actor=actor, plan=_plan(actor, plan_id), text=payload.text))


@router.post("/careplans/{plan_id}/needs/{need_id}/goals", response={201: GoalOut}, summary="目標の追加")
def create_goal(request: HttpRequest, plan_id: int, need_id: int, payload: GoalIn) -> Status[Any]:
    actor = _actor(request)
    plan = _plan(actor, plan_id)
    need = selectors.need_of(plan, need_id)
    data = payload.dict()
    parent_id = data.pop("parent_id")
    parent = Goal.objects.filter(pk=parent_id, need__plan=plan).first() if parent_id else None
    return Status(201, services.goal_add(actor=actor, need=need, parent=parent, **data))


@router.post("/careplans/{plan_id}/goals/{goal_id}/services", response={201: ServiceOut}, summary="援助内容の追加")
def create_service(request: HttpRequest, plan_id: int, goal_id: int, payload: ServiceIn) -> Status[Any]:
    actor = _actor(request)
    goal = selectors.goal_of(_plan(actor, plan_id), goal_id)
    data = payload.dict()
    provider = _provider(actor, data.pop("provider_id"))
    return Status(201, services.service_add(actor=actor, goal=goal, provider=provider, **data))


@router.post("/careplans/{plan_id}/conferences", response={201: ConferenceOut}, summary="サービス担当者会議（第4表）")
def create_conference(request: HttpRequest, plan_id: int, payload: ConferenceIn) -> Status[Any]:
    actor = _actor(request)
    data = payload.dict()
    return Status(201, services.conference_create(actor=actor, plan=_plan(actor, plan_id), **data))


@router.get("/careplans/{plan_id}/conferences", response=list[ConferenceOut], summary="会議の一覧")
def list_conferences(request: HttpRequest, plan_id: int) -> Any:
    actor = _actor(request)
    plan = _plan(actor, plan_id)
    client_viewed(actor=actor, client=plan.client)
    return list(plan.conferences.all())


@router.post("/careplans/{plan_id}/consent", response={201: ConsentOut}, summary="説明・同意の記録")
def create_consent(request: HttpRequest, plan_id: int, payload: ConsentIn) -> Status[Any]:
    actor = _actor(request)
    return Status(201, services.plan_consent_record(actor=actor, plan=_plan(actor, plan_id), **payload.dict()))


@router.post("/careplans/{plan_id}/deliveries", response={201: DeliveryOut}, summary="交付の記録")
def create_delivery(request: HttpRequest, plan_id: int, payload: DeliveryIn) -> Status[Any]:
    actor = _actor(request)
    plan = _plan(actor, plan_id)
    data = payload.dict()
    provider = _provider(actor, data.pop("provider_id"))
    return Status(201, services.plan_delivery_record(actor=actor, plan=plan, provider=provider, **data))


@router.get("/careplans/{plan_id}/deliveries", response=list[DeliveryOut], summary="交付の一覧")
def list_deliveries(request: HttpRequest, plan_id: int) -> Any:
    actor = _actor(request)
    plan = _plan(actor, plan_id)
    client_viewed(actor=actor, client=plan.client)
    return list(plan.deliveries.all())


@router.post("/careplans/{plan_id}/activate", response=PlanOut, summary="サービス開始（実施中へ）")
def activate_plan(request: HttpRequest, plan_id: int, payload: ActivateIn) -> Any:
    actor = _actor(request)
    return services.careplan_activate(actor=actor, plan=_plan(actor, plan_id), **payload.dict())


@router.post("/careplans/{plan_id}/revise", response={201: PlanOut}, summary="変更: 新しい版を作成")
def revise_plan(request: HttpRequest, plan_id: int, payload: ReviseIn) -> Status[Any]:
    actor = _actor(request)
    return Status(201, services.careplan_revise(actor=actor, plan=_plan(actor, plan_id), **payload.dict()))


@router.get("/careplans/{plan_id}/pdf", summary="計画書（第1〜3表）PDF", response={200: None})
def plan_set_pdf(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = _actor(request)
    plan = access_office_record(actor, selectors.plans_for_pdf(), plan_id, "care.view")
    client_viewed(actor=actor, client=plan.client)
    response = HttpResponse(pdf.plan_pdf(plan), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="careplan-{plan.client_id}-v{plan.version}.pdf"'
    return response
