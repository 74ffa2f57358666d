"""The report's month picker."""

from __future__ import annotations

from django import forms

from carebridge.core.validators import validate_date_range


class MonthForm(forms.Form):
    month = forms.DateField(
        label="対象月",
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        validators=[validate_date_range],
    )
