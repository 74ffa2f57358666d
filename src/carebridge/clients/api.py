"""API of clients, certifications and contacts."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from pydantic import Strict

from carebridge.core.access import actor_of, require_permission
from carebridge.core.inputs import input_from
from carebridge.core.limits import OFFSET_LIMIT
from carebridge.core.models import User
from carebridge.core.schemas import Date, Flag, Id, InputSchema, PatchSchema, QuerySchema, fits
from carebridge.core.selectors import office_user
from carebridge.core.services import records_listed

from . import messages, selectors, services
from .access import access_certification, access_client, access_consent, access_contact
from .inputs import (
    ApplicationInput,
    CertificationInput,
    ClientInput,
    ConsentInput,
    ContactInput,
    ShortStayApprovalInput,
)
from .models import Certification, CertificationApplication, Client, Consent, Contact, ShortStayApproval

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
    name: Annotated[str, fits(Client, "name")]
    kana: Annotated[str, fits(Client, "kana")]
    birth_date: Annotated[Date, fits(Client, "birth_date")]
    sex: Annotated[str, fits(Client, "sex")]
    insurer_number: Annotated[str, fits(Client, "insurer_number")]
    insured_number: Annotated[str, fits(Client, "insured_number")]
    postal_code: Annotated[str, fits(Client, "postal_code")] = ""
    address: Annotated[str, fits(Client, "address")] = ""
    phone: Annotated[str, fits(Client, "phone")] = ""
    care_manager_id: Id | None = None
    status: Annotated[str, fits(Client, "status")] = "active"
    note: Annotated[str, fits(Client, "note")] = ""


class ClientPatch(PatchSchema):
    name: Annotated[str, fits(Client, "name")] | None = None
    kana: Annotated[str, fits(Client, "kana")] | None = None
    birth_date: Annotated[Date, fits(Client, "birth_date")] | None = None
    sex: Annotated[str, fits(Client, "sex")] | None = None
    insurer_number: Annotated[str, fits(Client, "insurer_number")] | None = None
    insured_number: Annotated[str, fits(Client, "insured_number")] | None = None
    postal_code: Annotated[str, fits(Client, "postal_code")] | None = None
    address: Annotated[str, fits(Client, "address")] | None = None
    phone: Annotated[str, fits(Client, "phone")] | None = None
    care_manager_id: Id | None = None
    note: Annotated[str, fits(Client, "note")] | None = None


class StatusIn(InputSchema):
    status: Annotated[str, fits(Client, "status")]


class ClientListOut(Schema):
    items: list[ClientOut]
    count: int


class ClientFilter(QuerySchema):
    q: str = Field("", max_length=100, description="氏名・フリガナ・被保険者番号")
    status: Annotated[str, fits(Client, "status", empty=True)] = ""
    limit: int = Field(100, ge=1, le=500)
    offset: int = Field(0, ge=0, le=OFFSET_LIMIT)


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
    kind: str
    period_warnings: list[str] = Field(
        default_factory=list, description="認定有効期間の警告（月末で終わらない・期間が範囲外）。登録は妨げない"
    )
    updated_at: dt.datetime


class CertificationIn(InputSchema):
    status: Annotated[str, fits(Certification, "status")]
    care_level: Annotated[str, fits(Certification, "care_level")] = ""
    applied_on: Annotated[Date, fits(Certification, "applied_on")] | None = None
    certified_on: Annotated[Date, fits(Certification, "certified_on")] | None = None
    valid_from: Annotated[Date, fits(Certification, "valid_from")]
    valid_to: Annotated[Date, fits(Certification, "valid_to")]
    copay_rate: Annotated[int, Strict(), fits(Certification, "copay_rate")] = 10
    board_opinion: Annotated[str, fits(Certification, "board_opinion")] = ""
    kind: Annotated[str, fits(Certification, "kind")] = ""


class CertificationPatch(PatchSchema):
    care_level: Annotated[str, fits(Certification, "care_level")] | None = None
    applied_on: Annotated[Date, fits(Certification, "applied_on")] | None = None
    certified_on: Annotated[Date, fits(Certification, "certified_on")] | None = None
    valid_from: Annotated[Date, fits(Certification, "valid_from")] | None = None
    valid_to: Annotated[Date, fits(Certification, "valid_to")] | None = None
    copay_rate: Annotated[int, Strict(), fits(Certification, "copay_rate")] | None = None
    board_opinion: Annotated[str, fits(Certification, "board_opinion")] | None = None
    kind: Annotated[str, fits(Certification, "kind")] | None = None


class DecisionIn(InputSchema):
    care_level: Annotated[str, fits(Certification, "care_level")]
    certified_on: Annotated[Date, fits(Certification, "certified_on")]
    valid_from: Annotated[Date, fits(Certification, "valid_from")]
    valid_to: Annotated[Date, fits(Certification, "valid_to")]
    copay_rate: Annotated[int, Strict(), fits(Certification, "copay_rate")] = 10
    board_opinion: Annotated[str, fits(Certification, "board_opinion")] = ""


class ShortStayApprovalOut(Schema):
    id: int
    client_id: int
    certification_id: int
    approved_on: dt.date
    note: str


class ShortStayApprovalIn(InputSchema):
    certification_id: Id
    approved_on: Annotated[Date, fits(ShortStayApproval, "approved_on")]
    note: Annotated[str, fits(ShortStayApproval, "note")]


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
    name: Annotated[str, fits(Contact, "name")]
    relationship: Annotated[str, fits(Contact, "relationship")]
    kana: Annotated[str, fits(Contact, "kana")] = ""
    is_key_person: Flag = False
    is_emergency_contact: Flag = False
    lives_with_client: Flag = False
    phone: Annotated[str, fits(Contact, "phone")] = ""
    address: Annotated[str, fits(Contact, "address")] = ""
    note: Annotated[str, fits(Contact, "note")] = ""


class ContactPatch(PatchSchema):
    name: Annotated[str, fits(Contact, "name")] | None = None
    relationship: Annotated[str, fits(Contact, "relationship")] | None = None
    kana: Annotated[str, fits(Contact, "kana")] | None = None
    is_key_person: Flag | None = None
    is_emergency_contact: Flag | None = None
    lives_with_client: Flag | None = None
    phone: Annotated[str, fits(Contact, "phone")] | None = None
    address: Annotated[str, fits(Contact, "address")] | None = None
    note: Annotated[str, fits(Contact, "note")] | None = None
    is_active: Flag | None = None


def with_care_manager(actor: User, values: dict[str, Any]) -> dict[str, Any]:
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
    items = list(qs[filters.offset : filters.offset + filters.limit])
    records_listed(
        actor=actor,
        subject=Client,
        client_ids=[c.pk for c in items],
        search=bool(filters.q.strip()),
        page=filters.offset // filters.limit + 1,
    )
    return {"items": items, "count": qs.count()}


@router.post("/clients", response={201: ClientOut}, summary="利用者の登録")
def create_client(request: HttpRequest, payload: ClientIn) -> Status[Any]:
    actor = actor_of(request)
    values = with_care_manager(actor, payload.dict())
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
    values = with_care_manager(actor, payload.dict(exclude_unset=True))
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


def _warned(cert: Certification) -> Certification:
    """The line with its `period_warnings` (clients/selectors.py), read against its client's history."""
    history = [c if c.pk != cert.pk else cert for c in Certification.objects.filter(client_id=cert.client_id)]
    return next(c for c in selectors.with_period_warnings(history) if c.pk == cert.pk)


