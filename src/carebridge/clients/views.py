"""Client pages (the client page itself is desk's hub). Each view: gate → service → render."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import retarget

from carebridge.core.access import actor_of, has_permission, office_id_of, require_permission
from carebridge.core.forms import call_service
from carebridge.core.services import records_listed
from carebridge.documents.http import warn_unprintable

from . import selectors, services
from .access import access_certification, access_client, access_consent, access_contact
from .forms import (
    ApplicationForm,
    CertificationCreateForm,
    CertificationForm,
    ClientCreateForm,
    ClientForm,
    ClientStatusForm,
    ConsentForm,
    ContactForm,
    ShortStayApprovalForm,
)
from .inputs import CertificationInput
from .models import Certification, Client, ClientStatus

PAGE_SIZE = 50


def _form_page(request: HttpRequest, form: object, title: str, client: object | None = None) -> HttpResponse:
    return render(request, "core/form_page.html", {"form": form, "title": title, "client": client})


@login_required
def client_list(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    require_permission(actor, "client.view")
    query = request.GET.get("q", "")
    status = request.GET.get("status", "")
    mine = request.GET.get("mine") == "1"
    clients = selectors.client_list(actor=actor, query=query, status=status, care_manager_id=actor.pk if mine else None)
    page = Paginator(clients, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)  # the rows shown, fetched once, named in the access log
    records_listed(
        actor=actor, subject=Client, client_ids=[c.pk for c in page], search=bool(query.strip()), page=page.number
    )
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


def _printed(client: Client) -> dict[str, str]:
    """What the plan's PDFs print of a client (第1表 and every sheet's heading)."""
    return {"氏名": client.name, "住所": client.address}


@login_required
@require_http_methods(["GET", "POST"])
def client_create(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    require_permission(actor, "client.edit")
    form = ClientCreateForm(
        request.POST or None, office_id=office_id_of(actor), initial={"care_manager": actor.pk, "status": "active"}
    )
    if request.method == "POST" and form.is_valid():
        client = call_service(
            form,
            lambda: services.client_create(actor=actor, data=form.to_input(), status=form.cleaned_data["status"]),
        )
        if client is not None:
            flash.success(request, f"利用者「{client.name}」を登録しました。")
            warn_unprintable(request, _printed(client))
            return redirect("client_page", client_id=client.pk)
    return _form_page(request, form, "利用者の新規登録")


@login_required
@require_http_methods(["GET", "POST"])
def client_edit(request: HttpRequest, client_id: int) -> HttpResponse:
    actor = actor_of(request)
    client = access_client(actor, client_id, for_edit=True)
    if request.method == "GET":
        services.client_viewed(actor=actor, client=client)  # the form displays the whole record
    form = ClientForm(request.POST or None, instance=client, office_id=office_id_of(actor))
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            lambda: services.client_update(
                actor=actor,
                client=client,
                data=form.to_input(base=client),
                expected_updated_at=form.expected_updated_at(),
            ),
        )
        if saved is not None:
            flash.success(request, "利用者情報を更新しました。")
            warn_unprintable(request, _printed(saved))
            return redirect("client_page", client_id=client.pk)
    return _form_page(request, form, f"{client.name} さんの基本情報の編集", client)


@login_required
@require_POST
def client_status(request: HttpRequest, client_id: int) -> HttpResponse:
    actor = actor_of(request)
    client = access_client(actor, client_id, for_edit=True)
    form = ClientStatusForm(request.POST)
    if form.is_valid():
        changed = call_service(
            form, lambda: services.client_status_change(actor=actor, client=client, status=form.cleaned_data["status"])
        )
        if changed is not None:
            flash.success(request, f"利用者の状態を「{changed.get_status_display()}」にしました。")
            return redirect("client_page", client_id=client.pk)
    for errors in form.errors.values():
        for error in errors:
            flash.error(request, str(error))
    return redirect("client_page", client_id=client.pk)


# -- contacts (inline with HTMX on the client page) ----------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def contact_create(request: HttpRequest, client_id: int) -> HttpResponse:
    actor = actor_of(request)
    client = access_client(actor, client_id, for_edit=True)
    if request.method == "GET":
        services.client_viewed(actor=actor, client=client)  # the form page shows the client's record
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        contact = call_service(form, lambda: services.contact_create(actor=actor, client=client, data=form.to_input()))
        if contact is not None:
            if request.htmx:  # type: ignore[attr-defined]
                context = {
                    "client": client,
                    "contacts": selectors.active_contacts(client=client),
                    "can_edit": True,
                    "contact_form": ContactForm(),
                    "saved": contact,
                }
                return render(request, "clients/_contacts.html", context)
            flash.success(request, f"連絡先「{contact.name}」を追加しました。")
            return redirect("client_page", client_id=client.pk)
    if request.htmx:  # type: ignore[attr-defined]
        response = render(request, "clients/_contact_form.html", {"client": client, "contact_form": form})
        # A rejected form goes back into the form slot, not over the contact list.
        return retarget(response, "#contact-form-slot") if request.method == "POST" else response
    return _form_page(request, form, "連絡先の追加", client)


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit(request: HttpRequest, client_id: int, contact_id: int) -> HttpResponse:
    actor = actor_of(request)
    client = access_client(actor, client_id)
    contact = access_contact(actor, contact_id, client=client, for_edit=True)
    if request.method == "GET":
        services.client_viewed(actor=actor, client=client)  # the form displays the record
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            lambda: services.contact_update(
                actor=actor,
                contact=contact,
                data=form.to_input(base=contact),
                expected_updated_at=form.expected_updated_at(),
            ),
        )
        if saved is not None:
            flash.success(request, "連絡先を更新しました。")
            return redirect("client_page", client_id=client.pk)
    return _form_page(request, form, "連絡先の編集", client)


# -- certifications, applications, consents ---------------------------------------------------


def _warn_period(request: HttpRequest, cert: Certification) -> None:
    """The validity's warnings (規則第38条・第41条): the line is saved, the care manager is told."""
    history = list(Certification.objects.filter(client_id=cert.client_id))
    for text in selectors.certification_period_warnings(cert, history):
        flash.warning(request, text)


