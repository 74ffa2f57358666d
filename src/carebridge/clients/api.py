"""API of clients, certifications and contacts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from carebridge.core.access import actor_of, require_permission
from carebridge.core.inputs import input_from
from carebridge.core.models import User
from carebridge.core.schemas import InputSchema, PatchSchema
from carebridge.core.selectors import office_user

from . import messages, selectors, services
from .access import access_certification, access_client, access_contact
from .inputs import CertificationInput, ClientInput, ContactInput

router = Router(tags=["clients"])


class ClientOut(Schema):
    id: int
    name: str
    kana: str
    birth_date: dt.date
    sex: str
    postal_code: str
    address: str
    phone: str
    insurer_number: str
    insured_number: str
    care_manager_id: int | None
    status: str
    note: str
    updated_at: dt.datetime


class ClientIn(InputSchema):
    name: str
    kana: str
    birth_date: dt.date
    sex: str
    insurer_number: str
    insured_number: str
    postal_code: str = ""
    address: str = ""
    phone: str = ""
    care_manager_id: int | None = None
    status: str = "active"
    note: str = ""


class ClientPatch(PatchSchema):
    name: str | None = None
    kana: str | None = None
    birth_date: dt.date | None = None
    sex: str | None = None
    insurer_number: str | None = None
    insured_number: str | None = None
    postal_code: str | None = None
    address: str | None = None
    phone: str | None = None
    care_manager_id: int | None = None
    note: str | None = None


class StatusIn(InputSchema):
    status: str


class ClientListOut(Schema):
    items: list[ClientOut]
    count: int


class ClientFilter(Schema):
    q: str = ""
    status: str = ""
    limit: int = Field(100, ge=1, le=500)
    offset: int = Field(0, ge=0)


class CertificationOut(Schema):
    id: int
    client_id: int
    status: str
    care_level: str
    applied_on: dt.date | None
    certified_on: dt.date | None
    valid_from: dt.date
    valid_to: dt.date
    copay_rate: int
    benefit_limit_units: int | None
    board_opinion: str
    updated_at: dt.datetime


class CertificationIn(InputSchema):
    status: str
    care_level: str = ""
    applied_on: dt.date | None = None
    certified_on: dt.date | None = None
    valid_from: dt.date
    valid_to: dt.date
    copay_rate: int = 10
    board_opinion: str = ""


class CertificationPatch(PatchSchema):
    care_level: str | None = None
    applied_on: dt.date | None = None
    certified_on: dt.date | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    copay_rate: int | None = None
    board_opinion: str | None = None


class DecisionIn(InputSchema):
    care_level: str
    certified_on: dt.date
    valid_from: dt.date
    valid_to: dt.date
    copay_rate: int = 10
    board_opinion: str = ""


class ContactOut(Schema):
    id: int
    client_id: int
    name: str
    kana: str
    relationship: str
    is_key_person: bool
    is_emergency_contact: bool
    lives_with_client: bool
    phone: str
    address: str
    note: str
    is_active: bool
    updated_at: dt.datetime


class ContactIn(InputSchema):
    name: str
    relationship: str
    kana: str = ""
    is_key_person: bool = False
    is_emergency_contact: bool = False
    lives_with_client: bool = False
    phone: str = ""
    address: str = ""
    note: str = ""


class ContactPatch(PatchSchema):
    name: str | None = None
    relationship: str | None = None
    kana: str | None = None
    is_key_person: bool | None = None
    is_emergency_contact: bool | None = None
    lives_with_client: bool | None = None
    phone: str | None = None
    address: str | None = None
    note: str | None = None
    is_active: bool | None = None


def _with_care_manager(actor: User, values: dict[str, Any]) -> dict[str, Any]:
    """care_manager_id -> a user of the actor's office (else a field error)."""
    if "care_manager_id" in values:
        cm_id = values.pop("care_manager_id")
        care_manager = office_user(actor=actor, user_id=cm_id) if cm_id else None
        if cm_id and care_manager is None:
            raise ValidationError({"care_manager": messages.CARE_MANAGER_OTHER_OFFICE})
        values["care_manager"] = care_manager
    return values


@router.get("/clients", response=ClientListOut, summary="利用者一覧")
def list_clients(request: HttpRequest, filters: Query[ClientFilter]) -> dict[str, Any]:
    actor = actor_of(request)
    require_permission(actor, "client.view")
    qs = selectors.client_list(actor=actor, query=filters.q, status=filters.status)
    return {"items": list(qs[filters.offset : filters.offset + filters.limit]), "count": qs.count()}


@router.post("/clients", response={201: ClientOut}, summary="利用者の登録")
def create_client(request: HttpRequest, payload: ClientIn) -> Status[Any]:
    actor = actor_of(request)
    values = _with_care_manager(actor, payload.dict())
    status = values.pop("status")
    return Status(201, services.client_create(actor=actor, data=input_from(ClientInput, values), status=status))


