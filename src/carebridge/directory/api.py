"""API of the provider directory."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from carebridge.core.access import access_office_record, require_permission
from carebridge.core.models import User

from . import selectors, services
from .models import Provider

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


class ProviderIn(Schema):
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


class ProviderPatch(Schema):
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


def _actor(request: HttpRequest) -> User:
    return request.auth  # type: ignore[attr-defined,no-any-return]


@router.get("/providers", response=ProviderListOut, summary="事業所一覧")
def list_providers(request: HttpRequest, filters: Query[ProviderFilter]) -> dict[str, Any]:
    actor = _actor(request)
    require_permission(actor, "directory.view")
    qs = selectors.provider_list(actor=actor, query=filters.q, kind=filters.kind, service_type=filters.service_type)
    return {"items": list(qs[filters.offset : filters.offset + filters.limit]), "count": qs.count()}


@router.post("/providers", response={201: ProviderOut}, summary="事業所の登録")
def create_provider(request: HttpRequest, payload: ProviderIn) -> Status[Any]:
    return Status(201, services.provider_create(actor=_actor(request), **payload.dict()))


@router.get("/providers/{provider_id}", response=ProviderOut, summary="事業所の取得")
def get_provider(request: HttpRequest, provider_id: int) -> Any:
    return access_office_record(_actor(request), Provider.objects.all(), provider_id, "directory.view")


@router.patch("/providers/{provider_id}", response=ProviderOut, summary="事業所の更新")
def update_provider(request: HttpRequest, provider_id: int, payload: ProviderPatch) -> Any:
    actor = _actor(request)
    provider = access_office_record(actor, Provider.objects.all(), provider_id, "directory.view")
    return services.provider_update(actor=actor, provider=provider, **payload.dict(exclude_unset=True))
