"""The permission harness, extended to the company's own people: every case of every
tests/workcare/test_permissions*.py called as another company's HR (`hr_b`), as another employee
of the same company (`coworker`: a login of さくら製作所 linked to its own Employee row) and as the
manager (`manager`: mgr_sakura, linked to an Employee of the same department 製造部 unless the
case links them itself). The case's own `with_role` caller is not called again.

Each such caller is denied (403 or 404) and nothing changes, with one exception needing no
declaration: a GET of a page with no record id in its path (a portal home, one's own list, such
as /workcare/me/plans/) may answer 200 if it shows none of the case's records and changes no row
(its own list event in the audit trail aside).

A case names the callers it allows in `Case.company_callers` ({"hr_b" | "coworker" | "manager":
status}). Such a caller gets exactly that status; the answer shows none of the case's records (the
names of the employees the case made, their consultations and plans; for another company's HR, the
company's name too); no row that existed before changed (and a read makes no row but audit events).
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction

from carebridge.core.models import AuditEvent
from carebridge.workcare.models import Consultation, Employee, WorkCarePlan

from ..permission_matrix import Case, _call, _login, _prepare, _text, state
from .factories import EmployeeFactory
from .factories_portal import BOSS, coworker

CALLERS = ("hr_b", "coworker", "manager")
HERE = Path(__file__).resolve().parent


def workcare_cases() -> list[Case]:
    cases: list[Case] = []
    for path in sorted(HERE.glob("test_permissions*.py")):
        cases.extend(importlib.import_module(f"tests.workcare.{path.stem}").CASES)
    return cases


CASES = workcare_cases()


def _caller(world: Any, name: str) -> Any:
    if name == "hr_b":
        return world.hr_b
    if name == "coworker":
        return coworker(world)
    if not Employee.objects.filter(user=world.manager).exists():
        EmployeeFactory(company=world.company, user=world.manager, name=BOSS, department="製造部")
    return world.manager


def _secrets(world: Any, caller: Any, name: str) -> list[str]:
    """What the case made that this caller must not see in the answer."""
    others = Employee.objects.exclude(user=caller)
    texts = [e.name for e in others]
    texts += [c.content for c in Consultation.objects.exclude(employee__user=caller)]
    texts += [p.goals for p in WorkCarePlan.objects.exclude(employee__user=caller)]
    if name == "hr_b":
        texts.append(world.company.name)
    return [t for t in texts if t]


def _unchanged_rows(before: dict[str, Any], after: dict[str, Any], *, read: bool) -> None:
    for label, rows in before.items():
        if label == AuditEvent._meta.label:
            continue
        kept = set(after.get(label, []))
        lost = [json.loads(row) for row in rows if row not in kept]
        assert not lost, f"{label}: rows changed or removed: {[r.get('id') for r in lost]}"
        if read:
            assert after[label] == rows, f"a read made a {label}"


def _check_caller(world: Any, client: Any, case: Case, url: str, data: dict[str, Any], caller_name: str) -> None:
    caller = _caller(world, caller_name)
    secrets = _secrets(world, caller, caller_name)
    token = _login(client, case, caller)
    before = state()
    response = _call(client, case, url, data, token)
    expected = case.company_callers.get(caller_name)
    body = _text(response) or response.content.decode(errors="replace")
    shown = [text for text in secrets if text in body]
    if expected is None and response.status_code == 200 and _open_to_every_company_user(case, url):
        assert not shown, f"{caller_name} was shown {shown}"
        _unchanged_rows(before, state(), read=True)
        return
    if expected is None:
        assert response.status_code in (403, 404), f"{caller_name} got {response.status_code}: {body[:300]}"
        assert state() == before, f"a call denied to {caller_name} changed something"
        return
    assert response.status_code == expected, f"{caller_name}: {body[:300]}"
    assert not shown, f"{caller_name} was shown {shown}"
    _unchanged_rows(before, state(), read=case.method == "get")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_company_callers(world: Any, client: Any, case: Case) -> None:
    """Each caller in turn against the same records, each inside a savepoint rolled back after it
    (what one caller may legitimately write, such as a coworker's own request, is gone for the
    next), so the world and the case's records are built once per case."""
    _o, url, data = _prepare(world, case)
    for caller_name in (name for name in CALLERS if name != case.with_role):
        with transaction.atomic():
            _check_caller(world, client, case, url, dict(data), caller_name)
            transaction.set_rollback(True)
        client.logout()


def _open_to_every_company_user(case: Case, url: str) -> bool:
    """A read of a page whose path names no record (a home, one's own list)."""
    path = url.split("?")[0]
    return case.method == "get" and not any(part.isdigit() for part in path.split("/"))


def test_every_caller_named_by_a_case_exists() -> None:
    unknown = {name for case in CASES for name in case.company_callers} - set(CALLERS)
    assert not unknown, f"company_callers names no known caller: {sorted(unknown)}"


@pytest.mark.parametrize("name", ["hr_shared_list", "api_hr_employees"])
def test_the_harness_sees_what_a_caller_is_shown(world: Any, client: Any, name: str) -> None:
    """Its own check: the same company's HR, who may see a consenting employee, is caught showing
    them (so a leak to the callers above would be caught alike), on the page and in the API."""
    case = next(c for c in CASES if c.name == name)
    _o, url, data = _prepare(world, case)
    response = _call(client, case, url, data, _login(client, case, world.hr))
    assert response.status_code == 200
    body = _text(response)
    assert [text for text in _secrets(world, world.hr, "hr") if text in body] == ["本人 花子"]
