"""Helpers of the portal tests: linked employees (a login with an Employee row) and consents."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from carebridge.core.roles import Role
from carebridge.workcare.models import Employee, SharingConsent

from ..factories import UserFactory
from .factories import EmployeeFactory

ME = "本人 花子"  # world.employee's Employee row
COWORKER = "同僚 二郎"
BOSS = "上司 三郎"


def me(o: Any) -> Employee:
    """world.employee (emp_sakura1) linked to an Employee of さくら製作所 (made once per Objs)."""
    if "me" not in o.__dict__:
        o.__dict__["me"] = EmployeeFactory(company=o.world.company, user=o.world.employee, name=ME, department="製造部")
    return o.__dict__["me"]


def boss(o: Any) -> Employee:
    """world.manager (mgr_sakura) linked to an Employee of the same department."""
    if "boss" not in o.__dict__:
        o.__dict__["boss"] = EmployeeFactory(
            company=o.world.company, user=o.world.manager, name=BOSS, department="製造部"
        )
    return o.__dict__["boss"]


def coworker(world: Any) -> Any:
    """A second employee of さくら製作所 with a login (role employee)."""
    user = UserFactory(username="coworker_sakura", role=Role.EMPLOYEE, office=None, company=world.company)
    EmployeeFactory(company=world.company, user=user, name=COWORKER, department="製造部")
    return user


def share(employee: Employee, item: str, audience: str) -> SharingConsent:
    """An open grant, made directly (the service is tested on its own)."""
    return SharingConsent.objects.create(
        office=employee.office, employee=employee, item=item, audience=audience, granted_at=timezone.now()
    )
