"""Company pages under /workcare/companies/: profile, contracts and fees, policy versions with the
gap report, the registers of the 2025 duties, the compliance checklist and the month's invoice.

Who reaches what: see access.py (section H-company). The office's 管理者 and workplace care
manager see the office's companies; the company's HR sees only its own company.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from carebridge.core import messages as core_messages
from carebridge.core.access import actor_of, is_row_id
from carebridge.core.audit import audit_view
from carebridge.core.dates import month_start, parse_month
from carebridge.core.forms import add_service_errors, call_service
from carebridge.core.japanese import wareki_short
from carebridge.core.models import Company, User
from carebridge.core.services import records_listed

from .. import gap_rules, services
from ..access import access_company_for, access_company_row, company_visible, is_hr, is_workplace_staff, may_on_company
from ..forms_company import (
    ApproveForm,
    CompanyProfileForm,
    ContractForm,
    EarlyBulkForm,
    EnvironmentMeasureForm,
    FeeItemForm,
    NoticeRecordForm,
    NoticeReportForm,
    NoticeTextForm,
    PolicyForm,
)
from ..inputs import EarlyBulkInput
from ..models import CompanyContract, CompanyPolicy, Employee, IndividualNotice, NoticeText
from ..selectors import company as selectors

DUTIES: dict[str, Any] = {"office": "workcare.view", "hr": True}
DUTY_EDIT: dict[str, Any] = {"office": "workcare.edit", "hr": True}


def _can(actor: User, company: Company, office: str | None, hr: bool) -> bool:
    return may_on_company(actor, company, office=office, hr=hr)


@login_required
def company_list(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    if not (is_workplace_staff(actor, "workcare.contract") or is_hr(actor)):
        raise PermissionDenied(core_messages.PERMISSION_DENIED)
    companies = list(selectors.company_list(actor=actor))
    return render(request, "workcare/company_list.html", {"companies": companies})


@login_required
def company_detail(request: HttpRequest, company_id: int) -> HttpResponse:
    actor = actor_of(request)
    company = company_visible(actor, company_id)
    today = timezone.localdate()
    office_side = is_workplace_staff(actor, "workcare.contract")
    context = {
        "company": company,
        "today": today,
        "policy": selectors.policy_in_force(company, today),
        "versions": list(selectors.policy_versions(company)),
        "contracts": selectors.contracts(company) if office_side else [],
        "findings": selectors.gap_report(company, today),
        "office_side": office_side,
        "can_edit_policy": _can(actor, company, "workcare.edit", True),
        "can_duties": _can(actor, company, "workcare.view", True),
        "labels": gap_rules.STATUS_LABELS,
    }
    return render(request, "workcare/company_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def company_edit(request: HttpRequest, company_id: int) -> HttpResponse:
    actor = actor_of(request)
    company = access_company_for(actor, company_id, office="workcare.contract", hr=True)
    form = CompanyProfileForm(request.POST or None, instance=company)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            lambda: services.company_update(
                actor=actor,
                company=company,
                data=form.to_input(base=company),
                expected_updated_at=form.expected_updated_at(),
            ),
        )
        if saved is not None:
            flash.success(request, "企業の基本情報を保存しました。")
            return redirect("workcare:company_detail", company_id=company.pk)
    return render(request, "workcare/company_form.html", {"form": form, "company": company, "title": "企業の基本情報"})


@login_required
@require_http_methods(["GET", "POST"])
def contract_create(request: HttpRequest, company_id: int) -> HttpResponse:
    actor = actor_of(request)
    company = access_company_for(actor, company_id, office="workcare.contract", hr=False)
    form = ContractForm(request.POST or None, initial={"starts_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        saved = call_service(form, lambda: services.contract_create(actor=actor, company=company, data=form.to_input()))
        if saved is not None:
            flash.success(request, "契約を登録しました。料金項目を追加してください。")
            return redirect("workcare:company_detail", company_id=company.pk)
    return render(request, "workcare/company_form.html", {"form": form, "company": company, "title": "契約の登録"})


@login_required
@require_http_methods(["GET", "POST"])
def fee_item_create(request: HttpRequest, company_id: int, contract_id: int) -> HttpResponse:
    actor = actor_of(request)
    company = access_company_for(actor, company_id, office="workcare.contract", hr=False)
    contract = access_company_row(actor, company, CompanyContract.objects.filter(company=company), contract_id)
    form = FeeItemForm(request.POST or None, initial={"unit": "month"})
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, lambda: services.fee_item_create(actor=actor, contract=contract, data=form.to_input())
        )
        if saved is not None:
            flash.success(request, "料金項目を追加しました。")
            return redirect("workcare:company_detail", company_id=company.pk)
    title = f"料金項目の追加（{wareki_short(contract.starts_on)}〜の契約）"
    return render(request, "workcare/company_form.html", {"form": form, "company": company, "title": title})


@login_required
@require_http_methods(["GET", "POST"])
def policy_create(request: HttpRequest, company_id: int) -> HttpResponse:
    """A new version of the company's systems (versions are never edited once a later one exists)."""
    actor = actor_of(request)
    company = access_company_for(actor, company_id, office="workcare.edit", hr=True)
    current = selectors.policy_in_force(company, timezone.localdate())
    initial: dict[str, object] = {"effective_from": timezone.localdate(), "reduced_measures": ["short_hours"]}
    if current is not None:  # start from the version in force
        initial.update({name: getattr(current, name) for name in PolicyForm.Meta.fields if name != "effective_from"})
        initial["reduced_measures"] = current.reduced_measures
        initial["labor_agreement_excludes"] = current.labor_agreement_excludes
    form = PolicyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = call_service(form, lambda: services.policy_create(actor=actor, company=company, data=form.to_input()))
        if saved is not None:
            flash.success(request, f"両立支援制度の新しい版（{wareki_short(saved.effective_from)}〜）を登録しました。")
            return redirect("workcare:company_detail", company_id=company.pk)
    title = "両立支援制度（新しい版）"
    return render(request, "workcare/company_form.html", {"form": form, "company": company, "title": title})


