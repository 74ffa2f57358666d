"""Care-plan pages: the plan (第1〜3表) with its rows, meeting (第4表), consent, delivery, start,
変更 (new version), diff between versions, and the PDFs."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from carebridge.clients.access import access_care_client
from carebridge.clients.services import client_viewed
from carebridge.core.access import actor_of, has_permission, is_row_id
from carebridge.core.forms import call_service
from carebridge.core.japanese import wareki
from carebridge.documents.http import pdf_response

from . import messages, pdf, rules, selectors, services
from .access import (
    access_conference,
    access_goal,
    access_inquiry,
    access_need,
    access_plan,
    access_plan_for_pdf,
    access_row,
)
from .forms import (
    ATTENDEE_ROWS,
    ActivateForm,
    ConferenceForm,
    ConsentForm,
    DeliveryForm,
    GoalForm,
    InquiryAnswerForm,
    MoveForm,
    NeedForm,
    PlanForm,
    ReviseForm,
    ServiceForm,
    WeeklyEntryForm,
)
from .inputs import GoalInput
from .models import CarePlan, Goal, GoalTerm, Need, PlannedService, WeeklyScheduleEntry


def _back(plan: CarePlan, anchor: str = "") -> HttpResponse:
    return redirect(reverse("careplans:detail", args=[plan.pk]) + (f"#{anchor}" if anchor else ""))


def _form_page(request: HttpRequest, form: Any, title: str, plan: CarePlan, **extra: Any) -> HttpResponse:
    if request.method == "GET":
        client_viewed(actor=actor_of(request), client=plan.client)  # the form page shows the plan's client
    context = {"form": form, "title": title, "plan": plan, "client": plan.client, **extra}
    return render(request, "careplans/plan_form.html", context)


def _cert_facts(plan: CarePlan) -> rules.CertificationFacts | None:
    cert = plan.certification
    return rules.CertificationFacts(valid_from=cert.valid_from, valid_to=cert.valid_to) if cert else None


def _refuse_if_locked(request: HttpRequest, plan: CarePlan) -> HttpResponse | None:
    if plan.is_locked:
        flash.error(request, messages.PLAN_LOCKED)
        return _back(plan)
    return None


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest, client_id: int) -> HttpResponse:
    actor = actor_of(request)
    client = access_care_client(actor, client_id, for_edit=True)
    if request.method == "GET":
        client_viewed(actor=actor, client=client)  # the form page shows the client's record
    form = PlanForm(request.POST or None, initial={"drafted_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        plan = call_service(form, lambda: services.careplan_create(actor=actor, client=client, data=form.to_input()))
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
    actor = actor_of(request)
    plan = access_plan(actor, plan_id)
    client_viewed(actor=actor, client=plan.client)
    needs = selectors.plan_tree(plan=plan)
    facts = _cert_facts(plan)
    warnings = [
        goal
        for need in needs
        for long in selectors.prefetched(need, "long_goals")
        for goal in [long, *long.shorts]
        if rules.goal_period_outside((goal.period_start, goal.period_end), facts)
    ]
    records = selectors.plan_records(plan=plan)
    weekly = cast(list[WeeklyScheduleEntry], records["weekly"])
    context = {
        "plan": plan,
        "client": plan.client,
        "needs": needs,
        "outside_goals": {g.pk for g in warnings},
        "week_warnings": selectors.week_warnings(plan=plan, needs=needs, weekly=weekly),
        "can_edit": has_permission(actor, "care.edit") and not plan.is_locked,
        "can_act": has_permission(actor, "care.edit"),
        "providers": selectors.plan_providers(plan),
        "versions": list(selectors.plan_list(client=plan.client)),
        "newer": selectors.newer_version(plan),
        **records,
    }
    return render(request, "careplans/plan_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id, for_edit=True)
    if (refused := _refuse_if_locked(request, plan)) is not None:
        return refused
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            lambda: services.careplan_update(
                actor=actor, plan=plan, data=form.to_input(base=plan), expected_updated_at=form.expected_updated_at()
            ),
        )
        if saved is not None:
            flash.success(request, "計画を更新しました。")
            return _back(plan)
    return _form_page(request, form, "第1表・第3表の編集", plan)


@login_required
@require_http_methods(["GET", "POST"])
def need_create(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id, for_edit=True)
    if (refused := _refuse_if_locked(request, plan)) is not None:
        return refused
    form = NeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        need = call_service(form, lambda: services.need_add(actor=actor, plan=plan, text=form.cleaned_data["text"]))
        if need is not None:
            return _back(plan, f"need-{need.pk}")
    return _form_page(request, form, "ニーズの追加（第2表）", plan)


@login_required
@require_http_methods(["GET", "POST"])
def goal_create(request: HttpRequest, plan_id: int, need_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id, for_edit=True)
    if (refused := _refuse_if_locked(request, plan)) is not None:
        return refused
    need = access_need(actor, need_id, plan=plan)
    parent: Goal | None = None
    term = GoalTerm.LONG
    if request.GET.get("parent"):
        parent = access_goal(actor, request.GET["parent"], plan=plan)
        term = GoalTerm.SHORT
    cert = plan.certification
    initial = {"period_start": plan.drafted_on, "period_end": cert.valid_to if cert else None}
    if parent is not None:
        initial = {"period_start": parent.period_start, "period_end": parent.period_end}
    form = GoalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        goal = call_service(
            form,
            lambda: services.goal_add(
                actor=actor,
                need=need,
                term=term,
                parent=parent,
                text=form.cleaned_data["text"],
                period_start=form.cleaned_data["period_start"],
                period_end=form.cleaned_data["period_end"],
            ),
        )
        if goal is not None:
            if rules.goal_period_outside((goal.period_start, goal.period_end), _cert_facts(plan)):
                flash.warning(request, "目標の期間が認定の有効期間の外にあります。期間を確認してください。")
            return _back(plan, f"need-{need.pk}")
    label = "短期目標" if term == GoalTerm.SHORT else "長期目標"
    hint = f"認定の有効期間: {wareki(cert.valid_from)}〜{wareki(cert.valid_to)}" if cert else ""
    return _form_page(request, form, f"{label}の追加 — {need.text[:30]}", plan, hint=hint)


@login_required
@require_http_methods(["GET", "POST"])
def service_create(request: HttpRequest, plan_id: int, goal_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id, for_edit=True)
    if (refused := _refuse_if_locked(request, plan)) is not None:
        return refused
    goal = access_goal(actor, goal_id, plan=plan)
    form = ServiceForm(
        request.POST or None,
        office_id=plan.office_id,
        initial={"period_start": goal.period_start, "period_end": goal.period_end, "insured": True},
    )
    if request.method == "POST" and form.is_valid():
        service = call_service(form, lambda: services.service_add(actor=actor, goal=goal, data=form.to_input()))
        if service is not None:
            return _back(plan, f"need-{goal.need_id}")
    return _form_page(request, form, f"援助内容の追加 — {goal.text[:30]}", plan)


@login_required
@require_http_methods(["GET", "POST"])
def weekly_create(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id, for_edit=True)
    if (refused := _refuse_if_locked(request, plan)) is not None:
        return refused
    form = WeeklyEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if call_service(form, lambda: services.weekly_entry_add(actor=actor, plan=plan, data=form.to_input())):
            return _back(plan, "weekly")
    return _form_page(request, form, "週間サービス計画の追加（第3表）", plan)


ROW_MODELS: dict[str, type[Need] | type[Goal] | type[PlannedService] | type[WeeklyScheduleEntry]] = {
    "need": Need,
    "goal": Goal,
    "service": PlannedService,
    "weekly": WeeklyScheduleEntry,
}


@login_required
@require_POST
def row_delete(request: HttpRequest, plan_id: int, kind: str, row_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id, for_edit=True)
    if kind not in ROW_MODELS:
        raise Http404
    row = access_row(actor, ROW_MODELS[kind], row_id, plan=plan)
    try:
        services.plan_row_delete(actor=actor, plan=plan, row=row)
    except ValidationError as exc:
        flash.error(request, " ".join(exc.messages))
    return _back(plan)


# -- editing a draft in place (issue 9 item 18) ------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def need_edit(request: HttpRequest, plan_id: int, need_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id, for_edit=True)
    if (refused := _refuse_if_locked(request, plan)) is not None:
        return refused
    need = access_need(actor, need_id, plan=plan, for_edit=True)
    form = NeedForm(request.POST or None, initial={"text": need.text})
    if request.method == "POST" and form.is_valid():
        saved = call_service(form, lambda: services.need_update(actor=actor, need=need, text=form.cleaned_data["text"]))
        if saved is not None:
            flash.success(request, "ニーズを更新しました。")
            return _back(plan, f"need-{need.pk}")
    return _form_page(request, form, "ニーズの編集（第2表）", plan)


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request: HttpRequest, plan_id: int, goal_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id, for_edit=True)
    if (refused := _refuse_if_locked(request, plan)) is not None:
        return refused
    goal = access_goal(actor, goal_id, plan=plan, for_edit=True)
    initial = {"text": goal.text, "period_start": goal.period_start, "period_end": goal.period_end}
    form = GoalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = GoalInput(**{k: form.cleaned_data[k] for k in ("text", "period_start", "period_end")})
        saved = call_service(form, lambda: services.goal_update(actor=actor, goal=goal, data=data))
        if saved is not None:
            if rules.goal_period_outside((saved.period_start, saved.period_end), _cert_facts(plan)):
                flash.warning(request, "目標の期間が認定の有効期間の外にあります。期間を確認してください。")
            flash.success(request, "目標を更新しました。")
            return _back(plan, f"need-{goal.need_id}")
    label = goal.get_term_display()
    return _form_page(request, form, f"{label}の編集 — {goal.text[:30]}", plan)


@login_required
@require_http_methods(["GET", "POST"])
def service_edit(request: HttpRequest, plan_id: int, service_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id, for_edit=True)
    if (refused := _refuse_if_locked(request, plan)) is not None:
        return refused
    row = cast(PlannedService, access_row(actor, PlannedService, service_id, plan=plan, for_edit=True))
    form = ServiceForm(request.POST or None, office_id=plan.office_id, instance=row)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, lambda: services.service_update(actor=actor, service=row, data=form.to_input(base=row))
        )
        if saved is not None:
            flash.success(request, "援助内容を更新しました。")
            return _back(plan, "needs")
    return _form_page(request, form, f"援助内容の編集 — {row.content[:30]}", plan)


MOVABLE: dict[str, type[Need] | type[Goal] | type[PlannedService]] = {
    "need": Need,
    "goal": Goal,
    "service": PlannedService,
}


@login_required
@require_POST
def row_move(request: HttpRequest, plan_id: int, kind: str, row_id: int) -> HttpResponse:
    """One place up or down among its siblings (a need, a goal, a service of a draft)."""
    actor = actor_of(request)
    plan = access_plan(actor, plan_id, for_edit=True)
    if kind not in MOVABLE:
        raise Http404
    row = access_row(actor, MOVABLE[kind], row_id, plan=plan, for_edit=True)
    form = MoveForm(request.POST)
    if not form.is_valid():
        flash.error(request, messages.MOVE_DIRECTION)
        return _back(plan, "needs")
    try:
        movable = cast(Need | Goal | PlannedService, row)
        services.plan_row_move(actor=actor, plan=plan, row=movable, direction=form.cleaned_data["direction"])
    except ValidationError as exc:
        flash.error(request, " ".join(exc.messages))
    return _back(plan, "needs")


@login_required
@require_http_methods(["GET", "POST"])
def inquiry_answer(request: HttpRequest, inquiry_id: int) -> HttpResponse:
    """The answer to a 照会 arrives after the meeting: recorded here, and on 第5表 by itself."""
    actor = actor_of(request)
    inquiry = access_inquiry(actor, inquiry_id, for_edit=True)
    plan = inquiry.conference.plan
    form = InquiryAnswerForm(request.POST or None, initial={"answered_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            lambda: services.inquiry_answer(
                actor=actor,
                inquiry=inquiry,
                answer=form.cleaned_data["answer"],
                answered_on=form.cleaned_data["answered_on"],
            ),
        )
        if saved is not None:
            flash.success(request, "照会への回答を記録しました（支援経過にも記録しました）。")
            return _back(plan, "conferences")
    hint = f"照会先: {inquiry.recipient}（{wareki(inquiry.sent_on)}） — {inquiry.question}"
    return _form_page(request, form, "照会への回答の記録", plan, hint=hint)


@login_required
@require_http_methods(["GET", "POST"])
def conference_create(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id, for_edit=True)
    if (refused := _refuse_if_locked(request, plan)) is not None:
        return refused
    if request.method == "GET":
        client_viewed(actor=actor, client=plan.client)  # the form page shows the client's record
    initial = {
        "held_on": timezone.localdate(),
        "place": "利用者宅",
        "att0_kind": "client",
        "att0_name": plan.client.name,
        "att1_kind": "care_manager",
        "att1_name": str(actor),
        "att1_affiliation": "介護支援専門員",
    }
    # Every provider of the plan gets a row under its name (the person may be filled in later), and
    # two rows stay free for the family, the physician or others.
    providers = selectors.plan_providers(plan)
    for i, provider in enumerate(providers, start=2):
        initial |= {f"att{i}_kind": "provider", f"att{i}_affiliation": provider.name}
    rows = max(ATTENDEE_ROWS, 2 + len(providers) + 2)
    form = ConferenceForm(request.POST or None, initial=initial, attendee_rows=rows)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, lambda: services.conference_create(actor=actor, plan=plan, data=form.to_conference_input())
        )
        if saved is not None:
            flash.success(request, "サービス担当者会議の要点を記録しました。")
            return _back(plan, "conferences")
    return render(request, "careplans/conference_form.html", {"form": form, "plan": plan, "client": plan.client})


@login_required
@require_http_methods(["GET", "POST"])
def consent_create(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id, for_edit=True)
    warnings = selectors.consent_warnings(plan)
    form = ConsentForm(
        request.POST or None,
        warnings=warnings,
        initial={"consented_on": timezone.localdate(), "signer_name": plan.client.name, "signer_relation": "本人"},
    )
    if request.method == "POST" and form.is_valid():
        if call_service(form, lambda: services.plan_consent_record(actor=actor, plan=plan, data=form.to_input())):
            flash.success(request, "計画への同意を記録しました。利用者と各事業所への交付を記録してください。")
            return _back(plan, "consent")
    return _form_page(request, form, "説明・同意の記録", plan, warnings=warnings)


@login_required
@require_http_methods(["GET", "POST"])
def delivery_create(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id, for_edit=True)
    form = DeliveryForm(
        request.POST or None,
        providers=selectors.plan_providers(plan),
        initial={"delivered_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            lambda: services.plan_delivery_record(actor=actor, plan=plan, **form.service_kwargs()),
            aliases={"provider": "recipient"},
        )
        if saved is not None:
            flash.success(request, "交付を記録しました。")
            return _back(plan, "consent")
    return _form_page(request, form, "計画の交付の記録", plan)


@login_required
@require_http_methods(["GET", "POST"])
def activate(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id, for_edit=True)
    form = ActivateForm(request.POST or None, initial={"service_start_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        start = form.cleaned_data["service_start_on"]
        if call_service(form, lambda: services.careplan_activate(actor=actor, plan=plan, service_start_on=start)):
            flash.success(request, "サービス開始を記録しました。この計画が実施中になりました。")
            return _back(plan)
    return _form_page(request, form, "サービス開始の記録", plan)


@login_required
@require_http_methods(["GET", "POST"])
def revise(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id, for_edit=True)
    form = ReviseForm(request.POST or None, initial={"drafted_on": timezone.localdate(), "reason": "change"})
    if request.method == "POST" and form.is_valid():
        new = call_service(
            form,
            lambda: services.careplan_revise(
                actor=actor, plan=plan, drafted_on=form.cleaned_data["drafted_on"], reason=form.cleaned_data["reason"]
            ),
        )
        if new is not None:
            flash.success(request, f"第{plan.version}版を複写して第{new.version}版（原案）を作成しました。")
            return _back(new)
    return _form_page(request, form, f"計画の変更（第{plan.version}版から新しい版を作成）", plan)


@login_required
def diff(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id)
    other_id = request.GET.get("with") or (plan.replaces_id and str(plan.replaces_id))
    if not other_id:
        flash.info(request, "比較する前の版がありません。")
        return _back(plan)
    if not is_row_id(other_id):
        raise Http404
    other = access_plan(actor, other_id)
    if other.client_id != plan.client_id:
        raise Http404
    old, new = (other, plan) if other.version < plan.version else (plan, other)
    client_viewed(actor=actor, client=plan.client)
    context = {"plan": plan, "client": plan.client, "old": old, "new": new, "rows": selectors.plan_diff(old, new)}
    return render(request, "careplans/plan_diff.html", context)


@login_required
def plan_pdf(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = access_plan_for_pdf(actor, plan_id)
    client_viewed(actor=actor, client=plan.client)
    sheets = tuple(s for s in request.GET.get("sheets", "123") if s in "123") or ("1", "2", "3")
    return pdf_response(
        pdf.plan_pdf(plan, sheets=sheets),
        f"careplan-{plan.client_id}-v{plan.version}.pdf",
        document="居宅サービス計画書",
        request=request,
    )


@login_required
def conference_pdf(request: HttpRequest, conference_id: int) -> HttpResponse:
    actor = actor_of(request)
    conference = access_conference(actor, conference_id)
    client_viewed(actor=actor, client=conference.plan.client)
    return pdf_response(
        pdf.conference_pdf(conference),
        f"conference-{conference.pk}.pdf",
        document="サービス担当者会議の要点",
        request=request,
    )
