"""Pages of the month close: the summary with the pre-send check, the close and export buttons,
and the list of the files sent to the 国保連 (each downloadable again)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from carebridge.clients.models import Client
from carebridge.core.access import actor_of, has_permission, require_permission
from carebridge.core.dates import format_month, parse_month
from carebridge.core.services import records_listed

from . import close_selectors, close_services
from .models import StatementKind


def _month(text: str) -> dt.date:
    month = parse_month(text)
    if month is None:
        raise Http404
    return month


def _office(actor):  # type: ignore[no-untyped-def]
    assert actor.office is not None  # noqa: S101 - billing.view is an office role
    return actor.office


@login_required
@require_GET
def close_page(request: HttpRequest, month: str) -> HttpResponse:
    """The month's close: totals, statements by 作成区分, the pre-send check, drafts left."""
    actor = actor_of(request)
    require_permission(actor, "billing.view")
    day = _month(month)
    summary = close_selectors.close_summary(actor=actor, office=_office(actor), month=day)
    records_listed(actor=actor, subject=Client, client_ids=[c.client.pk for c in summary.clients])
    context = {
        "month": day,
        "month_text": f"{day:%Y-%m}",
        "summary": summary,
        "kinds": [(k.label, summary.by_kind.get(k.value, 0)) for k in StatementKind],
        "can_edit": has_permission(actor, "billing.edit"),
    }
    return render(request, "billing/close_month.html", context)


def _errors(exc: ValidationError) -> list[str]:
    return list(exc.messages)


@login_required
@require_POST
def close_run(request: HttpRequest, month: str) -> HttpResponse:
    actor = actor_of(request)
    require_permission(actor, "billing.edit")
    day = _month(month)
    try:
        close = close_services.month_close(actor=actor, month=day)
    except ValidationError as exc:
        for text in _errors(exc):
            messages.error(request, text)
    else:
        messages.success(
            request,
            f"{format_month(day)}を締めました（利用票 {close.slips_locked}件を締め済みに、"
            f"作成中 {close.drafts_left}件は未確定のまま）。",
        )
    return redirect("billing:close", month=month)


@login_required
@require_POST
def close_export(request: HttpRequest, month: str) -> HttpResponse:
    """The 国保連 file; an HTMX call gets the result in place (with its download link)."""
    actor = actor_of(request)
    require_permission(actor, "billing.edit")
    day = _month(month)
    errors: list[str] = []
    send = None
    try:
        send = close_services.federation_export(actor=actor, month=day)
    except ValidationError as exc:
        errors = _errors(exc)
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "billing/close_export_result.html", {"send": send, "errors": errors})
    if send is not None:
        messages.success(request, f"国保連ファイル {send.file_name} を作成しました。")
    for text in errors:
        messages.error(request, text)
    return redirect("billing:close", month=month)


@login_required
@require_GET
def send_list(request: HttpRequest) -> HttpResponse:
    """Every file made for the 国保連, newest first."""
    actor = actor_of(request)
    require_permission(actor, "billing.view")
    sends = list(close_selectors.send_list(actor=actor)[:200])
    return render(request, "billing/close_sends.html", {"sends": sends})


@login_required
@require_GET
def send_download(request: HttpRequest, send_id: int) -> HttpResponse:
    """The file again, byte for byte (its clients' numbers are personal data: a logged read)."""
    actor = actor_of(request)
    send = close_selectors.access_send(actor, send_id)
    records_listed(actor=actor, subject=Client, client_ids=send.client_ids)
    response = HttpResponse(bytes(send.content), content_type="text/csv; charset=Shift_JIS")
    response["Content-Disposition"] = f'attachment; filename="{send.file_name}"'
    response["X-Content-SHA256"] = send.sha256
    return response


def download_url(send_id: int) -> str:
    return reverse("billing:send_download", args=[send_id])
