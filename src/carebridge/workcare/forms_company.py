"""Forms of the company pages (they parse input; the services in services/company.py decide)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from carebridge.core.forms import DateField, ServiceModelForm
from carebridge.core.models import Company

from .inputs import (
    CompanyProfileInput,
    ContractInput,
    EnvironmentMeasureInput,
    FeeItemInput,
    NoticeRecordInput,
    NoticeReportInput,
    NoticeTextInput,
    PolicyInput,
)
from .models import (
    CompanyContract,
    CompanyPolicy,
    ContractFeeItem,
    Employee,
    EnvironmentMeasure,
    IndividualNotice,
    NoticeText,
)
from .models.choices import AgreementExclusion, ContractMenu, EarlyInfoMethod, ReducedMeasure


def _set_choices(field: forms.Field, queryset: QuerySet[Any]) -> None:
    if isinstance(field, forms.ModelChoiceField):
        field.queryset = queryset


class CompanyProfileForm(ServiceModelForm):
    input_class = CompanyProfileInput

    class Meta:
        model = Company
        fields = [
            "industry",
            "employee_count",
            "fiscal_year_start_month",
            "fiscal_year_start_day",
            "postal_code",
            "address",
        ]


class ContractForm(ServiceModelForm):
    input_class = ContractInput
    menu = forms.MultipleChoiceField(
        label="提供メニュー", choices=ContractMenu.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = CompanyContract
        fields = ["starts_on", "ends_on", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def to_input(self, input_class: type[Any] | None = None, *, base: object | None = None) -> Any:
        values = dict(self.cleaned_data)
        return ContractInput(
            starts_on=values["starts_on"],
            ends_on=values.get("ends_on"),
            menu=tuple(values.get("menu") or ()),
            note=values.get("note", ""),
        )


class FeeItemForm(ServiceModelForm):
    input_class = FeeItemInput

    class Meta:
        model = ContractFeeItem
        fields = ["label", "unit", "unit_price", "included_count"]


class PolicyForm(ServiceModelForm):
    input_class = PolicyInput
    reduced_measures = forms.MultipleChoiceField(
        label="所定労働時間の短縮等の措置",
        choices=ReducedMeasure.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    labor_agreement_excludes = forms.MultipleChoiceField(
        label="労使協定による除外",
        choices=AgreementExclusion.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = CompanyPolicy
        fields = [
            "effective_from",
            "care_leave_days",
            "care_leave_periods",
            "care_leave_paid",
            "care_days_off_one",
            "care_days_off_two",
            "care_days_off_hourly",
            "care_days_off_paid",
            "reduced_measure_uses",
            "reduced_measure_years",
            "telework",
            "overtime_exemption",
            "overtime_limit",
            "night_work_limit",
            "consultation_window",
            "early_info_timing",
            "notice_due_days",
            "note",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def to_input(self, input_class: type[Any] | None = None, *, base: object | None = None) -> Any:
        values = {k: v for k, v in self.cleaned_data.items() if k != "updated_at"}
        values["reduced_measures"] = tuple(values.get("reduced_measures") or ())
        values["labor_agreement_excludes"] = tuple(values.get("labor_agreement_excludes") or ())
        return PolicyInput(**values)


class NoticeTextForm(ServiceModelForm):
    input_class = NoticeTextInput

    class Meta:
        model = NoticeText
        fields = ["kind", "body", "includes_ltc_insurance"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}


class ApproveForm(forms.Form):
    approved_on = DateField(label="承認日")


class NoticeReportForm(ServiceModelForm):
    input_class = NoticeReportInput
    employee = forms.ModelChoiceField(label="従業員", queryset=Employee.objects.none())

    class Meta:
        model = IndividualNotice
        fields = ["reported_on", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, company: Company, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self.fields["employee"], company.employees.filter(is_active=True).order_by("employee_number"))


class NoticeRecordForm(ServiceModelForm):
    input_class = NoticeRecordInput
    notice_text = forms.ModelChoiceField(
        label="周知文（承認済みの版）", queryset=NoticeText.objects.none(), required=False
    )

    class Meta:
        model = IndividualNotice
        fields = [
            "item_systems",
            "item_contact",
            "item_benefit",
            "method",
            "employee_wished_method",
            "given_on",
            "intention",
            "note",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, company: Company, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(
            self.fields["notice_text"],
            NoticeText.objects.filter(company=company, kind="individual", approved_on__isnull=False),
        )


class EarlyBulkForm(forms.Form):
    method = forms.ChoiceField(label="方法", choices=EarlyInfoMethod.choices)
    provided_on = DateField(label="提供日")
    includes_ltc_insurance = forms.BooleanField(label="介護保険制度の説明を含める", required=False, initial=True)
    notice_text = forms.ModelChoiceField(
        label="周知文（承認済みの版）", queryset=NoticeText.objects.none(), required=False
    )

    def __init__(self, *args: Any, company: Company, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(
            self.fields["notice_text"],
            NoticeText.objects.filter(company=company, kind="early", approved_on__isnull=False),
        )


class EnvironmentMeasureForm(ServiceModelForm):
    input_class = EnvironmentMeasureInput

    class Meta:
        model = EnvironmentMeasure
        fields = ["kind", "carried_out_on", "evidence"]
        widgets = {"evidence": forms.Textarea(attrs={"rows": 3})}
