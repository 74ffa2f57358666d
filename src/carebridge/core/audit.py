"""Writing the audit trail. Called by services inside their transaction, never by views."""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from . import request_context
from .audit_chain import GENESIS, ChainedFields, event_hash
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
    if isinstance(value, bytes | memoryview):  # a stored file: its size and hash, not its bytes
        data = bytes(value)
        return {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
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
    return append_event(
        actor=actor,
        office_id=office_id,
        subject_type=subject._meta.label_lower,
        subject_id=str(subject.pk),
        event_type=event_type,
        changes=changes,
        client_id=client_id,
        action=action or action_name(subject, event_type),
    )


# pg_advisory_xact_lock(namespace, key): the namespace keeps these locks apart from any other use.
_CHAIN_LOCK_NAMESPACE = 0x43424144  # "CBAD"


def _lock_chain(office_id: int | None) -> None:
    """Queue the writers of one office's chain until the holder's transaction ends, so two of them
    never link to the same previous event. SQLite lets one writer at a time anyway. (The read of
    the last hash after the lock sees the holder's commit: READ COMMITTED, Django's default, takes a
    fresh snapshot per statement.)"""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            key = (office_id or 0) % 2**31  # a collision only makes two chains queue together
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_CHAIN_LOCK_NAMESPACE, key])


def _last_hash(office_id: int | None) -> str:
    events = (
        AuditEvent.objects.filter(office_id=office_id)
        if office_id is not None
        else AuditEvent.objects.filter(office__isnull=True)
    )
    last = events.order_by("-id").values_list("hash", flat=True).first()
    return last if last is not None else GENESIS


def append_event(
    *,
    actor: User | None,
    office_id: int | None,
    subject_type: str,
    subject_id: str,
    event_type: str,
    action: str,
    changes: Mapping[str, Any] | None = None,
    client_id: int | None = None,
) -> AuditEvent:
    """Insert one event at the end of its office's hash chain (core/audit_chain.py)."""
    info = request_context.current()
    event = AuditEvent(
        actor=actor if actor is not None and actor.pk else None,
        office_id=office_id,
        subject_type=subject_type,
        subject_id=subject_id,
        client_id=client_id,
        event_type=event_type,
        action=action,
        # As the database will give it back (tuples as lists, keys as text): what is hashed is what is stored.
        changes=json.loads(json.dumps(dict(changes or {}))),
        request_id=info.request_id,
        client_request_id=info.client_request_id,
        ip_address=info.ip_address,
    )
    # Inside the caller's transaction (no savepoint: a failed insert fails the write), or its own.
    with transaction.atomic(savepoint=False):
        _lock_chain(office_id)
        event.created_at = timezone.now()  # after the lock: times follow the chain's order
        event.prev_hash = _last_hash(office_id)
        event.hash = event_hash(chained_fields(event), event.prev_hash)
        event.save(force_insert=True)
    return event


def chained_fields(event: AuditEvent) -> ChainedFields:
    """The values of an event its hash covers."""
    return ChainedFields(
        created_at=event.created_at,
        actor_id=event.actor_id,
        office_id=event.office_id,
        subject_type=event.subject_type,
        subject_id=event.subject_id,
        client_id=event.client_id,
        event_type=event.event_type,
        action=event.action,
        changes=event.changes,
        request_id=event.request_id,
        client_request_id=event.client_request_id,
        ip_address=event.ip_address,
    )


def user_office_id(user: User) -> int | None:
    """The office whose audit trail holds a user's events (a company user's: the contracting office)."""
    if user.office_id is not None:
        return user.office_id
    return user.company.office_id if user.company is not None else None


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
    return append_event(
        actor=actor,
        office_id=user_office_id(actor),  # a company user's reads go to the contracting office's trail
        subject_type=subject._meta.label_lower,
        subject_id="",
        client_id=ids[0] if len(ids) == 1 else None,
        event_type=AuditEvent.EventType.VIEW,
        action=action or f"{subject._meta.model_name}.{LISTED}",
        changes=changes,
    )
