"""Reads of the 利用票 (第6表): a client's month (its newest version, lines, consent, deliveries),
the office's month (every client with a plan in effect) and the findings compliance shows. Each
answers in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from carebridge.careplans import rules as plan_rules
from carebridge.careplans import selectors as plan_selectors
from carebridge.clients.models import Certification, Client, ClientStatus
from carebridge.core.access import office_id_of, office_scope
from carebridge.core.models import User

from . import slip_actuals, slip_rules
from .models import SlipConsent, SlipDelivery, SlipStatus, UsageLine, UsageSlip


def parse_month(value: str) -> dt.date | None:
    """'2026-04' → 2026-04-01; None for anything else."""
    try:
        year, month = value.split("-")
        if len(year) != 4 or len(month) != 2:
            return None
        return dt.date(int(year), int(month), 1)
    except ValueError:
        return None


def slips_of(*, client: Client, month: dt.date) -> QuerySet[UsageSlip]:
    return UsageSlip.objects.filter(office_id=client.office_id, client=client, month=month).order_by("-version")


def slip_with_rows() -> QuerySet[UsageSlip]:
    return UsageSlip.objects.select_related("client", "office", "plan", "confirmed_by", "replaces").prefetch_related(
        Prefetch("lines", queryset=UsageLine.objects.select_related("provider").order_by("position", "id")),
        Prefetch("consents", queryset=SlipConsent.objects.order_by("-consented_on", "-id")),
        Prefetch("deliveries", queryset=SlipDelivery.objects.select_related("provider").order_by("delivered_on", "id")),
    )


def current_slip(*, client: Client, month: dt.date) -> UsageSlip | None:
    """The month's newest version with its lines, consents and deliveries (4 queries)."""
    return slip_with_rows().filter(office_id=client.office_id, client=client, month=month).order_by("-version").first()


@dataclass
class ProviderRow:
    provider_id: int | None
    name: str
    delivered_on: dt.date | None = None
    method: str = ""


@dataclass
class LineRow:
    line: UsageLine
    planned: list[str]
    actual: list[str]
    planned_count: int
    actual_count: int | None
    blank: bool


@dataclass
class SlipPage:
    slip: UsageSlip
    days: list[int]
    weekdays: list[str]
    holidays: dict[int, str]
    rows: list[LineRow]
    providers: list[ProviderRow]
    consent: SlipConsent | None
    planned_units: int
    versions: list[UsageSlip] = field(default_factory=list)


WEEKDAYS = "月火水木金土日"


def slip_page(slip: UsageSlip) -> SlipPage:
    """What the 第6表 screen and PDF draw (from the prefetched rows: no further query)."""
    month = slip.month
    days = [d.day for d in slip_rules.month_days(month)]
    lines = list(slip.lines.all())
    rows = [
        LineRow(
            line=line,
            planned=list(line.planned_days[: len(days)]),
            actual=list(line.actual_days[: len(days)]) if line.actual_days else [""] * len(days),
            planned_count=slip_rules.count(line.planned_days),
            actual_count=slip_rules.count(line.actual_days) if line.actual_days else None,
            blank=not line.service_code or (line.provider_id is None and not line.provider_name),
        )
        for line in lines
    ]
    providers: dict[tuple[int | None, str], ProviderRow] = {}
    for line in lines:
        if line.provider_id is None and not line.provider_name:
            continue
        name = line.provider.name if line.provider else line.provider_name
        providers.setdefault((line.provider_id, "" if line.provider_id else name), ProviderRow(line.provider_id, name))
    for delivery in slip.deliveries.all():
        row = providers.get((delivery.provider_id, "" if delivery.provider_id else delivery.provider_name))
        if row is not None:
            row.delivered_on, row.method = delivery.delivered_on, delivery.get_method_display()
    consents = list(slip.consents.all())
    return SlipPage(
        slip=slip,
        days=days,
        weekdays=[WEEKDAYS[d.weekday()] for d in slip_rules.month_days(month)],
        holidays=slip_rules.holidays(month),
        rows=rows,
        providers=list(providers.values()),
        consent=consents[0] if consents else None,
        planned_units=sum(r.line.units * r.planned_count for r in rows if r.line.limit_managed),
    )


def certification_for_month(*, client: Client, month: dt.date) -> Certification | None:
    """The certification shown on the slip's header: in effect on the month's last day, else its first."""
    from carebridge.clients import selectors as client_selectors

    last = slip_rules.month_days(month)[-1]
    return client_selectors.certification_in_effect(client=client, on=last) or client_selectors.certification_in_effect(
        client=client, on=month
    )


@dataclass
class MonthRow:
    client: Client
    plan_id: int
    slip: UsageSlip | None
    consented: bool
    providers: int
    delivered: int


def office_month(*, actor: User, month: dt.date) -> list[MonthRow]:
    """Every client of the actor's office with a plan in effect in `month`, with the month's newest
    slip and its consent/delivery state (a fixed number of queries)."""
    clients = list(
        office_scope(actor, Client.objects.all(), "billing.view")
        .exclude(status=ClientStatus.ENDED)
        .order_by("kana", "pk")
    )
    facts = plan_selectors.plan_facts(c.pk for c in clients)
    in_effect = {}
    for client in clients:
        plan = plan_rules.plan_in_effect_for(facts.get(client.pk, []), month)
        if plan is not None:
            in_effect[client.pk] = plan.plan_id
    slips: dict[int, UsageSlip] = {}
    for newer in (
        UsageSlip.objects.filter(office_id=office_id_of(actor), month=month, client_id__in=list(in_effect))
        .prefetch_related("lines", "consents", "deliveries")
        .order_by("client_id", "version")
    ):
        slips[newer.client_id] = newer  # the newest version wins
    rows = []
    for client in clients:
        if client.pk not in in_effect:
            continue
        slip = slips.get(client.pk)
        state = slip_state(slip) if slip else None
        rows.append(
            MonthRow(
                client=client,
                plan_id=in_effect[client.pk],
                slip=slip,
                consented=bool(state and state.consented_on),
                providers=state.providers if state else 0,
                delivered=state.providers_delivered if state else 0,
            )
        )
    return rows


