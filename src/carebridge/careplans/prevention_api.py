"""API of 介護予防サービス・支援計画書 (要支援1・2, 事業対象者): versions, 支援計画 rows, consent,
delivery with the service start, 変更 and the PDF. A 要介護 client is refused with 422."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema, Status

from carebridge.clients.access import access_care_client
from carebridge.clients.services import client_viewed
from carebridge.core.access import actor_of, is_row_id, office_id_of
from carebridge.core.inputs import input_from
from carebridge.core.models import User
from carebridge.core.schemas import Date, Id, InputSchema, PatchSchema, fits
from carebridge.directory.models import Provider
from carebridge.documents.http import PDF_ANSWER, pdf_response

from . import prevention_messages as messages
from . import prevention_selectors as selectors
from . import prevention_services as services
from .prevention_access import access_prevention_plan, access_prevention_row
from .prevention_inputs import PreventionPlanInput, SupportRowInput
from .prevention_models import PreventionPlan as P
from .prevention_models import PreventionSupportRow as R
from .prevention_pdf import prevention_pdf

router = Router(tags=["prevention-plans"])


class PreventionSummary(Schema):
    id: int
    version: int
    status: str
    drafted_on: dt.date
    replaces_id: int | None
    consented_on: dt.date | None
    delivered_on: dt.date | None
    service_start_on: dt.date | None


class SupportRowOut(Schema):
    id: int
    goal: str
    support_point: str
    self_care: str
    insured_service: str
    service_kind: str
    provider_id: int | None
    provider_name: str
    period_start: dt.date
    period_end: dt.date


class PreventionOut(PreventionSummary):
    client_id: int
    certification_id: int | None
    first_created_on: dt.date | None
    plan_origin: str
    commissioning_center: str
    mobility_status: str
    mobility_intention: str
    mobility_issue: str
    daily_life_status: str
    daily_life_intention: str
    daily_life_issue: str
    social_status: str
    social_intention: str
    social_issue: str
    health_status: str
    health_intention: str
    health_issue: str
    overall_issues: str
    proposal: str
    proposal_intention: str
    goal_day: str
    goal_year: str
    policy: str
    consent_signer: str
    updated_at: dt.datetime


class PreventionIn(InputSchema):
    drafted_on: Annotated[Date, fits(P, "drafted_on")]
    plan_origin: Annotated[str, fits(P, "plan_origin")] = "initial"
    commissioning_center: Annotated[str, fits(P, "commissioning_center")] = ""
    mobility_status: Annotated[str, fits(P, "mobility_status")] = ""
    mobility_intention: Annotated[str, fits(P, "mobility_intention")] = ""
    mobility_issue: Annotated[str, fits(P, "mobility_issue")] = ""
    daily_life_status: Annotated[str, fits(P, "daily_life_status")] = ""
    daily_life_intention: Annotated[str, fits(P, "daily_life_intention")] = ""
    daily_life_issue: Annotated[str, fits(P, "daily_life_issue")] = ""
    social_status: Annotated[str, fits(P, "social_status")] = ""
    social_intention: Annotated[str, fits(P, "social_intention")] = ""
    social_issue: Annotated[str, fits(P, "social_issue")] = ""
    health_status: Annotated[str, fits(P, "health_status")] = ""
    health_intention: Annotated[str, fits(P, "health_intention")] = ""
    health_issue: Annotated[str, fits(P, "health_issue")] = ""
    overall_issues: Annotated[str, fits(P, "overall_issues")] = ""
    proposal: Annotated[str, fits(P, "proposal")] = ""
    proposal_intention: Annotated[str, fits(P, "proposal_intention")] = ""
    goal_day: Annotated[str, fits(P, "goal_day")] = ""
    goal_year: Annotated[str, fits(P, "goal_year")] = ""
    policy: Annotated[str, fits(P, "policy")] = ""


class PreventionPatch(PatchSchema):
    drafted_on: Annotated[Date, fits(P, "drafted_on")] | None = None
    plan_origin: Annotated[str, fits(P, "plan_origin")] | None = None
    commissioning_center: Annotated[str, fits(P, "commissioning_center")] | None = None
    mobility_status: Annotated[str, fits(P, "mobility_status")] | None = None
    mobility_intention: Annotated[str, fits(P, "mobility_intention")] | None = None
    mobility_issue: Annotated[str, fits(P, "mobility_issue")] | None = None
    daily_life_status: Annotated[str, fits(P, "daily_life_status")] | None = None
    daily_life_intention: Annotated[str, fits(P, "daily_life_intention")] | None = None
    daily_life_issue: Annotated[str, fits(P, "daily_life_issue")] | None = None
    social_status: Annotated[str, fits(P, "social_status")] | None = None
    social_intention: Annotated[str, fits(P, "social_intention")] | None = None
    social_issue: Annotated[str, fits(P, "social_issue")] | None = None
    health_status: Annotated[str, fits(P, "health_status")] | None = None
    health_intention: Annotated[str, fits(P, "health_intention")] | None = None
    health_issue: Annotated[str, fits(P, "health_issue")] | None = None
    overall_issues: Annotated[str, fits(P, "overall_issues")] | None = None
    proposal: Annotated[str, fits(P, "proposal")] | None = None
    proposal_intention: Annotated[str, fits(P, "proposal_intention")] | None = None
    goal_day: Annotated[str, fits(P, "goal_day")] | None = None
    goal_year: Annotated[str, fits(P, "goal_year")] | None = None
    policy: Annotated[str, fits(P, "policy")] | None = None


class SupportRowIn(InputSchema):
    goal: Annotated[str, fits(R, "goal")]
    period_start: Annotated[Date, fits(R, "period_start")]
    period_end: Annotated[Date, fits(R, "period_end")]
    support_point: Annotated[str, fits(R, "support_point")] = ""
    self_care: Annotated[str, fits(R, "self_care")] = ""
    insured_service: Annotated[str, fits(R, "insured_service")] = ""
    service_kind: Annotated[str, fits(R, "service_kind")] = ""
    provider_id: Id | None = None
    provider_name: Annotated[str, fits(R, "provider_name")] = ""


class ConsentIn(InputSchema):
    consented_on: Annotated[Date, fits(P, "consented_on")]
    signer_name: Annotated[str, fits(P, "consent_signer")]


class DeliverIn(InputSchema):
    delivered_on: Annotated[Date, fits(P, "delivered_on")]
    service_start_on: Annotated[Date, fits(P, "service_start_on")]


class ReviseIn(InputSchema):
    drafted_on: Annotated[Date, fits(P, "drafted_on")]


def _provider(actor: User, provider_id: int | None) -> Provider | None:
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


@router.get(
    "/clients/{client_id}/prevention-plans",
    response=list[PreventionSummary],
    summary="介護予防サービス・支援計画書の版（新しい順）",
)
def list_prevention_plans(request: HttpRequest, client_id: int) -> Any:
    actor = actor_of(request)
    client = access_care_client(actor, client_id)
    client_viewed(actor=actor, client=client)
    return list(selectors.prevention_plan_list(client=client))


@router.post(
    "/clients/{client_id}/prevention-plans",
    response={201: PreventionOut},
    summary="介護予防サービス・支援計画書の原案を作成（要介護の利用者は422）",
)
def create_prevention_plan(request: HttpRequest, client_id: int, payload: PreventionIn) -> Status[Any]:
    actor = actor_of(request)
    client = access_care_client(actor, client_id)
    data = input_from(PreventionPlanInput, payload.dict())
    return Status(201, services.preventionplan_create(actor=actor, client=client, data=data))


@router.get("/prevention-plans/{plan_id}", response=PreventionOut, summary="介護予防の計画の取得")
def get_prevention_plan(request: HttpRequest, plan_id: int) -> Any:
    actor = actor_of(request)
    plan = access_prevention_plan(actor, plan_id)
    client_viewed(actor=actor, client=plan.client)
    return plan


@router.patch(
    "/prevention-plans/{plan_id}", response=PreventionOut, summary="介護予防の計画の更新（原案のみ。同意済みは422）"
)
def update_prevention_plan(request: HttpRequest, plan_id: int, payload: PreventionPatch) -> Any:
    actor = actor_of(request)
    plan = access_prevention_plan(actor, plan_id)
    values = payload.dict(exclude_unset=True)
    expected = values.pop("updated_at", None)
    data = input_from(PreventionPlanInput, values, base=plan)
    return services.preventionplan_update(actor=actor, plan=plan, data=data, expected_updated_at=expected)


@router.get("/prevention-plans/{plan_id}/rows", response=list[SupportRowOut], summary="支援計画の一覧")
def list_support_rows(request: HttpRequest, plan_id: int) -> Any:
    actor = actor_of(request)
    plan = access_prevention_plan(actor, plan_id)
    client_viewed(actor=actor, client=plan.client)
    return list(plan.support_rows.all())


@router.post("/prevention-plans/{plan_id}/rows", response={201: SupportRowOut}, summary="支援計画の追加")
def create_support_row(request: HttpRequest, plan_id: int, payload: SupportRowIn) -> Status[Any]:
    actor = actor_of(request)
    plan = access_prevention_plan(actor, plan_id)
    values = payload.dict()
    values["provider"] = _provider(actor, values.pop("provider_id"))
    row = services.prevention_row_add(actor=actor, plan=plan, data=input_from(SupportRowInput, values))
    return Status(201, row)


@router.delete(
    "/prevention-plans/{plan_id}/rows/{row_id}", response={204: None}, summary="支援計画の削除（作成中の計画のみ）"
)
def delete_support_row(request: HttpRequest, plan_id: int, row_id: int) -> Status[None]:
    actor = actor_of(request)
    plan = access_prevention_plan(actor, plan_id, for_edit=True)
    row = access_prevention_row(actor, row_id, plan=plan)
    services.prevention_row_delete(actor=actor, plan=plan, row=row)
    return Status(204, None)


@router.post("/prevention-plans/{plan_id}/consent", response=PreventionOut, summary="説明・同意の記録")
def consent_prevention_plan(request: HttpRequest, plan_id: int, payload: ConsentIn) -> Any:
    actor = actor_of(request)
    plan = access_prevention_plan(actor, plan_id)
    return services.preventionplan_consent(
        actor=actor, plan=plan, consented_on=payload.consented_on, signer_name=payload.signer_name
    )


@router.post("/prevention-plans/{plan_id}/deliver", response=PreventionOut, summary="交付とサービス開始の記録")
def deliver_prevention_plan(request: HttpRequest, plan_id: int, payload: DeliverIn) -> Any:
    actor = actor_of(request)
    plan = access_prevention_plan(actor, plan_id)
    return services.preventionplan_deliver(
        actor=actor, plan=plan, delivered_on=payload.delivered_on, service_start_on=payload.service_start_on
    )


@router.post("/prevention-plans/{plan_id}/revise", response={201: PreventionOut}, summary="変更: 新しい版を作成")
def revise_prevention_plan(request: HttpRequest, plan_id: int, payload: ReviseIn) -> Status[Any]:
    actor = actor_of(request)
    plan = access_prevention_plan(actor, plan_id)
    return Status(201, services.preventionplan_revise(actor=actor, plan=plan, drafted_on=payload.drafted_on))


@router.get(
    "/prevention-plans/{plan_id}/pdf",
    summary="介護予防サービス・支援計画書 PDF",
    description="文字がどの埋め込みフォントにもなく「〓」で印字されたときは、その符号位置を"
    " X-CareBridge-Missing-Glyphs ヘッダーで返す。",
    response={200: None},
    openapi_extra=PDF_ANSWER,
)
def prevention_plan_pdf(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = access_prevention_plan(actor, plan_id)
    client_viewed(actor=actor, client=plan.client)
    return pdf_response(
        prevention_pdf(plan),
        f"prevention-plan-{plan.client_id}-v{plan.version}.pdf",
        document="介護予防サービス・支援計画書",
    )
