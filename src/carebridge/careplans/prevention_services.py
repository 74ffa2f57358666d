"""Writes of 介護予防サービス・支援計画書: drafting, 支援計画 rows, consent, delivery (with the service
start) and 変更 (a new version).

The client's certification in effect on the plan date decides the kind of plan
(prevention_rules.plan_kind_for): a 要介護 client is refused here, as a 要支援 client is refused by
careplans.services.careplan_create. An office that is not a designated 介護予防支援事業所 makes the
plan on a 地域包括支援センター's commission and names it (prevention_rules.needs_commission).
A consented version is immutable; every write to it or its rows is refused.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from carebridge.clients.models import Client
from carebridge.core.access import require_permission
from carebridge.core.inputs import field_names, values_of
from carebridge.core.models import Office, User
from carebridge.core.writes import create_audited, delete_audited, lock, next_number, transition_audited, update_audited

from . import prevention_messages as messages
from . import prevention_rules as rules
from .prevention_inputs import PreventionPlanInput, SupportRowInput
from .prevention_models import PreventionOrigin, PreventionPlan, PreventionStatus, PreventionSupportRow
from .prevention_selectors import plan_kind_on

PLAN_EDITABLE = field_names(PreventionPlanInput)

# What a new version made by 変更 does not inherit: its identity, lifecycle and the facts of making it.
REVISE_RESETS: dict[type[models.Model], frozenset[str]] = {
    PreventionPlan: frozenset(
        {
            "id",
            "version",
            "status",
            "replaces",
            "author",
            "drafted_on",
            "plan_origin",
            "consented_on",
            "consent_signer",
            "delivered_on",
            "service_start_on",
            "created_at",
            "updated_at",
        }
    ),
    PreventionSupportRow: frozenset({"id", "plan"}),
}


def _copied(instance: models.Model) -> dict[str, Any]:
    resets = REVISE_RESETS[type(instance)]
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields if f.name not in resets}


def _editable(plan: PreventionPlan) -> None:
    lock(plan)
    if plan.is_locked:
        raise ValidationError(messages.PREVENTION_LOCKED)


def _check_kind(client: Client, on: dt.date) -> Any:
    """The certification in effect on `on`, refused when it is a 要介護 level (第1〜3表 for them)."""
    kind, cert = plan_kind_on(client=client, on=on)
    if kind == rules.PlanKind.CARE and cert is not None:
        message = messages.PREVENTION_NOT_FOR_CARE_LEVEL.format(level=cert.get_care_level_display())
        raise ValidationError({"care_level": message}, code=message.code)
    return cert


def _check_commission(office_id: int, drafted_on: dt.date, commissioning_center: str) -> None:
    office = Office.objects.get(pk=office_id)
    needed = rules.needs_commission(
        designated=office.prevention_designated, designated_on=office.prevention_designated_on, on=drafted_on
    )
    if needed and not commissioning_center.strip():
        raise ValidationError({"commissioning_center": messages.COMMISSION_REQUIRED})


@transaction.atomic
def preventionplan_create(*, actor: User, client: Client, data: PreventionPlanInput) -> PreventionPlan:
    """A new draft of the client's 介護予防サービス・支援計画書 (the next version), linked to the
    certification in effect on its date; the first version's date is carried as 初回作成日."""
    require_permission(actor, "care.edit")
    cert = _check_kind(client, data.drafted_on)
    _check_commission(client.office_id, data.drafted_on, data.commissioning_center)
    rows = PreventionPlan.objects.filter(client=client)
    version = next_number(parent=client, rows=rows, field="version")
    first = rows.order_by("version").first()
    plan = PreventionPlan(
        office_id=client.office_id,
        client=client,
        version=version,
        author=actor,
        certification=cert,
        first_created_on=first.drafted_on if first else data.drafted_on,
        **values_of(data),
    )
    return create_audited(actor=actor, instance=plan, client_id=client.pk)


@transaction.atomic
def preventionplan_update(
    *,
    actor: User,
    plan: PreventionPlan,
    data: PreventionPlanInput,
    expected_updated_at: dt.datetime | None = None,
) -> PreventionPlan:
    require_permission(actor, "care.edit")
    _editable(plan)
    _check_kind(plan.client, data.drafted_on)
    _check_commission(plan.office_id, data.drafted_on, data.commissioning_center)
    return update_audited(
        actor=actor,
        instance=plan,
        changes=values_of(data),
        editable=PLAN_EDITABLE,
        client_id=plan.client_id,
        expected_updated_at=expected_updated_at,
    )


