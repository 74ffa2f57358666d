"""Gates of the directory: an office's providers, resources and specialists (directory.view to
see, directory.edit to change)."""

from __future__ import annotations

from carebridge.core.access import access_office_record
from carebridge.core.models import User

from .models import Provider, Resource, Specialist

Entry = Provider | Resource | Specialist


def _edit(for_edit: bool) -> str | None:
    return "directory.edit" if for_edit else None


def access_provider(actor: User, provider_id: object, *, for_edit: bool = False) -> Provider:
    return access_office_record(
        actor, Provider.objects.all(), provider_id, "directory.view", edit_permission=_edit(for_edit)
    )


def access_resource(actor: User, resource_id: object, *, for_edit: bool = False) -> Resource:
    return access_office_record(
        actor, Resource.objects.all(), resource_id, "directory.view", edit_permission=_edit(for_edit)
    )


def access_specialist(actor: User, specialist_id: object, *, for_edit: bool = False) -> Specialist:
    return access_office_record(
        actor, Specialist.objects.all(), specialist_id, "directory.view", edit_permission=_edit(for_edit)
    )