@router.get("/clients/{client_id}", response=ClientOut, summary="利用者の取得")
def get_client(request: HttpRequest, client_id: int) -> Any:
    actor = actor_of(request)
    client = access_client(actor, client_id)
    services.client_viewed(actor=actor, client=client)
    return client


@router.patch("/clients/{client_id}", response=ClientOut, summary="利用者の更新（状態は /status で）")
def update_client(request: HttpRequest, client_id: int, payload: ClientPatch) -> Any:
    actor = actor_of(request)
    client = access_client(actor, client_id)
    values = _with_care_manager(actor, payload.dict(exclude_unset=True))
    expected = values.pop("updated_at", None)
    data = input_from(ClientInput, values, base=client)
    return services.client_update(actor=actor, client=client, data=data, expected_updated_at=expected)


@router.post(
    "/clients/{client_id}/status", response=ClientOut, summary="利用者の状態の変更（相談中・利用中・中断・終了）"
)
def change_client_status(request: HttpRequest, client_id: int, payload: StatusIn) -> Any:
    actor = actor_of(request)
    client = access_client(actor, client_id)
    return services.client_status_change(actor=actor, client=client, status=payload.status)


@router.get("/clients/{client_id}/certifications", response=list[CertificationOut], summary="要介護認定の履歴")
def list_certifications(request: HttpRequest, client_id: int) -> Any:
    actor = actor_of(request)
    client = access_client(actor, client_id)
    services.client_viewed(actor=actor, client=client)
    return list(client.certifications.all())


@router.post("/clients/{client_id}/certifications", response={201: CertificationOut}, summary="要介護認定の登録")
def create_certification(request: HttpRequest, client_id: int, payload: CertificationIn) -> Status[Any]:
    actor = actor_of(request)
    client = access_client(actor, client_id)
    values = payload.dict()
    status = values.pop("status")
    data = input_from(CertificationInput, values)
    return Status(201, services.certification_create(actor=actor, client=client, data=data, status=status))


@router.get("/certifications/{certification_id}", response=CertificationOut, summary="要介護認定の取得")
def get_certification(request: HttpRequest, certification_id: int) -> Any:
    actor = actor_of(request)
    cert = access_certification(actor, certification_id)
    services.client_viewed(actor=actor, client=cert.client)
    return cert


@router.patch("/certifications/{certification_id}", response=CertificationOut, summary="要介護認定の更新")
def update_certification(request: HttpRequest, certification_id: int, payload: CertificationPatch) -> Any:
    actor = actor_of(request)
    cert = access_certification(actor, certification_id)
    values = payload.dict(exclude_unset=True)
    expected = values.pop("updated_at", None)
    data = input_from(CertificationInput, values, base=cert)
    return services.certification_update(actor=actor, certification=cert, data=data, expected_updated_at=expected)


@router.post(
    "/certifications/{certification_id}/decision", response=CertificationOut, summary="認定結果の記録（申請中→認定済）"
)
def decide_certification(request: HttpRequest, certification_id: int, payload: DecisionIn) -> Any:
    actor = actor_of(request)
    cert = access_certification(actor, certification_id)
    data = input_from(CertificationInput, payload.dict(), base=cert)
    return services.certification_decide(actor=actor, certification=cert, data=data)


@router.get("/clients/{client_id}/contacts", response=list[ContactOut], summary="家族・連絡先の一覧")
def list_contacts(request: HttpRequest, client_id: int) -> Any:
    actor = actor_of(request)
    client = access_client(actor, client_id)
    services.client_viewed(actor=actor, client=client)
    return list(client.contacts.all())


@router.post("/clients/{client_id}/contacts", response={201: ContactOut}, summary="家族・連絡先の追加")
def create_contact(request: HttpRequest, client_id: int, payload: ContactIn) -> Status[Any]:
    actor = actor_of(request)
    client = access_client(actor, client_id)
    data = input_from(ContactInput, payload.dict())
    return Status(201, services.contact_create(actor=actor, client=client, data=data))


@router.get("/contacts/{contact_id}", response=ContactOut, summary="家族・連絡先の取得")
def get_contact(request: HttpRequest, contact_id: int) -> Any:
    actor = actor_of(request)
    contact = access_contact(actor, contact_id)
    services.client_viewed(actor=actor, client=contact.client)
    return contact


@router.patch("/contacts/{contact_id}", response=ContactOut, summary="家族・連絡先の更新")
def update_contact(request: HttpRequest, contact_id: int, payload: ContactPatch) -> Any:
    actor = actor_of(request)
    contact = access_contact(actor, contact_id)
    values = payload.dict(exclude_unset=True)
    expected = values.pop("updated_at", None)
    data = input_from(ContactInput, values, base=contact)
    return services.contact_update(actor=actor, contact=contact, data=data, expected_updated_at=expected)
