"""The FHIR export in the permission matrix (tests/permission_matrix.py): care staff and clerks
(care.view) read it, the workplace care manager is refused (403), another office gets 404."""

from __future__ import annotations

from ..permission_matrix import Case, matrix

CASES = [
    Case(
        "api client fhir bundle",
        "get",
        lambda o: f"/api/v1/clients/{o['active_plan'].client_id}/fhir?on=2026-05-01",
        "GET /api/v1/clients/{client_id}/fhir",
        "cm_a",
        "wcm_a",
        403,
        200,
        reads_client=True,
    ),
]

test_anonymous, test_other_office, test_without_role, test_with_role = matrix(CASES)
