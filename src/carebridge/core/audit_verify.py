"""Verification of the audit trail's hash chains as stored (core/audit_chain.py walks them): one
office's chain read in id order a chunk at a time, constant memory. Used by `carebridge audit
verify` and by the API's GET /api/v1/audit/verify (an office's own chain, for its 管理者)."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import QuerySet

from .audit import chained_fields
from .audit_chain import ChainReport, ChainVerifier, StoredEvent
from .models import AuditEvent


def _no_progress(done: int) -> object:
    return None


def chain_office_ids(office: int | None) -> list[int | None]:
    """The chains to check: one office's, or every office's and the office-less one (None)."""
    if office is not None:
        return [office]
    ids = AuditEvent.objects.order_by().values_list("office_id", flat=True).distinct()
    return sorted(ids, key=lambda i: (i is not None, i or 0))


def chain_length(office_id: int | None) -> int:
    return _events(office_id).count()


def _events(office_id: int | None) -> QuerySet[AuditEvent]:
    if office_id is None:
        return AuditEvent.objects.filter(office__isnull=True)
    return AuditEvent.objects.filter(office_id=office_id)


def verify_office(office_id: int | None, *, step: Callable[[int], object] = _no_progress) -> ChainReport:
    """Check one chain, reading its rows in id order a chunk at a time; `step(1)` per event read."""
    verifier = ChainVerifier(office_id)
    for event in _events(office_id).order_by("id").iterator(chunk_size=2000):
        stored = StoredEvent(id=event.pk, fields=chained_fields(event), prev_hash=event.prev_hash, hash=event.hash)
        step(1)
        if verifier.feed(stored) is not None:
            break
    return verifier.report()
