"""The four shapes every audited write takes: create a row, change some of its editable fields,
delete it, or move it along its lifecycle.

Services call these inside their own transaction after applying the domain rules; each call
validates the row (full_clean) and writes one AuditEvent in the same transaction. Nothing else
in a service writes to the database: no `QuerySet.update()`, no `objects.create`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max, ProtectedError

from . import messages
from .audit import audit_record, diff, plain, snapshot
from .models import AuditEvent, Office, User
from .validators import field_limit_errors

M = TypeVar("M", bound=models.Model)
Check = Callable[[M], None]


class StaleWriteError(ValidationError):
    """The row changed after the caller read it (HTTP 409 in the API, a form error in pages)."""

    def __init__(self) -> None:
        super().__init__(messages.STALE_WRITE, code=messages.STALE_WRITE.code)


def validate(instance: M, check: Check[M] | None) -> None:
    """Run the value limits (core/limits.py), the domain check and the model validation; raise all
    their errors at once (a field out of range is reported once, by its limit)."""
    errors: dict[str, list[ValidationError]] = {}
    out_of_range = field_limit_errors(instance)
    if out_of_range:
        errors = ValidationError(out_of_range).update_error_dict(errors)
    if check is not None and not out_of_range:  # the rules may compute with the values: only sane ones
        try:
            check(instance)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
    try:
        # Constraints are not re-validated here: each one has a service check that names the
        # field in Japanese (and the database enforces it); validating both would say it twice.
        instance.full_clean(exclude=[*out_of_range, *held_relations(instance)], validate_constraints=False)
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def held_relations(instance: models.Model) -> list[str]:
    """The foreign keys whose target the instance holds as a row read from the database (a gate or
    a selector gave it): full_clean would query for that row again, one query per key and per
    write. A key set by id, or one whose field limits its choices, is still validated."""
    held = []
    cache = instance._state.fields_cache
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.ForeignKey) or field.name not in cache or field.remote_field.limit_choices_to:
            continue
        target = cache[field.name]
        if (
            target is not None
            and not target._state.adding
            and getattr(target, field.target_field.attname) == getattr(instance, field.attname)
        ):
            held.append(field.name)
    return held


def _office_of(instance: models.Model, office_id: int | None) -> int | None:
    """The office an event belongs to: given, or the row's own office_id (tenant rows carry it)."""
    if office_id is not None:
        return office_id
    if isinstance(instance, Office):
        return instance.pk
    value = getattr(instance, "office_id", None)
    return value if isinstance(value, int) else None


def _has_updated_at(instance: models.Model) -> bool:
    return any(f.name == "updated_at" for f in instance._meta.concrete_fields)


def _same_stamp(stored: object, expected: dt.datetime) -> bool:
    """updated_at as the caller read it. JSON carries milliseconds only (DjangoJSONEncoder), so
    the stamps are compared to the millisecond."""
    if not isinstance(stored, dt.datetime):
        return False
    try:
        return abs(stored - expected) < dt.timedelta(milliseconds=1) and stored.microsecond // 1000 == (
            expected.microsecond // 1000
        )
    except TypeError:  # a naive stamp against an aware one: not the same
        return False


def lock(instance: M) -> M:
    """Re-read the row under a row lock (PostgreSQL; SQLite serialises writers itself), so the
    checks below see what is stored now and no other transaction slips in until commit."""
    instance.refresh_from_db(from_queryset=type(instance)._default_manager.select_for_update())
    return instance


def next_number(*, parent: models.Model, rows: models.QuerySet[Any], field: str) -> int:
    """Max + 1 of `field` among `rows`. The parent row is locked first, so two concurrent creates
    of a version (or an order number) queue up instead of colliding on a unique constraint."""
    list(type(parent)._default_manager.select_for_update().filter(pk=parent.pk).values_list("pk", flat=True))
    return int(rows.aggregate(n=Max(field))["n"] or 0) + 1


def create_audited(
    *,
    actor: User | None,
    instance: M,
    client_id: int | None = None,
    check: Check[M] | None = None,
    action: str = "",
    extra: Mapping[str, Any] | None = None,
    office_id: int | None = None,
    is_client: bool = False,
) -> M:
    """Validate (domain `check` and full_clean, errors of both reported), save, audit.
    `extra` adds facts to the event that are not fields of the row (e.g. the version copied);
    `is_client`: the row is a client, so the event is filed under its own (new) id."""
    validate(instance, check)
    instance.save()
    if is_client:
        client_id = instance.pk
    changes = diff({}, snapshot(instance))
    for key, value in (extra or {}).items():
        changes[key] = {"old": None, "new": value}
    audit_record(
        actor=actor,
        office_id=_office_of(instance, office_id),
        subject=instance,
        event_type=AuditEvent.EventType.CREATE,
        changes=changes,
        client_id=client_id,
        action=action,
    )
    return instance


