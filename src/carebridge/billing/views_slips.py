"""利用票・提供票 (第6表) pages: a client's month (the day grid, edits of a draft, confirm, the new
version, consent, delivery, PDFs) and the office's month (every client with a plan in effect)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from carebridge.clients.models import Client
from carebridge.clients.services import client_viewed
from carebridge.core.access import actor_of, has_permission, require_permission
from carebridge.core.audit import audit_list
from carebridge.core.forms import call_service
from carebridge.documents.http import pdf_response

from . import slip_messages as messages
from . import slip_pdf, slip_selectors, slip_services
from .forms_slips import ActualsForm, CellForm, ReviseForm, SlipConsentForm, SlipDeliveryForm, UsageLineForm
from .models import SlipStatus, UsageSlip
from .slip_access import access_billing_client, access_line, access_slip


def _month(value: str) -> dt.date:
    month = slip_selectors.parse_month(value)
    if month is None:
        raise Http404(messages.MONTH_INVALID)
    return month


def _slip_url(slip: UsageSlip, anchor: str = "") -> str:
    url = reverse("billing:client_slip", args=[slip.client_id, f"{slip.month:%Y-%m}"])
    return url + (f"#{anchor}" if anchor else "")


def _back(slip: UsageSlip, anchor: str = "") -> HttpResponse:
    return redirect(_slip_url(slip, anchor))


def _error(request: HttpRequest, exc: ValidationError) -> None:
    for text in exc.messages:
        flash.error(request, text)


@login_required
def client_slip(request: HttpRequest, client_id: int, month: str) -> HttpResponse:
    """The 第6表 screen of a client's month: its newest version, or the generate button."""
    actor = actor_of(request)
    first = _month(month)
    client = access_billing_client(actor, client_id)
    client_viewed(actor=actor, client=client)
    slip = slip_selectors.current_slip(client=client, month=first)
    page = slip_selectors.slip_page(slip) if slip else None
    cert = slip_selectors.certification_for_month(client=client, month=first)
    can_edit = has_permission(actor, "billing.edit")
    context: dict[str, Any] = {
        "client": client,
        "month": first,
        "month_key": f"{first:%Y-%m}",
        "prev_key": f"{(first - dt.timedelta(days=1)):%Y-%m}",
        "next_key": f"{(first + dt.timedelta(days=32)):%Y-%m}",
        "slip": slip,
        "page": page,
        "cert": cert,
        "limit": cert.benefit_limit_units if cert else None,
        "can_edit": can_edit,
        "is_draft": bool(slip and slip.status == SlipStatus.DRAFT),
        "actuals_open": bool(slip and slip.status in slip_services.ACTUALS_OPEN),
        "revise_form": ReviseForm(),
    }
    return render(request, "billing/slip_detail.html", context)


@login_required
@require_POST
def client_slip_generate(request: HttpRequest, client_id: int, month: str) -> HttpResponse:
    actor = actor_of(request)
    first = _month(month)
    client = access_billing_client(actor, client_id, for_edit=True)
    try:
        slip_services.slip_generate(actor=actor, client=client, month=first)
        flash.success(request, "計画から利用票（作成中）を作りました。祝日の印と空欄の行を確認してください。")
    except ValidationError as exc:
        _error(request, exc)
    return redirect(reverse("billing:client_slip", args=[client.pk, f"{first:%Y-%m}"]))


