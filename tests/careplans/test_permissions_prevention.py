"""Permission matrix of the 介護予防サービス・支援計画書 pages and API (see tests/permission_matrix.py).

As for 第1〜3表: care staff write, clerks read, the workplace care manager sees nothing."""

from __future__ import annotations

from carebridge.careplans.prevention_models import PreventionPlan, PreventionSupportRow

from ..permission_matrix import Case, changed, landed, matrix, removed
from .prevention_helpers import pconsented, pdelivered, pplan, prow, support_client

PLAN_FORM = {"drafted_on": "2026-04-05", "plan_origin": "initial", "commissioning_center": "地域包括支援センター中央"}
ROW = {"goal": "歩いて買い物に行く", "period_start": "2026-04-15", "period_end": "2026-09-30", "self_care": "体操"}
WRITE = {"with_role": "cm_a", "without_role": "clerk_a", "denied_without_role": 403}
READ = {"with_role": "clerk_a", "without_role": "wcm_a", "denied_without_role": 404, "reads_client": True}


def _page(o, make=pplan):
    return f"/prevention-plans/{make(o).pk}"


def _api(o, make=pplan):
    return f"/api/v1/prevention-plans/{make(o).pk}"


CASES = [
    Case("prevention list", "get", lambda o: f"/clients/{support_client(o).pk}/prevention-plans/",
         "careplans:prevention_list", allowed=200, **READ),
    Case("prevention form", "get", lambda o: f"/clients/{support_client(o).pk}/prevention-plans/new/",
         "careplans:prevention_create", allowed=200, reads_client=True, **WRITE),
    Case("prevention create", "post", lambda o: f"/clients/{support_client(o).pk}/prevention-plans/new/",
         "careplans:prevention_create", allowed=302, data=PLAN_FORM, post=landed(PreventionPlan), **WRITE),
    Case("prevention detail", "get", lambda o: f"{_page(o)}/", "careplans:prevention_detail", allowed=200, **READ),
    Case("prevention edit form", "get", lambda o: f"{_page(o)}/edit/", "careplans:prevention_edit",
         allowed=200, reads_client=True, **WRITE),
    Case("prevention edit", "post", lambda o: f"{_page(o)}/edit/", "careplans:prevention_edit", allowed=302,
         data={**PLAN_FORM, "policy": "新しい方針"}, post=changed("prev_plan", "policy", "新しい方針"), **WRITE),
    Case("prevention row form", "get", lambda o: f"{_page(o)}/rows/new/", "careplans:prevention_row_create",
         allowed=200, reads_client=True, **WRITE),
    Case("prevention row add", "post", lambda o: f"{_page(o)}/rows/new/", "careplans:prevention_row_create",
         allowed=302, data=ROW, post=landed(PreventionSupportRow), **WRITE),
    Case("prevention row delete", "post", lambda o: f"{_page(o)}/rows/{prow(o).pk}/delete/",
         "careplans:prevention_row_delete", allowed=302, post=removed("prev_row"), **WRITE),
    Case("prevention consent form", "get", lambda o: f"{_page(o)}/consent/", "careplans:prevention_consent",
         allowed=200, reads_client=True, **WRITE),
    Case("prevention consent", "post", lambda o: f"{_page(o)}/consent/", "careplans:prevention_consent",
         allowed=302, data={"consented_on": "2026-04-10", "signer_name": "予防 花子"},
         post=changed("prev_plan", "status", "consented"), **WRITE),
    Case("prevention deliver form", "get", lambda o: f"{_page(o, pconsented)}/deliver/",
         "careplans:prevention_deliver", allowed=200, reads_client=True, **WRITE),
    Case("prevention deliver", "post", lambda o: f"{_page(o, pconsented)}/deliver/",
         "careplans:prevention_deliver", allowed=302,
         data={"delivered_on": "2026-04-10", "service_start_on": "2026-04-15"},
         post=changed("prev_consented", "status", "delivered"), **WRITE),
    Case("prevention revise form", "get", lambda o: f"{_page(o, pdelivered)}/revise/",
         "careplans:prevention_revise", allowed=200, reads_client=True, **WRITE),
    Case("prevention revise", "post", lambda o: f"{_page(o, pdelivered)}/revise/", "careplans:prevention_revise",
         allowed=302, data={"drafted_on": "2026-10-01"}, post=landed(PreventionPlan), **WRITE),
    Case("prevention pdf", "get", lambda o: f"{_page(o)}/pdf/", "careplans:prevention_pdf", allowed=200, **READ),
    # -- API ---------------------------------------------------------------------------------------
    Case("api prevention plans", "get", lambda o: f"/api/v1/clients/{support_client(o).pk}/prevention-plans",
         "GET /api/v1/clients/{client_id}/prevention-plans", allowed=200, **READ),
    Case("api prevention create", "post", lambda o: f"/api/v1/clients/{support_client(o).pk}/prevention-plans",
         "POST /api/v1/clients/{client_id}/prevention-plans", allowed=201,
         data={"drafted_on": "2026-04-05", "commissioning_center": "地域包括支援センター中央"},
         post=landed(PreventionPlan), **WRITE),
    Case("api prevention get", "get", lambda o: _api(o), "GET /api/v1/prevention-plans/{plan_id}",
         allowed=200, **READ),
    Case("api prevention patch", "patch", lambda o: _api(o), "PATCH /api/v1/prevention-plans/{plan_id}",
         allowed=200, data={"policy": "API方針"}, post=changed("prev_plan", "policy", "API方針"), **WRITE),
    Case("api prevention rows", "get", lambda o: f"{_api(o)}/rows", "GET /api/v1/prevention-plans/{plan_id}/rows",
         allowed=200, **READ),
    Case("api prevention row add", "post", lambda o: f"{_api(o)}/rows",
         "POST /api/v1/prevention-plans/{plan_id}/rows", allowed=201, data=ROW,
         post=landed(PreventionSupportRow), **WRITE),
    Case("api prevention consent", "post", lambda o: f"{_api(o)}/consent",
         "POST /api/v1/prevention-plans/{plan_id}/consent", allowed=200,
         data={"consented_on": "2026-04-10", "signer_name": "予防 花子"},
         post=changed("prev_plan", "status", "consented"), **WRITE),
    Case("api prevention deliver", "post", lambda o: f"{_api(o, pconsented)}/deliver",
         "POST /api/v1/prevention-plans/{plan_id}/deliver", allowed=200,
         data={"delivered_on": "2026-04-10", "service_start_on": "2026-04-15"},
         post=changed("prev_consented", "status", "delivered"), **WRITE),
    Case("api prevention revise", "post", lambda o: f"{_api(o, pdelivered)}/revise",
         "POST /api/v1/prevention-plans/{plan_id}/revise", allowed=201, data={"drafted_on": "2026-10-01"},
         post=landed(PreventionPlan), **WRITE),
    Case("api prevention pdf", "get", lambda o: f"{_api(o)}/pdf", "GET /api/v1/prevention-plans/{plan_id}/pdf",
         allowed=200, **READ),
]  # fmt: skip

test_anonymous, test_other_office, test_without_role, test_with_role = matrix(CASES)
