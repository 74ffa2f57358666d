"""Reads of the leave ledger: an employee's balances per family member, from the LeaveRecord rows,
the company's policy in force, the employee's facts and the company's fiscal-year start, through
the entitlement rules (workcare/rules.py) — in a constant number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from carebridge.core.models import Company, User

from .. import rules
from ..access import access_ledger_employee, can_edit_ledger
from ..models import CareRecipient, CompanyPolicy, Employee, LeaveRecord

__all__ = [
    "EmployeeLedger",
    "FamilyBalance",
    "employee_facts",
    "employee_ledger",
    "ledger_history",
    "policy_facts",
    "policy_in_force",
    "use_of",
]


@dataclass(frozen=True)
class FamilyBalance:
    recipient: CareRecipient
    care_leave: rules.CareLeaveBalance
    reduced_hours_uses: int


@dataclass(frozen=True)
class EmployeeLedger:
    employee: Employee
    as_of: dt.date
    policy: CompanyPolicy | None  # None: the law's figures only
    family: list[FamilyBalance]
    care_days_off: rules.CareDaysOffBalance
    records: list[LeaveRecord]
    can_edit: bool


def policy_in_force(company_id: int, on: dt.date) -> CompanyPolicy | None:
    """The company's policy version in force on `on` (the newest from before or on that day)."""
    return (
        CompanyPolicy.objects.filter(company_id=company_id, effective_from__lte=on)
        .order_by("-effective_from", "-id")
        .first()
    )


def policy_facts(company: Company, policy: CompanyPolicy | None) -> rules.Policy:
    start = (company.fiscal_year_start_month or 4, company.fiscal_year_start_day or 1)
    if policy is None:
        return rules.Policy(fiscal_year_start=start)
    excludes = policy.labor_agreement_excludes if isinstance(policy.labor_agreement_excludes, list) else []
    return rules.Policy(
        fiscal_year_start=start,
        labor_agreement_excludes=frozenset(str(x) for x in excludes),
        care_leave_days=policy.care_leave_days,
        care_leave_periods=policy.care_leave_periods,
        care_days_off_one=policy.care_days_off_one,
        care_days_off_two=policy.care_days_off_two,
        reduced_hours_uses=policy.reduced_measure_uses,
        reduced_hours_years=policy.reduced_measure_years,
    )


def employee_facts(employee: Employee) -> rules.EmployeeFacts:
    return rules.EmployeeFacts(
        weekly_days=employee.weekly_days,
        daily_hours=Decimal(employee.daily_hours),
        hired_on=employee.hired_on,
        fixed_term_end=employee.fixed_term_end,
    )


def use_of(record: LeaveRecord) -> list[rules.Use]:
    """A record as the rules see it: a period, or one 介護休暇 per day."""
    family_id = str(record.care_recipient_id)
    if record.kind != rules.CARE_DAYS_OFF:
        return [
            rules.Use(
                kind=record.kind,
                family_id=family_id,
                start=record.starts_on,
                end=record.ends_on,
                requested_on=record.requested_on,
            )
        ]
    days = (record.ends_on - record.starts_on).days + 1
    return [
        rules.Use(
            kind=record.kind,
            family_id=family_id,
            start=record.starts_on + dt.timedelta(days=n),
            end=record.starts_on + dt.timedelta(days=n),
            hours=record.hours,
        )
        for n in range(days)
    ]


def ledger_history(employee: Employee) -> tuple[list[str], list[rules.Use]]:
    """(ids of the family members in care, every use recorded) — two queries."""
    family_ids = [
        str(pk) for pk in CareRecipient.objects.filter(employee=employee, is_active=True).values_list("pk", flat=True)
    ]
    history = [use for record in LeaveRecord.objects.filter(employee=employee) for use in use_of(record)]
    return family_ids, history


def employee_ledger(actor: User, employee_id: object, *, as_of: dt.date | None = None) -> EmployeeLedger:
    """The ledger of one employee the actor may read (the gate: access_ledger_employee), with
    balances as of `as_of` (today). Queries: the employee and company, its family members, its
    records, the policy in force (+ the consent check for HR) — whatever the number of records."""
    employee = access_ledger_employee(actor, employee_id)
    today = as_of or timezone.localdate()
    recipients = list(CareRecipient.objects.filter(employee=employee).order_by("id"))
    records = list(
        LeaveRecord.objects.filter(employee=employee).select_related("care_recipient").order_by("-starts_on", "-id")
    )
    policy_row = policy_in_force(employee.company_id, today)
    policy = policy_facts(employee.company, policy_row)
    facts = employee_facts(employee)
    history = [use for record in records for use in use_of(record)]
    in_care = [r for r in recipients if r.is_active]
    with_records = {r.care_recipient_id for r in records}
    shown = [r for r in recipients if r.is_active or r.pk in with_records]
    family = [
        FamilyBalance(
            recipient=recipient,
            care_leave=rules.care_leave_balance(str(recipient.pk), history, policy, today),
            reduced_hours_uses=sum(
                1 for r in records if r.care_recipient_id == recipient.pk and r.kind == rules.REDUCED_HOURS_MEASURE
            ),
        )
        for recipient in shown
    ]
    days_off = rules.care_days_off_balance(today, len(in_care), history, facts, policy)
    return EmployeeLedger(
        employee=employee,
        as_of=today,
        policy=policy_row,
        family=family,
        care_days_off=days_off,
        records=records,
        can_edit=can_edit_ledger(actor, employee),
    )
