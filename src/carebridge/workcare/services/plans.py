"""Writes of the 両立プラン (versioned like care plans) and of the three-party meetings.

A plan is drafted by the office's workplace care manager; the employee agrees to it in their
portal, or the workplace care manager records the employee's agreement with its date. From
agreement on a version is immutable (every write goes through `_editable()`); 「変更」
(workcareplan_revise) copies it into a new draft that points to it (`previous`), and agreeing to
that new version supersedes the old one. Agreement is refused while a company measure of the
plan is refused by the entitlement rules or the company's policy (the reasons are listed; the
判断基準 is never one of them).

A meeting record is final once its plan is agreed or a week after it was recorded
(plan_rules.meeting_is_final): later corrections belong in the next meeting's record.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from carebridge.core import messages as core_messages
from carebridge.core.access import has_permission, require_permission
from carebridge.core.inputs import field_names, values_of
from carebridge.core.models import User
from carebridge.core.writes import create_audited, delete_audited, lock, next_number, transition_audited, update_audited

from .. import messages, plan_rules
from ..inputs import AttendeeInput, MeetingInput, PlanItemInput, WorkCarePlanInput
from ..models import (
    CareRecipient,
    Consultation,
    Employee,
    MeetingAttendee,
    ThreePartyMeeting,
    WorkCarePlan,
    WorkCarePlanItem,
)
from ..models.choices import PlanItemKind, PlanStatus
from ..selectors.plans import measure_checks, plan_items

__all__ = [
    "meeting_attendee_add",
    "meeting_attendee_delete",
    "meeting_create",
    "meeting_update",
    "planitem_add",
    "planitem_delete",
    "planitem_update",
    "workcareplan_agree",
    "workcareplan_create",
    "workcareplan_revise",
    "workcareplan_update",
]

EDIT = "workcare.edit"
PLAN_EDITABLE = field_names(WorkCarePlanInput)
ITEM_EDITABLE = field_names(PlanItemInput)
MEETING_EDITABLE = field_names(MeetingInput)

_ITEM_MESSAGES = {
    plan_rules.END_BEFORE_START: messages.WORKCARE_PLAN_ITEM_END_BEFORE_START,
    plan_rules.END_REQUIRED: messages.WORKCARE_PLAN_ITEM_END_REQUIRED,
    plan_rules.HOURS_REQUIRED: messages.WORKCARE_PLAN_ITEM_HOURS_REQUIRED,
    plan_rules.HOURS_ONE_DAY: messages.WORKCARE_PLAN_ITEM_HOURS_ONE_DAY,
    plan_rules.HOURS_ONLY_DAYS_OFF: messages.WORKCARE_PLAN_ITEM_HOURS_ONLY_DAYS_OFF,
}


def _require_office(actor: User, office_id: int) -> None:
    require_permission(actor, EDIT)
    if actor.office_id != office_id:
        raise PermissionDenied(core_messages.PERMISSION_DENIED)


def _editable(plan: WorkCarePlan) -> None:
    """Refuse writes to an agreed version (status re-read under a row lock)."""
    lock(plan)
    if plan.is_locked:
        raise ValidationError(messages.WORKCARE_PLAN_LOCKED, code=messages.WORKCARE_PLAN_LOCKED.code)


# -- the plan --------------------------------------------------------------------------------------------


def _check_recipient(employee: Employee, care_recipient: CareRecipient | None) -> None:
    if care_recipient is not None and care_recipient.employee_id != employee.pk:
        raise ValidationError({"care_recipient": messages.WORKCARE_PLAN_RECIPIENT_OTHER})


@transaction.atomic
def workcareplan_create(
    *,
    actor: User,
    employee: Employee,
    data: WorkCarePlanInput,
    care_recipient: CareRecipient | None = None,
    consultation: Consultation | None = None,
) -> WorkCarePlan:
    """A new draft: the employee's next version (an independent plan, not a 変更)."""
    _require_office(actor, employee.office_id)
    _check_recipient(employee, care_recipient)
    if consultation is not None and consultation.employee_id != employee.pk:
        raise ValidationError({"consultation": messages.WORKCARE_PLAN_RECIPIENT_OTHER})
    version = next_number(parent=employee, rows=WorkCarePlan.objects.filter(employee=employee), field="version")
    plan = WorkCarePlan(
        office_id=employee.office_id,
        employee=employee,
        care_recipient=care_recipient,
        consultation=consultation,
        version=version,
        created_by=actor,
        **values_of(data),
    )
    return create_audited(actor=actor, instance=plan)


@transaction.atomic
def workcareplan_update(
    *, actor: User, plan: WorkCarePlan, data: WorkCarePlanInput, expected_updated_at: dt.datetime | None = None
) -> WorkCarePlan:
    _require_office(actor, plan.office_id)
    _editable(plan)
    return update_audited(
        actor=actor,
        instance=plan,
        changes=values_of(data),
        editable=PLAN_EDITABLE,
        expected_updated_at=expected_updated_at,
    )


# -- the timeline ----------------------------------------------------------------------------------------


