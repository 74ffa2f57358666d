"""The desk: home, 今日 (the day's work list) and the client page that composes each app's part."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from carebridge.assessments.selectors import recent_assessments
from carebridge.careplans.prevention_selectors import client_prevention
from carebridge.careplans.selectors import plan_list
from carebridge.casework.forms import NoteForm
from carebridge.casework.models import Task
from carebridge.casework.selectors import client_casework, open_tasks
from carebridge.clients import selectors as client_selectors
from carebridge.clients.access import access_client
from carebridge.clients.forms import ContactForm
from carebridge.clients.models import CertificationStatus, Client, ClientStatus
from carebridge.clients.services import client_viewed
from carebridge.compliance.selectors import client_findings, monthly_duties
from carebridge.core.access import actor_of, has_permission, require_permission
from carebridge.core.services import records_listed
from carebridge.workcare.access import company_portal


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
    user = actor_of(request)
    require_permission(user, "client.view")
    day = timezone.localdate()
    office_wide = request.GET.get("scope") == "office"
    care_manager_id = None if office_wide else user.pk
    due: list[dict[str, object]] = []
    tasks: list[Task] = []
    shown: list[int | None] = []  # the clients the page names, for the access log
    if has_permission(user, "care.view"):
        duties = list(monthly_duties(actor=user, today=day, care_manager_id=care_manager_id))
        due = [{"finding": finding, "client_name": client.name} for client, finding in duties]
        tasks = list(open_tasks(actor=user))
        shown += [client.pk for client, _ in duties] + [t.client_id for t in tasks]
    ending = Paginator(
        client_selectors.certifications_ending_without_renewal(actor=user, today=day, care_manager_id=care_manager_id),
        50,
    ).get_page(request.GET.get("page"))
    ending_rows = client_selectors.certification_rows(actor=user, ids=list(ending.object_list))
    my_clients = list(client_selectors.client_list(actor=user, care_manager_id=user.pk, status=ClientStatus.ACTIVE))
    shown += [cert.client_id for cert in ending_rows] + [c.pk for c in my_clients]
    records_listed(actor=user, subject=Client, client_ids=shown, page=ending.number)
    context = {
        "due": due,
        "tasks": tasks,
        "today": day,
        "office_wide": office_wide,
        "my_clients": my_clients,
        "ending": ending,
        "ending_rows": ending_rows,
        "query": "scope=office" if office_wide else "",
    }
    return render(request, "desk/today.html", context)


@login_required
def client_page(request: HttpRequest, client_id: int) -> HttpResponse:
    """The client hub: each app's part of the record, as that app's partial template draws it."""
    actor = actor_of(request)
    client = access_client(actor, client_id)
    client_viewed(actor=actor, client=client)
    today = timezone.localdate()
    records = client_selectors.client_records(client=client)
    certifications = records["certifications"]
    current = certifications[0] if isinstance(certifications, list) and certifications else None
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
    }
    return render(request, "desk/client_page.html", context)
