"""Records for the company report tests: a roster with consultations, notices, leave and plans."""

from __future__ import annotations

import datetime as dt
from typing import Any

from carebridge.workcare.models import (
    CareRecipient,
    Consultation,
    EarlyInformation,
    Employee,
    IndividualNotice,
    LeaveRecord,
    ThreePartyMeeting,
    WorkCarePlan,
)


def roster(company: Any, count: int, *, start: int = 0, birth_date: dt.date = dt.date(1975, 6, 1)) -> list[Employee]:
    """`count` employees of `company` (bulk: one INSERT)."""
    rows = [
        Employee(
            office_id=company.office_id,
            company=company,
            employee_number=f"R{start + n:06d}",
            name=f"集計 {start + n}",
            department="製造部",
            birth_date=birth_date,
            hired_on=dt.date(2010, 4, 1),
            daily_hours="7.50",
        )
        for n in range(count)
    ]
    Employee.objects.bulk_create(rows)
    return list(Employee.objects.filter(company=company, employee_number__in=[r.employee_number for r in rows]))


def activity(employees: list[Employee], day: dt.date, *, channel: str = "meeting", urgency: str = "medium") -> None:
    """For each employee: a family member, a consultation on `day`, a notice given on time, a day of
    介護休暇, an agreed plan with a follow-up meeting (bulk, a handful of INSERTs)."""
    office_id = employees[0].office_id
    recipients = CareRecipient.objects.bulk_create(
        [CareRecipient(office_id=office_id, employee=e, label="母", relation="parent") for e in employees]
    )
    Consultation.objects.bulk_create(
        [
            Consultation(
                office_id=office_id, employee=e, channel=channel, requested_on=day, content="相談", urgency=urgency
            )
            for e in employees
        ]
    )
    IndividualNotice.objects.bulk_create(
        [
            IndividualNotice(
                office_id=office_id, employee=e, reported_on=day, due_on=day + dt.timedelta(days=14), given_on=day
            )
            for e in employees
        ]
    )
    LeaveRecord.objects.bulk_create(
        [
            LeaveRecord(
                office_id=office_id, employee=e, care_recipient=r, kind="care_days_off", starts_on=day, ends_on=day
            )
            for e, r in zip(employees, recipients, strict=True)
        ]
    )
    WorkCarePlan.objects.bulk_create(
        [
            WorkCarePlan(office_id=office_id, employee=e, version=1, status="agreed", goals="両立", agreed_on=day)
            for e in employees
        ]
    )
    ThreePartyMeeting.objects.bulk_create(
        [ThreePartyMeeting(office_id=office_id, employee=e, kind="follow_up", held_on=day) for e in employees]
    )


def early_information(employees: list[Employee], fiscal_year: int, day: dt.date) -> None:
    EarlyInformation.objects.bulk_create(
        [
            EarlyInformation(
                office_id=e.office_id, employee=e, fiscal_year=fiscal_year, method="email", provided_on=day
            )
            for e in employees
        ]
    )
