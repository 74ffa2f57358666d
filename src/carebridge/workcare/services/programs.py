"""Writes of seminars and surveys. The workplace care manager writes them; HR only reads them.

A survey answer is anonymous: the answer sheet (SurveyResponse) names no employee and its audit
event no actor; only the receipt (SurveyReceipt: who answered, once) names the employee, and it
holds no answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404

from carebridge.core import messages as core_messages
from carebridge.core.inputs import values_of
from carebridge.core.models import Company, User
from carebridge.core.writes import create_audited, delete_audited, update_audited

from .. import messages
from ..access import require_own_employee, require_program_editor
from ..inputs import SeminarInput, SurveyInput
from ..models import Employee, Seminar, Survey, SurveyReceipt, SurveyResponse

__all__ = [
    "DEFAULT_QUESTIONS",
    "seminar_create",
    "seminar_delete",
    "seminar_update",
    "survey_answer",
    "survey_create",
    "survey_delete",
]

MAX_ATTENDANCE = 100_000

# Our own questions (written for CareBridge; no item of LCAT, ZBI or J-ZBI). `multiple`: several
# choices may be ticked.
DEFAULT_QUESTIONS: tuple[dict[str, object], ...] = (
    {"id": "q1", "text": "現在、ご家族などの介護や手助けをしていますか。", "choices": ["している", "していない"]},
    {
        "id": "q2",
        "text": "今後5年以内に、ご家族などの介護をすることになりそうですか。",
        "choices": ["可能性が高い", "可能性がある", "可能性は低い", "わからない"],
    },
    {
        "id": "q3",
        "text": "介護休業・介護休暇など、会社の両立支援の制度をご存じですか。",
        "choices": ["内容まで知っている", "名前だけ知っている", "知らない"],
    },
    {
        "id": "q4",
        "text": "介護が必要になったとき、社内でどこに申し出ればよいかご存じですか。",
        "choices": ["知っている", "知らない"],
    },
    {
        "id": "q5",
        "text": "介護のことを最初に相談できる地域の窓口（地域包括支援センター）をご存じですか。",
        "choices": ["役割まで知っている", "名前だけ知っている", "知らない"],
    },
    {
        "id": "q6",
        "text": "仕事と介護の両立について、心配なことはどれですか（いくつでも）。",
        "choices": [
            "休みを取ることへの職場の理解",
            "収入が減ること",
            "介護サービスの探し方・手続き",
            "自分の体力や気持ちの負担",
            "離れて暮らす家族の介護",
            "特にない",
        ],
        "multiple": True,
    },
    {
        "id": "q7",
        "text": "介護について、社外の専門職（産業ケアマネ）に相談してみたいと思いますか。",
        "choices": ["相談したい", "必要になったら相談したい", "思わない"],
    },
)


def _check_office(actor: User, company_office_id: int) -> None:
    require_program_editor(actor)
    if company_office_id != actor.office_id:
        raise Http404(core_messages.NOT_FOUND)


def _seminar_check(seminar: Seminar) -> None:
    if not 0 <= seminar.attendance <= MAX_ATTENDANCE:
        raise ValidationError({"attendance": messages.SEMINAR_ATTENDANCE_RANGE})


@transaction.atomic
def seminar_create(*, actor: User, company: Company, data: SeminarInput) -> Seminar:
    _check_office(actor, company.office_id)
    seminar = Seminar(office_id=company.office_id, company=company, **values_of(data))
    return create_audited(actor=actor, instance=seminar, check=_seminar_check)


@transaction.atomic
def seminar_update(
    *, actor: User, seminar: Seminar, data: SeminarInput, expected_updated_at: dt.datetime | None = None
) -> Seminar:
    _check_office(actor, seminar.office_id)
    changes = values_of(data)
    return update_audited(
        actor=actor,
        instance=seminar,
        changes=changes,
        editable=changes.keys(),
        check=_seminar_check,
        expected_updated_at=expected_updated_at,
    )


@transaction.atomic
def seminar_delete(*, actor: User, seminar: Seminar) -> None:
    _check_office(actor, seminar.office_id)
    delete_audited(actor=actor, instance=seminar)


def valid_questions(questions: object) -> bool:
    """A list of {id, text, choices (2+ distinct texts), multiple?} with distinct ids."""
    if not isinstance(questions, list | tuple) or not questions:
        return False
    ids: set[str] = set()
    for question in questions:
        if not isinstance(question, dict):
            return False
        qid, text, choices = question.get("id"), question.get("text"), question.get("choices")
        if not (isinstance(qid, str) and qid and isinstance(text, str) and text.strip()):
            return False
        if not isinstance(choices, list) or len(choices) < 2 or len(set(map(str, choices))) != len(choices):
            return False
        if not all(isinstance(c, str) and c.strip() and len(c) <= 100 for c in choices):
            return False
        if not isinstance(question.get("multiple", False), bool) or qid in ids or len(text) > 300:
            return False
        ids.add(qid)
    return len(questions) <= 30


def _survey_check(survey: Survey) -> None:
    errors: dict[str, object] = {}
    if survey.closes_on and survey.opens_on and survey.closes_on < survey.opens_on:
        errors["closes_on"] = messages.SURVEY_PERIOD_ORDER
    if not valid_questions(survey.questions):
        errors["questions"] = messages.SURVEY_QUESTIONS_INVALID
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def survey_create(*, actor: User, company: Company, data: SurveyInput) -> Survey:
    _check_office(actor, company.office_id)
    questions = [dict(q) for q in (data.questions or DEFAULT_QUESTIONS)]
    survey = Survey(
        office_id=company.office_id,
        company=company,
        title=data.title,
        opens_on=data.opens_on,
        closes_on=data.closes_on,
        questions=questions,
    )
    return create_audited(actor=actor, instance=survey, check=_survey_check)


@transaction.atomic
def survey_delete(*, actor: User, survey: Survey) -> None:
    _check_office(actor, survey.office_id)
    if SurveyReceipt.objects.filter(survey=survey).exists() or SurveyResponse.objects.filter(survey=survey).exists():
        raise ValidationError(messages.SURVEY_HAS_ANSWERS, code=messages.SURVEY_HAS_ANSWERS.code)
    delete_audited(actor=actor, instance=survey)


def clean_answers(survey: Survey, answers: Mapping[str, object]) -> dict[str, object]:
    """The answers as stored: a choice (text) per question, a list of choices for `multiple`."""
    cleaned: dict[str, object] = {}
    for question in survey.questions:
        qid = str(question["id"])
        choices = [str(c) for c in question["choices"]]
        value = answers.get(qid)
        if question.get("multiple"):
            picked = value if isinstance(value, list | tuple) else ([] if value in (None, "") else [value])
            if not all(isinstance(p, str) and p in choices for p in picked) or len(set(picked)) != len(picked):
                raise ValidationError({qid: messages.SURVEY_ANSWER_INVALID})
            cleaned[qid] = [c for c in choices if c in picked]  # in the survey's order
        else:
            if value in (None, ""):
                raise ValidationError({qid: messages.SURVEY_ANSWER_REQUIRED})
            if not isinstance(value, str) or value not in choices:
                raise ValidationError({qid: messages.SURVEY_ANSWER_INVALID})
            cleaned[qid] = value
    unknown = sorted(set(answers) - {str(q["id"]) for q in survey.questions})
    if unknown:
        raise ValidationError(dict.fromkeys(unknown, messages.SURVEY_ANSWER_INVALID))
    return cleaned


@transaction.atomic
def survey_answer(*, actor: User, survey: Survey, answers: Mapping[str, object], today: dt.date) -> SurveyReceipt:
    """The employee's anonymous answer: the sheet without a name, the receipt without answers."""
    employee = require_own_employee(actor)
    if survey.company_id != employee.company_id:
        raise Http404(core_messages.NOT_FOUND)
    if not survey.opens_on <= today <= survey.closes_on:
        raise ValidationError(messages.SURVEY_NOT_OPEN, code=messages.SURVEY_NOT_OPEN.code)
    # The employee's row is locked so that two answers sent at once queue up (one receipt each survey).
    list(Employee.objects.select_for_update().filter(pk=employee.pk).values_list("pk", flat=True))
    if SurveyReceipt.objects.filter(survey=survey, employee=employee).exists():
        raise ValidationError(messages.SURVEY_ALREADY_ANSWERED, code=messages.SURVEY_ALREADY_ANSWERED.code)
    cleaned = clean_answers(survey, answers)
    receipt = create_audited(
        actor=actor, instance=SurveyReceipt(office_id=survey.office_id, survey=survey, employee=employee)
    )
    create_audited(actor=None, instance=SurveyResponse(office_id=survey.office_id, survey=survey, answers=cleaned))
    return receipt
