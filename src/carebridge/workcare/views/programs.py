"""Seminars and surveys: the workplace care manager writes them, HR reads them; employees answer
surveys anonymously in their portal (/workcare/me/surveys/)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from carebridge.core.access import actor_of
from carebridge.core.forms import ServiceModelForm, call_service

from .. import report_rules as rr
from .. import services
from ..access import (
    access_my_survey,
    access_report_company,
    access_seminar,
    access_survey,
    is_workplace_staff,
    require_own_employee,
    require_program_editor,
)
from ..inputs import SeminarInput, SurveyInput
from ..models import Seminar, Survey
from ..selectors import programs as selectors


class SeminarForm(ServiceModelForm):
    input_class = SeminarInput

    class Meta:
        model = Seminar
        fields = ["topic", "held_on", "audience", "attendance", "materials"]
        widgets = {"materials": forms.Textarea(attrs={"rows": 4})}


class SurveyForm(ServiceModelForm):
    input_class = SurveyInput

    class Meta:
        model = Survey
        fields = ["title", "opens_on", "closes_on"]


# -- seminars --------------------------------------------------------------------------------------


@login_required
@require_GET
def seminar_list(request: HttpRequest, company_id: int) -> HttpResponse:
    actor = actor_of(request)
    company = access_report_company(actor, company_id)
    context = {
        "company": company,
        "seminars": selectors.seminar_list(company=company),
        "can_edit": is_workplace_staff(actor, "workcare.edit"),
    }
    return render(request, "workcare/seminar_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def seminar_create(request: HttpRequest, company_id: int) -> HttpResponse:
    actor = actor_of(request)
    company = access_report_company(actor, company_id)
    require_program_editor(actor)
    form = SeminarForm(request.POST or None, initial={"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        seminar = call_service(
            form, lambda: services.seminar_create(actor=actor, company=company, data=form.to_input())
        )
        if seminar is not None:
            flash.success(request, "セミナーを記録しました。")
            return redirect("workcare:seminar_list", company_id=company.pk)
    return render(request, "workcare/seminar_form.html", {"form": form, "company": company, "title": "セミナーの記録"})


@login_required
@require_http_methods(["GET", "POST"])
def seminar_edit(request: HttpRequest, seminar_id: int) -> HttpResponse:
    actor = actor_of(request)
    seminar = access_seminar(actor, seminar_id, for_edit=True)
    form = SeminarForm(request.POST or None, instance=seminar)
    if request.method == "POST" and form.is_valid():
        done = call_service(
            form,
            lambda: services.seminar_update(
                actor=actor, seminar=seminar, data=form.to_input(), expected_updated_at=form.expected_updated_at()
            ),
        )
        if done is not None:
            flash.success(request, "セミナーの記録を更新しました。")
            return redirect("workcare:seminar_list", company_id=seminar.company_id)
    context = {"form": form, "company": seminar.company, "title": "セミナーの記録の変更", "seminar": seminar}
    return render(request, "workcare/seminar_form.html", context)


@login_required
@require_POST
def seminar_delete(request: HttpRequest, seminar_id: int) -> HttpResponse:
    actor = actor_of(request)
    seminar = access_seminar(actor, seminar_id, for_edit=True)
    company_id = seminar.company_id
    services.seminar_delete(actor=actor, seminar=seminar)
    flash.success(request, "セミナーの記録を削除しました。")
    return redirect("workcare:seminar_list", company_id=company_id)


# -- surveys (the office and HR) ---------------------------------------------------------------------


@login_required
@require_GET
def survey_list(request: HttpRequest, company_id: int) -> HttpResponse:
    actor = actor_of(request)
    company = access_report_company(actor, company_id)
    context = {
        "company": company,
        "surveys": selectors.survey_list(company=company),
        "can_edit": is_workplace_staff(actor, "workcare.edit"),
    }
    return render(request, "workcare/survey_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def survey_create(request: HttpRequest, company_id: int) -> HttpResponse:
    actor = actor_of(request)
    company = access_report_company(actor, company_id)
    require_program_editor(actor)
    today = timezone.localdate()
    form = SurveyForm(
        request.POST or None,
        initial={"title": "仕事と介護の両立に関する従業員調査", "opens_on": today, "closes_on": today},
    )
    if request.method == "POST" and form.is_valid():
        survey = call_service(form, lambda: services.survey_create(actor=actor, company=company, data=form.to_input()))
        if survey is not None:
            flash.success(request, "調査を作成しました（標準の質問を使います）。")
            return redirect("workcare:survey_results", survey_id=survey.pk)
    context = {"form": form, "company": company, "title": "従業員調査の作成", "questions": services.DEFAULT_QUESTIONS}
    return render(request, "workcare/survey_form.html", context)


@login_required
@require_GET
def survey_results(request: HttpRequest, survey_id: int) -> HttpResponse:
    actor = actor_of(request)
    survey = access_survey(actor, survey_id)
    results = selectors.survey_results(survey=survey)
    context = {
        "survey": survey,
        "results": results,
        "responses": rr.single(results.responses),
        "minimum": selectors.MIN_RESPONSES,
    }
    return render(request, "workcare/survey_results.html", context)


# -- the employee's portal ---------------------------------------------------------------------------


@login_required
@require_GET
def my_surveys(request: HttpRequest) -> HttpResponse:
    employee = require_own_employee(actor_of(request))
    surveys = selectors.my_surveys(employee=employee, today=timezone.localdate())
    return render(request, "workcare/survey_my_list.html", {"surveys": surveys})


def _answers_from(request: HttpRequest, survey: Survey) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for question in survey.questions:
        qid = str(question["id"])
        answers[qid] = request.POST.getlist(qid) if question.get("multiple") else request.POST.get(qid, "")
    return answers


@login_required
@require_http_methods(["GET", "POST"])
def my_survey_answer(request: HttpRequest, survey_id: int) -> HttpResponse:
    actor = actor_of(request)
    employee = require_own_employee(actor)
    survey = access_my_survey(actor, survey_id)
    today = timezone.localdate()
    errors: list[str] = []
    given: dict[str, Any] = {}
    if request.method == "POST":
        given = _answers_from(request, survey)
        try:
            services.survey_answer(actor=actor, survey=survey, answers=given, today=today)
        except ValidationError as exc:
            errors = [str(m) for m in exc.messages]
        else:
            flash.success(request, "回答を送信しました。ご協力ありがとうございました。回答は匿名で集計されます。")
            return redirect("workcare:my_surveys")
    context = {
        "survey": survey,
        "answered": selectors.has_answered(employee=employee, survey=survey),
        "open": survey.opens_on <= today <= survey.closes_on,
        "errors": errors,
        "given": given,
    }
    return render(request, "workcare/survey_answer.html", context)


urlpatterns: list[URLPattern] = [
    path("companies/<int:company_id>/seminars/", seminar_list, name="seminar_list"),
    path("companies/<int:company_id>/seminars/new/", seminar_create, name="seminar_create"),
    path("seminars/<int:seminar_id>/edit/", seminar_edit, name="seminar_edit"),
    path("seminars/<int:seminar_id>/delete/", seminar_delete, name="seminar_delete"),
    path("companies/<int:company_id>/surveys/", survey_list, name="survey_list"),
    path("companies/<int:company_id>/surveys/new/", survey_create, name="survey_create"),
    path("surveys/<int:survey_id>/", survey_results, name="survey_results"),
    path("me/surveys/", my_surveys, name="my_surveys"),
    path("me/surveys/<int:survey_id>/", my_survey_answer, name="my_survey_answer"),
]
