"""API of the directory: providers (and their CSV import), social resources and specialists."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from carebridge.core.access import actor_of, require_permission
from carebridge.core.import_errors import as_field_errors
from carebridge.core.inputs import input_from
from carebridge.core.limits import OFFSET_LIMIT
from carebridge.core.messages import Message
from carebridge.core.schemas import Flag, InputSchema, PatchSchema, QuerySchema, fits

from . import selectors, services
from .access import access_provider, access_resource, access_specialist
from .inputs import ProviderInput, ResourceInput, SpecialistInput
from .models import Provider, Resource, Specialist
from .provider_import import ProviderImportError, import_providers

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


# int: so that POST /providers/import beside them is not taken for a provider id
@router.get("/providers/{int:provider_id}", response=ProviderOut, summary="事業所の取得")
def get_provider(request: HttpRequest, provider_id: int) -> Any:
    return access_provider(actor_of(request), provider_id)


@router.patch("/providers/{int:provider_id}", response=ProviderOut, summary="事業所の更新")
def update_provider(request: HttpRequest, provider_id: int, payload: ProviderPatch) -> Any:
    actor = actor_of(request)
    provider = access_provider(actor, provider_id)
    values = payload.dict(exclude_unset=True)
    expected = values.pop("updated_at", None)
    data = input_from(ProviderInput, values, base=provider)
    return services.provider_update(actor=actor, provider=provider, data=data, expected_updated_at=expected)


class ImportIn(InputSchema):
    name: str = Field(min_length=1, max_length=200, description="ファイル名（エラーの表示に使います）")
    content_base64: str = Field(description="CSVファイル（UTF-8 または Shift_JIS）の内容（base64）")
    dry_run: bool = Field(False, description="true: 件数を確かめるだけ（何も変えません）")


class ImportOut(Schema):
    applied: bool
    created: int
    updated: int
    unchanged: int


NOT_BASE64 = Message("directory_not_base64", "ファイルの内容が base64 ではありません。")
TOO_LARGE = Message("directory_import_too_large", "一度に取り込めるのは5MBまでです。")
MAX_IMPORT_BYTES = 5 * 1024 * 1024


@router.post(
    "/providers/import",
    response=ImportOut,
    summary="事業所のCSV取込（事業所番号が同じものは更新）",
    description="誤りが1件でもあれば何も取り込まず 422（ファイル・行・列を示します）。dry_run で件数の確認だけ。",
)
def import_providers_csv(request: HttpRequest, payload: ImportIn) -> dict[str, Any]:
    actor = actor_of(request)
    require_permission(actor, "directory.edit")
    try:
        data = base64.b64decode(payload.content_base64, validate=True)
    except (binascii.Error, ValueError):
        raise ValidationError({"content_base64": NOT_BASE64}, code=NOT_BASE64.code) from None
    if len(data) > MAX_IMPORT_BYTES:
        raise ValidationError({"content_base64": TOO_LARGE}, code=TOO_LARGE.code)
    try:
        result = import_providers(actor=actor, data=data, file_name=payload.name, dry_run=payload.dry_run)
    except ProviderImportError as exc:
        raise as_field_errors(exc, "content_base64") from None
    return {
        "applied": not payload.dry_run,
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
    }


class ResourceOut(Schema):
    id: int
    name: str
    category: str
    description: str
    area: str
    phone: str
    cost_note: str
    is_active: bool
    updated_at: dt.datetime


class ResourceIn(InputSchema):
    name: Annotated[str, fits(Resource, "name")]
    category: Annotated[str, fits(Resource, "category")]
    description: Annotated[str, fits(Resource, "description")] = ""
    area: Annotated[str, fits(Resource, "area")] = ""
    phone: Annotated[str, fits(Resource, "phone")] = ""
    cost_note: Annotated[str, fits(Resource, "cost_note")] = ""
    is_active: Flag = True


class ResourcePatch(PatchSchema):
    name: Annotated[str, fits(Resource, "name")] | None = None
    category: Annotated[str, fits(Resource, "category")] | None = None
    description: Annotated[str, fits(Resource, "description")] | None = None
    area: Annotated[str, fits(Resource, "area")] | None = None
    phone: Annotated[str, fits(Resource, "phone")] | None = None
    cost_note: Annotated[str, fits(Resource, "cost_note")] | None = None
    is_active: Flag | None = None


class EntryFilter(QuerySchema):
    q: str = Field("", max_length=100, description="名称・内容・地域（専門職は氏名・所属）")


@router.get("/resources", response=list[ResourceOut], summary="社会資源の一覧")
def list_resources(request: HttpRequest, filters: Query[EntryFilter]) -> Any:
    actor = actor_of(request)
    require_permission(actor, "directory.view")
    return list(selectors.resource_list(actor=actor, query=filters.q)[:500])


@router.post("/resources", response={201: ResourceOut}, summary="社会資源の登録")
def create_resource(request: HttpRequest, payload: ResourceIn) -> Status[Any]:
    data = input_from(ResourceInput, payload.dict())
    return Status(201, services.resource_create(actor=actor_of(request), data=data))


@router.get("/resources/{resource_id}", response=ResourceOut, summary="社会資源の取得")
def get_resource(request: HttpRequest, resource_id: int) -> Any:
    return access_resource(actor_of(request), resource_id)


@router.patch("/resources/{resource_id}", response=ResourceOut, summary="社会資源の更新")
def update_resource(request: HttpRequest, resource_id: int, payload: ResourcePatch) -> Any:
    actor = actor_of(request)
    resource = access_resource(actor, resource_id, for_edit=True)
    values = payload.dict(exclude_unset=True)
    expected = values.pop("updated_at", None)
    data = input_from(ResourceInput, values, base=resource)
    return services.resource_update(actor=actor, resource=resource, data=data, expected_updated_at=expected)


class SpecialistOut(Schema):
    id: int
    name: str
    profession: str
    organization: str
    phone: str
    email: str
    fields_of_expertise: str
    is_active: bool
    updated_at: dt.datetime


class SpecialistIn(InputSchema):
    name: Annotated[str, fits(Specialist, "name")]
    profession: Annotated[str, fits(Specialist, "profession")]
    organization: Annotated[str, fits(Specialist, "organization")] = ""
    phone: Annotated[str, fits(Specialist, "phone")] = ""
    email: Annotated[str, fits(Specialist, "email")] = ""
    fields_of_expertise: Annotated[str, fits(Specialist, "fields_of_expertise")] = ""
    is_active: Flag = True


class SpecialistPatch(PatchSchema):
    name: Annotated[str, fits(Specialist, "name")] | None = None
    profession: Annotated[str, fits(Specialist, "profession")] | None = None
    organization: Annotated[str, fits(Specialist, "organization")] | None = None
    phone: Annotated[str, fits(Specialist, "phone")] | None = None
    email: Annotated[str, fits(Specialist, "email")] | None = None
    fields_of_expertise: Annotated[str, fits(Specialist, "fields_of_expertise")] | None = None
    is_active: Flag | None = None


@router.get("/specialists", response=list[SpecialistOut], summary="専門職の一覧")
def list_specialists(request: HttpRequest, filters: Query[EntryFilter]) -> Any:
    actor = actor_of(request)
    require_permission(actor, "directory.view")
    return list(selectors.specialist_list(actor=actor, query=filters.q)[:500])


@router.post("/specialists", response={201: SpecialistOut}, summary="専門職の登録")
def create_specialist(request: HttpRequest, payload: SpecialistIn) -> Status[Any]:
    data = input_from(SpecialistInput, payload.dict())
    return Status(201, services.specialist_create(actor=actor_of(request), data=data))


@router.get("/specialists/{specialist_id}", response=SpecialistOut, summary="専門職の取得")
def get_specialist(request: HttpRequest, specialist_id: int) -> Any:
    return access_specialist(actor_of(request), specialist_id)


@router.patch("/specialists/{specialist_id}", response=SpecialistOut, summary="専門職の更新")
def update_specialist(request: HttpRequest, specialist_id: int, payload: SpecialistPatch) -> Any:
    actor = actor_of(request)
    specialist = access_specialist(actor, specialist_id, for_edit=True)
    values = payload.dict(exclude_unset=True)
    expected = values.pop("updated_at", None)
    data = input_from(SpecialistInput, values, base=specialist)
    return services.specialist_update(actor=actor, specialist=specialist, data=data, expected_updated_at=expected)
