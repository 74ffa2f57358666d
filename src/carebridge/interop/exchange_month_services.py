"""Writes of the month set (send unit 2, rules-v4.1.md §3): UPHOSOKU (対象年月), UPPLAN and UPSIKYU
zipped per destination, and the DLTPLAN withdrawal (send unit 4, on its own). Each call is one send
unit with one ファイル連番 and leaves one ExchangeSend per destination (content month /
month_withdrawal, the month carried, the clients), audited like the plan sends."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from carebridge.clients.models import Client
from carebridge.core.models import Office, User
from carebridge.core.writes import create_audited
from carebridge.directory.models import Provider

from . import exchange_month
from .exchange_layout import MONTH_SET
from .exchange_names import file_name
from .exchange_plan import Destination
from .exchange_services import (
    ExchangeArchive,
    ExchangeFile,
    ExportResult,
    _check_actor,
    _replacement_notes,
    next_stamp,
    zip_files,
)
from .exchange_writer import write_file
from .models import ExchangeSend, SendContent, SendDirection

NOT_A_DESTINATION = "この月の送信先ではありません"


def _archive_name(office: Office, destination: Destination, month: str, stamp: str, label: str) -> str:
    return f"{label}_{month}_{office.office_number}_{destination.number}_{destination.service_type}_{stamp}.zip"


def _record(
    *,
    actor: User | None,
    office: Office,
    content: str,
    archive: ExchangeArchive,
    destination: Destination,
    stamp: str,
    moment: dt.datetime,
    client_ids: Sequence[int],
    month: str,
    via: str,
    providers: dict[int, Provider],
) -> ExchangeSend:
    send = ExchangeSend(
        office=office,
        direction=SendDirection.EXPORT,
        content=content,
        provider=providers.get(destination.provider_id) if destination.provider_id else None,
        counterpart_number=destination.number,
        counterpart_type=destination.service_type,
        counterpart_name=destination.name[:100],
        stamp=stamp,
        sent_at=moment,
        sent_by=actor,
        via=via,
        archive_name=archive.name,
        archive_sha256=archive.sha256,
        files=[{"name": f.name, "sha256": f.sha256, "bytes": len(f.data), "records": f.records} for f in archive.files],
        months=[month],
        replacements=archive.replacements,
    )
    ids = sorted(set(client_ids))
    create_audited(
        actor=actor,
        instance=send,
        client_id=ids[0] if len(ids) == 1 else None,
        action="exchange.withdrawal" if content == SendContent.MONTH_WITHDRAWAL else "exchange.send",
        extra={"client_ids": ids, "months": [month]},
        office_id=office.pk,
    )
    archive.send = send
    return send


def _link_clients(sends: Sequence[tuple[ExchangeSend, Sequence[int]]]) -> None:
    """The clients each send carried, in one insert for the whole send unit (a month of a whole
    office is thousands of links; one `set()` per send would be a query or three each)."""
    through = ExchangeSend.clients.through
    through.objects.bulk_create(
        [through(exchangesend_id=send.pk, client_id=cid) for send, ids in sends for cid in sorted(set(ids))],
        batch_size=2000,
    )


def _providers(office: Office, destinations: Sequence[Destination]) -> dict[int, Provider]:
    ids = {d.provider_id for d in destinations if d.provider_id}
    return {p.pk: p for p in Provider.objects.filter(office=office, pk__in=ids)} if ids else {}


@transaction.atomic
def exchange_month_export(
    *,
    actor: User | None,
    office: Office,
    month: dt.date,
    client_ids: Sequence[int] | None = None,
    moment: dt.datetime | None = None,
    via: str = "web",
    only: tuple[str, str] | None = None,
) -> ExportResult:
    """The month set (UPHOSOKU 対象年月, UPPLAN, UPSIKYU) of the clients' current 利用票 of `month`
    (every client of the office with a slip that month when `client_ids` is None): one zip per
    destination, one stamp for the send unit, a send record per destination. `only` (事業所番号,
    サービス種類) limits it to one destination."""
    _check_actor(actor, office)
    first = month.replace(day=1)
    items = exchange_month.months_of_office(office, first, client_ids=client_ids)
    built = exchange_month.build_month_sets(items, office, first)
    if only is not None:
        built.sets = [s for s in built.sets if (s.destination.number, s.destination.service_type) == only]
        if not built.sets:
            raise ValidationError({"destination": NOT_A_DESTINATION})
    result = ExportResult(skipped=built.skipped)
    if not built.sets:
        return result
    stamp, local = next_stamp(office, moment or timezone.now())
    key = exchange_month.yyyymm(first)
    providers = _providers(office, [s.destination for s in built.sets])
    links: list[tuple[ExchangeSend, Sequence[int]]] = []
    for file_set in built.sets:
        dest = file_set.destination
        files: list[ExchangeFile] = []
        notes: list[str] = []
        for kind in MONTH_SET:
            written = write_file(kind, file_set.rows[kind], month=key)
            name = file_name(
                kind,
                sender_number=office.office_number,
                receiver_number=dest.number,
                receiver_type=dest.service_type,
                stamp=stamp,
                month=key,
            )
            files.append(ExchangeFile(name, written.data, written.records))
            notes += _replacement_notes(kind, written.replacements)
        archive = ExchangeArchive(
            _archive_name(office, dest, key, stamp, "CAREPLAN_MONTH"), zip_files(files, local), files, notes
        )
        send = _record(
            actor=actor,
            office=office,
            content=SendContent.MONTH,
            archive=archive,
            destination=dest,
            stamp=stamp,
            moment=local,
            client_ids=[c.pk for c in file_set.clients],
            month=key,
            via=via,
            providers=providers,
        )
        links.append((send, [c.pk for c in file_set.clients]))
        result.archives.append(archive)
    _link_clients(links)
    return result


def month_destinations(*, client: Client, month: dt.date) -> list[Destination]:
    """Who holds the client's 利用票 of the month: every destination a month set carrying it was
    sent to (the send records), and the current slip's destinations."""
    key = exchange_month.yyyymm(month)
    found: dict[tuple[str, str], Destination] = {}
    sends = ExchangeSend.objects.filter(
        office_id=client.office_id, clients=client, content=SendContent.MONTH, direction=SendDirection.EXPORT
    ).order_by("sent_at", "id")
    for send in sends:
        if key in (send.months or []):
            found.setdefault(
                (send.counterpart_number, send.counterpart_type),
                Destination(send.counterpart_number, send.counterpart_type, send.counterpart_name, send.provider_id),
            )
    notes: list[str] = []
    for item in exchange_month.months_of_office(client.office, month, client_ids=[client.pk]):
        built = exchange_month.client_month_rows(item, client.office, month, notes)
        for dest in built.destinations if built is not None else []:
            found.setdefault((dest.number, dest.service_type), dest)
    return [found[k] for k in sorted(found)]


