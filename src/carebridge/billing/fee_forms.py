"""Forms of the fee pages (they build the services' inputs)."""

from __future__ import annotations

from django import forms

from .models import ConcentrationReason, FeeEvent, FeeSetting


class FeeEventForm(forms.ModelForm):
    class Meta:
        model = FeeEvent
        fields = ["kind", "day", "info_on", "after_hours", "contacts", "conference", "confirmed", "notes"]
        widgets = {
            "day": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "info_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }


class FeeSettingForm(forms.ModelForm):
    class Meta:
        model = FeeSetting
        fields = ["valid_from", "tier", "special", "bcp_missing", "abuse_prevention_missing", "same_building"]
        widgets = {"valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def validate_unique(self) -> None:
        """A day that already has a setting is changed by the service, not refused."""


class ConcentrationReasonForm(forms.ModelForm):
    class Meta:
        model = ConcentrationReason
        fields = ["service_group", "reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}
