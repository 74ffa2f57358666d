"""The month's exchange page (利用票 of a client's month: UPHOSOKU, UPPLAN, UPSIKYU): destinations,
the files each receives, downloads (care.edit), the DLTPLAN withdrawal and the month's sends.
Linked from billing's 第6表 page through core.page_links (billing may not import interop)."""

from __future__ import annotations

import datetime as dt
import re

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from carebridge.clients.services import client_viewed
from carebridge.core import messages
from carebridge.core.access import actor_of, has_permission

from . import exchange_month, selectors
from .access import access_exchange_month_client
from .exchange_month_services import exchange_month_export, exchange_month_withdraw
from .views_exchange import _destination, _download


def _month(value: str) -> dt.date:
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
        raise Http404(messages.NOT_FOUND)
    return dt.date(int(value[:4]), int(value[5:7]), 1)


@login_required
@require_GET
def month_exchange(request: HttpRequest, client_id: int, month: str) -> HttpResponse:
    actor = actor_of(request)
    first = _month(month)
    client = access_exchange_month_client(actor, client_id)
    client_viewed(actor=actor, client=client)
    notes: list[str] = []
    built = None
    for item in exchange_month.months_of_office(client.office, first, client_ids=[client.pk]):
        built = exchange_month.client_month_rows(item, client.office, first, notes)
    context = {
        "client": client,
        "month": first,
        "month_key": f"{first:%Y-%m}",
        "destinations": built.destinations if built else [],
        "counts": {kind: len(rows) for kind, rows in built.rows.items()} if built else {},
        "notes": notes,
        "sends": list(selectors.month_sends(client=client, month=exchange_month.yyyymm(first))),
        "can_export": has_permission(actor, "care.edit"),
    }
    return render(request, "interop/month_exchange.html", context)


@login_required
@require_POST
def month_export(request: HttpRequest, client_id: int, month: str) -> HttpResponse:
    actor = actor_of(request)
    first = _month(month)
    client = access_exchange_month_client(actor, client_id, for_export=True)
    try:
        result = exchange_month_export(
            actor=actor, office=client.office, month=first, client_ids=[client.pk], only=_destination(request)
        )
    except ValidationError as exc:
        flash.error(request, "、".join(exc.messages))
        return redirect("interop:month_exchange", client.pk, month)
    response = _download(result, f"CAREPLAN_MONTH_{first:%Y%m}_{client.office.office_number}_{client.pk}.zip")
    if response is None:
        flash.error(request, "送信先がないため出力できませんでした。" + " ".join(result.skipped))
        return redirect("interop:month_exchange", client.pk, month)
    return response


@login_required
@require_POST
def month_withdraw(request: HttpRequest, client_id: int, month: str) -> HttpResponse:
    """利用票の取消: DLTPLAN for the client's month (its 6表 and 7表) to the providers holding it."""
    actor = actor_of(request)
    first = _month(month)
    client = access_exchange_month_client(actor, client_id, for_export=True)
    try:
        result = exchange_month_withdraw(actor=actor, client=client, month=first, only=_destination(request))
    except ValidationError as exc:
        flash.error(request, "、".join(exc.messages))
        return redirect("interop:month_exchange", client.pk, month)
    response = _download(result, f"CAREPLAN_DLT_MONTH_{first:%Y%m}_{client.office.office_number}_{client.pk}.zip")
    if response is None:
        flash.error(request, "取消を送る相手がないため出力できませんでした。")
        return redirect("interop:month_exchange", client.pk, month)
    return response
