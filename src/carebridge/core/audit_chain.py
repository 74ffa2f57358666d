"""The audit trail's hash chain: how one event is hashed and how a chain is checked.

Plain Python (no Django): the write door (core/audit.py), the data migration that chained the rows
written before the chain existed (core/migrations/0006) and `carebridge audit verify` share it.

Each office's events form one chain in id order (events without an office form their own chain).
An event's hash is SHA-256 over the canonical form of its stored values and the previous event's
hash (`GENESIS` for the first event of a chain). The canonical form is fixed for good — changing it
would break every stored chain — and is the same for a row read from SQLite or PostgreSQL, or
restored from a backup (pg_dump, the SQLite file, or Django's dumpdata/loaddata):

- a compact JSON object with sorted keys, UTF-8 (`ensure_ascii=False`);
- `created_at` in UTC, ISO 8601 to the millisecond (Django's JSON serializer keeps milliseconds);
- `changes` as the JSON value itself, its keys sorted at every depth;
- `ip_address` in Python's normal form (PostgreSQL's `inet` may spell an IPv6 address otherwise);
- the row's id is not hashed: the database assigns it after the hash is computed; the order is
  held by the links (`prev_hash`), so a deleted or reordered event breaks the chain all the same.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64
VERSION = 1


@dataclass(frozen=True)
class ChainedFields:
    """The stored values of one event that its hash covers."""

    created_at: dt.datetime
    actor_id: int | None
    office_id: int | None
    subject_type: str
    subject_id: str
    client_id: int | None
    event_type: str
    action: str
    changes: Any
    request_id: str
    client_request_id: str
    ip_address: str | None


def utc_millis(moment: dt.datetime) -> str:
    """An aware datetime as UTC ISO 8601 to the millisecond: 2026-12-02T05:41:20.123Z."""
    if moment.tzinfo is None:
        raise ValueError("created_at must be timezone-aware")
    utc = moment.astimezone(dt.UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def _ip(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return value


def canonical(fields: ChainedFields, prev_hash: str) -> bytes:
    """The bytes that are hashed for one event."""
    document = {
        "v": VERSION,
        "created_at": utc_millis(fields.created_at),
        "actor_id": fields.actor_id,
        "office_id": fields.office_id,
        "subject_type": fields.subject_type,
        "subject_id": fields.subject_id,
        "client_id": fields.client_id,
        "event_type": fields.event_type,
        "action": fields.action,
        "changes": fields.changes,
        "request_id": fields.request_id,
        "client_request_id": fields.client_request_id,
        "ip_address": _ip(fields.ip_address),
        "prev_hash": prev_hash,
    }
    text = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.encode("utf-8", errors="surrogatepass")


def event_hash(fields: ChainedFields, prev_hash: str) -> str:
    return hashlib.sha256(canonical(fields, prev_hash)).hexdigest()


@dataclass(frozen=True)
class StoredEvent:
    """One stored event as the verifier reads it."""

    id: int
    fields: ChainedFields
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class Break:
    """The first broken link of a chain: the event, and what is wrong with it."""

    event_id: int
    reason: str  # "prev_link": prev_hash is not the previous event's hash; "hash": the row was altered
    expected: str
    found: str


@dataclass(frozen=True)
class ChainReport:
    office_id: int | None
    count: int
    last_hash: str
    broken: Break | None


class ChainVerifier:
    """Checks one chain an event at a time (constant memory); stops at the first broken link."""

    def __init__(self, office_id: int | None) -> None:
        self.office_id = office_id
        self.count = 0
        self.last_hash = GENESIS
        self.broken: Break | None = None

    def feed(self, event: StoredEvent) -> Break | None:
        if self.broken is not None:
            return self.broken
        self.count += 1
        if event.prev_hash != self.last_hash:
            self.broken = Break(event.id, "prev_link", self.last_hash, event.prev_hash)
            return self.broken
        computed = event_hash(event.fields, event.prev_hash)
        if computed != event.hash:
            self.broken = Break(event.id, "hash", computed, event.hash)
            return self.broken
        self.last_hash = event.hash
        return None

    def report(self) -> ChainReport:
        return ChainReport(self.office_id, self.count, self.last_hash, self.broken)


def verify_chain(office_id: int | None, events: Iterable[StoredEvent]) -> ChainReport:
    """Walk one chain (events in id order) to its end or its first broken link."""
    verifier = ChainVerifier(office_id)
    for event in events:
        if verifier.feed(event) is not None:
            break
    return verifier.report()
