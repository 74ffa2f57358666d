"""Pages of the care-plan exchange (ケアプランデータ連携): a plan's exchange page (its destinations,
the files each receives, the downloads, the withdrawal, the sends of the plan) and a client's send
record and a provider's. Linked from the client hub (desk) and the provider list (page_links), as
the lower apps may not import interop."""

from __future__ import annotations

import io
import zipfile

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from carebridge.careplans.selectors import plan_list
from carebridge.clients.models import Client
from carebridge.clients.services import client_viewed
from carebridge.core.access import actor_of, has_permission
from carebridge.core.services import records_listed

from . import exchange_plan, selectors
from .access import access_exchange_client, access_exchange_plan, access_exchange_provider, access_send
from .exchange_services import ExportResult, exchange_plan_export, exchange_plan_withdraw, exchange_send_deliver


def _destination(request: HttpRequest) -> tuple[str, str] | None:
    value = str(request.POST.get("destination", "")).strip()
    if not value:
        return None
    number, _, service_type = value.partition("_")
    return number, service_type


def _download(result: ExportResult, fallback: str) -> HttpResponse | None:
    if not result.archives:
        return None
    if len(result.archives) == 1:
        archive = result.archives[0]
        name, data = archive.name, archive.data
    else:  # every destination at once: a zip holding one zip per destination
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as outer:
            for archive in result.archives:
                outer.writestr(archive.name, archive.data)
        name, data = fallback, buffer.getvalue()
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
def plan_exchange(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = access_exchange_plan(actor, plan_id)
    client_viewed(actor=actor, client=plan.client)
    notes: list[str] = []
    destinations = exchange_plan.destinations(plan, notes)
    rows = exchange_plan.plan_rows(plan, plan.office)
    context = {
        "plan": plan,
        "client": plan.client,
        "destinations": destinations,
        "notes": notes,
        "counts": {kind: len(kind_rows) for kind, kind_rows in rows.items()},
        "sends": list(selectors.plan_sends(plan=plan)),
        "can_export": has_permission(actor, "care.edit"),
    }
    return render(request, "interop/plan_exchange.html", context)


@login_required
@require_POST
def plan_export(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = access_exchange_plan(actor, plan_id, for_export=True)
    try:
        result = exchange_plan_export(actor=actor, office=plan.office, plans=[plan], only=_destination(request))
    except ValidationError as exc:
        flash.error(request, "、".join(exc.messages))
        return redirect("interop:plan_exchange", plan.pk)
    response = _download(result, f"CAREPLAN_{plan.office.office_number}_{plan.client_id}_v{plan.version}.zip")
    if response is None:
        flash.error(request, "送信先がないため出力できませんでした。" + " ".join(result.skipped))
        return redirect("interop:plan_exchange", plan.pk)
    return response


@login_required
@require_POST
def plan_withdraw(request: HttpRequest, plan_id: int) -> HttpResponse:
    """連携データの取消: DLT1KYO for the plan (its 1表, 2表 and 3表) to its destinations."""
    actor = actor_of(request)
    plan = access_exchange_plan(actor, plan_id, for_export=True)
    try:
        result = exchange_plan_withdraw(actor=actor, plan=plan, only=_destination(request))
    except ValidationError as exc:
        flash.error(request, "、".join(exc.messages))
        return redirect("interop:plan_exchange", plan.pk)
    response = _download(result, f"CAREPLAN_DLT_{plan.office.office_number}_{plan.client_id}_v{plan.version}.zip")
    if response is None:
        flash.error(request, "取消を送る相手がないため出力できませんでした。")
        return redirect("interop:plan_exchange", plan.pk)
    return response


@login_required
@require_GET
def client_exchange(request: HttpRequest, client_id: int) -> HttpResponse:
    """The client's send record: every file set delivered, to whom, when, by whom, with hashes."""
    actor = actor_of(request)
    client = access_exchange_client(actor, client_id)
    client_viewed(actor=actor, client=client)
    context = {
        "client": client,
        "plans": list(plan_list(client=client)),
        "sends": list(selectors.client_sends(client=client)),
        "can_export": has_permission(actor, "care.edit"),
    }
    return render(request, "interop/client_exchange.html", context)


@login_required
@require_GET
def provider_exchange(request: HttpRequest, provider_id: int) -> HttpResponse:
    """The provider's send record: what was delivered to (or taken from) it, when, by whom, for
    which clients and plan versions: the office's proof at an audit (issue 11 item 5)."""
    actor = actor_of(request)
    provider = access_exchange_provider(actor, provider_id)
    sends = list(selectors.provider_sends(provider=provider))
    client_ids = sorted({c.pk for s in sends for c in s.clients.all()})
    records_listed(actor=actor, subject=Client, client_ids=client_ids, record_ids=[s.pk for s in sends])
    context = {"provider": provider, "sends": sends, "can_export": has_permission(actor, "care.edit")}
    return render(request, "interop/provider_exchange.html", context)


@login_required
@require_POST
def send_deliver(request: HttpRequest, send_id: int) -> HttpResponse:
    """Record the 交付 of the plans a send carried to its provider (issue 11 item 5)."""
    actor = actor_of(request)
    send = access_send(actor, send_id)
    try:
        recorded = exchange_send_deliver(actor=actor, send=send)
    except ValidationError as exc:
        flash.error(request, "、".join(exc.messages))
    else:
        flash.success(request, f"{send.counterpart_name}への交付を{len(recorded)}件記録しました。")
    back = str(request.POST.get("next", ""))
    if back.startswith("/interop/") and "//" not in back:
        return redirect(back)
    return redirect("interop:client_exchange", send.clients.values_list("pk", flat=True).first() or 0)
