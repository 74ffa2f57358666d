"""API of progress notes (第5表) and monitoring."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from carebridge.careplans.models import Goal
from carebridge.clients.access import access_care_client
from carebridge.clients.services import client_viewed
from carebridge.core import messages as core_messages
from carebridge.core.access import actor_of, is_row_id, office_id_of
from carebridge.core.dates import parse_month
from carebridge.core.inputs import input_from
from carebridge.core.schemas import InputSchema

from . import messages, selectors, services
from .inputs import EvaluationInput, MonitoringInput, NoteInput

router = Router(tags=["casework"])


class NoteOut(Schema):
    id: int
    client_id: int
    noted_on: dt.date
    category: str
    content: str
    author_id: int | None


class NoteIn(InputSchema):
    noted_on: dt.date
    category: str
    content: str


class EvaluationIn(InputSchema):
    goal_id: int
    result: str
    comment: str = ""


class MonitoringIn(InputSchema):
    month: str = Field(..., pattern=r"^\d{4}-\d{2}$", description="YYYY-MM")
    visited_on: dt.date
    method: str = "home"
    video_consent_on: dt.date | None = None
    team_agreed_on: dt.date | None = None
    service_status: str = ""
    condition_changes: str = ""
    client_view: str = ""
    family_view: str = ""
    reassessment_needed: bool = False
    evaluations: list[EvaluationIn] = []


class MonitoringOut(Schema):
    id: int
    client_id: int
    plan_id: int | None
    month: dt.date
    visited_on: dt.date
    method: str
    reassessment_needed: bool


@router.get("/clients/{client_id}/progress-notes", response=list[NoteOut], summary="支援経過（第5表）")
def list_notes(request: HttpRequest, client_id: int, q: str = "") -> Any:
    actor = actor_of(request)
    client = access_care_client(actor, client_id)
    client_viewed(actor=actor, client=client)
    return list(selectors.progress_note_list(client=client, query=q)[:500])


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
