"""Writes of care plans: drafting (第1〜3表), meetings (第4表), consent, delivery, activation, change.

A consented version is immutable: every write to a plan or its rows goes through `_editable()`,
and "変更" (careplan_revise) copies the version into a new draft that points to the one it replaces.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, ProtectedError

from carebridge.clients.models import Certification, Client
from carebridge.core.access import require_permission
from carebridge.core.audit import audit_record
from carebridge.core.models import AuditEvent, User
from carebridge.core.writes import create_audited, update_audited
from carebridge.directory.models import Provider

from . import messages
from .models import (
    CareConference,
    CarePlan,
    ConferenceAttendee,
    ConferenceInquiry,
    Goal,
    GoalTerm,
    Need,
    PlanConsent,
    PlanDelivery,
    PlannedService,
    PlanReason,
    PlanStatus,
    WeeklyScheduleEntry,
)


def _editable(plan: CarePlan) -> None:
    """Refuse writes to an agreed version. The status is re-read under a row lock, so a row cannot
    slip in while consent is being recorded in another request."""
    status = CarePlan.objects.select_for_update().filter(pk=plan.pk).values_list("status", flat=True).first()
    if status is not None:
        plan.status = status
    if plan.is_locked:
        raise ValidationError(messages.PLAN_LOCKED)


def _audit_plan_row(actor: User, plan: CarePlan, row: Any, event: str, changes: dict[str, Any]) -> None:
    audit_record(
        actor=actor, office_id=plan.office_id, subject=row, event_type=event, changes=changes, client_id=plan.client_id
    )


# -- the plan (第1表・第3表 fields) -----------------------------------------------------------------


@transaction.atomic
def careplan_create(*, actor: User, client: Client, **fields: Any) -> CarePlan:
    """A new draft: the next version, linked by default to the current certification and the
    latest assessment; the first plan's date is carried as 初回居宅サービス計画作成日."""
    require_permission(actor, "care.edit")
    versions = CarePlan.objects.filter(client=client)
    version = (versions.aggregate(v=Max("version"))["v"] or 0) + 1
    first = versions.order_by("version").first()
    fields.setdefault(
        "certification", Certification.objects.filter(client=client).order_by("-valid_from", "-id").first()
    )
    fields.setdefault("assessment", client.assessments.order_by("-version").first())
    fields.setdefault("first_created_on", first.drafted_on if first else fields.get("drafted_on"))
    plan = CarePlan(office_id=client.office_id, client=client, version=version, author=actor, **fields)
    return create_audited(actor=actor, instance=plan, client_id=client.pk)


@transaction.atomic
def careplan_update(*, actor: User, plan: CarePlan, **fields: Any) -> CarePlan:
    require_permission(actor, "care.edit")
    _editable(plan)
    return update_audited(actor=actor, instance=plan, fields=fields, client_id=plan.client_id)


# -- 第2表 rows ------------------------------------------------------------------------------------


@transaction.atomic
def need_add(*, actor: User, plan: CarePlan, text: str) -> Need:
    require_permission(actor, "care.edit")
    _editable(plan)
    order = (plan.needs.aggregate(o=Max("order"))["o"] or 0) + 1
    need = Need(office_id=plan.office_id, plan=plan, order=order, text=text)
    need.full_clean()
    need.save()
    _audit_plan_row(actor, plan, need, AuditEvent.EventType.CREATE, {"text": {"old": None, "new": text}})
    return need


def _check_period(start: dt.date | None, end: dt.date | None) -> None:
    if start and end and end < start:
        raise ValidationError({"period_end": messages.GOAL_PERIOD_ORDER})


@transaction.atomic
def goal_add(
    *,
    actor: User,
    need: Need,
    term: str,
    text: str,
    period_start: dt.date,
    period_end: dt.date,
    parent: Goal | None = None,
) -> Goal:
    require_permission(actor, "care.edit")
    _editable(need.plan)
    if term == GoalTerm.SHORT and (parent is None or parent.term != GoalTerm.LONG or parent.need_id != need.pk):
        raise ValidationError({"parent": messages.SHORT_GOAL_NEEDS_LONG})
    if term == GoalTerm.LONG:
        parent = None
    _check_period(period_start, period_end)
    order = (need.goals.aggregate(o=Max("order"))["o"] or 0) + 1
    goal = Goal(
        office_id=need.office_id,
        need=need,
        term=term,
        parent=parent,
        order=order,
        text=text,
        period_start=period_start,
        period_end=period_end,
    )
    goal.full_clean()
    goal.save()
    _audit_plan_row(
        actor,
        need.plan,
        goal,
        AuditEvent.EventType.CREATE,
        {
            "term": {"old": None, "new": term},
            "text": {"old": None, "new": text},
            "period": {"old": None, "new": f"{period_start.isoformat()}/{period_end.isoformat()}"},
        },
    )
    return goal


