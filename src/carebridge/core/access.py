"""Access gates: every read of tenant data goes through one of these.

A gate checks the office (and the role) before anything else and answers Http404 for a record
that is missing and for one the actor may not see alike, so ids of other offices leak nothing.
Company users (HR, employees) never pass these gates: what reaches an employer goes through the
consent-based sharing of the work–care module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404

from . import messages
from .roles import role_has

if TYPE_CHECKING:
    from carebridge.clients.models import Client

    from .models import User

M = TypeVar("M", bound=models.Model)


def has_permission(actor: User, permission: str) -> bool:
    return bool(
        actor.is_authenticated and actor.is_active and actor.office_id is not None and role_has(actor.role, permission)
    )


def require_permission(actor: User, permission: str) -> None:
    """For writes and pages: a same-office actor without the role gets 403 (PermissionDenied)."""
    if not has_permission(actor, permission):
        raise PermissionDenied(messages.PERMISSION_DENIED)


def office_scope(actor: User, queryset: models.QuerySet[M], permission: str) -> models.QuerySet[M]:
    """The rows of `queryset` in the actor's office, or none at all without the permission."""
    if not has_permission(actor, permission):
        return queryset.none()
    return queryset.filter(office_id=actor.office_id)


def access_office_record(actor: User, queryset: models.QuerySet[M], pk: object, permission: str) -> M:
    try:
        return office_scope(actor, queryset, permission).get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404(messages.NOT_FOUND) from None


def access_client(actor: User, client_id: object, *, permission: str = "client.view") -> Client:
    from carebridge.clients.models import Client

    return access_office_record(actor, Client.objects.select_related("care_manager"), client_id, permission)
