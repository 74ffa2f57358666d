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
from carebridge.clients.models import Client
from carebridge.core.access import require_permission
from carebridge.core.inputs import field_names, values_of
from carebridge.core.japanese import wareki
from carebridge.core.models import User
from carebridge.core.record_hooks import Recorded, publish
from carebridge.core.validators import future_date_errors
from carebridge.core.writes import (
    create_audited,
    delete_audited,
    lock,
    next_number,
    transition_audited,
    update_audited,
)
from carebridge.directory.models import Provider

from . import hooks, messages, prevention_messages
from .inputs import (
    AttendeeInput,
    ConferenceInput,
    GoalInput,
    PlanConsentInput,
    PlanInput,
    ServiceInput,
    WeeklyEntryInput,
)
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
from .selectors import certification_for_plan, consent_warnings, plan_providers, siblings

PLAN_EDITABLE = field_names(PlanInput)
GOAL_EDITABLE = field_names(GoalInput)
SERVICE_EDITABLE = field_names(ServiceInput)

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
            "made_on",  # the new version's document is made on its own day (set to its drafted_on)
            "reason",
            "plan_origin",
            "service_start_on",
            "certification",  # re-picked: the one in effect on the new version's date (issue 9 item 13)
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


def _raise(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)


def _check_held_on(conference: CareConference) -> None:
    """A meeting is recorded after it was held: never dated after today (issue 9 item 14)."""
    _raise(future_date_errors(conference, ("held_on",)))


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _publish(kind: str, actor: User, plan: CarePlan, row: models.Model, *, on: dt.date, summary: str) -> None:
    """Tell the apps above that a fact was recorded (core.record_hooks, ADR 0006): casework writes
    the 第5表 entry, in this transaction."""
    publish(
        Recorded(
            kind=kind,
            actor=actor,
            office_id=plan.office_id,
            client_id=plan.client_id,
            on=on,
            summary=summary,
            subject=row._meta.label_lower,
            subject_id=row.pk,
        )
    )


# -- the plan (第1表・第3表 fields) -----------------------------------------------------------------


def _plan_values(data: PlanInput) -> dict[str, Any]:
    """The input's values, 作成年月日 defaulting to 作成（変更）日 when not given."""
    return values_of(data) | {"made_on": data.made_on or data.drafted_on}


