"""Client pages. Each view: gate → selector or service → render."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import retarget

from carebridge.core.access import access_client, access_office_record, has_permission, require_permission
from carebridge.core.forms import call_service
from carebridge.core.models import User

from . import selectors, services
from .forms import ApplicationForm, CertificationForm, ClientForm, ConsentForm, ContactForm
from .models import Certification, ClientStatus, Consent, Contact

PAGE_SIZE = 50


def _actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@login_required
def client_list(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    require_permission(actor, "client.view")
    query = request.GET.get("q", "")
    status = request.GET.get("status", "")
    mine = request.GET.get("mine") == "1"
    clients = selectors.client_list(actor=actor, query=query, status=status, care_manager_id=actor.pk if mine else None)
    page = Paginator(clients, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "q": query,
        "status": status,
        "mine": mine,
        "statuses": ClientStatus.choices,
        "can_edit": has_permission(actor, "client.edit"),
    }
    template = "clients/_client_rows.html" if request.htmx else "clients/client_list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def client_create(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    require_permission(actor, "client.edit")
    form = ClientForm(request.POST or None, office_id=actor.office_id, initial={"care_manager": actor.pk})
    if request.method == "POST" and form.is_valid():
        client = call_service(form, services.client_create, actor=actor)
        if client is not None:
            flash.success(request, f"利用者「{client.name}」を登録しました。")
            return redirect("clients:detail", client_id=client.pk)
    return render(request, "core/form_page.html", {"form": form, "title": "利用者の新規登録"})


@login_required
def client_detail(request: HttpRequest, client_id: int) -> HttpResponse:
    actor = _actor(request)
    client = access_client(actor, client_id)
    services.client_viewed(actor=actor, client=client)
    records = selectors.client_records(client=client)
    today = timezone.localdate()
    certifications = records["certifications"]
    current = certifications[0] if certifications else None  # type: ignore[index]
    care: dict[str, object] = {}
    if has_permission(actor, "care.view"):
        from carebridge.casework import selectors as casework_selectors
        from carebridge.casework.forms import NoteForm

        care = {
            **casework_selectors.client_care_records(client=client),
            "findings": casework_selectors.client_findings(client=client, month=today, today=today),
            "note_form": NoteForm(initial={"noted_on": today, "category": "visit"}),
            "can_care": has_permission(actor, "care.edit"),
            "this_month": today.strftime("%Y-%m"),
        }
    context = {
        **care,
        "client": client,
        "today": today,
        "current": current,
        "renewal": current.renewal_hint(today) if current and current.status == "certified" else None,
        "can_edit": has_permission(actor, "client.edit"),
        "can_edit_consent": has_permission(actor, "consent.edit"),
        "contact_form": ContactForm(),
        **records,
    }
    return render(request, "clients/client_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def client_edit(request: HttpRequest, client_id: int) -> HttpResponse:
    actor = _actor(request)
    client = access_client(actor, client_id)
    require_permission(actor, "client.edit")
    if request.method == "GET":
        services.client_viewed(actor=actor, client=client)  # the form displays the whole record
    form = ClientForm(request.POST or None, instance=client, office_id=actor.office_id)
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.client_update, actor=actor, client=client) is not None:
            flash.success(request, "利用者情報を更新しました。")
            return redirect("clients:detail", client_id=client.pk)
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": f"{client.name} さんの基本情報の編集", "client": client},
    )


# -- contacts (inline with HTMX on the detail page) ---------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def contact_create(request: HttpRequest, client_id: int) -> HttpResponse:
    actor = _actor(request)
    client = access_client(actor, client_id)
    require_permission(actor, "client.edit")
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        contact = call_service(form, services.contact_create, actor=actor, client=client)
        if contact is not None:
            if request.htmx:  # type: ignore[attr-defined]
                contacts = list(client.contacts.filter(is_active=True))
                return render(
                    request,
                    "clients/_contacts.html",
                    {
                        "client": client,
                        "contacts": contacts,
                        "can_edit": True,
                        "contact_form": ContactForm(),
                        "saved": contact,
                    },
                )
            flash.success(request, f"連絡先「{contact.name}」を追加しました。")
            return redirect("clients:detail", client_id=client.pk)
    if request.htmx:  # type: ignore[attr-defined]
        response = render(request, "clients/_contact_form.html", {"client": client, "contact_form": form})
        # A rejected form goes back into the form slot, not over the contact list.
        return retarget(response, "#contact-form-slot") if request.method == "POST" else response
    return render(request, "core/form_page.html", {"form": form, "title": "連絡先の追加", "client": client})


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit(request: HttpRequest, client_id: int, contact_id: int) -> HttpResponse:
    actor = _actor(request)
    client = access_client(actor, client_id)
    contact = access_office_record(actor, Contact.objects.filter(client=client), contact_id, "client.view")
    require_permission(actor, "client.edit")
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.contact_update, actor=actor, contact=contact) is not None:
            flash.success(request, "連絡先を更新しました。")
            return redirect("clients:detail", client_id=client.pk)
    return render(request, "core/form_page.html", {"form": form, "title": "連絡先の編集", "client": client})


# -- certifications, applications, consents ---------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def certification_create(request: HttpRequest, client_id: int) -> HttpResponse:
    actor = _actor(request)
    client = access_client(actor, client_id)
    require_permission(actor, "client.edit")
    form = CertificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.certification_create, actor=actor, client=client) is not None:
            flash.success(request, "要介護認定を登録しました。")
            return redirect("clients:detail", client_id=client.pk)
    return render(request, "core/form_page.html", {"form": form, "title": "要介護認定の登録", "client": client})


@login_required
@require_http_methods(["GET", "POST"])
def certification_edit(request: HttpRequest, client_id: int, certification_id: int) -> HttpResponse:
    actor = _actor(request)
    client = access_client(actor, client_id)
    cert = access_office_record(actor, Certification.objects.filter(client=client), certification_id, "client.view")
    require_permission(actor, "client.edit")
    form = CertificationForm(request.POST or None, instance=cert)
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.certification_update, actor=actor, certification=cert) is not None:
            flash.success(request, "要介護認定を更新しました。")
            return redirect("clients:detail", client_id=client.pk)
    return render(request, "core/form_page.html", {"form": form, "title": "要介護認定の編集", "client": client})


@login_required
@require_http_methods(["GET", "POST"])
def application_create(request: HttpRequest, client_id: int) -> HttpResponse:
    actor = _actor(request)
    client = access_client(actor, client_id)
    require_permission(actor, "client.edit")
    form = ApplicationForm(request.POST or None, initial={"kind": request.GET.get("kind", "renewal")})
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.certification_application_create, actor=actor, client=client) is not None:
            flash.success(request, "認定申請を記録しました。")
            return redirect("clients:detail", client_id=client.pk)
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": "認定申請（申請代行）の記録", "client": client},
    )


@login_required
@require_http_methods(["GET", "POST"])
def consent_create(request: HttpRequest, client_id: int) -> HttpResponse:
    actor = _actor(request)
    client = access_client(actor, client_id)
    require_permission(actor, "consent.edit")
    form = ConsentForm(request.POST or None, initial={"agreed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.consent_create, actor=actor, client=client) is not None:
            flash.success(request, "同意を記録しました。")
            return redirect("clients:detail", client_id=client.pk)
    return render(request, "core/form_page.html", {"form": form, "title": "情報共有の同意の記録", "client": client})


@login_required
@require_POST
def consent_withdraw(request: HttpRequest, client_id: int, consent_id: int) -> HttpResponse:
    actor = _actor(request)
    client = access_client(actor, client_id)
    consent = access_office_record(actor, Consent.objects.filter(client=client), consent_id, "client.view")
    require_permission(actor, "consent.edit")
    services.consent_withdraw(actor=actor, consent=consent, withdrawn_on=timezone.localdate())
    flash.success(request, "同意の撤回を記録しました。")
    return redirect("clients:detail", client_id=client.pk)
