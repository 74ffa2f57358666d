"""Reads of the portals: the employee's own home and sharing choices, HR's and the manager's
consented views, and the workplace care manager's list of companies. Every read goes through the
gates of `workcare.access` (`shared_with` decides what an employer sees)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Func, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from carebridge.core.models import User

from ..access import companies_for, is_hr, is_manager, shared_with
from ..models import Consultation, Employee, IndividualNotice, SharingConsent, ThreePartyMeeting, WorkCarePlan
from ..models.choices import ConsultationStatus, PlanStatus, ShareAudience, ShareItem


@dataclass(frozen=True)
class SharingChoice:
    """One cell of the sharing page: an item, an audience, and since when it is shared (or not)."""

    item: str
    item_label: str
    audience: str
    audience_label: str
    granted_at: dt.datetime | None

    @property
    def shared(self) -> bool:
        return self.granted_at is not None


def sharing_choices(employee: Employee) -> list[SharingChoice]:
    """Every item for every audience, in a fixed order, with the open grant's time (one query)."""
    live = {
        (c.item, c.audience): c.granted_at
        for c in SharingConsent.objects.filter(employee=employee, withdrawn_at__isnull=True)
    }
    return [
        SharingChoice(item, str(item_label), audience, str(audience_label), live.get((item, audience)))
        for item, item_label in ShareItem.choices
        for audience, audience_label in ShareAudience.choices
    ]


@dataclass(frozen=True)
class OwnCounts:
    consultations: int
    open_consultations: int
    plans: int
    meetings: int
    shared_items: int


def own_counts(employee: Employee) -> OwnCounts:
    """The employee's own records, counted (their home page)."""
    consultations = Consultation.objects.filter(employee=employee).aggregate(
        total=Count("id"), open=Count("id", filter=~Q(status=ConsultationStatus.CLOSED))
    )
    return OwnCounts(
        consultations=consultations["total"],
        open_consultations=consultations["open"],
        plans=WorkCarePlan.objects.filter(employee=employee).exclude(status=PlanStatus.SUPERSEDED).count(),
        meetings=ThreePartyMeeting.objects.filter(employee=employee).count(),
        shared_items=SharingConsent.objects.filter(employee=employee, withdrawn_at__isnull=True).count(),
    )


@dataclass
class SharedRow:
    """An employee as an HR user or a manager may see them: only the items shared now."""

    employee: Employee
    since: dt.datetime | None  # when the caregiving fact was shared (None: not shared)
    items: dict[str, dt.datetime] = field(default_factory=dict)

    @property
    def item_labels(self) -> list[str]:
        return [str(label) for value, label in ShareItem.choices if value in self.items]

    def shares(self, item: str) -> bool:
        return item in self.items

    @property
    def shares_fact(self) -> bool:
        return ShareItem.CAREGIVING_FACT in self.items

    @property
    def shares_plan(self) -> bool:
        return ShareItem.PLAN_MEASURES in self.items

    @property
    def shares_ledger(self) -> bool:
        return ShareItem.LEAVE_LEDGER in self.items


def _rows(employees: QuerySet[Employee], audience: str) -> list[SharedRow]:
    """The employees with the items they share with `audience` now (two queries)."""
    people = list(employees)
    live = SharingConsent.objects.filter(
        employee__in=[e.pk for e in people],
        audience=audience,
        withdrawn_at__isnull=True,
        granted_at__lte=timezone.now(),
    )
    items: dict[int, dict[str, dt.datetime]] = {}
    for employee_id, item, granted_at in live.values_list("employee_id", "item", "granted_at"):
        items.setdefault(employee_id, {})[item] = granted_at
    rows = []
    for employee in people:
        shared = items.get(employee.pk, {})
        rows.append(SharedRow(employee=employee, since=shared.get(ShareItem.CAREGIVING_FACT), items=shared))
    return rows


def hr_shared_list(actor: User) -> list[SharedRow]:
    """The employees who share the fact of caregiving with HR now, with the other items they share
    with HR (two queries). Nothing for anyone but the company's HR."""
    if not is_hr(actor):
        return []
    employees = Employee.objects.filter(shared_with(actor, ShareItem.CAREGIVING_FACT), is_active=True)
    return _rows(employees.order_by("department", "employee_number"), ShareAudience.HR)


def hr_sharing_count(actor: User) -> int:
    """How many employees share the fact of caregiving with HR now (they consented to be seen)."""
    if not is_hr(actor):
        return 0
    return Employee.objects.filter(shared_with(actor, ShareItem.CAREGIVING_FACT), is_active=True).count()


def manager_shared_list(actor: User) -> list[SharedRow]:
    """The employees of the manager's own department who share at least one item with their manager
    now, each with those items only. Nothing for anyone but a manager."""
    if not is_manager(actor):
        return []
    anything = Q(pk__in=[])
    for item in ShareItem.values:
        anything |= shared_with(actor, item)
    employees = Employee.objects.filter(anything, is_active=True).exclude(user=actor)
    return _rows(employees.order_by("employee_number"), ShareAudience.MANAGER)


@dataclass(frozen=True)
class CompanyRow:
    company_id: int
    name: str
    employees: int
    open_consultations: int
    notices_open: int
    notices_overdue: int


def _count(queryset: QuerySet[Any]) -> Coalesce:
    # COUNT(id) with no GROUP BY (a plain Func is no aggregate to Django): one row, one number.
    counted = queryset.order_by().annotate(n=Func(F("id"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def staff_company_rows(actor: User, *, today: dt.date | None = None) -> list[CompanyRow]:
    """The companies of the workplace care manager's office with their counts — one query however
    many companies and employees there are (each count a correlated subquery)."""
    day = today or timezone.localdate()
    company = OuterRef("pk")
    open_notices = IndividualNotice.objects.filter(employee__company=company, given_on__isnull=True)
    companies = (
        companies_for(actor)
        .filter(is_active=True)
        .annotate(
            n_employees=_count(Employee.objects.filter(company=company, is_active=True)),
            n_open_consultations=_count(
                Consultation.objects.filter(employee__company=company).exclude(status=ConsultationStatus.CLOSED)
            ),
            n_notices_open=_count(open_notices),
            n_notices_overdue=_count(open_notices.filter(due_on__lt=day)),
        )
        .order_by("name", "id")
    )
    columns = ("pk", "name", "n_employees", "n_open_consultations", "n_notices_open", "n_notices_overdue")
    return [CompanyRow(*row) for row in companies.values_list(*columns)]
