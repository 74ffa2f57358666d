"""API of consultations: list and record by employee, read one, screening, the support map,
referrals, and the bridge to care management (create, withdraw). The workplace care manager of
the office uses all of it; an employee reads their own consultations and answers the screening;
HR and managers reach none of it (404)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from carebridge.casework.models import Intake
from carebridge.core.access import actor_of
from carebridge.core.audit import audit_view
from carebridge.core.schemas import Date, Id, InputSchema, fits
from carebridge.core.services import records_listed
from carebridge.documents.http import PDF_ANSWER, pdf_response

from .access import access_care_bridge, access_consultation, access_consultation_employee
from .inputs import CareBridgeInput, ConsultationInput, ReferralInput, ScreeningInput
from .models import CareBridge, Consultation, Referral
from .pdf_map import support_map_pdf
from .selectors import consultations as selectors
from .services import consultations as services

router = Router(tags=["両立支援: 相談"])


class ConsultationOut(Schema):
    id: int
    employee_id: int
    care_recipient_id: int | None
    requested_by_employee: bool
    status: str
    channel: str
    requested_on: dt.date
    held_on: dt.date | None
    closed_on: dt.date | None
    content: str
    worries: str
    urgency: str
    urgency_factors: list[dict[str, Any]]
    family_help: str
    work_constraints: str


class ConsultationIn(InputSchema):
    channel: Annotated[str, fits(Consultation, "channel")]
    content: Annotated[str, fits(Consultation, "content")]
    care_recipient_id: Id | None = None
    worries: Annotated[str, fits(Consultation, "worries")] = ""
    urgency: Annotated[str, fits(Consultation, "urgency")] = ""
    family_help: Annotated[str, fits(Consultation, "family_help")] = ""
    work_constraints: Annotated[str, fits(Consultation, "work_constraints")] = ""
    requested_on: Date | None = None
    held_on: Date | None = None


class ScreeningIn(InputSchema):
    answers: dict[str, str]
    answered_on: Date | None = None


class FactorOut(Schema):
    code: str
    label: str
    points: int


class ScreeningOut(Schema):
    id: int
    consultation_id: int | None
    questions_version: str
    urgency: str
    factors: list[FactorOut]
    answered_on: dt.date


class NamedOut(Schema):
    id: int
    name: str
    phone: str


class ServiceGroupOut(Schema):
    service_type: str
    providers: list[NamedOut]


class ResourceOut(Schema):
    id: int
    name: str
    category: str
    phone: str
    cost_note: str


class SpecialistOut(Schema):
    id: int
    name: str
    profession: str
    organization: str
    phone: str


class SystemOut(Schema):
    code: str
    name: str
    summary: str
    where: str
    effective_from: dt.date


class MapOut(Schema):
    consultation_id: int
    prefecture: str
    municipality: str
    as_of: dt.date
    community_centers: list[NamedOut]
    providers_by_type: list[ServiceGroupOut]
    resources: list[ResourceOut]
    specialists: list[SpecialistOut]
    public_systems: list[SystemOut]
    notes: list[str]


class ReferralIn(InputSchema):
    target: Annotated[str, fits(Referral, "target")]
    reason: Annotated[str, fits(Referral, "reason")]
    specialist_id: Id | None = None
    provider_id: Id | None = None
    care_manager_id: Id | None = None
    referred_on: Date | None = None


class ReferralOut(Schema):
    id: int
    consultation_id: int
    target: str
    specialist_id: int | None
    provider_id: int | None
    care_manager_id: int | None
    status: str
    referred_on: dt.date | None
    outcome: str


class BridgeIn(InputSchema):
    employee_consented_on: Date
    recipient_consent_by: Annotated[str, fits(CareBridge, "recipient_consent_by")]
    recipient_consented_on: Date
    scope: Annotated[str, fits(CareBridge, "scope")]
    subject_name: Annotated[str, fits(Intake, "subject_name")]
    main_complaint: Annotated[str, fits(Intake, "main_complaint")]


class BridgeOut(Schema):
    id: int
    consultation_id: int
    care_recipient_id: int
    employee_consented_on: dt.date
    recipient_consent_by: str
    recipient_consented_on: dt.date
    scope: str
    withdrawn_at: dt.datetime | None
    live: bool
    intake_outcome: str
    client_registered: bool


def _bridge_out(bridge: CareBridge) -> dict[str, Any]:
    status = selectors.bridge_view(bridge)
    return {
        "id": bridge.pk,
        "consultation_id": bridge.consultation_id,
        "care_recipient_id": bridge.care_recipient_id,
        "employee_consented_on": bridge.employee_consented_on,
        "recipient_consent_by": bridge.recipient_consent_by,
        "recipient_consented_on": bridge.recipient_consented_on,
        "scope": bridge.scope,
        "withdrawn_at": bridge.withdrawn_at,
        "live": status.live,
        "intake_outcome": status.intake_outcome,
        "client_registered": status.client_registered,
    }


@router.get("/employees/{employee_id}/consultations", response=list[ConsultationOut], summary="従業員の相談")
def list_consultations(request: HttpRequest, employee_id: int) -> Any:
    actor = actor_of(request)
    employee = access_consultation_employee(actor, employee_id)
    rows = list(selectors.consultation_list(actor, employee=employee)[:500])
    records_listed(actor=actor, subject=Consultation, client_ids=[], record_ids=[c.pk for c in rows])
    return rows


@router.post("/employees/{employee_id}/consultations", response={201: ConsultationOut}, summary="相談の記録")
def create_consultation(request: HttpRequest, employee_id: int, payload: ConsultationIn) -> Status[Any]:
    actor = actor_of(request)
    employee = access_consultation_employee(actor, employee_id, for_edit=True)
    data = ConsultationInput(**payload.dict())
    return Status(201, services.consultation_create(actor=actor, employee=employee, data=data))


@router.get("/consultations/{consultation_id}", response=ConsultationOut, summary="相談")
def get_consultation(request: HttpRequest, consultation_id: int) -> Any:
    actor = actor_of(request)
    consultation = access_consultation(actor, consultation_id)
    audit_view(actor=actor, subject=consultation, client_id=None)
    return consultation


@router.post("/consultations/{consultation_id}/screening", response={201: ScreeningOut}, summary="スクリーニングの回答")
def answer_screening(request: HttpRequest, consultation_id: int, payload: ScreeningIn) -> Status[Any]:
    actor = actor_of(request)
    consultation = access_consultation(actor, consultation_id)  # the employee answers on their own too
    data = ScreeningInput(answers=dict(payload.answers), answered_on=payload.answered_on)
    return Status(201, services.screening_answer(actor=actor, data=data, consultation=consultation))


@router.get("/consultations/{consultation_id}/map", response=MapOut, summary="支援マップ")
def get_map(request: HttpRequest, consultation_id: int) -> Any:
    actor = actor_of(request)
    consultation = access_consultation(actor, consultation_id)
    audit_view(actor=actor, subject=consultation, client_id=None)
    support = selectors.support_map(consultation, as_of=timezone.localdate())
    return {
        "consultation_id": consultation.pk,
        "prefecture": support.prefecture,
        "municipality": support.municipality,
        "as_of": support.as_of,
        "community_centers": support.centers,
        "providers_by_type": [{"service_type": label, "providers": rows} for label, rows in support.providers_by_type],
        "resources": support.resources,
        "specialists": support.specialists,
        "public_systems": support.systems,
        "notes": support.notes,
    }


@router.post("/consultations/{consultation_id}/referrals", response={201: ReferralOut}, summary="紹介の記録")
def create_referral(request: HttpRequest, consultation_id: int, payload: ReferralIn) -> Status[Any]:
    actor = actor_of(request)
    consultation = access_consultation(actor, consultation_id, for_edit=True)
    data = ReferralInput(**payload.dict())
    return Status(201, services.referral_create(actor=actor, consultation=consultation, data=data))


@router.post("/consultations/{consultation_id}/bridge", response={201: BridgeOut}, summary="ケアマネジメントへの引継ぎ")
def create_bridge(request: HttpRequest, consultation_id: int, payload: BridgeIn) -> Status[Any]:
    actor = actor_of(request)
    consultation = access_consultation(actor, consultation_id, for_edit=True)
    data = CareBridgeInput(**payload.dict())
    bridge = services.care_bridge_create(actor=actor, consultation=consultation, data=data)
    return Status(201, _bridge_out(bridge))


@router.post("/bridges/{bridge_id}/withdraw", response=BridgeOut, summary="引継ぎの同意の撤回")
def withdraw_bridge(request: HttpRequest, bridge_id: int) -> Any:
    actor = actor_of(request)
    bridge = access_care_bridge(actor, bridge_id, for_edit=True)
    return _bridge_out(services.care_bridge_withdraw(actor=actor, bridge=bridge))


class StartIn(InputSchema):
    held_on: Annotated[Date, fits(Consultation, "held_on")] | None = Field(
        None, description="対応開始日（省略時は今日）"
    )


class CloseIn(InputSchema):
    closed_on: Annotated[Date, fits(Consultation, "closed_on")] | None = Field(
        None, description="終了日（省略時は今日）"
    )


@router.post(
    "/consultations/{consultation_id}/start",
    response=ConsultationOut,
    summary="相談を対応中にする",
    description="申込み中の相談だけ（ほかは 422）。相談の申込日より前は 422（held_on）。",
)
def start_consultation(request: HttpRequest, consultation_id: int, payload: StartIn) -> Any:
    actor = actor_of(request)
    consultation = access_consultation(actor, consultation_id, for_edit=True)
    day = payload.held_on or timezone.localdate()
    return services.consultation_start(actor=actor, consultation=consultation, held_on=day)


@router.post(
    "/consultations/{consultation_id}/close",
    response=ConsultationOut,
    summary="相談を終了する",
    description="対応中の相談だけ（ほかは 422）。相談の申込日より前は 422（closed_on）。",
)
def close_consultation(request: HttpRequest, consultation_id: int, payload: CloseIn) -> Any:
    actor = actor_of(request)
    consultation = access_consultation(actor, consultation_id, for_edit=True)
    day = payload.closed_on or timezone.localdate()
    return services.consultation_close(actor=actor, consultation=consultation, closed_on=day)


@router.get(
    "/consultations/{consultation_id}/map/pdf",
    summary="支援マップ PDF",
    response={200: None},
    openapi_extra=PDF_ANSWER,
)
def map_pdf(request: HttpRequest, consultation_id: int) -> HttpResponse:
    actor = actor_of(request)
    consultation = access_consultation(actor, consultation_id)
    audit_view(actor=actor, subject=consultation, client_id=None)
    support = selectors.support_map(consultation, as_of=timezone.localdate())
    drawn = support_map_pdf(support, employee_name=consultation.employee.name)
    return pdf_response(drawn, f"support-map-{consultation.pk}.pdf", document="支援マップ")
