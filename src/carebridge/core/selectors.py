"""Reads of the core: the audit trail."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from .access import has_permission, office_id_of, office_scope
from .models import ApiToken, AuditEvent, User


def audit_event_list(
    *,
    actor: User,
    user_id: int | None = None,
    client_id: int | None = None,
    event_type: str = "",
    action: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEvent]:
    qs = office_scope(actor, AuditEvent.objects.select_related("actor"), "audit.view")
    if user_id:
        qs = qs.filter(actor_id=user_id)
    if client_id:
        qs = qs.filter(Q(client_id=client_id) | _lists_naming(client_id))
    if event_type:
        qs = qs.filter(event_type=event_type)
    if action:
        qs = qs.filter(action=action)
    if date_from:
        qs = qs.filter(created_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(created_at__date__lte=date_to)
    return qs.order_by("-created_at", "-id")


def _lists_naming(client_id: int) -> Q:
    """The list events (core/audit.py `audit_list`) whose `client_ids` hold the client: who saw
    this client in a list, a search or a report. PostgreSQL: jsonb containment; SQLite has none,
    so the array's JSON text (json_extract writes it without spaces) is matched by regex."""
    listed = Q(event_type=AuditEvent.EventType.VIEW, client_id__isnull=True, subject_id="")
    if connection.vendor == "postgresql":
        return listed & Q(changes__client_ids__contains=[client_id])
    return listed & Q(changes__client_ids__regex=rf"[\[,]{int(client_id)}[,\]]")


def audit_actions(*, actor: User) -> list[str]:
    """The actions found in the office's audit trail (for the viewer's filter; index office+action)."""
    qs = office_scope(actor, AuditEvent.objects.exclude(action=""), "audit.view")
    return list(qs.order_by().values_list("action", flat=True).distinct())


def office_users(*, actor: User) -> QuerySet[User]:
    if actor.office_id is None:
        return User.objects.none()
    return User.objects.filter(office_id=actor.office_id).order_by("username")


def office_user(*, actor: User, user_id: int) -> User | None:
    """A user of the actor's office (for pickers such as the assigned care manager), else None."""
    if actor.office_id is None:
        return None
    return User.objects.filter(pk=user_id, office_id=actor.office_id).first()


def office_staff(*, actor: User) -> QuerySet[User]:
    """The accounts of the actor's office, active first (office.admin), each with `has_totp`
    (a confirmed authenticator app: login asks for its code)."""
    totp = TOTPDevice.objects.filter(user_id=OuterRef("pk"), confirmed=True)
    return (
        office_scope(actor, User.objects.all(), "office.admin")
        .annotate(has_totp=Exists(totp))
        .order_by("-is_active", "username")
    )


def office_tokens(*, actor: User) -> QuerySet[ApiToken]:
    """The API tokens of the office's users, newest first (office.admin). Only a prefix is kept."""
    if not has_permission(actor, "office.admin"):
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user__office_id=office_id_of(actor)).select_related("user").order_by("-created_at")
