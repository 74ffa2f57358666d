"""Permission matrix of the consultation pages and API (tests/permission_matrix.py), and the
same pages and operations refused to the company's HR, its manager, another company's HR and
another employee of the same company (404/403, nothing changes): HR and managers never see a
consultation, whatever the employee shared."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.utils import timezone

from carebridge.core.services import api_token_create
from carebridge.directory.models import Specialist
from carebridge.workcare import services
from carebridge.workcare.models import (
    CareBridge,
    Consultation,
    Referral,
    Screening,
    SharingConsent,
    SituationAssessment,
)

from ..factories import UserFactory
from ..permission_matrix import Case, _call, _prepare, changed, landed, matrix, state
from .factories import EmployeeFactory
from .factories_consultations import CALM_ANSWERS, bridge_input, consultation_of, linked_employee

TODAY = timezone.localdate


def emp(o: Any) -> Any:
    return o.__dict__.setdefault("emp", linked_employee(o.world))


def cons(o: Any, **values: Any) -> Consultation:
    return o.__dict__.setdefault("consultation", consultation_of(emp(o), **values))


def referral(o: Any) -> Referral:
    specialist = Specialist.objects.create(office=o.world.office_a, name="社労 花子", profession="sharoushi")
    row = Referral.objects.create(
        office=o.world.office_a, consultation=cons(o), target="specialist", specialist=specialist, reason="手続き"
    )
    return o.__dict__.setdefault("referral", row)


def bridge(o: Any) -> CareBridge:
    made = services.care_bridge_create(actor=o.world.wcm_a, consultation=cons(o), data=bridge_input())
    return o.__dict__.setdefault("bridge", made)


def new_row(model: type, **match: Any) -> Any:
    """A new `model` row about the linked employee (a company user has no office to land in)."""

    def check(o: Any, actor: Any, before: dict[str, Any]) -> None:
        known = {json.loads(r)["id"] for r in before.get(model._meta.label, [])}
        rows = model.objects.filter(employee=emp(o), **match).exclude(pk__in=known)
        assert rows.exists(), f"no new {model.__name__}"
        assert all(r.office_id == o.world.office_a.pk for r in rows)

    check.__name__ = f"new_row({model.__name__})"
    return check


def bridge_data(o: Any) -> dict[str, Any]:
    today = TODAY().isoformat()
    return {
        "employee_consented_on": today,
        "recipient_consent_by": "本人",
        "recipient_consented_on": today,
        "scope": "相談内容",
        "subject_name": "桜井 トメ",
        "main_complaint": "介護保険の申請",
    }


C = "/workcare/consultations"
API = "/api/v1/workcare"

CASES = [
    # -- the employee's portal --
    Case("my consultations", "get", lambda o: (emp(o), "/workcare/me/consultations/")[1],
         "workcare:my_consultations", "employee", "hr", 403, 200, other_office=403, lists_clients=True),
    Case("my consultation form", "get", lambda o: (emp(o), "/workcare/me/consultations/new/")[1],
         "workcare:my_consultation_new", "employee", "hr", 403, 200, other_office=403),
    Case("my consultation request", "post", lambda o: (emp(o), "/workcare/me/consultations/new/")[1],
         "workcare:my_consultation_new", "employee", "manager", 403, 302, {"channel": "phone", "content": "相談したい"},
         other_office=403, post=new_row(Consultation, requested_by_employee=True),
         company_callers={"coworker": 302}),  # a coworker requests one of their own
    Case("my screening form", "get", lambda o: (emp(o), "/workcare/me/screening/")[1],
         "workcare:my_screening", "employee", "hr", 403, 200, other_office=403),
    Case("my screening answer", "post", lambda o: (emp(o), "/workcare/me/screening/")[1],
         "workcare:my_screening", "employee", "hr", 403, 200, CALM_ANSWERS, other_office=403,
         post=new_row(Screening), company_callers={"coworker": 200}),  # their own screening
    # -- the workplace care manager --
    Case("employee consultations", "get", lambda o: f"/workcare/employees/{emp(o).pk}/consultations/",
         "workcare:employee_consultations", "wcm_a", "cm_a", 404, 200, lists_clients=True),
    Case("consultation record form", "get", lambda o: f"/workcare/employees/{emp(o).pk}/consultations/new/",
         "workcare:employee_consultation_new", "wcm_a", "cm_a", 404, 200),
    Case("consultation record", "post", lambda o: f"/workcare/employees/{emp(o).pk}/consultations/new/",
         "workcare:employee_consultation_new", "wcm_a", "cm_a", 404, 302, {"channel": "meeting", "content": "面談"},
         post=landed(Consultation)),
    Case("consultation detail", "get", lambda o: f"{C}/{cons(o).pk}/",
         "workcare:consultation_detail", "wcm_a", "cm_a", 404, 200, reads_client=True),
    Case("consultation start", "post", lambda o: f"{C}/{cons(o).pk}/start/",
         "workcare:consultation_start", "wcm_a", "cm_a", 404, 302, {"on": TODAY().isoformat()},
         post=changed("consultation", "status", "in_progress")),
    Case("consultation close", "post", lambda o: f"{C}/{cons(o, status='in_progress').pk}/close/",
         "workcare:consultation_close", "wcm_a", "cm_a", 404, 302, {"on": TODAY().isoformat()},
         post=changed("consultation", "status", "closed")),
    Case("assessment form", "get", lambda o: f"{C}/{cons(o).pk}/assessment/",
         "workcare:consultation_assessment", "wcm_a", "cm_a", 404, 200),
    Case("assessment record", "post", lambda o: f"{C}/{cons(o).pk}/assessment/",
         "workcare:consultation_assessment", "wcm_a", "cm_a", 404, 302,
         lambda o: {"assessed_on": TODAY().isoformat(), "item_1": "2", "item_5": "3"},
         post=landed(SituationAssessment)),
    Case("screening form", "get", lambda o: f"{C}/{cons(o).pk}/screening/",
         "workcare:consultation_screening", "wcm_a", "cm_a", 404, 200),
    Case("screening record", "post", lambda o: f"{C}/{cons(o).pk}/screening/",
         "workcare:consultation_screening", "wcm_a", "cm_a", 404, 302, CALM_ANSWERS, post=landed(Screening)),
    Case("support map", "get", lambda o: f"{C}/{cons(o).pk}/map/",
         "workcare:consultation_map", "wcm_a", "cm_a", 404, 200, reads_client=True),
    Case("support map pdf", "get", lambda o: f"{C}/{cons(o).pk}/map.pdf",
         "workcare:consultation_map_pdf", "wcm_a", "cm_a", 404, 200, reads_client=True),
    Case("referral form", "get", lambda o: f"{C}/{cons(o).pk}/referrals/new/",
         "workcare:referral_new", "wcm_a", "cm_a", 404, 200),
    Case("referral record", "post", lambda o: f"{C}/{cons(o).pk}/referrals/new/",
         "workcare:referral_new", "wcm_a", "cm_a", 404, 302,
         lambda o: {"target": "specialist", "specialist": o.specialist.pk, "reason": "手続きの相談"},
         post=landed(Referral)),
    Case("referral status", "post", lambda o: f"/workcare/referrals/{referral(o).pk}/status/",
         "workcare:referral_status", "wcm_a", "cm_a", 404, 302, {"status": "referred"},
         post=changed("referral", "status", "referred")),
    Case("bridge form", "get", lambda o: f"{C}/{cons(o).pk}/bridge/new/",
         "workcare:bridge_new", "wcm_a", "cm_a", 404, 200),
    Case("bridge create", "post", lambda o: f"{C}/{cons(o).pk}/bridge/new/",
         "workcare:bridge_new", "wcm_a", "cm_a", 404, 302, bridge_data, post=landed(CareBridge)),
    Case("bridge withdraw", "post", lambda o: f"/workcare/bridges/{bridge(o).pk}/withdraw/",
         "workcare:bridge_withdraw", "wcm_a", "cm_a", 404, 302,
         post=changed("bridge", "withdrawn_at", lambda v: v is not None)),
    # -- API --
    Case("api consultations", "get", lambda o: f"{API}/employees/{emp(o).pk}/consultations",
         "GET /api/v1/workcare/employees/{employee_id}/consultations", "wcm_a", "cm_a", 404, 200, lists_clients=True),
    Case("api consultation record", "post", lambda o: f"{API}/employees/{emp(o).pk}/consultations",
         "POST /api/v1/workcare/employees/{employee_id}/consultations", "wcm_a", "cm_a", 404, 201,
         {"channel": "phone", "content": "電話相談"}, post=landed(Consultation)),
    Case("api consultation", "get", lambda o: f"{API}/consultations/{cons(o).pk}",
         "GET /api/v1/workcare/consultations/{consultation_id}", "wcm_a", "cm_a", 404, 200, reads_client=True),
    Case("api screening", "post", lambda o: f"{API}/consultations/{cons(o).pk}/screening",
         "POST /api/v1/workcare/consultations/{consultation_id}/screening", "wcm_a", "cm_a", 404, 201,
         {"answers": CALM_ANSWERS}, post=landed(Screening)),
    Case("api map", "get", lambda o: f"{API}/consultations/{cons(o).pk}/map",
         "GET /api/v1/workcare/consultations/{consultation_id}/map", "wcm_a", "cm_a", 404, 200, reads_client=True),
    Case("api referral", "post", lambda o: f"{API}/consultations/{cons(o).pk}/referrals",
         "POST /api/v1/workcare/consultations/{consultation_id}/referrals", "wcm_a", "cm_a", 404, 201,
         lambda o: {"target": "specialist", "specialist_id": o.specialist.pk, "reason": "手続き"},
         post=landed(Referral)),
    Case("api bridge", "post", lambda o: f"{API}/consultations/{cons(o).pk}/bridge",
         "POST /api/v1/workcare/consultations/{consultation_id}/bridge", "wcm_a", "cm_a", 404, 201, bridge_data,
         post=landed(CareBridge)),
    Case("api bridge withdraw", "post", lambda o: f"{API}/bridges/{bridge(o).pk}/withdraw",
         "POST /api/v1/workcare/bridges/{bridge_id}/withdraw", "wcm_a", "cm_a", 404, 200,
         post=changed("bridge", "withdrawn_at", lambda v: v is not None)),
    Case("api start", "post", lambda o: f"{API}/consultations/{cons(o).pk}/start",
         "POST /api/v1/workcare/consultations/{consultation_id}/start", "wcm_a", "cm_a", 404, 200,
         lambda o: {"held_on": TODAY().isoformat()}, post=changed("consultation", "status", "in_progress")),
    Case("api close", "post", lambda o: f"{API}/consultations/{cons(o, status='in_progress').pk}/close",
         "POST /api/v1/workcare/consultations/{consultation_id}/close", "wcm_a", "cm_a", 404, 200,
         {}, post=changed("consultation", "status", "closed")),
    Case("api map pdf", "get", lambda o: f"{API}/consultations/{cons(o).pk}/map/pdf",
         "GET /api/v1/workcare/consultations/{consultation_id}/map/pdf", "wcm_a", "cm_a", 404, 200,
         reads_client=True),
]  # fmt: skip

test_anonymous, test_other_office, test_without_role, test_with_role = matrix(CASES)

WORKPLACE_CASES = [c for c in CASES if c.with_role == "wcm_a"]


def _other_employee(world: Any) -> Any:
    user = UserFactory(username="emp_sakura2", role="employee", office=None, company=world.company)
    EmployeeFactory(company=world.company, user=user, name="別の 社員")
    return user


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["hr", "manager", "hr_b", "other_employee"])
@pytest.mark.parametrize("case", WORKPLACE_CASES, ids=[c.name for c in WORKPLACE_CASES])
def test_company_users_reach_no_consultation(world, client, case, who):
    """HR (even with every item shared), the manager, another company's HR and another employee
    of the same company: 403/404 (401 for an API token a company user may not hold), nothing changes."""
    _o, url, data = _prepare(world, case)
    employee = linked_employee(world)
    for audience in ("hr", "manager"):
        for item in ("caregiving_fact", "plan_measures", "leave_ledger"):
            SharingConsent.objects.create(
                office=world.office_a, employee=employee, audience=audience, item=item, granted_at=timezone.now()
            )
    actor = _other_employee(world) if who == "other_employee" else getattr(world, who)
    token = api_token_create(actor=None, user=actor) if case.api else None
    if not case.api:
        client.force_login(actor)
    before = state()
    response = _call(client, case, url, data, token)
    assert response.status_code in (401, 403, 404), (case.name, who, response.status_code)
    assert state() == before
