"""Reads of the 両立プラン and the three-party meetings, and the check of each company measure
against the entitlement rules and the company's policy.

Every read takes a record the caller already reached through a gate (access.py). The checks
read the employee, the company, the policy in force, the family members and the leave ledger
once per plan whatever the number of steps (the page's query count does not grow with them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils import timezone

from carebridge.core.models import User

from .. import entitlement_json, messages, plan_rules
from ..models import (
    CareRecipient,
    CompanyPolicy,
    Employee,
    LeaveRecord,
    MeetingAttendee,
    ThreePartyMeeting,
    WorkCarePlan,
    WorkCarePlanItem,
)
from ..models.choices import PlanItemKind, PlanStatus

__all__ = [
    "CheckedItem",
    "employee_meetings",
    "employee_plans",
    "entitlement_input",
    "evaluate_request",
    "item_facts",
    "measure_checks",
    "meeting_with_attendees",
    "newer_version",
    "plan_facts",
    "plan_items",
    "plan_with_checks",
    "policy_in_force",
    "shared_plan",
]

# The measures the entitlement rules answer for (request kinds of entitlement_json.evaluate).
RULE_KINDS = frozenset(
    {
        plan_rules.CARE_LEAVE,
        plan_rules.CARE_DAYS_OFF,
        plan_rules.OVERTIME_EXEMPTION,
        plan_rules.OVERTIME_LIMIT,
        plan_rules.NIGHT_WORK_LIMIT,
        plan_rules.REDUCED_HOURS_MEASURE,
    }
)
ART_TELEWORK = "育児・介護休業法 第24条第4項（努力義務）"
ART_REDUCED = "育児・介護休業法 第23条第3項"
ART_DAYS_OFF = "育児・介護休業法 第16条の5第1項"
MAX_DAYS_OFF_DAYS = 31  # a range of 介護休暇 longer than this is refused outright (10 days a year at most by law)


def employee_plans(employee: Employee) -> models.QuerySet[WorkCarePlan]:
    """The employee's plan versions, newest first."""
    return WorkCarePlan.objects.filter(employee=employee).select_related("previous").order_by("-version")


def newer_version(plan: WorkCarePlan) -> WorkCarePlan | None:
    return WorkCarePlan.objects.filter(previous=plan).first()


def plan_items(plan: WorkCarePlan) -> list[WorkCarePlanItem]:
    """The plan's timeline in date order."""
    return list(plan.items.order_by("starts_on", "order", "id"))


def item_facts(item: WorkCarePlanItem) -> plan_rules.ItemFacts:
    return plan_rules.ItemFacts(
        kind=item.kind,
        starts_on=item.starts_on,
        ends_on=item.ends_on,
        hours=item.hours,
        detail=item.detail,
        order=item.order,
    )


def plan_facts(plan: WorkCarePlan, items: Iterable[WorkCarePlanItem]) -> plan_rules.PlanFacts:
    return plan_rules.PlanFacts(
        goals=plan.goals, work_wishes=plan.work_wishes, items=tuple(item_facts(i) for i in items)
    )


def policy_in_force(company_id: int, on: dt.date) -> CompanyPolicy | None:
    """The company's policy version in force on a day (the latest that started by then)."""
    return (
        CompanyPolicy.objects.filter(company_id=company_id, effective_from__lte=on)
        .order_by("-effective_from", "-id")
        .first()
    )


# -- the entitlement input (育児・介護休業法, issue 8 item 7) -------------------------------------------


def _use(kind: str, family_id: str, start: dt.date, end: dt.date | None, hours: int | None) -> list[dict[str, Any]]:
    """One use in the rules' history shape: a period, or 介護休暇 day by day (hours or whole)."""
    if kind == plan_rules.CARE_DAYS_OFF:
        last = end or start
        days = [start + dt.timedelta(days=n) for n in range((last - start).days + 1)]
        return [
            {"kind": kind, "family_id": family_id, "date": d.isoformat(), **({"hours": hours} if hours else {})}
            for d in days
        ]
    return [{"kind": kind, "family_id": family_id, "start": start.isoformat(), "end": (end or start).isoformat()}]


def _request(kind: str, family_id: str, item: plan_rules.ItemFacts) -> dict[str, Any]:
    if kind == plan_rules.CARE_DAYS_OFF:
        return {
            "kind": kind,
            "family_id": family_id,
            "date": item.starts_on.isoformat(),
            **({"hours": item.hours} if item.hours else {}),
        }
    end = item.ends_on or item.starts_on
    return {"kind": kind, "family_id": family_id, "start": item.starts_on.isoformat(), "end": end.isoformat()}


def _policy_figures(policy: CompanyPolicy) -> dict[str, int]:
    """The company's own figures (the rules take the more generous of these and the law's)."""
    return {
        "care_leave_days": policy.care_leave_days,
        "care_leave_periods": policy.care_leave_periods,
        "care_days_off_one": policy.care_days_off_one,
        "care_days_off_two": policy.care_days_off_two,
        "reduced_hours_uses": policy.reduced_measure_uses,
        "reduced_hours_years": policy.reduced_measure_years,
    }


