"""The leave ledger page of an employee (/workcare/employees/<id>/ledger/): balances per family
member and the records, for the workplace care manager, the employee, and HR or the manager only
while the employee shares the ledger with them; a form to record a use (workplace care manager,
HR)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_http_methods, require_POST

from carebridge.core.access import actor_of
from carebridge.core.forms import DateField, call_service

from .. import messages, services
from ..access import access_leave_record, access_ledger_employee
from ..inputs import LeaveRecordInput
from ..models import CareRecipient
from ..models.choices import LeaveKind
from ..selectors.ledger import employee_ledger


class LeaveRecordForm(forms.Form):
    care_recipient = forms.TypedChoiceField(label="対象家族", coerce=int)
    kind = forms.ChoiceField(label="制度", choices=LeaveKind.choices)
    starts_on = DateField(label="開始日")
    ends_on = DateField(label="終了日")
    hours = forms.IntegerField(
        label="時間数（介護休暇を時間単位で取得したとき）", required=False, min_value=1, max_value=23
    )
    requested_on = DateField(label="申出日", required=False)
    note = forms.CharField(label="備考", required=False, max_length=200)

    def __init__(self, *args: Any, recipients: list[CareRecipient], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["care_recipient"]
        assert isinstance(field, forms.TypedChoiceField)  # noqa: S101 - declared above
        field.choices = [(r.pk, f"{r.label}（{r.get_relation_display()}）") for r in recipients]

    def to_input(self) -> LeaveRecordInput:
        data = self.cleaned_data
        return LeaveRecordInput(
            care_recipient_id=data["care_recipient"],
            kind=data["kind"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            hours=data["hours"],
            requested_on=data["requested_on"],
            note=data["note"],
        )


@login_required
@require_http_methods(["GET", "POST"])
def employee_ledger_page(request: HttpRequest, employee_id: int) -> HttpResponse:
    actor = actor_of(request)
    form = None
    if request.method == "POST":
        employee = access_ledger_employee(actor, employee_id, for_edit=True)
        recipients = list(employee.care_recipients.order_by("id"))
        form = LeaveRecordForm(request.POST, recipients=recipients)
        if form.is_valid():
            bound = form
            record = call_service(
                form, lambda: services.leave_record_create(actor=actor, employee=employee, data=bound.to_input())
            )
            if record is not None:
                flash.success(request, messages.LEDGER_RECORDED.format(kind=record.get_kind_display()))
                return redirect("workcare:employee_ledger", employee_id=employee.pk)
    ledger = employee_ledger(actor, employee_id)
    services.ledger_viewed(actor=actor, employee=ledger.employee)
    if form is None and ledger.can_edit:
        form = LeaveRecordForm(recipients=[f.recipient for f in ledger.family], initial={"kind": LeaveKind.CARE_LEAVE})
    context = {"ledger": ledger, "employee": ledger.employee, "form": form if ledger.can_edit else None}
    return render(request, "workcare/ledger_employee.html", context)


@login_required
@require_POST
def ledger_record_delete(request: HttpRequest, record_id: int) -> HttpResponse:
    actor = actor_of(request)
    record = access_leave_record(actor, record_id, for_edit=True)
    employee_id = record.employee_id
    services.leave_record_delete(actor=actor, record=record)
    flash.success(request, messages.LEDGER_DELETED)
    return redirect("workcare:employee_ledger", employee_id=employee_id)


urlpatterns: list[URLPattern] = [
    path("employees/<int:employee_id>/ledger/", employee_ledger_page, name="employee_ledger"),
    path("ledger/records/<int:record_id>/delete/", ledger_record_delete, name="ledger_record_delete"),
]