@transaction.atomic
def prevention_row_add(*, actor: User, plan: PreventionPlan, data: SupportRowInput) -> PreventionSupportRow:
    """A row of 支援計画 (目標, self-care and informal support, insured or 地域支援事業 service)."""
    require_permission(actor, "care.edit")
    _editable(plan)
    if not data.goal.strip():
        raise ValidationError({"goal": messages.ROW_NEEDS_GOAL})
    if data.period_end < data.period_start:
        raise ValidationError({"period_end": messages.ROW_PERIOD_ORDER})
    if data.provider is not None and data.provider.office_id != plan.office_id:
        raise ValidationError({"provider": messages.PROVIDER_OTHER_OFFICE})
    order = next_number(parent=plan, rows=plan.support_rows.all(), field="order")
    row = PreventionSupportRow(office_id=plan.office_id, plan=plan, order=order, **values_of(data))
    return create_audited(actor=actor, instance=row, client_id=plan.client_id)


@transaction.atomic
def prevention_row_delete(*, actor: User, plan: PreventionPlan, row: PreventionSupportRow) -> None:
    """Drafts only: a row of a draft may be removed (nothing was agreed yet)."""
    require_permission(actor, "care.edit")
    _editable(plan)
    delete_audited(actor=actor, instance=row, client_id=plan.client_id)


@transaction.atomic
def preventionplan_consent(
    *, actor: User, plan: PreventionPlan, consented_on: dt.date, signer_name: str
) -> PreventionPlan:
    """説明・同意 (基準第30条第10号): the version becomes immutable."""
    require_permission(actor, "care.edit")
    lock(plan)
    if plan.is_locked:
        raise ValidationError(messages.ALREADY_CONSENTED)
    if not plan.support_rows.exists():
        raise ValidationError(messages.CONSENT_NEEDS_ROWS)
    if consented_on < plan.drafted_on:
        raise ValidationError({"consented_on": messages.CONSENT_BEFORE_DRAFT})
    return transition_audited(
        actor=actor,
        instance=plan,
        to=PreventionStatus.CONSENTED,
        allowed_from={PreventionStatus.DRAFT},
        action="preventionplan.consented",
        refused=messages.ALREADY_CONSENTED,
        also={"consented_on": consented_on, "consent_signer": signer_name.strip()},
        client_id=plan.client_id,
    )


@transaction.atomic
def preventionplan_deliver(
    *, actor: User, plan: PreventionPlan, delivered_on: dt.date, service_start_on: dt.date
) -> PreventionPlan:
    """交付 (基準第30条第11号) and the start of services: every older delivered version of the client
    ends (superseded)."""
    require_permission(actor, "care.edit")
    lock(plan)
    if plan.status != PreventionStatus.CONSENTED:
        raise ValidationError(messages.DELIVER_BEFORE_CONSENT)
    if plan.consented_on is not None and delivered_on < plan.consented_on:
        raise ValidationError({"delivered_on": messages.DELIVERY_BEFORE_CONSENT_DATE})
    transition_audited(
        actor=actor,
        instance=plan,
        to=PreventionStatus.DELIVERED,
        allowed_from={PreventionStatus.CONSENTED},
        action="preventionplan.delivered",
        refused=messages.DELIVER_BEFORE_CONSENT,
        also={"delivered_on": delivered_on, "service_start_on": service_start_on},
        client_id=plan.client_id,
    )
    older = PreventionPlan.objects.filter(
        client_id=plan.client_id, version__lt=plan.version, status=PreventionStatus.DELIVERED
    )
    for previous in older:
        transition_audited(
            actor=actor,
            instance=previous,
            to=PreventionStatus.SUPERSEDED,
            allowed_from={PreventionStatus.DELIVERED},
            action="preventionplan.superseded",
            client_id=plan.client_id,
        )
    return plan


@transaction.atomic
def preventionplan_revise(*, actor: User, plan: PreventionPlan, drafted_on: dt.date) -> PreventionPlan:
    """変更: copy an agreed version (with its rows) into a new draft that points to it."""
    require_permission(actor, "care.edit")
    lock(plan)
    if not plan.is_locked:
        raise ValidationError(messages.REVISE_ONLY_AGREED)
    newer = PreventionPlan.objects.filter(replaces=plan).first()
    if newer is not None:
        raise ValidationError(messages.REVISE_ALREADY.format(version=newer.version))
    cert = _check_kind(plan.client, drafted_on)
    new = PreventionPlan(
        **_copied(plan),
        version=next_number(
            parent=plan.client, rows=PreventionPlan.objects.filter(client_id=plan.client_id), field="version"
        ),
        status=PreventionStatus.DRAFT,
        replaces=plan,
        author=actor,
        drafted_on=drafted_on,
        plan_origin=PreventionOrigin.CONTINUING,
    )
    if cert is not None:
        new.certification = cert
    create_audited(actor=actor, instance=new, client_id=plan.client_id, action="preventionplan.revised")
    for row in plan.support_rows.all():
        create_audited(actor=actor, instance=PreventionSupportRow(**_copied(row), plan=new), client_id=plan.client_id)
    return new
