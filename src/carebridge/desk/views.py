"""The desk: home, 今日 (the day's work list) and the client page that composes each app's part."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from carebridge.assessments.selectors import recent_assessments
from carebridge.careplans.prevention_selectors import client_prevention
from carebridge.careplans.selectors import plan_list
from carebridge.casework.forms import NoteForm
from carebridge.casework.selectors import client_casework
from carebridge.clients import selectors as client_selectors
from carebridge.clients.access import access_client
from carebridge.clients.forms import ContactForm
from carebridge.clients.models import Certification, CertificationStatus, ClientStatus
from carebridge.clients.services import client_viewed
from carebridge.compliance.selectors import client_findings
from carebridge.core.access import actor_of, has_permission
from carebridge.workcare.access import company_portal

from .today import today_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = actor_of(request)
    if user.company_id is not None:
        portal = company_portal(user)
        if portal is not None:
            return redirect(portal)
        return render(request, "desk/company_home.html", {"company": user.company})
    if has_permission(user, "workcare.view") and not has_permission(user, "client.view"):
        return redirect("workcare:home")
    if has_permission(user, "client.view"):
        return redirect("today")
    if has_permission(user, "directory.view"):
        return redirect("directory:providers")
    return render(request, "desk/company_home.html", {"company": None})


@login_required
def today(request: HttpRequest) -> HttpResponse:
    """今日: the work list — per care manager, soonest deadline first, each item one click from
    the page that does it (compliance/worklist.py; the same findings as the 運営基準 report)."""
    work = today_for(actor=actor_of(request), day=timezone.localdate(), scope=request.GET.get("scope", ""))
    context = {
        "groups": work.groups,
        "penalty_count": work.penalty_count,
        "clients": work.clients,
        "today": work.day,
        "office_wide": work.office_wide,
        "my_clients": work.my_clients,
    }
    return render(request, "desk/today.html", context)


@login_required
def client_page(request: HttpRequest, client_id: int) -> HttpResponse:
    """The client hub: each app's part of the record, as that app's partial template draws it."""
    actor = actor_of(request)
    client = access_client(actor, client_id)
    client_viewed(actor=actor, client=client)
    today = timezone.localdate()
    records = client_selectors.client_records(client=client, today=today)
    # The certification in effect today, never the newest row (issue 9 item 13).
    current = records["current"]
    if not isinstance(current, Certification):
        current = None
    care: dict[str, object] = {}
    if has_permission(actor, "care.view"):
        care = {
            "assessments": recent_assessments(client=client),
            "plans": list(plan_list(client=client)),
            **client_prevention(client=client, today=today),
            **client_casework(client=client),
            "findings": client_findings(client=client, month=today, today=today),
            "note_form": NoteForm(initial={"noted_on": today, "category": "visit"}),
            "can_care": has_permission(actor, "care.edit"),
            "this_month": today.strftime("%Y-%m"),
        }
    context = {
        **care,
        **records,
        "client": client,
        "today": today,
        "current": current,
        "renewal": current.renewal_hint(today)
        if current is not None and current.status == CertificationStatus.CERTIFIED
        else None,
        "client_statuses": ClientStatus.choices,
        "can_edit": has_permission(actor, "client.edit"),
        "can_edit_consent": has_permission(actor, "consent.edit"),
        "contact_form": ContactForm(),
        # 給付管理 (billing/_client_slips.html): links to this and next month's 利用票
        "can_billing": has_permission(actor, "billing.view"),
        "slip_this_month": f"{today:%Y-%m}",
        "slip_next_month": f"{(today.replace(day=28) + dt.timedelta(days=4)):%Y-%m}",
    }
    return render(request, "desk/client_page.html", context)