def update_audited(
    *,
    actor: User | None,
    instance: M,
    changes: Mapping[str, Any],
    editable: Collection[str],
    client_id: int | None = None,
    check: Check[M] | None = None,
    expected_updated_at: dt.datetime | None = None,
    action: str = "",
    office_id: int | None = None,
    extra: Mapping[str, Any] | None = None,
) -> M:
    """Change allow-listed fields and save only those that changed.

    A field outside `editable` is refused (status and ownership never are editable: lifecycle
    services move status). With `expected_updated_at` (what the caller read), a row changed
    since then is refused with StaleWriteError. No change: no write, no event. `extra` adds facts
    to the event that are not fields of the row (e.g. the reason for a correction).
    """
    refused = sorted(set(changes) - set(editable))
    if refused:
        raise ValidationError(dict.fromkeys(refused, messages.FIELD_NOT_EDITABLE))
    # What the caller means to change: the values that differ from the row as the caller read it.
    # Only those are applied to the row as it is now, so an edit of other fields since is kept.
    as_read = snapshot(instance, changes)
    wanted = {name: value for name, value in changes.items() if plain(value) != as_read[name]}
    lock(instance)
    if expected_updated_at is not None and not _same_stamp(getattr(instance, "updated_at", None), expected_updated_at):
        raise StaleWriteError
    before = snapshot(instance, wanted)
    for name, value in wanted.items():
        setattr(instance, name, value)
    changed = diff(before, snapshot(instance, wanted))
    if not changed:
        return instance
    validate(instance, check)
    instance.save(update_fields=[*changed, *(["updated_at"] if _has_updated_at(instance) else [])])
    for key, value in (extra or {}).items():
        changed[key] = {"old": None, "new": value}
    audit_record(
        actor=actor,
        office_id=_office_of(instance, office_id),
        subject=instance,
        event_type=AuditEvent.EventType.UPDATE,
        changes=changed,
        client_id=client_id,
        action=action,
    )
    return instance


def transition_audited(
    *,
    actor: User | None,
    instance: M,
    to: Any,
    allowed_from: Collection[Any],
    action: str,
    refused: messages.Message = messages.TRANSITION_REFUSED,
    field: str = "status",
    also: Mapping[str, Any] | None = None,
    client_id: int | None = None,
    office_id: int | None = None,
) -> M:
    """A lifecycle step: `field` moves to `to` from one of `allowed_from` (re-read under a lock),
    with the facts that come with the step (`also`, e.g. the service start date)."""
    lock(instance)
    if getattr(instance, field) not in allowed_from:
        raise ValidationError(refused, code=refused.code)
    names = [field, *(also or {})]
    before = snapshot(instance, names)
    setattr(instance, field, to)
    for name, value in (also or {}).items():
        setattr(instance, name, value)
    validate(instance, None)
    instance.save(update_fields=[*names, *(["updated_at"] if _has_updated_at(instance) else [])])
    audit_record(
        actor=actor,
        office_id=_office_of(instance, office_id),
        subject=instance,
        event_type=AuditEvent.EventType.UPDATE,
        changes=diff(before, snapshot(instance, names)),
        client_id=client_id,
        action=action,
    )
    return instance


def delete_audited(
    *,
    actor: User | None,
    instance: models.Model,
    client_id: int | None = None,
    details: Mapping[str, Any] | None = None,
    protected: messages.Message | None = None,
    action: str = "",
) -> None:
    """Delete a row (drafts only: what was agreed is never deleted), recording what it held and
    `details` (e.g. the rows removed with it). A row still referenced is refused with `protected`."""
    changes: dict[str, Any] = {key: {"old": value, "new": None} for key, value in snapshot(instance).items()}
    for key, value in (details or {}).items():
        changes[key] = {"old": value, "new": None}
    try:
        with transaction.atomic():
            audit_record(
                actor=actor,
                office_id=_office_of(instance, None),
                subject=instance,
                event_type=AuditEvent.EventType.DELETE,
                changes=changes,
                client_id=client_id,
                action=action,
            )
            instance.delete()
    except ProtectedError:
        message = protected or messages.ROW_IN_USE
        raise ValidationError(message, code=message.code) from None
