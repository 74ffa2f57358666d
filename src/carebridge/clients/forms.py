"""Forms of the clients pages: parsing only (services validate)."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from carebridge.core.forms import ServiceModelForm
from carebridge.core.models import User
from carebridge.core.roles import Role

from .inputs import (
    ApplicationInput,
    CertificationInput,
    ClientInput,
    ConsentInput,
    ContactInput,
    ShortStayApprovalInput,
)
from .models import (
    Certification,
    CertificationApplication,
    Client,
    ClientStatus,
    Consent,
    Contact,
    ShortStayApproval,
)

CLIENT_FIELDS = [
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
    "note",
]


class ClientForm(ServiceModelForm):
    input_class = ClientInput

    class Meta:
        model = Client
        fields = CLIENT_FIELDS
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "kana": "ひらがな・半角カナでも入力できます（全角カタカナで保存します）。",
            "insurer_number": "被保険者証の保険者番号（6桁）",
            "insured_number": "被保険者証の被保険者番号（10桁）",
        }

    def __init__(self, *args: Any, office_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast("forms.ModelChoiceField[User]", self.fields["care_manager"])
        field.queryset = User.objects.filter(
            office_id=office_id,
            is_active=True,
            role__in=[Role.CARE_MANAGER, Role.CHIEF_CARE_MANAGER, Role.OFFICE_ADMIN],
        ).order_by("username")


class ClientCreateForm(ClientForm):
    """A new client starts 利用中 or 相談中; later changes of status are lifecycle steps."""

    class Meta(ClientForm.Meta):
        fields = [*CLIENT_FIELDS, "status"]


class ClientStatusForm(forms.Form):
    status = forms.ChoiceField(label="状態", choices=ClientStatus.choices)


class ContactForm(ServiceModelForm):
    input_class = ContactInput

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
    input_class = CertificationInput

    class Meta:
        model = Certification
        fields = [
            "kind",
            "care_level",
            "applied_on",
            "certified_on",
            "valid_from",
            "valid_to",
            "copay_rate",
            "board_opinion",
        ]
        widgets = {"board_opinion": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "kind": "有効期間の目安: 新規・区分変更 3〜12か月（原則6か月）、更新 3〜36か月（同じ区分なら48か月まで）",
            "valid_to": "有効期間は月末で終わります（期間が範囲外でも登録でき、警告を表示します）。",
        }


class CertificationCreateForm(CertificationForm):
    """A new line is 申請中 (applied) or 認定済 (certified); 申請中 → 認定済 is recorded later."""

    class Meta(CertificationForm.Meta):
        fields = ["status", *CertificationForm.Meta.fields]


class ApplicationForm(ServiceModelForm):
    input_class = ApplicationInput

    class Meta:
        model = CertificationApplication
        fields = ["kind", "status", "filed_on", "note"]


class ConsentForm(ServiceModelForm):
    input_class = ConsentInput

    class Meta:
        model = Consent
        fields = ["scope", "recipient_kind", "recipient", "agreed_on", "valid_until", "method"]
        help_texts = {"scope": "例: 基本情報・心身の状況・ケアプラン"}


class ShortStayApprovalForm(ServiceModelForm):
    """理由書を提出し、保険者が認めた日と内容 (運営基準第13条第21号)."""

    input_class = ShortStayApprovalInput

    class Meta:
        model = ShortStayApproval
        fields = ["certification", "approved_on", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, client: Client, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast("forms.ModelChoiceField[Certification]", self.fields["certification"])
        field.queryset = Certification.objects.filter(client=client).order_by("-valid_from", "-id")
