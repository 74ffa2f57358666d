"""Writes of casework: intake and contract, progress notes (第5表), monthly monitoring, tasks."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from carebridge.careplans.selectors import plan_in_effect, short_goals
from carebridge.clients import services as client_services
from carebridge.clients.inputs import ClientInput
from carebridge.clients.models import Client, ClientStatus
from carebridge.core.access import office_id_of, require_permission
from carebridge.core.dates import format_month, month_end, month_start, previous_month
from carebridge.core.inputs import field_names, values_of
from carebridge.core.japanese import wareki
from carebridge.core.models import User
from carebridge.core.record_hooks import Recorded
from carebridge.core.validators import future_date_errors
from carebridge.core.writes import create_audited, lock, transition_audited, update_audited

from . import messages, rules
from .inputs import ContractInput, IntakeInput, MonitoringInput, NoteInput, SpecialCircumstanceInput
from .models import (
    CareManagementContract,
    GoalEvaluation,
    Intake,
    IntakeOutcome,
    IntakeRoute,
    MonitoringVisit,
    NoteCategory,
    ProgressNote,
    SpecialCircumstance,
    Task,
    VisitMethod,
)

NOTE_EDITABLE = field_names(NoteInput)
# What a monitoring correction may change: the record's own fields (the month and plan stay).
MONITORING_EDITABLE = field_names(MonitoringInput) - {"evaluations"}

# -- intake and contract -------------------------------------------------------------------------


@transaction.atomic
def intake_create(*, actor: User, data: IntakeInput, from_workplace: bool = False) -> Intake:
    """A new intake. `from_workplace`: the workplace care manager hands over an employee's
    consultation with the consents recorded on the work–care side (workcare's care_bridge_create);
    such an intake takes the route 企業相談 and lands in the usual intake list of the care side."""
    if from_workplace:
        require_permission(actor, "workcare.edit")
        if data.route != IntakeRoute.COMPANY:
            raise ValidationError({"route": messages.INTAKE_ROUTE_COMPANY})
    else:
        require_permission(actor, "care.edit")
    intake = Intake(office_id=office_id_of(actor), received_by=actor, **values_of(data))
    return create_audited(actor=actor, instance=intake)


def _check_contract(contract: CareManagementContract) -> None:
    # A contract is a fact that happened: not dated after today (as visits and meetings, item 14).
    errors: dict[str, str] = future_date_errors(contract, ("contracted_on",))
    if not contract.multiple_providers_explained:
        errors["multiple_providers_explained"] = messages.CONTRACT_EXPLANATION_REQUIRED
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def contract_create(*, actor: User, client: Client, data: ContractInput) -> CareManagementContract:
    require_permission(actor, "care.edit")
    contract = CareManagementContract(office_id=client.office_id, client=client, **values_of(data))
    return create_audited(actor=actor, instance=contract, client_id=client.pk, check=_check_contract)


@transaction.atomic
def intake_convert(
    *,
    actor: User,
    intake: Intake,
    client: ClientInput,
    contract: ContractInput,
    status: str = ClientStatus.ACTIVE,
) -> Client:
    """From the intake: register the client and the contract in one step (all or nothing)."""
    require_permission(actor, "care.edit")
    if intake.client_id is not None:
        raise ValidationError(messages.INTAKE_ALREADY_LINKED)
    created = client_services.client_create(actor=actor, data=client, status=status)
    contract_create(actor=actor, client=created, data=contract)
    transition_audited(
        actor=actor,
        instance=intake,
        field="outcome",
        to=IntakeOutcome.CONTRACTED,
        allowed_from={IntakeOutcome.PENDING, IntakeOutcome.REFERRED, IntakeOutcome.DECLINED},
        also={"client": created},
        action="intake.contracted",
        refused=messages.INTAKE_ALREADY_LINKED,
        client_id=created.pk,
    )
    return created


# -- 第5表 progress notes ---------------------------------------------------------------------------


@transaction.atomic
def progress_note_create(*, actor: User, client: Client, data: NoteInput) -> ProgressNote:
    require_permission(actor, "care.edit")
    note = ProgressNote(office_id=client.office_id, client=client, author=actor, **values_of(data))
    return create_audited(actor=actor, instance=note, client_id=client.pk)


@transaction.atomic
def progress_note_update(
    *, actor: User, note: ProgressNote, data: NoteInput, expected_updated_at: dt.datetime | None = None
) -> ProgressNote:
    """Any 第5表 entry, typed or written by itself, can be reworded afterwards (audited)."""
    require_permission(actor, "care.edit")
    return update_audited(
        actor=actor,
        instance=note,
        changes=values_of(data),
        editable=NOTE_EDITABLE,
        client_id=note.client_id,
        expected_updated_at=expected_updated_at,
    )


# 第5表 項目 of the entry each recorded fact writes (core.record_hooks kinds, ADR 0006).
AUTO_NOTE_CATEGORIES: dict[str, str] = {
    "careplans.meeting": NoteCategory.MEETING,
    "careplans.consent": NoteCategory.DOCUMENT,
    "careplans.delivery": NoteCategory.DOCUMENT,
    "careplans.inquiry_answer": NoteCategory.COORDINATION,
    "clients.application_filed": NoteCategory.DOCUMENT,
    "casework.monitoring": NoteCategory.VISIT,
}


def progress_note_from_event(event: Recorded) -> ProgressNote:
    """支援経過 writes itself (issue 9 item 19): one 第5表 entry for a fact recorded by a service,
    in that service's transaction. The service that recorded the fact checked the actor's
    permission; the entry is the actor's, audited, and editable afterwards like any other."""
    note = ProgressNote(
        office_id=event.office_id,
        client_id=event.client_id,
        author=event.actor,
        noted_on=event.on,
        category=AUTO_NOTE_CATEGORIES.get(event.kind, NoteCategory.RECORD),
        content=event.summary,
        source=f"{event.subject}:{event.subject_id}",
    )
    return create_audited(actor=event.actor, instance=note, client_id=event.client_id, action="progressnote.auto")


# -- monitoring --------------------------------------------------------------------------------------

_VIDEO_ERRORS = {
    rules.VideoRequirement.WRITTEN_CONSENT: ("video_consent_on", messages.VIDEO_NEEDS_CONSENT),
    rules.VideoRequirement.TEAM_AGREEMENT: ("team_agreed_on", messages.VIDEO_NEEDS_TEAM),
    rules.VideoRequirement.HOME_VISIT_LAST_MONTH: ("method", messages.VIDEO_NEEDS_HOME_LAST_MONTH),
}


def _visit_facts(visit: MonitoringVisit) -> rules.VisitFacts:
    return rules.VisitFacts(
        month=visit.month,
        visited_on=visit.visited_on,
        method=visit.method,
        video_consent_on=visit.video_consent_on,
        team_agreed_on=visit.team_agreed_on,
    )


def _check_visit(visit: MonitoringVisit) -> None:
    errors: dict[str, str] = future_date_errors(visit, ("visited_on",))  # issue 9 item 14
    if visit.visited_on and visit.month and month_start(visit.visited_on) != visit.month:
        errors["visited_on"] = messages.VISIT_OUTSIDE_MONTH
    if MonitoringVisit.objects.filter(client_id=visit.client_id, month=visit.month).exclude(pk=visit.pk).exists():
        errors["month"] = messages.MONITORING_DUPLICATE
    if visit.method == VisitMethod.VIDEO and visit.visited_on:
        last_month = MonitoringVisit.objects.filter(client_id=visit.client_id, month=previous_month(visit.month))
        others = [_visit_facts(v) for v in last_month]
        for requirement in rules.video_visit_missing(_visit_facts(visit), others):
            field, message = _VIDEO_ERRORS[requirement]
            errors[field] = message
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def monitoring_record(*, actor: User, client: Client, month: dt.date, data: MonitoringInput) -> MonitoringVisit:
    """One record per client and month, against the plan in effect that month, with an evaluation
    of its short-term goals. When a re-assessment is needed, the assigned care manager gets a task."""
    require_permission(actor, "care.edit")
    values = values_of(data)
    evaluations = values.pop("evaluations")
    month = month_start(month)
    plan = plan_in_effect(client=client, month=month)
    visit = MonitoringVisit(office_id=client.office_id, client=client, plan=plan, month=month, author=actor, **values)
    create_audited(actor=actor, instance=visit, client_id=client.pk, check=_check_visit)
    goal_ids = [row.goal.pk for row in evaluations]
    if len(set(goal_ids)) != len(goal_ids):
        raise ValidationError({"evaluations": messages.EVALUATION_TWICE})
    allowed = {goal.pk for goal in short_goals(plan)}
    for row in evaluations:
        if row.goal.pk not in allowed:
            raise ValidationError({"evaluations": messages.EVALUATION_GOAL_NOT_IN_PLAN})
        evaluation = GoalEvaluation(
            office_id=visit.office_id, visit=visit, goal=row.goal, result=row.result, comment=row.comment
        )
        create_audited(actor=actor, instance=evaluation, client_id=client.pk)
    method = "居宅訪問" if visit.method == VisitMethod.HOME else "テレビ電話装置等"
    summary = f"モニタリング（{format_month(visit.month)}分、{method}）。"
    if visit.service_status:
        summary += f"サービスの実施状況: {_short(visit.service_status)}"
    if visit.reassessment_needed:
        summary += "再アセスメントが必要。"
    progress_note_from_event(
        Recorded(
            kind="casework.monitoring",
            actor=actor,
            office_id=visit.office_id,
            client_id=client.pk,
            on=visit.visited_on,
            summary=summary,
            subject=visit._meta.label_lower,
            subject_id=visit.pk,
        )
    )
    if visit.reassessment_needed:
        task_create(
            actor=actor,
            client=client,
            assignee=client.care_manager or actor,
            title=messages.REASSESSMENT_TASK.format(name=client.name),
            due_on=month_end(visit.month),
        )
    return visit


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@transaction.atomic
def monitoring_correct(
    *,
    actor: User,
    visit: MonitoringVisit,
    data: MonitoringInput,
    reason: str,
    expected_updated_at: dt.datetime | None = None,
) -> MonitoringVisit:
    """Correct a monitoring record (its fields and its goal evaluations) until its month is closed
    (casework.rules.monitoring_month_closed: the 10th of the following month, until billing has a
    month-close). The reason is required and goes into every audit event of the correction
    (action `monitoring.corrected`, key `reason`)."""
    require_permission(actor, "care.edit")
    lock(visit)
    if rules.monitoring_month_closed(visit.month, timezone.localdate()):
        deadline = wareki(rules.correction_deadline(visit.month))
        raise ValidationError(messages.MONITORING_MONTH_CLOSED.format(deadline=deadline))
    if not reason.strip():
        raise ValidationError({"reason": messages.CORRECTION_REASON_REQUIRED})
    values = values_of(data)
    evaluations = values.pop("evaluations")
    extra = {"reason": reason.strip()}
    update_audited(
        actor=actor,
        instance=visit,
        changes=values,
        editable=MONITORING_EDITABLE,
        client_id=visit.client_id,
        check=_check_visit,
        expected_updated_at=expected_updated_at,
        action="monitoring.corrected",
        extra=extra,
    )
    goal_ids = [row.goal.pk for row in evaluations]
    if len(set(goal_ids)) != len(goal_ids):
        raise ValidationError({"evaluations": messages.EVALUATION_TWICE})
    allowed = {goal.pk for goal in short_goals(visit.plan)}
    stored = {e.goal_id: e for e in visit.evaluations.all()}
    for row in evaluations:
        if row.goal.pk not in allowed:
            raise ValidationError({"evaluations": messages.EVALUATION_GOAL_NOT_IN_PLAN})
        evaluation = stored.get(row.goal.pk)
        if evaluation is None:
            evaluation = GoalEvaluation(
                office_id=visit.office_id, visit=visit, goal=row.goal, result=row.result, comment=row.comment
            )
            create_audited(actor=actor, instance=evaluation, client_id=visit.client_id, extra=extra)
        else:
            update_audited(
                actor=actor,
                instance=evaluation,
                changes={"result": row.result, "comment": row.comment},
                editable={"result", "comment"},
                client_id=visit.client_id,
                action="monitoring.corrected",
                extra=extra,
            )
    return visit


# -- 特段の事情 ------------------------------------------------------------------------------------


def _check_special_circumstance(row: SpecialCircumstance) -> None:
    errors: dict[str, str] = {}
    same_month = SpecialCircumstance.objects.filter(client_id=row.client_id, month=row.month).exclude(pk=row.pk)
    if same_month.exists():
        errors["month"] = messages.SPECIAL_CIRCUMSTANCE_DUPLICATE
    elif MonitoringVisit.objects.filter(client_id=row.client_id, month=row.month).exists():
        errors["month"] = messages.SPECIAL_CIRCUMSTANCE_VISITED
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def special_circumstance_record(
    *, actor: User, client: Client, month: dt.date, data: SpecialCircumstanceInput
) -> SpecialCircumstance:
    """特段の事情 (運営基準第13条第14号): a month without the monitoring visit because of the
    client's own circumstances, with its reason (入院, 入所, 本人の拒否, other client-side reason —
    the model offers nothing else) and the evidence. The compliance report then shows the month as
    「特段の事情あり」 instead of a 減算 risk; 第5表 lists it. Not for a month that has a visit."""
    require_permission(actor, "care.edit")
    row = SpecialCircumstance(
        office_id=client.office_id, client=client, month=month_start(month), author=actor, **values_of(data)
    )
    return create_audited(actor=actor, instance=row, client_id=client.pk, check=_check_special_circumstance)


# -- tasks -----------------------------------------------------------------------------------------


@transaction.atomic
def task_create(
    *, actor: User, client: Client | None, assignee: User, title: str, due_on: dt.date | None = None
) -> Task:
    require_permission(actor, "care.edit")
    task = Task(office_id=office_id_of(actor), client=client, assignee=assignee, title=title, due_on=due_on)
    return create_audited(actor=actor, instance=task, client_id=client.pk if client else None)


@transaction.atomic
def task_complete(*, actor: User, task: Task, done_on: dt.date) -> Task:
    require_permission(actor, "care.edit")
    if task.done_on is not None:
        return task
    return update_audited(
        actor=actor,
        instance=task,
        changes={"done_on": done_on},
        editable={"done_on"},
        client_id=task.client_id,
        action="task.completed",
    )