def _new_version(actor: User, client: Client, data: PlanInput, **facts: Any) -> CarePlan:
    version = next_number(parent=client, rows=CarePlan.objects.filter(client=client), field="version")
    first = CarePlan.objects.filter(client=client).order_by("version").first()
    return CarePlan(
        office_id=client.office_id,
        client=client,
        version=version,
        author=actor,
        **{"first_created_on": first.drafted_on if first else data.drafted_on, **facts},
        **_plan_values(data),
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
    """A new draft: the next version, linked to the certification in effect on its date (never a
    line that starts later; careplans.selectors.certification_for_plan) and the latest
    assessment; the first plan's date is carried as 初回居宅サービス計画作成日."""
    require_permission(actor, "care.edit")
    _refuse_prevention_client(client, data.drafted_on)
    plan = _new_version(
        actor,
        client,
        data,
        certification=certification_for_plan(client_id=client.pk, drafted_on=data.drafted_on, reason=data.reason),
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
        changes=_plan_values(data),
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


def _service_values(plan: CarePlan, data: ServiceInput) -> dict[str, Any]:
    """The checks of a 援助内容 (added or edited) and its values (a provider's first service type
    when none is given)."""
    values = values_of(data)
    provider: Provider | None = data.provider
    if provider is not None and provider.office_id != plan.office_id:
        raise ValidationError({"provider": messages.PROVIDER_OTHER_OFFICE})
    if data.insured and provider is None:
        raise ValidationError({"provider": messages.PROVIDER_REQUIRED})
    if provider is not None and not data.service_type_code and provider.service_type_codes:
        values["service_type_code"] = provider.service_type_codes[0]
    _check_period(data.period_start, data.period_end)
    return values


@transaction.atomic
def service_add(*, actor: User, goal: Goal, data: ServiceInput) -> PlannedService:
    require_permission(actor, "care.edit")
    plan = goal.need.plan
    _editable(plan)
    if goal.term != GoalTerm.SHORT:
        raise ValidationError({"goal": messages.SERVICE_NEEDS_SHORT_GOAL})
    values = _service_values(plan, data)
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


# -- editing a draft in place (issue 9 item 18): text, periods, services, order -----------------------


@transaction.atomic
def need_update(*, actor: User, need: Need, text: str) -> Need:
    """A need of a draft, reworded in place (an agreed plan is changed by a new version)."""
    require_permission(actor, "care.edit")
    _editable(need.plan)
    return update_audited(
        actor=actor, instance=need, changes={"text": text}, editable={"text"}, client_id=need.plan.client_id
    )


@transaction.atomic
def goal_update(*, actor: User, goal: Goal, data: GoalInput) -> Goal:
    """A goal of a draft: its text and period (its term and long-term goal stay)."""
    require_permission(actor, "care.edit")
    plan = goal.need.plan
    _editable(plan)
    _check_period(data.period_start, data.period_end)
    return update_audited(
        actor=actor, instance=goal, changes=values_of(data), editable=GOAL_EDITABLE, client_id=plan.client_id
    )


@transaction.atomic
def service_update(*, actor: User, service: PlannedService, data: ServiceInput) -> PlannedService:
    """A 援助内容 of a draft, with the same checks as when it was added."""
    require_permission(actor, "care.edit")
    plan = service.goal.need.plan
    _editable(plan)
    return update_audited(
        actor=actor,
        instance=service,
        changes=_service_values(plan, data),
        editable=SERVICE_EDITABLE,
        client_id=plan.client_id,
    )


MOVES = {"up": -1, "down": 1}


@transaction.atomic
def plan_row_move(*, actor: User, plan: CarePlan, row: Need | Goal | PlannedService, direction: str) -> None:
    """Move a need, goal or service of a draft one place up or down among its siblings. The
    siblings are numbered 1..n in their present order with the two swapped; each row whose number
    changes is saved through the write door (one audit event each, action `<row>.moved`)."""
    require_permission(actor, "care.edit")
    if direction not in MOVES:
        raise ValidationError({"direction": messages.MOVE_DIRECTION})
    if not isinstance(row, Need | Goal | PlannedService):
        raise ValidationError(messages.MOVE_KIND)
    _editable(plan)
    rows: list[Any] = list(siblings(row))
    at = next(i for i, r in enumerate(rows) if r.pk == row.pk)
    to = at + MOVES[direction]
    if not 0 <= to < len(rows):
        raise ValidationError({"direction": messages.MOVE_AT_EDGE})
    rows[at], rows[to] = rows[to], rows[at]
    action = f"{type(row)._meta.model_name}.moved"
    for number, sibling in enumerate(rows, start=1):
        update_audited(
            actor=actor,
            instance=sibling,
            changes={"order": number},
            editable={"order"},
            client_id=plan.client_id,
            action=action,
        )


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
    _check_attendees(attendees)
    conference = CareConference(office_id=plan.office_id, plan=plan, author=actor, **values)
    create_audited(actor=actor, instance=conference, client_id=plan.client_id, check=_check_held_on)
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
    names = "、".join(a.name for a in attendees)
    answered = sum(1 for q in inquiries if q.answer)
    _publish(
        hooks.MEETING_RECORDED,
        actor,
        plan,
        conference,
        on=conference.held_on,
        summary=(
            f"サービス担当者会議（第{conference.count}回、{conference.place}）を開催"
            f"（居宅サービス計画 第{plan.version}版）。"
            + (f"出席: {names}。" if names else "")
            + (f"照会{len(inquiries)}件（回答{answered}件）。" if inquiries else "")
            + f"結論: {_short(conference.conclusion)}"
        ),
    )
    return conference


def _check_attendees(attendees: tuple[AttendeeInput, ...]) -> None:
    """Each row names someone (a provider's row may wait for the person's name), and an absent
    担当者 carries the reason (第4表 記載要領: 欠席者の所属・氏名と出席できない理由)."""
    for row, attendee in enumerate(attendees, start=1):
        who = attendee.name.strip() or attendee.affiliation.strip()
        if not who:
            raise ValidationError(messages.ATTENDEE_NEEDS_NAME.format(row=row))
        reason = attendee.absence_reason.strip()
        if not attendee.attended and not reason:
            raise ValidationError(messages.ABSENCE_NEEDS_REASON.format(row=row, who=who))
        if attendee.attended and reason:
            raise ValidationError(messages.ABSENCE_REASON_WHEN_PRESENT.format(row=row, who=who))


@transaction.atomic
def inquiry_answer(*, actor: User, inquiry: ConferenceInquiry, answer: str, answered_on: dt.date) -> ConferenceInquiry:
    """The answer to a 照会 sent to a member who could not attend, recorded when it arrives (once;
    not on a meeting of an agreed plan)."""
    require_permission(actor, "care.edit")
    plan = inquiry.conference.plan
    lock(plan)
    if plan.is_locked:
        raise ValidationError(messages.INQUIRY_ON_LOCKED)
    lock(inquiry)
    if inquiry.answer or inquiry.answered_on:
        raise ValidationError(messages.INQUIRY_ALREADY_ANSWERED)
    errors: dict[str, str] = {}
    if not answer.strip():
        errors["answer"] = messages.INQUIRY_ANSWER_REQUIRED
    if answered_on < inquiry.sent_on:
        errors["answered_on"] = messages.INQUIRY_ANSWER_BEFORE_SENT
    if errors:
        raise ValidationError(errors)
    update_audited(
        actor=actor,
        instance=inquiry,
        changes={"answer": answer, "answered_on": answered_on},
        editable={"answer", "answered_on"},
        client_id=plan.client_id,
        check=lambda row: _raise(future_date_errors(row, ("answered_on",))),
        action="conferenceinquiry.answered",
    )
    _publish(
        hooks.INQUIRY_ANSWERED,
        actor,
        plan,
        inquiry,
        on=answered_on,
        summary=f"照会（{inquiry.recipient}、{wareki(inquiry.sent_on)}）に回答があった: {_short(answer)}",
    )
    return inquiry


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
    values = values_of(data)
    confirmed = values.pop("warnings_confirmed")
    warnings = consent_warnings(plan)
    if warnings and not confirmed:
        raise ValidationError({"warnings_confirmed": messages.CONSENT_WARNINGS_UNCONFIRMED.format(count=len(warnings))})
    if warnings and not data.override_reason.strip():
        raise ValidationError({"override_reason": messages.CONSENT_OVERRIDE_REASON_REQUIRED})
    consent = PlanConsent(
        office_id=plan.office_id, plan=plan, explained_by=actor, acknowledged_warnings=warnings, **values
    )
    create_audited(
        actor=actor,
        instance=consent,
        client_id=plan.client_id,
        check=lambda row: _raise(future_date_errors(row, ("consented_on",))),
    )
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
    summary = (
        f"居宅サービス計画（第{plan.version}版）を説明し、{consent.signer_name}"
        f"（{consent.signer_relation}）の同意を得た（{consent.get_method_display()}）。"
    )
    if warnings:
        summary += f"確認事項{len(warnings)}件を承知のうえ同意。理由: {_short(consent.override_reason)}"
    _publish(hooks.CONSENT_RECORDED, actor, plan, consent, on=consent.consented_on, summary=summary)
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
    _publish(
        hooks.DELIVERY_RECORDED,
        actor,
        plan,
        delivery,
        on=delivered_on,
        summary=(
            f"居宅サービス計画（第{plan.version}版）を{provider.name if provider else '利用者本人'}に交付"
            f"（{delivery.get_method_display()}）。"
        ),
    )
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
    # The certification the new version is made under (issue 9 item 13): the one in effect on its
    # date, or for a renewal / 区分変更 version the new certification; else the old version's.
    cert = certification_for_plan(client_id=plan.client_id, drafted_on=drafted_on, reason=reason)
    new = CarePlan(
        **_copied(plan),
        certification_id=cert.pk if cert is not None else plan.certification_id,
        version=next_number(
            parent=plan.client, rows=CarePlan.objects.filter(client_id=plan.client_id), field="version"
        ),
        status=PlanStatus.DRAFT,
        replaces=plan,
        author=actor,
        drafted_on=drafted_on,
        made_on=drafted_on,
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