@transaction.atomic
def service_add(*, actor: User, goal: Goal, **fields: Any) -> PlannedService:
    require_permission(actor, "care.edit")
    plan = goal.need.plan
    _editable(plan)
    if goal.term != GoalTerm.SHORT:
        raise ValidationError({"goal": messages.SERVICE_NEEDS_SHORT_GOAL})
    provider: Provider | None = fields.get("provider")
    if provider is not None and provider.office_id != plan.office_id:
        raise ValidationError({"provider": messages.PROVIDER_OTHER_OFFICE})
    if fields.get("insured", True) and provider is None:
        raise ValidationError({"provider": messages.PROVIDER_REQUIRED})
    if provider is not None and not fields.get("service_type_code") and provider.service_type_codes:
        fields["service_type_code"] = provider.service_type_codes[0]
    _check_period(fields.get("period_start"), fields.get("period_end"))
    order = (goal.services.aggregate(o=Max("order"))["o"] or 0) + 1
    service = PlannedService(office_id=plan.office_id, goal=goal, order=order, **fields)
    service.full_clean()
    service.save()
    _audit_plan_row(
        actor,
        plan,
        service,
        AuditEvent.EventType.CREATE,
        {"content": {"old": None, "new": service.content}, "provider": {"old": None, "new": service.provider_id}},
    )
    return service


@transaction.atomic
def weekly_entry_add(*, actor: User, plan: CarePlan, **fields: Any) -> WeeklyScheduleEntry:
    require_permission(actor, "care.edit")
    _editable(plan)
    if fields.get("start_time") and fields.get("end_time") and fields["end_time"] <= fields["start_time"]:
        raise ValidationError({"end_time": messages.WEEKLY_TIME_ORDER})
    entry = WeeklyScheduleEntry(office_id=plan.office_id, plan=plan, **fields)
    entry.full_clean()
    entry.save()
    _audit_plan_row(actor, plan, entry, AuditEvent.EventType.CREATE, {"label": {"old": None, "new": entry.label}})
    return entry


@transaction.atomic
def plan_row_delete(*, actor: User, plan: CarePlan, row: Need | Goal | PlannedService | WeeklyScheduleEntry) -> None:
    """Drafts only: a row of a draft may be removed (nothing was agreed yet), with what hangs under it;
    the audit event lists those rows too."""
    require_permission(actor, "care.edit")
    _editable(plan)
    removed: list[str] = []
    if isinstance(row, Need):
        removed = [f"目標: {g.text}" for g in row.goals.all()]
        removed += [f"援助内容: {s.content}" for s in PlannedService.objects.filter(goal__need=row)]
    elif isinstance(row, Goal):
        removed = [f"目標: {g.text}" for g in row.short_goals.all()]
        removed += [
            f"援助内容: {s.content}" for s in PlannedService.objects.filter(goal__in=[row, *row.short_goals.all()])
        ]
    _audit_plan_row(
        actor,
        plan,
        row,
        AuditEvent.EventType.DELETE,
        {"text": {"old": str(row), "new": None}, "with": {"old": removed, "new": None}},
    )
    try:
        with transaction.atomic():
            row.delete()
    except ProtectedError:
        raise ValidationError(messages.ROW_IN_USE) from None


# -- 第4表 サービス担当者会議 ------------------------------------------------------------------------


