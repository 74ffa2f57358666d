"""Audit recipes of the seminar and survey services (tests/test_audit_every_service.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from carebridge.workcare import services
from carebridge.workcare.inputs import SeminarInput, SurveyInput
from carebridge.workcare.models import SurveyResponse

from ..audit_recipe import Recipe
from .factories import EmployeeFactory
from .factories_programs import ANSWERS, make_seminar, make_survey

D = dt.date
SEMINAR = SeminarInput(topic="介護保険の基礎", held_on=D(2026, 10, 1), audience="全社員", attendance=40)


def _employee_survey(o: Any) -> Any:
    EmployeeFactory(company=o.world.company, user=o.world.employee)
    return make_survey(o.world.company)


def _answered_survey(o: Any) -> Any:
    survey = make_survey(o.world.company)
    SurveyResponse.objects.create(office_id=survey.office_id, survey=survey, answers=ANSWERS)
    return survey


def _ok_answer(o: Any) -> Any:
    survey = _employee_survey(o)
    return lambda: services.survey_answer(
        actor=o.world.employee, survey=survey, answers=ANSWERS, today=timezone.localdate()
    )


def _bad_answer(o: Any) -> Any:
    survey = _employee_survey(o)
    return lambda: services.survey_answer(
        actor=o.world.employee, survey=survey, answers={**ANSWERS, "q1": "たぶん"}, today=timezone.localdate()
    )


def _seminar_update(o: Any, topic: str) -> Any:
    seminar = make_seminar(o.world.company)
    data = SeminarInput(topic=topic, held_on=seminar.held_on, audience="", attendance=5)
    return lambda: services.seminar_update(actor=o.world.wcm_a, seminar=seminar, data=data)


def _seminar_delete(o: Any) -> Any:
    seminar = make_seminar(o.world.company)
    return lambda: services.seminar_delete(actor=o.world.wcm_a, seminar=seminar)


def _survey_delete(o: Any, survey: Any) -> Any:
    return lambda: services.survey_delete(actor=o.world.wcm_a, survey=survey)


RECIPES = {
    "seminar_create": Recipe(
        lambda o: lambda: services.seminar_create(actor=o.world.wcm_a, company=o.world.company, data=SEMINAR),
        lambda o: (
            lambda: services.seminar_create(
                actor=o.world.wcm_a, company=o.world.company, data=SeminarInput(topic="", held_on=D(2026, 10, 1))
            )
        ),
    ),
    "seminar_update": Recipe(lambda o: _seminar_update(o, "介護休業の使い方"), lambda o: _seminar_update(o, "x" * 300)),
    "seminar_delete": Recipe(
        _seminar_delete, None, "a seminar record is deleted by its editor; nothing refers to it, so nothing refuses"
    ),
    "survey_create": Recipe(
        lambda o: (
            lambda: services.survey_create(
                actor=o.world.wcm_a,
                company=o.world.company,
                data=SurveyInput(title="アンケート", opens_on=D(2026, 12, 1), closes_on=D(2026, 12, 20)),
            )
        ),
        lambda o: (
            lambda: services.survey_create(
                actor=o.world.wcm_a,
                company=o.world.company,
                data=SurveyInput(title="アンケート", opens_on=D(2026, 12, 20), closes_on=D(2026, 12, 1)),
            )
        ),
    ),
    "survey_delete": Recipe(
        lambda o: _survey_delete(o, make_survey(o.world.company)),
        lambda o: _survey_delete(o, _answered_survey(o)),
    ),
    "survey_answer": Recipe(_ok_answer, _bad_answer),
}
