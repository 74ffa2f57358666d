"""Writes of the 利用票 (第6表): generation from the plan in effect, line edits of a draft, day
cells (planned and actual), confirm, a new version after confirm/close (slip_revise), the
client's consent and the 提供票's delivery. Every write is audited (core/writes.py).

The service master is not wired here: `code_for` (slip_rules.CodeLookup) is one parameter, and
the codes start from the master's (code_choice.master_code_lookup), for the care manager to confirm.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from carebridge.careplans import selectors as plan_selectors
from carebridge.careplans.models import CarePlan, PlannedService
from carebridge.clients import selectors as client_selectors
from carebridge.clients.models import Client
from carebridge.core.access import require_permission
from carebridge.core.models import User
from carebridge.core.writes import create_audited, delete_audited, lock, transition_audited, update_audited
from carebridge.directory.models import Provider

from . import slip_actuals, slip_rules, slip_selectors
from . import slip_messages as messages
from .code_choice import master_code_lookup
from .models import ConsentMethod, DeliveryMethod, SlipConsent, SlipDelivery, SlipStatus, UsageLine, UsageSlip
from .slip_inputs import UsageLineInput

LINE_EDITABLE = frozenset(
    {
        "provider",
        "provider_name",
        "service_type",
        "service_code",
        "service_name",
        "start_time",
        "end_time",
        "units",
        "limit_managed",
        "rate_permille",
        "over_limit_units",
        "product_code",
        "planned_days",
    }
)
ACTUALS_OPEN = (SlipStatus.DRAFT, SlipStatus.CONFIRMED)  # 実績 is entered until the month is closed


def _draft(slip: UsageSlip) -> None:
    if slip.status != SlipStatus.DRAFT:
        raise ValidationError(messages.SLIP_NOT_DRAFT, code=messages.SLIP_NOT_DRAFT.code)


def _check_line(line: UsageLine) -> None:
    month = line.slip.month
    errors: dict[str, object] = {}
    if line.service_type == slip_rules.RENTAL_TYPE and not line.product_code.strip():
        errors["product_code"] = messages.PRODUCT_CODE_REQUIRED
    if line.start_time and line.end_time and line.end_time <= line.start_time:
        errors["end_time"] = messages.TIME_ORDER
    for name in ("planned_days", "actual_days"):
        value = getattr(line, name)
        if value and len(value) == slip_rules.DAYS and value.isdigit() and slip_rules.beyond_month(month, value):
            errors[name] = messages.DAY_OUT_OF_MONTH
    if errors:
        raise ValidationError(errors)


def month_of(value: dt.date) -> dt.date:
    return value.replace(day=1)


def _care_level(client: Client, month: dt.date) -> str:
    cert = client_selectors.certification_in_effect(
        client=client, on=month
    ) or client_selectors.certification_in_effect(client=client, on=slip_rules.month_days(month)[-1])
    return cert.care_level if cert else ""


def _service_type(service: PlannedService) -> str:
    """The 第2表 service's type code, or its provider's when the provider offers exactly one."""
    if service.service_type_code:
        return service.service_type_code
    codes = list(service.provider.service_type_codes or []) if service.provider else []
    return str(codes[0]) if len(codes) == 1 else ""


def _plan_facts(plan: CarePlan) -> tuple[list[slip_rules.ScheduleFacts], list[slip_rules.ServiceFacts]]:
    entries = [
        slip_rules.ScheduleFacts(weekday=e.weekday, start=e.start_time, end=e.end_time, label=e.label)
        for e in plan.weekly_entries.all().order_by("weekday", "start_time", "id")
    ]
    services = [
        slip_rules.ServiceFacts(
            service_id=s.pk,
            service_type=_service_type(s),
            kind=s.service_kind,
            content=s.content,
            provider_id=s.provider_id,
            provider_name=s.provider.name if s.provider else s.provider_name,
            period_start=s.period_start,
            period_end=s.period_end,
        )
        for s in PlannedService.objects.filter(goal__need__plan=plan, insured=True)
        .select_related("provider")
        .order_by("goal__need__order", "goal__order", "order", "id")
    ]
    return entries, services


@transaction.atomic
def slip_generate(
    *, actor: User, client: Client, month: dt.date, code_for: slip_rules.CodeLookup | None = None
) -> UsageSlip:
    """A draft slip of `month` from the plan in effect in it (careplans.selectors.plan_in_effect)
    and its weekly schedule; every schedule entry makes a line (unmapped ones blank)."""
    require_permission(actor, "billing.edit")
    first = month_of(month)
    if UsageSlip.objects.filter(office_id=client.office_id, client=client, month=first).exists():
        raise ValidationError({"month": messages.SLIP_EXISTS}, code=messages.SLIP_EXISTS.code)
    plan = plan_selectors.plan_in_effect(client=client, month=first)
    if plan is None:
        raise ValidationError({"month": messages.SLIP_NO_PLAN}, code=messages.SLIP_NO_PLAN.code)
    entries, services = _plan_facts(plan)
    drafts = slip_rules.generate(
        month=first,
        entries=entries,
        services=services,
        care_level=_care_level(client, first),
        code_for=code_for or master_code_lookup(first),
    )
    slip = create_audited(
        actor=actor,
        instance=UsageSlip(
            office_id=client.office_id, client=client, month=first, plan=plan, care_manager=client.care_manager
        ),
        client_id=client.pk,
        action="slip_generate",
    )
    for position, draft in enumerate(drafts):
        create_audited(
            actor=actor,
            instance=UsageLine(
                office_id=client.office_id,
                slip=slip,
                position=position,
                provider_id=draft.provider_id,
                provider_name=draft.provider_name,
                service_type=draft.service_type,
                service_code=draft.service_code,
                service_name=draft.service_name[:100],
                start_time=draft.start,
                end_time=draft.end,
                units=draft.units,
                limit_managed=draft.limit_managed,
                rate_permille=draft.rate_permille,
                planned_days=draft.planned_days,
            ),
            client_id=client.pk,
            check=_check_line,
            action="slip_generate",
        )
    return slip


def _line_values(data: UsageLineInput) -> dict[str, object]:
    values = asdict(data)
    provider_id = values.pop("provider_id")
    provider = Provider.objects.filter(pk=provider_id).first() if provider_id else None
    values["provider"] = provider
    if provider is not None and not values["provider_name"]:
        values["provider_name"] = provider.name
    return values


@transaction.atomic
def slip_line_add(*, actor: User, slip: UsageSlip, data: UsageLineInput) -> UsageLine:
    require_permission(actor, "billing.edit")
    lock(slip)
    _draft(slip)
    position = max([line.position for line in slip.lines.all()], default=-1) + 1
    line = UsageLine(office_id=slip.office_id, slip=slip, position=position, **_line_values(data))
    return create_audited(actor=actor, instance=line, client_id=slip.client_id, check=_check_line)


@transaction.atomic
def slip_line_update(
    *, actor: User, line: UsageLine, data: UsageLineInput, expected_updated_at: dt.datetime | None = None
) -> UsageLine:
    require_permission(actor, "billing.edit")
    _draft(line.slip)
    return update_audited(
        actor=actor,
        instance=line,
        changes=_line_values(data),
        editable=LINE_EDITABLE,
        client_id=line.slip.client_id,
        check=_check_line,
        expected_updated_at=expected_updated_at,
    )


@transaction.atomic
def slip_line_delete(*, actor: User, line: UsageLine) -> None:
    require_permission(actor, "billing.edit")
    _draft(line.slip)
    delete_audited(actor=actor, instance=line, client_id=line.slip.client_id)


@dataclass(frozen=True)
class MonthGenerated:
    """What generate-all made: the new drafts, and the clients it could not make one for (why)."""

    made: list[UsageSlip]
    failed: list[tuple[Client, list[str]]]


def slip_month_generate(*, actor: User, month: dt.date) -> MonthGenerated:
    """Generate-all: a draft for every client of the office with a plan in effect in `month` and
    no slip yet, each in its own transaction (slip_generate) — one client's plan that cannot make
    a slip does not hold back the others, and is reported with its reasons."""
    require_permission(actor, "billing.edit")
    made: list[UsageSlip] = []
    failed: list[tuple[Client, list[str]]] = []
    for row in slip_selectors.office_month(actor=actor, month=month_of(month)):
        if row.slip is not None:
            continue
        try:
            made.append(slip_generate(actor=actor, client=row.client, month=month))
        except ValidationError as exc:
            failed.append((row.client, exc.messages))
    return MonthGenerated(made=made, failed=failed)


@transaction.atomic
def slip_line_move(*, actor: User, line: UsageLine, up: bool) -> UsageLine:
    """Swap the line with its neighbour above (or below)."""
    require_permission(actor, "billing.edit")
    _draft(line.slip)
    lines = list(UsageLine.objects.filter(slip_id=line.slip_id).order_by("position", "id"))
    index = next(i for i, row in enumerate(lines) if row.pk == line.pk)
    other_index = index - 1 if up else index + 1
    if not 0 <= other_index < len(lines):
        return line
    for i, row in enumerate(lines):  # renumber densely first, so a swap always moves
        if row.position != i:
            update_audited(
                actor=actor, instance=row, changes={"position": i}, editable={"position"}, client_id=line.slip.client_id
            )
    a, b = lines[index], lines[other_index]
    update_audited(
        actor=actor, instance=a, changes={"position": other_index}, editable={"position"}, client_id=a.slip.client_id
    )
    update_audited(
        actor=actor, instance=b, changes={"position": index}, editable={"position"}, client_id=b.slip.client_id
    )
    return a


@transaction.atomic
def slip_line_day_set(
    *,
    actor: User,
    line: UsageLine,
    actual: bool,
    day: int,
    value: int,
    expected_updated_at: dt.datetime | None = None,
) -> UsageLine:
    """One cell of the day grid: the planned (draft only) or actual count of `day`."""
    require_permission(actor, "billing.edit")
    slip = line.slip
    if actual:
        if slip.status not in ACTUALS_OPEN:
            raise ValidationError(messages.SLIP_NOT_DRAFT, code=messages.SLIP_NOT_DRAFT.code)
    else:
        _draft(slip)
    name = "actual_days" if actual else "planned_days"
    try:
        days = slip_rules.set_day(getattr(line, name) or slip_rules.NO_DAYS, day, value)
    except ValueError:
        raise ValidationError({name: messages.DAY_INVALID}, code=messages.DAY_INVALID.code) from None
    return update_audited(
        actor=actor,
        instance=line,
        changes={name: days},
        editable={name},
        client_id=slip.client_id,
        check=_check_line,
        expected_updated_at=expected_updated_at,
    )


@transaction.atomic
def slip_line_actuals_set(
    *, actor: User, line: UsageLine, actual_days: str, expected_updated_at: dt.datetime | None = None
) -> UsageLine:
    """The whole 実績 row of a line (blank: not entered yet). Clerks enter it until the close."""
    require_permission(actor, "billing.edit")
    if line.slip.status not in ACTUALS_OPEN:
        raise ValidationError(messages.SLIP_NOT_DRAFT, code=messages.SLIP_NOT_DRAFT.code)
    return update_audited(
        actor=actor,
        instance=line,
        changes={"actual_days": actual_days},
        editable={"actual_days"},
        client_id=line.slip.client_id,
        check=_check_line,
        expected_updated_at=expected_updated_at,
    )


@transaction.atomic
def slip_confirm(*, actor: User, slip: UsageSlip) -> UsageSlip:
    """The care manager confirms the draft (holidays and blank lines reviewed)."""
    require_permission(actor, "billing.edit")
    lock(slip)
    _draft(slip)
    if (
        slip.lines.filter(service_code="").exists()
        or slip.lines.filter(provider__isnull=True, provider_name="").exists()
    ):
        raise ValidationError(messages.SLIP_CONFIRM_BLANK, code=messages.SLIP_CONFIRM_BLANK.code)
    for line in slip.lines.all():
        _check_line(line)
    return transition_audited(
        actor=actor,
        instance=slip,
        to=SlipStatus.CONFIRMED,
        allowed_from={SlipStatus.DRAFT},
        action="slip_confirm",
        refused=messages.SLIP_NOT_DRAFT,
        also={"confirmed_at": timezone.now(), "confirmed_by": actor},
        client_id=slip.client_id,
    )


@transaction.atomic
def slip_revise(*, actor: User, slip: UsageSlip, reason: str = "") -> UsageSlip:
    """A correction of a confirmed or closed slip: version n+1 (a draft) with the lines copied,
    `replaces` the old one, which becomes superseded (what was agreed is never edited)."""
    require_permission(actor, "billing.edit")
    lock(slip)
    if slip.status not in (SlipStatus.CONFIRMED, SlipStatus.CLOSED):
        raise ValidationError(messages.SLIP_REVISE_REFUSED, code=messages.SLIP_REVISE_REFUSED.code)
    lines = list(slip.lines.all())
    transition_audited(
        actor=actor,
        instance=slip,
        to=SlipStatus.SUPERSEDED,
        allowed_from={SlipStatus.CONFIRMED, SlipStatus.CLOSED},
        action="slip_revise",
        refused=messages.SLIP_REVISE_REFUSED,
        client_id=slip.client_id,
    )
    new = create_audited(
        actor=actor,
        instance=UsageSlip(
            office_id=slip.office_id,
            client_id=slip.client_id,
            month=slip.month,
            version=slip.version + 1,
            replaces=slip,
            plan_id=slip.plan_id,
            care_manager_id=slip.care_manager_id,
            short_stay_days_before=slip.short_stay_days_before,
            correction_reason=reason[:200],
        ),
        client_id=slip.client_id,
        action="slip_revise",
        extra={"copied_from_version": slip.version},
    )
    for line in lines:
        line.pk = None
        line.id = None
        line.slip = new
        line._state.adding = True
        create_audited(actor=actor, instance=line, client_id=slip.client_id, action="slip_revise")
    return new


@transaction.atomic
def slip_consent_record(
    *, actor: User, slip: UsageSlip, consented_on: dt.date, method: str, consented_by: str
) -> SlipConsent:
    """The 利用票 was explained to the client and consented (date, method, who)."""
    require_permission(actor, "billing.edit")
    if slip.status == SlipStatus.SUPERSEDED:
        raise ValidationError(messages.SLIP_NOT_DRAFT, code=messages.SLIP_NOT_DRAFT.code)
    row = SlipConsent(
        office_id=slip.office_id,
        slip=slip,
        consented_on=consented_on,
        method=ConsentMethod(method) if method in ConsentMethod.values else method,
        consented_by=consented_by,
        recorded_by=actor,
    )
    return create_audited(actor=actor, instance=row, client_id=slip.client_id)


def slip_providers(slip: UsageSlip) -> list[tuple[int | None, str]]:
    """The providers named on the slip's lines: (provider id or None, name), in line order."""
    seen: dict[tuple[int | None, str], None] = {}
    for line in slip.lines.select_related("provider").order_by("position", "id"):
        if line.provider_id is None and not line.provider_name:
            continue
        name = line.provider.name if line.provider else line.provider_name
        seen.setdefault((line.provider_id, "" if line.provider_id else name), None)
    return list(seen)


