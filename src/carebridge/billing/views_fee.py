"""Pages of the office's own fee and of 特定事業所集中減算."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from carebridge.clients.access import access_client
from carebridge.clients.models import Client
from carebridge.clients.services import client_viewed
from carebridge.core.access import actor_of, has_permission, office_id_of, require_permission
from carebridge.core.dates import next_month, parse_month, previous_month
from carebridge.core.services import records_listed
from carebridge.documents.http import pdf_response

from . import concentration_rules, concentration_selectors, concentration_services, fee_pdf, fee_selectors, fee_services
from .fee_forms import ConcentrationReasonForm, FeeEventForm, FeeSettingForm
from .fee_inputs import FeeEventInput, FeeSettingInput
from .models import FeeSetting


def _form_errors(form: object, error: ValidationError) -> None:
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)  # type: ignore[attr-defined]


@login_required
def fee_current(request: HttpRequest) -> HttpResponse:
    """The nav link: this month's fee page."""
    require_permission(actor_of(request), "billing.view")
    return redirect("billing:fee_month", month=f"{timezone.localdate():%Y-%m}")


@login_required
def fee_month(request: HttpRequest, month: str) -> HttpResponse:
    """The month's 居宅介護支援費 per care manager: cases, tier, additions, 減算, units and yen."""
    actor = actor_of(request)
    require_permission(actor, "billing.view")
    day = parse_month(month)
    if day is None:
        raise Http404
    result = fee_selectors.fee_month(actor=actor, month=day, today=timezone.localdate())
    records_listed(actor=actor, subject=Client, client_ids=result.client_ids)
    context = {
        "result": result,
        "previous": previous_month(result.month),
        "next": next_month(result.month),
        "period": concentration_rules.period_of(previous_month(result.month)).label,
        "is_admin": has_permission(actor, "office.admin"),
    }
    return render(request, "billing/fee_month.html", context)


@login_required
def fee_event_new(request: HttpRequest, client_id: int) -> HttpResponse:
    """Record a 加算 event for a client (from the fee page and from the client page)."""
    actor = actor_of(request)
    require_permission(actor, "billing.edit")
    client = access_client(actor, client_id)
    if request.method == "GET":
        client_viewed(actor=actor, client=client)  # the form page shows the client
    form = FeeEventForm(request.POST or None, initial={"day": timezone.localdate(), "contacts": 1, "confirmed": True})
    if request.method == "POST" and form.is_valid():
        data = FeeEventInput(**form.cleaned_data)
        try:
            event = fee_services.fee_event_create(actor=actor, client=client, data=data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            return redirect("billing:fee_month", month=f"{event.day:%Y-%m}")
    return render(request, "billing/fee_event_form.html", {"form": form, "client": client})


@login_required
def fee_settings(request: HttpRequest) -> HttpResponse:
    """The office's fee setting (office admin), with its history."""
    actor = actor_of(request)
    require_permission(actor, "office.admin")
    history = list(FeeSetting.objects.filter(office_id=office_id_of(actor)).order_by("-valid_from"))
    initial: dict[str, object] = {"valid_from": timezone.localdate()}
    if history:
        current = history[0]
        initial.update(
            tier=current.tier,
            special=current.special,
            bcp_missing=current.bcp_missing,
            abuse_prevention_missing=current.abuse_prevention_missing,
            same_building=current.same_building,
        )
    form = FeeSettingForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            try:
                fee_services.fee_setting_save(actor=actor, data=FeeSettingInput(**form.cleaned_data))
            except ValidationError as error:
                _form_errors(form, error)
            else:
                return redirect("billing:fee_settings")
    return render(request, "billing/fee_settings.html", {"form": form, "history": history})


@login_required
def concentration_report(request: HttpRequest, period: str) -> HttpResponse:
    """特定事業所集中減算: each service group's plans per corporation, flags and 正当な理由."""
    actor = actor_of(request)
    require_permission(actor, "billing.view")
    parsed = concentration_rules.parse_period(period)
    if parsed is None:
        raise Http404
    form = ConcentrationReasonForm(request.POST or None)
    if request.method == "POST":
        require_permission(actor, "billing.edit")
        if form.is_valid():
            try:
                concentration_services.concentration_reason_record(
                    actor=actor, period=parsed.label, **form.cleaned_data
                )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                return redirect("billing:concentration", period=parsed.label)
    report = concentration_selectors.concentration_report(actor=actor, period=parsed)
    context = {
        "report": report,
        "form": form,
        "previous": concentration_rules.period_of(parsed.start - dt.timedelta(days=1)).label,
        "next": concentration_rules.period_of(parsed.end + dt.timedelta(days=1)).label,
    }
    return render(request, "billing/concentration_report.html", context)


@login_required
def concentration_pdf(request: HttpRequest, period: str) -> HttpResponse:
    actor = actor_of(request)
    require_permission(actor, "billing.view")
    parsed = concentration_rules.parse_period(period)
    if parsed is None:
        raise Http404
    report = concentration_selectors.concentration_report(actor=actor, period=parsed)
    return pdf_response(
        fee_pdf.concentration_pdf(report),
        f"concentration-{parsed.label}.pdf",
        document="特定事業所集中減算",
        request=request,
    )