@transaction.atomic
def conference_create(
    *,
    actor: User,
    plan: CarePlan,
    attendees: list[dict[str, str]] | None = None,
    inquiries: list[dict[str, Any]] | None = None,
    **fields: Any,
) -> CareConference:
    """Record the meeting; a draft presented there becomes 'presented'."""
    require_permission(actor, "care.edit")
    if plan.is_locked:
        raise ValidationError(messages.CONFERENCE_ON_LOCKED)
    conference = CareConference(office_id=plan.office_id, plan=plan, author=actor, **fields)
    create_audited(actor=actor, instance=conference, client_id=plan.client_id)
    names, asked = [], []
    for row in attendees or []:
        attendee = ConferenceAttendee(office_id=plan.office_id, conference=conference, **row)
        attendee.full_clean()
        attendee.save()
        names.append(f"{attendee.get_kind_display()} {attendee.name}")
    for row in inquiries or []:
        inquiry = ConferenceInquiry(office_id=plan.office_id, conference=conference, **row)
        inquiry.full_clean()
        inquiry.save()
        asked.append(inquiry.recipient)
    if names or asked:
        _audit_plan_row(
            actor,
            plan,
            conference,
            AuditEvent.EventType.UPDATE,
            {"attendees": {"old": None, "new": names}, "inquiries": {"old": None, "new": asked}},
        )
    if plan.status == PlanStatus.DRAFT:
        _set_status(actor, plan, PlanStatus.PRESENTED)
    return conference


# -- 説明・同意・交付・開始 -----------------------------------------------------------------------------


def _set_status(actor: User, plan: CarePlan, status: str, **extra: Any) -> None:
    """Status changes of a locked plan bypass `_editable` on purpose: they are its lifecycle."""
    before = {"status": plan.status, **{k: getattr(plan, k) for k in extra}}
    CarePlan.objects.filter(pk=plan.pk).update(status=status, **extra)
    plan.status = status
    for key, value in extra.items():
        setattr(plan, key, value)
    after = {"status": status, **extra}
    _audit_plan_row(
        actor,
        plan,
        plan,
        AuditEvent.EventType.UPDATE,
        {k: {"old": str(before[k]) if before[k] is not None else None, "new": str(v)} for k, v in after.items()},
    )


@transaction.atomic
def plan_consent_record(*, actor: User, plan: CarePlan, **fields: Any) -> PlanConsent:
    require_permission(actor, "care.edit")
    if plan.is_locked or PlanConsent.objects.filter(plan=plan).exists():
        raise ValidationError(messages.ALREADY_CONSENTED)
    if not PlannedService.objects.filter(goal__need__plan=plan).exists():
        raise ValidationError(messages.CONSENT_NEEDS_CONTENT)
    if plan.reason != PlanReason.MINOR and not plan.conferences.exists():
        raise ValidationError(messages.CONSENT_NEEDS_MEETING)
    consent = PlanConsent(office_id=plan.office_id, plan=plan, explained_by=actor, **fields)
    create_audited(actor=actor, instance=consent, client_id=plan.client_id)
    _set_status(actor, plan, PlanStatus.CONSENTED)
    return consent


def plan_providers(plan: CarePlan) -> list[Provider]:
    """The providers named in the plan's services (each must receive the plan)."""
    ids = PlannedService.objects.filter(goal__need__plan=plan, provider__isnull=False).values("provider_id")
    return list(Provider.objects.filter(pk__in=ids).order_by("name"))


@transaction.atomic
def plan_delivery_record(
    *, actor: User, plan: CarePlan, provider: Provider | None, delivered_on: dt.date, method: str
) -> PlanDelivery:
    """Record delivery to the client (provider=None) or to one provider; when the client and every
    provider in the plan have it, the plan is 'delivered'."""
    require_permission(actor, "care.edit")
    if plan.status not in (PlanStatus.CONSENTED, PlanStatus.DELIVERED, PlanStatus.ACTIVE):
        raise ValidationError(messages.DELIVERY_BEFORE_CONSENT)
    providers = plan_providers(plan)
    if provider is not None and provider not in providers:
        raise ValidationError({"provider": messages.DELIVERY_PROVIDER_NOT_IN_PLAN})
    if PlanDelivery.objects.filter(plan=plan, provider=provider).exists():
        raise ValidationError({"provider": messages.DELIVERY_DUPLICATE})
    delivery = PlanDelivery(
        office_id=plan.office_id, plan=plan, provider=provider, delivered_on=delivered_on, method=method
    )
    create_audited(actor=actor, instance=delivery, client_id=plan.client_id)
    delivered = set(PlanDelivery.objects.filter(plan=plan).values_list("provider_id", flat=True))
    if plan.status == PlanStatus.CONSENTED and None in delivered and {p.pk for p in providers} <= delivered:
        _set_status(actor, plan, PlanStatus.DELIVERED)
    return delivery


