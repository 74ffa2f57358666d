"""`carebridge audit verify [--office N]`: check the audit trail's hash chains.

Walks each office's chain in id order (and the chain of events without an office), streaming the
rows, and prints per chain `OK n events` with its latest hash — worth writing down elsewhere every
day: a chain recomputed from scratch by someone with full database access would still verify, but
would no longer end at the hash written down — or the first broken link. Exit status 0 when every
chain verifies, 1 otherwise.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from carebridge.core import messages
from carebridge.core.audit import chained_fields
from carebridge.core.audit_chain import ChainReport, ChainVerifier, StoredEvent
from carebridge.core.models import AuditEvent

_REASONS = {"hash": messages.AUDIT_CHAIN_HASH_MISMATCH, "prev_link": messages.AUDIT_CHAIN_LINK_MISMATCH}


def chain_office_ids(office: int | None) -> list[int | None]:
    """The chains to check: one office's, or every office's and the office-less one (None)."""
    if office is not None:
        return [office]
    ids = AuditEvent.objects.order_by().values_list("office_id", flat=True).distinct()
    return sorted(ids, key=lambda i: (i is not None, i or 0))


def verify_office(office_id: int | None, *, progress: bool = False) -> ChainReport:
    """Check one chain, reading its rows in id order a chunk at a time (constant memory)."""
    events = (
        AuditEvent.objects.filter(office_id=office_id)
        if office_id is not None
        else AuditEvent.objects.filter(office__isnull=True)
    )
    events = events.order_by("id")
    total = events.count() if progress else None
    verifier = ChainVerifier(office_id)
    with tqdm(total=total, disable=not progress, unit="件", desc=_chain_name(office_id), leave=False) as bar:
        for event in events.iterator(chunk_size=2000):
            stored = StoredEvent(id=event.pk, fields=chained_fields(event), prev_hash=event.prev_hash, hash=event.hash)
            bar.update(1)
            if verifier.feed(stored) is not None:
                break
    return verifier.report()


def _chain_name(office_id: int | None) -> str:
    return messages.AUDIT_CHAIN_NO_OFFICE if office_id is None else messages.AUDIT_CHAIN_OFFICE.format(office=office_id)


class Command(BaseCommand):
    help = "監査ログのハッシュ連鎖を検証します（audit verify [--office 事業所ID]）。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        verify = sub.add_parser("verify", help="事業所ごとのハッシュ連鎖を検証し、最新のハッシュを表示します。")
        verify.add_argument("--office", type=int, default=None, help="この事業所（ID）の連鎖だけを検証します。")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] != "verify":  # pragma: no cover - argparse refuses other names
            raise CommandError(options["subcommand"])
        progress = bool(getattr(self.stdout, "isatty", lambda: False)()) and sys.stderr.isatty()
        broken = False
        for office_id in chain_office_ids(options["office"]):
            report = verify_office(office_id, progress=progress)
            name = _chain_name(office_id)
            if report.broken is None:
                self.stdout.write(messages.AUDIT_CHAIN_OK.format(chain=name, count=report.count, hash=report.last_hash))
                continue
            broken = True
            fault = report.broken
            self.stdout.write(
                messages.AUDIT_CHAIN_BROKEN.format(
                    chain=name,
                    event=fault.event_id,
                    reason=_REASONS[fault.reason],
                    expected=fault.expected,
                    found=fault.found,
                )
            )
        if broken:
            raise CommandError(messages.AUDIT_CHAIN_FAILED, returncode=1)
