"""Writes of the month close and the 国保連 file.

`month_close`: the pre-send check first (refused while any error remains), then every confirmed
slip of the month is locked (status closed) and the 給付管理票 are made or refreshed. Drafts are
not locked and do not block: the page lists them by client (the clerk closes again once they are
confirmed). The statements follow the sends:
- no statement yet → 1 新規; one not yet sent → refreshed in place (its kind kept by the rule
  below); the last one sent and the slip unchanged → nothing (not re-sent);
- the last one sent and the slip corrected (a new version, billing `slip_revise`) → 2 修正;
- the last one sent and the client's services withdrawn (the newest closed version carries no
  units under limit management) → 3 取消.

`federation_export`: the unsent statements of the month into one file (federation_csv), kept with
its SHA-256 and bytes (FederationSend) for download again; refused while the pre-send check finds
errors (the whole month goes in one file, so a partial file is never made).

Speed: a constant number of queries whatever the number of clients — the slips are locked with
one bulk_update and the statements written with bulk_create/bulk_update. The close itself is the
audited event: it names every slip it locked and every statement it wrote (one event, not one per
client), and the send's event names its statements and clients.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from carebridge.core.access import require_permission
from carebridge.core.dates import next_month
from carebridge.core.models import Office, User
from carebridge.core.writes import create_audited, next_number

from . import close_messages as msg
from . import close_selectors as selectors
from . import federation_csv, presend_rules
from .models import BenefitStatement, FederationSend, MonthClose, SlipStatus, StatementKind, UsageSlip

Progress = Callable[[str, int, int], None]


def _no_progress(step: str, done: int, total: int) -> None:
    return None


def _chunks(ids: list[int], size: int = 900) -> list[list[int]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def _statement_kind(previous: list[BenefitStatement], cancel: bool) -> str | None:
    """The kind of the statement to send now, given the client's earlier ones (oldest first)."""
    sent = [s for s in previous if s.send_id is not None]
    if not sent:
        return None if cancel else StatementKind.NEW
    if cancel:
        return None if sent[-1].kind == StatementKind.CANCEL else StatementKind.CANCEL
    return StatementKind.CORRECTION if sent[-1].kind != StatementKind.CANCEL else StatementKind.NEW


def _office(actor: User) -> Office:
    require_permission(actor, "billing.edit")
    assert actor.office is not None  # noqa: S101 - billing.edit is an office role
    return actor.office


@transaction.atomic
def month_close(*, actor: User, month: dt.date, progress: Progress = _no_progress) -> MonthClose:
    """Close the office's month: check, lock the confirmed slips, make the 給付管理票."""
    office = _office(actor)
    month = month.replace(day=1)
    # The office row is locked first: two closes of the same office queue up, never interleave.
    round_number = next_number(parent=office, rows=MonthClose.objects.filter(office=office, month=month), field="round")
    progress("check", 0, 3)
    clients = selectors.month_clients(office=office, month=month)
    final = [c for c in clients if not c.is_draft]
    errors = [e for c in final for e in c.errors]
    if errors:
        message = msg.CLOSE_HAS_ERRORS.format(count=len(errors))
        raise ValidationError({"__all__": [message, *[str(e) for e in errors[:50]]]}, code=message.code)
    progress("lock", 1, 3)
    now = timezone.now()
    to_lock = [c.slip.pk for c in final if c.slip.status == SlipStatus.CONFIRMED]
    final_ids = {c.slip.pk for c in final}
    locked_clients = {c.client.pk for c in final if c.slip.status == SlipStatus.CONFIRMED}
    # Older closed versions of a corrected slip give way to the new one (if slip_revise left them).
    older = [
        pk
        for pk, client_id in UsageSlip.objects.filter(office=office, month=month, status=SlipStatus.CLOSED)
        .order_by()
        .values_list("pk", "client_id")
        if pk not in final_ids and client_id in locked_clients
    ]
    # One lifecycle step for the whole month: an UPDATE per chunk (guarded by the status it leaves),
    # audited once by the close's event below, which names every slip.
    for chunk in _chunks(to_lock):
        UsageSlip.objects.filter(pk__in=chunk, status=SlipStatus.CONFIRMED).update(
            status=SlipStatus.CLOSED, updated_at=now
        )
    for chunk in _chunks(older):
        UsageSlip.objects.filter(pk__in=chunk, status=SlipStatus.CLOSED).update(
            status=SlipStatus.SUPERSEDED, updated_at=now
        )

    progress("statements", 2, 3)
    history = selectors.latest_statements(office_id=office.pk, month=month)
    new_rows: list[BenefitStatement] = []
    changed: list[BenefitStatement] = []
    dropped: list[int] = []
    for c in final:
        previous = history.get(c.client.pk, [])
        cancel = c.data.total_units == 0
        kind = _statement_kind(previous, cancel)
        last = previous[-1] if previous else None
        if last is not None and last.send_id is None:  # not sent yet: refresh in place
            if kind is None:
                dropped.append(last.pk)
                continue
            if last.kind == kind and last.slip_id == c.slip.pk and c.data.same_as(last):
                continue
            last.kind, last.slip_id = kind, c.slip.pk
            _fill(last, c.data)
            changed.append(last)
            continue
        if kind is None:
            continue
        if last is not None and kind == StatementKind.CORRECTION and c.data.same_as(last):
            continue  # sent and unchanged: not re-sent
        row = BenefitStatement(office=office, client_id=c.client.pk, month=month, kind=kind, slip_id=c.slip.pk)
        _fill(row, c.data)
        new_rows.append(row)
    if not (to_lock or new_rows or changed or dropped):
        raise ValidationError(msg.NOTHING_TO_CLOSE, code=msg.NOTHING_TO_CLOSE.code)
    close = create_audited(
        actor=actor,
        instance=MonthClose(
            office=office,
            month=month,
            round=round_number,
            closed_at=now,
            closed_by=actor,
            slips_locked=len(to_lock),
            drafts_left=sum(1 for c in clients if c.is_draft),
        ),
        action="month_close.closed",
        extra={
            "locked_slip_ids": to_lock,
            "superseded_slip_ids": older,
            "new_statement_clients": [r.client_id for r in new_rows],
            "refreshed_statement_ids": [r.pk for r in changed],
            "dropped_statement_ids": dropped,
        },
    )
    for row in [*new_rows, *changed]:
        row.month_close = close
    BenefitStatement.objects.bulk_create(new_rows, batch_size=1000)
    BenefitStatement.objects.bulk_update(
        changed,
        ["kind", "slip", "month_close", "creator_kind", "header", "lines", "limit_units", "total_units", "updated_at"],
        batch_size=1000,
    )
    if dropped:
        BenefitStatement.objects.filter(pk__in=dropped, send__isnull=True).delete()
    progress("done", 3, 3)
    return close


