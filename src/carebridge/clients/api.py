"""API of clients, certifications and contacts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from carebridge.core.access import access_client, access_office_record, require_permission
from carebridge.core.models import User

from . import messages, selectors, services
from .models import Certification, Contact

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


class ClientIn(Schema):
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


class ClientPatch(Schema):
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
    status: str | None = None
    note: str | None = None


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


class CertificationIn(Schema):
    status: str
    care_level: str = ""
    applied_on: dt.date | None = None
    certified_on: dt.date | None = None
    valid_from: dt.date
    valid_to: dt.date
    copay_rate: int = 10
    board_opinion: str = ""


class CertificationPatch(Schema):
    status: str | None = None
    care_level: str | None = None
    applied_on: dt.date | None = None
    certified_on: dt.date | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    copay_rate: int | None = None
    board_opinion: str | None = None


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


class ContactIn(Schema):
    name: str
    relationship: str
    kana: str = ""
    is_key_person: bool = False
    is_emergency_contact: bool = False
    lives_with_client: bool = False
    phone: str = ""
    address: str = ""
    note: str = ""


class ContactPatch(Schema):
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


def _actor(request: HttpRequest) -> User:
    return request.auth  # type: ignore[attr-defined,no-any-return]


def _client_fields(actor: User, data: dict[str, Any]) -> dict[str, Any]:
    """Resolve care_manager_id to a user of the actor's office (else a field error)."""
    if "care_manager_id" in data:
        cm_id = data.pop("care_manager_id")
        cm = User.objects.filter(pk=cm_id, office_id=actor.office_id).first() if cm_id else None
        if cm_id and cm is None:
            raise ValidationError({"care_manager": messages.CARE_MANAGER_OTHER_OFFICE})
        data["care_manager"] = cm
    return data


@router.get("/clients", response=ClientListOut, summary="利用者一覧")
def list_clients(request: HttpRequest, filters: Query[ClientFilter]) -> dict[str, Any]:
    actor = _actor(request)
    require_permission(actor, "client.view")
    qs = selectors.client_list(actor=actor, query=filters.q, status=filters.status)
    return {"items": list(qs[filters.offset : filters.offset + filters.limit]), "count": qs.count()}


@router.post("/clients", response={201: ClientOut}, summary="利用者の登録")
def create_client(request: HttpRequest, payload: ClientIn) -> Status[Any]:
    actor = _actor(request)
    return Status(201, services.client_create(actor=actor, **_client_fields(actor, payload.dict())))


@router.get("/clients/{client_id}", response=ClientOut, summary="利用者の取得")
def get_client(request: HttpRequest, client_id: int) -> Any:
    actor = _actor(request)
    client = access_client(actor, client_id)
    services.client_viewed(actor=actor, client=client)
    return client


@router.patch("/clients/{client_id}", response=ClientOut, summary="利用者の更新")
def update_client(request: HttpRequest, client_id: int, payload: ClientPatch) -> Any:
    actor = _actor(request)
    client = access_client(actor, client_id)
    fields = _client_fields(actor, payload.dict(exclude_unset=True))
    return services.client_update(actor=actor, client=client, **fields)


@router.get("/clients/{client_id}/certifications", response=list[CertificationOut], summary="要介護認定の履歴")
def list_certifications(request: HttpRequest, client_id: int) -> Any:
    actor = _actor(request)
    client = access_client(actor, client_id)
    services.client_viewed(actor=actor, client=client)
    return list(client.certifications.all())


@router.post("/clients/{client_id}/certifications", response={201: CertificationOut}, summary="要介護認定の登録")
def create_certification(request: HttpRequest, client_id: int, payload: CertificationIn) -> Status[Any]:
    actor = _actor(request)
    client = access_client(actor, client_id)
    return Status(201, services.certification_create(actor=actor, client=client, **payload.dict()))


@router.get("/certifications/{certification_id}", response=CertificationOut, summary="要介護認定の取得")
def get_certification(request: HttpRequest, certification_id: int) -> Any:
    actor = _actor(request)
    cert = access_office_record(actor, Certification.objects.select_related("client"), certification_id, "client.view")
    services.client_viewed(actor=actor, client=cert.client)
    return cert


@router.patch("/certifications/{certification_id}", response=CertificationOut, summary="要介護認定の更新")
def update_certification(request: HttpRequest, certification_id: int, payload: CertificationPatch) -> Any:
    actor = _actor(request)
    cert = access_office_record(actor, Certification.objects.all(), certification_id, "client.view")
    return services.certification_update(actor=actor, certification=cert, **payload.dict(exclude_unset=True))


@router.get("/clients/{client_id}/contacts", response=list[ContactOut], summary="家族・連絡先の一覧")
def list_contacts(request: HttpRequest, client_id: int) -> Any:
    actor = _actor(request)
    client = access_client(actor, client_id)
    services.client_viewed(actor=actor, client=client)
    return list(client.contacts.all())


@router.post("/clients/{client_id}/contacts", response={201: ContactOut}, summary="家族・連絡先の追加")
def create_contact(request: HttpRequest, client_id: int, payload: ContactIn) -> Status[Any]:
    actor = _actor(request)
    client = access_client(actor, client_id)
    return Status(201, services.contact_create(actor=actor, client=client, **payload.dict()))


@router.get("/contacts/{contact_id}", response=ContactOut, summary="家族・連絡先の取得")
def get_contact(request: HttpRequest, contact_id: int) -> Any:
    actor = _actor(request)
    contact = access_office_record(actor, Contact.objects.select_related("client"), contact_id, "client.view")
    services.client_viewed(actor=actor, client=contact.client)
    return contact


@router.patch("/contacts/{contact_id}", response=ContactOut, summary="家族・連絡先の更新")
def update_contact(request: HttpRequest, contact_id: int, payload: ContactPatch) -> Any:
    actor = _actor(request)
    contact = access_office_record(actor, Contact.objects.all(), contact_id, "client.view")
    return services.contact_update(actor=actor, contact=contact, **payload.dict(exclude_unset=True))
