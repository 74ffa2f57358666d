"""Core pages: login, today, the audit viewer, two-factor setup, company home."""

from __future__ import annotations

import base64
import io

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import messages as flash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from carebridge.clients import selectors as client_selectors

from .access import has_permission, office_scope, require_permission
from .forms import DateInput, LoginForm
from .models import AuditEvent, User
from .selectors import audit_event_list, office_users


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "core/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_valid(form)
        user = form.get_user()
        if getattr(user, "otp_device", None) is not None:
            otp_login(self.request, user.otp_device)
        return response


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if user.company_id is not None:
        return render(request, "core/company_home.html", {"company": user.company})
    if has_permission(user, "client.view"):
        return redirect("today")
    if has_permission(user, "directory.view"):
        return redirect("directory:providers")
    return render(request, "core/company_home.html", {"company": None})


@login_required
def today(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    require_permission(user, "client.view")
    day = timezone.localdate()
    office_wide = request.GET.get("scope") == "office"
    due: list[object] = []
    tasks: list[object] = []
    if has_permission(user, "care.view"):
        from carebridge.casework import selectors as casework_selectors
        from carebridge.casework.rules import Rule
        from carebridge.clients.models import Client

        findings = [
            f
            for f in casework_selectors.compliance_findings(
                actor=user, month=day, today=day, care_manager_id=None if office_wide else user.pk
            )
            if f.rule != Rule.RENEWAL_NOT_FILED  # listed in its own section below
        ]
        clients = office_scope(user, Client.objects.all(), "care.view").filter(pk__in={f.client_id for f in findings})
        names = dict(clients.values_list("pk", "name"))
        due = [{"finding": f, "client_name": names.get(f.client_id, "")} for f in findings]
        tasks = list(casework_selectors.open_tasks(actor=user))
    context = {
        "due": due,
        "tasks": tasks,
        "today": day,
        "office_wide": office_wide,
        "my_clients": client_selectors.client_list(actor=user, care_manager_id=user.pk, status="active"),
        "ending": Paginator(
            client_selectors.certifications_ending_without_renewal(
                actor=user, today=day, care_manager_id=None if office_wide else user.pk
            ),
            50,
        ).get_page(request.GET.get("page")),
        "query": "scope=office" if office_wide else "",
    }
    return render(request, "core/today.html", context)


class AuditFilterForm(forms.Form):
    user = forms.ModelChoiceField(queryset=User.objects.none(), required=False, label="操作者")
    client = forms.IntegerField(required=False, label="利用者ID", min_value=1)
    event_type = forms.ChoiceField(
        choices=[("", "すべて"), *AuditEvent.EventType.choices], required=False, label="操作"
    )
    date_from = forms.DateField(required=False, label="期間（開始）", widget=DateInput())
    date_to = forms.DateField(required=False, label="期間（終了）", widget=DateInput())


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    require_permission(user, "audit.view")
    form = AuditFilterForm(request.GET or None)
    form.fields["user"].queryset = office_users(actor=user)  # type: ignore[attr-defined]
    filters = form.cleaned_data if form.is_valid() else {}
    events = audit_event_list(
        actor=user,
        user_id=filters["user"].pk if filters.get("user") else None,
        client_id=filters.get("client"),
        event_type=filters.get("event_type", ""),
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "core/audit_log.html", {"form": form, "page": page, "query": query.urlencode()})


@login_required
@require_http_methods(["GET", "POST"])
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Optional TOTP two-factor for staff: scan the QR code, confirm one code."""
    user: User = request.user  # type: ignore[assignment]
    if user.company_id is not None:
        return redirect("home")
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=False, defaults={"name": "認証アプリ"})
    error = ""
    if request.method == "POST":
        token = request.POST.get("token", "").strip()
        if device.verify_token(token):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
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
