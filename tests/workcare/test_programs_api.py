"""Seminars and surveys through the API: a seminar corrected and deleted; a survey made with its
own questions (or the default set); the employee sees the open surveys of their company and
answers once — anonymously (a receipt without answers, a sheet without a name); a second answer
and an answer outside the survey's dates are refused."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from carebridge.core.services import api_token_create
from carebridge.workcare import messages
from carebridge.workcare.models import Seminar, SurveyReceipt, SurveyResponse

from .factories import EmployeeFactory
from .factories_programs import ANSWERS, make_seminar, make_survey

pytestmark = pytest.mark.django_db


def _call(client, method, url, body, user):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=None, user=user)}"}
    if method in ("get", "delete"):
        return getattr(client, method)(url, **auth)
    return getattr(client, method)(url, json.dumps(body), content_type="application/json", **auth)


def test_a_seminar_is_corrected_and_deleted(client, world):
    seminar = make_seminar(world.company)
    url = f"/api/v1/workcare/seminars/{seminar.pk}"
    assert _call(client, "patch", url, {"attendance": 40}, world.wcm_a).json()["attendance"] == 40
    odd = _call(client, "patch", url, {"attendance": -1}, world.wcm_a)
    assert odd.status_code == 422 and odd.json()["detail"][0]["loc"][-1] == "attendance"
    assert _call(client, "delete", url, None, world.wcm_a).status_code == 204
    assert not Seminar.objects.exists()


def test_surveys_are_made_and_answered_once_anonymously(client, world):
    base = f"/api/v1/workcare/companies/{world.company.pk}/surveys"
    today = timezone.localdate()
    own = {
        "title": "在宅勤務と介護",
        "opens_on": today.isoformat(),
        "closes_on": (today + dt.timedelta(days=7)).isoformat(),
        "questions": [{"id": "q1", "text": "在宅勤務を使いたいですか", "choices": ["はい", "いいえ"]}],
    }
    made = _call(client, "post", base, own, world.wcm_a)
    assert made.status_code == 201 and [q["id"] for q in made.json()["questions"]] == ["q1"]
    standard = make_survey(world.company)
    closed = make_survey(world.company, opens_on=today - dt.timedelta(days=30), closes_on=today - dt.timedelta(days=1))
    EmployeeFactory(company=world.company, user=world.employee)
    mine = _call(client, "get", "/api/v1/workcare/me/surveys", None, world.employee).json()
    assert {s["id"] for s in mine} == {made.json()["id"], standard.pk} and not any(s["answered"] for s in mine)
    answer = _call(
        client, "post", f"/api/v1/workcare/me/surveys/{standard.pk}/answer", {"answers": ANSWERS}, world.employee
    )
    assert answer.status_code == 201
    assert SurveyReceipt.objects.filter(survey=standard).count() == 1
    assert SurveyResponse.objects.filter(survey=standard).count() == 1
    again = _call(
        client, "post", f"/api/v1/workcare/me/surveys/{standard.pk}/answer", {"answers": ANSWERS}, world.employee
    )
    assert again.status_code == 422 and SurveyResponse.objects.filter(survey=standard).count() == 1
    late = _call(
        client, "post", f"/api/v1/workcare/me/surveys/{closed.pk}/answer", {"answers": ANSWERS}, world.employee
    )
    assert late.status_code == 422 and late.json()["detail"][0]["code"] == messages.SURVEY_NOT_OPEN.code
