"""Casework pages: intake, assessment, progress notes (第5表), monitoring, the 運営基準 report."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from carebridge.assessments import selectors as assessment_selectors
from carebridge.assessments import services as assessment_services
from carebridge.assessments.forms import AssessmentForm
from carebridge.assessments.models import Assessment
from carebridge.careplans.models import Goal, GoalTerm
from carebridge.clients.forms import ClientForm
from carebridge.clients.models import Client
from carebridge.clients.services import client_viewed
from carebridge.core.access import (
    access_client,
    access_office_record,
    has_permission,
    office_scope,
    require_permission,
)
from carebridge.core.forms import add_service_errors, call_service
from carebridge.core.models import User

from . import pdf, rules, selectors, services
from .forms import ContractForm, IntakeForm, MonitoringForm, MonthForm, NoteForm
from .models import Intake, Task


def _actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _care_client(actor: User, client_id: int, *, edit: bool = False) -> Client:
    client = access_client(actor, client_id, permission="care.view")
    if edit:
        require_permission(actor, "care.edit")
    return client


# -- intake ----------------------------------------------------------------------------------------


@login_required
def intake_list(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    require_permission(actor, "care.view")
    intakes = office_scope(actor, Intake.objects.select_related("client", "received_by"), "care.view")
    page = Paginator(intakes.order_by("-received_on", "-id"), 50).get_page(request.GET.get("page"))
    return render(request, "casework/intake_list.html", {"page": page, "can_edit": has_permission(actor, "care.edit")})


@login_required
@require_http_methods(["GET", "POST"])
def intake_create(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    require_permission(actor, "care.edit")
    form = IntakeForm(request.POST or None, initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        intake = call_service(form, services.intake_create, actor=actor)
        if intake is not None:
            flash.success(request, "相談を受け付けました。契約に進む場合は利用者登録と契約を記録してください。")
            return redirect("casework:intake_convert", intake_id=intake.pk)
    return render(request, "core/form_page.html", {"form": form, "title": "相談受付（インテーク）"})


@login_required
@require_http_methods(["GET", "POST"])
def intake_convert(request: HttpRequest, intake_id: int) -> HttpResponse:
    """Register the client and the care-management contract from an intake, in one transaction."""
    actor = _actor(request)
    intake = access_office_record(actor, Intake.objects.all(), intake_id, "care.view")
    require_permission(actor, "care.edit")
    if intake.client_id:
        return redirect("clients:detail", client_id=intake.client_id)
    client_form = ClientForm(
        request.POST or None,
        office_id=actor.office_id,
        prefix="client",
        initial={"name": intake.subject_name, "care_manager": actor.pk, "status": "active"},
    )
    contract_form = ContractForm(
        request.POST or None, prefix="contract", initial={"contracted_on": timezone.localdate()}
    )
    if request.method == "POST" and client_form.is_valid() and contract_form.is_valid():
        try:
            with transaction.atomic():
                client = services.intake_convert(
                    actor=actor,
                    intake=intake,
                    client_fields=client_form.cleaned_data,
                    contract_fields=contract_form.cleaned_data,
                )
        except ValidationError as exc:
            fields = exc.error_dict if hasattr(exc, "error_dict") else {}
            add_service_errors(contract_form if set(fields) & set(contract_form.fields) else client_form, exc)
        else:
            flash.success(
                request, f"利用者「{client.name}」と居宅介護支援契約を登録しました。アセスメントに進んでください。"
            )
            return redirect("clients:detail", client_id=client.pk)
    context = {"intake": intake, "client_form": client_form, "contract_form": contract_form}
    return render(request, "casework/intake_convert.html", context)


# -- assessment ------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def assessment_create(request: HttpRequest, client_id: int) -> HttpResponse:
    actor = _actor(request)
    client = _care_client(actor, client_id, edit=True)
    last = assessment_selectors.latest_assessment(client=client)
    copy = request.GET.get("copy") == "1" and last is not None
    reason = "renewal" if last else "initial"
    form = AssessmentForm(
        request.POST or None,
        items=last.items if copy and last else None,
        initial={
            "assessed_on": timezone.localdate(),
            "reason": reason,
            "place": "自宅",
            "strengths": last.strengths if copy and last else "",
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            assessment = assessment_services.assessment_create(
                actor=actor, client=client, items=form.items_data(), **form.header_data()
            )
        except ValidationError as exc:
            add_service_errors(form, exc, aliases={"items": "__all__"})
        else:
            flash.success(request, f"アセスメント（第{assessment.version}版）を保存しました。")
            return redirect("casework:assessment_detail", client_id=client.pk, assessment_id=assessment.pk)
    context = {"client": client, "form": form, "last": last, "copied": copy}
    return render(request, "casework/assessment_form.html", context)


@login_required
def assessment_detail(request: HttpRequest, client_id: int, assessment_id: int) -> HttpResponse:
    actor = _actor(request)
    client = _care_client(actor, client_id)
    assessment = access_office_record(actor, Assessment.objects.filter(client=client), assessment_id, "care.view")
    client_viewed(actor=actor, client=client)
    form = AssessmentForm(items=assessment.items)
    return render(request, "casework/assessment_detail.html", {"client": client, "a": assessment, "form": form})


# -- progress notes (第5表) ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def notes(request: HttpRequest, client_id: int) -> HttpResponse:
    actor = _actor(request)
    client = _care_client(actor, client_id)
    blank = {"noted_on": timezone.localdate(), "category": "visit"}
    form = NoteForm(request.POST or None, initial=blank)
    saved = None
    if request.method == "POST":
        require_permission(actor, "care.edit")
        if form.is_valid():
            saved = call_service(form, services.progress_note_create, actor=actor, client=client)
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
def notes_pdf(request: HttpRequest, client_id: int) -> HttpResponse:
    actor = _actor(request)
    client = _care_client(actor, client_id)
    client_viewed(actor=actor, client=client)
    rows = list(selectors.progress_note_list(client=client).order_by("noted_on", "id"))
    data = pdf.progress_notes_pdf(
        client, rows, author_name=str(client.care_manager or ""), office_name=client.office.name
    )
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="progress-notes-{client.pk}.pdf"'
    return response


# -- monitoring ------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def monitoring_create(request: HttpRequest, client_id: int) -> HttpResponse:
    actor = _actor(request)
    client = _care_client(actor, client_id, edit=True)
    plan = services.current_plan(client)
    goals = (
        list(Goal.objects.filter(need__plan=plan, term=GoalTerm.SHORT).order_by("need__order", "order")) if plan else []
    )
    month_text = request.POST.get("month") or request.GET.get("month") or timezone.localdate().strftime("%Y-%m")
    try:
        month = dt.datetime.strptime(month_text, "%Y-%m").date()  # noqa: DTZ007 - a month, not a time
        bad_month = False
    except ValueError:
        month, bad_month = rules.month_start(timezone.localdate()), True
    form = MonitoringForm(
        request.POST or None, goals=goals, initial={"visited_on": timezone.localdate(), "method": "home"}
    )
    if request.method == "POST" and bad_month:
        form.is_valid()
        form.add_error(None, "対象月は YYYY-MM の形式で指定してください。")
    elif request.method == "POST" and form.is_valid():
        try:
            services.monitoring_record(actor=actor, client=client, month=month, plan=plan, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            flash.success(request, f"{month.year}年{month.month}月のモニタリングを記録しました。")
            return redirect("clients:detail", client_id=client.pk)
    context = {"client": client, "form": form, "plan": plan, "month": month}
    return render(request, "casework/monitoring_form.html", context)


# -- tasks and the 運営基準 report ------------------------------------------------------------------------


@login_required
@require_POST
def task_done(request: HttpRequest, task_id: int) -> HttpResponse:
    actor = _actor(request)
    task = access_office_record(actor, Task.objects.all(), task_id, "care.view")
    services.task_complete(actor=actor, task=task, done_on=timezone.localdate())
    flash.success(request, "タスクを完了にしました。")
    return redirect("today")


@login_required
def compliance_report(request: HttpRequest) -> HttpResponse:
    """The office's 運営基準減算 risk for a month, client by client."""
    actor = _actor(request)
    require_permission(actor, "care.view")
    today = timezone.localdate()
    form = MonthForm(request.GET or None)
    month = form.cleaned_data["month"] if form.is_valid() else rules.month_start(today)
    findings = selectors.compliance_findings(actor=actor, month=month, today=today)
    at_risk = {f.client_id for f in findings if f.penalty_risk}
    # 運営基準減算 lasting 2 months or more: no fee at all — so look at last month for those clients.
    previous = selectors.compliance_findings(
        actor=actor, month=rules.previous_month(month), today=today, client_ids=at_risk
    )
    previous_by_client: dict[int, list[rules.Finding]] = {}
    for f in previous:
        previous_by_client.setdefault(f.client_id, []).append(f)
    clients = {
        c.pk: c
        for c in office_scope(actor, Client.objects.select_related("care_manager"), "care.view").filter(
            pk__in={f.client_id for f in findings}
        )
    }
    rows: dict[int, dict[str, object]] = {}
    for f in findings:
        row = rows.setdefault(f.client_id, {"client": clients[f.client_id], "findings": [], "penalty": False})
        row["findings"].append(f)  # type: ignore[attr-defined]
        row["penalty"] = row["penalty"] or f.penalty_risk
    for cid, row in rows.items():
        row["penalty_label"] = rules.penalty_label(row["findings"], previous_by_client.get(cid, []))  # type: ignore[arg-type]
    ordered = sorted(rows.values(), key=lambda r: (not r["penalty"], r["client"].kana))  # type: ignore[attr-defined]
    context = {"form": form, "month": month, "rows": ordered, "penalty_count": sum(1 for r in ordered if r["penalty"])}
    return render(request, "casework/compliance_report.html", context)
