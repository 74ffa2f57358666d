"""The two shapes every audited write takes: create a row, or change some of its fields.

Services call these inside their own transaction after applying the domain rules; each call
validates the row (full_clean, including constraints) and writes exactly one AuditEvent.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models

from .audit import audit_created, audit_record, diff, snapshot
from .models import AuditEvent, User

M = TypeVar("M", bound=models.Model)


def validate(instance: M, check: Callable[[M], None] | None) -> None:
    """Run the domain check and the model validation; raise all their errors at once."""
    errors: dict[str, list[ValidationError]] = {}
    if check is not None:
        try:
            check(instance)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
    try:
        # Constraints are not re-validated here: each one has a service check that names the
        # field in Japanese (and the database enforces it); validating both would say it twice.
        instance.full_clean(validate_constraints=False)
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def create_audited(
    *, actor: User | None, instance: M, client_id: int | None = None, check: Callable[[M], None] | None = None
) -> M:
    """Validate (domain `check` and full_clean, errors of both reported), save, audit."""
    validate(instance, check)
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
    validate(instance, check)
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
