"""Forms of the clients pages: parsing only (services validate)."""

from __future__ import annotations

from typing import Any

from django import forms

from carebridge.core.forms import ServiceModelForm
from carebridge.core.models import User
from carebridge.core.roles import Role

from .models import Certification, CertificationApplication, Client, Consent, Contact


class ClientForm(ServiceModelForm):
    class Meta:
        model = Client
        fields = [
            "name",
            "kana",
            "birth_date",
            "sex",
            "postal_code",
            "address",
            "phone",
            "insurer_number",
            "insured_number",
            "care_manager",
            "status",
            "note",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "kana": "ひらがな・半角カナでも入力できます（全角カタカナで保存します）。",
            "insurer_number": "被保険者証の保険者番号（6桁）",
            "insured_number": "被保険者証の被保険者番号（10桁）",
        }

    def __init__(self, *args: Any, office_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["care_manager"]
        field.queryset = User.objects.filter(  # type: ignore[attr-defined]
            office_id=office_id,
            is_active=True,
            role__in=[Role.CARE_MANAGER, Role.CHIEF_CARE_MANAGER, Role.OFFICE_ADMIN],
        ).order_by("username")


class ContactForm(ServiceModelForm):
    class Meta:
        model = Contact
        fields = [
            "name",
            "kana",
            "relationship",
            "is_key_person",
            "is_emergency_contact",
            "lives_with_client",
            "phone",
            "address",
            "note",
        ]
        help_texts = {"relationship": "例: 長女、妻、長男の妻、民生委員"}


class CertificationForm(ServiceModelForm):
    class Meta:
        model = Certification
        fields = [
            "status",
            "care_level",
            "applied_on",
            "certified_on",
            "valid_from",
            "valid_to",
            "copay_rate",
            "board_opinion",
        ]
        widgets = {"board_opinion": forms.Textarea(attrs={"rows": 2})}


class ApplicationForm(ServiceModelForm):
    class Meta:
        model = CertificationApplication
        fields = ["kind", "status", "filed_on", "note"]


class ConsentForm(ServiceModelForm):
    class Meta:
        model = Consent
        fields = ["scope", "recipient_kind", "recipient", "agreed_on", "valid_until", "method"]
        help_texts = {"scope": "例: 基本情報・心身の状況・ケアプラン"}
