"""Casework pages: intake, progress notes (第5表), monitoring, tasks."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from carebridge.careplans.selectors import plan_in_effect, short_goals
from carebridge.clients.access import access_care_client
from carebridge.clients.forms import ClientCreateForm
from carebridge.clients.services import client_viewed
from carebridge.core import messages as core_messages
from carebridge.core.access import actor_of, has_permission, office_id_of, require_permission
from carebridge.core.dates import month_start, parse_month
from carebridge.core.forms import add_service_errors, call_service
from carebridge.core.japanese import wareki
from carebridge.core.services import records_listed
from carebridge.documents.http import pdf_response

from . import messages, pdf, rules, selectors, services
from .access import access_intake, access_note, access_task, access_visit
from .forms import (
    ContractForm,
    IntakeForm,
    MonitoringCorrectionForm,
    MonitoringForm,
    NoteForm,
    SpecialCircumstanceForm,
)
from .models import Intake

# -- intake ----------------------------------------------------------------------------------------


@login_required
def intake_list(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    require_permission(actor, "care.view")
    page = Paginator(selectors.intake_list(actor=actor), 50).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)  # the rows shown, fetched once, named in the access log
    records_listed(
        actor=actor,
        subject=Intake,
        client_ids=[i.client_id for i in page],
        record_ids=[i.pk for i in page],
        page=page.number,
    )
    return render(request, "casework/intake_list.html", {"page": page, "can_edit": has_permission(actor, "care.edit")})


@login_required
@require_http_methods(["GET", "POST"])
def intake_create(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    require_permission(actor, "care.edit")
    form = IntakeForm(request.POST or None, initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        intake = call_service(form, lambda: services.intake_create(actor=actor, data=form.to_input()))
        if intake is not None:
            flash.success(request, "相談を受け付けました。契約に進む場合は利用者登録と契約を記録してください。")
            return redirect("casework:intake_convert", intake_id=intake.pk)
    return render(request, "core/form_page.html", {"form": form, "title": "相談受付（インテーク）"})


@login_required
@require_http_methods(["GET", "POST"])
def intake_convert(request: HttpRequest, intake_id: int) -> HttpResponse:
    """Register the client and the care-management contract from an intake, in one transaction."""
    actor = actor_of(request)
    intake = access_intake(actor, intake_id, for_edit=True)
    if intake.client_id:
        return redirect("client_page", client_id=intake.client_id)
    client_form = ClientCreateForm(
        request.POST or None,
        office_id=office_id_of(actor),
        prefix="client",
        initial={"name": intake.subject_name, "care_manager": actor.pk, "status": "active"},
    )
    contract_form = ContractForm(
        request.POST or None, prefix="contract", initial={"contracted_on": timezone.localdate()}
    )
    if request.method == "POST" and client_form.is_valid() and contract_form.is_valid():
        try:
            client = services.intake_convert(
                actor=actor,
                intake=intake,
                client=client_form.to_input(),
                contract=contract_form.to_input(),
                status=client_form.cleaned_data["status"],
            )
        except ValidationError as exc:
            # A contract problem belongs on the contract form, anything else on the client form.
            fields = set(exc.error_dict) if hasattr(exc, "error_dict") else set()
            add_service_errors(contract_form if fields & set(contract_form.fields) else client_form, exc)
        else:
            flash.success(
                request, f"利用者「{client.name}」と居宅介護支援契約を登録しました。アセスメントに進んでください。"
            )
            return redirect("client_page", client_id=client.pk)
    context = {"intake": intake, "client_form": client_form, "contract_form": contract_form}
    return render(request, "casework/intake_convert.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def contract_create(request: HttpRequest, client_id: int) -> HttpResponse:
    """Record the 居宅介護支援契約 of a registered client, with the explanation of 運営基準第4条第2項
    (the work list's CONTRACT_EXPLANATION_MISSING item opens this page)."""
    actor = actor_of(request)
    client = access_care_client(actor, client_id, for_edit=True)
    if request.method == "GET":
        client_viewed(actor=actor, client=client)  # the form page shows the client's record
    form = ContractForm(request.POST or None, initial={"contracted_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        contract = call_service(
            form, lambda: services.contract_create(actor=actor, client=client, data=form.to_input())
        )
        if contract is not None:
            flash.success(request, f"{wareki(contract.contracted_on)}の居宅介護支援契約を記録しました。")
            return redirect("client_page", client_id=client.pk)
    context = {"form": form, "title": "居宅介護支援契約の記録（運営基準第4条第2項の説明）", "client": client}
    return render(request, "core/form_page.html", context)


# -- progress notes (第5表) ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def notes(request: HttpRequest, client_id: int) -> HttpResponse:
    actor = actor_of(request)
    client = access_care_client(actor, client_id, for_edit=request.method == "POST")
    blank = {"noted_on": timezone.localdate(), "category": "visit"}
    form = NoteForm(request.POST or None, initial=blank)
    saved = None
    if request.method == "POST":
        if form.is_valid():
            saved = call_service(
                form, lambda: services.progress_note_create(actor=actor, client=client, data=form.to_input())
            )
        if saved is not None:
            if not request.htmx:  # type: ignore[attr-defined]
                flash.success(request, "支援経過を記録しました。")
                return redirect("casework:notes", client_id=client.pk)
            form = NoteForm(initial=blank)  # HTMX: a fresh form above the updated list
    else:
        client_viewed(actor=actor, client=client)
    query = request.GET.get("q", "")
    rows = selectors.progress_note_list(client=client, query=query, category=request.GET.get("category", ""))
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    context = {
        "client": client,
        "form": form,
        "page": page,
        "q": query,
        "saved": saved,
        "can_edit": has_permission(actor, "care.edit"),
    }
    template = "casework/_notes.html" if request.htmx else "casework/notes.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def note_edit(request: HttpRequest, client_id: int, note_id: int) -> HttpResponse:
    """Any 第5表 entry — typed or written by itself — reworded afterwards (audited)."""
    actor = actor_of(request)
    client = access_care_client(actor, client_id, for_edit=True)
    note = access_note(actor, note_id, client=client, for_edit=True)
    if request.method == "GET":
        client_viewed(actor=actor, client=client)
    form = NoteForm(request.POST or None, instance=note)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            lambda: services.progress_note_update(
                actor=actor, note=note, data=form.to_input(base=note), expected_updated_at=form.expected_updated_at()
            ),
        )
        if saved is not None:
            flash.success(request, "支援経過を更新しました。")
            return redirect("casework:notes", client_id=client.pk)
    return render(request, "core/form_page.html", {"form": form, "title": "支援経過（第5表）の編集", "client": client})


@login_required
def notes_pdf(request: HttpRequest, client_id: int) -> HttpResponse:
    actor = actor_of(request)
    client = access_care_client(actor, client_id)
    client_viewed(actor=actor, client=client)
    rows = list(selectors.progress_note_list(client=client).order_by("noted_on", "id"))
    drawn = pdf.progress_notes_pdf(
        client,
        rows,
        author_name=str(client.care_manager or ""),
        office_name=client.office.name,
        special_circumstances=list(selectors.special_circumstance_list(client=client)),
    )
    return pdf_response(drawn, f"progress-notes-{client.pk}.pdf", document="居宅介護支援経過", request=request)


# -- monitoring ------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def monitoring_create(request: HttpRequest, client_id: int) -> HttpResponse:
    actor = actor_of(request)
    client = access_care_client(actor, client_id, for_edit=True)
    if request.method == "GET":
        client_viewed(actor=actor, client=client)  # the form page shows the client's record
    month_text = request.POST.get("month") or request.GET.get("month") or timezone.localdate().strftime("%Y-%m")
    parsed = parse_month(month_text)
    month = parsed or month_start(timezone.localdate())
    plan = plan_in_effect(client=client, month=month)
    form = MonitoringForm(
        request.POST or None, goals=short_goals(plan), initial={"visited_on": timezone.localdate(), "method": "home"}
    )
    if request.method == "POST" and parsed is None:
        form.is_valid()
        form.add_error(None, core_messages.MONTH_FORMAT)
    elif request.method == "POST" and form.is_valid():
        visit = call_service(
            form,
            lambda: services.monitoring_record(
                actor=actor, client=client, month=month, data=form.to_monitoring_input()
            ),
        )
        if visit is not None:
            flash.success(request, f"{month.year}年{month.month}月のモニタリングを記録しました。")
            return redirect("client_page", client_id=client.pk)
    context = {"client": client, "form": form, "plan": plan, "month": month}
    return render(request, "casework/monitoring_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def special_circumstance_create(request: HttpRequest, client_id: int) -> HttpResponse:
    """特段の事情 of a month without a visit (運営基準第13条第14号), from the monitoring area."""
    actor = actor_of(request)
    client = access_care_client(actor, client_id, for_edit=True)
    if request.method == "GET":
        client_viewed(actor=actor, client=client)  # the form page shows the client's record
    month_text = request.POST.get("month") or request.GET.get("month") or timezone.localdate().strftime("%Y-%m")
    parsed = parse_month(month_text)
    month = parsed or month_start(timezone.localdate())
    form = SpecialCircumstanceForm(request.POST or None)
    if request.method == "POST" and parsed is None:
        form.is_valid()
        form.add_error(None, core_messages.MONTH_FORMAT)
    elif request.method == "POST" and form.is_valid():
        row = call_service(
            form,
            lambda: services.special_circumstance_record(actor=actor, client=client, month=month, data=form.to_input()),
            aliases={"month": "__all__"},
        )
        if row is not None:
            flash.success(request, f"{month.year}年{month.month}月の特段の事情を記録しました。")
            return redirect("client_page", client_id=client.pk)
    context = {"client": client, "form": form, "month": month}
    return render(request, "casework/special_circumstance_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def monitoring_edit(request: HttpRequest, client_id: int, visit_id: int) -> HttpResponse:
    """Correct a monitoring record, with the reason, until its month is closed (issue 9 item 18)."""
    actor = actor_of(request)
    client = access_care_client(actor, client_id, for_edit=True)
    visit = access_visit(actor, visit_id, client=client, for_edit=True)
    if request.method == "GET":
        client_viewed(actor=actor, client=client)
    form = MonitoringCorrectionForm(request.POST or None, goals=short_goals(visit.plan), instance=visit)
    if request.method == "GET":
        form.initial_evaluations(visit)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            lambda: services.monitoring_correct(
                actor=actor,
                visit=visit,
                data=form.to_monitoring_input(),
                reason=form.cleaned_data["reason"],
                expected_updated_at=form.expected_updated_at(),
            ),
        )
        if saved is not None:
            flash.success(request, f"{visit.month.year}年{visit.month.month}月のモニタリングを訂正しました。")
            return redirect("client_page", client_id=client.pk)
    deadline = rules.correction_deadline(visit.month)
    closed = rules.monitoring_month_closed(visit.month, timezone.localdate())
    context = {
        "client": client,
        "form": form,
        "plan": visit.plan,
        "month": visit.month,
        "visit": visit,
        "deadline": deadline,
        "closed": messages.MONITORING_MONTH_CLOSED.format(deadline=wareki(deadline)) if closed else "",
    }
    return render(request, "casework/monitoring_form.html", context)


# -- tasks -------------------------------------------------------------------------------------------


@login_required
@require_POST
def task_done(request: HttpRequest, task_id: int) -> HttpResponse:
    actor = actor_of(request)
    task = access_task(actor, task_id)
    services.task_complete(actor=actor, task=task, done_on=timezone.localdate())
    flash.success(request, "タスクを完了にしました。")
    return redirect("today")