@login_required
@require_http_methods(["GET", "POST"])
def certification_create(request: HttpRequest, client_id: int) -> HttpResponse:
    actor = actor_of(request)
    client = access_client(actor, client_id, for_edit=True)
    if request.method == "GET":
        services.client_viewed(actor=actor, client=client)  # the form page shows the client's record
    form = CertificationCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            lambda: services.certification_create(
                actor=actor, client=client, data=form.to_input(), status=form.cleaned_data["status"]
            ),
        )
        if saved is not None:
            flash.success(request, "要介護認定を登録しました。")
            _warn_period(request, saved)
            return redirect("client_page", client_id=client.pk)
    return _form_page(request, form, "要介護認定の登録", client)


@login_required
@require_http_methods(["GET", "POST"])
def certification_edit(request: HttpRequest, client_id: int, certification_id: int) -> HttpResponse:
    actor = actor_of(request)
    client = access_client(actor, client_id)
    cert = access_certification(actor, certification_id, client=client, for_edit=True)
    if request.method == "GET":
        services.client_viewed(actor=actor, client=client)  # the form displays the record
        _warn_period(request, cert)  # the line's period warnings, on the form that corrects it
    form = CertificationForm(request.POST or None, instance=cert)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            lambda: services.certification_update(
                actor=actor,
                certification=cert,
                data=form.to_input(base=cert),
                expected_updated_at=form.expected_updated_at(),
            ),
        )
        if saved is not None:
            flash.success(request, "要介護認定を更新しました。")
            _warn_period(request, saved)
            return redirect("client_page", client_id=client.pk)
    return _form_page(request, form, "要介護認定の編集", client)


