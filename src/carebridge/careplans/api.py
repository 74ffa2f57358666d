"""API of care plans (versions), meetings, consent and delivery, and the plan set PDF."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, cast

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema, Status
from pydantic import Strict

from carebridge.clients.access import access_care_client
from carebridge.clients.services import client_viewed
from carebridge.core.access import actor_of, is_row_id, office_id_of
from carebridge.core.inputs import input_from
from carebridge.core.models import User
from carebridge.core.schemas import Date, Flag, Id, InputSchema, PatchSchema, Time, fits
from carebridge.directory.models import Provider
from carebridge.documents.http import PDF_ANSWER, pdf_response

from . import messages, pdf, selectors, services
from .access import (
    access_conference,
    access_goal,
    access_inquiry,
    access_need,
    access_plan,
    access_plan_for_pdf,
    access_row,
)
from .inputs import (
    AttendeeInput,
    ConferenceInput,
    GoalInput,
    InquiryInput,
    PlanConsentInput,
    PlanInput,
    ServiceInput,
    WeeklyEntryInput,
)
from .models import (
    CareConference,
    CarePlan,
    ConferenceAttendee,
    ConferenceInquiry,
    Goal,
    Need,
    PlanConsent,
    PlanDelivery,
    PlannedService,
    WeeklyScheduleEntry,
)

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
    made_on: dt.date
    plan_origin: str
    intentions: str
    board_opinion: str
    policy: str
    living_support_reason: str
    daily_activities: str
    non_weekly_services: str
    certification_id: int | None
    assessment_id: int | None
    updated_at: dt.datetime


class PlanIn(InputSchema):
    drafted_on: Annotated[Date, fits(CarePlan, "drafted_on")]
    made_on: Annotated[Date, fits(CarePlan, "made_on")] | None = None
    reason: Annotated[str, fits(CarePlan, "reason")] = "new"
    plan_origin: Annotated[str, fits(CarePlan, "plan_origin")] = "initial"
    intentions: Annotated[str, fits(CarePlan, "intentions")] = ""
    board_opinion: Annotated[str, fits(CarePlan, "board_opinion")] = ""
    policy: Annotated[str, fits(CarePlan, "policy")] = ""
    living_support_reason: Annotated[str, fits(CarePlan, "living_support_reason")] = ""
    living_support_note: Annotated[str, fits(CarePlan, "living_support_note")] = ""
    daily_activities: Annotated[str, fits(CarePlan, "daily_activities")] = ""
    non_weekly_services: Annotated[str, fits(CarePlan, "non_weekly_services")] = ""


class PlanPatch(PatchSchema):
    drafted_on: Annotated[Date, fits(CarePlan, "drafted_on")] | None = None
    made_on: Annotated[Date, fits(CarePlan, "made_on")] | None = None
    reason: Annotated[str, fits(CarePlan, "reason")] | None = None
    plan_origin: Annotated[str, fits(CarePlan, "plan_origin")] | None = None
    intentions: Annotated[str, fits(CarePlan, "intentions")] | None = None
    board_opinion: Annotated[str, fits(CarePlan, "board_opinion")] | None = None
    policy: Annotated[str, fits(CarePlan, "policy")] | None = None
    living_support_reason: Annotated[str, fits(CarePlan, "living_support_reason")] | None = None
    living_support_note: Annotated[str, fits(CarePlan, "living_support_note")] | None = None
    daily_activities: Annotated[str, fits(CarePlan, "daily_activities")] | None = None
    non_weekly_services: Annotated[str, fits(CarePlan, "non_weekly_services")] | None = None


class NeedIn(InputSchema):
    text: Annotated[str, fits(Need, "text")]


class GoalIn(InputSchema):
    term: Annotated[str, fits(Goal, "term")]
    text: Annotated[str, fits(Goal, "text")]
    period_start: Annotated[Date, fits(Goal, "period_start")]
    period_end: Annotated[Date, fits(Goal, "period_end")]
    parent_id: Id | None = None


class ServiceIn(InputSchema):
    content: Annotated[str, fits(PlannedService, "content")]
    service_kind: Annotated[str, fits(PlannedService, "service_kind")]
    frequency: Annotated[str, fits(PlannedService, "frequency")]
    period_start: Annotated[Date, fits(PlannedService, "period_start")]
    period_end: Annotated[Date, fits(PlannedService, "period_end")]
    insured: Flag = True
    provider_id: Id | None = None
    provider_name: Annotated[str, fits(PlannedService, "provider_name")] = ""
    service_type_code: Annotated[str, fits(PlannedService, "service_type_code")] = ""
    short_stay_days: Annotated[int, Strict(), fits(PlannedService, "short_stay_days")] = 0


class AttendeeIn(InputSchema):
    kind: Annotated[str, fits(ConferenceAttendee, "kind")]
    name: Annotated[str, fits(ConferenceAttendee, "name")] = ""
    affiliation: Annotated[str, fits(ConferenceAttendee, "affiliation")] = ""
    relation: Annotated[str, fits(ConferenceAttendee, "relation")] = ""
    attended: Flag = True
    absence_reason: Annotated[str, fits(ConferenceAttendee, "absence_reason")] = ""


class InquiryIn(InputSchema):
    recipient: Annotated[str, fits(ConferenceInquiry, "recipient")]
    sent_on: Annotated[Date, fits(ConferenceInquiry, "sent_on")]
    question: Annotated[str, fits(ConferenceInquiry, "question")]
    answer: Annotated[str, fits(ConferenceInquiry, "answer")] = ""
    answered_on: Annotated[Date, fits(ConferenceInquiry, "answered_on")] | None = None


class ConferenceIn(InputSchema):
    held_on: Annotated[Date, fits(CareConference, "held_on")]
    place: Annotated[str, fits(CareConference, "place")]
    items_discussed: Annotated[str, fits(CareConference, "items_discussed")]
    discussion: Annotated[str, fits(CareConference, "discussion")]
    conclusion: Annotated[str, fits(CareConference, "conclusion")]
    count: Annotated[int, Strict(), fits(CareConference, "count")] = 1
    remaining_issues: Annotated[str, fits(CareConference, "remaining_issues")] = ""
    next_date: Annotated[str, fits(CareConference, "next_date")] = ""
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


class ConsentIn(InputSchema):
    consented_on: Annotated[Date, fits(PlanConsent, "consented_on")]
    signer_name: Annotated[str, fits(PlanConsent, "signer_name")]
    signer_relation: Annotated[str, fits(PlanConsent, "signer_relation")] = "本人"
    method: Annotated[str, fits(PlanConsent, "method")] = "signature"
    warnings_confirmed: Flag = Field(
        False,
        description="確認事項（GET /careplans/{plan_id}/consent/warnings）があるまま同意を記録するときに true。"
        "確認事項があって false なら 422（code consent_warnings_unconfirmed）。",
    )
    override_reason: Annotated[str, fits(PlanConsent, "override_reason")] = Field(
        "",
        description="確認事項があるまま同意を記録する理由（確認事項があるとき必須、空なら 422、"
        "code consent_override_reason_required）。",
    )


class ConsentOut(Schema):
    id: int
    plan_id: int
    consented_on: dt.date
    signer_name: str
    signer_relation: str
    method: str
    acknowledged_warnings: list[str] = Field(description="同意のときに承知した確認事項")
    override_reason: str


class ConsentWarningsOut(Schema):
    warnings: list[str] = Field(description="同意の前に確認する事項（認定期間外の目標、援助内容のない短期目標）")


class NeedPatch(InputSchema):
    text: Annotated[str, fits(Need, "text")]


class GoalPatch(InputSchema):
    text: Annotated[str, fits(Goal, "text")] | None = None
    period_start: Annotated[Date, fits(Goal, "period_start")] | None = None
    period_end: Annotated[Date, fits(Goal, "period_end")] | None = None


class ServicePatch(InputSchema):
    content: Annotated[str, fits(PlannedService, "content")] | None = None
    service_kind: Annotated[str, fits(PlannedService, "service_kind")] | None = None
    frequency: Annotated[str, fits(PlannedService, "frequency")] | None = None
    period_start: Annotated[Date, fits(PlannedService, "period_start")] | None = None
    period_end: Annotated[Date, fits(PlannedService, "period_end")] | None = None
    insured: Flag | None = None
    provider_id: Id | None = None
    provider_name: Annotated[str, fits(PlannedService, "provider_name")] | None = None
    service_type_code: Annotated[str, fits(PlannedService, "service_type_code")] | None = None
    short_stay_days: Annotated[int, Strict(), fits(PlannedService, "short_stay_days")] | None = None


class MoveIn(InputSchema):
    direction: Literal["up", "down"] = Field(description="up: 一つ上へ、down: 一つ下へ（同じ階層の中で）")


class InquiryAnswerIn(InputSchema):
    answer: Annotated[str, fits(ConferenceInquiry, "answer")]
    answered_on: Annotated[Date, fits(ConferenceInquiry, "answered_on")]


class InquiryOut(Schema):
    id: int
    conference_id: int
    recipient: str
    sent_on: dt.date
    question: str
    answer: str
    answered_on: dt.date | None


class DeliveryIn(InputSchema):
    delivered_on: Annotated[Date, fits(PlanDelivery, "delivered_on")]
    method: Annotated[str, fits(PlanDelivery, "method")] = "hand"
    provider_id: Id | None = None


class DeliveryOut(Schema):
    id: int
    plan_id: int
    provider_id: int | None
    delivered_on: dt.date
    method: str


class ActivateIn(InputSchema):
    service_start_on: Annotated[Date, fits(CarePlan, "service_start_on")]


class ReviseIn(InputSchema):
    drafted_on: Annotated[Date, fits(CarePlan, "drafted_on")]
    reason: Annotated[str, fits(CarePlan, "reason")] = "change"


def _provider(actor: User, provider_id: int | None) -> Provider | None:
    """A provider of the actor's directory picked by id (else a field error on `provider`)."""
    if provider_id is None:
        return None
    provider = (
        Provider.objects.filter(pk=provider_id, office_id=office_id_of(actor)).first()
        if is_row_id(provider_id)
        else None
    )
    if provider is None:
        raise ValidationError({"provider": messages.PROVIDER_OTHER_OFFICE})
    return provider


