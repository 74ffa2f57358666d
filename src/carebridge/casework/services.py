"""Writes of casework: intake and contract, progress notes (第5表), monthly monitoring, tasks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from carebridge.careplans.models import CarePlan, Goal, GoalTerm, PlanStatus
from carebridge.clients import services as client_services
from carebridge.clients.models import Client
from carebridge.core.access import require_permission
from carebridge.core.audit import audit_record
from carebridge.core.models import AuditEvent, User
from carebridge.core.writes import create_audited, update_audited

from . import messages, rules
from .models import (
    CareManagementContract,
    GoalEvaluation,
    Intake,
    IntakeOutcome,
    MonitoringVisit,
    ProgressNote,
    Task,
    VisitMethod,
)

# -- intake and contract -------------------------------------------------------------------------


@transaction.atomic
def intake_create(*, actor: User, **fields: Any) -> Intake:
    require_permission(actor, "care.edit")
    intake = Intake(office_id=actor.office_id, received_by=actor, **fields)
    return create_audited(actor=actor, instance=intake)


def _check_contract(contract: CareManagementContract) -> None:
    if not contract.multiple_providers_explained:
        raise ValidationError({"multiple_providers_explained": messages.CONTRACT_EXPLANATION_REQUIRED})


@transaction.atomic
def contract_create(*, actor: User, client: Client, **fields: Any) -> CareManagementContract:
    require_permission(actor, "care.edit")
    contract = CareManagementContract(office_id=client.office_id, client=client, **fields)
    return create_audited(actor=actor, instance=contract, client_id=client.pk, check=_check_contract)


@transaction.atomic
def intake_convert(
    *, actor: User, intake: Intake, client_fields: dict[str, Any], contract_fields: dict[str, Any]
) -> Client:
    """From the intake: register the client and the contract in one step (all or nothing)."""
    require_permission(actor, "care.edit")
    if intake.client_id is not None:
        raise ValidationError(messages.INTAKE_ALREADY_LINKED)
    client = client_services.client_create(actor=actor, **client_fields)
    contract_create(actor=actor, client=client, **contract_fields)
    update_audited(
        actor=actor,
        instance=intake,
        fields={"client": client, "outcome": IntakeOutcome.CONTRACTED},
        client_id=client.pk,
    )
    return client


# -- 第5表 progress notes ---------------------------------------------------------------------------


@transaction.atomic
def progress_note_create(*, actor: User, client: Client, **fields: Any) -> ProgressNote:
    require_permission(actor, "care.edit")
    note = ProgressNote(office_id=client.office_id, client=client, author=actor, **fields)
    return create_audited(actor=actor, instance=note, client_id=client.pk)


# -- monitoring --------------------------------------------------------------------------------------


def _check_visit(visit: MonitoringVisit) -> None:
    errors: dict[str, str] = {}
    if visit.visited_on and visit.month and rules.month_start(visit.visited_on) != visit.month:
        errors["visited_on"] = messages.VISIT_OUTSIDE_MONTH
    if MonitoringVisit.objects.filter(client_id=visit.client_id, month=visit.month).exclude(pk=visit.pk).exists():
        errors["month"] = messages.MONITORING_DUPLICATE
    if visit.method == VisitMethod.VIDEO:
        # 運営基準第13条第14号 (2024): written consent, the team's agreement, a home visit last month.
        if not visit.video_consent_on or (visit.visited_on and visit.video_consent_on > visit.visited_on):
            errors["video_consent_on"] = messages.VIDEO_NEEDS_CONSENT
        if not visit.team_agreed_on or (visit.visited_on and visit.team_agreed_on > visit.visited_on):
            errors["team_agreed_on"] = messages.VIDEO_NEEDS_TEAM
        last_month = rules.previous_month(visit.month)
        if not MonitoringVisit.objects.filter(
            client_id=visit.client_id, month=last_month, method=VisitMethod.HOME
        ).exists():
            errors["method"] = messages.VIDEO_NEEDS_HOME_LAST_MONTH
    if errors:
        raise ValidationError(errors)


def current_plan(client: Client) -> CarePlan | None:
    """The plan monitoring looks at: the active one, else the newest agreed or drafted version."""
    plans = CarePlan.objects.filter(client=client)
    return (
        plans.filter(status=PlanStatus.ACTIVE).order_by("-version").first()
        or plans.exclude(status=PlanStatus.SUPERSEDED).order_by("-version").first()
    )


@transaction.atomic
def monitoring_record(
    *,
    actor: User,
    client: Client,
    month: dt.date,
    evaluations: list[dict[str, Any]] | None = None,
    **fields: Any,
) -> MonitoringVisit:
    """One record per client and month, with an evaluation of each short-term goal. When a
    re-assessment is needed, a task is created for the assigned care manager."""
    require_permission(actor, "care.edit")
    plan = fields.pop("plan", None) or current_plan(client)
    visit = MonitoringVisit(
        office_id=client.office_id, client=client, plan=plan, month=rules.month_start(month), author=actor, **fields
    )
    create_audited(actor=actor, instance=visit, client_id=client.pk, check=_check_visit)
    allowed = set(
        Goal.objects.filter(need__plan=plan, term=GoalTerm.SHORT).values_list("pk", flat=True) if plan else []
    )
    rows = evaluations or []
    goal_ids = [row["goal"].pk for row in rows]
    if len(set(goal_ids)) != len(goal_ids):
        raise ValidationError({"evaluations": messages.EVALUATION_TWICE})
    results = {}
    for row in rows:
        goal = row["goal"]
        if goal.pk not in allowed:
            raise ValidationError({"evaluations": messages.EVALUATION_GOAL_NOT_IN_PLAN})
        evaluation = GoalEvaluation(
            office_id=visit.office_id, visit=visit, goal=goal, result=row["result"], comment=row.get("comment", "")
        )
        evaluation.full_clean()
        evaluation.save()
        results[str(goal.pk)] = evaluation.result
    if results:
        audit_record(
            actor=actor,
            office_id=visit.office_id,
            subject=visit,
            event_type=AuditEvent.EventType.UPDATE,
            changes={"evaluations": {"old": None, "new": results}},
            client_id=client.pk,
        )
    if visit.reassessment_needed:
        task_create(
            actor=actor,
            client=client,
            assignee=client.care_manager or actor,
            title=messages.REASSESSMENT_TASK.format(name=client.name),
            due_on=rules.month_end(visit.month),
        )
    return visit


@transaction.atomic
def task_create(*, actor: User, client: Client | None, **fields: Any) -> Task:
    require_permission(actor, "care.edit")
    task = Task(office_id=actor.office_id, client=client, **fields)
    return create_audited(actor=actor, instance=task, client_id=client.pk if client else None)


@transaction.atomic
def task_complete(*, actor: User, task: Task, done_on: dt.date) -> Task:
    require_permission(actor, "care.edit")
    return update_audited(actor=actor, instance=task, fields={"done_on": done_on}, client_id=task.client_id)
