"""The two shapes every audited write takes: create a row, or change some of its fields.

Services call these inside their own transaction after applying the domain rules; each call
validates the row (full_clean, including constraints) and writes exactly one AuditEvent.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.db import models

from .audit import audit_created, audit_record, diff, snapshot
from .models import AuditEvent, User

M = TypeVar("M", bound=models.Model)


def create_audited(
    *, actor: User | None, instance: M, client_id: int | None = None, check: Callable[[M], None] | None = None
) -> M:
    """Validate (domain `check` first, then full_clean), save, audit."""
    if check is not None:
        check(instance)
    instance.full_clean()
    instance.save()
    audit_created(actor=actor, instance=instance, client_id=client_id)
    return instance


def update_audited(
    *,
    actor: User | None,
    instance: M,
    fields: Mapping[str, Any],
    client_id: int | None = None,
    event_type: str = AuditEvent.EventType.UPDATE,
    check: Callable[[M], None] | None = None,
) -> M:
    """Apply `fields`, validate, save and audit old/new values. No change: no write, no event."""
    before = snapshot(instance)
    for name, value in fields.items():
        setattr(instance, name, value)
    changes = diff(before, snapshot(instance))
    if not changes:
        return instance
    if check is not None:
        check(instance)
    instance.full_clean()
    instance.save()
    audit_record(
        actor=actor,
        office_id=getattr(instance, "office_id", None),
        subject=instance,
        event_type=event_type,
        changes=changes,
        client_id=client_id,
    )
    return instance