def _line_page(request: HttpRequest, form: Any, title: str, slip: UsageSlip) -> HttpResponse:
    if request.method == "GET":
        client_viewed(actor=actor_of(request), client=slip.client)
    return render(
        request, "billing/slip_form.html", {"form": form, "title": title, "slip": slip, "back": _slip_url(slip)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def line_add(request: HttpRequest, slip_id: int) -> HttpResponse:
    actor = actor_of(request)
    slip = access_slip(actor, slip_id, for_edit=True)
    form = UsageLineForm(request.POST or None, office_id=slip.office_id)
    if request.method == "POST" and form.is_valid():
        saved = call_service(form, lambda: slip_services.slip_line_add(actor=actor, slip=slip, data=form.to_input()))
        if saved is not None:
            flash.success(request, "行を追加しました。")
            return _back(slip, f"line-{saved.pk}")
    return _line_page(request, form, "利用票の行を追加", slip)


@login_required
@require_http_methods(["GET", "POST"])
def line_edit(request: HttpRequest, slip_id: int, line_id: int) -> HttpResponse:
    actor = actor_of(request)
    slip = access_slip(actor, slip_id, for_edit=True)
    line = access_line(actor, line_id, slip=slip, for_edit=True)
    form = UsageLineForm(request.POST or None, office_id=slip.office_id, initial=UsageLineForm.initial_of(line))
    if request.method == "POST" and form.is_valid():
        stamp = form.cleaned_data["expected_updated_at"]
        saved = call_service(
            form,
            lambda: slip_services.slip_line_update(
                actor=actor, line=line, data=form.to_input(), expected_updated_at=stamp
            ),
        )
        if saved is not None:
            flash.success(request, "行を保存しました。")
            return _back(slip, f"line-{line.pk}")
    return _line_page(request, form, "利用票の行を編集", slip)


@login_required
@require_http_methods(["GET", "POST"])
def line_actuals(request: HttpRequest, slip_id: int, line_id: int) -> HttpResponse:
    actor = actor_of(request)
    slip = access_slip(actor, slip_id, for_edit=True)
    line = access_line(actor, line_id, slip=slip, for_edit=True)
    initial = {"actual_days": line.actual_days or line.planned_days, "expected_updated_at": line.updated_at}
    form = ActualsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        stamp = form.cleaned_data["expected_updated_at"]
        saved = call_service(
            form,
            lambda: slip_services.slip_line_actuals_set(
                actor=actor, line=line, actual_days=form.cleaned_data["actual_days"], expected_updated_at=stamp
            ),
        )
        if saved is not None:
            flash.success(request, "実績を保存しました。")
            return _back(slip, f"line-{line.pk}")
    return _line_page(request, form, f"実績の入力（{line.service_name}）", slip)


@login_required
@require_POST
def line_delete(request: HttpRequest, slip_id: int, line_id: int) -> HttpResponse:
    actor = actor_of(request)
    slip = access_slip(actor, slip_id, for_edit=True)
    line = access_line(actor, line_id, slip=slip, for_edit=True)
    try:
        slip_services.slip_line_delete(actor=actor, line=line)
        flash.success(request, "行を削除しました。")
    except ValidationError as exc:
        _error(request, exc)
    return _back(slip, "lines")


@login_required
@require_POST
def line_move(request: HttpRequest, slip_id: int, line_id: int, direction: str) -> HttpResponse:
    actor = actor_of(request)
    slip = access_slip(actor, slip_id, for_edit=True)
    line = access_line(actor, line_id, slip=slip, for_edit=True)
    if direction not in ("up", "down"):
        raise Http404
    try:
        slip_services.slip_line_move(actor=actor, line=line, up=direction == "up")
    except ValidationError as exc:
        _error(request, exc)
    return _back(slip, "lines")


@login_required
@require_POST
def line_cell(request: HttpRequest, slip_id: int, line_id: int) -> HttpResponse:
    """One cell of the day grid (HTMX: answers the line's rows; otherwise back to the page)."""
    actor = actor_of(request)
    slip = access_slip(actor, slip_id, for_edit=True)
    line = access_line(actor, line_id, slip=slip, for_edit=True)
    form = CellForm(request.POST)
    error = ""
    if form.is_valid():
        actual, day, value = form.parts()
        try:
            line = slip_services.slip_line_day_set(
                actor=actor,
                line=line,
                actual=actual,
                day=day,
                value=value,
                expected_updated_at=form.cleaned_data["expected_updated_at"],
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = " ".join(str(message) for errors in form.errors.values() for message in errors)
    if not request.headers.get("HX-Request"):
        if error:
            flash.error(request, error)
        return _back(slip, f"line-{line.pk}")
    line.refresh_from_db()
    fresh = slip_selectors.current_slip(client=slip.client, month=slip.month)
    page = slip_selectors.slip_page(fresh) if fresh else None
    row = next((r for r in page.rows if r.line.pk == line.pk), None) if page else None
    context = {
        "page": page,
        "row": row,
        "slip": fresh,
        "is_draft": slip.status == SlipStatus.DRAFT,
        "actuals_open": slip.status in slip_services.ACTUALS_OPEN,
        "can_edit": True,
        "cell_error": error,
    }
    return render(request, "billing/_slip_line.html", context)


@login_required
@require_POST
def slip_confirm(request: HttpRequest, slip_id: int) -> HttpResponse:
    actor = actor_of(request)
    slip = access_slip(actor, slip_id, for_edit=True)
    try:
        slip_services.slip_confirm(actor=actor, slip=slip)
        flash.success(request, "利用票を確定しました。")
    except ValidationError as exc:
        _error(request, exc)
    return _back(slip)


@login_required
@require_POST
def slip_revise(request: HttpRequest, slip_id: int) -> HttpResponse:
    actor = actor_of(request)
    slip = access_slip(actor, slip_id, for_edit=True)
    form = ReviseForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        slip_services.slip_revise(actor=actor, slip=slip, reason=reason)
        flash.success(request, "修正のための新しい版を作りました。")
    except ValidationError as exc:
        _error(request, exc)
    return _back(slip)


@login_required
@require_http_methods(["GET", "POST"])
def slip_consent(request: HttpRequest, slip_id: int) -> HttpResponse:
    actor = actor_of(request)
    slip = access_slip(actor, slip_id, for_edit=True)
    form = SlipConsentForm(
        request.POST or None, initial={"consented_on": timezone.localdate(), "consented_by": slip.client.name}
    )
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, lambda: slip_services.slip_consent_record(actor=actor, slip=slip, **form.cleaned_data)
        )
        if saved is not None:
            flash.success(request, "利用票の説明・同意を記録しました。")
            return _back(slip, "records")
    return _line_page(request, form, "利用票の説明・同意の記録", slip)


@login_required
@require_http_methods(["GET", "POST"])
def slip_delivery(request: HttpRequest, slip_id: int) -> HttpResponse:
    actor = actor_of(request)
    slip = access_slip(actor, slip_id, for_edit=True)
    full = slip_selectors.slip_with_rows().get(pk=slip.pk)
    providers = slip_selectors.slip_page(full).providers
    form = SlipDeliveryForm(request.POST or None, providers=providers, initial={"delivered_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            lambda: slip_services.slip_delivery_record(actor=actor, slip=slip, **form.service_kwargs()),
            aliases={"provider": "recipient"},
        )
        if saved is not None:
            flash.success(request, "提供票の交付を記録しました。")
            return _back(slip, "records")
    return _line_page(request, form, "提供票の交付の記録", slip)


@login_required
def slip_pdf_client(request: HttpRequest, slip_id: int) -> HttpResponse:
    """第6表 サービス利用票 (the client's copy: every line)."""
    actor = actor_of(request)
    slip = access_slip(actor, slip_id)
    full = slip_selectors.slip_with_rows().get(pk=slip.pk)
    client_viewed(actor=actor, client=slip.client)
    page = slip_selectors.slip_page(full)
    cert = slip_selectors.certification_for_month(client=slip.client, month=slip.month)
    data = slip_pdf.render_slip(page, cert=cert, provider=None)
    return pdf_response(
        data, f"riyohyo_{slip.month:%Y%m}_{slip.client_id}.pdf", document="サービス利用票", request=request
    )


@login_required
def slip_pdf_provider(request: HttpRequest, slip_id: int, index: int) -> HttpResponse:
    """第6表 サービス提供票 for one provider of the slip (only its lines)."""
    actor = actor_of(request)
    slip = access_slip(actor, slip_id)
    full = slip_selectors.slip_with_rows().get(pk=slip.pk)
    page = slip_selectors.slip_page(full)
    if not 0 <= index < len(page.providers):
        raise Http404
    client_viewed(actor=actor, client=slip.client)
    cert = slip_selectors.certification_for_month(client=slip.client, month=slip.month)
    data = slip_pdf.render_slip(page, cert=cert, provider=page.providers[index])
    return pdf_response(
        data,
        f"teikyohyo_{slip.month:%Y%m}_{slip.client_id}_{index + 1}.pdf",
        document="サービス提供票",
        request=request,
    )


# -- the office's month -----------------------------------------------------------------------------


@login_required
def office_month(request: HttpRequest, month: str) -> HttpResponse:
    actor = actor_of(request)
    require_permission(actor, "billing.view")
    first = _month(month)
    rows = slip_selectors.office_month(actor=actor, month=first)
    audit_list(actor=actor, subject=Client, client_ids=[r.client.pk for r in rows])
    context = {
        "rows": rows,
        "month": first,
        "month_key": f"{first:%Y-%m}",
        "prev_key": f"{(first - dt.timedelta(days=1)):%Y-%m}",
        "next_key": f"{(first + dt.timedelta(days=32)):%Y-%m}",
        "can_edit": has_permission(actor, "billing.edit"),
        "missing": sum(1 for r in rows if r.slip is None),
    }
    return render(request, "billing/slip_month.html", context)


@login_required
def office_month_current(request: HttpRequest) -> HttpResponse:
    """The nav's entry (給付管理): this month's office page."""
    actor = actor_of(request)
    require_permission(actor, "billing.view")
    return redirect(reverse("billing:slip_month", args=[f"{timezone.localdate():%Y-%m}"]))


@login_required
@require_POST
def office_month_generate(request: HttpRequest, month: str) -> HttpResponse:
    """Generate-all: a draft for every client with a plan in effect and no slip yet."""
    actor = actor_of(request)
    require_permission(actor, "billing.edit")
    first = _month(month)
    result = slip_services.slip_month_generate(actor=actor, month=first)
    made, failed = len(result.made), len(result.failed)
    text = f"{made}件の利用票（作成中）を作りました。" + (f" {failed}件は作れませんでした。" if failed else "")
    if request.headers.get("HX-Request"):
        response = HttpResponse(f'<p class="notice" role="status">{text}</p>')
        response["HX-Refresh"] = "true"
        return response
    flash.success(request, text)
    return redirect(reverse("billing:slip_month", args=[f"{first:%Y-%m}"]))
