"""The report's month picker."""

from __future__ import annotations

from django import forms


class MonthForm(forms.Form):
    month = forms.DateField(
        label="対象月", input_formats=["%Y-%m"], widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    )
