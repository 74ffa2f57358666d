"""Care-plan pages: the plan (第1〜3表) with its rows, meeting (第4表), consent, delivery, start,
変更 (new version), diff between versions, and the PDFs."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from carebridge.casework.rules import CertificationFacts, goal_period_outside
from carebridge.clients.services import client_viewed
from carebridge.core.access import access_client, access_office_record, has_permission, require_permission
from carebridge.core.forms import add_service_errors, call_service
from carebridge.core.models import User

from . import pdf, selectors, services
from .forms import (
    ActivateForm,
    ConferenceForm,
    ConsentForm,
    DeliveryForm,
    GoalForm,
    NeedForm,
    PlanForm,
    ReviseForm,
    ServiceForm,
    WeeklyEntryForm,
)
from .models import CareConference, CarePlan, Goal, GoalTerm, Need, PlannedService, WeeklyScheduleEntry


def _actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _plan(actor: User, plan_id: int) -> CarePlan:
    return access_office_record(
        actor, CarePlan.objects.select_related("client", "certification", "author", "office"), plan_id, "care.view"
    )


def _editable_plan(actor: User, plan_id: int) -> CarePlan:
    plan = _plan(actor, plan_id)
    require_permission(actor, "care.edit")
    return plan


def _back(plan: CarePlan, anchor: str = "") -> HttpResponse:
    return redirect(reverse("careplans:detail", args=[plan.pk]) + (f"#{anchor}" if anchor else ""))


def _form_page(request: HttpRequest, form: Any, title: str, plan: CarePlan, **extra: Any) -> HttpResponse:
    context = {"form": form, "title": title, "plan": plan, "client": plan.client, **extra}
    return render(request, "careplans/plan_form.html", context)


def _int_or_404(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise Http404 from None


def _cert_facts(plan: CarePlan) -> CertificationFacts | None:
    cert = plan.certification
    return CertificationFacts(valid_from=cert.valid_from, valid_to=cert.valid_to) if cert else None


def _refuse_if_locked(request: HttpRequest, plan: CarePlan) -> HttpResponse | None:
    if plan.is_locked:
        flash.error(request, services.messages.PLAN_LOCKED)
        return _back(plan)
    return None


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest, client_id: int) -> HttpResponse:
    actor = _actor(request)
    client = access_client(actor, client_id, permission="care.view")
    require_permission(actor, "care.edit")
    form = PlanForm(request.POST or None, initial={"drafted_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        plan = call_service(form, services.careplan_create, actor=actor, client=client)
        if plan is not None:
            flash.success(
                request, f"居宅サービス計画（第{plan.version}版）の原案を作成しました。続けてニーズを追加してください。"
            )
            return _back(plan)
    return render(
        request, "core/form_page.html", {"form": form, "title": "居宅サービス計画の作成（第1表）", "client": client}
    )


@login_required
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = _actor(request)
    plan = _plan(actor, plan_id)
    client_viewed(actor=actor, client=plan.client)
    needs = selectors.plan_tree(plan=plan)
    facts = _cert_facts(plan)
    warnings = [
        goal
        for need in needs
        for long in need.long_goals  # type: ignore[attr-defined]
        for goal in [long, *long.shorts]
        if goal_period_outside((goal.period_start, goal.period_end), facts)
    ]
    context = {
        "plan": plan,
        "client": plan.client,
        "needs": needs,
        "outside_goals": {g.pk for g in warnings},
        "can_edit": has_permission(actor, "care.edit") and not plan.is_locked,
        "can_act": has_permission(actor, "care.edit"),
        "providers": services.plan_providers(plan),
        "versions": list(selectors.plan_list(client=plan.client)),
        "newer": CarePlan.objects.filter(replaces=plan).first(),
        **selectors.plan_records(plan=plan),
    }
    return render(request, "careplans/plan_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = _actor(request)
    plan = _editable_plan(actor, plan_id)
    if (refused := _refuse_if_locked(request, plan)) is not None:
        return refused
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.careplan_update, actor=actor, plan=plan) is not None:
            flash.success(request, "計画を更新しました。")
            return _back(plan)
    return _form_page(request, form, "第1表・第3表の編集", plan)


@login_required
@require_http_methods(["GET", "POST"])
def need_create(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = _actor(request)
    plan = _editable_plan(actor, plan_id)
    if (refused := _refuse_if_locked(request, plan)) is not None:
        return refused
    form = NeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        need = call_service(form, services.need_add, actor=actor, plan=plan)
        if need is not None:
            return _back(plan, f"need-{need.pk}")
    return _form_page(request, form, "ニーズの追加（第2表）", plan)


@login_required
@require_http_methods(["GET", "POST"])
def goal_create(request: HttpRequest, plan_id: int, need_id: int) -> HttpResponse:
    actor = _actor(request)
    plan = _editable_plan(actor, plan_id)
    if (refused := _refuse_if_locked(request, plan)) is not None:
        return refused
    need = selectors.need_of(plan, need_id)
    parent = None
    term = GoalTerm.LONG
    if request.GET.get("parent"):
        parent = selectors.goal_of(plan, _int_or_404(request.GET["parent"]))
        term = GoalTerm.SHORT
    cert = plan.certification
    initial = {"period_start": plan.drafted_on, "period_end": cert.valid_to if cert else None}
    if parent is not None:
        initial = {"period_start": parent.period_start, "period_end": parent.period_end}
    form = GoalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        goal = call_service(form, services.goal_add, actor=actor, need=need, term=term, parent=parent)
        if goal is not None:
            if goal_period_outside((goal.period_start, goal.period_end), _cert_facts(plan)):
                flash.warning(request, "目標の期間が認定の有効期間の外にあります。期間を確認してください。")
            return _back(plan, f"need-{need.pk}")
    label = "短期目標" if term == GoalTerm.SHORT else "長期目標"
    hint = f"認定の有効期間: {cert.valid_from}〜{cert.valid_to}" if cert else ""
    return _form_page(request, form, f"{label}の追加 — {need.text[:30]}", plan, hint=hint)


@login_required
@require_http_methods(["GET", "POST"])
def service_create(request: HttpRequest, plan_id: int, goal_id: int) -> HttpResponse:
    actor = _actor(request)
    plan = _editable_plan(actor, plan_id)
    if (refused := _refuse_if_locked(request, plan)) is not None:
        return refused
    goal = selectors.goal_of(plan, goal_id)
    form = ServiceForm(
        request.POST or None,
        office_id=plan.office_id,
        initial={"period_start": goal.period_start, "period_end": goal.period_end, "insured": True},
    )
    if request.method == "POST" and form.is_valid():
        service = call_service(form, services.service_add, actor=actor, goal=goal)
        if service is not None:
            return _back(plan, f"need-{goal.need_id}")
    return _form_page(request, form, f"援助内容の追加 — {goal.text[:30]}", plan)


@login_required
@require_http_methods(["GET", "POST"])
def weekly_create(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = _actor(request)
    plan = _editable_plan(actor, plan_id)
    if (refused := _refuse_if_locked(request, plan)) is not None:
        return refused
    form = WeeklyEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.weekly_entry_add, actor=actor, plan=plan) is not None:
            return _back(plan, "weekly")
    return _form_page(request, form, "週間サービス計画の追加（第3表）", plan)


ROW_MODELS: dict[str, Any] = {
    "need": (Need, "plan"),
    "goal": (Goal, "need__plan"),
    "service": (PlannedService, "goal__need__plan"),
    "weekly": (WeeklyScheduleEntry, "plan"),
}


@login_required
@require_POST
def row_delete(request: HttpRequest, plan_id: int, kind: str, row_id: int) -> HttpResponse:
    from django.http import Http404

    actor = _actor(request)
    plan = _editable_plan(actor, plan_id)
    if kind not in ROW_MODELS:
        raise Http404
    model, path = ROW_MODELS[kind]
    row = model.objects.filter(pk=row_id, **{path: plan}).first()
    if row is None:
        raise Http404
    try:
        services.plan_row_delete(actor=actor, plan=plan, row=row)
    except ValidationError as exc:
        flash.error(request, " ".join(exc.messages))
    return _back(plan)


@login_required
@require_http_methods(["GET", "POST"])
def conference_create(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = _actor(request)
    plan = _editable_plan(actor, plan_id)
    if (refused := _refuse_if_locked(request, plan)) is not None:
        return refused
    initial = {
        "held_on": timezone.localdate(),
        "place": "利用者宅",
        "att0_kind": "client",
        "att0_name": plan.client.name,
        "att1_kind": "care_manager",
        "att1_name": str(actor),
        "att1_affiliation": "介護支援専門員",
    }
    for i, provider in enumerate(services.plan_providers(plan)[:4], start=2):
        initial |= {f"att{i}_kind": "provider", f"att{i}_affiliation": provider.name}
    form = ConferenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.conference_create(actor=actor, plan=plan, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            flash.success(request, "サービス担当者会議の要点を記録しました。")
            return _back(plan, "conferences")
    return render(request, "careplans/conference_form.html", {"form": form, "plan": plan, "client": plan.client})


@login_required
@require_http_methods(["GET", "POST"])
def consent_create(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = _actor(request)
    plan = _editable_plan(actor, plan_id)
    form = ConsentForm(
        request.POST or None,
        initial={"consented_on": timezone.localdate(), "signer_name": plan.client.name, "signer_relation": "本人"},
    )
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.plan_consent_record, actor=actor, plan=plan) is not None:
            flash.success(request, "計画への同意を記録しました。利用者と各事業所への交付を記録してください。")
            return _back(plan, "consent")
    return _form_page(request, form, "説明・同意の記録", plan)


@login_required
@require_http_methods(["GET", "POST"])
def delivery_create(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = _actor(request)
    plan = _editable_plan(actor, plan_id)
    form = DeliveryForm(
        request.POST or None, providers=services.plan_providers(plan), initial={"delivered_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_delivery_record(actor=actor, plan=plan, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc, aliases={"provider": "recipient"})
        else:
            flash.success(request, "交付を記録しました。")
            return _back(plan, "consent")
    return _form_page(request, form, "計画の交付の記録", plan)


@login_required
@require_http_methods(["GET", "POST"])
def activate(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = _actor(request)
    plan = _editable_plan(actor, plan_id)
    form = ActivateForm(request.POST or None, initial={"service_start_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.careplan_activate, actor=actor, plan=plan) is not None:
            flash.success(request, "サービス開始を記録しました。この計画が実施中になりました。")
            return _back(plan)
    return _form_page(request, form, "サービス開始の記録", plan)


@login_required
@require_http_methods(["GET", "POST"])
def revise(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = _actor(request)
    plan = _editable_plan(actor, plan_id)
    form = ReviseForm(request.POST or None, initial={"drafted_on": timezone.localdate(), "reason": "change"})
    if request.method == "POST" and form.is_valid():
        new = call_service(form, services.careplan_revise, actor=actor, plan=plan)
        if new is not None:
            flash.success(request, f"第{plan.version}版を複写して第{new.version}版（原案）を作成しました。")
            return _back(new)
    return _form_page(request, form, f"計画の変更（第{plan.version}版から新しい版を作成）", plan)


@login_required
def diff(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = _actor(request)
    plan = _plan(actor, plan_id)
    other_id = request.GET.get("with") or (plan.replaces_id and str(plan.replaces_id))
    if not other_id:
        flash.info(request, "比較する前の版がありません。")
        return _back(plan)
    other = _plan(actor, _int_or_404(other_id))
    if other.client_id != plan.client_id:
        from django.http import Http404

        raise Http404
    old, new = (other, plan) if other.version < plan.version else (plan, other)
    client_viewed(actor=actor, client=plan.client)
    context = {"plan": plan, "client": plan.client, "old": old, "new": new, "rows": selectors.plan_diff(old, new)}
    return render(request, "careplans/plan_diff.html", context)


def _pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def plan_pdf(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = _actor(request)
    plan = access_office_record(actor, selectors.plans_for_pdf(), plan_id, "care.view")
    client_viewed(actor=actor, client=plan.client)
    sheets = tuple(s for s in request.GET.get("sheets", "123") if s in "123") or ("1", "2", "3")
    return _pdf_response(pdf.plan_pdf(plan, sheets=sheets), f"careplan-{plan.client_id}-v{plan.version}.pdf")


@login_required
def conference_pdf(request: HttpRequest, conference_id: int) -> HttpResponse:
    actor = _actor(request)
    conference = access_office_record(
        actor,
        CareConference.objects.select_related("plan__client", "plan__office", "author"),
        conference_id,
        "care.view",
    )
    client_viewed(actor=actor, client=conference.plan.client)
    return _pdf_response(pdf.conference_pdf(conference), f"conference-{conference.pk}.pdf")