@router.get("/clients/{client_id}/certifications", response=list[CertificationOut], summary="要介護認定の履歴")
def list_certifications(request: HttpRequest, client_id: int) -> Any:
    actor = actor_of(request)
    client = access_client(actor, client_id)
    services.client_viewed(actor=actor, client=client)
    return selectors.with_period_warnings(list(client.certifications.all()))


@router.post("/clients/{client_id}/certifications", response={201: CertificationOut}, summary="要介護認定の登録")
def create_certification(request: HttpRequest, client_id: int, payload: CertificationIn) -> Status[Any]:
    actor = actor_of(request)
    client = access_client(actor, client_id)
    values = payload.dict()
    status = values.pop("status")
    data = input_from(CertificationInput, values)
    return Status(201, _warned(services.certification_create(actor=actor, client=client, data=data, status=status)))


@router.get("/certifications/{certification_id}", response=CertificationOut, summary="要介護認定の取得")
def get_certification(request: HttpRequest, certification_id: int) -> Any:
    actor = actor_of(request)
    cert = access_certification(actor, certification_id)
    services.client_viewed(actor=actor, client=cert.client)
    return _warned(cert)


@router.patch("/certifications/{certification_id}", response=CertificationOut, summary="要介護認定の更新")
def update_certification(request: HttpRequest, certification_id: int, payload: CertificationPatch) -> Any:
    actor = actor_of(request)
    cert = access_certification(actor, certification_id)
    values = payload.dict(exclude_unset=True)
    expected = values.pop("updated_at", None)
    data = input_from(CertificationInput, values, base=cert)
    return _warned(
        services.certification_update(actor=actor, certification=cert, data=data, expected_updated_at=expected)
    )


@router.post(
    "/certifications/{certification_id}/decision", response=CertificationOut, summary="認定結果の記録（申請中→認定済）"
)
def decide_certification(request: HttpRequest, certification_id: int, payload: DecisionIn) -> Any:
    actor = actor_of(request)
    cert = access_certification(actor, certification_id)
    data = input_from(CertificationInput, payload.dict(), base=cert)
    return _warned(services.certification_decide(actor=actor, certification=cert, data=data))


