"""API of the provider directory."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from carebridge.core.access import actor_of, require_permission
from carebridge.core.inputs import input_from
from carebridge.core.schemas import InputSchema, PatchSchema

from . import selectors, services
from .access import access_provider
from .inputs import ProviderInput

router = Router(tags=["directory"])


class ProviderOut(Schema):
    id: int
    kind: str
    provider_number: str
    name: str
    service_type_codes: list[str]
    postal_code: str
    address: str
    phone: str
    fax: str
    email: str
    contact_person: str
    note: str
    is_active: bool
    updated_at: dt.datetime


class ProviderIn(InputSchema):
    name: str
    kind: str = "service"
    provider_number: str = ""
    service_type_codes: list[str] = []
    postal_code: str = ""
    address: str = ""
    phone: str = ""
    fax: str = ""
    email: str = ""
    contact_person: str = ""
    note: str = ""


class ProviderPatch(PatchSchema):
    name: str | None = None
    kind: str | None = None
    provider_number: str | None = None
    service_type_codes: list[str] | None = None
    postal_code: str | None = None
    address: str | None = None
    phone: str | None = None
    fax: str | None = None
    email: str | None = None
    contact_person: str | None = None
    note: str | None = None
    is_active: bool | None = None


class ProviderListOut(Schema):
    items: list[ProviderOut]
    count: int


class ProviderFilter(Schema):
    q: str = ""
    kind: str = ""
    service_type: str = ""
    limit: int = Field(100, ge=1, le=500)
    offset: int = Field(0, ge=0)


@router.get("/providers", response=ProviderListOut, summary="事業所一覧")
def list_providers(request: HttpRequest, filters: Query[ProviderFilter]) -> dict[str, Any]:
    actor = actor_of(request)
    require_permission(actor, "directory.view")
    qs = selectors.provider_list(actor=actor, query=filters.q, kind=filters.kind, service_type=filters.service_type)
    return {"items": list(qs[filters.offset : filters.offset + filters.limit]), "count": qs.count()}


@router.post("/providers", response={201: ProviderOut}, summary="事業所の登録")
def create_provider(request: HttpRequest, payload: ProviderIn) -> Status[Any]:
    data = input_from(ProviderInput, payload.dict())
    return Status(201, services.provider_create(actor=actor_of(request), data=data))


@router.get("/providers/{provider_id}", response=ProviderOut, summary="事業所の取得")
def get_provider(request: HttpRequest, provider_id: int) -> Any:
    return access_provider(actor_of(request), provider_id)


@router.patch("/providers/{provider_id}", response=ProviderOut, summary="事業所の更新")
def update_provider(request: HttpRequest, provider_id: int, payload: ProviderPatch) -> Any:
    actor = actor_of(request)
    provider = access_provider(actor, provider_id)
    values = payload.dict(exclude_unset=True)
    expected = values.pop("updated_at", None)
    data = input_from(ProviderInput, values, base=provider)
    return services.provider_update(actor=actor, provider=provider, data=data, expected_updated_at=expected)
