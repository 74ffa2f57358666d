"""Pages of the roster (HR and the workplace care manager), the CSV import, invitations, the
employee page (the workplace care manager's full view, HR's roster row view) and the employee's
own family page. Each view: gate → service or selector → render."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

from carebridge.clients.models import CareLevel
from carebridge.core.access import actor_of
from carebridge.core.audit import audit_view
from carebridge.core.forms import ServiceModelForm, call_service
from carebridge.core.services import records_listed

from .. import messages, roster_import
from ..access import (
    access_care_recipient,
    access_family_employee,
    access_roster_company,
    access_roster_employee,
    is_employee,
    is_hr,
    is_workplace_staff,
    may_edit_care_recipients,
    may_keep_roster,
    require_own_employee,
)
from ..inputs import CareRecipientInput, EmployeeInput
from ..models import CareRecipient, Employee
from ..selectors import people as selectors
from ..services import people as services

# -- forms (parsing only; the services validate) ----------------------------------------------------


class EmployeeForm(ServiceModelForm):
    input_class = EmployeeInput

    class Meta:
        model = Employee
        fields = [
            "employee_number",
            "name",
            "department",
            "birth_date",
            "weekly_days",
            "daily_hours",
            "hired_on",
            "fixed_term_end",
            "email",
        ]
        help_texts = {
            "daily_hours": "例: 7.50（7時間30分）",
            "fixed_term_end": "期間の定めのない雇用なら空欄",
            "email": "ログインの招待に使います",
        }


class CareRecipientForm(ServiceModelForm):
    input_class = CareRecipientInput
    care_level = forms.ChoiceField(label="要介護度", required=False, choices=[("", "未申請・不明"), *CareLevel.choices])

    class Meta:
        model = CareRecipient
        fields = ["label", "relation", "age", "lives_together", "care_level", "prefecture", "municipality", "is_active"]


class RosterImportForm(forms.Form):
    csv_file = forms.FileField(
        label="CSVファイル",
        help_text=(
            f"見出し行: {roster_import.HEADER}（社員番号・氏名・生年月日・入社日は必須）。"
            "UTF-8 または Shift_JIS。1件でも誤りがあれば何も登録しません。"
        ),
    )

    def clean_csv_file(self) -> Any:
        upload = self.cleaned_data["csv_file"]
        if upload.size > roster_import.MAX_BYTES:
            raise ValidationError(messages.ROSTER_TOO_LARGE.format(limit="2MB"))
        return upload


class InvitationAcceptForm(forms.Form):
    username = forms.CharField(label="ユーザー名", max_length=150, help_text="半角英数字と @ . + - _ が使えます")
    password = forms.CharField(label="パスワード", widget=forms.PasswordInput, max_length=128)
    password_again = forms.CharField(label="パスワード（確認）", widget=forms.PasswordInput, max_length=128)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", messages.INVITE_PASSWORD_MISMATCH)
        return data


def _form_page(
    request: HttpRequest, form: forms.BaseForm, title: str, back: tuple[str, str] | None = None
) -> HttpResponse:
    return render(request, "workcare/employee_form.html", {"form": form, "title": title, "back": back})


def _roster_url(employee: Employee) -> str:
    return reverse("workcare:employee_list", args=[employee.company_id])


# -- the roster ----------------------------------------------------------------------------------


@login_required
def employee_list(request: HttpRequest, company_id: int) -> HttpResponse:
    actor = actor_of(request)
    company = access_roster_company(actor, company_id)
    query = request.GET.get("q", "")[:100]
    inactive = request.GET.get("inactive") == "1"
    rows = selectors.roster_list(actor=actor, company=company, query=query, include_inactive=inactive)
    page = Paginator(rows, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    records_listed(
        actor=actor,
        subject=Employee,
        client_ids=[],
        record_ids=[e.pk for e in page],
        search=bool(query.strip()),
        page=page.number,
    )
    context = {
        "company": company,
        "page": page,
        "q": query,
        "inactive": inactive,
        "can_edit": may_keep_roster(actor, company),
        "full_view": is_workplace_staff(actor),
    }
    template = "workcare/employee_rows.html" if request.htmx else "workcare/employee_list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def employee_create(request: HttpRequest, company_id: int) -> HttpResponse:
    actor = actor_of(request)
    company = access_roster_company(actor, company_id, for_edit=True)
    form = EmployeeForm(request.POST or None, initial={"weekly_days": 5, "daily_hours": "8.00"})
    if request.method == "POST" and form.is_valid():
        employee = call_service(
            form, lambda: services.employee_create(actor=actor, company=company, data=form.to_input())
        )
        if employee is not None:
            flash.success(request, f"従業員「{employee.name}」を登録しました。")
            return redirect("workcare:employee_detail", employee_id=employee.pk)
    back = (reverse("workcare:employee_list", args=[company.pk]), f"{company.name} の従業員名簿")
    return _form_page(request, form, "従業員の追加", back)


@login_required
@require_http_methods(["GET", "POST"])
def employee_update(request: HttpRequest, employee_id: int) -> HttpResponse:
    actor = actor_of(request)
    employee = access_roster_employee(actor, employee_id, for_edit=True)
    if request.method == "GET":
        audit_view(actor=actor, subject=employee, client_id=None)
    form = EmployeeForm(request.POST or None, instance=employee)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            lambda: services.employee_update(
                actor=actor,
                employee=employee,
                data=form.to_input(base=employee),
                expected_updated_at=form.expected_updated_at(),
            ),
        )
        if saved is not None:
            flash.success(request, "従業員情報を更新しました。")
            return redirect("workcare:employee_detail", employee_id=employee.pk)
    back = (reverse("workcare:employee_detail", args=[employee.pk]), employee.name)
    return _form_page(request, form, f"{employee.name} さんの情報の編集", back)


@login_required
@require_POST
def employee_deactivate(request: HttpRequest, employee_id: int) -> HttpResponse:
    actor = actor_of(request)
    employee = access_roster_employee(actor, employee_id, for_edit=True)
    try:
        services.employee_deactivate(actor=actor, employee=employee)
        flash.success(request, f"「{employee.name}」さんを無効（退職等）にしました。記録は残ります。")
    except ValidationError as exc:
        for message in exc.messages:
            flash.error(request, message)
    return redirect("workcare:employee_list", company_id=employee.company_id)


@login_required
@require_POST
def employee_invite(request: HttpRequest, employee_id: int) -> HttpResponse:
    actor = actor_of(request)
    employee = access_roster_employee(actor, employee_id, for_edit=True)
    as_manager = request.POST.get("as_manager") == "1"
    try:
        invitation, token = services.employee_invite(actor=actor, employee=employee, as_manager=as_manager)
    except ValidationError as exc:
        for message in exc.messages:
            flash.error(request, message)
        return redirect("workcare:employee_detail", employee_id=employee.pk)
    url = request.build_absolute_uri(reverse("workcare:invitation_accept", args=[token]))
    mailed = services.invitation_mail_send(invitation=invitation, url=url)
    context = {"employee": employee, "invitation": invitation, "url": url, "mailed": mailed}
    response = render(request, "workcare/employee_invited.html", context)
    response["Cache-Control"] = "no-store"
    return response


# -- the CSV import ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def employee_import(request: HttpRequest, company_id: int) -> HttpResponse:
    actor = actor_of(request)
    company = access_roster_company(actor, company_id, for_edit=True)
    form = RosterImportForm(request.POST or None, request.FILES or None)
    errors: list[roster_import.RowError] = []
    result = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["csv_file"].read()
        apply = request.POST.get("apply") == "1"
        if apply and request.POST.get("digest", "") != roster_import.digest_of(data):
            errors = [roster_import.RowError(1, "", messages.ROSTER_DIGEST_MISMATCH)]
        else:
            try:
                result = roster_import.roster_import(actor=actor, company=company, data=data, dry_run=not apply)
            except roster_import.RosterImportError as exc:
                errors = exc.errors
    context = {
        "company": company,
        "form": form,
        "errors": errors,
        "result": result,
        "columns": roster_import.COLUMNS,
        "header": roster_import.HEADER,
    }
    partial = request.htmx and request.method == "POST"  # type: ignore[attr-defined]
    template = "workcare/employee_import_result.html" if partial else "workcare/employee_import.html"
    return render(request, template, context)


# -- the employee page -------------------------------------------------------------------------------


@login_required
def employee_detail(request: HttpRequest, employee_id: int) -> HttpResponse:
    """The workplace care manager: profile and care recipients. HR: the roster row, and only the
    fact of caregiving when the employee shares it. Anyone else: 404."""
    actor = actor_of(request)
    employee = access_roster_employee(actor, employee_id)
    full = is_workplace_staff(actor)
    context: dict[str, Any] = {
        "employee": employee,
        "full_view": full,
        "can_edit": may_keep_roster(actor, employee.company),
        "can_edit_family": full and may_edit_care_recipients(actor, employee),
        "recipients": selectors.care_recipients_of(employee=employee) if full else [],
        "caregiving_shared": selectors.caregiving_shared(actor=actor, employee=employee) if is_hr(actor) else False,
        "invitation": selectors.open_invitation(employee=employee),
    }
    audit_view(actor=actor, subject=employee, client_id=None)
    return render(request, "workcare/employee_detail.html", context)


# -- care recipients ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def care_recipient_create(request: HttpRequest, employee_id: int) -> HttpResponse:
    """The workplace care manager adds a family member (the employee uses /workcare/me/family/)."""
    actor = actor_of(request)
    employee = access_family_employee(actor, employee_id)
    if not may_edit_care_recipients(actor, employee):
        raise PermissionDenied
    form = CareRecipientForm(request.POST or None, initial={"is_active": True})
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, lambda: services.care_recipient_create(actor=actor, employee=employee, data=form.to_input())
        )
        if saved is not None:
            flash.success(request, f"対象家族「{saved.label}」を登録しました。")
            return redirect(_family_home(actor, employee))
    return _form_page(request, form, f"{employee.name} さんの対象家族の追加", (_family_home(actor, employee), "戻る"))


def _family_home(actor: Any, employee: Employee) -> str:
    if is_employee(actor):
        return reverse("workcare:my_family")
    return reverse("workcare:employee_detail", args=[employee.pk])


@login_required
@require_http_methods(["GET", "POST"])
def care_recipient_update(request: HttpRequest, care_recipient_id: int) -> HttpResponse:
    actor = actor_of(request)
    recipient = access_care_recipient(actor, care_recipient_id, for_edit=True)
    if request.method == "GET":
        audit_view(actor=actor, subject=recipient, client_id=None)
    form = CareRecipientForm(request.POST or None, instance=recipient)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            lambda: services.care_recipient_update(
                actor=actor,
                care_recipient=recipient,
                data=form.to_input(base=recipient),
                expected_updated_at=form.expected_updated_at(),
            ),
        )
        if saved is not None:
            flash.success(request, "対象家族の情報を更新しました。")
            return redirect(_family_home(actor, recipient.employee))
    home = _family_home(actor, recipient.employee)
    return _form_page(request, form, f"対象家族「{recipient.label}」の編集", (home, "戻る"))


@login_required
@require_http_methods(["GET", "POST"])
def my_family(request: HttpRequest) -> HttpResponse:
    """The employee's own page: their family members who need care (add one on the same page)."""
    actor = actor_of(request)
    employee = require_own_employee(actor)
    form = CareRecipientForm(request.POST or None, initial={"is_active": True})
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, lambda: services.care_recipient_create(actor=actor, employee=employee, data=form.to_input())
        )
        if saved is not None:
            flash.success(request, f"「{saved.label}」を登録しました。")
            return redirect("workcare:my_family")
    recipients = selectors.care_recipients_of(employee=employee)
    if request.method == "GET":
        records_listed(actor=actor, subject=CareRecipient, client_ids=[], record_ids=[r.pk for r in recipients])
    return render(
        request, "workcare/people_my_family.html", {"employee": employee, "recipients": recipients, "form": form}
    )