@transaction.atomic
def exchange_month_withdraw(
    *,
    actor: User | None,
    client: Client,
    month: dt.date,
    moment: dt.datetime | None = None,
    via: str = "web",
    only: tuple[str, str] | None = None,
) -> ExportResult:
    """DLTPLAN (send unit 4, on its own): withdraws the client's 6表(予定) of the month, and its
    7表, at the providers that hold it (rules §4, §5) — every destination of the month, or `only`
    one (the spec's case: a provider that no longer has any service that month)."""
    office = client.office
    _check_actor(actor, office)
    first = month.replace(day=1)
    targets = month_destinations(client=client, month=first)
    if only is not None:
        targets = [t for t in targets if (t.number, t.service_type) == only]
        if not targets:
            raise ValidationError({"destination": NOT_A_DESTINATION})
    result = ExportResult()
    if not targets:
        result.skipped.append(f"{client.name}: 取消を送る相手（利用票を送った事業所）がありません")
        return result
    stamp, local = next_stamp(office, moment or timezone.now())
    key = exchange_month.yyyymm(first)
    rows = exchange_month.withdrawal_rows(client, first)
    providers = _providers(office, targets)
    for dest in targets:
        written = write_file("DLTPLAN", rows, month=key)
        name = file_name(
            "DLTPLAN",
            sender_number=office.office_number,
            receiver_number=dest.number,
            receiver_type=dest.service_type,
            stamp=stamp,
            month=key,
        )
        files = [ExchangeFile(name, written.data, written.records)]
        archive = ExchangeArchive(
            _archive_name(office, dest, key, stamp, "CAREPLAN_DLT_MONTH"),
            zip_files(files, local),
            files,
            _replacement_notes("DLTPLAN", written.replacements),
        )
        send = _record(
            actor=actor,
            office=office,
            content=SendContent.MONTH_WITHDRAWAL,
            archive=archive,
            destination=dest,
            stamp=stamp,
            moment=local,
            client_ids=[client.pk],
            month=key,
            via=via,
            providers=providers,
        )
        send.clients.set([client.pk])
        result.archives.append(archive)
    return result
