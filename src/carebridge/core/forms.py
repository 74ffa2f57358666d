"""Form plumbing shared by every app: forms parse input, services validate and write."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django_otp import user_has_device
from django_otp.forms import OTPAuthenticationFormMixin
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import limits
from .inputs import field_names, input_from
from .validators import validate_date_range

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        attrs = {"min": limits.MIN_DATE.isoformat(), "max": limits.MAX_DATE.isoformat(), **(attrs or {})}
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateField(forms.DateField):
    """A date of a form: the date picker, and the range every stored date keeps to (core/limits.py)."""

    widget = DateInput
    default_validators = [validate_date_range]


if TYPE_CHECKING:
    _ModelForm = forms.ModelForm[Any]
else:  # ModelForm is generic only in django-stubs
    _ModelForm = forms.ModelForm


class ServiceModelForm(_ModelForm):
    """A ModelForm that parses and checks formats; the service validates and applies the rules.

    Unlike a plain ModelForm it never writes into `self.instance` (the service compares the
    stored row with the new values for the audit trail). It runs the model fields' format
    validators so that the user sees every field's problem at once, even when another field
    is missing. `to_input()` maps the parsed values onto the service's input dataclass. An edit
    form carries the row's `updated_at` it was opened with, so a save over someone else's newer
    change is refused (StaleWriteError) instead of silently overwriting it.
    """

    input_class: ClassVar[type[DataclassInstance] | None] = None

    def _post_clean(self) -> None:
        model = self._meta.model
        for name, value in list(self.cleaned_data.items()):
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if value in field.empty_values or not hasattr(field, "run_validators"):
                continue
            try:
                field.run_validators(value)
            except ValidationError as exc:
                self.add_error(name, exc)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DateInput()
                field.validators.append(validate_date_range)
        stamp = getattr(self.instance, "updated_at", None) if self.instance.pk else None
        if isinstance(stamp, dt.datetime):
            self.fields["updated_at"] = forms.CharField(widget=forms.HiddenInput, required=False)
            self.initial["updated_at"] = stamp.isoformat()

    def to_input(self, input_class: type[Any] | None = None, *, base: object | None = None) -> Any:
        """The service input built from this form's values (fields the form lacks: from `base`)."""
        cls = input_class or self.input_class
        if cls is None:
            raise TypeError(f"{type(self).__name__} has no input_class")
        names = field_names(cls)
        return input_from(cls, {k: v for k, v in self.cleaned_data.items() if k in names}, base=base)

    def expected_updated_at(self) -> dt.datetime | None:
        """The `updated_at` of the row when the form was opened (None on a create form)."""
        text = self.cleaned_data.get("updated_at") or ""
        try:
            return dt.datetime.fromisoformat(text) if text else None
        except ValueError:
            return dt.datetime.min.replace(tzinfo=dt.UTC)  # a mangled stamp never matches: refused


def add_service_errors(form: forms.BaseForm, exc: ValidationError, aliases: dict[str, str] | None = None) -> None:
    """Put a service's ValidationError on the form: on the named field when the form has it
    (`aliases` maps a model field to a form field), else at the top of the form."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for name, errors in exc.error_dict.items():
        target = (aliases or {}).get(name, name)
        form.add_error(target if target in form.fields else None, errors)


def call_service(form: forms.BaseForm, call: Callable[[], T], aliases: dict[str, str] | None = None) -> T | None:
    """Run a service call built from the form's values; put its ValidationErrors on the form's
    fields (a stale write or a rule about the whole record goes at the top of the form)."""
    try:
        return call()
    except ValidationError as exc:
        add_service_errors(form, exc, aliases)
        return None


class LoginForm(OTPAuthenticationFormMixin, AuthenticationForm):
    """Username and password; the TOTP code is asked only of users who set up two-factor."""

    otp_device = forms.CharField(required=False, widget=forms.HiddenInput)
    otp_token = forms.CharField(
        label="確認コード（二段階認証を設定した方のみ）",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    otp_challenge = forms.CharField(required=False, widget=forms.HiddenInput)

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "ユーザー名またはパスワードが正しくありません。",
        "inactive": "このアカウントは無効です。",
    }
    otp_error_messages = {
        **OTPAuthenticationFormMixin.otp_error_messages,
        "token_required": "二段階認証の確認コードを入力してください。",
        "invalid_token": "確認コードが正しくありません。",
        "challenge_exception": "確認コードを送信できませんでした。",
        "n_failed_attempts": "確認コードの失敗が続いたため、しばらくお待ちください。",
        "verification_not_allowed": "確認コードを入力できません。",
        "device_required": "認証アプリが登録されていません。管理者に連絡してください。",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "ユーザー名"
        self.fields["password"].label = "パスワード"

    def _chosen_device(self, user: Any) -> Any:
        # Staff have one authenticator app (TOTP); use it when no device was picked explicitly.
        device = super()._chosen_device(user)
        return device or TOTPDevice.objects.filter(user=user, confirmed=True).first()

    def clean(self) -> dict[str, Any]:
        self.cleaned_data = super().clean()
        user = self.get_user()
        if user is not None and user_has_device(user):
            self.clean_otp(user)
        return self.cleaned_data
