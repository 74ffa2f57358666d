"""Writes of the directory: providers, resources, specialists."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from carebridge.core import japanese
from carebridge.core.access import office_id_of, require_permission
from carebridge.core.inputs import field_names, values_of
from carebridge.core.models import User
from carebridge.core.writes import create_audited, update_audited

from . import messages, rules, service_types
from .inputs import ProviderInput, ResourceInput, SpecialistInput
from .models import KINDS_WITH_NUMBER, Provider, Resource, Specialist

PROVIDER_EDITABLE = field_names(ProviderInput)
RESOURCE_EDITABLE = field_names(ResourceInput)
SPECIALIST_EDITABLE = field_names(SpecialistInput)


def _normalized(values: dict[str, Any]) -> dict[str, Any]:
    out = dict(values)
    for name in ("provider_number", "phone", "fax"):
        if isinstance(out.get(name), str):
            out[name] = japanese.normalize_digits(out[name]).upper()
    if isinstance(out.get("postal_code"), str) and out["postal_code"]:
        out["postal_code"] = japanese.normalize_postal_code(out["postal_code"])
    if isinstance(out.get("service_type_codes"), str):
        codes, unknown = rules.parse_service_type_codes(out["service_type_codes"], service_types.names())
        out["service_type_codes"] = codes + unknown  # unknown codes are reported by _check_provider
    elif isinstance(out.get("service_type_codes"), list | tuple):
        out["service_type_codes"] = [str(code).strip().upper() for code in out["service_type_codes"]]
    return out


def _check_provider(provider: Provider) -> None:
    errors: dict[str, str] = {}
    unknown = [c for c in provider.service_type_codes if c not in service_types.names()]
    if unknown:
        errors["service_type_codes"] = messages.UNKNOWN_SERVICE_TYPE.format(codes="、".join(unknown))
    elif provider.kind == "service" and not provider.service_type_codes:
        errors["service_type_codes"] = messages.SERVICE_TYPE_REQUIRED
    if provider.kind in KINDS_WITH_NUMBER and not provider.provider_number:
        errors["provider_number"] = messages.PROVIDER_NUMBER_REQUIRED
    elif (
        provider.provider_number
        and Provider.objects.filter(office_id=provider.office_id, provider_number=provider.provider_number)
        .exclude(pk=provider.pk)
        .exists()
    ):
        errors["provider_number"] = messages.PROVIDER_DUPLICATE
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def provider_create(*, actor: User, data: ProviderInput) -> Provider:
    require_permission(actor, "directory.edit")
    provider = Provider(office_id=office_id_of(actor), **_normalized(values_of(data)))
    return create_audited(actor=actor, instance=provider, check=_check_provider)


@transaction.atomic
def provider_update(
    *, actor: User, provider: Provider, data: ProviderInput, expected_updated_at: dt.datetime | None = None
) -> Provider:
    require_permission(actor, "directory.edit")
    return update_audited(
        actor=actor,
        instance=provider,
        changes=_normalized(values_of(data)),
        editable=PROVIDER_EDITABLE,
        check=_check_provider,
        expected_updated_at=expected_updated_at,
    )


@transaction.atomic
def resource_create(*, actor: User, data: ResourceInput) -> Resource:
    require_permission(actor, "directory.edit")
    return create_audited(actor=actor, instance=Resource(office_id=office_id_of(actor), **_normalized(values_of(data))))


@transaction.atomic
def resource_update(
    *, actor: User, resource: Resource, data: ResourceInput, expected_updated_at: dt.datetime | None = None
) -> Resource:
    require_permission(actor, "directory.edit")
    return update_audited(
        actor=actor,
        instance=resource,
        changes=_normalized(values_of(data)),
        editable=RESOURCE_EDITABLE,
        expected_updated_at=expected_updated_at,
    )


@transaction.atomic
def specialist_create(*, actor: User, data: SpecialistInput) -> Specialist:
    require_permission(actor, "directory.edit")
    return create_audited(
        actor=actor, instance=Specialist(office_id=office_id_of(actor), **_normalized(values_of(data)))
    )


@transaction.atomic
def specialist_update(
    *, actor: User, specialist: Specialist, data: SpecialistInput, expected_updated_at: dt.datetime | None = None
) -> Specialist:
    require_permission(actor, "directory.edit")
    return update_audited(
        actor=actor,
        instance=specialist,
        changes=_normalized(values_of(data)),
        editable=SPECIALIST_EDITABLE,
        expected_updated_at=expected_updated_at,
    )