@login_required
@require_http_methods(["GET", "POST"])
def policy_edit(request: HttpRequest, company_id: int, policy_id: int) -> HttpResponse:
    """Correct the latest version; one with a later version is immutable (the service refuses)."""
    actor = actor_of(request)
    company = access_company_for(actor, company_id, office="workcare.edit", hr=True)
    policy = access_company_row(actor, company, CompanyPolicy.objects.filter(company=company), policy_id)
    initial = {"reduced_measures": policy.reduced_measures, "labor_agreement_excludes": policy.labor_agreement_excludes}
    form = PolicyForm(request.POST or None, instance=policy, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            lambda: services.policy_update(
                actor=actor, policy=policy, data=form.to_input(), expected_updated_at=form.expected_updated_at()
            ),
        )
        if saved is not None:
            flash.success(request, "両立支援制度の版を修正しました。")
            return redirect("workcare:company_detail", company_id=company.pk)
    title = f"両立支援制度（{wareki_short(policy.effective_from)}〜の版）の修正"
    return render(request, "workcare/company_form.html", {"form": form, "company": company, "title": title})


# -- the compliance checklist -------------------------------------------------------------------------


@login_required
def company_checklist(request: HttpRequest, company_id: int) -> HttpResponse:
    actor = actor_of(request)
    company = access_company_for(actor, company_id, **DUTIES)
    checklist = selectors.checklist(company, timezone.localdate())
    records_listed(actor=actor, subject=Employee, client_ids=[], record_ids=checklist.employee_ids())
    return render(request, "workcare/company_checklist.html", {"company": company, "checklist": checklist})