def _fill(row: BenefitStatement, data: selectors.StatementData) -> None:
    row.creator_kind = data.creator_kind
    row.header = data.header
    row.lines = data.lines
    row.limit_units = data.limit_units
    row.total_units = data.total_units
    row.updated_at = timezone.now()


def _snapshot_facts(row: BenefitStatement) -> presend_rules.ClientFacts:
    h = row.header
    return presend_rules.ClientFacts(
        client_id=row.client_id,
        client_name=str(h.get("client_name", "")),
        insurer_number=str(h.get("insurer_number", "")),
        insured_number=str(h.get("insured_number", "")),
        certified=bool(h.get("care_level")),
        limit_units=row.limit_units,
        planned_units=row.total_units,
        has_plan=True,  # checked at the close (a plan ending later does not undo the month)
        care_manager_number=str(h.get("care_manager_number", "")),
        lines=[
            presend_rules.LineFacts(str(line["provider_number"]), "", str(line["service_type"]), None)
            for line in row.lines
        ],
    )


def _file_statement(row: BenefitStatement) -> federation_csv.Statement:
    h = row.header

    def ymd(value: object) -> str:
        return str(value or "").replace("-", "")

    return federation_csv.Statement(
        service_month=f"{row.month:%Y%m}",
        insurer_number=str(h.get("insurer_number", "")),
        insured_number=str(h.get("insured_number", "")),
        statement_kind=row.kind,
        creator_kind=row.creator_kind,
        birth_date=ymd(h.get("birth_date")),
        sex=str(h.get("sex", "")),
        care_level=str(h.get("care_level", "")),
        limit_from=ymd(h.get("limit_from")),
        limit_to=ymd(h.get("limit_to")),
        limit_units=row.limit_units or 0,
        care_manager_number=str(h.get("care_manager_number", "")),
        lines=tuple(
            federation_csv.ProviderLine(
                provider_number=str(line["provider_number"]),
                designation=str(line["designation"]),
                service_type=str(line["service_type"]),
                planned_units=int(line["planned_units"]),
            )
            for line in (row.lines if row.kind != StatementKind.CANCEL else [])
        ),
    )


@transaction.atomic
def federation_export(
    *,
    actor: User,
    month: dt.date,
    processing_month: dt.date | None = None,
    progress: Progress = _no_progress,
) -> FederationSend:
    """The 国保連 file of the month's unsent 給付管理票, recorded as a send."""
    office = _office(actor)
    month = month.replace(day=1)
    progress("check", 0, 3)
    pending = list(selectors.pending_statements(office_id=office.pk, month=month))
    if not pending:
        raise ValidationError(msg.NOTHING_TO_SEND, code=msg.NOTHING_TO_SEND.code)
    ids = {row.client_id for row in pending}
    # What is checked is what is sent: the statements' snapshots (checked in full at the close).
    errors = presend_rules.check([_snapshot_facts(row) for row in pending if row.kind != StatementKind.CANCEL])
    if errors:
        message = msg.EXPORT_HAS_ERRORS.format(count=len(errors))
        raise ValidationError({"__all__": [message, *[str(e) for e in errors[:50]]]}, code=message.code)
    progress("write", 1, 3)
    header = federation_csv.FileHeader(
        office_number=office.office_number,
        processing_month=f"{(processing_month or next_month(month)):%Y%m}",
    )
    statements = [_file_statement(row) for row in pending]
    content = federation_csv.write(header, statements)
    record_count = sum(len(s.lines) + 1 for s in statements)
    progress("record", 2, 3)
    send = create_audited(
        actor=actor,
        instance=FederationSend(
            office=office,
            month=month,
            processing_month=(processing_month or next_month(month)).replace(day=1),
            file_name=federation_csv.file_name(header),
            sha256=hashlib.sha256(content).hexdigest(),
            content=content,
            size=len(content),
            sent_at=timezone.now(),
            sent_by=actor,
            statement_count=len(pending),
            client_count=len(ids),
            record_count=record_count,
            client_ids=sorted(ids),
        ),
        action="federation_send.created",
        extra={"statement_ids": [row.pk for row in pending]},
    )
    for chunk in _chunks([row.pk for row in pending]):
        BenefitStatement.objects.filter(pk__in=chunk, send__isnull=True).update(send=send, updated_at=send.sent_at)
    progress("done", 3, 3)
    return send