def slip_state(slip: UsageSlip) -> slip_rules.SlipState:
    """The findings' view of a slip with prefetched lines, consents and deliveries."""
    lines = list(slip.lines.all())
    keys = {
        (ln.provider_id, "" if ln.provider_id else ln.provider_name)
        for ln in lines
        if ln.provider_id or ln.provider_name
    }
    delivered = {(d.provider_id, "" if d.provider_id else d.provider_name) for d in slip.deliveries.all()}
    consents = [c.consented_on for c in slip.consents.all()]
    return slip_rules.SlipState(
        client_id=slip.client_id,
        month=slip.month,
        status=slip.status,
        consented_on=max(consents) if consents else None,
        providers=len(keys),
        providers_delivered=len(keys & delivered),
        blank_lines=sum(1 for ln in lines if not ln.service_code or not (ln.provider_id or ln.provider_name)),
    )


def slip_findings(*, office_id: int, client_ids: list[int] | None, today: dt.date) -> list[slip_rules.SlipFinding]:
    """The findings of this month's and next month's newest slips (consent, delivery, blank lines)."""
    this_month = today.replace(day=1)
    next_month = (this_month + dt.timedelta(days=32)).replace(day=1)
    rows = UsageSlip.objects.filter(office_id=office_id, month__in=[this_month, next_month]).exclude(
        status=SlipStatus.SUPERSEDED
    )
    if client_ids is not None:
        rows = rows.filter(client_id__in=client_ids)
    out = []
    for slip in rows.prefetch_related("lines", "consents", "deliveries").order_by("client_id", "month", "version"):
        out.extend(slip_rules.findings(slip_state(slip), today))
    return out


# -- actuals reported by a provider (実績, e.g. the exchange's UPJSK) ------------------------------


def slip_for_actuals(*, client: Client, month: dt.date) -> UsageSlip | None:
    """The month's current slip (the newest version not replaced) with its lines and providers."""
    return (
        UsageSlip.objects.filter(office_id=client.office_id, client=client, month=month)
        .exclude(status=SlipStatus.SUPERSEDED)
        .prefetch_related(Prefetch("lines", UsageLine.objects.select_related("provider").order_by("position", "id")))
        .order_by("-version")
        .first()
    )


@dataclass(frozen=True)
class ActualsChange:
    """One line of the provider and service type: its actuals before and after ('' = not entered)."""

    line_id: int
    position: int
    service_code: str
    service_name: str
    start: dt.time | None
    end: dt.time | None
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after

    @property
    def before_count(self) -> int | None:
        return slip_rules.count(self.before) if self.before else None

    @property
    def after_count(self) -> int | None:
        return slip_rules.count(self.after) if self.after else None


@dataclass
class ActualsPlan:
    """What replacing the actuals of (client, month, provider, service type) would change."""

    slip: UsageSlip | None
    changes: list[ActualsChange]
    unmatched: list[slip_actuals.Unmatched]

    @property
    def changed(self) -> list[ActualsChange]:
        return [c for c in self.changes if c.changed]

    @property
    def needs_revision(self) -> bool:
        """A closed month's slip is never edited: the change goes into a new version (slip_revise)."""
        return self.slip is not None and self.slip.status == SlipStatus.CLOSED and bool(self.changed)


def actuals_plan(
    *,
    slip: UsageSlip | None,
    provider_number: str,
    service_type: str,
    entries: Sequence[slip_actuals.ActualEntry] | None,
) -> ActualsPlan:
    """The changes of replacing the actuals of the slip's lines of the provider (事業所番号) and
    service type with `entries` (None: clear them — back to 'not entered'). Reads the prefetched
    lines only (slip_for_actuals)."""
    if slip is None:
        return ActualsPlan(None, [], [slip_actuals.Unmatched(e, NO_SLIP) for e in entries or ()])
    lines = [
        line
        for line in slip.lines.all()
        if line.provider is not None
        and line.provider.provider_number == provider_number
        and line.service_type == service_type
    ]
    facts = [
        slip_actuals.LineFacts(line.pk, line.service_code, line.start_time, line.end_time, line.planned_days)
        for line in lines
    ]
    unmatched: list[slip_actuals.Unmatched] = []
    if entries is None:
        after = {line.pk: "" for line in lines}
    else:
        matched = slip_actuals.match(facts, entries)
        after, unmatched = matched.days, matched.unmatched
    changes = [
        ActualsChange(
            line_id=line.pk,
            position=line.position,
            service_code=line.service_code,
            service_name=line.service_name,
            start=line.start_time,
            end=line.end_time,
            before=line.actual_days,
            after=after[line.pk],
        )
        for line in lines
    ]
    return ActualsPlan(slip, changes, unmatched)


NO_SLIP = "この月の利用票がありません"
