"""Writes of care plans: drafting (第1〜3表), meetings (第4表), consent, delivery, activation, change.

A consented version is immutable: every write to a plan or its rows goes through `_editable()`,
and "変更" (careplan_revise) copies the version into a new draft that points to the one it
replaces. Status moves only through the lifecycle steps below, each audited as its own action
(careplan.presented, .consented, .delivered, .activated, .superseded).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from carebridge.assessments.services import assessment_mark_agreed
from carebridge.clients.models import Certification, Client
from carebridge.core.access import require_permission
from carebridge.core.inputs import field_names, values_of
from carebridge.core.models import User
from carebridge.core.writes import (
    create_audited,
    delete_audited,
    lock,
    next_number,
    transition_audited,
    update_audited,
)
from carebridge.directory.models import Provider

from . import messages, prevention_messages
from .inputs import ConferenceInput, PlanConsentInput, PlanInput, ServiceInput, WeeklyEntryInput
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
    PlanOrigin,
    PlanReason,
    PlanStatus,
    WeeklyScheduleEntry,
)
from .prevention_rules import PlanKind
from .prevention_selectors import plan_kind_on
from .selectors import plan_providers

PLAN_EDITABLE = field_names(PlanInput)

# What a new version made by 変更 does not inherit from the one it replaces: its identity, its
# own lifecycle and the facts of making it. Every other field is copied (careplan_revise).
REVISE_RESETS: dict[type[models.Model], frozenset[str]] = {
    CarePlan: frozenset(
        {
            "id",
            "version",
            "status",
            "replaces",
            "author",
            "drafted_on",
            "reason",
            "plan_origin",
            "service_start_on",
            "created_at",
            "updated_at",
        }
    ),
    Need: frozenset({"id", "plan"}),
    Goal: frozenset({"id", "need", "parent"}),
    PlannedService: frozenset({"id", "goal"}),
    WeeklyScheduleEntry: frozenset({"id", "plan"}),
}


def _editable(plan: CarePlan) -> None:
    """Refuse writes to an agreed version. The status is re-read under a row lock, so a row cannot
    slip in while consent is being recorded in another request."""
    lock(plan)
    if plan.is_locked:
        raise ValidationError(messages.PLAN_LOCKED)


def _copied(instance: models.Model) -> dict[str, Any]:
    """The stored values of every concrete field of a row but those reset on 変更."""
    resets = REVISE_RESETS[type(instance)]
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields if f.name not in resets}


# -- the plan (第1表・第3表 fields) -----------------------------------------------------------------


def _new_version(actor: User, client: Client, data: PlanInput, **facts: Any) -> CarePlan:
    version = next_number(parent=client, rows=CarePlan.objects.filter(client=client), field="version")
    first = CarePlan.objects.filter(client=client).order_by("version").first()
    return CarePlan(
        office_id=client.office_id,
        client=client,
        version=version,
        author=actor,
        **{"first_created_on": first.drafted_on if first else data.drafted_on, **facts},
        **values_of(data),
    )


def _refuse_prevention_client(client: Client, on: dt.date) -> None:
    """第1〜3表 are for 要介護1〜5: a client whose certification in effect is 要支援1・2 or 事業対象者
    gets a 介護予防サービス・支援計画書 instead (careplans/prevention_services.py)."""
    kind, cert = plan_kind_on(client=client, on=on)
    if kind == PlanKind.PREVENTION and cert is not None:
        message = prevention_messages.CAREPLAN_NOT_FOR_SUPPORT_LEVEL.format(level=cert.get_care_level_display())
        raise ValidationError({"care_level": message}, code=message.code)


@transaction.atomic
def careplan_create(*, actor: User, client: Client, data: PlanInput) -> CarePlan:
    """A new draft: the next version, linked to the current certification and the latest
    assessment; the first plan's date is carried as 初回居宅サービス計画作成日."""
    require_permission(actor, "care.edit")
    _refuse_prevention_client(client, data.drafted_on)
    plan = _new_version(
        actor,
        client,
        data,
        certification=Certification.objects.filter(client=client).order_by("-valid_from", "-id").first(),
        assessment=client.assessments.order_by("-version").first(),
    )
    return create_audited(actor=actor, instance=plan, client_id=client.pk)


@transaction.atomic
def careplan_update(
    *, actor: User, plan: CarePlan, data: PlanInput, expected_updated_at: dt.datetime | None = None
) -> CarePlan:
    require_permission(actor, "care.edit")
    _editable(plan)
    return update_audited(
        actor=actor,
        instance=plan,
        changes=values_of(data),
        editable=PLAN_EDITABLE,
        client_id=plan.client_id,
        expected_updated_at=expected_updated_at,
    )


# -- 第2表 rows ------------------------------------------------------------------------------------


