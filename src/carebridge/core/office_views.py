"""Office administration (管理者): the office's own data, its staff accounts and their API tokens."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages as flash
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from . import selectors, services
from .access import access_staff, access_token, actor_of, office_id_of, require_permission
from .forms import add_service_errors, call_service
from .models import Office
from .office_forms import OfficeForm, PasswordResetForm, StaffCreateForm, StaffForm, TokenForm
from .services import StaffInput


def _office(request: HttpRequest) -> Office:
    actor = actor_of(request)
    require_permission(actor, "office.admin")
    return Office.objects.get(pk=office_id_of(actor))


def _flash_errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        flash.error(request, message)


@login_required
def office_home(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    office = _office(request)
    context = {
        "office": office,
        "staff": selectors.office_staff(actor=actor),
        "tokens": selectors.office_tokens(actor=actor),
        "now": timezone.now(),
    }
    return render(request, "core/office/home.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def office_edit(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    office = _office(request)
    form = OfficeForm(request.POST or None, instance=office)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            lambda: services.office_update(
                actor=actor,
                office=office,
                data=form.to_input(base=office),
                expected_updated_at=form.expected_updated_at(),
            ),
        )
        if saved is not None:
            flash.success(request, "事業所の情報を更新しました。")
            return redirect("office:home")
    return render(request, "core/form_page.html", {"form": form, "title": "事業所の情報の編集"})


@login_required
@require_http_methods(["GET", "POST"])
def staff_create(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    _office(request)
    form = StaffCreateForm(request.POST or None, initial={"role": "care_manager"})
    if request.method == "POST" and form.is_valid():
        user = call_service(
            form,
            lambda: services.staff_create(
                actor=actor,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password1"],
                data=form.to_input(),
            ),
            aliases={"password": "password1"},
        )
        if user is not None:
            flash.success(request, f"職員「{user}」のアカウントを作成しました（ユーザー名: {user.username}）。")
            return redirect("office:home")
    return render(request, "core/form_page.html", {"form": form, "title": "職員アカウントの作成"})


@login_required
@require_http_methods(["GET", "POST"])
def staff_edit(request: HttpRequest, user_id: int) -> HttpResponse:
    actor = actor_of(request)
    user = access_staff(actor, user_id)
    title = f"職員「{user}」の編集"  # the name as stored, even when the new one is refused
    form = StaffForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        data: StaffInput = form.to_input(base=user)
        if call_service(form, lambda: services.staff_update(actor=actor, user=user, data=data)) is not None:
            flash.success(request, f"職員「{user}」の情報を更新しました。")
            return redirect("office:home")
    return render(request, "core/form_page.html", {"form": form, "title": title})


@login_required
@require_http_methods(["GET", "POST"])
def staff_password(request: HttpRequest, user_id: int) -> HttpResponse:
    actor = actor_of(request)
    user = access_staff(actor, user_id)
    form = PasswordResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        password = form.cleaned_data["password1"]
        try:
            services.staff_password_reset(actor=actor, user=user, password=password)
        except ValidationError as exc:
            add_service_errors(form, exc, aliases={"password": "password1"})
        else:
            if user.pk == actor.pk:
                update_session_auth_hash(request, user)  # the administrator's own session stays open
            flash.success(
                request, f"職員「{user}」のパスワードを再設定しました。新しいパスワードを本人に伝えてください。"
            )
            return redirect("office:home")
    return render(request, "core/form_page.html", {"form": form, "title": f"職員「{user}」のパスワードの再設定"})


@login_required
@require_POST
def staff_deactivate(request: HttpRequest, user_id: int) -> HttpResponse:
    actor = actor_of(request)
    user = access_staff(actor, user_id)
    try:
        services.staff_deactivate(actor=actor, user=user)
    except ValidationError as exc:
        _flash_errors(request, exc)
    else:
        flash.success(
            request, f"職員「{user}」のアカウントを無効にしました。ログイン中の画面とAPIトークンも使えなくなりました。"
        )
    return redirect("office:home")


@login_required
@require_POST
def staff_reactivate(request: HttpRequest, user_id: int) -> HttpResponse:
    actor = actor_of(request)
    user = access_staff(actor, user_id)
    try:
        services.staff_reactivate(actor=actor, user=user)
    except ValidationError as exc:
        _flash_errors(request, exc)
    else:
        flash.success(
            request, f"職員「{user}」のアカウントを有効にしました。APIトークンが必要な場合は新しく発行してください。"
        )
    return redirect("office:home")


@never_cache  # the page that shows the token must not stay in a cache
@login_required
@require_http_methods(["GET", "POST"])
def token_create(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    _office(request)
    form = TokenForm(request.POST or None, office_id=office_id_of(actor))
    if request.method == "POST" and form.is_valid():
        expires_on: dt.date | None = form.cleaned_data["expires_on"]
        expires_at = (
            timezone.make_aware(dt.datetime.combine(expires_on, dt.time(23, 59, 59)))
            if expires_on is not None
            else None
        )
        raw = call_service(
            form,
            lambda: services.api_token_create(actor=actor, user=form.cleaned_data["user"], expires_at=expires_at),
            aliases={"expires_at": "expires_on"},
        )
        if raw is not None:
            context = {"raw": raw, "holder": form.cleaned_data["user"], "expires_at": expires_at}
            return render(request, "core/office/token_created.html", context)
    return render(request, "core/form_page.html", {"form": form, "title": "APIトークンの発行"})


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    actor = actor_of(request)
    token = access_token(actor, token_id)
    services.api_token_revoke(actor=actor, token=token)
    flash.success(request, f"APIトークン（{token.prefix}…）を失効させました。")
    return redirect("office:home")