@router.get("/clients/{client_id}/careplans", response=list[PlanSummary], summary="居宅サービス計画の版（新しい順）")
def list_plans(request: HttpRequest, client_id: int) -> Any:
    actor = actor_of(request)
    client = access_care_client(actor, client_id)
    client_viewed(actor=actor, client=client)
    return list(selectors.plan_list(client=client))


@router.post("/clients/{client_id}/careplans", response={201: PlanOut}, summary="計画の原案を作成")
def create_plan(request: HttpRequest, client_id: int, payload: PlanIn) -> Status[Any]:
    actor = actor_of(request)
    client = access_care_client(actor, client_id)
    data = input_from(PlanInput, payload.dict())
    return Status(201, services.careplan_create(actor=actor, client=client, data=data))


@router.get("/careplans/{plan_id}", response=PlanOut, summary="計画の取得")
def get_plan(request: HttpRequest, plan_id: int) -> Any:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id)
    client_viewed(actor=actor, client=plan.client)
    return plan


@router.patch("/careplans/{plan_id}", response=PlanOut, summary="計画の更新（原案のみ。同意済みは422）")
def update_plan(request: HttpRequest, plan_id: int, payload: PlanPatch) -> Any:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id)
    values = payload.dict(exclude_unset=True)
    expected = values.pop("updated_at", None)
    data = input_from(PlanInput, values, base=plan)
    return services.careplan_update(actor=actor, plan=plan, data=data, expected_updated_at=expected)


