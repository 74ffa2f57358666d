"""Permission matrix of 今日 through the API (see tests/permission_matrix.py): the office's staff
who see clients; the workplace care manager gets 403; another office sees only its own."""

from __future__ import annotations

from ..permission_matrix import Case, matrix

CASES = [
    Case(
        "api today",
        "get",
        lambda o: (o["plan"], "/api/v1/today")[1],
        "GET /api/v1/today",
        "cm_a",
        "wcm_a",
        403,
        200,
        other_office=200,
        lists_clients=True,
    ),
]

test_anonymous, test_other_office, test_without_role, test_with_role = matrix(CASES)
