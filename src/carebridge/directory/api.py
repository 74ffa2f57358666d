"""API of the provider directory."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from carebridge.core.access import actor_of, require_permission
from carebridge.core.inputs import input_from
from carebridge.core.limits import OFFSET_LIMIT
from carebridge.core.schemas import Flag, InputSchema, PatchSchema, QuerySchema, fits

from . import selectors, services
from .access import access_provider
from .inputs import ProviderInput
from .models import Provider

router = Router(tags=["directory"])


class ProviderOut(Schema):
    id: int
    kind: str
    provider_number: str
    name: str
    corporation_name: str
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
    name: Annotated[str, fits(Provider, "name")]
    kind: Annotated[str, fits(Provider, "kind")] = "service"
    provider_number: Annotated[str, fits(Provider, "provider_number")] = ""
    corporation_name: Annotated[str, fits(Provider, "corporation_name")] = ""
    service_type_codes: list[str] = []
    postal_code: Annotated[str, fits(Provider, "postal_code")] = ""
    address: Annotated[str, fits(Provider, "address")] = ""
    phone: Annotated[str, fits(Provider, "phone")] = ""
    fax: Annotated[str, fits(Provider, "fax")] = ""
    email: Annotated[str, fits(Provider, "email")] = ""
    contact_person: Annotated[str, fits(Provider, "contact_person")] = ""
    note: Annotated[str, fits(Provider, "note")] = ""


class ProviderPatch(PatchSchema):
    name: Annotated[str, fits(Provider, "name")] | None = None
    kind: Annotated[str, fits(Provider, "kind")] | None = None
    provider_number: Annotated[str, fits(Provider, "provider_number")] | None = None
    corporation_name: Annotated[str, fits(Provider, "corporation_name")] | None = None
    service_type_codes: list[str] | None = None
    postal_code: Annotated[str, fits(Provider, "postal_code")] | None = None
    address: Annotated[str, fits(Provider, "address")] | None = None
    phone: Annotated[str, fits(Provider, "phone")] | None = None
    fax: Annotated[str, fits(Provider, "fax")] | None = None
    email: Annotated[str, fits(Provider, "email")] | None = None
    contact_person: Annotated[str, fits(Provider, "contact_person")] | None = None
    note: Annotated[str, fits(Provider, "note")] | None = None
    is_active: Flag | None = None


class ProviderListOut(Schema):
    items: list[ProviderOut]
    count: int


class ProviderFilter(QuerySchema):
    q: str = Field("", max_length=100, description="名称・事業所番号・所在地")
    kind: Annotated[str, fits(Provider, "kind", empty=True)] = ""
    service_type: str = Field("", max_length=2, description="サービス種類コード（2桁）")
    limit: int = Field(100, ge=1, le=500)
    offset: int = Field(0, ge=0, le=OFFSET_LIMIT)


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
