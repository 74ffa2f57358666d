"""Gates of the directory: an office's providers, resources and specialists (directory.view to
see, directory.edit to change)."""

from __future__ import annotations

from typing import TypeVar

from django.db import models

from carebridge.core.access import access_office_record
from carebridge.core.models import User

from .models import Provider, Resource, Specialist

E = TypeVar("E", Provider, Resource, Specialist)


def access_entry(actor: User, model: type[E], entry_id: object, *, for_edit: bool = False) -> E:
    queryset: models.QuerySet[E] = model._default_manager.all()
    return access_office_record(
        actor, queryset, entry_id, "directory.view", edit_permission="directory.edit" if for_edit else None
    )


def access_provider(actor: User, provider_id: object, *, for_edit: bool = False) -> Provider:
    return access_entry(actor, Provider, provider_id, for_edit=for_edit)