@router.get(
    "/clients/{client_id}/short-stay-approvals",
    response=list[ShortStayApprovalOut],
    summary="短期入所の半数超えに係る保険者の承認の一覧",
)
def list_short_stay_approvals(request: HttpRequest, client_id: int) -> Any:
    actor = actor_of(request)
    client = access_client(actor, client_id)
    services.client_viewed(actor=actor, client=client)
    return list(client.short_stay_approvals.all())


@router.post(
    "/clients/{client_id}/short-stay-approvals",
    response={201: ShortStayApprovalOut},
    summary="短期入所の半数超えに係る理由書・保険者の承認の記録（運営基準第13条第21号）",
)
def create_short_stay_approval(request: HttpRequest, client_id: int, payload: ShortStayApprovalIn) -> Status[Any]:
    actor = actor_of(request)
    client = access_client(actor, client_id)
    values = payload.dict()
    cert = client.certifications.filter(pk=values.pop("certification_id")).first()
    if cert is None:
        raise ValidationError({"certification": messages.SHORT_STAY_APPROVAL_OTHER_CLIENT})
    data = ShortStayApprovalInput(certification=cert, **values)
    return Status(201, services.short_stay_approval_create(actor=actor, client=client, data=data))


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


class ApplicationOut(Schema):
    id: int
    client_id: int
    kind: str
    status: str
    filed_on: dt.date | None
    previous_certification_id: int | None
    certification_id: int | None
    note: str


class ApplicationIn(InputSchema):
    kind: Annotated[str, fits(CertificationApplication, "kind")]
    status: Annotated[str, fits(CertificationApplication, "status")] = "filed"
    filed_on: Annotated[Date, fits(CertificationApplication, "filed_on")] | None = None
    note: Annotated[str, fits(CertificationApplication, "note")] = ""


@router.get("/clients/{client_id}/applications", response=list[ApplicationOut], summary="認定申請（申請代行）の一覧")
def list_applications(request: HttpRequest, client_id: int) -> Any:
    actor = actor_of(request)
    client = access_client(actor, client_id)
    services.client_viewed(actor=actor, client=client)
    return list(client.applications.order_by("-filed_on", "-id"))


@router.post(
    "/clients/{client_id}/applications",
    response={201: ApplicationOut},
    summary="認定申請（申請代行）の記録",
    description="更新申請は有効期間満了の60日前から（それより前の申請日は 422、filed_on）。",
)
def create_application(request: HttpRequest, client_id: int, payload: ApplicationIn) -> Status[Any]:
    actor = actor_of(request)
    client = access_client(actor, client_id)
    values = payload.dict()
    status = values.pop("status")
    data = input_from(ApplicationInput, values)
    return Status(201, services.certification_application_create(actor=actor, client=client, data=data, status=status))


class ConsentOut(Schema):
    id: int
    client_id: int
    scope: str
    recipient_kind: str
    recipient: str
    agreed_on: dt.date
    valid_until: dt.date | None
    withdrawn_on: dt.date | None
    method: str


class ConsentIn(InputSchema):
    scope: Annotated[str, fits(Consent, "scope")]
    recipient_kind: Annotated[str, fits(Consent, "recipient_kind")]
    recipient: Annotated[str, fits(Consent, "recipient")]
    agreed_on: Annotated[Date, fits(Consent, "agreed_on")]
    valid_until: Annotated[Date, fits(Consent, "valid_until")] | None = None
    method: Annotated[str, fits(Consent, "method")] = "書面"


@router.get("/clients/{client_id}/consents", response=list[ConsentOut], summary="情報共有の同意の一覧")
def list_consents(request: HttpRequest, client_id: int) -> Any:
    actor = actor_of(request)
    client = access_client(actor, client_id)
    services.client_viewed(actor=actor, client=client)
    return list(client.consents.order_by("-agreed_on", "-id"))


@router.post("/clients/{client_id}/consents", response={201: ConsentOut}, summary="情報共有の同意の記録")
def create_consent(request: HttpRequest, client_id: int, payload: ConsentIn) -> Status[Any]:
    actor = actor_of(request)
    client = access_client(actor, client_id)
    data = input_from(ConsentInput, payload.dict())
    return Status(201, services.consent_create(actor=actor, client=client, data=data))


@router.post(
    "/clients/{client_id}/consents/{consent_id}/withdraw",
    response=ConsentOut,
    summary="同意の撤回（今日の日付で。記録は残る）",
)
def withdraw_consent(request: HttpRequest, client_id: int, consent_id: int) -> Any:
    actor = actor_of(request)
    consent = access_consent(actor, consent_id, client=access_client(actor, client_id), for_edit=True)
    return services.consent_withdraw(actor=actor, consent=consent, withdrawn_on=timezone.localdate())
