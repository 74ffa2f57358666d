"""Writing the audit trail. Called by services inside their transaction, never by views."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models

from . import request_context
from .models import AuditEvent, User

# The verb of an event kind in an action name: "client.created", "careplan.updated", …
_VERBS = {
    AuditEvent.EventType.CREATE: "created",
    AuditEvent.EventType.UPDATE: "updated",
    AuditEvent.EventType.DELETE: "deleted",
    AuditEvent.EventType.VIEW: "viewed",
    AuditEvent.EventType.TOKEN: "issued",
}
# The verb of a read of many records at once (a list, a search, a report, an export).
LISTED = "listed"


def plain(value: Any) -> Any:
    """A value as JSON-ready data: dates as ISO text, Decimals as text, rows as their ids."""
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


# Secrets never enter the trail: a password hash, a TOTP device's shared key.
_NOT_AUDITED = frozenset({"id", "created_at", "updated_at", "password", "key"})


def snapshot(instance: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """Field values of a row by field name, as JSON-ready data (foreign keys as ids)."""
    meta = instance._meta
    names = list(fields) if fields is not None else [f.name for f in meta.concrete_fields if f.name not in _NOT_AUDITED]
    return {name: plain(getattr(instance, attname(instance, name))) for name in names}


def attname(instance: models.Model | type[models.Model], name: str) -> str:
    """The attribute that holds a field's stored value ("care_manager" -> "care_manager_id")."""
    field = instance._meta.get_field(name)
    return field.attname if isinstance(field, models.Field) else name


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """{field: {"old": …, "new": …}} for the fields whose value changed."""
    keys = set(before) | set(after)
    return {
        key: {"old": before.get(key), "new": after.get(key)}
        for key in sorted(keys)
        if before.get(key) != after.get(key)
    }


def action_name(subject: models.Model | type[models.Model], event_type: str) -> str:
    """The default action of an event: `<model>.<verb>`, e.g. "client.created"."""
    return f"{subject._meta.model_name}.{_VERBS[AuditEvent.EventType(event_type)]}"


def audit_record(
    *,
    actor: User | None,
    office_id: int | None,
    subject: models.Model,
    event_type: str,
    changes: Mapping[str, Any] | None = None,
    client_id: int | None = None,
    action: str = "",
) -> AuditEvent:
    info = request_context.current()
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        office_id=office_id,
        subject_type=subject._meta.label_lower,
        subject_id=str(subject.pk),
        client_id=client_id,
        event_type=event_type,
        action=action or action_name(subject, event_type),
        changes=dict(changes or {}),
        request_id=info.request_id,
        ip_address=info.ip_address,
    )


def audit_view(*, actor: User, subject: models.Model, client_id: int | None) -> AuditEvent:
    """A read of a personal record (MHLW security guideline for medical/care systems: access logs)."""
    return audit_record(
        actor=actor,
        office_id=getattr(subject, "office_id", None),
        subject=subject,
        event_type=AuditEvent.EventType.VIEW,
        client_id=client_id,
    )


def audit_list(
    *,
    actor: User,
    subject: type[models.Model],
    client_ids: Iterable[int | None],
    search: bool = False,
    page: int = 1,
    record_ids: Iterable[int] | None = None,
    action: str = "",
) -> AuditEvent:
    """A read of many records in one request (a list, a search, an API list, a report, a PDF):
    one compact event naming the ids of the clients shown, never their names nor the search
    text (a name typed into a search box is personal data too) — one INSERT, no other query.

    changes = {"client_ids": [...], "search": true, "page": n, "record_ids": [...]} where the
    last three appear only when they say something (a search was made, a page after the first,
    records that belong to no client yet, such as intakes). `client_id` is set when exactly one
    client was shown, so the viewer's client filter finds it.
    """
    ids = sorted({int(pk) for pk in client_ids if pk is not None})
    changes: dict[str, Any] = {"client_ids": ids}
    if search:
        changes["search"] = True
    if page != 1:
        changes["page"] = page
    if record_ids is not None:
        changes["record_ids"] = sorted({int(pk) for pk in record_ids})
    info = request_context.current()
    return AuditEvent.objects.create(
        actor=actor if actor.pk else None,
        office_id=actor.office_id,
        subject_type=subject._meta.label_lower,
        subject_id="",
        client_id=ids[0] if len(ids) == 1 else None,
        event_type=AuditEvent.EventType.VIEW,
        action=action or f"{subject._meta.model_name}.{LISTED}",
        changes=changes,
        request_id=info.request_id,
        ip_address=info.ip_address,
    )
