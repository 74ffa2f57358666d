"""介護予防サービス・支援計画書 pages: a client's versions, one plan with its 支援計画 rows, the
form, consent, delivery (with the service start), 変更 and the PDF."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from carebridge.clients.access import access_care_client
from carebridge.clients.services import client_viewed
from carebridge.core.access import actor_of, has_permission
from carebridge.core.forms import call_service
from carebridge.documents.http import pdf_response

from . import prevention_messages as messages
from . import prevention_selectors as selectors
from . import prevention_services as services
from .prevention_access import access_prevention_plan, access_prevention_row
from .prevention_forms import (
    PreventionConsentForm,
    PreventionDeliverForm,
    PreventionPlanForm,
    PreventionReviseForm,
    SupportRowForm,
)
from .prevention_models import AREAS, PreventionPlan
from .prevention_pdf import prevention_pdf


def _back(plan: PreventionPlan, anchor: str = "") -> HttpResponse:
    return redirect(reverse("careplans:prevention_detail", args=[plan.pk]) + (f"#{anchor}" if anchor else ""))


def _form_page(request: HttpRequest, form: Any, title: str, plan: PreventionPlan) -> HttpResponse:
    if request.method == "GET":
        client_viewed(actor=actor_of(request), client=plan.client)  # the form page shows the plan's client
    context = {"form": form, "title": title, "plan": plan, "client": plan.client}
    return render(request, "careplans/prevention_step_form.html", context)


def _refuse_if_locked(request: HttpRequest, plan: PreventionPlan) -> HttpResponse | None:
    if plan.is_locked:
        flash.error(request, messages.PREVENTION_LOCKED)
        return _back(plan)
    return None


@login_required
def prevention_list(request: HttpRequest, client_id: int) -> HttpResponse:
    actor = actor_of(request)
    client = access_care_client(actor, client_id)
    client_viewed(actor=actor, client=client)
    context = {
        "client": client,
        "plans": list(selectors.prevention_plan_list(client=client)),
        "can_edit": has_permission(actor, "care.edit"),
    }
    return render(request, "careplans/prevention_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def prevention_create(request: HttpRequest, client_id: int) -> HttpResponse:
    actor = actor_of(request)
    client = access_care_client(actor, client_id, for_edit=True)
    if request.method == "GET":
        client_viewed(actor=actor, client=client)  # the form page shows the client's record
    form = PreventionPlanForm(request.POST or None, initial={"drafted_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        plan = call_service(
            form, lambda: services.preventionplan_create(actor=actor, client=client, data=form.to_input())
        )
        if plan is not None:
            made = f"介護予防サービス・支援計画（第{plan.version}版）の原案を作成しました。"
            flash.success(request, made + "支援計画を追加してください。")
            return _back(plan)
    context = {"form": form, "title": "介護予防サービス・支援計画書の作成", "client": client}
    return render(request, "careplans/prevention_form.html", context)


@login_required
def prevention_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = access_prevention_plan(actor, plan_id)
    client_viewed(actor=actor, client=plan.client)
    areas = [
        (heading, *(getattr(plan, f"{prefix}_{part}") for part in ("status", "intention", "issue")))
        for prefix, heading in AREAS
    ]
    context = {
        "plan": plan,
        "client": plan.client,
        "areas": areas,
        "rows": list(plan.support_rows.all()),
        "can_edit": has_permission(actor, "care.edit") and not plan.is_locked,
        "can_act": has_permission(actor, "care.edit"),
        "versions": list(selectors.prevention_plan_list(client=plan.client)),
        "newer": selectors.newer_prevention_version(plan),
    }
    return render(request, "careplans/prevention_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def prevention_edit(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = access_prevention_plan(actor, plan_id, for_edit=True)
    if (refused := _refuse_if_locked(request, plan)) is not None:
        return refused
    if request.method == "GET":
        client_viewed(actor=actor, client=plan.client)
    form = PreventionPlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            lambda: services.preventionplan_update(
                actor=actor, plan=plan, data=form.to_input(base=plan), expected_updated_at=form.expected_updated_at()
            ),
        )
        if saved is not None:
            flash.success(request, "計画を更新しました。")
            return _back(plan)
    context = {"form": form, "title": "介護予防サービス・支援計画書の編集", "client": plan.client, "plan": plan}
    return render(request, "careplans/prevention_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def prevention_row_create(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = access_prevention_plan(actor, plan_id, for_edit=True)
    if (refused := _refuse_if_locked(request, plan)) is not None:
        return refused
    cert = plan.certification
    initial = {"period_start": plan.drafted_on, "period_end": cert.valid_to if cert else None}
    form = SupportRowForm(request.POST or None, office_id=plan.office_id, initial=initial)
    if request.method == "POST" and form.is_valid():
        row = call_service(form, lambda: services.prevention_row_add(actor=actor, plan=plan, data=form.to_input()))
        if row is not None:
            return _back(plan, "rows")
    return _form_page(request, form, "支援計画の追加", plan)


@login_required
@require_POST
def prevention_row_delete(request: HttpRequest, plan_id: int, row_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = access_prevention_plan(actor, plan_id, for_edit=True)
    row = access_prevention_row(actor, row_id, plan=plan)
    try:
        services.prevention_row_delete(actor=actor, plan=plan, row=row)
    except ValidationError as exc:
        flash.error(request, " ".join(exc.messages))
    return _back(plan, "rows")


@login_required
@require_http_methods(["GET", "POST"])
def prevention_consent(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = access_prevention_plan(actor, plan_id, for_edit=True)
    form = PreventionConsentForm(
        request.POST or None, initial={"consented_on": timezone.localdate(), "signer_name": plan.client.name}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = call_service(
            form,
            lambda: services.preventionplan_consent(
                actor=actor, plan=plan, consented_on=data["consented_on"], signer_name=data["signer_name"]
            ),
        )
        if saved is not None:
            flash.success(request, "計画への同意を記録しました。交付とサービス開始を記録してください。")
            return _back(plan, "steps")
    return _form_page(request, form, "説明・同意の記録", plan)


@login_required
@require_http_methods(["GET", "POST"])
def prevention_deliver(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = access_prevention_plan(actor, plan_id, for_edit=True)
    today = timezone.localdate()
    form = PreventionDeliverForm(request.POST or None, initial={"delivered_on": today, "service_start_on": today})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = call_service(
            form,
            lambda: services.preventionplan_deliver(
                actor=actor, plan=plan, delivered_on=data["delivered_on"], service_start_on=data["service_start_on"]
            ),
        )
        if saved is not None:
            flash.success(request, "交付とサービス開始を記録しました。")
            return _back(plan, "steps")
    return _form_page(request, form, "交付・サービス開始の記録", plan)


@login_required
@require_http_methods(["GET", "POST"])
def prevention_revise(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = access_prevention_plan(actor, plan_id, for_edit=True)
    form = PreventionReviseForm(request.POST or None, initial={"drafted_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        drafted_on = form.cleaned_data["drafted_on"]
        new = call_service(form, lambda: services.preventionplan_revise(actor=actor, plan=plan, drafted_on=drafted_on))
        if new is not None:
            flash.success(request, f"第{plan.version}版を複写して第{new.version}版（原案）を作成しました。")
            return _back(new)
    return _form_page(request, form, f"計画の変更（第{plan.version}版から新しい版を作成）", plan)


@login_required
def prevention_plan_pdf(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = access_prevention_plan(actor, plan_id)
    client_viewed(actor=actor, client=plan.client)
    return pdf_response(
        prevention_pdf(plan),
        f"prevention-plan-{plan.client_id}-v{plan.version}.pdf",
        document="介護予防サービス・支援計画書",
        request=request,
    )
