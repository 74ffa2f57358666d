"""The assessment form: the 23 standard items as sections, each free text plus optional sub-fields."""

from __future__ import annotations

from typing import Any

from django import forms

from carebridge.core.forms import DateField, DateInput

from .items import ITEMS, Item
from .models import AssessmentReason


def field_name(item: Item, sub: str) -> str:
    return f"item_{item.key}_{sub}"


class AssessmentForm(forms.Form):
    assessed_on = DateField(label="実施日", widget=DateInput())
    place = forms.CharField(label="実施場所", initial="自宅", max_length=50)
    at_home = forms.BooleanField(label="居宅を訪問して実施", required=False, initial=True)
    client_interviewed = forms.BooleanField(label="利用者本人に面接", required=False)
    family_interviewed = forms.BooleanField(label="家族に面接", required=False)
    reason = forms.ChoiceField(label="今回のアセスメントの理由", choices=AssessmentReason.choices)
    reason_note = forms.CharField(label="理由の補足", required=False, max_length=200)
    strengths = forms.CharField(
        label="本人の強み・できること（ストレングス）", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, items: dict[str, dict[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        items = items or {}
        for item in ITEMS:
            values = items.get(item.key, {})
            for sub in item.fields:
                name = field_name(item, sub.key)
                if sub.choices:
                    self.fields[name] = forms.ChoiceField(
                        label=sub.label, required=False, choices=[("", "—"), *[(c, c) for c in sub.choices]]
                    )
                else:
                    self.fields[name] = forms.CharField(label=sub.label, required=False, max_length=200)
                self.initial.setdefault(name, values.get(sub.key, ""))
            name = field_name(item, "text")
            self.fields[name] = forms.CharField(
                label="状況・課題（自由記述）", required=False, widget=forms.Textarea(attrs={"rows": 3})
            )
            self.initial.setdefault(name, values.get("text", ""))

    def sections(self) -> list[dict[str, Any]]:
        """The bound fields grouped by item, for the template."""
        return [
            {
                "item": item,
                "fields": [self[field_name(item, sub.key)] for sub in item.fields],
                "text": self[field_name(item, "text")],
            }
            for item in ITEMS
        ]

    def items_data(self) -> dict[str, dict[str, str]]:
        data: dict[str, dict[str, str]] = {}
        for item in ITEMS:
            values = {sub.key: self.cleaned_data.get(field_name(item, sub.key), "") for sub in item.fields}
            values["text"] = self.cleaned_data.get(field_name(item, "text"), "")
            data[item.key] = {k: v for k, v in values.items() if v}
        return {k: v for k, v in data.items() if v}

    def header_data(self) -> dict[str, Any]:
        keys = ("assessed_on", "place", "at_home", "client_interviewed", "family_interviewed")
        return {k: self.cleaned_data[k] for k in (*keys, "reason", "reason_note", "strengths")}