def _check_item(item: WorkCarePlanItem, daily_hours: int) -> None:
    facts = plan_rules.ItemFacts(kind=item.kind, starts_on=item.starts_on, ends_on=item.ends_on, hours=item.hours)
    problems = plan_rules.item_problems(facts, daily_hours=daily_hours)
    errors: dict[str, ValidationError] = {}
    for name, code in problems.items():
        message = (
            messages.WORKCARE_PLAN_ITEM_HOURS_TOO_MANY.format(hours=daily_hours)
            if code == plan_rules.HOURS_TOO_MANY
            else _ITEM_MESSAGES[code]
        )
        errors[name] = ValidationError(message, code=message.code)
    if errors:
        raise ValidationError(errors)


def _day_hours(plan: WorkCarePlan) -> int:
    """Hours that make a day of 介護休暇: the daily scheduled hours rounded up (第16条の5)."""
    return max(1, math.ceil(plan.employee.daily_hours))


@transaction.atomic
def planitem_add(*, actor: User, plan: WorkCarePlan, data: PlanItemInput) -> WorkCarePlanItem:
    """A step of the timeline (a draft's only). A measure the rules refuse is kept, and shown
    with its reasons; it only blocks agreement."""
    _require_office(actor, plan.office_id)
    _editable(plan)
    hours = _day_hours(plan)
    order = next_number(parent=plan, rows=plan.items.all(), field="order")
    item = WorkCarePlanItem(office_id=plan.office_id, plan=plan, order=order, **values_of(data))
    return create_audited(actor=actor, instance=item, check=lambda i: _check_item(i, hours))


@transaction.atomic
def planitem_update(
    *, actor: User, item: WorkCarePlanItem, data: PlanItemInput, expected_updated_at: dt.datetime | None = None
) -> WorkCarePlanItem:
    plan = item.plan
    _require_office(actor, plan.office_id)
    _editable(plan)
    hours = _day_hours(plan)
    return update_audited(
        actor=actor,
        instance=item,
        changes=values_of(data),
        editable=ITEM_EDITABLE,
        check=lambda i: _check_item(i, hours),
        expected_updated_at=expected_updated_at,
    )


@transaction.atomic
def planitem_delete(*, actor: User, item: WorkCarePlanItem) -> None:
    plan = item.plan
    _require_office(actor, plan.office_id)
    _editable(plan)
    delete_audited(actor=actor, instance=item)


# -- agreement and 変更 --------------------------------------------------------------------------------


def _may_agree(actor: User, plan: WorkCarePlan) -> None:
    """The employee agrees to their own plan; the workplace care manager of the office records
    the employee's agreement. Anyone else: 403."""
    employee_user = plan.employee.user_id
    if actor.is_authenticated and employee_user is not None and actor.pk == employee_user and actor.is_active:
        return
    if has_permission(actor, EDIT) and actor.office_id == plan.office_id:
        return
    raise PermissionDenied(messages.WORKCARE_PLAN_AGREE_NOT_OWN)


@transaction.atomic
def workcareplan_agree(*, actor: User, plan: WorkCarePlan, agreed_on: dt.date) -> WorkCarePlan:
    """The employee's agreement: the version becomes immutable, and the version it replaces is
    superseded. Refused while any company measure is refused (each reason with its article)."""
    _may_agree(actor, plan)
    lock(plan)
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(messages.WORKCARE_PLAN_ALREADY_AGREED, code=messages.WORKCARE_PLAN_ALREADY_AGREED.code)
    if agreed_on > timezone.localdate():
        raise ValidationError({"agreed_on": messages.WORKCARE_PLAN_AGREED_ON_FUTURE})
    items = plan_items(plan)
    if not items:
        raise ValidationError(messages.WORKCARE_PLAN_AGREE_EMPTY, code=messages.WORKCARE_PLAN_AGREE_EMPTY.code)
    checks = measure_checks(plan, items, as_of=agreed_on)
    refused = [
        f"{PlanItemKind(item.kind).label}（{item.starts_on:%Y-%m-%d}〜）: {reason.message}（{reason.article}）"
        for item in items
        if (check := checks.get(item.pk)) is not None and check.refused
        for reason in check.reasons or (plan_rules.Reason("refused", "", "認められません"),)
    ]
    if refused:
        message = messages.WORKCARE_PLAN_AGREE_REFUSED.format(reasons=" / ".join(refused))
        raise ValidationError(message, code=message.code)
    transition_audited(
        actor=actor,
        instance=plan,
        to=PlanStatus.AGREED,
        allowed_from={PlanStatus.DRAFT},
        action="workcareplan.agreed",
        refused=messages.WORKCARE_PLAN_ALREADY_AGREED,
        also={"agreed_on": agreed_on},
    )
    previous = plan.previous
    if previous is not None and previous.status == PlanStatus.AGREED:
        transition_audited(
            actor=actor,
            instance=previous,
            to=PlanStatus.SUPERSEDED,
            allowed_from={PlanStatus.AGREED},
            action="workcareplan.superseded",
        )
    return plan