@dataclass(frozen=True)
class _Context:
    """What the checks of one plan read from the database (once)."""

    base: dict[str, Any]  # as_of, employee, company, family
    family_id: str | None
    history: list[dict[str, Any]]
    policy: CompanyPolicy | None


def _context(plan: WorkCarePlan, as_of: dt.date) -> _Context:
    employee = plan.employee
    company = employee.company
    policy = policy_in_force(company.pk, as_of)
    family = list(CareRecipient.objects.filter(employee=employee, is_active=True).order_by("id"))
    family_ids = {r.pk for r in family}
    family_id: str | None = None
    if plan.care_recipient_id is not None:
        family_id = str(plan.care_recipient_id)
        if plan.care_recipient_id not in family_ids and plan.care_recipient is not None:
            family.append(plan.care_recipient)  # no longer marked as needing care: still the plan's
    elif family:
        family_id = str(family[0].pk)
    history: list[dict[str, Any]] = []
    known = {str(r.pk) for r in family}
    for record in LeaveRecord.objects.filter(employee=employee).order_by("starts_on", "id"):
        if str(record.care_recipient_id) not in known:  # a family member no longer needing care
            continue
        history += _use(record.kind, str(record.care_recipient_id), record.starts_on, record.ends_on, record.hours)
    base = {
        "as_of": as_of.isoformat(),
        "employee": {
            "weekly_days": employee.weekly_days,
            "daily_hours": str(employee.daily_hours),
            "hired_on": employee.hired_on.isoformat(),
            "fixed_term_end": employee.fixed_term_end.isoformat() if employee.fixed_term_end else None,
        },
        "company": {
            "fiscal_year_start": f"{company.fiscal_year_start_month:02d}-{company.fiscal_year_start_day:02d}",
            "labor_agreement_excludes": list(policy.labor_agreement_excludes) if policy is not None else [],
            **(_policy_figures(policy) if policy is not None else {}),
        },
        "family": [{"id": str(r.pk), "relation": r.relation} for r in family],
    }
    return _Context(base=base, family_id=family_id, history=history, policy=policy)


def entitlement_input(
    plan: WorkCarePlan, items: Sequence[WorkCarePlanItem], item: WorkCarePlanItem, *, as_of: dt.date | None = None
) -> dict[str, Any]:
    """The entitlement rules' input for one step of a plan: the employee, the company, the family,
    the ledger plus the plan's earlier measures as history, and the step as the request."""
    context = _context(plan, as_of or _as_of(plan))
    return _input_for(context, items, item)


def _input_for(context: _Context, items: Sequence[WorkCarePlanItem], item: WorkCarePlanItem) -> dict[str, Any]:
    family_id = context.family_id or ""
    earlier: list[dict[str, Any]] = []
    for other in items:
        if other.pk == item.pk:
            break
        if other.kind in RULE_KINDS:
            earlier += _use(other.kind, family_id, other.starts_on, other.ends_on, other.hours)
    return {
        **context.base,
        "history": [*context.history, *earlier],
        "request": _request(item.kind, family_id, item_facts(item)),
    }


def _evaluate_item(
    context: _Context, items: Sequence[WorkCarePlanItem], item: WorkCarePlanItem
) -> plan_rules.MeasureCheck:
    """One measure through the rules. 介護休暇 over several whole days is asked day by day (each
    day counting the days before it), as the rules take one day per request."""
    data = _input_for(context, items, item)
    last = item.ends_on or item.starts_on
    if item.kind != plan_rules.CARE_DAYS_OFF or item.hours or last <= item.starts_on:
        return evaluate_request(data)
    checks: list[plan_rules.MeasureCheck] = []
    history = list(data["history"])
    day = item.starts_on
    while day <= last and len(checks) < MAX_DAYS_OFF_DAYS:
        request = {**data["request"], "date": day.isoformat()}
        checks.append(evaluate_request({**data, "history": history, "request": request}))
        history.append({k: v for k, v in request.items() if k != "hours"})
        day += dt.timedelta(days=1)
    if day <= last:  # longer than any year's 介護休暇: refused without asking each day
        text = messages.WORKCARE_PLAN_ITEM_DAYS_OFF_TOO_LONG
        checks.append(plan_rules.MeasureCheck(False, (plan_rules.Reason(text.code, ART_DAYS_OFF, str(text)),)))
    return plan_rules.combine(*checks)


def evaluate_request(data: dict[str, Any]) -> plan_rules.MeasureCheck:
    """Ask the entitlement rules (entitlement_json.evaluate) about one request; input the rules
    cannot read (EntitlementInputError, a ValueError) gives an unknown result, never a 500."""
    try:
        answer = entitlement_json.evaluate(data)
    except ValueError:
        return plan_rules.MeasureCheck(None)
    return plan_rules.check_from(answer)


