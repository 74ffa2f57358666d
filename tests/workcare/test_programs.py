"""Seminars and surveys (issue 8 item 13): our own questions, anonymous answers, results under the
same <5 rule as the report and only from 5 answers on."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from carebridge.core.models import AuditEvent
from carebridge.workcare import messages, services
from carebridge.workcare.inputs import SeminarInput, SurveyInput
from carebridge.workcare.models import SurveyReceipt, SurveyResponse
from carebridge.workcare.selectors.programs import survey_results

from .factories import EmployeeFactory
from .factories_programs import ANSWERS, make_survey

pytestmark = pytest.mark.django_db
D = dt.date


def test_the_default_questions_are_our_own_and_cover_the_brief():
    texts = [str(q["text"]) for q in services.DEFAULT_QUESTIONS]
    assert 6 <= len(texts) <= 8
    assert any("5年以内" in t for t in texts)  # caregiving likely within 5 years
    assert any("制度" in t for t in texts)  # knowledge of the company's systems
    assert any("申し出" in t or "窓口" in t for t in texts)  # where to consult
    assert any("心配" in t for t in texts)  # worries
    assert services.programs.valid_questions(list(services.DEFAULT_QUESTIONS))


def test_a_survey_is_created_with_the_default_questions(world):
    survey = services.survey_create(
        actor=world.wcm_a,
        company=world.company,
        data=SurveyInput(title="調査", opens_on=D(2026, 12, 1), closes_on=D(2026, 12, 20)),
    )
    assert [q["id"] for q in survey.questions] == ["q1", "q2", "q3", "q4", "q5", "q6", "q7"]


def test_a_survey_closing_before_it_opens_and_bad_questions_are_refused(world):
    with pytest.raises(ValidationError) as exc:
        services.survey_create(
            actor=world.wcm_a,
            company=world.company,
            data=SurveyInput(
                title="調査", opens_on=D(2026, 12, 20), closes_on=D(2026, 12, 1), questions=({"id": "a"},)
            ),
        )
    assert exc.value.message_dict["closes_on"] == [messages.SURVEY_PERIOD_ORDER]
    assert exc.value.message_dict["questions"] == [messages.SURVEY_QUESTIONS_INVALID]


def test_hr_reads_seminars_but_cannot_write_them(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.seminar_create(
            actor=world.hr, company=world.company, data=SeminarInput(topic="研修", held_on=D(2026, 10, 1))
        )
    with pytest.raises(ValidationError) as exc:
        services.seminar_create(
            actor=world.wcm_a,
            company=world.company,
            data=SeminarInput(topic="研修", held_on=D(2026, 10, 1), attendance=100_001),
        )
    assert exc.value.message_dict["attendance"] == [messages.SEMINAR_ATTENDANCE_RANGE]


def test_an_answer_is_anonymous_and_given_once(world):
    EmployeeFactory(company=world.company, user=world.employee)
    survey = make_survey(world.company)
    today = timezone.localdate()
    services.survey_answer(actor=world.employee, survey=survey, answers=ANSWERS, today=today)
    sheet = SurveyResponse.objects.get(survey=survey)
    assert "employee" not in {f.name for f in SurveyResponse._meta.get_fields()}
    assert sheet.answers["q6"] == ["収入が減ること", "自分の体力や気持ちの負担"]
    # the sheet's audit event names no one; the receipt's names the employee and holds no answer
    sheet_event = AuditEvent.objects.get(subject_type="workcare.surveyresponse", subject_id=str(sheet.pk))
    assert sheet_event.actor_id is None
    receipt = SurveyReceipt.objects.get(survey=survey)
    receipt_event = AuditEvent.objects.get(subject_type="workcare.surveyreceipt", subject_id=str(receipt.pk))
    assert "answers" not in receipt_event.changes and "している" not in str(receipt_event.changes)
    with pytest.raises(ValidationError) as exc:
        services.survey_answer(actor=world.employee, survey=survey, answers=ANSWERS, today=today)
    assert exc.value.code == messages.SURVEY_ALREADY_ANSWERED.code
    assert SurveyResponse.objects.filter(survey=survey).count() == 1


def test_answers_outside_the_period_or_the_choices_are_refused(world):
    EmployeeFactory(company=world.company, user=world.employee)
    survey = make_survey(world.company)
    today = timezone.localdate()
    with pytest.raises(ValidationError) as exc:
        services.survey_answer(
            actor=world.employee, survey=survey, answers=ANSWERS, today=survey.closes_on + dt.timedelta(days=1)
        )
    assert exc.value.code == messages.SURVEY_NOT_OPEN.code
    with pytest.raises(ValidationError) as exc:
        services.survey_answer(actor=world.employee, survey=survey, answers={**ANSWERS, "q1": "<script>"}, today=today)
    assert exc.value.message_dict == {"q1": [messages.SURVEY_ANSWER_INVALID]}
    with pytest.raises(ValidationError) as exc:
        services.survey_answer(actor=world.employee, survey=survey, answers={**ANSWERS, "q2": ""}, today=today)
    assert exc.value.message_dict == {"q2": [messages.SURVEY_ANSWER_REQUIRED]}
    with pytest.raises(ValidationError) as exc:
        services.survey_answer(actor=world.employee, survey=survey, answers={**ANSWERS, "zz": "x"}, today=today)
    assert exc.value.message_dict == {"zz": [messages.SURVEY_ANSWER_INVALID]}
    assert not SurveyReceipt.objects.exists() and not SurveyResponse.objects.exists()


def _sheets(survey, answers_list):
    SurveyResponse.objects.bulk_create(
        [SurveyResponse(office_id=survey.office_id, survey=survey, answers=a) for a in answers_list]
    )


def test_results_appear_from_five_answers_on(world):
    survey = make_survey(world.company)
    _sheets(survey, [ANSWERS] * 4)
    results = survey_results(survey=survey)
    assert results.responses == 4 and not results.shown and results.questions == ()
    _sheets(survey, [ANSWERS])
    assert survey_results(survey=survey).shown


def test_results_hide_small_counts_and_their_complements(world):
    survey = make_survey(world.company)
    # q1: 10 「している」, 2 「していない」 -> the 2 is hidden and so the 10 (12 - 10 = 2)
    _sheets(survey, [ANSWERS] * 10 + [{**ANSWERS, "q1": "していない", "q6": ["特にない"]}] * 2)
    results = survey_results(survey=survey)
    q1 = results.questions[0]
    assert [(c, f.label) for c, f in q1.rows] == [("している", "＊"), ("していない", "<5")]
    assert q1.total.label == "12"
    q6 = results.questions[5]  # several choices: each with its own "did not tick" complement
    shown = {c: f.label for c, f in q6.rows}
    # 10 of 12 ticked it: 2 did not, a figure about 2 people — hidden too
    assert shown["収入が減ること"] == "＊" and shown["特にない"] == "<5"
    assert shown["休みを取ることへの職場の理解"] == "0"
    assert q6.total is None


def test_a_survey_with_answers_cannot_be_deleted(world):
    survey = make_survey(world.company)
    _sheets(survey, [ANSWERS])
    with pytest.raises(ValidationError) as exc:
        services.survey_delete(actor=world.wcm_a, survey=survey)
    assert exc.value.code == messages.SURVEY_HAS_ANSWERS.code


def test_the_portal_lists_open_surveys_and_takes_an_answer(world, client):
    EmployeeFactory(company=world.company, user=world.employee)
    survey = make_survey(world.company)
    make_survey(world.company, title="終わった調査", opens_on=D(2025, 1, 1), closes_on=D(2025, 1, 31))
    client.force_login(world.employee)
    body = client.get("/workcare/me/surveys/").content.decode()
    assert "両立支援アンケート" in body and "終わった調査" not in body
    response = client.post(f"/workcare/me/surveys/{survey.pk}/", ANSWERS)
    assert response.status_code == 302
    assert "回答済み" in client.get("/workcare/me/surveys/").content.decode()
    page = client.post(f"/workcare/me/surveys/{survey.pk}/", ANSWERS).content.decode()
    assert "回答済み" in page
    assert SurveyResponse.objects.filter(survey=survey).count() == 1


def test_the_portal_shows_the_errors_of_an_incomplete_answer(world, client):
    EmployeeFactory(company=world.company, user=world.employee)
    survey = make_survey(world.company)
    client.force_login(world.employee)
    page = client.post(f"/workcare/me/surveys/{survey.pk}/", {"q1": "している"}).content.decode()
    assert messages.SURVEY_ANSWER_REQUIRED in page
    assert not SurveyResponse.objects.exists()
