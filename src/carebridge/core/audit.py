"""Writing the audit trail. Called by services inside their transaction, never by views."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models

from . import request_context
from .models import AuditEvent, User


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime | decimal.Decimal):
        return value.isoformat() if not isinstance(value, decimal.Decimal) else str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def snapshot(instance: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """Field values of a row as JSON-ready data (foreign keys as ids)."""
    names = (
        list(fields)
        if fields is not None
        else [f.attname for f in instance._meta.concrete_fields if f.name not in {"id", "created_at", "updated_at"}]
    )
    return {
        name.removesuffix("_id") if name.endswith("_id") else name: _plain(getattr(instance, name)) for name in names
    }


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """{field: {"old": …, "new": …}} for the fields whose value changed."""
    keys = set(before) | set(after)
    return {
        key: {"old": before.get(key), "new": after.get(key)}
        for key in sorted(keys)
        if before.get(key) != after.get(key)
    }


def audit_record(
    *,
    actor: User | None,
    office_id: int | None,
    subject: models.Model,
    event_type: str,
    changes: Mapping[str, Any] | None = None,
    client_id: int | None = None,
) -> AuditEvent:
    info = request_context.current()
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        office_id=office_id,
        subject_type=subject._meta.label_lower,
        subject_id=str(subject.pk),
        client_id=client_id,
        event_type=event_type,
        changes=dict(changes or {}),
        request_id=info.request_id,
        ip_address=info.ip_address,
    )


def audit_created(*, actor: User | None, instance: models.Model, client_id: int | None = None) -> AuditEvent:
    after = snapshot(instance)
    return audit_record(
        actor=actor,
        office_id=getattr(instance, "office_id", None),
        subject=instance,
        event_type=AuditEvent.EventType.CREATE,
        changes=diff({}, after),
        client_id=client_id,
    )
