"""Permission matrix of the company report, seminars and surveys (pages and API): the office's
workplace care manager and the company's HR; employees answer surveys in their portal."""

from __future__ import annotations

from typing import Any

from carebridge.workcare.models import Employee, Seminar, Survey, SurveyReceipt, SurveyResponse

from ..permission_matrix import Case, answered, changed, landed, matrix, removed
from .factories import EmployeeFactory
from .factories_programs import ANSWERS, make_seminar, make_survey

SEMINAR = {"topic": "管理職研修", "held_on": "2026-11-10", "audience": "管理職", "attendance": "12", "materials": ""}
SEMINAR_API = {"topic": "管理職向け研修", "held_on": "2026-11-10", "audience": "管理職", "attendance": 12}
SURVEY = {"title": "2026年度 両立支援アンケート", "opens_on": "2026-12-01", "closes_on": "2026-12-20"}


def company(o: Any) -> int:
    return o.world.company.pk


def seminar(o: Any) -> Seminar:
    return o.__dict__.setdefault("seminar", make_seminar(o.world.company))


def survey(o: Any) -> Survey:
    return o.__dict__.setdefault("survey", make_survey(o.world.company))


def me(o: Any) -> Any:
    """emp_sakura1's Employee row (made once: a fuzzer calls the url again in the same test)."""
    if "me" not in o.__dict__:
        found = Employee.objects.filter(user=o.world.employee).first()
        o.__dict__["me"] = found or EmployeeFactory(company=o.world.company, user=o.world.employee)
    return o.__dict__["me"]


def my_survey(o: Any) -> Survey:
    me(o)
    if "survey" not in o.__dict__:
        o.__dict__["survey"] = Survey.objects.filter(company=o.world.company).first() or make_survey(o.world.company)
    return o.__dict__["survey"]


def answered_once(o: Any) -> bool:
    return SurveyReceipt.objects.filter(survey=o.survey, employee=o.me).count() == 1 and (
        SurveyResponse.objects.filter(survey=o.survey).count() == 1
    )


def surveys_in_company(o: Any, actor: Any, before: Any) -> None:
    landed(Survey)(o, actor, before)
    assert Survey.objects.filter(company=o.world.company).exists()


CASES = [
    # -- the report ------------------------------------------------------------------------------------
    Case("report_hr", "get", lambda o: f"/workcare/companies/{company(o)}/report/", "workcare:company_report",
         "hr", "employee", 404, 200),
    Case("report_wcm", "get", lambda o: f"/workcare/companies/{company(o)}/report/", "workcare:company_report",
         "wcm_a", "manager", 404, 200),
    Case("report_pdf_hr", "get", lambda o: f"/workcare/companies/{company(o)}/report.pdf",
         "workcare:company_report_pdf", "hr", "manager", 404, 200),
    Case("report_pdf_wcm", "get", lambda o: f"/workcare/companies/{company(o)}/report.pdf",
         "workcare:company_report_pdf", "wcm_a", "hr_b", 404, 200),
    Case("report_api", "get", lambda o: f"/api/v1/workcare/companies/{company(o)}/report",
         "GET /api/v1/workcare/companies/{company_id}/report", "hr", "employee", 404, 200),
    Case("report_pdf_api", "get", lambda o: f"/api/v1/workcare/companies/{company(o)}/report/pdf",
         "GET /api/v1/workcare/companies/{company_id}/report/pdf", "wcm_a", "hr_b", 404, 200),
    # -- seminars --------------------------------------------------------------------------------------
    Case("seminar_list", "get", lambda o: (seminar(o), f"/workcare/companies/{company(o)}/seminars/")[1],
         "workcare:seminar_list", "hr", "employee", 404, 200),
    Case("seminar_create_form", "get", lambda o: f"/workcare/companies/{company(o)}/seminars/new/",
         "workcare:seminar_create", "wcm_a", "hr", 403, 200),
    Case("seminar_create", "post", lambda o: f"/workcare/companies/{company(o)}/seminars/new/",
         "workcare:seminar_create", "wcm_a", "hr", 403, 302, data=SEMINAR, post=landed(Seminar)),
    Case("seminar_edit", "post", lambda o: f"/workcare/seminars/{seminar(o).pk}/edit/", "workcare:seminar_edit",
         "wcm_a", "hr", 403, 302, data={**SEMINAR, "topic": "介護休業の使い方"},
         post=changed("seminar", "topic", "介護休業の使い方")),
    Case("seminar_delete", "post", lambda o: f"/workcare/seminars/{seminar(o).pk}/delete/",
         "workcare:seminar_delete", "wcm_a", "hr", 403, 302, post=removed("seminar")),
    Case("seminar_list_api", "get", lambda o: (seminar(o), f"/api/v1/workcare/companies/{company(o)}/seminars")[1],
         "GET /api/v1/workcare/companies/{company_id}/seminars", "hr", "manager", 404, 200),
    Case("seminar_create_api", "post", lambda o: f"/api/v1/workcare/companies/{company(o)}/seminars",
         "POST /api/v1/workcare/companies/{company_id}/seminars", "wcm_a", "hr", 403, 201, data=SEMINAR_API,
         post=landed(Seminar)),
    # -- surveys ---------------------------------------------------------------------------------------
    Case("survey_list", "get", lambda o: (survey(o), f"/workcare/companies/{company(o)}/surveys/")[1],
         "workcare:survey_list", "hr", "employee", 404, 200),
    Case("survey_create", "post", lambda o: f"/workcare/companies/{company(o)}/surveys/new/",
         "workcare:survey_create", "wcm_a", "hr", 403, 302, data=SURVEY, post=surveys_in_company),
    Case("survey_results", "get", lambda o: f"/workcare/surveys/{survey(o).pk}/", "workcare:survey_results",
         "hr", "manager", 404, 200),
    Case("survey_results_api", "get", lambda o: f"/api/v1/workcare/surveys/{survey(o).pk}/results",
         "GET /api/v1/workcare/surveys/{survey_id}/results", "wcm_a", "employee", 404, 200),
    # -- the employee's portal -------------------------------------------------------------------------
    Case("my_surveys", "get", lambda o: (my_survey(o), "/workcare/me/surveys/")[1], "workcare:my_surveys",
         "employee", "hr", 403, 200, other_office=403),
    Case("my_survey_form", "get", lambda o: f"/workcare/me/surveys/{my_survey(o).pk}/", "workcare:my_survey_answer",
         "employee", "manager", 403, 200, other_office=403,
         company_callers={"coworker": 200}),  # a coworker answers the same survey for themselves
    Case("my_survey_answer", "post", lambda o: f"/workcare/me/surveys/{my_survey(o).pk}/",
         "workcare:my_survey_answer", "employee", "hr", 403, 302, data=ANSWERS, other_office=403,
         post=answered(answered_once, "one receipt and one anonymous answer sheet"),
         company_callers={"coworker": 302}),
]  # fmt: skip

test_anonymous, test_other_office, test_without_role, test_with_role = matrix(CASES)