@router.get("/careplans/{plan_id}/needs", response=list[NeedOut], summary="第2表のニーズ")
def list_needs(request: HttpRequest, plan_id: int) -> Any:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id)
    client_viewed(actor=actor, client=plan.client)
    return list(plan.needs.all())


@router.post("/careplans/{plan_id}/needs", response={201: NeedOut}, summary="ニーズの追加")
def create_need(request: HttpRequest, plan_id: int, payload: NeedIn) -> Status[Any]:
    actor = actor_of(request)
    return Status(201, services.need_add(actor=actor, plan=access_plan(actor, plan_id), text=payload.text))


@router.post("/careplans/{plan_id}/needs/{need_id}/goals", response={201: GoalOut}, summary="目標の追加")
def create_goal(request: HttpRequest, plan_id: int, need_id: int, payload: GoalIn) -> Status[Any]:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id)
    need = access_need(actor, need_id, plan=plan)
    parent: Goal | None = None
    if payload.parent_id is not None:
        parent = access_goal(actor, payload.parent_id, plan=plan)
    goal = services.goal_add(
        actor=actor,
        need=need,
        parent=parent,
        term=payload.term,
        text=payload.text,
        period_start=payload.period_start,
        period_end=payload.period_end,
    )
    return Status(201, goal)


