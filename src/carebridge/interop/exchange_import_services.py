"""The write of an actuals import (UPJSK/DLTJSK → 第6表 実績): all or nothing over every file given,
through billing's own service (billing.slip_services.slip_actuals_replace: audited per line, a closed
month corrected by a new slip version), and one receipt record per send unit (ExchangeSend, direction
import, content actuals, files with SHA-256, months and clients; audited `exchange.import`).

Entry point for callers and tests: `exchange_actuals_import(actor=…, office=…, files=[(name, bytes)])`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from carebridge.billing.slip_services import slip_actuals_replace
from carebridge.core.access import require_permission
from carebridge.core.messages import Message
from carebridge.core.models import Office, User
from carebridge.core.writes import create_audited
from carebridge.directory.models import Provider

from .exchange_import import FileFacts
from .exchange_import_preview import ImportPreview, preview_import
from .models import ExchangeSend, SendContent, SendDirection

INVALID = Message("exchange_import_invalid", "取込ファイルに{count}件の誤りがあるため、何も取り込んでいません。")
UNMATCHED = Message(
    "exchange_import_unmatched",
    "取り込めない実績が{count}件あります（利用者・利用票・行が見つかりません）。確認のうえ、残りを取り込んでください。",
)
STALE = Message("exchange_import_stale", "確認のあとで利用票が変わりました。もう一度確認してから取り込んでください。")
OTHER_OFFICE = Message("exchange_import_other_office", "他の事業所のデータは取り込めません。")


@dataclass
class ImportResult:
    preview: ImportPreview
    sends: list[ExchangeSend] = field(default_factory=list)

    @property
    def changed_lines(self) -> int:
        return self.preview.changed_lines


def _refuse(preview: ImportPreview) -> None:
    problems = [p.render() for p in preview.problems]
    message = INVALID.format(count=len(problems))
    raise ValidationError([message, *problems[:200]], code=message.code)


def _record(
    *,
    actor: User,
    office: Office,
    files: list[FileFacts],
    client_ids: list[int],
    months: list[str],
    moment: dt.datetime,
    via: str,
) -> ExchangeSend:
    first = files[0]
    provider = Provider.objects.filter(office=office, provider_number=first.counterpart_number).order_by("pk").first()
    if len(files) == 1:
        digest = first.sha256
    else:  # a send unit of several files: the hash of their names and hashes, in name order
        digest = hashlib.sha256("".join(f"{f.name} {f.sha256}\n" for f in files).encode()).hexdigest()
    send = ExchangeSend(
        office=office,
        direction=SendDirection.IMPORT,
        content=SendContent.ACTUALS,
        provider=provider,
        counterpart_number=first.counterpart_number,
        counterpart_type=first.counterpart_type,
        counterpart_name=(provider.name if provider else "")[:100],
        stamp=first.stamp,
        sent_at=moment,
        sent_by=actor,
        via=via,
        archive_name=first.name[:120],
        archive_sha256=digest,
        files=[{"name": f.name, "sha256": f.sha256, "bytes": f.size, "records": f.records} for f in files],
        months=months,
    )
    create_audited(
        actor=actor,
        instance=send,
        client_id=client_ids[0] if len(client_ids) == 1 else None,
        action="exchange.import",
        extra={"client_ids": client_ids},
        office_id=office.pk,
    )
    send.clients.set(client_ids)
    return send


@transaction.atomic
def exchange_actuals_import(
    *,
    actor: User,
    office: Office,
    files: Sequence[tuple[str, bytes]],
    accept_unmatched: bool = False,
    expected_fingerprint: str | None = None,
    via: str = "web",
) -> ImportResult:
    """Import UPJSK/DLTJSK files into the 第6表 actuals. Refused (ValidationError, nothing written)
    on any format error in any file; on unmatched clients, slips or records unless
    `accept_unmatched` (then the rest is applied and those are left out); and when
    `expected_fingerprint` (the preview the user confirmed) no longer matches. Importing the same
    files again gives the same actuals (each report replaces its key's actuals)."""
    require_permission(actor, "care.edit")
    if actor.office_id != office.pk:
        raise ValidationError(OTHER_OFFICE, code=OTHER_OFFICE.code)
    preview = preview_import(office=office, files=files)
    if preview.blocked:
        _refuse(preview)
    if preview.unmatched and not accept_unmatched:
        message = UNMATCHED.format(count=len(preview.unmatched))
        raise ValidationError([message, *preview.unmatched[:200]], code=message.code)
    if expected_fingerprint is not None and expected_fingerprint != preview.fingerprint:
        raise ValidationError(STALE, code=STALE.code)
    by_file: dict[str, set[int]] = {}
    for row in preview.rows:
        if row.plan.slip is None:
            continue
        slip_actuals_replace(
            actor=actor,
            client=row.client,
            month=row.month,
            provider_number=row.group.provider_number,
            service_type=row.group.service_type,
            entries=row.entries,
            skip_unmatched=accept_unmatched,
            source=row.group.file,
        )
        by_file.setdefault(row.group.file, set()).add(row.client.pk)
    result = ImportResult(preview)
    units: dict[tuple[str, str], list[FileFacts]] = {}
    for facts in preview.parsed.files:
        units.setdefault((facts.counterpart_number, facts.stamp), []).append(facts)
    moment = timezone.now()
    for (_number, _stamp), unit_files in sorted(units.items()):
        unit_files.sort(key=lambda f: f.name)
        client_ids = sorted({pk for f in unit_files for pk in by_file.get(f.name, set())})
        months = sorted({f.month for f in unit_files})
        result.sends.append(
            _record(
                actor=actor,
                office=office,
                files=unit_files,
                client_ids=client_ids,
                months=months,
                moment=moment,
                via=via,
            )
        )
    return result
