"""Reads of 特定事業所集中減算: the office's plans of a judging period per corporation (two queries)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from carebridge.careplans.models import LOCKED_STATUSES, PlannedService
from carebridge.core.access import office_id_of
from carebridge.core.models import User

from . import concentration_rules as cr
from .models import ConcentrationReason


@dataclass(frozen=True)
class ConcentrationReport:
    period: cr.Period
    results: tuple[cr.GroupResult, ...]
    reasons: dict[str, ConcentrationReason]

    @property
    def penalty(self) -> bool:
        return cr.penalty_applies(self.results, set(self.reasons))


def service_uses(*, office_id: int, period: cr.Period) -> list[cr.ServiceUse]:
    """Every service of the three groups in the office's agreed plans that runs during the period."""
    codes = [c for codes in cr.rule_on(period.start).groups.values() for c in codes]
    rows = PlannedService.objects.filter(
        office_id=office_id,
        goal__need__plan__status__in=list(LOCKED_STATUSES),
        service_type_code__in=codes,
        period_start__lte=period.end,
        period_end__gte=period.start,
    ).values_list(
        "goal__need__plan_id",
        "service_type_code",
        "provider__corporation_name",
        "provider__name",
        "provider_name",
        "period_start",
        "period_end",
    )
    return [
        cr.ServiceUse(plan_id, code, corp or name or free or "（事業所未定）", start, end)
        for plan_id, code, corp, name, free, start, end in rows
    ]


def concentration_report(*, actor: User, period: cr.Period) -> ConcentrationReport:
    office_id = office_id_of(actor)
    results = cr.judge(service_uses(office_id=office_id, period=period), period)
    reasons = {r.service_group: r for r in ConcentrationReason.objects.filter(office_id=office_id, period=period.label)}
    return ConcentrationReport(period, tuple(results), reasons)


def concentration_penalty(*, actor: User, month: dt.date) -> bool:
    """Whether 特定事業所集中減算 applies to the office in a month (a flagged earlier period)."""
    return any(concentration_report(actor=actor, period=p).penalty for p in cr.penalty_periods(month))