@router.post("/careplans/{plan_id}/goals/{goal_id}/services", response={201: ServiceOut}, summary="援助内容の追加")
def create_service(request: HttpRequest, plan_id: int, goal_id: int, payload: ServiceIn) -> Status[Any]:
    actor = actor_of(request)
    goal = access_goal(actor, goal_id, plan=access_plan(actor, plan_id))
    values = payload.dict()
    values["provider"] = _provider(actor, values.pop("provider_id"))
    return Status(201, services.service_add(actor=actor, goal=goal, data=input_from(ServiceInput, values)))


@router.patch("/careplans/{plan_id}/needs/{need_id}", response=NeedOut, summary="ニーズの編集（原案のみ）")
def update_need(request: HttpRequest, plan_id: int, need_id: int, payload: NeedPatch) -> Any:
    actor = actor_of(request)
    need = access_need(actor, need_id, plan=access_plan(actor, plan_id))
    return services.need_update(actor=actor, need=need, text=payload.text)


@router.delete("/careplans/{plan_id}/needs/{need_id}", response={204: None}, summary="ニーズの削除（原案のみ）")
def delete_need(request: HttpRequest, plan_id: int, need_id: int) -> Status[None]:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id)
    services.plan_row_delete(actor=actor, plan=plan, row=access_need(actor, need_id, plan=plan))
    return Status(204, None)


@router.patch("/careplans/{plan_id}/goals/{goal_id}", response=GoalOut, summary="目標の編集（原案のみ）")
def update_goal(request: HttpRequest, plan_id: int, goal_id: int, payload: GoalPatch) -> Any:
    actor = actor_of(request)
    goal = access_goal(actor, goal_id, plan=access_plan(actor, plan_id))
    data = input_from(GoalInput, payload.dict(exclude_unset=True), base=goal)
    return services.goal_update(actor=actor, goal=goal, data=data)


@router.delete(
    "/careplans/{plan_id}/goals/{goal_id}",
    response={204: None},
    summary="目標の削除（原案のみ。長期目標はその短期目標・援助内容ごと）",
)
def delete_goal(request: HttpRequest, plan_id: int, goal_id: int) -> Status[None]:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id)
    services.plan_row_delete(actor=actor, plan=plan, row=access_goal(actor, goal_id, plan=plan))
    return Status(204, None)


def _service_row(actor: User, plan_id: int, service_id: int) -> tuple[CarePlan, PlannedService]:
    plan = access_plan(actor, plan_id)
    row = access_row(actor, PlannedService, service_id, plan=plan)
    return plan, cast(PlannedService, row)


@router.patch("/careplans/{plan_id}/services/{service_id}", response=ServiceOut, summary="援助内容の編集（原案のみ）")
def update_service(request: HttpRequest, plan_id: int, service_id: int, payload: ServicePatch) -> Any:
    actor = actor_of(request)
    _plan, service = _service_row(actor, plan_id, service_id)
    values = payload.dict(exclude_unset=True)
    if "provider_id" in values:
        values["provider"] = _provider(actor, values.pop("provider_id"))
    data = input_from(ServiceInput, values, base=service)
    return services.service_update(actor=actor, service=service, data=data)


@router.delete("/careplans/{plan_id}/services/{service_id}", response={204: None}, summary="援助内容の削除（原案のみ）")
def delete_service(request: HttpRequest, plan_id: int, service_id: int) -> Status[None]:
    actor = actor_of(request)
    plan, service = _service_row(actor, plan_id, service_id)
    services.plan_row_delete(actor=actor, plan=plan, row=service)
    return Status(204, None)


MOVABLE: dict[str, type[Need] | type[Goal] | type[PlannedService]] = {
    "needs": Need,
    "goals": Goal,
    "services": PlannedService,
}