@transaction.atomic
def slip_delivery_record(
    *,
    actor: User,
    slip: UsageSlip,
    provider_id: int | None,
    provider_name: str = "",
    delivered_on: dt.date,
    method: str,
) -> SlipDelivery:
    """The 提供票 was delivered to a provider of the slip (date, method)."""
    require_permission(actor, "billing.edit")
    if slip.status == SlipStatus.SUPERSEDED:
        raise ValidationError(messages.SLIP_NOT_DRAFT, code=messages.SLIP_NOT_DRAFT.code)
    keys = slip_providers(slip)
    key = (provider_id, "" if provider_id else provider_name)
    if key not in keys:
        raise ValidationError({"provider": messages.PROVIDER_NOT_ON_SLIP}, code=messages.PROVIDER_NOT_ON_SLIP.code)
    row = SlipDelivery(
        office_id=slip.office_id,
        slip=slip,
        provider_id=provider_id,
        provider_name=provider_name or (Provider.objects.get(pk=provider_id).name if provider_id else ""),
        delivered_on=delivered_on,
        method=DeliveryMethod(method) if method in DeliveryMethod.values else method,
        recorded_by=actor,
    )
    return create_audited(actor=actor, instance=row, client_id=slip.client_id)


@transaction.atomic
def slip_actuals_replace(
    *,
    actor: User,
    client: Client,
    month: dt.date,
    provider_number: str,
    service_type: str,
    entries: Sequence[slip_actuals.ActualEntry] | None,
    skip_unmatched: bool = False,
    source: str = "",
) -> slip_selectors.ActualsPlan:
    """Replace the actuals (実績) of the month's slip lines of one provider (事業所番号) and service
    type with what the provider reported (`entries`; None clears them back to 'not entered').

    Lines of that provider and type that nothing is reported for get 0 on every day (the report is
    the provider's whole 実績 of the type). On a draft or confirmed slip the lines are updated
    (actuals are entered until the close); a closed month's slip is never edited: its correction is
    a new version (slip_revise), and the actuals go on that version's lines. Refused when there is
    no slip, or when a record matches no line unless `skip_unmatched` (the caller listed them).
    The 第7表 reads the lines' actuals (billing/annex.py), so it follows at once. Idempotent: the
    same report again changes nothing and writes nothing."""
    require_permission(actor, "billing.edit")
    if actor.office_id != client.office_id:
        raise ValidationError(messages.ACTUALS_OTHER_OFFICE, code=messages.ACTUALS_OTHER_OFFICE.code)
    first = month_of(month)
    slip = slip_selectors.slip_for_actuals(client=client, month=first)
    if slip is None:
        raise ValidationError({"month": messages.ACTUALS_NO_SLIP}, code=messages.ACTUALS_NO_SLIP.code)
    lock(slip)
    plan = slip_selectors.actuals_plan(
        slip=slip, provider_number=provider_number, service_type=service_type, entries=entries
    )
    if plan.unmatched and not skip_unmatched:
        shown = "、".join(f"{u.entry.service_code} {u.entry.day}日（{u.reason}）" for u in plan.unmatched[:5])
        raise ValidationError(
            messages.ACTUALS_UNMATCHED.format(count=len(plan.unmatched), shown=shown),
            code=messages.ACTUALS_UNMATCHED.code,
        )
    if not plan.changed:
        return plan
    lines = {line.pk: line for line in slip.lines.all()}
    if slip.status == SlipStatus.CLOSED:
        old_order = [line.pk for line in slip.lines.all()]
        new = slip_revise(
            actor=actor, slip=slip, reason=messages.ACTUALS_REVISION_REASON.format(source=source or "実績")
        )
        copies = list(UsageLine.objects.filter(slip=new).order_by("position", "id"))
        lines = dict(zip(old_order, copies, strict=True))
    elif slip.status not in ACTUALS_OPEN:
        raise ValidationError(messages.SLIP_NOT_DRAFT, code=messages.SLIP_NOT_DRAFT.code)
    for change in plan.changed:
        line = lines[change.line_id]
        update_audited(
            actor=actor,
            instance=line,
            changes={"actual_days": change.after},
            editable={"actual_days"},
            client_id=client.pk,
            check=_check_line,
            action="slip_actuals_replace",
            extra={"source": source} if source else None,
        )
    return plan
