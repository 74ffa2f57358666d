"""API of progress notes (第5表), monitoring and 特段の事情."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from carebridge.careplans.models import Goal
from carebridge.clients.access import access_care_client
from carebridge.clients.services import client_viewed
from carebridge.core import messages as core_messages
from carebridge.core.access import actor_of, is_row_id, office_id_of
from carebridge.core.dates import parse_month
from carebridge.core.inputs import input_from
from carebridge.core.schemas import Date, Flag, Id, InputSchema, QuerySchema, fits

from . import messages, selectors, services
from .inputs import EvaluationInput, MonitoringInput, NoteInput, SpecialCircumstanceInput
from .models import GoalEvaluation, MonitoringVisit, ProgressNote, SpecialCircumstance

router = Router(tags=["casework"])


class NoteOut(Schema):
    id: int
    client_id: int
    noted_on: dt.date
    category: str
    content: str
    author_id: int | None


class NoteIn(InputSchema):
    noted_on: Annotated[Date, fits(ProgressNote, "noted_on")]
    category: Annotated[str, fits(ProgressNote, "category")]
    content: Annotated[str, fits(ProgressNote, "content")]


class EvaluationIn(InputSchema):
    goal_id: Id
    result: Annotated[str, fits(GoalEvaluation, "result")]
    comment: Annotated[str, fits(GoalEvaluation, "comment")] = ""


class MonitoringIn(InputSchema):
    month: Annotated[str, fits(MonitoringVisit, "month")] = Field(..., pattern=r"^\d{4}-\d{2}$", description="YYYY-MM")
    visited_on: Annotated[Date, fits(MonitoringVisit, "visited_on")]
    method: Annotated[str, fits(MonitoringVisit, "method")] = "home"
    video_consent_on: Annotated[Date, fits(MonitoringVisit, "video_consent_on")] | None = None
    team_agreed_on: Annotated[Date, fits(MonitoringVisit, "team_agreed_on")] | None = None
    service_status: Annotated[str, fits(MonitoringVisit, "service_status")] = ""
    condition_changes: Annotated[str, fits(MonitoringVisit, "condition_changes")] = ""
    client_view: Annotated[str, fits(MonitoringVisit, "client_view")] = ""
    family_view: Annotated[str, fits(MonitoringVisit, "family_view")] = ""
    reassessment_needed: Flag = False
    evaluations: list[EvaluationIn] = []


class MonitoringOut(Schema):
    id: int
    client_id: int
    plan_id: int | None
    month: dt.date
    visited_on: dt.date
    method: str
    reassessment_needed: bool


class NoteFilter(QuerySchema):
    q: str = Field("", max_length=100, description="内容で検索")


@router.get("/clients/{client_id}/progress-notes", response=list[NoteOut], summary="支援経過（第5表）")
def list_notes(request: HttpRequest, client_id: int, filters: Query[NoteFilter]) -> Any:
    actor = actor_of(request)
    client = access_care_client(actor, client_id)
    client_viewed(actor=actor, client=client)
    return list(selectors.progress_note_list(client=client, query=filters.q)[:500])


@router.post("/clients/{client_id}/progress-notes", response={201: NoteOut}, summary="支援経過の記録")
def create_note(request: HttpRequest, client_id: int, payload: NoteIn) -> Status[Any]:
    actor = actor_of(request)
    client = access_care_client(actor, client_id)
    data = input_from(NoteInput, payload.dict())
    return Status(201, services.progress_note_create(actor=actor, client=client, data=data))


@router.get("/clients/{client_id}/monitoring", response=list[MonitoringOut], summary="モニタリングの記録")
def list_monitoring(request: HttpRequest, client_id: int) -> Any:
    actor = actor_of(request)
    client = access_care_client(actor, client_id)
    client_viewed(actor=actor, client=client)
    return list(client.monitoring_visits.order_by("-month"))


@router.post("/clients/{client_id}/monitoring", response={201: MonitoringOut}, summary="モニタリングの記録")
def create_monitoring(request: HttpRequest, client_id: int, payload: MonitoringIn) -> Status[Any]:
    actor = actor_of(request)
    client = access_care_client(actor, client_id)
    values = payload.dict()
    month = parse_month(values.pop("month"))
    if month is None:
        raise ValidationError({"month": core_messages.MONTH_FORMAT})
    evaluations = []
    for row in values.pop("evaluations"):
        # An id maps to a goal of the actor's office; the service checks it is in the month's plan.
        goal_id = row.pop("goal_id")
        goal = Goal.objects.filter(pk=goal_id, office_id=office_id_of(actor)).first() if is_row_id(goal_id) else None
        if goal is None:
            raise ValidationError({"evaluations": messages.EVALUATION_GOAL_NOT_IN_PLAN})
        evaluations.append(EvaluationInput(goal=goal, **row))
    data = input_from(MonitoringInput, {**values, "evaluations": tuple(evaluations)})
    return Status(201, services.monitoring_record(actor=actor, client=client, month=month, data=data))


class SpecialCircumstanceOut(Schema):
    id: int
    client_id: int
    month: dt.date
    reason: str
    evidence: str
    author_id: int | None


class SpecialCircumstanceIn(InputSchema):
    month: Annotated[str, fits(SpecialCircumstance, "month")] = Field(
        ..., pattern=r"^\d{4}-\d{2}$", description="YYYY-MM"
    )
    reason: Annotated[str, fits(SpecialCircumstance, "reason")]
    evidence: Annotated[str, fits(SpecialCircumstance, "evidence")]


@router.get(
    "/clients/{client_id}/special-circumstances",
    response=list[SpecialCircumstanceOut],
    summary="特段の事情（訪問できなかった月）",
)
def list_special_circumstances(request: HttpRequest, client_id: int) -> Any:
    actor = actor_of(request)
    client = access_care_client(actor, client_id)
    client_viewed(actor=actor, client=client)
    return list(selectors.special_circumstance_list(client=client))


@router.post(
    "/clients/{client_id}/special-circumstances",
    response={201: SpecialCircumstanceOut},
    summary="特段の事情の記録（運営基準第13条第14号）",
)
def create_special_circumstance(request: HttpRequest, client_id: int, payload: SpecialCircumstanceIn) -> Status[Any]:
    actor = actor_of(request)
    client = access_care_client(actor, client_id)
    values = payload.dict()
    month = parse_month(values.pop("month"))
    if month is None:
        raise ValidationError({"month": core_messages.MONTH_FORMAT})
    data = input_from(SpecialCircumstanceInput, values)
    return Status(201, services.special_circumstance_record(actor=actor, client=client, month=month, data=data))
