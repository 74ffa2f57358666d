"""Forms of the office administration pages and of a user's own account (parsing only; services
validate)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms

from .forms import DateField, ServiceModelForm
from .messages import PASSWORDS_DIFFER
from .models import Office, User
from .roles import OFFICE_ROLES, Role
from .services import OfficeInput, StaffInput

STAFF_ROLE_CHOICES = [(role.value, role.label) for role in Role if role in OFFICE_ROLES]


class OfficeForm(ServiceModelForm):
    input_class = OfficeInput

    class Meta:
        model = Office
        fields = [
            "office_number",
            "name",
            "region_grade",
            "prefecture",
            "postal_code",
            "address",
            "phone",
            "prevention_designated",
            "prevention_designated_on",
        ]


class StaffForm(ServiceModelForm):
    input_class = StaffInput
    display_name = forms.CharField(label="氏名", max_length=50)
    role = forms.ChoiceField(label="役割", choices=STAFF_ROLE_CHOICES)

    class Meta:
        model = User
        fields = ["display_name", "role", "care_manager_number"]


def _password_field(label: str) -> forms.CharField:
    return forms.CharField(label=label, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))


def _check_pair(form: forms.BaseForm, data: dict[str, Any]) -> dict[str, Any]:
    if data.get("password1") and data.get("password2") and data["password1"] != data["password2"]:
        form.add_error("password2", PASSWORDS_DIFFER)
    return data


class StaffCreateForm(StaffForm):
    username = forms.CharField(
        label="ユーザー名（ログインID）",
        max_length=150,
        help_text="英数字と @ . + - _ が使えます。作成後は変更できません。",
    )
    password1 = _password_field("パスワード")
    password2 = _password_field("パスワード（確認）")

    field_order = ["username", "display_name", "role", "care_manager_number", "password1", "password2"]

    def clean(self) -> dict[str, Any]:
        return _check_pair(self, super().clean() or {})


class PasswordResetForm(forms.Form):
    password1 = _password_field("新しいパスワード")
    password2 = _password_field("新しいパスワード（確認）")

    def clean(self) -> dict[str, Any]:
        return _check_pair(self, super().clean() or {})


class PasswordChangeForm(forms.Form):
    """A user's own password change (/accounts/password/)."""

    old_password = forms.CharField(
        label="現在のパスワード", widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    password1 = _password_field("新しいパスワード")
    password2 = _password_field("新しいパスワード（確認）")

    def clean(self) -> dict[str, Any]:
        return _check_pair(self, super().clean() or {})


if TYPE_CHECKING:
    _UserChoiceField = forms.ModelChoiceField[User]
else:  # ModelChoiceField is generic for the type checker only
    _UserChoiceField = forms.ModelChoiceField


class StaffChoiceField(_UserChoiceField):
    """A staff account shown as 氏名（ユーザー名）: two people may share a name."""

    def label_from_instance(self, obj: User) -> str:
        return f"{obj}（{obj.username}）"


class TokenForm(forms.Form):
    user = StaffChoiceField(label="職員（トークンで操作する人）", queryset=User.objects.none())
    expires_on = DateField(
        label="有効期限（この日の終わりまで。空欄は発行から90日）",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, office_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        users = cast("forms.ModelChoiceField[User]", self.fields["user"])
        users.queryset = User.objects.filter(office_id=office_id, is_active=True).order_by("username")
