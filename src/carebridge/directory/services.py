"""Writes of the directory: providers, resources, specialists."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from carebridge.core import japanese
from carebridge.core.access import require_permission
from carebridge.core.models import User
from carebridge.core.writes import create_audited, update_audited

from . import messages, rules
from .models import KINDS_WITH_NUMBER, Provider, Resource, Specialist


def _normalize(fields: dict[str, Any]) -> dict[str, Any]:
    out = dict(fields)
    for name in ("provider_number", "phone", "fax"):
        if isinstance(out.get(name), str):
            out[name] = japanese.normalize_digits(out[name]).upper()
    if isinstance(out.get("postal_code"), str) and out["postal_code"]:
        out["postal_code"] = japanese.normalize_postal_code(out["postal_code"])
    if isinstance(out.get("service_type_codes"), str):
        codes, unknown = rules.parse_service_type_codes(out["service_type_codes"])
        out["service_type_codes"] = codes + unknown  # unknown codes are reported by _check_provider
    return out


def _check_provider(provider: Provider) -> None:
    errors: dict[str, str] = {}
    unknown = [c for c in provider.service_type_codes if c not in rules.SERVICE_TYPES]
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
def provider_create(*, actor: User, **fields: Any) -> Provider:
    require_permission(actor, "directory.edit")
    provider = Provider(office_id=actor.office_id, **_normalize(fields))
    return create_audited(actor=actor, instance=provider, check=_check_provider)


@transaction.atomic
def provider_update(*, actor: User, provider: Provider, **fields: Any) -> Provider:
    require_permission(actor, "directory.edit")
    return update_audited(actor=actor, instance=provider, fields=_normalize(fields), check=_check_provider)


@transaction.atomic
def resource_create(*, actor: User, **fields: Any) -> Resource:
    require_permission(actor, "directory.edit")
    return create_audited(actor=actor, instance=Resource(office_id=actor.office_id, **_normalize(fields)))


@transaction.atomic
def resource_update(*, actor: User, resource: Resource, **fields: Any) -> Resource:
    require_permission(actor, "directory.edit")
    return update_audited(actor=actor, instance=resource, fields=_normalize(fields))


@transaction.atomic
def specialist_create(*, actor: User, **fields: Any) -> Specialist:
    require_permission(actor, "directory.edit")
    return create_audited(actor=actor, instance=Specialist(office_id=actor.office_id, **_normalize(fields)))


@transaction.atomic
def specialist_update(*, actor: User, specialist: Specialist, **fields: Any) -> Specialist:
    require_permission(actor, "directory.edit")
    return update_audited(actor=actor, instance=specialist, fields=_normalize(fields))