@transaction.atomic
def workcareplan_revise(*, actor: User, plan: WorkCarePlan) -> WorkCarePlan:
    """「変更」: copy an agreed version into a new draft that points to it (the old one stays as it
    is, and in force, until the new one is agreed)."""
    _require_office(actor, plan.office_id)
    lock(plan)
    if not plan.is_locked:
        raise ValidationError(
            messages.WORKCARE_PLAN_REVISE_ONLY_AGREED, code=messages.WORKCARE_PLAN_REVISE_ONLY_AGREED.code
        )
    newer = WorkCarePlan.objects.filter(previous=plan).first()
    if newer is not None:
        message = messages.WORKCARE_PLAN_REVISE_ALREADY.format(version=newer.version)
        raise ValidationError(message, code=message.code)
    employee = plan.employee
    new = WorkCarePlan(
        office_id=plan.office_id,
        employee=employee,
        care_recipient_id=plan.care_recipient_id,
        consultation_id=plan.consultation_id,
        version=next_number(parent=employee, rows=WorkCarePlan.objects.filter(employee=employee), field="version"),
        previous=plan,
        goals=plan.goals,
        work_wishes=plan.work_wishes,
        created_by=actor,
    )
    create_audited(actor=actor, instance=new, action="workcareplan.revised", extra={"copied_from": plan.pk})
    for item in plan_items(plan):
        copy = WorkCarePlanItem(
            office_id=new.office_id,
            plan=new,
            kind=item.kind,
            starts_on=item.starts_on,
            ends_on=item.ends_on,
            hours=item.hours,
            detail=item.detail,
            order=item.order,
        )
        create_audited(actor=actor, instance=copy)
    return new


# -- three-party meetings -------------------------------------------------------------------------------


def _check_meeting(meeting: ThreePartyMeeting) -> None:
    errors: dict[str, ValidationError] = {}
    if meeting.held_on > timezone.localdate():
        errors["held_on"] = ValidationError(
            messages.WORKCARE_MEETING_HELD_FUTURE, code=messages.WORKCARE_MEETING_HELD_FUTURE.code
        )
    if plan_rules.meeting_problems(meeting.held_on, meeting.next_meeting_on):
        message = messages.WORKCARE_MEETING_NEXT_BEFORE_HELD
        errors["next_meeting_on"] = ValidationError(message, code=message.code)
    if errors:
        raise ValidationError(errors)


def _meeting_editable(meeting: ThreePartyMeeting) -> None:
    lock(meeting)
    plan_agreed = meeting.plan is not None and meeting.plan.is_locked
    recorded_on = timezone.localdate(meeting.created_at)
    if plan_rules.meeting_is_final(recorded_on=recorded_on, today=timezone.localdate(), plan_agreed=plan_agreed):
        raise ValidationError(messages.WORKCARE_MEETING_LOCKED, code=messages.WORKCARE_MEETING_LOCKED.code)


def _check_meeting_plan(employee: Employee, plan: WorkCarePlan | None) -> None:
    if plan is not None and plan.employee_id != employee.pk:
        raise ValidationError({"plan": messages.WORKCARE_MEETING_PLAN_OTHER})


@transaction.atomic
def meeting_create(
    *,
    actor: User,
    employee: Employee,
    data: MeetingInput,
    plan: WorkCarePlan | None = None,
    attendees: Sequence[AttendeeInput] = (),
) -> ThreePartyMeeting:
    """A meeting record with its attendees (the MHLW 面談シート兼介護支援プラン)."""
    _require_office(actor, employee.office_id)
    _check_meeting_plan(employee, plan)
    meeting = ThreePartyMeeting(office_id=employee.office_id, employee=employee, plan=plan, **values_of(data))
    create_audited(actor=actor, instance=meeting, check=_check_meeting)
    for attendee in attendees:
        row = MeetingAttendee(office_id=meeting.office_id, meeting=meeting, **values_of(attendee))
        create_audited(actor=actor, instance=row)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    actor: User,
    meeting: ThreePartyMeeting,
    data: MeetingInput,
    expected_updated_at: dt.datetime | None = None,
) -> ThreePartyMeeting:
    _require_office(actor, meeting.office_id)
    _meeting_editable(meeting)
    return update_audited(
        actor=actor,
        instance=meeting,
        changes=values_of(data),
        editable=MEETING_EDITABLE,
        check=_check_meeting,
        expected_updated_at=expected_updated_at,
    )


@transaction.atomic
def meeting_attendee_add(*, actor: User, meeting: ThreePartyMeeting, data: AttendeeInput) -> MeetingAttendee:
    _require_office(actor, meeting.office_id)
    _meeting_editable(meeting)
    row = MeetingAttendee(office_id=meeting.office_id, meeting=meeting, **values_of(data))
    return create_audited(actor=actor, instance=row)


@transaction.atomic
def meeting_attendee_delete(*, actor: User, attendee: MeetingAttendee) -> None:
    meeting = attendee.meeting
    _require_office(actor, meeting.office_id)
    _meeting_editable(meeting)
    delete_audited(actor=actor, instance=attendee)
