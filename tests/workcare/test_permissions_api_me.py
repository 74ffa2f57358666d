"""Permission matrix of the employee's own portal through the API (tests/permission_matrix.py),
case for case as the portal pages: the employee may, HR gets 403 (not an employee), another
office's staff 403; a coworker makes their own requests and answers only."""

from __future__ import annotations

from carebridge.workcare.models import Consultation, Screening

from ..permission_matrix import Case, matrix
from .factories_consultations import CALM_ANSWERS
from .test_permissions_consultations import emp, new_row
from .test_permissions_plans import PORTAL, _status, meeting, plan

M = "/api/v1/workcare/me"

CASES = [
    Case("API my consultations", "get", lambda o: (emp(o), f"{M}/consultations")[1],
         "GET /api/v1/workcare/me/consultations", "employee", "hr", 403, 200, other_office=403, lists_clients=True),
    Case("API my consultation request", "post", lambda o: (emp(o), f"{M}/consultations")[1],
         "POST /api/v1/workcare/me/consultations", "employee", "manager", 403, 201,
         {"channel": "phone", "content": "相談したい"}, other_office=403,
         post=new_row(Consultation, requested_by_employee=True), company_callers={"coworker": 201}),
    Case("API my screening", "post", lambda o: (emp(o), f"{M}/screening")[1], "POST /api/v1/workcare/me/screening",
         "employee", "hr", 403, 201, {"answers": CALM_ANSWERS}, other_office=403, post=new_row(Screening),
         company_callers={"coworker": 201}),
    Case("API my plans", "get", lambda o: (plan(o), f"{M}/plans")[1], "GET /api/v1/workcare/me/plans",
         allowed=200, reads_client=True, **PORTAL),
    Case("API my plan", "get", lambda o: f"{M}/plans/{plan(o).pk}", "GET /api/v1/workcare/me/plans/{plan_id}",
         allowed=200, reads_client=True, **PORTAL),
    Case("API my plan agree", "post", lambda o: f"{M}/plans/{plan(o).pk}/agree",
         "POST /api/v1/workcare/me/plans/{plan_id}/agree", allowed=200, post=_status("wc_plan", "agreed"), **PORTAL),
    Case("API my meetings", "get", lambda o: (meeting(o), f"{M}/meetings")[1], "GET /api/v1/workcare/me/meetings",
         allowed=200, reads_client=True, **PORTAL),
    Case("API my meeting", "get", lambda o: f"{M}/meetings/{meeting(o).pk}",
         "GET /api/v1/workcare/me/meetings/{meeting_id}", allowed=200, reads_client=True, **PORTAL),
]  # fmt: skip

test_anonymous, test_other_office, test_without_role, test_with_role = matrix(CASES)