@transaction.atomic
def careplan_activate(*, actor: User, plan: CarePlan, service_start_on: dt.date) -> CarePlan:
    """Services start: this version becomes active and the version it replaces is superseded."""
    require_permission(actor, "care.edit")
    if plan.status != PlanStatus.DELIVERED:
        raise ValidationError(messages.ACTIVATE_BEFORE_DELIVERY)
    newer = (
        CarePlan.objects.filter(client_id=plan.client_id, version__gt=plan.version)
        .filter(status__in=[PlanStatus.ACTIVE, PlanStatus.SUPERSEDED])
        .order_by("-version")
        .first()
    )
    if newer is not None:
        raise ValidationError(messages.ACTIVATE_OLDER_VERSION.format(version=newer.version))
    _set_status(actor, plan, PlanStatus.ACTIVE, service_start_on=service_start_on)
    # Every older agreed version ends here, whether it had started or not.
    older = CarePlan.objects.filter(
        client_id=plan.client_id,
        version__lt=plan.version,
        status__in=[PlanStatus.CONSENTED, PlanStatus.DELIVERED, PlanStatus.ACTIVE],
    )
    for previous in older:
        _set_status(actor, previous, PlanStatus.SUPERSEDED)
    return plan


# -- 変更: a new version ---------------------------------------------------------------------------


@transaction.atomic
def careplan_revise(*, actor: User, plan: CarePlan, drafted_on: dt.date, reason: str = PlanReason.CHANGE) -> CarePlan:
    """Copy an agreed version into a new draft that points to it (the old one stays untouched)."""
    require_permission(actor, "care.edit")
    if not plan.is_locked:
        raise ValidationError(messages.REVISE_ONLY_AGREED)
    newer = CarePlan.objects.filter(replaces=plan).first()
    if newer is not None:
        raise ValidationError(messages.REVISE_ALREADY.format(version=newer.version))
    copy_fields = [
        "certification",
        "assessment",
        "first_created_on",
        "intentions",
        "board_opinion",
        "policy",
        "living_support_reason",
        "living_support_note",
        "daily_activities",
        "non_weekly_services",
    ]
    new = careplan_create(
        actor=actor,
        client=plan.client,
        drafted_on=drafted_on,
        reason=reason,
        replaces=plan,
        plan_origin="continuing",
        **{name: getattr(plan, name) for name in copy_fields},
    )
    for need in plan.needs.prefetch_related("goals__services"):
        new_need = Need.objects.create(office_id=new.office_id, plan=new, order=need.order, text=need.text)
        long_map: dict[int, Goal] = {}
        goals = sorted(need.goals.all(), key=lambda g: (g.term != GoalTerm.LONG, g.order, g.pk))
        for goal in goals:
            copy = Goal.objects.create(
                office_id=new.office_id,
                need=new_need,
                term=goal.term,
                parent=long_map.get(goal.parent_id) if goal.parent_id else None,
                order=goal.order,
                text=goal.text,
                period_start=goal.period_start,
                period_end=goal.period_end,
            )
            long_map[goal.pk] = copy
            PlannedService.objects.bulk_create(
                PlannedService(
                    office_id=new.office_id,
                    goal=copy,
                    order=s.order,
                    content=s.content,
                    insured=s.insured,
                    service_type_code=s.service_type_code,
                    service_kind=s.service_kind,
                    provider_id=s.provider_id,
                    provider_name=s.provider_name,
                    frequency=s.frequency,
                    period_start=s.period_start,
                    period_end=s.period_end,
                    short_stay_days=s.short_stay_days,
                )
                for s in goal.services.all()
            )
    weekly = WeeklyScheduleEntry.objects.bulk_create(
        WeeklyScheduleEntry(
            office_id=new.office_id,
            plan=new,
            weekday=e.weekday,
            start_time=e.start_time,
            end_time=e.end_time,
            label=e.label,
        )
        for e in plan.weekly_entries.all()
    )
    copied = {
        "needs": new.needs.count(),
        "goals": Goal.objects.filter(need__plan=new).count(),
        "services": PlannedService.objects.filter(goal__need__plan=new).count(),
        "weekly": len(weekly),
    }
    _audit_plan_row(
        actor,
        new,
        new,
        AuditEvent.EventType.UPDATE,
        {"copied_from": {"old": None, "new": plan.pk}, "copied_rows": {"old": None, "new": copied}},
    )
    return new