# -- 個別周知・意向確認 -------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def notice_register(request: HttpRequest, company_id: int) -> HttpResponse:
    """The register (who reported when, due, done how) and the form for a new report."""
    actor = actor_of(request)
    company = access_company_for(actor, company_id, **DUTIES)
    can_edit = _can(actor, company, "workcare.edit", True)
    form = NoticeReportForm(request.POST or None, company=company, initial={"reported_on": timezone.localdate()})
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied(core_messages.PERMISSION_DENIED)
        if form.is_valid():
            employee = form.cleaned_data["employee"]
            saved = call_service(
                form, lambda: services.individual_notice_create(actor=actor, employee=employee, data=form.to_input())
            )
            if saved is not None:
                flash.success(request, f"介護に直面した旨の申出を記録しました（期限 {wareki_short(saved.due_on)}）。")
                return redirect("workcare:notice_record", company_id=company.pk, notice_id=saved.pk)
    notices = list(selectors.notice_register(company)[:500])
    records_listed(actor=actor, subject=IndividualNotice, client_ids=[], record_ids=[n.pk for n in notices])
    today = timezone.localdate()
    context = {"company": company, "notices": notices, "form": form, "can_edit": can_edit, "today": today}
    return render(request, "workcare/company_notices.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def notice_record(request: HttpRequest, company_id: int, notice_id: int) -> HttpResponse:
    actor = actor_of(request)
    company = access_company_for(actor, company_id, **DUTIES)
    notice = access_company_row(
        actor, company, IndividualNotice.objects.filter(employee__company=company).select_related("employee"), notice_id
    )
    can_edit = _can(actor, company, "workcare.edit", True) and not notice.is_done
    form = NoticeRecordForm(request.POST or None, instance=notice, company=company)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied(core_messages.PERMISSION_DENIED)
        if form.is_valid():
            saved = call_service(
                form, lambda: services.individual_notice_record(actor=actor, notice=notice, data=form.to_input())
            )
            if saved is not None:
                flash.success(request, "個別周知・意向確認を記録しました。")
                return redirect("workcare:notice_register", company_id=company.pk)
    else:
        audit_view(actor=actor, subject=notice, client_id=None)
    context = {"company": company, "notice": notice, "form": form, "can_edit": can_edit}
    return render(request, "workcare/company_notice.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def notice_texts(request: HttpRequest, company_id: int) -> HttpResponse:
    """The texts shown to employees, by version; a new draft; HR approves on this page."""
    actor = actor_of(request)
    company = access_company_for(actor, company_id, **DUTIES)
    can_edit = _can(actor, company, "workcare.edit", True)
    form = NoticeTextForm(request.POST or None, initial={"kind": "individual", "includes_ltc_insurance": True})
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied(core_messages.PERMISSION_DENIED)
        if form.is_valid():
            saved = call_service(
                form, lambda: services.notice_text_create(actor=actor, company=company, data=form.to_input())
            )
            if saved is not None:
                flash.success(request, f"周知文 第{saved.version}版を作成しました。人事担当者の承認が必要です。")
                return redirect("workcare:notice_texts", company_id=company.pk)
    context = {
        "company": company,
        "texts": list(selectors.notice_texts(company)),
        "form": form,
        "can_edit": can_edit,
        "can_approve": is_hr(actor),
        "approve_form": ApproveForm(initial={"approved_on": timezone.localdate()}),
        "expressions": gap_rules.DISCOURAGING_EXPRESSIONS,
    }
    return render(request, "workcare/company_notice_texts.html", context)


@login_required
@require_POST
def notice_text_approve(request: HttpRequest, company_id: int, text_id: int) -> HttpResponse:
    actor = actor_of(request)
    company = access_company_for(actor, company_id, office=None, hr=True)
    text = access_company_row(actor, company, NoticeText.objects.filter(company=company), text_id)
    form = ApproveForm(request.POST)
    if form.is_valid():
        try:
            services.notice_text_approve(actor=actor, text=text, approved_on=form.cleaned_data["approved_on"])
        except ValidationError as exc:
            for errors in exc.message_dict.values():
                for error in errors:
                    flash.error(request, error)
        else:
            flash.success(request, f"周知文 第{text.version}版を承認しました。")
    else:
        flash.error(request, "承認日を入力してください。")
    return redirect("workcare:notice_texts", company_id=company.pk)


# -- 40歳時等の情報提供 --------------------------------------------------------------------------------------


def _fiscal_year(request: HttpRequest, company: Company, today: dt.date) -> int:
    text = str(request.GET.get("year", ""))
    if text.isascii() and text.isdigit() and 2025 <= int(text) <= 2100:
        return int(text)
    start, _end = gap_rules.fiscal_year_of(today, selectors.fiscal_year_start(company))
    return start.year


@login_required
@require_http_methods(["GET", "POST"])
def early_info_register(request: HttpRequest, company_id: int) -> HttpResponse:
    """The employees whose window starts in the chosen fiscal year, the bulk provision, and the
    register of who got it when."""
    actor = actor_of(request)
    company = access_company_for(actor, company_id, **DUTIES)
    can_edit = _can(actor, company, "workcare.edit", True)
    today = timezone.localdate()
    year = _fiscal_year(request, company, today)
    form = EarlyBulkForm(
        request.POST or None,
        company=company,
        initial={"method": "email", "provided_on": today, "includes_ltc_insurance": True},
    )
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied(core_messages.PERMISSION_DENIED)
        if form.is_valid():
            values = form.cleaned_data
            ids = tuple(int(v) for v in request.POST.getlist("employee_ids") if is_row_id(v))
            data = EarlyBulkInput(
                fiscal_year=year,
                method=values["method"],
                provided_on=values["provided_on"],
                includes_ltc_insurance=bool(values["includes_ltc_insurance"]),
                notice_text=values["notice_text"],
                employee_ids=ids or None,
            )
            try:
                rows = services.early_information_provide(actor=actor, company=company, data=data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                flash.success(request, f"{year}年度の40歳時等の情報提供を{len(rows)}人に記録しました。")
                return redirect(f"{request.path}?year={year}")
    due = selectors.early_info_due(company, year)
    register = list(selectors.early_register(company)[:500])
    shown = [row.employee.pk for row in due] + [row.employee_id for row in register]
    records_listed(actor=actor, subject=Employee, client_ids=[], record_ids=shown)
    context = {
        "company": company,
        "year": year,
        "years": list(range(max(2025, year - 2), year + 3)),
        "due": due,
        "waiting": [row for row in due if not row.provided],
        "register": register,
        "form": form,
        "can_edit": can_edit,
    }
    return render(request, "workcare/company_early_info.html", context)


# -- 雇用環境の整備 ------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def environment_create(request: HttpRequest, company_id: int) -> HttpResponse:
    actor = actor_of(request)
    company = access_company_for(actor, company_id, **DUTY_EDIT)
    form = EnvironmentMeasureForm(request.POST or None, initial={"carried_out_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, lambda: services.environment_measure_create(actor=actor, company=company, data=form.to_input())
        )
        if saved is not None:
            flash.success(request, "雇用環境の整備の措置を記録しました。")
            return redirect("workcare:company_checklist", company_id=company.pk)
    title = "雇用環境の整備の記録"
    return render(request, "workcare/company_form.html", {"form": form, "company": company, "title": title})


# -- the invoice ----------------------------------------------------------------------------------------------


@login_required
def company_invoice(request: HttpRequest, company_id: int) -> HttpResponse:
    actor = actor_of(request)
    company = access_company_for(actor, company_id, office="workcare.contract", hr=True)
    text = str(request.GET.get("month", ""))
    month = parse_month(text) if text else month_start(timezone.localdate())
    error = core_messages.MONTH_FORMAT if month is None else ""
    month = month or month_start(timezone.localdate())
    bill = selectors.invoice(company, month)
    return render(request, "workcare/company_invoice.html", {"company": company, "invoice": bill, "error": error})


urlpatterns = [
    path("companies/", company_list, name="company_list"),
    path("companies/<int:company_id>/", company_detail, name="company_detail"),
    path("companies/<int:company_id>/edit/", company_edit, name="company_edit"),
    path("companies/<int:company_id>/contracts/new/", contract_create, name="contract_create"),
    path("companies/<int:company_id>/contracts/<int:contract_id>/fees/new/", fee_item_create, name="fee_item_create"),
    path("companies/<int:company_id>/policies/new/", policy_create, name="policy_create"),
    path("companies/<int:company_id>/policies/<int:policy_id>/edit/", policy_edit, name="policy_edit"),
    path("companies/<int:company_id>/checklist/", company_checklist, name="company_checklist"),
    path("companies/<int:company_id>/notices/", notice_register, name="notice_register"),
    path("companies/<int:company_id>/notices/<int:notice_id>/", notice_record, name="notice_record"),
    path("companies/<int:company_id>/notice-texts/", notice_texts, name="notice_texts"),
    path(
        "companies/<int:company_id>/notice-texts/<int:text_id>/approve/",
        notice_text_approve,
        name="notice_text_approve",
    ),
    path("companies/<int:company_id>/early-information/", early_info_register, name="early_info_register"),
    path("companies/<int:company_id>/environment/new/", environment_create, name="environment_create"),
    path("companies/<int:company_id>/invoice/", company_invoice, name="company_invoice"),
]