@transaction.atomic
def need_add(*, actor: User, plan: CarePlan, text: str) -> Need:
    require_permission(actor, "care.edit")
    _editable(plan)
    order = next_number(parent=plan, rows=plan.needs.all(), field="order")
    need = Need(office_id=plan.office_id, plan=plan, order=order, text=text)
    return create_audited(actor=actor, instance=need, client_id=plan.client_id)


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
    goal = Goal(
        office_id=need.office_id,
        need=need,
        term=term,
        parent=parent,
        order=next_number(parent=need, rows=need.goals.all(), field="order"),
        text=text,
        period_start=period_start,
        period_end=period_end,
    )
    return create_audited(actor=actor, instance=goal, client_id=need.plan.client_id)


@transaction.atomic
def service_add(*, actor: User, goal: Goal, data: ServiceInput) -> PlannedService:
    require_permission(actor, "care.edit")
    plan = goal.need.plan
    _editable(plan)
    if goal.term != GoalTerm.SHORT:
        raise ValidationError({"goal": messages.SERVICE_NEEDS_SHORT_GOAL})
    values = values_of(data)
    provider: Provider | None = data.provider
    if provider is not None and provider.office_id != plan.office_id:
        raise ValidationError({"provider": messages.PROVIDER_OTHER_OFFICE})
    if data.insured and provider is None:
        raise ValidationError({"provider": messages.PROVIDER_REQUIRED})
    if provider is not None and not data.service_type_code and provider.service_type_codes:
        values["service_type_code"] = provider.service_type_codes[0]
    _check_period(data.period_start, data.period_end)
    order = next_number(parent=goal, rows=goal.services.all(), field="order")
    service = PlannedService(office_id=plan.office_id, goal=goal, order=order, **values)
    return create_audited(actor=actor, instance=service, client_id=plan.client_id)


@transaction.atomic
def weekly_entry_add(*, actor: User, plan: CarePlan, data: WeeklyEntryInput) -> WeeklyScheduleEntry:
    require_permission(actor, "care.edit")
    _editable(plan)
    if data.start_time and data.end_time and data.end_time <= data.start_time:
        raise ValidationError({"end_time": messages.WEEKLY_TIME_ORDER})
    entry = WeeklyScheduleEntry(office_id=plan.office_id, plan=plan, **values_of(data))
    return create_audited(actor=actor, instance=entry, client_id=plan.client_id)


@transaction.atomic
def plan_row_delete(*, actor: User, plan: CarePlan, row: Need | Goal | PlannedService | WeeklyScheduleEntry) -> None:
    """Drafts only: a row of a draft may be removed (nothing was agreed yet), with what hangs under
    it; the audit event lists those rows too."""
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
    delete_audited(
        actor=actor,
        instance=row,
        client_id=plan.client_id,
        details={"with": removed} if removed else None,
        protected=messages.GOAL_EVALUATED,
    )


# -- 第4表 サービス担当者会議 ------------------------------------------------------------------------


@transaction.atomic
def conference_create(*, actor: User, plan: CarePlan, data: ConferenceInput) -> CareConference:
    """Record the meeting with its attendees and 照会; a draft presented there becomes 'presented'."""
    require_permission(actor, "care.edit")
    lock(plan)
    if plan.is_locked:
        raise ValidationError(messages.CONFERENCE_ON_LOCKED)
    values = values_of(data)
    attendees, inquiries = values.pop("attendees"), values.pop("inquiries")
    conference = CareConference(office_id=plan.office_id, plan=plan, author=actor, **values)
    create_audited(actor=actor, instance=conference, client_id=plan.client_id)
    for attendee in attendees:
        create_audited(
            actor=actor,
            instance=ConferenceAttendee(office_id=plan.office_id, conference=conference, **values_of(attendee)),
            client_id=plan.client_id,
        )
    for inquiry in inquiries:
        create_audited(
            actor=actor,
            instance=ConferenceInquiry(office_id=plan.office_id, conference=conference, **values_of(inquiry)),
            client_id=plan.client_id,
        )
    if plan.status == PlanStatus.DRAFT:
        transition_audited(
            actor=actor,
            instance=plan,
            to=PlanStatus.PRESENTED,
            allowed_from={PlanStatus.DRAFT},
            action="careplan.presented",
            client_id=plan.client_id,
        )
    return conference


# -- 説明・同意・交付・開始 -----------------------------------------------------------------------------


