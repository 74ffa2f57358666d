"""Pages of consultations: the employee's requests and screening (portal), the workplace care
manager's consultation records, the situation assessment (判断基準, reference only), referrals,
the support map (screen and A4 PDF), and the bridge to the office's care management.

HR and managers never reach any of these pages (the gates answer 404; the portal's consented
summaries live elsewhere)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from carebridge.core.access import actor_of, has_permission
from carebridge.core.audit import audit_view
from carebridge.core.forms import DateField, call_service
from carebridge.core.limits import TEXT_LIMIT
from carebridge.core.models import User
from carebridge.core.services import records_listed
from carebridge.directory.models import Provider, ProviderKind, Specialist
from carebridge.documents.http import pdf_response

from .. import criteria, screening_rules
from ..access import (
    access_care_bridge,
    access_consultation,
    access_consultation_employee,
    access_referral,
    is_employee,
    require_own_employee,
)
from ..inputs import CareBridgeInput, ConsultationInput, ReferralInput, ScreeningInput, SituationAssessmentInput
from ..models import CareRecipient, Consultation, Employee
from ..models.choices import Channel, ReferralStatus, ReferralTarget, Urgency
from ..pdf_map import support_map_pdf
from ..selectors import consultations as selectors
from ..services import consultations as services

# -- forms ------------------------------------------------------------------------------------------


def _text(label: str, *, required: bool = True, rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": rows})
    )


class ConsultationForm(forms.Form):
    channel = forms.ChoiceField(label="相談方法", choices=Channel.choices)
    care_recipient = forms.TypedChoiceField(label="対象家族", coerce=int, required=False, empty_value=None)
    content = _text("相談内容")
    worries = _text("心配ごと", required=False)
    family_help = _text("家族の協力", required=False, rows=2)
    work_constraints = _text("仕事上の制約（勤務時間・出張・休みの取りにくさなど）", required=False, rows=2)

    def __init__(self, *args: Any, recipients: list[CareRecipient], staff: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["care_recipient"].choices = [  # type: ignore[attr-defined]
            ("", "（選ばない）"),
            *[(r.pk, f"{r.label}（{r.get_relation_display()}）") for r in recipients],
        ]
        if staff:
            self.fields["urgency"] = forms.ChoiceField(
                label="緊急度", choices=[("", "（未評価）"), *Urgency.choices], required=False
            )
            self.fields["held_on"] = DateField(label="相談日（実施済みの場合）", required=False)

    def to_input(self) -> ConsultationInput:
        data = self.cleaned_data
        return ConsultationInput(
            channel=data["channel"],
            content=data["content"],
            care_recipient_id=data.get("care_recipient"),
            worries=data.get("worries", ""),
            family_help=data.get("family_help", ""),
            work_constraints=data.get("work_constraints", ""),
            urgency=data.get("urgency", "") or "",
            held_on=data.get("held_on"),
        )


LEVEL_CHOICES = [("", "―"), ("1", "1"), ("2", "2"), ("3", "3")]


class AssessmentForm(forms.Form):
    assessed_on = DateField(label="確認日")
    care_level_2_or_above = forms.BooleanField(label="要介護2以上と認定されている", required=False)
    note = _text("備考", required=False, rows=2)

    def __init__(self, *args: Any, version: criteria.CriteriaVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.version = version
        for item in version.items:
            self.fields[f"item_{item.number}"] = forms.ChoiceField(
                label=item.label,
                choices=LEVEL_CHOICES,
                required=False,
                help_text=" / ".join(f"{n} {t}" for n, t in zip(criteria.LEVELS, item.levels, strict=True)),
            )

    def to_input(self) -> SituationAssessmentInput:
        levels = {
            str(item.number): int(self.cleaned_data[f"item_{item.number}"])
            for item in self.version.items
            if self.cleaned_data.get(f"item_{item.number}")
        }
        return SituationAssessmentInput(
            assessed_on=self.cleaned_data["assessed_on"],
            item_levels=levels,
            care_level_2_or_above=self.cleaned_data["care_level_2_or_above"],
            note=self.cleaned_data["note"],
        )


class ScreeningForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for number, question in enumerate(screening_rules.QUESTIONS, start=1):
            self.fields[question.key] = forms.ChoiceField(
                label=f"問{number} {question.text}", choices=question.options, widget=forms.RadioSelect
            )

    def to_input(self) -> ScreeningInput:
        return ScreeningInput(answers={q.key: self.cleaned_data[q.key] for q in screening_rules.QUESTIONS})


class ReferralForm(forms.Form):
    target = forms.ChoiceField(label="紹介先の種別", choices=ReferralTarget.choices)
    specialist = forms.TypedChoiceField(label="専門家", coerce=int, required=False, empty_value=None)
    provider = forms.TypedChoiceField(label="地域包括支援センター", coerce=int, required=False, empty_value=None)
    care_manager = forms.TypedChoiceField(label="事業所のケアマネジャー", coerce=int, required=False, empty_value=None)
    reason = _text("紹介の理由")
    referred_on = DateField(label="紹介日（紹介済みの場合）", required=False)

    def __init__(self, *args: Any, office_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        specialists = Specialist.objects.filter(
            office_id=office_id, is_active=True, profession__in=selectors.MAP_PROFESSIONS
        )
        centers = Provider.objects.filter(office_id=office_id, is_active=True, kind=ProviderKind.COMMUNITY_CENTER)
        managers = User.objects.filter(
            office_id=office_id, is_active=True, role__in=["care_manager", "chief_care_manager"]
        ).order_by("username")
        blank = [("", "（選ばない）")]
        self._choices("specialist", [*blank, *[(s.pk, str(s)) for s in specialists]])
        self._choices("provider", [*blank, *[(p.pk, p.name) for p in centers]])
        self._choices("care_manager", [*blank, *[(u.pk, u.get_full_name() or u.username) for u in managers]])

    def _choices(self, name: str, choices: list[tuple[Any, str]]) -> None:
        self.fields[name].choices = choices  # type: ignore[attr-defined]

    def to_input(self) -> ReferralInput:
        data = self.cleaned_data
        return ReferralInput(
            target=data["target"],
            reason=data["reason"],
            specialist_id=data.get("specialist"),
            provider_id=data.get("provider"),
            care_manager_id=data.get("care_manager"),
            referred_on=data.get("referred_on"),
        )


class BridgeForm(forms.Form):
    employee_consented_on = DateField(label="従業員の同意日")
    recipient_consent_by = forms.CharField(
        label="対象家族側の同意者", max_length=50, help_text="「本人」、または「代理人 氏名（続柄）」"
    )
    recipient_consented_on = DateField(label="対象家族側の同意日")
    scope = _text("共有に同意した内容（ケアマネジメント側に伝えてよい範囲）")
    subject_name = forms.CharField(label="対象家族の氏名", max_length=50)
    main_complaint = _text("主訴（同意の範囲で伝える相談内容）", rows=4)

    def to_input(self) -> CareBridgeInput:
        return CareBridgeInput(**self.cleaned_data)


# -- helpers ------------------------------------------------------------------------------------------


def _is_staff(actor: User) -> bool:
    return has_permission(actor, "workcare.edit")


def _recipients(employee: Employee) -> list[CareRecipient]:
    return list(CareRecipient.objects.filter(employee=employee, is_active=True).order_by("id"))


def _list_logged(actor: User, rows: list[Consultation]) -> None:
    records_listed(actor=actor, subject=Consultation, client_ids=[], record_ids=[c.pk for c in rows])


# -- the employee's portal ----------------------------------------------------------------------------


@login_required
def my_consultations(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    employee = require_own_employee(actor)
    rows = list(selectors.consultation_list(actor, employee=employee)[:200])
    _list_logged(actor, rows)
    return render(request, "workcare/consultation_my_list.html", {"rows": rows, "employee": employee})


@login_required
@require_http_methods(["GET", "POST"])
def my_consultation_new(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    employee = require_own_employee(actor)
    form = ConsultationForm(request.POST or None, recipients=_recipients(employee))
    if request.method == "POST" and form.is_valid():
        saved = call_service(form, lambda: services.consultation_request(actor=actor, data=form.to_input()))
        if saved is not None:
            flash.success(
                request, "相談を申し込みました。産業ケアマネから連絡します。会社（人事・上司）には伝わりません。"
            )
            return redirect("workcare:my_consultations")
    context = {
        "form": form,
        "title": "相談の申込み",
        "lead": "相談した内容は、あなたの同意なく会社に伝わることはありません。",
    }
    return render(request, "workcare/consultation_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def my_screening(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    require_own_employee(actor)
    form = ScreeningForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        saved = call_service(form, lambda: services.screening_answer(actor=actor, data=form.to_input()))
        if saved is not None:
            result = saved
    context = {"form": form, "result": result, "version": screening_rules.VERSION, "source": screening_rules.SOURCE}
    return render(request, "workcare/consultation_screening.html", context)


# -- the workplace care manager's pages ------------------------------------------------------------


@login_required
def employee_consultations(request: HttpRequest, employee_id: int) -> HttpResponse:
    actor = actor_of(request)
    employee = access_consultation_employee(actor, employee_id)
    rows = list(selectors.consultation_list(actor, employee=employee)[:200])
    _list_logged(actor, rows)
    context = {"rows": rows, "employee": employee, "can_edit": _is_staff(actor)}
    return render(request, "workcare/consultation_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def employee_consultation_new(request: HttpRequest, employee_id: int) -> HttpResponse:
    actor = actor_of(request)
    employee = access_consultation_employee(actor, employee_id, for_edit=True)
    form = ConsultationForm(
        request.POST or None, recipients=_recipients(employee), staff=True, initial={"held_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, lambda: services.consultation_create(actor=actor, employee=employee, data=form.to_input())
        )
        if saved is not None:
            flash.success(request, "相談を記録しました。")
            return redirect("workcare:consultation_detail", consultation_id=saved.pk)
    context = {"form": form, "title": f"相談の記録 — {employee.name} さん", "employee": employee}
    return render(request, "workcare/consultation_form.html", context)


STATUS_BUTTONS = [
    (ReferralStatus.REFERRED, "紹介済みにする"),
    (ReferralStatus.COMPLETED, "対応完了"),
    (ReferralStatus.DECLINED, "見送り"),
]


@login_required
def consultation_detail(request: HttpRequest, consultation_id: int) -> HttpResponse:
    actor = actor_of(request)
    consultation = access_consultation(actor, consultation_id)
    audit_view(actor=actor, subject=consultation, client_id=None)
    records = selectors.consultation_records(consultation)
    assessments = [
        (a, criteria.evaluate(
            criteria.version_of(a.criteria_version) or criteria.version_on(a.assessed_on),
            {k: int(v) for k, v in a.item_levels.items()},
            care_level_2_or_above=a.care_level_2_or_above,
        ))
        for a in records.assessments
    ]  # fmt: skip
    bridges = [(b, selectors.bridge_view(b)) for b in records.bridges]
    context = {
        "c": consultation,
        "records": records,
        "assessments": assessments,
        "bridges": bridges,
        "can_edit": _is_staff(actor),
        "is_employee": is_employee(actor),
        "today": timezone.localdate(),
        "notice": criteria.REFERENCE_NOTICE,
        "flexible": criteria.FLEXIBLE_USE,
        "statuses": STATUS_BUTTONS,
    }
    return render(request, "workcare/consultation_detail.html", context)


def _step(request: HttpRequest, consultation_id: int, step: str) -> HttpResponse:
    actor = actor_of(request)
    consultation = access_consultation(actor, consultation_id, for_edit=True)
    day = _date(request.POST.get("on")) or timezone.localdate()
    try:
        if step == "start":
            services.consultation_start(actor=actor, consultation=consultation, held_on=day)
            flash.success(request, "相談を対応中にしました。")
        else:
            services.consultation_close(actor=actor, consultation=consultation, closed_on=day)
            flash.success(request, "相談を終了しました。")
    except ValidationError as exc:
        flash.error(request, " ".join(exc.messages))
    return redirect("workcare:consultation_detail", consultation_id=consultation.pk)


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text or "")
    except ValueError:
        return None


@login_required
@require_POST
def consultation_start(request: HttpRequest, consultation_id: int) -> HttpResponse:
    return _step(request, consultation_id, "start")


@login_required
@require_POST
def consultation_close(request: HttpRequest, consultation_id: int) -> HttpResponse:
    return _step(request, consultation_id, "close")


@login_required
@require_http_methods(["GET", "POST"])
def consultation_assessment(request: HttpRequest, consultation_id: int) -> HttpResponse:
    actor = actor_of(request)
    consultation = access_consultation(actor, consultation_id, for_edit=True)
    version = criteria.version_on(timezone.localdate())
    form = AssessmentForm(request.POST or None, version=version, initial={"assessed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            lambda: services.situation_assessment_record(actor=actor, consultation=consultation, data=form.to_input()),
        )
        if saved is not None:
            flash.success(request, "判断基準による状態の確認を記録しました（参考）。")
            return redirect("workcare:consultation_detail", consultation_id=consultation.pk)
    context = {
        "form": form,
        "c": consultation,
        "version": version,
        "notice": criteria.REFERENCE_NOTICE,
        "flexible": criteria.FLEXIBLE_USE,
    }
    return render(request, "workcare/consultation_assessment.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def consultation_screening(request: HttpRequest, consultation_id: int) -> HttpResponse:
    actor = actor_of(request)
    consultation = access_consultation(actor, consultation_id, for_edit=True)
    form = ScreeningForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, lambda: services.screening_answer(actor=actor, data=form.to_input(), consultation=consultation)
        )
        if saved is not None:
            flash.success(request, f"スクリーニングを記録しました（緊急度: {saved.get_urgency_display()}）。")
            return redirect("workcare:consultation_detail", consultation_id=consultation.pk)
    context = {"form": form, "c": consultation, "version": screening_rules.VERSION, "source": screening_rules.SOURCE}
    return render(request, "workcare/consultation_screening.html", context)


# -- support map -------------------------------------------------------------------------------------


@login_required
def consultation_map(request: HttpRequest, consultation_id: int) -> HttpResponse:
    actor = actor_of(request)
    consultation = access_consultation(actor, consultation_id)
    audit_view(actor=actor, subject=consultation, client_id=None)
    support = selectors.support_map(consultation, as_of=timezone.localdate())
    return render(request, "workcare/map_page.html", {"c": consultation, "map": support})


@login_required
def consultation_map_pdf(request: HttpRequest, consultation_id: int) -> HttpResponse:
    actor = actor_of(request)
    consultation = access_consultation(actor, consultation_id)
    audit_view(actor=actor, subject=consultation, client_id=None)
    support = selectors.support_map(consultation, as_of=timezone.localdate())
    pdf = support_map_pdf(support, employee_name=consultation.employee.name)
    return pdf_response(pdf, f"support-map-{consultation.pk}.pdf", document="支援マップ", request=request)


# -- referrals ---------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def referral_new(request: HttpRequest, consultation_id: int) -> HttpResponse:
    actor = actor_of(request)
    consultation = access_consultation(actor, consultation_id, for_edit=True)
    form = ReferralForm(request.POST or None, office_id=consultation.office_id)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, lambda: services.referral_create(actor=actor, consultation=consultation, data=form.to_input())
        )
        if saved is not None:
            flash.success(request, "紹介を記録しました。")
            return redirect("workcare:consultation_detail", consultation_id=consultation.pk)
    return render(request, "workcare/referral_form.html", {"form": form, "c": consultation})


@login_required
@require_POST
def referral_status(request: HttpRequest, referral_id: int) -> HttpResponse:
    actor = actor_of(request)
    referral = access_referral(actor, referral_id, for_edit=True)
    outcome = request.POST.get("outcome", "")[:TEXT_LIMIT]
    try:
        services.referral_update_status(
            actor=actor, referral=referral, status=request.POST.get("status", ""), outcome=outcome
        )
        flash.success(request, "紹介の状態を更新しました。")
    except ValidationError as exc:
        flash.error(request, " ".join(exc.messages))
    return redirect("workcare:consultation_detail", consultation_id=referral.consultation_id)


# -- the bridge to care management --------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def bridge_new(request: HttpRequest, consultation_id: int) -> HttpResponse:
    actor = actor_of(request)
    consultation = access_consultation(actor, consultation_id, for_edit=True)
    today = timezone.localdate()
    initial = {
        "employee_consented_on": today,
        "recipient_consented_on": today,
        "recipient_consent_by": "本人",
        "main_complaint": consultation.content,
    }
    form = BridgeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, lambda: services.care_bridge_create(actor=actor, consultation=consultation, data=form.to_input())
        )
        if saved is not None:
            flash.success(request, "同意の範囲で、事業所のケアマネジメントに相談受付（企業相談）として引き継ぎました。")
            return redirect("workcare:consultation_detail", consultation_id=consultation.pk)
    return render(request, "workcare/bridge_form.html", {"form": form, "c": consultation})


@login_required
@require_POST
def bridge_withdraw(request: HttpRequest, bridge_id: int) -> HttpResponse:
    actor = actor_of(request)
    bridge = access_care_bridge(actor, bridge_id, for_edit=True)
    try:
        services.care_bridge_withdraw(actor=actor, bridge=bridge)
        flash.success(request, "引継ぎの同意を撤回しました。これ以降、職場側から受付の状況は見えません。")
    except ValidationError as exc:
        flash.error(request, " ".join(exc.messages))
    return redirect("workcare:consultation_detail", consultation_id=bridge.consultation_id)


urlpatterns: list[URLPattern] = [
    path("me/consultations/", my_consultations, name="my_consultations"),
    path("me/consultations/new/", my_consultation_new, name="my_consultation_new"),
    path("me/screening/", my_screening, name="my_screening"),
    path("employees/<int:employee_id>/consultations/", employee_consultations, name="employee_consultations"),
    path("employees/<int:employee_id>/consultations/new/", employee_consultation_new, name="employee_consultation_new"),
    path("consultations/<int:consultation_id>/", consultation_detail, name="consultation_detail"),
    path("consultations/<int:consultation_id>/start/", consultation_start, name="consultation_start"),
    path("consultations/<int:consultation_id>/close/", consultation_close, name="consultation_close"),
    path("consultations/<int:consultation_id>/assessment/", consultation_assessment, name="consultation_assessment"),
    path("consultations/<int:consultation_id>/screening/", consultation_screening, name="consultation_screening"),
    path("consultations/<int:consultation_id>/map/", consultation_map, name="consultation_map"),
    path("consultations/<int:consultation_id>/map.pdf", consultation_map_pdf, name="consultation_map_pdf"),
    path("consultations/<int:consultation_id>/referrals/new/", referral_new, name="referral_new"),
    path("referrals/<int:referral_id>/status/", referral_status, name="referral_status"),
    path("consultations/<int:consultation_id>/bridge/new/", bridge_new, name="bridge_new"),
    path("bridges/<int:bridge_id>/withdraw/", bridge_withdraw, name="bridge_withdraw"),
]
