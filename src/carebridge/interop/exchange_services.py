"""Writes of the care-plan exchange: build the files of a send unit, zip them per destination and
record the send (ExchangeSend, audited) in one transaction.

A send unit has one ファイル連番 (the 14-digit stamp in every file name); stamps of an office never
repeat (a later send in the same second takes the next second), so a provider processing units in
連番 order (rules-v4.1.md §3) never sees two units collide.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from carebridge.careplans.models import CarePlan, DeliveryMethod, PlanDelivery, PlanStatus
from carebridge.careplans.services import plan_delivery_record
from carebridge.core.access import require_permission
from carebridge.core.models import Office, User
from carebridge.core.writes import create_audited
from carebridge.directory.models import Provider

from . import exchange_plan
from .exchange_layout import PLAN_SET
from .exchange_names import NO_MONTH, file_name, stamp_moment, stamp_of
from .exchange_writer import Replacement, write_file
from .models import ExchangeSend, SendContent, SendDirection

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
# A plan is delivered (交付) after consent (careplans.services.plan_delivery_record).
DELIVERABLE = frozenset({PlanStatus.CONSENTED, PlanStatus.DELIVERED, PlanStatus.ACTIVE})


@dataclass(frozen=True)
class ExchangeFile:
    name: str
    data: bytes
    records: int

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class ExchangeArchive:
    """One zip for one destination, and the send record made for it."""

    name: str
    data: bytes
    files: list[ExchangeFile]
    replacements: list[str]
    send: ExchangeSend | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class ExportResult:
    archives: list[ExchangeArchive] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def zip_files(files: Sequence[ExchangeFile], moment: dt.datetime) -> bytes:
    """A deterministic zip (fixed order, the send's time on every entry)."""
    buffer = io.BytesIO()
    stamp = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for item in files:
            info = zipfile.ZipInfo(item.name, date_time=stamp if moment.year >= 1980 else ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, item.data)
    return buffer.getvalue()


def next_stamp(office: Office, moment: dt.datetime) -> tuple[str, dt.datetime]:
    """The ファイル連番 for a new send unit: the moment's, or one second after the office's last."""
    local = timezone.localtime(moment if timezone.is_aware(moment) else timezone.make_aware(moment))
    stamp = stamp_of(local)
    # Our own sends only: an imported file carries the provider's 連番, from the provider's clock.
    last = ExchangeSend.objects.filter(office=office, direction=SendDirection.EXPORT).aggregate(m=Max("stamp"))["m"]
    if last is not None and last >= stamp:
        previous = stamp_moment(last, timezone.get_current_timezone())
        if previous is not None:
            local = previous + dt.timedelta(seconds=1)
            stamp = stamp_of(local)
    return stamp, local


def _replacement_notes(kind: str, replacements: Sequence[Replacement]) -> list[str]:
    return [f"{kind}: {r.message()}" for r in replacements]


def _check_actor(actor: User | None, office: Office) -> None:
    if actor is None:  # the console command: the operator of the server
        return
    require_permission(actor, "care.edit")
    if actor.office_id != office.pk:
        raise ValidationError("他の事業所のデータは出力できません")


def _record(
    *,
    actor: User | None,
    office: Office,
    content: str,
    archive: ExchangeArchive,
    destination: exchange_plan.Destination,
    stamp: str,
    moment: dt.datetime,
    plans: Sequence[CarePlan],
    months: Sequence[str],
    via: str,
) -> ExchangeSend:
    provider = (
        Provider.objects.filter(pk=destination.provider_id, office=office).first() if destination.provider_id else None
    )
    send = ExchangeSend(
        office=office,
        direction=SendDirection.EXPORT,
        content=content,
        provider=provider,
        counterpart_number=destination.number,
        counterpart_type=destination.service_type,
        counterpart_name=destination.name[:100],
        stamp=stamp,
        sent_at=moment if timezone.is_aware(moment) else timezone.make_aware(moment),
        sent_by=actor,
        via=via,
        archive_name=archive.name,
        archive_sha256=archive.sha256,
        files=[{"name": f.name, "sha256": f.sha256, "bytes": len(f.data), "records": f.records} for f in archive.files],
        months=list(months),
        replacements=archive.replacements,
    )
    client_ids = sorted({p.client_id for p in plans})
    create_audited(
        actor=actor,
        instance=send,
        client_id=client_ids[0] if len(client_ids) == 1 else None,
        action="exchange.withdrawal" if content == SendContent.PLAN_WITHDRAWAL else "exchange.send",
        extra={"plan_ids": sorted(p.pk for p in plans), "client_ids": client_ids},
        office_id=office.pk,
    )
    send.plans.set(plans)
    send.clients.set(client_ids)
    archive.send = send
    return send


def _archive_name(office: Office, destination: exchange_plan.Destination, stamp: str, label: str) -> str:
    return f"{label}_{office.office_number}_{destination.number}_{destination.service_type}_{stamp}.zip"


@transaction.atomic
def exchange_plan_export(
    *,
    actor: User | None,
    office: Office,
    plans: Sequence[CarePlan],
    moment: dt.datetime | None = None,
    via: str = "web",
    only: tuple[str, str] | None = None,
) -> ExportResult:
    """The plan set (UPHOSOKU 000000, UP1KYO, UP2KYO, UP3KYO) of these plan versions, one zip per
    destination, all in one send unit (one stamp); a send record per destination. `only`
    (事業所番号, サービス種類) limits the export to one destination."""
    _check_actor(actor, office)
    if any(p.office_id != office.pk for p in plans):
        raise ValidationError("他の事業所の計画は出力できません")
    built = exchange_plan.build_plan_sets(plans, office)
    if only is not None:
        built.sets = [s for s in built.sets if (s.destination.number, s.destination.service_type) == only]
        if not built.sets:
            raise ValidationError({"destination": "この計画の送信先ではありません"})
    result = ExportResult(skipped=built.skipped)
    if not built.sets:
        return result
    stamp, local = next_stamp(office, moment or timezone.now())
    for file_set in built.sets:
        dest = file_set.destination
        files: list[ExchangeFile] = []
        notes: list[str] = []
        for kind in PLAN_SET:
            written = write_file(kind, file_set.rows[kind])
            name = file_name(
                kind,
                sender_number=office.office_number,
                receiver_number=dest.number,
                receiver_type=dest.service_type,
                stamp=stamp,
                month=NO_MONTH if kind == "UPHOSOKU" else None,
            )
            files.append(ExchangeFile(name, written.data, written.records))
            notes += _replacement_notes(kind, written.replacements)
        archive = ExchangeArchive(_archive_name(office, dest, stamp, "CAREPLAN"), zip_files(files, local), files, notes)
        _record(
            actor=actor,
            office=office,
            content=SendContent.PLAN,
            archive=archive,
            destination=dest,
            stamp=stamp,
            moment=local,
            plans=file_set.plans,
            months=[],
            via=via,
        )
        result.archives.append(archive)
    return result


@transaction.atomic
def exchange_plan_withdraw(
    *,
    actor: User | None,
    plan: CarePlan,
    moment: dt.datetime | None = None,
    via: str = "web",
    only: tuple[str, str] | None = None,
) -> ExportResult:
    """DLT1KYO (send unit 3, on its own): withdraws the plan's 1表, 2表 and 3表 at every provider
    that received it — the destinations of the plan — one zip per destination."""
    office = plan.office
    _check_actor(actor, office)
    full = exchange_plan.plan_for_exchange(plan.pk)
    skipped: list[str] = []
    targets = exchange_plan.destinations(full, skipped)
    if only is not None:
        targets = [t for t in targets if (t.number, t.service_type) == only]
        if not targets:
            raise ValidationError({"destination": "この計画の送信先ではありません"})
    result = ExportResult(skipped=skipped)
    if not targets:
        result.skipped.append(f"{full.client.name}: 取消を送る相手（連携対象の事業所）がありません")
        return result
    stamp, local = next_stamp(office, moment or timezone.now())
    rows = exchange_plan.withdrawal_rows(full)
    for dest in targets:
        written = write_file("DLT1KYO", rows)
        name = file_name(
            "DLT1KYO",
            sender_number=office.office_number,
            receiver_number=dest.number,
            receiver_type=dest.service_type,
            stamp=stamp,
        )
        files = [ExchangeFile(name, written.data, written.records)]
        archive = ExchangeArchive(
            _archive_name(office, dest, stamp, "CAREPLAN_DLT"),
            zip_files(files, local),
            files,
            _replacement_notes("DLT1KYO", written.replacements),
        )
        _record(
            actor=actor,
            office=office,
            content=SendContent.PLAN_WITHDRAWAL,
            archive=archive,
            destination=dest,
            stamp=stamp,
            moment=local,
            plans=[full],
            months=[],
            via=via,
        )
        result.archives.append(archive)
    return result


@transaction.atomic
def exchange_send_deliver(*, actor: User, send: ExchangeSend) -> list[PlanDelivery]:
    """Record the 交付 of the plans a send carried to its destination provider (method ケアプラン
    データ連携, on the day of the send) through careplans' own service (its rules and audit). Plans
    already delivered to that provider are skipped; a send that delivers nothing is refused."""
    require_permission(actor, "care.edit")
    if actor.office_id != send.office_id:
        raise ValidationError("他の事業所の送信記録です")
    if send.content != SendContent.PLAN or send.direction != SendDirection.EXPORT or send.provider is None:
        raise ValidationError("計画書を事業所に送った記録だけが交付として記録できます")
    delivered_on = timezone.localtime(send.sent_at).date()
    recorded: list[PlanDelivery] = []
    for plan in send.plans.select_related("client", "office").order_by("pk"):
        if plan.status not in DELIVERABLE or plan.deliveries.filter(provider=send.provider).exists():
            continue
        recorded.append(
            plan_delivery_record(
                actor=actor,
                plan=plan,
                provider=send.provider,
                delivered_on=delivered_on,
                method=DeliveryMethod.EXCHANGE_FILE,
            )
        )
    if not recorded:
        raise ValidationError("交付として記録できる計画がありません（同意前か、記録済みです）")
    return recorded
