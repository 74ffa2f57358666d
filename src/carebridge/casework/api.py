"""API of assessments, progress notes (第5表), monitoring and the monthly 運営基準 findings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from carebridge.assessments import selectors as assessment_selectors
from carebridge.assessments import services as assessment_services
from carebridge.assessments.models import Assessment
from carebridge.careplans.models import Goal
from carebridge.clients.services import client_viewed
from carebridge.core.access import access_client, access_office_record, require_permission
from carebridge.core.models import User

from . import messages, rules, selectors, services

router = Router(tags=["casework"])


class AssessmentOut(Schema):
    id: int
    client_id: int
    version: int
    assessed_on: dt.date
    place: str
    reason: str
    reason_note: str
    strengths: str
    items: dict[str, dict[str, str]]


class AssessmentIn(Schema):
    assessed_on: dt.date
    reason: str
    place: str = "自宅"
    reason_note: str = ""
    strengths: str = ""
    items: dict[str, dict[str, str]] = {}
    copy_from_last: bool = False


class AssessmentPatch(Schema):
    assessed_on: dt.date | None = None
    reason: str | None = None
    place: str | None = None
    reason_note: str | None = None
    items: dict[str, dict[str, str]] | None = None


class NoteOut(Schema):
    id: int
    client_id: int
    noted_on: dt.date
    category: str
    content: str
    author_id: int | None


class NoteIn(Schema):
    noted_on: dt.date
    category: str
    content: str


class EvaluationIn(Schema):
    goal_id: int
    result: str
    comment: str = ""


class MonitoringIn(Schema):
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


class FindingOut(Schema):
    client_id: int
    rule: str
    message: str
    basis: str
    penalty_risk: bool
    plan_id: int | None


class ComplianceQuery(Schema):
    month: str = Field("", pattern=r"^(\d{4}-\d{2})?$", description="YYYY-MM (default: this month)")


def _actor(request: HttpRequest) -> User:
    return request.auth  # type: ignore[attr-defined,no-any-return]


def _month(text: str) -> dt.date:
    if not text:
        return rules.month_start(timezone.localdate())
    try:
        return dt.datetime.strptime(text, "%Y-%m").date()  # noqa: DTZ007 - a month, not a time
    except ValueError:
        raise ValidationError({"month": "対象月は YYYY-MM の形式で指定してください。"}) from None


@router.get("/clients/{client_id}/assessments", response=list[AssessmentOut], summary="アセスメントの版")
def list_assessments(request: HttpRequest, client_id: int) -> Any:
    actor = _actor(request)
    client = access_client(actor, client_id, permission="care.view")
    client_viewed(actor=actor, client=client)
    return list(assessment_selectors.assessment_list(client=client))


@router.post("/clients/{client_id}/assessments", response={201: AssessmentOut}, summary="アセスメントの記録")
def create_assessment(request: HttpRequest, client_id: int, payload: AssessmentIn) -> Status[Any]:
    actor = _actor(request)
    client = access_client(actor, client_id, permission="care.view")
    return Status(201, assessment_services.assessment_create(actor=actor, client=client, **payload.dict()))


@router.patch("/assessments/{assessment_id}", response=AssessmentOut, summary="アセスメントの更新")
def update_assessment(request: HttpRequest, assessment_id: int, payload: AssessmentPatch) -> Any:
    actor = _actor(request)
    assessment = access_office_record(actor, Assessment.objects.all(), assessment_id, "care.view")
    return assessment_services.assessment_update(actor=actor, assessment=assessment, **payload.dict(exclude_unset=True))


@router.get("/clients/{client_id}/progress-notes", response=list[NoteOut], summary="支援経過（第5表）")
def list_notes(request: HttpRequest, client_id: int, q: str = "") -> Any:
    actor = _actor(request)
    client = access_client(actor, client_id, permission="care.view")
    client_viewed(actor=actor, client=client)
    return list(selectors.progress_note_list(client=client, query=q)[:500])


@router.post("/clients/{client_id}/progress-notes", response={201: NoteOut}, summary="支援経過の記録")
def create_note(request: HttpRequest, client_id: int, payload: NoteIn) -> Status[Any]:
    actor = _actor(request)
    client = access_client(actor, client_id, permission="care.view")
    return Status(201, services.progress_note_create(actor=actor, client=client, **payload.dict()))


@router.get("/clients/{client_id}/monitoring", response=list[MonitoringOut], summary="モニタリングの記録")
def list_monitoring(request: HttpRequest, client_id: int) -> Any:
    actor = _actor(request)
    client = access_client(actor, client_id, permission="care.view")
    client_viewed(actor=actor, client=client)
    return list(client.monitoring_visits.order_by("-month"))


@router.post("/clients/{client_id}/monitoring", response={201: MonitoringOut}, summary="モニタリングの記録")
def create_monitoring(request: HttpRequest, client_id: int, payload: MonitoringIn) -> Status[Any]:
    actor = _actor(request)
    client = access_client(actor, client_id, permission="care.view")
    data = payload.dict()
    month = _month(data.pop("month"))
    plan = services.current_plan(client)
    goals = {g.pk: g for g in Goal.objects.filter(need__plan=plan)} if plan else {}
    evaluations = []
    for row in data.pop("evaluations"):
        if row["goal_id"] not in goals:
            raise ValidationError({"evaluations": messages.EVALUATION_GOAL_NOT_IN_PLAN})
        evaluations.append({"goal": goals[row["goal_id"]], "result": row["result"], "comment": row["comment"]})
    visit = services.monitoring_record(
        actor=actor, client=client, month=month, plan=plan, evaluations=evaluations, **data
    )
    return Status(201, visit)


@router.get("/compliance", response=list[FindingOut], summary="運営基準チェック（事業所・月）")
def compliance(request: HttpRequest, filters: Query[ComplianceQuery]) -> Any:
    actor = _actor(request)
    require_permission(actor, "care.view")
    month = _month(filters.month)
    return selectors.compliance_findings(actor=actor, month=month, today=timezone.localdate())
