"""Audit recipes of the roster, invitation and care-recipient services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from carebridge.workcare.inputs import CareRecipientInput, EmployeeInput
from carebridge.workcare.services import people as services
from tests.audit_recipe import Recipe
from tests.permission_matrix import Objs

from .factories import CareRecipientFactory, EmployeeFactory

EMPLOYEE = EmployeeInput(
    employee_number="R0001",
    name="監査 花子",
    birth_date=dt.date(1975, 4, 1),
    hired_on=dt.date(1998, 4, 1),
    daily_hours=Decimal("7.50"),
    email="kansa@example.com",
)
FAMILY = CareRecipientInput(label="母", relation="parent", age=80, care_level="care_2")


def _employee(o: Objs, **kwargs: Any) -> Any:
    return EmployeeFactory(company=o.world.company, email="kansa@example.com", **kwargs)


def _create_ok(o: Objs):
    return lambda: services.employee_create(actor=o.world.hr, company=o.world.company, data=EMPLOYEE)


def _create_refused(o: Objs):
    _employee(o, employee_number="R0001")  # the number is taken
    return lambda: services.employee_create(actor=o.world.hr, company=o.world.company, data=EMPLOYEE)


def _update_ok(o: Objs):
    employee = _employee(o)
    data = EmployeeInput(
        employee_number=employee.employee_number,
        name=employee.name,
        birth_date=employee.birth_date,
        hired_on=employee.hired_on,
        department="総務部",
    )
    return lambda: services.employee_update(actor=o.world.wcm_a, employee=employee, data=data)


def _update_refused(o: Objs):
    employee = _employee(o)
    data = EmployeeInput(
        employee_number=employee.employee_number,
        name=employee.name,
        birth_date=dt.date(2099, 1, 1),  # in the future
        hired_on=employee.hired_on,
    )
    return lambda: services.employee_update(actor=o.world.wcm_a, employee=employee, data=data)


def _deactivate_ok(o: Objs):
    employee = _employee(o)
    return lambda: services.employee_deactivate(actor=o.world.hr, employee=employee)


def _deactivate_refused(o: Objs):
    employee = _employee(o, is_active=False)  # already inactive
    return lambda: services.employee_deactivate(actor=o.world.hr, employee=employee)


def _invite_ok(o: Objs):
    employee = _employee(o)
    return lambda: services.employee_invite(actor=o.world.hr, employee=employee)


def _invite_refused(o: Objs):
    employee = EmployeeFactory(company=o.world.company, email="")  # no address to send the link to
    return lambda: services.employee_invite(actor=o.world.hr, employee=employee)


def _family_ok(o: Objs):
    employee = _employee(o, user=o.world.employee)
    return lambda: services.care_recipient_create(actor=o.world.employee, employee=employee, data=FAMILY)


def _family_refused(o: Objs):
    employee = _employee(o)
    bad = CareRecipientInput(label="母", relation="parent", care_level="care_9")
    return lambda: services.care_recipient_create(actor=o.world.wcm_a, employee=employee, data=bad)


def _family_update_ok(o: Objs):
    recipient = CareRecipientFactory(employee=_employee(o))
    return lambda: services.care_recipient_update(actor=o.world.wcm_a, care_recipient=recipient, data=FAMILY)


def _family_update_refused(o: Objs):
    recipient = CareRecipientFactory(employee=_employee(o))
    bad = CareRecipientInput(label="母", relation="cousin")
    return lambda: services.care_recipient_update(actor=o.world.wcm_a, care_recipient=recipient, data=bad)


RECIPES = {
    "employee_create": Recipe(_create_ok, _create_refused),
    "employee_update": Recipe(_update_ok, _update_refused),
    "employee_deactivate": Recipe(_deactivate_ok, _deactivate_refused),
    "employee_invite": Recipe(_invite_ok, _invite_refused),
    "care_recipient_create": Recipe(_family_ok, _family_refused),
    "care_recipient_update": Recipe(_family_update_ok, _family_update_refused),
}
