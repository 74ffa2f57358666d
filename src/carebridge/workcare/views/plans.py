"""Pages of the 両立プラン and the three-party meetings.

- the workplace care manager: /workcare/employees/<id>/plans/ and …/meetings/ (lists, new),
  /workcare/plans/<id>/ (the timeline with each measure's check; steps added, edited, deleted while
  draft; agreement recorded; 変更; diff; PDF), /workcare/meetings/<id>/ (sheet, attendees, PDF);
- the employee: /workcare/me/plans/ and /workcare/me/meetings/ (their own; agree to a draft);
- HR and the manager: /workcare/shared/<employee_id>/plan/ — only the work measures of the plan
  in force, and only while the employee shares `plan_measures` with them (404 otherwise).

Every page that shows a record writes one audit view event.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from carebridge.core.access import actor_of, has_permission
from carebridge.core.audit import audit_view
from carebridge.core.forms import DateField, ServiceModelForm, call_service
from carebridge.core.models import User
from carebridge.documents.http import pdf_response

from .. import messages, pdf_meeting, pdf_plan, plan_rules, services
from ..access import (
    access_attendee,
    access_meeting,
    access_meeting_for_reading,
    access_own_meeting,
    access_own_plan,
    access_plan,
    access_plan_employee,
    access_plan_for_reading,
    access_plan_item,
    access_shared_employee,
    require_own_employee,
)
from ..inputs import AttendeeInput, MeetingInput, PlanItemInput, WorkCarePlanInput
from ..models import CareRecipient, MeetingAttendee, ThreePartyMeeting, WorkCarePlan, WorkCarePlanItem
from ..models.choices import AttendeeRole, ShareItem
from ..selectors import plans as selectors


def _viewed(actor: User, subject: models.Model) -> None:
    audit_view(actor=actor, subject=subject, client_id=None)


# -- forms (parsing only; the services apply the rules) ---------------------------------------------------


class PlanForm(ServiceModelForm):
    input_class = WorkCarePlanInput

    class Meta:
        model = WorkCarePlan
        fields = ["goals", "work_wishes"]
        widgets = {"goals": forms.Textarea(attrs={"rows": 3}), "work_wishes": forms.Textarea(attrs={"rows": 3})}


class PlanCreateForm(PlanForm):
    care_recipient = forms.ModelChoiceField(
        queryset=CareRecipient.objects.none(), required=False, label="対象家族", empty_label="（選ばない）"
    )

    def __init__(self, *args: Any, employee_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["care_recipient"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - narrowing for the type checker
        field.queryset = CareRecipient.objects.filter(employee_id=employee_id)


class ItemForm(ServiceModelForm):
    input_class = PlanItemInput

    class Meta:
        model = WorkCarePlanItem
        fields = ["kind", "starts_on", "ends_on", "hours", "detail"]
        help_texts = {"hours": "介護休暇を時間単位で取るときだけ（1日単位なら空欄）。"}


class AgreeForm(forms.Form):
    agreed_on = DateField(label="本人の同意日")


class MeetingForm(ServiceModelForm):
    input_class = MeetingInput

    class Meta:
        model = ThreePartyMeeting
        fields = [
            "kind",
            "held_on",
            "care_recipient_summary",
            "relation",
            "lives_together",
            "family_help",
            "difficulty_hours",
            "difficulty_days_off",
            "difficulty_trips",
            "systems_wanted",
            "handover_to",
            "handover_when",
            "handover_how",
            "agreements",
            "next_meeting_on",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 2})
            for name in (
                "family_help",
                "difficulty_hours",
                "difficulty_days_off",
                "difficulty_trips",
                "systems_wanted",
                "handover_how",
                "agreements",
            )
        }


ATTENDEE_ROWS = 5


class MeetingCreateForm(MeetingForm):
    """The sheet and up to five attendees (more can be added on the meeting's page)."""

    plan = forms.ModelChoiceField(queryset=WorkCarePlan.objects.none(), required=False, label="両立プラン")

    def __init__(self, *args: Any, employee_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["plan"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - narrowing for the type checker
        field.queryset = WorkCarePlan.objects.filter(employee_id=employee_id).order_by("-version")
        roles = [("", "—"), *AttendeeRole.choices]
        for n in range(1, ATTENDEE_ROWS + 1):
            self.fields[f"attendee_role_{n}"] = forms.ChoiceField(
                choices=roles, required=False, label=f"出席者{n} 立場"
            )
            self.fields[f"attendee_name_{n}"] = forms.CharField(max_length=50, required=False, label=f"出席者{n} 氏名")

    def attendees(self) -> list[AttendeeInput]:
        rows = []
        for n in range(1, ATTENDEE_ROWS + 1):
            role, name = self.cleaned_data.get(f"attendee_role_{n}"), self.cleaned_data.get(f"attendee_name_{n}")
            if role and name:
                rows.append(AttendeeInput(role=role, name=name))
        return rows


class AttendeeForm(ServiceModelForm):
    input_class = AttendeeInput

    class Meta:
        model = MeetingAttendee
        fields = ["role", "name"]


def _form_page(
    request: HttpRequest, form: forms.BaseForm, title: str, back: str, subject: models.Model
) -> HttpResponse:
    if request.method == "GET":
        _viewed(actor_of(request), subject)
    return render(request, "workcare/plan_form.html", {"form": form, "title": title, "back": back})


# -- the workplace care manager's plan pages ---------------------------------------------------------------


def _plan_url(plan: WorkCarePlan, anchor: str = "") -> str:
    return reverse("workcare:plan_detail", args=[plan.pk]) + (f"#{anchor}" if anchor else "")


def _refuse_if_locked(request: HttpRequest, plan: WorkCarePlan) -> HttpResponse | None:
    if plan.is_locked:
        flash.error(request, messages.WORKCARE_PLAN_LOCKED)
        return redirect(_plan_url(plan))
    return None


@login_required
def employee_plans(request: HttpRequest, employee_id: int) -> HttpResponse:
    actor = actor_of(request)
    employee = access_plan_employee(actor, employee_id)
    _viewed(actor, employee)
    context = {"employee": employee, "plans": list(selectors.employee_plans(employee))}
    return render(request, "workcare/plan_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest, employee_id: int) -> HttpResponse:
    actor = actor_of(request)
    employee = access_plan_employee(actor, employee_id, for_edit=True)
    form = PlanCreateForm(request.POST or None, employee_id=employee.pk)
    if request.method == "POST" and form.is_valid():
        plan = call_service(
            form,
            lambda: services.workcareplan_create(
                actor=actor,
                employee=employee,
                data=form.to_input(),
                care_recipient=form.cleaned_data.get("care_recipient"),
            ),
        )
        if plan is not None:
            flash.success(request, f"両立プラン（第{plan.version}版）を作成しました。続けて項目を追加してください。")
            return redirect(_plan_url(plan))
    back = reverse("workcare:employee_plans", args=[employee.pk])
    return _form_page(request, form, f"両立プランの作成 — {employee.name}", back, employee)


@login_required
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id)
    _viewed(actor, plan)
    rows = selectors.plan_with_checks(plan)
    can_edit = has_permission(actor, "workcare.edit")
    context = {
        "plan": plan,
        "employee": plan.employee,
        "rows": rows,
        "refused": [r for r in rows if r.check is not None and r.check.refused],
        "can_edit": can_edit and not plan.is_locked,
        "can_act": can_edit,
        "newer": selectors.newer_version(plan),
    }
    return render(request, "workcare/plan_detail.html", context)


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
            lambda: services.workcareplan_update(
                actor=actor, plan=plan, data=form.to_input(base=plan), expected_updated_at=form.expected_updated_at()
            ),
        )
        if saved is not None:
            flash.success(request, "両立プランを更新しました。")
            return redirect(_plan_url(plan))
    return _form_page(request, form, f"両立プラン 第{plan.version}版の編集", _plan_url(plan), plan)


@login_required
@require_http_methods(["GET", "POST"])
def plan_item_add(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id, for_edit=True)
    if (refused := _refuse_if_locked(request, plan)) is not None:
        return refused
    form = ItemForm(request.POST or None, initial={"starts_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        item = call_service(form, lambda: services.planitem_add(actor=actor, plan=plan, data=form.to_input()))
        if item is not None:
            return redirect(_plan_url(plan, f"item-{item.pk}"))
    return _form_page(request, form, "タイムラインに項目を追加", _plan_url(plan), plan)


@login_required
@require_http_methods(["GET", "POST"])
def plan_item_edit(request: HttpRequest, plan_id: int, item_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id, for_edit=True)
    item = access_plan_item(actor, plan, item_id)
    if (refused := _refuse_if_locked(request, plan)) is not None:
        return refused
    form = ItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            lambda: services.planitem_update(
                actor=actor, item=item, data=form.to_input(base=item), expected_updated_at=form.expected_updated_at()
            ),
        )
        if saved is not None:
            return redirect(_plan_url(plan, f"item-{item.pk}"))
    return _form_page(request, form, f"項目の編集 — {item.get_kind_display()}", _plan_url(plan), plan)


@login_required
@require_POST
def plan_item_delete(request: HttpRequest, plan_id: int, item_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id, for_edit=True)
    item = access_plan_item(actor, plan, item_id)
    if (refused := _refuse_if_locked(request, plan)) is not None:
        return refused
    try:
        services.planitem_delete(actor=actor, item=item)
        flash.success(request, "項目を削除しました。")
    except ValidationError as exc:
        flash.error(request, " ".join(exc.messages))
    return redirect(_plan_url(plan, "timeline"))


@login_required
@require_http_methods(["GET", "POST"])
def plan_agree(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The workplace care manager records the employee's agreement and its date."""
    actor = actor_of(request)
    plan = access_plan(actor, plan_id, for_edit=True)
    if (refused := _refuse_if_locked(request, plan)) is not None:
        return refused
    form = AgreeForm(request.POST or None, initial={"agreed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        agreed = call_service(
            form,
            lambda: services.workcareplan_agree(actor=actor, plan=plan, agreed_on=form.cleaned_data["agreed_on"]),
        )
        if agreed is not None:
            flash.success(request, f"本人の同意を記録しました。第{plan.version}版は確定しました。")
            return redirect(_plan_url(plan))
    return _form_page(request, form, f"本人の同意の記録 — 第{plan.version}版", _plan_url(plan), plan)


@login_required
@require_POST
def plan_revise(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id, for_edit=True)
    try:
        new = services.workcareplan_revise(actor=actor, plan=plan)
    except ValidationError as exc:
        flash.error(request, " ".join(exc.messages))
        return redirect(_plan_url(plan))
    flash.success(request, f"第{plan.version}版を複写して第{new.version}版（作成中）を作りました。")
    return redirect(_plan_url(new))


FIELD_LABELS = {"goals": "目標", "work_wishes": "働き方の希望"}


@login_required
def plan_diff(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = access_plan(actor, plan_id)
    previous = plan.previous
    if previous is None:
        raise Http404
    _viewed(actor, plan)
    result = plan_rules.diff(
        selectors.plan_facts(previous, selectors.plan_items(previous)),
        selectors.plan_facts(plan, selectors.plan_items(plan)),
    )
    labels = dict(WorkCarePlanItem._meta.get_field("kind").flatchoices)
    context = {
        "plan": plan,
        "previous": previous,
        "employee": plan.employee,
        "diff": result,
        "fields": [(FIELD_LABELS[f.name], f.old, f.new) for f in result.fields],
        "labels": labels,
    }
    return render(request, "workcare/plan_diff.html", context)


def _plan_pdf_response(request: HttpRequest, plan: WorkCarePlan) -> HttpResponse:
    rows = selectors.plan_with_checks(plan)
    company = plan.employee.company
    data = pdf_plan.plan_pdf(plan, rows, office_name=company.office.name)
    return pdf_response(data, f"workcare-plan-{plan.pk}-v{plan.version}.pdf", document="両立プラン", request=request)


@login_required
def plan_pdf(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = access_plan_for_reading(actor, plan_id)
    _viewed(actor, plan)
    return _plan_pdf_response(request, plan)


# -- the employee's portal ------------------------------------------------------------------------------


@login_required
def my_plans(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    me = require_own_employee(actor)
    _viewed(actor, me)
    return render(request, "workcare/plan_my_list.html", {"plans": list(selectors.employee_plans(me)), "me": me})


@login_required
def my_plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = access_own_plan(actor, plan_id)
    _viewed(actor, plan)
    rows = selectors.plan_with_checks(plan)
    context = {
        "plan": plan,
        "rows": rows,
        "refused": [r for r in rows if r.check is not None and r.check.refused],
    }
    return render(request, "workcare/plan_my_detail.html", context)


@login_required
@require_POST
def my_plan_agree(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = access_own_plan(actor, plan_id)
    try:
        services.workcareplan_agree(actor=actor, plan=plan, agreed_on=timezone.localdate())
        flash.success(request, "両立プランに同意しました。")
    except ValidationError as exc:
        flash.error(request, " ".join(exc.messages))
    return redirect(reverse("workcare:my_plan_detail", args=[plan.pk]))


@login_required
def my_meetings(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    me = require_own_employee(actor)
    _viewed(actor, me)
    context = {"meetings": list(selectors.employee_meetings(me)), "me": me}
    return render(request, "workcare/meeting_my_list.html", context)


@login_required
def my_meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = actor_of(request)
    meeting = access_own_meeting(actor, meeting_id)
    _viewed(actor, meeting)
    context = {"meeting": meeting, "attendees": selectors.meeting_with_attendees(meeting), "portal": True}
    return render(request, "workcare/meeting_my_detail.html", context)


# -- what HR and the manager may see --------------------------------------------------------------------


@login_required
def shared_plan(request: HttpRequest, employee_id: int) -> HttpResponse:
    actor = actor_of(request)
    employee = access_shared_employee(actor, employee_id, ShareItem.PLAN_MEASURES)
    _viewed(actor, employee)
    plan, items = selectors.shared_plan(actor, employee)
    context = {"employee": employee, "plan": plan, "items": items, "articles": pdf_plan.ARTICLES}
    return render(request, "workcare/plan_shared.html", context)


# -- meetings -------------------------------------------------------------------------------------------


def _meeting_url(meeting: ThreePartyMeeting) -> str:
    return reverse("workcare:meeting_detail", args=[meeting.pk])


@login_required
def employee_meetings(request: HttpRequest, employee_id: int) -> HttpResponse:
    actor = actor_of(request)
    employee = access_plan_employee(actor, employee_id)
    _viewed(actor, employee)
    context = {"employee": employee, "meetings": list(selectors.employee_meetings(employee))}
    return render(request, "workcare/meeting_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, employee_id: int) -> HttpResponse:
    actor = actor_of(request)
    employee = access_plan_employee(actor, employee_id, for_edit=True)
    form = MeetingCreateForm(
        request.POST or None, employee_id=employee.pk, initial={"held_on": timezone.localdate(), "kind": "initial"}
    )
    if request.method == "POST" and form.is_valid():
        meeting = call_service(
            form,
            lambda: services.meeting_create(
                actor=actor,
                employee=employee,
                data=form.to_input(),
                plan=form.cleaned_data.get("plan"),
                attendees=form.attendees(),
            ),
        )
        if meeting is not None:
            flash.success(request, f"{meeting.get_kind_display()}を記録しました。")
            return redirect(_meeting_url(meeting))
    back = reverse("workcare:employee_meetings", args=[employee.pk])
    return _form_page(request, form, f"三者面談の記録 — {employee.name}", back, employee)


def _meeting_final(meeting: ThreePartyMeeting) -> bool:
    return plan_rules.meeting_is_final(
        recorded_on=timezone.localdate(meeting.created_at),
        today=timezone.localdate(),
        plan_agreed=meeting.plan is not None and meeting.plan.is_locked,
    )


@login_required
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = actor_of(request)
    meeting = access_meeting(actor, meeting_id)
    _viewed(actor, meeting)
    final = _meeting_final(meeting)
    context = {
        "meeting": meeting,
        "employee": meeting.employee,
        "attendees": selectors.meeting_with_attendees(meeting),
        "final": final,
        "can_edit": has_permission(actor, "workcare.edit") and not final,
    }
    return render(request, "workcare/meeting_detail.html", context)


def _refuse_if_final(request: HttpRequest, meeting: ThreePartyMeeting) -> HttpResponse | None:
    if _meeting_final(meeting):
        flash.error(request, messages.WORKCARE_MEETING_LOCKED)
        return redirect(_meeting_url(meeting))
    return None


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = actor_of(request)
    meeting = access_meeting(actor, meeting_id, for_edit=True)
    if (refused := _refuse_if_final(request, meeting)) is not None:
        return refused
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            lambda: services.meeting_update(
                actor=actor,
                meeting=meeting,
                data=form.to_input(base=meeting),
                expected_updated_at=form.expected_updated_at(),
            ),
        )
        if saved is not None:
            flash.success(request, "面談記録を更新しました。")
            return redirect(_meeting_url(meeting))
    return _form_page(request, form, f"{meeting.get_kind_display()}の編集", _meeting_url(meeting), meeting)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_attendee_add(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = actor_of(request)
    meeting = access_meeting(actor, meeting_id, for_edit=True)
    if (refused := _refuse_if_final(request, meeting)) is not None:
        return refused
    form = AttendeeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        row = call_service(
            form, lambda: services.meeting_attendee_add(actor=actor, meeting=meeting, data=form.to_input())
        )
        if row is not None:
            return redirect(_meeting_url(meeting) + "#attendees")
    return _form_page(request, form, "出席者の追加", _meeting_url(meeting), meeting)


@login_required
@require_POST
def meeting_attendee_delete(request: HttpRequest, meeting_id: int, attendee_id: int) -> HttpResponse:
    actor = actor_of(request)
    meeting = access_meeting(actor, meeting_id, for_edit=True)
    attendee = access_attendee(actor, meeting, attendee_id)
    try:
        services.meeting_attendee_delete(actor=actor, attendee=attendee)
        flash.success(request, "出席者を削除しました。")
    except ValidationError as exc:
        flash.error(request, " ".join(exc.messages))
    return redirect(_meeting_url(meeting) + "#attendees")


@login_required
def meeting_pdf(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = actor_of(request)
    meeting = access_meeting_for_reading(actor, meeting_id)
    _viewed(actor, meeting)
    company = meeting.employee.company
    data = pdf_meeting.meeting_pdf(meeting, selectors.meeting_with_attendees(meeting), office_name=company.office.name)
    return pdf_response(
        data, f"workcare-meeting-{meeting.pk}.pdf", document="面談シート兼介護支援プラン", request=request
    )


urlpatterns: list[URLPattern] = [
    path("employees/<int:employee_id>/plans/", employee_plans, name="employee_plans"),
    path("employees/<int:employee_id>/plans/new/", plan_create, name="plan_create"),
    path("plans/<int:plan_id>/", plan_detail, name="plan_detail"),
    path("plans/<int:plan_id>/edit/", plan_edit, name="plan_edit"),
    path("plans/<int:plan_id>/items/new/", plan_item_add, name="plan_item_add"),
    path("plans/<int:plan_id>/items/<int:item_id>/edit/", plan_item_edit, name="plan_item_edit"),
    path("plans/<int:plan_id>/items/<int:item_id>/delete/", plan_item_delete, name="plan_item_delete"),
    path("plans/<int:plan_id>/agree/", plan_agree, name="plan_agree"),
    path("plans/<int:plan_id>/revise/", plan_revise, name="plan_revise"),
    path("plans/<int:plan_id>/diff/", plan_diff, name="plan_diff"),
    path("plans/<int:plan_id>/pdf/", plan_pdf, name="plan_pdf"),
    path("me/plans/", my_plans, name="my_plans"),
    path("me/plans/<int:plan_id>/", my_plan_detail, name="my_plan_detail"),
    path("me/plans/<int:plan_id>/agree/", my_plan_agree, name="my_plan_agree"),
    path("me/meetings/", my_meetings, name="my_meetings"),
    path("me/meetings/<int:meeting_id>/", my_meeting_detail, name="my_meeting_detail"),
    path("shared/<int:employee_id>/plan/", shared_plan, name="shared_plan"),
    path("employees/<int:employee_id>/meetings/", employee_meetings, name="employee_meetings"),
    path("employees/<int:employee_id>/meetings/new/", meeting_create, name="meeting_create"),
    path("meetings/<int:meeting_id>/", meeting_detail, name="meeting_detail"),
    path("meetings/<int:meeting_id>/edit/", meeting_edit, name="meeting_edit"),
    path("meetings/<int:meeting_id>/attendees/new/", meeting_attendee_add, name="meeting_attendee_add"),
    path(
        "meetings/<int:meeting_id>/attendees/<int:attendee_id>/delete/",
        meeting_attendee_delete,
        name="meeting_attendee_delete",
    ),
    path("meetings/<int:meeting_id>/pdf/", meeting_pdf, name="meeting_pdf"),
]