@transaction.atomic
def plan_consent_record(*, actor: User, plan: CarePlan, data: PlanConsentInput) -> PlanConsent:
    """説明・同意: the version becomes immutable, and so does the assessment it stands on."""
    require_permission(actor, "care.edit")
    lock(plan)
    if plan.is_locked or PlanConsent.objects.filter(plan=plan).exists():
        raise ValidationError(messages.ALREADY_CONSENTED)
    if not PlannedService.objects.filter(goal__need__plan=plan).exists():
        raise ValidationError(messages.CONSENT_NEEDS_CONTENT)
    if plan.reason != PlanReason.MINOR and not plan.conferences.exists():
        raise ValidationError(messages.CONSENT_NEEDS_MEETING)
    consent = PlanConsent(office_id=plan.office_id, plan=plan, explained_by=actor, **values_of(data))
    create_audited(actor=actor, instance=consent, client_id=plan.client_id)
    transition_audited(
        actor=actor,
        instance=plan,
        to=PlanStatus.CONSENTED,
        allowed_from={PlanStatus.DRAFT, PlanStatus.PRESENTED},
        action="careplan.consented",
        refused=messages.ALREADY_CONSENTED,
        client_id=plan.client_id,
    )
    if plan.assessment is not None:
        assessment_mark_agreed(actor=actor, assessment=plan.assessment, agreed_on=data.consented_on)
    return consent


@transaction.atomic
def plan_delivery_record(
    *, actor: User, plan: CarePlan, provider: Provider | None, delivered_on: dt.date, method: str
) -> PlanDelivery:
    """Record delivery to the client (provider=None) or to one provider; when the client and every
    provider in the plan have it, the plan is 'delivered'."""
    require_permission(actor, "care.edit")
    lock(plan)
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
        transition_audited(
            actor=actor,
            instance=plan,
            to=PlanStatus.DELIVERED,
            allowed_from={PlanStatus.CONSENTED},
            action="careplan.delivered",
            client_id=plan.client_id,
        )
    return delivery


@transaction.atomic
def careplan_activate(*, actor: User, plan: CarePlan, service_start_on: dt.date) -> CarePlan:
    """Services start: this version becomes active and every older agreed version is superseded."""
    require_permission(actor, "care.edit")
    lock(plan)
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
    transition_audited(
        actor=actor,
        instance=plan,
        to=PlanStatus.ACTIVE,
        allowed_from={PlanStatus.DELIVERED},
        action="careplan.activated",
        refused=messages.ACTIVATE_BEFORE_DELIVERY,
        also={"service_start_on": service_start_on},
        client_id=plan.client_id,
    )
    # Every older agreed version ends here, whether it had started or not.
    older = CarePlan.objects.filter(
        client_id=plan.client_id,
        version__lt=plan.version,
        status__in=[PlanStatus.CONSENTED, PlanStatus.DELIVERED, PlanStatus.ACTIVE],
    )
    for previous in older:
        transition_audited(
            actor=actor,
            instance=previous,
            to=PlanStatus.SUPERSEDED,
            allowed_from={PlanStatus.CONSENTED, PlanStatus.DELIVERED, PlanStatus.ACTIVE},
            action="careplan.superseded",
            client_id=plan.client_id,
        )
    return plan


# -- 変更: a new version ---------------------------------------------------------------------------


@transaction.atomic
def careplan_revise(*, actor: User, plan: CarePlan, drafted_on: dt.date, reason: str = PlanReason.CHANGE) -> CarePlan:
    """Copy an agreed version into a new draft that points to it (the old one stays untouched).
    Every field is copied but those in REVISE_RESETS, so a field added to a model is carried too."""
    require_permission(actor, "care.edit")
    lock(plan)
    if not plan.is_locked:
        raise ValidationError(messages.REVISE_ONLY_AGREED)
    _refuse_prevention_client(plan.client, drafted_on)
    newer = CarePlan.objects.filter(replaces=plan).first()
    if newer is not None:
        raise ValidationError(messages.REVISE_ALREADY.format(version=newer.version))
    new = CarePlan(
        **_copied(plan),
        version=next_number(
            parent=plan.client, rows=CarePlan.objects.filter(client_id=plan.client_id), field="version"
        ),
        status=PlanStatus.DRAFT,
        replaces=plan,
        author=actor,
        drafted_on=drafted_on,
        reason=reason,
        plan_origin=PlanOrigin.CONTINUING,
    )
    create_audited(actor=actor, instance=new, client_id=plan.client_id, action="careplan.revised")
    client_id = plan.client_id
    for need in plan.needs.prefetch_related("goals__services").order_by("order", "id"):
        new_need = create_audited(actor=actor, instance=Need(**_copied(need), plan=new), client_id=client_id)
        copies: dict[int, Goal] = {}
        for goal in sorted(need.goals.all(), key=lambda g: (g.term != GoalTerm.LONG, g.order, g.pk)):
            parent = copies.get(goal.parent_id) if goal.parent_id else None
            copy = create_audited(
                actor=actor, instance=Goal(**_copied(goal), need=new_need, parent=parent), client_id=client_id
            )
            copies[goal.pk] = copy
            for service in goal.services.all():
                create_audited(actor=actor, instance=PlannedService(**_copied(service), goal=copy), client_id=client_id)
    for entry in plan.weekly_entries.all():
        create_audited(actor=actor, instance=WeeklyScheduleEntry(**_copied(entry), plan=new), client_id=client_id)
    return new
