"""Reads behind the 第7表: the month's slip (its latest version) with its lines, the client's
certifications and the previous month's short-stay days. A constant number of queries whatever
the number of lines (asserted in tests/billing/test_annex_pages.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import Http404

from carebridge.clients.models import Certification, Client
from carebridge.core import messages
from carebridge.core.models import Office

from . import annex
from .annex_sources import price_lookup, short_stay_types
from .models import SlipStatus, UsageLine, UsageSlip


def slip_of_month(*, client: Client, month: dt.date) -> UsageSlip:
    """The month's current slip: the latest version not replaced (404 when there is none)."""
    slip = (
        UsageSlip.objects.filter(office_id=client.office_id, client=client, month=month)
        .exclude(status=SlipStatus.SUPERSEDED)
        .select_related("care_manager")
        .prefetch_related(Prefetch("lines", UsageLine.objects.select_related("provider").order_by("position", "id")))
        .order_by("-version")
        .first()
    )
    if slip is None:
        raise Http404(messages.NOT_FOUND)
    return slip


def previous_short_stay_days(*, client: Client, month: dt.date, types: Collection[str]) -> str:
    """The previous month's short-stay days (31 digits, any provider), from its latest slip."""
    previous = (month - dt.timedelta(days=1)).replace(day=1)
    slip_id = (
        UsageSlip.objects.filter(office_id=client.office_id, client=client, month=previous)
        .exclude(status=SlipStatus.SUPERSEDED)
        .order_by("-version")
        .values("pk")[:1]
    )
    merged = [0] * 31
    rows = UsageLine.objects.filter(slip_id__in=slip_id, service_type__in=list(types))
    for planned, actual in rows.values_list("planned_days", "actual_days"):
        for i, ch in enumerate(actual or planned):
            merged[i] += int(ch)
    return "".join("1" if n else "0" for n in merged)


def annex_calculator(*, client: Client, slip: UsageSlip) -> Callable[[Sequence[annex.SlipRow]], annex.UsageAnnex]:
    """Reads what the slip's 第7表 needs once; the answer computes it with the given what-if
    candidate lines appended (none: the slip itself). Nothing is saved."""
    types = short_stay_types()
    certifications = list(Certification.objects.filter(client=client))
    rows = [annex.row_of(line) for line in slip.lines.all()]
    previous = previous_short_stay_days(client=client, month=slip.month, types=types)
    price_of = price_lookup(client.office)

    def calculate(candidates: Sequence[annex.SlipRow] = ()) -> annex.UsageAnnex:
        return annex.build(
            month=slip.month,
            rows=[*rows, *candidates],
            certifications=certifications,
            price_of=price_of,
            short_stay_types=types,
            short_stay_days_before=slip.short_stay_days_before,
            previous_short_stay_days=previous,
            # 種類支給限度基準額: no insurer's is in the data yet (the sheet shows the section when given).
            kind_limits=None,
        )

    return calculate


def annex_of(*, client: Client, slip: UsageSlip) -> annex.UsageAnnex:
    """The slip's 第7表."""
    return annex_calculator(client=client, slip=slip)(())


@dataclass(frozen=True)
class MonthAnnex:
    """A client's current slip of a month, its lines (in order), the rows the 第7表 read from them
    (rows[i] is lines[i]; the annex's lines hold these very objects), the client's certifications
    and the 第7表 itself."""

    slip: UsageSlip
    lines: list[UsageLine]
    rows: list[annex.SlipRow]
    certifications: list[Certification]
    annex: annex.UsageAnnex
    short_stay_types: frozenset[str]


def month_annexes(*, office_id: int, month: dt.date, client_ids: Collection[int] | None = None) -> list[MonthAnnex]:
    """Every client's current slip of the month (the newest version not replaced, draft or not) with
    its 第7表, for a whole office at once (the exchange's month set): a fixed number of queries
    whatever the number of clients — slips with client and care manager, lines with providers,
    certifications, the previous month's short-stay lines, and the master (three, once)."""
    slips_query = (
        UsageSlip.objects.filter(office_id=office_id, month=month)
        .exclude(status=SlipStatus.SUPERSEDED)
        .select_related("client", "care_manager", "client__care_manager")
        .prefetch_related(Prefetch("lines", UsageLine.objects.select_related("provider").order_by("position", "id")))
        .order_by("client__kana", "client_id", "version")
    )
    if client_ids is not None:
        slips_query = slips_query.filter(client_id__in=list(client_ids))
    newest: dict[int, UsageSlip] = {}
    for slip in slips_query:
        newest[slip.client_id] = slip  # ordered by version: the newest wins
    if not newest:
        return []
    ids = list(newest)
    certifications: dict[int, list[Certification]] = {}
    # A whole office is read by its office column, not a list of ten thousand ids.
    cert_query = Certification.objects.filter(client__office_id=office_id)
    if client_ids is not None:
        cert_query = cert_query.filter(client_id__in=ids)
    for cert in cert_query:
        certifications.setdefault(cert.client_id, []).append(cert)
    types = short_stay_types()
    previous = (month - dt.timedelta(days=1)).replace(day=1)
    previous_slip: dict[int, tuple[int, int]] = {}  # client → (version, slip id) of the newest
    previous_query = UsageSlip.objects.filter(office_id=office_id, month=previous).exclude(status=SlipStatus.SUPERSEDED)
    if client_ids is not None:
        previous_query = previous_query.filter(client_id__in=ids)
    for pk, client_id, version in previous_query.values_list("pk", "client_id", "version"):
        if client_id not in previous_slip or previous_slip[client_id][0] < version:
            previous_slip[client_id] = (version, pk)
    stays: dict[int, list[int]] = {}
    client_of = {pk: client_id for client_id, (_, pk) in previous_slip.items()}
    if client_of and types:
        stay_lines = UsageLine.objects.filter(slip__in=previous_query, service_type__in=list(types))
        for slip_id, planned, actual in stay_lines.values_list("slip_id", "planned_days", "actual_days"):
            if slip_id not in client_of:  # an older version of the month
                continue
            merged = stays.setdefault(client_of[slip_id], [0] * 31)
            for i, ch in enumerate(actual or planned):
                merged[i] += int(ch)
    price_of = price_lookup(Office.objects.get(pk=office_id))
    out: list[MonthAnnex] = []
    for client_id, slip in newest.items():
        merged_days = stays.get(client_id)
        lines = list(slip.lines.all())
        rows = [annex.row_of(line) for line in lines]
        certs = certifications.get(client_id, [])
        sheet = annex.build(
            month=month,
            rows=rows,
            certifications=certs,
            price_of=price_of,
            short_stay_types=types,
            short_stay_days_before=slip.short_stay_days_before,
            previous_short_stay_days="".join("1" if n else "0" for n in merged_days) if merged_days else "",
            kind_limits=None,
        )
        out.append(MonthAnnex(slip, lines, rows, certs, sheet, frozenset(types)))
    return out
