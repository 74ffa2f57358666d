"""Seminars (list, record, correct, delete), surveys (list, create, results under the <5 rule from 5
answers on) and the employee's own open surveys and their anonymous answer."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from pydantic import Field, Strict

from carebridge.core.access import actor_of
from carebridge.core.inputs import input_from
from carebridge.core.schemas import Date, InputSchema, PatchSchema, fits

from . import report_rules as rr
from . import services
from .access import (
    access_my_survey,
    access_report_company,
    access_seminar,
    access_survey,
    require_own_employee,
    require_program_editor,
)
from .inputs import SeminarInput, SurveyInput
from .models import Seminar, Survey
from .selectors import programs as selectors
from .services.programs import MAX_ATTENDANCE

router = Router(tags=["両立支援"])


class SeminarOut(Schema):
    id: int
    company_id: int
    topic: str
    held_on: dt.date
    audience: str
    attendance: int
    materials: str


class SeminarIn(InputSchema):
    topic: Annotated[str, fits(Seminar, "topic")]
    held_on: Annotated[Date, fits(Seminar, "held_on")]
    audience: Annotated[str, fits(Seminar, "audience")] = ""
    attendance: Annotated[int, Strict(), Field(ge=0, le=MAX_ATTENDANCE)] = 0
    materials: Annotated[str, fits(Seminar, "materials")] = ""


class ResultRowOut(Schema):
    choice: str
    value: int | str


class QuestionOut(Schema):
    id: str
    text: str
    multiple: bool
    rows: list[ResultRowOut]
    total: int | str | None


class SurveyResultsOut(Schema):
    survey_id: int
    title: str
    opens_on: dt.date
    closes_on: dt.date
    responses: int | str
    shown: bool
    questions: list[QuestionOut]


@router.get("/companies/{company_id}/seminars", response=list[SeminarOut], summary="セミナー・研修の一覧")
def seminar_list_api(request: HttpRequest, company_id: int) -> Any:
    company = access_report_company(actor_of(request), company_id)
    return list(selectors.seminar_list(company=company))


@router.post("/companies/{company_id}/seminars", response={201: SeminarOut}, summary="セミナー・研修の記録")
def seminar_create_api(request: HttpRequest, company_id: int, payload: SeminarIn) -> Status[Any]:
    actor = actor_of(request)
    company = access_report_company(actor, company_id)
    require_program_editor(actor)
    data = input_from(SeminarInput, payload.dict())
    return Status(201, services.seminar_create(actor=actor, company=company, data=data))


@router.get("/surveys/{survey_id}/results", response=SurveyResultsOut, summary="従業員調査の結果（匿名・集計のみ）")
def survey_results_api(request: HttpRequest, survey_id: int) -> Any:
    survey = access_survey(actor_of(request), survey_id)
    results = selectors.survey_results(survey=survey)
    return {
        "survey_id": survey.pk,
        "title": survey.title,
        "opens_on": survey.opens_on,
        "closes_on": survey.closes_on,
        "responses": rr.json_value(rr.single(results.responses)),
        "shown": results.shown,
        "questions": [
            {
                "id": q.id,
                "text": q.text,
                "multiple": q.multiple,
                "rows": [{"choice": c, "value": rr.json_value(f)} for c, f in q.rows],
                "total": rr.json_value(q.total) if q.total is not None else None,
            }
            for q in results.questions
        ],
    }


class SeminarPatch(PatchSchema):
    topic: Annotated[str, fits(Seminar, "topic")] | None = None
    held_on: Annotated[Date, fits(Seminar, "held_on")] | None = None
    audience: Annotated[str, fits(Seminar, "audience")] | None = None
    attendance: Annotated[int, Strict(), Field(ge=0, le=MAX_ATTENDANCE)] | None = None
    materials: Annotated[str, fits(Seminar, "materials")] | None = None


@router.patch("/seminars/{seminar_id}", response=SeminarOut, summary="セミナー・研修の記録の修正")
def seminar_update_api(request: HttpRequest, seminar_id: int, payload: SeminarPatch) -> Any:
    actor = actor_of(request)
    seminar = access_seminar(actor, seminar_id, for_edit=True)
    values = payload.dict(exclude_unset=True)
    expected = values.pop("updated_at", None)
    data = input_from(SeminarInput, values, base=seminar)
    return services.seminar_update(actor=actor, seminar=seminar, data=data, expected_updated_at=expected)


@router.delete("/seminars/{seminar_id}", response={204: None}, summary="セミナー・研修の記録の削除")
def seminar_delete_api(request: HttpRequest, seminar_id: int) -> Status[None]:
    actor = actor_of(request)
    services.seminar_delete(actor=actor, seminar=access_seminar(actor, seminar_id, for_edit=True))
    return Status(204, None)


class SurveyQuestionIO(Schema):
    id: str = Field(min_length=1, max_length=20)
    text: str = Field(min_length=1, max_length=200)
    choices: list[Annotated[str, Field(min_length=1, max_length=100)]] = Field(min_length=2, max_length=20)
    multiple: bool = False


class SurveyOut(Schema):
    id: int
    company_id: int
    title: str
    opens_on: dt.date
    closes_on: dt.date
    questions: list[SurveyQuestionIO]


class SurveyIn(InputSchema):
    title: Annotated[str, fits(Survey, "title")]
    opens_on: Date
    closes_on: Date
    questions: list[SurveyQuestionIO] = Field(
        default_factory=list, max_length=30, description="空: 標準の質問（仕事と介護の両立に関する従業員調査）"
    )


@router.get("/companies/{company_id}/surveys", response=list[SurveyOut], summary="従業員調査の一覧")
def survey_list_api(request: HttpRequest, company_id: int) -> Any:
    company = access_report_company(actor_of(request), company_id)
    return list(selectors.survey_list(company=company))


@router.post("/companies/{company_id}/surveys", response={201: SurveyOut}, summary="従業員調査の作成")
def survey_create_api(request: HttpRequest, company_id: int, payload: SurveyIn) -> Status[Any]:
    actor = actor_of(request)
    company = access_report_company(actor, company_id)
    require_program_editor(actor)
    values = payload.dict()
    values["questions"] = tuple(values["questions"])
    return Status(201, services.survey_create(actor=actor, company=company, data=SurveyInput(**values)))


class MySurveyOut(SurveyOut):
    answered: bool


@router.get("/me/surveys", response=list[MySurveyOut], summary="自分に届いている従業員調査（回答期間中）")
def my_surveys_api(request: HttpRequest) -> Any:
    employee = require_own_employee(actor_of(request))
    return list(selectors.my_surveys(employee=employee, today=timezone.localdate()))


class AnswerIn(InputSchema):
    answers: dict[Annotated[str, Field(max_length=20)], str | list[Annotated[str, Field(max_length=100)]]] = Field(
        description="質問の id → 選んだ選択肢（複数選択の質問はリスト）"
    )


class ReceiptOut(Schema):
    survey_id: int
    answered_on: dt.date


@router.post(
    "/me/surveys/{survey_id}/answer",
    response={201: ReceiptOut},
    summary="従業員調査への回答（匿名で集計。1人1回）",
)
def my_survey_answer_api(request: HttpRequest, survey_id: int, payload: AnswerIn) -> Status[Any]:
    actor = actor_of(request)
    require_own_employee(actor)
    survey = access_my_survey(actor, survey_id)
    today = timezone.localdate()
    services.survey_answer(actor=actor, survey=survey, answers=payload.answers, today=today)
    return Status(201, {"survey_id": survey.pk, "answered_on": today})
