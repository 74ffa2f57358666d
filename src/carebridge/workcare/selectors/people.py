"""Reads of the roster and of care recipients (scoped by the gates in workcare/access.py)."""

from __future__ import annotations

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from carebridge.core.models import Company, User

from ..access import roster_rows, shared_with
from ..models import CareRecipient, Employee, EmployeeInvitation

PAGE_SIZE = 50


def roster_list(
    *, actor: User, company: Company, query: str = "", include_inactive: bool = False
) -> models.QuerySet[Employee]:
    """The company's employees the actor may see as roster rows, searched by number, name or
    department; each row says whether an invitation is open. A fixed number of queries."""
    open_invitation = EmployeeInvitation.objects.filter(
        employee=OuterRef("pk"), accepted_at__isnull=True, expires_at__gt=timezone.now()
    )
    rows = roster_rows(actor, Employee.objects.filter(company=company)).annotate(invited=Exists(open_invitation))
    if not include_inactive:
        rows = rows.filter(is_active=True)
    text = query.strip()[:100]
    if text:
        rows = rows.filter(Q(employee_number__icontains=text) | Q(name__icontains=text) | Q(department__icontains=text))
    return rows.order_by("employee_number", "pk")


def care_recipients_of(*, employee: Employee) -> list[CareRecipient]:
    """The employee's family members (the gate decides who may call this)."""
    return list(CareRecipient.objects.filter(employee=employee).order_by("-is_active", "id"))


def caregiving_shared(*, actor: User, employee: Employee) -> bool:
    """Whether the employee shares "the fact of caregiving" with this HR user or manager now."""
    return Employee.objects.filter(shared_with(actor, "caregiving_fact"), pk=employee.pk).exists()


def open_invitation(*, employee: Employee) -> EmployeeInvitation | None:
    return (
        EmployeeInvitation.objects.filter(employee=employee, accepted_at__isnull=True, expires_at__gt=timezone.now())
        .order_by("-expires_at")
        .first()
    )
