"""Core pages: login, the audit viewer, two-factor setup and the error pages."""

from __future__ import annotations

import base64
import io
import sys
from typing import Any, cast

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import messages as flash
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.views import defaults
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import auth_audit, messages, request_context, services
from .access import actor_of, require_permission
from .audit_display import action_choices, audit_rows
from .forms import DateField, DateInput, LoginForm, add_service_errors
from .models import AuditEvent, User
from .office_forms import PasswordChangeForm
from .selectors import audit_actions, audit_event_list, office_users
from .sqlite import is_database_busy

# The largest id a BIGINT column holds: a longer number in the URL is a form error, not a 500.
MAX_ID = 2**63 - 1


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "core/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        device = getattr(form.get_user(), "otp_device", None)
        if device is not None:
            otp_login(self.request, device)
        return response

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        # The password was right (the form found the user) but the two-factor code was not:
        # no signal tells it, so it is recorded here (a wrong password is, by user_login_failed).
        user = form.get_user()
        if user is not None:
            auth_audit.record(auth_audit.OTP_FAILED, user)
        return super().form_invalid(form)


_CHOICE = {"invalid_choice": messages.AUDIT_FILTER_CHOICE}
_CLIENT_ID = dict.fromkeys(("invalid", "min_value", "max_value"), messages.AUDIT_FILTER_CLIENT_ID)
_DATE = {"invalid": messages.AUDIT_FILTER_DATE}


class AuditFilterForm(forms.Form):
    """The viewer's filters. Each one that is valid applies; one in error is shown and left out."""

    user = forms.ModelChoiceField(
        queryset=User.objects.none(), required=False, label="操作者", empty_label="すべて", error_messages=_CHOICE
    )
    client = forms.IntegerField(
        required=False, label="利用者ID", min_value=1, max_value=MAX_ID, error_messages=_CLIENT_ID
    )
    event_type = forms.ChoiceField(
        choices=[("", "すべて"), *AuditEvent.EventType.choices],
        required=False,
        label="操作の種類",
        error_messages=_CHOICE,
    )
    action = forms.ChoiceField(choices=[("", "すべて")], required=False, label="操作の内容", error_messages=_CHOICE)
    date_from = DateField(required=False, label="期間（開始）", widget=DateInput(), error_messages=_DATE)
    date_to = DateField(required=False, label="期間（終了）", widget=DateInput(), error_messages=_DATE)

    def __init__(self, data: Any, *, actor: User) -> None:
        super().__init__(data)
        cast("forms.ModelChoiceField[User]", self.fields["user"]).queryset = office_users(actor=actor)
        actions = action_choices(audit_actions(actor=actor))
        cast("forms.ChoiceField", self.fields["action"]).choices = [("", "すべて"), *actions]


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    user = actor_of(request)
    require_permission(user, "audit.view")
    form = AuditFilterForm(request.GET or None, actor=user)
    filters: dict[str, Any] = {}
    if form.is_bound:
        form.is_valid()  # a field in error is shown with its message and left out; the others filter
        filters = form.cleaned_data
    events = audit_event_list(
        actor=user,
        user_id=filters["user"].pk if filters.get("user") else None,
        client_id=filters.get("client"),
        event_type=filters.get("event_type", ""),
        action=filters.get("action", ""),
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    rows = audit_rows(page.object_list)
    # Reading the trail shows who saw which client: it is a read of personal data, logged too.
    services.records_listed(
        actor=user,
        subject=AuditEvent,
        client_ids=[row.client_id for row in rows],
        search=any(filters.values()),
        page=page.number,
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "rows": rows, "query": query.urlencode()}
    return render(request, "core/audit_log.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    """Any user changes their own password; their API tokens are revoked, this session stays."""
    actor = actor_of(request)
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            me = services.password_change(
                actor=actor, old_password=form.cleaned_data["old_password"], new_password=form.cleaned_data["password1"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc, aliases={"password": "password1"})
        else:
            update_session_auth_hash(request, me)
            flash.success(
                request,
                "パスワードを変更しました。ほかの端末のログインは終了し、あなたのAPIトークンはすべて失効しました。",
            )
            return redirect("home")
    return render(request, "core/form_page.html", {"form": form, "title": "パスワードの変更"})


@login_required
@require_http_methods(["GET", "POST"])
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Optional TOTP two-factor for every user: scan the QR code, confirm one code."""
    user = actor_of(request)
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    device = services.totp_device_pending(actor=user)
    error = ""
    if request.method == "POST":
        token = request.POST.get("token", "").strip()[:16]
        if services.totp_enable(actor=user, device=device, token=token):
            otp_login(request, device)
            flash.success(request, "二段階認証を有効にしました。次回からログイン時に確認コードが必要です。")
            return redirect("home")
        error = "確認コードが正しくありません。認証アプリに表示されている6桁の数字を入力してください。"
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    context = {
        "confirmed": confirmed,
        "qr_data_uri": "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode(),
        "secret": base64.b32encode(device.bin_key).decode(),
        "error": error,
    }
    return render(request, "core/otp_setup.html", context)


def _api_error(request: HttpRequest, message: messages.Message, status: int) -> HttpResponse | None:
    """An error under /api/ answers JSON like the API's own errors, never an HTML page."""
    if not request.path.startswith("/api/"):
        return None
    body: dict[str, str] = {"detail": str(message), "code": message.code}
    if status >= 500:
        body["request_id"] = request_context.current().request_id
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    too_big = isinstance(exception, RequestDataTooBig)
    message = messages.BODY_TOO_LARGE if too_big else messages.BODY_UNREADABLE
    answer = _api_error(request, message, 413 if too_big else 400)
    return answer or defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _api_error(request, messages.PERMISSION_DENIED, 403) or defaults.permission_denied(request, exception)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _api_error(request, messages.NOT_FOUND, 404) or defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page: Japanese, in the app's layout, with the request id for support. It renders
    without a request context (no database query: the database may be what failed)."""
    if is_database_busy(sys.exc_info()[1]):
        return database_busy(request)
    if (answer := _api_error(request, messages.SERVER_ERROR, 500)) is not None:
        return answer
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"request_id": request_context.current().request_id}))


def database_busy(request: HttpRequest) -> HttpResponse:
    """503 when the embedded database's write lock stayed taken beyond its waits and retries
    (core/sqlite): nothing was saved, trying again shortly will do. Rendered like the 500 page,
    without a database query."""
    answer = _api_error(request, messages.DATABASE_BUSY, 503)
    if answer is None:
        template = loader.get_template("503.html")
        context = {"message": messages.DATABASE_BUSY, "request_id": request_context.current().request_id}
        answer = HttpResponse(template.render(context), status=503)
    answer["Retry-After"] = "2"
    return answer
