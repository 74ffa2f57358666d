"""Permission matrix of the 判断基準 and referral-status API (tests/permission_matrix.py), case for
case as their pages in test_permissions_consultations.py: the office's workplace care manager."""

from __future__ import annotations

from carebridge.workcare.models import SituationAssessment

from ..permission_matrix import Case, changed, landed, matrix
from .test_permissions_consultations import TODAY, cons, referral

A = "/api/v1/workcare"

CASES = [
    Case("API assessment record", "post", lambda o: f"{A}/consultations/{cons(o).pk}/assessment",
         "POST /api/v1/workcare/consultations/{consultation_id}/assessment", "wcm_a", "cm_a", 404, 201,
         lambda o: {"assessed_on": TODAY().isoformat(), "item_levels": {"1": 2, "5": 3}},
         post=landed(SituationAssessment)),
    Case("API referral status", "post", lambda o: f"{A}/referrals/{referral(o).pk}/status",
         "POST /api/v1/workcare/referrals/{referral_id}/status", "wcm_a", "cm_a", 404, 200, {"status": "referred"},
         post=changed("referral", "status", "referred")),
]  # fmt: skip

test_anonymous, test_other_office, test_without_role, test_with_role = matrix(CASES)
