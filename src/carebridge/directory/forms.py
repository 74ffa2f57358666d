"""Forms of the directory pages (parsing only)."""

from __future__ import annotations

from typing import Any

from django import forms

from carebridge.core.forms import ServiceModelForm

from . import service_types
from .inputs import ProviderInput, ResourceInput, SpecialistInput
from .models import Provider, Resource, Specialist


class ProviderForm(ServiceModelForm):
    input_class = ProviderInput
    service_type_codes = forms.CharField(
        label="サービス種類コード",
        required=False,
        help_text="2桁のコードを空白・カンマ区切りで（例: 11 13）。",
    )

    class Meta:
        model = Provider
        fields = [
            "kind",
            "provider_number",
            "name",
            "corporation_name",
            "service_type_codes",
            "postal_code",
            "address",
            "phone",
            "fax",
            "email",
            "contact_person",
            "note",
            "is_active",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        examples = " ".join(f"{c}={n}" for c, n in list(service_types.names().items())[:8])
        self.fields["service_type_codes"].help_text = f"2桁のコードを空白・カンマ区切りで（例: 11 13）。{examples} …"
        if self.instance.pk:
            self.initial["service_type_codes"] = " ".join(self.instance.service_type_codes)


class ResourceForm(ServiceModelForm):
    input_class = ResourceInput

    class Meta:
        model = Resource
        fields = ["name", "category", "description", "area", "phone", "cost_note", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class SpecialistForm(ServiceModelForm):
    input_class = SpecialistInput

    class Meta:
        model = Specialist
        fields = ["name", "profession", "organization", "phone", "email", "fields_of_expertise", "is_active"]


class ProviderImportForm(forms.Form):
    file = forms.FileField(
        label="CSVファイル",
        help_text="見出し行: 事業所番号,事業所名,サービス種類コード（必須）, "
        "種別,郵便番号,所在地,電話番号,FAX番号（任意）。"
        "UTF-8 または Shift_JIS。1件でも誤りがあれば何も登録しません。",
    )
