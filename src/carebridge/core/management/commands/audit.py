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

from carebridge.core import audit_verify, messages
from carebridge.core.audit_chain import ChainReport
from carebridge.core.audit_verify import chain_length, chain_office_ids

_REASONS = {"hash": messages.AUDIT_CHAIN_HASH_MISMATCH, "prev_link": messages.AUDIT_CHAIN_LINK_MISMATCH}


def verify_office(office_id: int | None, *, progress: bool = False) -> ChainReport:
    """Check one chain (core/audit_verify.py) with a progress bar on a terminal."""
    total = chain_length(office_id) if progress else None
    with tqdm(total=total, disable=not progress, unit="件", desc=_chain_name(office_id), leave=False) as bar:
        return audit_verify.verify_office(office_id, step=bar.update)


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
