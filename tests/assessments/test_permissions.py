"""Permission matrix of the assessment pages and API (see tests/permission_matrix.py)."""

from __future__ import annotations

from carebridge.assessments.models import Assessment

from ..permission_matrix import Case, changed, landed, matrix

CASES = [
    Case(
        "assessment form",
        "get",
        lambda o: f"/care/clients/{o['client'].pk}/assessments/new/",
        "assessments:create",
        "cm_a",
        "clerk_a",
        403,
        200,
        reads_client=True,
    ),
    Case(
        "assessment create",
        "post",
        lambda o: f"/care/clients/{o['client'].pk}/assessments/new/",
        "assessments:create",
        "cm_a",
        "clerk_a",
        403,
        302,
        {"assessed_on": "2026-11-01", "place": "自宅", "reason": "initial", "item_11_walking": "見守り"},
        post=landed(Assessment),
    ),
    Case(
        "assessment detail",
        "get",
        lambda o: f"/care/clients/{o['client'].pk}/assessments/{o['assessment'].pk}/",
        "assessments:detail",
        "clerk_a",
        "wcm_a",
        404,
        200,
        reads_client=True,
    ),
    Case(
        "api assessments",
        "get",
        lambda o: f"/api/v1/clients/{o['client'].pk}/assessments",
        "GET /api/v1/clients/{client_id}/assessments",
        "clerk_a",
        "wcm_a",
        404,
        200,
        reads_client=True,
    ),
    Case(
        "api assessment create",
        "post",
        lambda o: f"/api/v1/clients/{o['client'].pk}/assessments",
        "POST /api/v1/clients/{client_id}/assessments",
        "cm_a",
        "clerk_a",
        403,
        201,
        {"assessed_on": "2026-11-01", "reason": "initial", "items": {"11": {"walking": "見守り"}}},
        post=landed(Assessment),
    ),
    Case(
        "api assessment update",
        "patch",
        lambda o: f"/api/v1/assessments/{o['assessment'].pk}",
        "PATCH /api/v1/assessments/{assessment_id}",
        "cm_a",
        "clerk_a",
        403,
        200,
        {"place": "病院"},
        post=changed("assessment", "place", "病院"),
    ),
]

test_anonymous, test_other_office, test_without_role, test_with_role = matrix(CASES)