def _policy_check(kind: str, policy: CompanyPolicy | None) -> plan_rules.MeasureCheck:
    """What the company's own systems say: テレワーク only where the policy offers it (an effort
    duty of the employer, not an entitlement); the reduced-hours measures need one offered."""
    if kind == plan_rules.TELEWORK:
        if policy is None:
            return plan_rules.MeasureCheck(None)
        if policy.telework:
            return plan_rules.MeasureCheck(True)
        text = messages.WORKCARE_MEASURE_NOT_IN_POLICY.format(measure="テレワーク")
        return plan_rules.MeasureCheck(False, (plan_rules.Reason(text.code, ART_TELEWORK, str(text)),))
    if kind == plan_rules.REDUCED_HOURS_MEASURE and policy is not None and not policy.reduced_measures:
        text = messages.WORKCARE_MEASURE_NOT_IN_POLICY.format(measure="所定労働時間の短縮等の措置")
        return plan_rules.MeasureCheck(None, (plan_rules.Reason(text.code, ART_REDUCED, str(text)),))
    return plan_rules.MeasureCheck(True)


def _as_of(plan: WorkCarePlan) -> dt.date:
    """Checks of an agreed version are as of its agreement; of a draft, as of today."""
    return plan.agreed_on or timezone.localdate()


def measure_checks(
    plan: WorkCarePlan, items: Sequence[WorkCarePlanItem], *, as_of: dt.date | None = None
) -> dict[int, plan_rules.MeasureCheck]:
    """The check of every company measure of the plan (item id -> result); care steps have none.
    `items` in timeline order (plan_items): each measure counts the plan's earlier ones."""
    measures = [i for i in items if i.kind in plan_rules.MEASURES]
    if not measures:
        return {}
    context = _context(plan, as_of or _as_of(plan))
    results: dict[int, plan_rules.MeasureCheck] = {}
    for item in measures:
        policy = _policy_check(item.kind, context.policy)
        if item.kind not in RULE_KINDS:
            results[item.pk] = policy
            continue
        if context.family_id is None:
            text = messages.WORKCARE_MEASURE_NO_FAMILY
            results[item.pk] = plan_rules.MeasureCheck(None, (plan_rules.Reason(text.code, "", str(text)),))
            continue
        law = _evaluate_item(context, items, item)
        if law.allowed is None and item.kind == plan_rules.REDUCED_HOURS_MEASURE and policy.allowed is True:
            law = plan_rules.MeasureCheck(True)  # the rules do not answer for it: the policy offers it
        results[item.pk] = plan_rules.combine(law, policy)
    return results


@dataclass(frozen=True)
class CheckedItem:
    item: WorkCarePlanItem
    check: plan_rules.MeasureCheck | None  # None: a care step (not checked)

    @property
    def is_measure(self) -> bool:
        return self.item.kind in plan_rules.MEASURES


def plan_with_checks(plan: WorkCarePlan, *, as_of: dt.date | None = None) -> list[CheckedItem]:
    """The timeline with each measure's check (what the plan page and the PDF show)."""
    items = plan_items(plan)
    checks = measure_checks(plan, items, as_of=as_of)
    return [CheckedItem(item, checks.get(item.pk)) for item in items]


# -- what HR and the manager may see ----------------------------------------------------------------


def shared_plan(actor: User, employee: Employee) -> tuple[WorkCarePlan | None, list[WorkCarePlanItem]]:
    """The employee's plan in force (the newest agreed version) and only its company measures —
    never its goals, care steps or family. `employee` comes from access_shared_employee."""
    del actor  # the gate has decided; kept so the call says who reads
    plan = (
        WorkCarePlan.objects.filter(employee=employee, status=PlanStatus.AGREED)
        .order_by("-version")
        .only("id", "version", "status", "agreed_on", "employee_id", "office_id")
        .first()
    )
    if plan is None:
        return None, []
    measures = [str(kind) for kind in plan_rules.MEASURES]
    items = list(
        plan.items.filter(kind__in=measures)
        .only("id", "kind", "starts_on", "ends_on", "hours", "plan_id")
        .order_by("starts_on", "order", "id")
    )
    return plan, items


# -- meetings -------------------------------------------------------------------------------------------


def employee_meetings(employee: Employee) -> models.QuerySet[ThreePartyMeeting]:
    return ThreePartyMeeting.objects.filter(employee=employee).select_related("plan").order_by("-held_on", "-id")


def meeting_with_attendees(meeting: ThreePartyMeeting) -> list[MeetingAttendee]:
    """The attendees in the order they were added (prefetched ones when a list prefetched them)."""
    return sorted(meeting.attendees.all(), key=lambda a: a.pk)


def care_step_kinds() -> list[str]:
    return [str(k) for k in PlanItemKind.values if k not in plan_rules.MEASURES]
