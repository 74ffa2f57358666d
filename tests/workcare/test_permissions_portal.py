"""Permission matrix of the portals: the employee's home and sharing, HR's and the manager's
consented views, the workplace care manager's home (and their API)."""

from __future__ import annotations

from typing import Any

from carebridge.workcare.models import SharingConsent

from ..permission_matrix import Case, Objs, matrix
from .factories import EmployeeFactory
from .factories_portal import boss, me, share


def _live(o: Objs) -> Any:
    return SharingConsent.objects.filter(employee=me(o), withdrawn_at__isnull=True)


def _granted(o: Objs, actor: Any, before: dict[str, Any]) -> None:
    assert _live(o).filter(item="caregiving_fact", audience="hr").exists(), "no open grant"


def _none_left(o: Objs, actor: Any, before: dict[str, Any]) -> None:
    assert not _live(o).exists(), "a grant is still open"
    assert SharingConsent.objects.filter(employee=me(o), withdrawn_at__isnull=False).count() == 2


def _shared_with_hr(o: Objs) -> str:
    share(me(o), "caregiving_fact", "hr")
    share(me(o), "plan_measures", "hr")
    return "/workcare/hr/employees/"


def _shared_with_boss(o: Objs) -> str:
    boss(o)
    share(me(o), "caregiving_fact", "manager")
    return "/workcare/manager/"


def _two_grants(o: Objs) -> str:
    share(me(o), "caregiving_fact", "hr")
    share(me(o), "leave_ledger", "manager")
    return "/workcare/me/sharing/withdraw-all/"


def _staff_home(o: Objs) -> str:
    EmployeeFactory(company=o.world.company, name="在籍 一郎")
    return "/workcare/"


GRANT = {"item": "caregiving_fact", "audience": "hr", "action": "grant"}
EMPLOYEE_PAGE = {"with_role": "employee", "without_role": "hr", "denied_without_role": 403, "other_office": 403}

CASES = [
    Case(
        "workcare_home", "get", _staff_home, "workcare:home", "wcm_a", "cm_a", 403, 200, other_office=403
    ),
    Case(
        "my_home", "get", lambda o: (me(o), "/workcare/me/")[1], "workcare:my_home", allowed=200,
        company_callers={"coworker": 200}, **EMPLOYEE_PAGE,
    ),
    Case(
        "my_sharing", "get", lambda o: (me(o), "/workcare/me/sharing/")[1], "workcare:my_sharing", allowed=200,
        company_callers={"coworker": 200}, **EMPLOYEE_PAGE,
    ),
    Case(
        "my_sharing_grant", "post", lambda o: (me(o), "/workcare/me/sharing/")[1], "workcare:my_sharing",
        allowed=302, data=GRANT, post=_granted, company_callers={"coworker": 302}, **EMPLOYEE_PAGE,
    ),
    Case(
        "my_sharing_withdraw_all", "post", _two_grants, "workcare:my_sharing_withdraw_all", allowed=302,
        post=_none_left, company_callers={"coworker": 302}, **EMPLOYEE_PAGE,
    ),
    Case(
        "hr_home", "get", lambda o: "/workcare/hr/", "workcare:hr_home", "hr", "employee", 403, 200,
        other_office=403, company_callers={"hr_b": 200},
    ),
    Case(
        "hr_shared_list", "get", _shared_with_hr, "workcare:hr_shared_list", "hr", "employee", 403, 200,
        other_office=403, lists_clients=True, company_callers={"hr_b": 200},
    ),
    Case(
        "manager_home", "get", _shared_with_boss, "workcare:manager_home", "manager", "hr", 403, 200,
        other_office=403, lists_clients=True,
    ),
    Case(
        "api_my_sharing", "get", lambda o: (me(o), "/api/v1/workcare/me/sharing")[1],
        "GET /api/v1/workcare/me/sharing", allowed=200, company_callers={"coworker": 200}, **EMPLOYEE_PAGE,
    ),
    Case(
        "api_my_sharing_grant", "post", lambda o: (me(o), "/api/v1/workcare/me/sharing")[1],
        "POST /api/v1/workcare/me/sharing", allowed=200, data=GRANT, post=_granted,
        company_callers={"coworker": 200}, **EMPLOYEE_PAGE,
    ),
    Case(
        "api_hr_employees", "get", lambda o: _shared_with_hr(o) and "/api/v1/workcare/hr/employees",
        "GET /api/v1/workcare/hr/employees", "hr", "employee", 403, 200, other_office=403, lists_clients=True,
        company_callers={"hr_b": 200},
    ),
]  # fmt: skip

test_anonymous, test_other_office, test_without_role, test_with_role = matrix(CASES)
