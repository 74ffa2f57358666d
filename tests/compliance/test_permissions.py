"""Permission matrix of the 運営基準 report and API (see tests/permission_matrix.py)."""

from __future__ import annotations

from ..permission_matrix import Case, matrix

CASES = [
    Case(
        "compliance report",
        "get",
        lambda o: "/care/compliance/",
        "compliance:report",
        "clerk_a",
        "wcm_a",
        403,
        200,
        other_office=200,
        lists_clients=True,
    ),
    Case(
        "compliance report (month)",
        "get",
        lambda o: "/care/compliance/?month=2026-11",
        "compliance:report",
        "cm_a",
        "hr",
        403,
        200,
        other_office=200,
        lists_clients=True,
    ),
    Case(
        "api compliance",
        "get",
        lambda o: "/api/v1/compliance?month=2026-11",
        "GET /api/v1/compliance",
        "clerk_a",
        "wcm_a",
        403,
        200,
        other_office=200,
        lists_clients=True,
    ),
]

test_anonymous, test_other_office, test_without_role, test_with_role = matrix(CASES)