@router.post(
    "/careplans/{plan_id}/{kind}/{row_id}/move",
    response=list[int],
    summary="ニーズ・目標・援助内容の並べ替え（原案のみ）",
    description="kind は needs・goals・services。同じ階層（計画のニーズ、ニーズの長期目標、長期目標の短期目標、"
    "短期目標の援助内容）の中で一つ上または下へ移す。答えは移動後のその階層の id（上から順）。",
)
def move_row(
    request: HttpRequest, plan_id: int, kind: Literal["needs", "goals", "services"], row_id: int, payload: MoveIn
) -> Any:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id)
    row = cast(Need | Goal | PlannedService, access_row(actor, MOVABLE[kind], row_id, plan=plan))
    services.plan_row_move(actor=actor, plan=plan, row=row, direction=payload.direction)
    return selectors.sibling_ids(row)


@router.get(
    "/careplans/{plan_id}/consent/warnings",
    response=ConsentWarningsOut,
    summary="同意の前の確認事項",
    description="空でなければ、同意の記録（POST /careplans/{plan_id}/consent）には warnings_confirmed: true と"
    " override_reason が要る。",
)
def consent_warning_list(request: HttpRequest, plan_id: int) -> Any:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id)
    client_viewed(actor=actor, client=plan.client)
    return {"warnings": selectors.consent_warnings(plan)}


@router.post(
    "/careplans/inquiries/{inquiry_id}/answer",
    response=InquiryOut,
    summary="照会への回答の記録（支援経過にも記録）",
)
def answer_inquiry(request: HttpRequest, inquiry_id: int, payload: InquiryAnswerIn) -> Any:
    actor = actor_of(request)
    inquiry = access_inquiry(actor, inquiry_id)
    return services.inquiry_answer(actor=actor, inquiry=inquiry, answer=payload.answer, answered_on=payload.answered_on)


@router.post("/careplans/{plan_id}/conferences", response={201: ConferenceOut}, summary="サービス担当者会議（第4表）")
def create_conference(request: HttpRequest, plan_id: int, payload: ConferenceIn) -> Status[Any]:
    actor = actor_of(request)
    values = payload.dict()
    values["attendees"] = tuple(input_from(AttendeeInput, row) for row in values["attendees"])
    values["inquiries"] = tuple(input_from(InquiryInput, row) for row in values["inquiries"])
    data = input_from(ConferenceInput, values)
    return Status(201, services.conference_create(actor=actor, plan=access_plan(actor, plan_id), data=data))


@router.get("/careplans/{plan_id}/conferences", response=list[ConferenceOut], summary="会議の一覧")
def list_conferences(request: HttpRequest, plan_id: int) -> Any:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id)
    client_viewed(actor=actor, client=plan.client)
    return list(plan.conferences.all())


@router.post("/careplans/{plan_id}/consent", response={201: ConsentOut}, summary="説明・同意の記録")
def create_consent(request: HttpRequest, plan_id: int, payload: ConsentIn) -> Status[Any]:
    actor = actor_of(request)
    data = input_from(PlanConsentInput, payload.dict())
    return Status(201, services.plan_consent_record(actor=actor, plan=access_plan(actor, plan_id), data=data))


@router.post("/careplans/{plan_id}/deliveries", response={201: DeliveryOut}, summary="交付の記録")
def create_delivery(request: HttpRequest, plan_id: int, payload: DeliveryIn) -> Status[Any]:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id)
    delivery = services.plan_delivery_record(
        actor=actor,
        plan=plan,
        provider=_provider(actor, payload.provider_id),
        delivered_on=payload.delivered_on,
        method=payload.method,
    )
    return Status(201, delivery)


@router.get("/careplans/{plan_id}/deliveries", response=list[DeliveryOut], summary="交付の一覧")
def list_deliveries(request: HttpRequest, plan_id: int) -> Any:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id)
    client_viewed(actor=actor, client=plan.client)
    return list(plan.deliveries.all())


@router.post("/careplans/{plan_id}/activate", response=PlanOut, summary="サービス開始（実施中へ）")
def activate_plan(request: HttpRequest, plan_id: int, payload: ActivateIn) -> Any:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id)
    return services.careplan_activate(actor=actor, plan=plan, service_start_on=payload.service_start_on)


