"""Audit recipes of the portal services (tests/test_audit_every_service.py)."""

from __future__ import annotations

from collections.abc import Callable

from carebridge.workcare import services

from ..audit_recipe import Recipe
from ..permission_matrix import Objs
from .factories_portal import me, share


def _grant_ok(o: Objs) -> Callable[[], object]:
    me(o)
    return lambda: services.sharing_grant(actor=o.world.employee, item="caregiving_fact", audience="hr")


def _grant_refused(o: Objs) -> Callable[[], object]:
    me(o)
    return lambda: services.sharing_grant(actor=o.world.employee, item="diagnosis", audience="hr")


def _withdraw_ok(o: Objs) -> Callable[[], object]:
    share(me(o), "plan_measures", "manager")
    return lambda: services.sharing_withdraw(actor=o.world.employee, item="plan_measures", audience="manager")


def _withdraw_refused(o: Objs) -> Callable[[], object]:
    share(me(o), "plan_measures", "manager")
    return lambda: services.sharing_withdraw(actor=o.world.employee, item="plan_measures", audience="ceo")


def _withdraw_all_ok(o: Objs) -> Callable[[], object]:
    share(me(o), "caregiving_fact", "hr")
    share(me(o), "leave_ledger", "manager")
    return lambda: services.sharing_withdraw_all(actor=o.world.employee)


RECIPES = {
    "sharing_grant": Recipe(_grant_ok, _grant_refused),
    "sharing_withdraw": Recipe(_withdraw_ok, _withdraw_refused),
    "sharing_withdraw_all": Recipe(
        _withdraw_all_ok,
        None,
        "withdrawing everything takes no value to refuse; a caller who is not the employee is refused "
        "with PermissionDenied before any write",
    ),
}
