"""Forms of the 介護予防 plan pages (parsing only; prevention_services apply the rules)."""

from __future__ import annotations

from typing import Any

from django import forms

from carebridge.core.forms import DateField, DateInput, ServiceModelForm
from carebridge.directory.models import Provider

from .prevention_inputs import PreventionPlanInput, SupportRowInput
from .prevention_models import AREAS, PreventionPlan, PreventionSupportRow

AREA_FIELDS = [f"{prefix}_{part}" for prefix, _ in AREAS for part in ("status", "intention", "issue")]
TEXT_FIELDS = [*AREA_FIELDS, "overall_issues", "proposal", "proposal_intention", "goal_day", "goal_year", "policy"]


class PreventionPlanForm(ServiceModelForm):
    input_class = PreventionPlanInput

    class Meta:
        model = PreventionPlan
        fields = ["drafted_on", "plan_origin", "commissioning_center", *TEXT_FIELDS]
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in TEXT_FIELDS}

    def sections(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The form in the order of the printed sheet: header, the four areas, 課題, 目標, 方針."""
        out = [("計画", [self[n] for n in ("drafted_on", "plan_origin", "commissioning_center")])]
        for prefix, heading in AREAS:
            out.append((heading, [self[f"{prefix}_{part}"] for part in ("status", "intention", "issue")]))
        out.append(("総合的課題と提案", [self[n] for n in ("overall_issues", "proposal", "proposal_intention")]))
        out.append(("目標とする生活", [self["goal_day"], self["goal_year"]]))
        out.append(("総合的な方針", [self["policy"]]))
        return out


class SupportRowForm(ServiceModelForm):
    input_class = SupportRowInput

    class Meta:
        model = PreventionSupportRow
        fields = [
            "goal",
            "support_point",
            "self_care",
            "insured_service",
            "service_kind",
            "provider",
            "provider_name",
            "period_start",
            "period_end",
        ]
        widgets = {
            n: forms.Textarea(attrs={"rows": 2}) for n in ("goal", "support_point", "self_care", "insured_service")
        }
        help_texts = {"service_kind": "例: 介護予防通所リハビリテーション、通所型サービス、介護予防福祉用具貸与"}

    def __init__(self, *args: Any, office_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        provider = self.fields["provider"]
        if isinstance(provider, forms.ModelChoiceField):
            provider.queryset = Provider.objects.filter(office_id=office_id, is_active=True).order_by("name")


class PreventionConsentForm(forms.Form):
    consented_on = DateField(label="同意日", widget=DateInput())
    signer_name = forms.CharField(label="同意者氏名", max_length=50)


class PreventionDeliverForm(forms.Form):
    delivered_on = DateField(label="交付日", widget=DateInput())
    service_start_on = DateField(label="サービス開始日", widget=DateInput())


class PreventionReviseForm(forms.Form):
    drafted_on = DateField(label="変更日（新しい版の作成日）", widget=DateInput())