@router.post("/careplans/{plan_id}/revise", response={201: PlanOut}, summary="変更: 新しい版を作成")
def revise_plan(request: HttpRequest, plan_id: int, payload: ReviseIn) -> Status[Any]:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id)
    return Status(
        201, services.careplan_revise(actor=actor, plan=plan, drafted_on=payload.drafted_on, reason=payload.reason)
    )


@router.get(
    "/careplans/{plan_id}/pdf",
    summary="計画書（第1〜3表）PDF",
    description="文字がどの埋め込みフォントにもなく「〓」で印字されたときは、その符号位置を"
    " X-CareBridge-Missing-Glyphs ヘッダーで返す（例: U+1F600, U+2764 U+FE0F）。",
    response={200: None},
    openapi_extra=PDF_ANSWER,
)
def plan_set_pdf(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = access_plan_for_pdf(actor, plan_id)
    client_viewed(actor=actor, client=plan.client)
    return pdf_response(
        pdf.plan_pdf(plan), f"careplan-{plan.client_id}-v{plan.version}.pdf", document="居宅サービス計画書"
    )


class WeeklyOut(Schema):
    id: int
    plan_id: int
    weekday: int = Field(description="0=月 … 6=日")
    start_time: dt.time
    end_time: dt.time
    label: str


class WeeklyIn(InputSchema):
    weekday: Annotated[int, Strict(), Field(ge=0, le=6, description="0=月 … 6=日")]
    start_time: Annotated[Time, fits(WeeklyScheduleEntry, "start_time")]
    end_time: Annotated[Time, fits(WeeklyScheduleEntry, "end_time")]
    label: Annotated[str, fits(WeeklyScheduleEntry, "label")]


@router.get("/careplans/{plan_id}/weekly", response=list[WeeklyOut], summary="週間サービス計画表（第3表）")
def list_weekly(request: HttpRequest, plan_id: int) -> Any:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id)
    client_viewed(actor=actor, client=plan.client)
    return list(plan.weekly_entries.all())


@router.post(
    "/careplans/{plan_id}/weekly",
    response={201: WeeklyOut},
    summary="週間サービス計画の追加（第3表、原案のみ）",
    description="終了が開始より前なら 422（end_time）。同意済みの計画は 422（code plan_locked）。",
)
def create_weekly(request: HttpRequest, plan_id: int, payload: WeeklyIn) -> Status[Any]:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id)
    data = input_from(WeeklyEntryInput, payload.dict())
    return Status(201, services.weekly_entry_add(actor=actor, plan=plan, data=data))


@router.delete(
    "/careplans/{plan_id}/weekly/{entry_id}", response={204: None}, summary="週間サービス計画の削除（原案のみ）"
)
def delete_weekly(request: HttpRequest, plan_id: int, entry_id: int) -> Status[None]:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id)
    services.plan_row_delete(actor=actor, plan=plan, row=access_row(actor, WeeklyScheduleEntry, entry_id, plan=plan))
    return Status(204, None)


class DiffLine(Schema):
    mark: str = Field(description="「 」両方にある・「-」前の版だけ・「+」この版だけ")
    line: str


@router.get(
    "/careplans/{plan_id}/diff",
    response=list[DiffLine],
    summary="前の版（replaces）との比較",
    description="前の版がない（初版）ときは空の一覧。",
)
def plan_diff(request: HttpRequest, plan_id: int) -> Any:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id)
    client_viewed(actor=actor, client=plan.client)
    if plan.replaces_id is None:
        return []
    old = access_plan(actor, plan.replaces_id)
    return [{"mark": mark, "line": line} for mark, line in selectors.plan_diff(old, plan)]


@router.get(
    "/careplans/conferences/{conference_id}/pdf",
    summary="サービス担当者会議の要点（第4表）PDF",
    response={200: None},
    openapi_extra=PDF_ANSWER,
)
def conference_pdf(request: HttpRequest, conference_id: int) -> HttpResponse:
    actor = actor_of(request)
    conference = access_conference(actor, conference_id)
    client_viewed(actor=actor, client=conference.plan.client)
    drawn = pdf.conference_pdf(conference)
    return pdf_response(drawn, f"conference-{conference.pk}.pdf", document="サービス担当者会議の要点")
