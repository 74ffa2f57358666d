"""Reads behind the 第7表: the month's slip (its latest version) with its lines, the client's
certifications and the previous month's short-stay days. A constant number of queries whatever
the number of lines (asserted in tests/billing/test_annex_pages.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence

from django.db.models import Prefetch
from django.http import Http404

from carebridge.clients.models import Certification, Client
from carebridge.core import messages

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
