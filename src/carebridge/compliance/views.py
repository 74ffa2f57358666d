"""The office's 運営基準 report page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from carebridge.clients.models import Client
from carebridge.core.access import actor_of, require_permission
from carebridge.core.dates import month_start
from carebridge.core.services import records_listed

from . import selectors
from .forms import MonthForm


@login_required
def compliance_report(request: HttpRequest) -> HttpResponse:
    """The office's 運営基準減算 risk for a month, client by client."""
    actor = actor_of(request)
    require_permission(actor, "care.view")
    today = timezone.localdate()
    form = MonthForm(request.GET or None)
    month = month_start(form.cleaned_data["month"]) if form.is_valid() else month_start(today)
    rows = selectors.compliance_report(actor=actor, month=month, today=today)
    sourced = selectors.sourced_report(actor=actor, month=month, today=today)
    records_listed(
        actor=actor, subject=Client, client_ids=[row.client.pk for row in rows] + [c.pk for c, _f in sourced]
    )
    context = {
        "form": form,
        "month": month,
        "rows": rows,
        "sourced": sourced,
        "penalty_count": sum(1 for r in rows if r.penalty),
        "exposure_units": selectors.exposure_total(rows),
        "exposure_unknown": sum(1 for r in rows if r.penalty and r.exposure_units is None),
    }
    return render(request, "compliance/report.html", context)
