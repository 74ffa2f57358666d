"""Reads of the core: the audit trail."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from .access import office_scope
from .models import AuditEvent, User


def audit_event_list(
    *,
    actor: User,
    user_id: int | None = None,
    client_id: int | None = None,
    event_type: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEvent]:
    qs = office_scope(actor, AuditEvent.objects.select_related("actor"), "audit.view")
    if user_id:
        qs = qs.filter(actor_id=user_id)
    if client_id:
        qs = qs.filter(client_id=client_id)
    if event_type:
        qs = qs.filter(event_type=event_type)
    if date_from:
        qs = qs.filter(created_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(created_at__date__lte=date_to)
    return qs.order_by("-created_at", "-id")


def office_users(*, actor: User) -> QuerySet[User]:
    if actor.office_id is None:
        return User.objects.none()
    return User.objects.filter(office_id=actor.office_id).order_by("username")
