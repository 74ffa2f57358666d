"""Permission matrix of the intake's conversion through the API (see tests/permission_matrix.py):
care staff register the client and the contract; clerks get 403; another office 404."""

from __future__ import annotations

from carebridge.casework.models import CareManagementContract

from ..permission_matrix import Case, landed, matrix

CONVERT = {
    "client": {
        "name": "計画 一郎",
        "kana": "ケイカク　イチロウ",
        "birth_date": "1941-02-03",
        "sex": "male",
        "insurer_number": "131128",
        "insured_number": "0000077777",
    },
    "contract": {"contracted_on": "2026-11-02", "multiple_providers_explained": True},
}

CASES = [
    Case(
        "api intake convert",
        "post",
        lambda o: f"/api/v1/intakes/{o['intake'].pk}/convert",
        "POST /api/v1/intakes/{intake_id}/convert",
        "cm_a",
        "clerk_a",
        403,
        201,
        CONVERT,
        post=landed(CareManagementContract),
    ),
]

test_anonymous, test_other_office, test_without_role, test_with_role = matrix(CASES)
