"""Permission matrix of the desk: home, 今日 and the client page (see tests/permission_matrix.py)."""

from __future__ import annotations

from ..permission_matrix import Case, matrix

CASES = [
    Case("home", "get", lambda o: "/", "home", "cm_a", None, 0, 302, other_office=302),
    Case("today", "get", lambda o: "/today/", "today", "cm_a", "wcm_a", 403, 200, other_office=200, lists_clients=True),
    Case(
        "today (office)",
        "get",
        lambda o: "/today/?scope=office",
        "today",
        "clerk_a",
        "hr",
        403,
        200,
        other_office=200,
        lists_clients=True,
    ),
    Case(
        "client page",
        "get",
        lambda o: f"/clients/{o['client'].pk}/",
        "client_page",
        "cm_a",
        "wcm_a",
        404,
        200,
        reads_client=True,
    ),
    Case(
        "client page (clerk)",
        "get",
        lambda o: f"/clients/{o['client'].pk}/",
        "client_page",
        "clerk_a",
        "hr",
        404,
        200,
        reads_client=True,
    ),
]

test_anonymous, test_other_office, test_without_role, test_with_role = matrix(CASES)
