"""Seminars (list, record) and survey results (under the <5 rule, from 5 answers on)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field, Strict

from carebridge.core.access import actor_of
from carebridge.core.inputs import input_from
from carebridge.core.schemas import Date, InputSchema, fits

from . import report_rules as rr
from . import services
from .access import access_report_company, access_survey, require_program_editor
from .inputs import SeminarInput
from .models import Seminar
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