# -- the invitation (public) --------------------------------------------------------------------------


@never_cache
@csrf_protect
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Open to anyone holding the link: choose a username and a password. A wrong, used or
    expired link answers one Japanese page (410), the same for all three."""
    invitation = services.invitation_for_token(token)
    if invitation is None:
        return render(request, "workcare/people_invitation_invalid.html", status=410)
    form = InvitationAcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = call_service(
            form,
            lambda: services.invitation_accept(
                token=token, username=form.cleaned_data["username"], password=form.cleaned_data["password"]
            ),
        )
        if user is not None:
            flash.success(request, "ログインを作成しました。選んだユーザー名とパスワードでログインしてください。")
            return redirect("login")
        if form.non_field_errors() and services.invitation_for_token(token) is None:
            return render(request, "workcare/people_invitation_invalid.html", status=410)
    context = {"form": form, "employee": invitation.employee, "invitation": invitation}
    response = render(request, "workcare/people_invitation_accept.html", context)
    response["Referrer-Policy"] = "no-referrer"  # the token is in the address
    return response


urlpatterns: list[URLPattern] = [
    path("companies/<int:company_id>/employees/", employee_list, name="employee_list"),
    path("companies/<int:company_id>/employees/new/", employee_create, name="employee_create"),
    path("companies/<int:company_id>/employees/import/", employee_import, name="employee_import"),
    path("employees/<int:employee_id>/", employee_detail, name="employee_detail"),
    path("employees/<int:employee_id>/edit/", employee_update, name="employee_update"),
    path("employees/<int:employee_id>/deactivate/", employee_deactivate, name="employee_deactivate"),
    path("employees/<int:employee_id>/invite/", employee_invite, name="employee_invite"),
    path("employees/<int:employee_id>/care-recipients/new/", care_recipient_create, name="care_recipient_create"),
    path("care-recipients/<int:care_recipient_id>/edit/", care_recipient_update, name="care_recipient_update"),
    path("me/family/", my_family, name="my_family"),
    path("invite/<str:token>/", invitation_accept, name="invitation_accept"),
]