@login_required
@require_http_methods(["GET", "POST"])
def certification_decide(request: HttpRequest, client_id: int, certification_id: int) -> HttpResponse:
    """Record the decision on a 申請中 line: it becomes 認定済."""
    actor = actor_of(request)
    client = access_client(actor, client_id)
    cert = access_certification(actor, certification_id, client=client, for_edit=True)
    if request.method == "GET":
        services.client_viewed(actor=actor, client=client)  # the form displays the record
    form = CertificationForm(request.POST or None, instance=cert)
    form.fields["care_level"].required = True
    form.fields["certified_on"].required = True
    if request.method == "POST" and form.is_valid():
        data: CertificationInput = form.to_input(base=cert)
        if call_service(form, lambda: services.certification_decide(actor=actor, certification=cert, data=data)):
            flash.success(request, "認定結果を記録しました。")
            _warn_period(request, cert)
            return redirect("client_page", client_id=client.pk)
    return _form_page(request, form, "認定結果の記録（申請中 → 認定済）", client)


@login_required
@require_http_methods(["GET", "POST"])
def application_create(request: HttpRequest, client_id: int) -> HttpResponse:
    actor = actor_of(request)
    client = access_client(actor, client_id, for_edit=True)
    if request.method == "GET":
        services.client_viewed(actor=actor, client=client)  # the form page shows the client's record
    form = ApplicationForm(request.POST or None, initial={"kind": request.GET.get("kind", "renewal")})
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            lambda: services.certification_application_create(
                actor=actor, client=client, data=form.to_input(), status=form.cleaned_data["status"]
            ),
        )
        if saved is not None:
            flash.success(request, "認定申請を記録しました。")
            return redirect("client_page", client_id=client.pk)
    return _form_page(request, form, "認定申請（申請代行）の記録", client)


@login_required
@require_http_methods(["GET", "POST"])
def short_stay_approval_create(request: HttpRequest, client_id: int) -> HttpResponse:
    """Record the 理由書 and the insurer's prior approval of short stays beyond half the period."""
    actor = actor_of(request)
    client = access_client(actor, client_id)
    require_permission(actor, "care.edit")
    if request.method == "GET":
        services.client_viewed(actor=actor, client=client)  # the form page shows the client's record
    form = ShortStayApprovalForm(request.POST or None, client=client)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, lambda: services.short_stay_approval_create(actor=actor, client=client, data=form.to_input())
        )
        if saved is not None:
            flash.success(request, "短期入所の半数超えについて保険者の承認を記録しました。")
            return redirect("client_page", client_id=client.pk)
    return _form_page(request, form, "短期入所の半数超え: 理由書・保険者の承認の記録", client)


@login_required
@require_http_methods(["GET", "POST"])
def consent_create(request: HttpRequest, client_id: int) -> HttpResponse:
    actor = actor_of(request)
    client = access_client(actor, client_id)
    require_permission(actor, "consent.edit")
    if request.method == "GET":
        services.client_viewed(actor=actor, client=client)  # the form page shows the client's record
    form = ConsentForm(request.POST or None, initial={"agreed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        saved = call_service(form, lambda: services.consent_create(actor=actor, client=client, data=form.to_input()))
        if saved is not None:
            flash.success(request, "同意を記録しました。")
            return redirect("client_page", client_id=client.pk)
    return _form_page(request, form, "情報共有の同意の記録", client)


@login_required
@require_POST
def consent_withdraw(request: HttpRequest, client_id: int, consent_id: int) -> HttpResponse:
    actor = actor_of(request)
    client = access_client(actor, client_id)
    consent = access_consent(actor, consent_id, client=client, for_edit=True)
    try:
        services.consent_withdraw(actor=actor, consent=consent, withdrawn_on=timezone.localdate())
    except ValidationError as exc:
        for message in exc.messages:
            flash.error(request, message)
    else:
        flash.success(request, "同意の撤回を記録しました。")
    return redirect("client_page", client_id=client.pk)
